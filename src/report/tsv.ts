// genes.tsv and variants.tsv: one row per candidate gene / candidate variant, for spreadsheets
// and scripts. Pure string builders (the web app exports the same files).
import type { GeneResult, PrioritisationResult, RankedVariant } from '../prioritise/model.js'
import { criterionLabel, fmtNum, orderedGenes, tsvField } from './format.js'

export const GENE_COLUMNS = [
  'rank', 'family', 'gene', 'score', 'mode', 'phenotype_score', 'variant_score', 'variants', 'acmg_class', 'panel', 'secondary',
] as const

export const VARIANT_COLUMNS = [
  'rank', 'family', 'gene', 'chrom', 'pos', 'ref', 'alt', 'consequence', 'hgvsc', 'hgvsp', 'genotypes',
  'popmax', 'nhomalt', 'clinvar', 'revel', 'cadd', 'criteria', 'points', 'class', 'mode', 'secondary',
] as const

const opt = (s: string | undefined): string => (s === undefined || s === '' ? '.' : s)
const yesNo = (b: boolean): string => (b ? 'yes' : 'no')

function row(fields: string[]): string {
  return fields.map(tsvField).join('\t') + '\n'
}

/** The ranked genes, then the revealed secondary findings (secondary = yes). */
function allGenes(result: PrioritisationResult): GeneResult[] {
  return [...orderedGenes(result, result.genes), ...orderedGenes(result, result.secondary)]
}

export function genesTsv(result: PrioritisationResult): string {
  let out = row([...GENE_COLUMNS])
  for (const g of allGenes(result)) {
    out += row([
      String(g.rank), g.family, g.gene, fmtNum(g.score), g.mode, fmtNum(g.phenotypeScore), fmtNum(g.variantScore),
      g.variants.map((v) => v.candidate.variant.key).join(';') || '.', g.acmgClass, yesNo(g.panel), yesNo(g.secondary),
    ])
  }
  return out
}

export function variantRow(g: GeneResult, rv: RankedVariant): string[] {
  const v = rv.candidate.variant
  const c = rv.classification
  return [
    String(g.rank), g.family, g.gene, v.chrom, String(v.pos), v.ref, v.alt, opt(v.consequence.join('&')), opt(v.hgvsc), opt(v.hgvsp),
    opt(rv.candidate.genotypes.map((m) => `${m.individual}=${m.gt}`).join(';')),
    fmtNum(v.popmax), fmtNum(v.nhomalt), opt(v.clinvar?.significance), fmtNum(v.revel), fmtNum(v.cadd),
    opt(c.criteria.map(criterionLabel).join(';')), fmtNum(c.points), c.class, rv.mode, yesNo(g.secondary),
  ]
}

export function variantsTsv(result: PrioritisationResult): string {
  let out = row([...VARIANT_COLUMNS])
  for (const g of allGenes(result)) for (const rv of g.variants) out += row(variantRow(g, rv))
  return out
}

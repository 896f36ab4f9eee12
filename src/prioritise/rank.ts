// Genes of one family: the best variant (or compound-het pair) per gene and mode, the gene
// score (scoring.ts), then the ranking (score, then ACMG points, then gene symbol, so that
// equal inputs give equal output), with panel genes restricted or put first.
import type { AcmgClass, Candidate, Classification, CompoundHetPair, GeneResult, InheritanceMode, RankedVariant } from './model.js'
import { geneScore, variantScore } from './scoring.js'

export type PanelMode = 'restrict' | 'first'

export interface RankInput {
  family: string
  candidates: Candidate[]
  pairs: CompoundHetPair[]
  /** The candidate's classification under a mode (and, for compound het, within its pair). */
  classification: (c: Candidate, mode: InheritanceMode, pair?: CompoundHetPair) => Classification
  /** Phenotype score by gene symbol; undefined when the family has no HPO terms. */
  phenotype?: (gene: string) => number
  panel?: Set<string>
  panelMode?: PanelMode
  /** Genes whose findings are secondary (unrelated to the indication). */
  secondary?: (gene: string) => boolean
}

const CLASS_ORDER: AcmgClass[] = ['benign', 'likely_benign', 'uncertain_significance', 'likely_pathogenic', 'pathogenic']
/** The less pathogenic of two classes: a recessive diagnosis is as strong as its weaker allele. */
const weaker = (a: AcmgClass, b: AcmgClass): AcmgClass => (CLASS_ORDER.indexOf(a) <= CLASS_ORDER.indexOf(b) ? a : b)

interface Option { mode: InheritanceMode; variants: RankedVariant[]; variantScore: number; acmg: AcmgClass; points: number }

const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function rankFamily(input: RankInput): GeneResult[] {
  const scores = new Map<Candidate, number>()
  const vs = (c: Candidate): number => {
    let s = scores.get(c)
    if (s === undefined) { s = variantScore(c.variant); scores.set(c, s) }
    return s
  }
  const byGene = new Map<string, Option[]>()
  const push = (gene: string, o: Option) => {
    let l = byGene.get(gene)
    if (!l) { l = []; byGene.set(gene, l) }
    l.push(o)
  }
  for (const c of input.candidates) {
    const gene = c.variant.gene
    if (!gene) continue
    for (const mode of c.modes) {
      if (mode === 'compound_het') continue
      const cls = input.classification(c, mode)
      push(gene, { mode, variants: [{ candidate: c, classification: cls, mode, variantScore: vs(c) }], variantScore: vs(c), acmg: cls.class, points: cls.points })
    }
  }
  for (const p of input.pairs) {
    const a = input.classification(p.first, 'compound_het', p), b = input.classification(p.second, 'compound_het', p)
    const score = (vs(p.first) + vs(p.second)) / 2
    push(p.gene, {
      mode: 'compound_het',
      variants: [
        { candidate: p.first, classification: a, mode: 'compound_het', variantScore: vs(p.first) },
        { candidate: p.second, classification: b, mode: 'compound_het', variantScore: vs(p.second) },
      ],
      variantScore: score, acmg: weaker(a.class, b.class), points: Math.min(a.points, b.points),
    })
  }
  const out: GeneResult[] = []
  for (const [gene, options] of byGene) {
    const pheno = input.phenotype?.(gene)
    let best: (Option & { score: number }) | undefined
    for (const o of options) {
      const score = geneScore(pheno, o.variantScore, o.acmg)
      if (!best || score > best.score || (score === best.score && (o.points > best.points ||
        (o.points === best.points && cmpStr(o.variants[0].candidate.variant.key, best.variants[0].candidate.variant.key) < 0)))) {
        best = { ...o, score }
      }
    }
    if (!best) continue
    const panel = input.panel?.has(gene) ?? false
    if (input.panel && input.panelMode === 'restrict' && !panel) continue
    out.push({
      rank: 0, family: input.family, gene, score: best.score, mode: best.mode, phenotypeScore: pheno ?? 0,
      variantScore: best.variantScore, variants: best.variants, acmgClass: best.acmg, panel,
      secondary: input.secondary?.(gene) ?? false,
    })
  }
  const first = input.panel && input.panelMode !== 'restrict'
  out.sort((a, b) => (first ? Number(b.panel) - Number(a.panel) : 0) || b.score - a.score ||
    Math.min(...b.variants.map((v) => v.classification.points)) - Math.min(...a.variants.map((v) => v.classification.points)) ||
    cmpStr(a.gene, b.gene))
  out.forEach((g, k) => { g.rank = k + 1 })
  return out
}

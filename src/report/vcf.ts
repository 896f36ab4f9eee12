// candidates.vcf: one record per candidate ALT allele, whatever number of families or genes
// rank it. Per-family values (rank, gene, mode, class …) are parallel Number=. lists in the
// order of VT_FAMILY, so a variant shared by two families is one record with two entries; the
// allele's own annotations (consequence, frequencies, scores) are Number=1. Samples are the
// case's sequenced individuals; a sample whose genotype the run did not report at a record
// (another family's member) is '.'. Pure text: the Node writer compresses and indexes it.
import { parseHeader, type VcfHeader } from '../header/header.js'
import type { Candidate, GeneResult, MemberGenotype, PrioritisationResult, RankedVariant } from '../prioritise/model.js'
import { ReportError } from './errors.js'
import { cmp, contigRank, criterionLabel, fmtNum, orderedGenes, vcfInfoValue } from './format.js'

export interface VcfOutRecord {
  chrom: string
  pos: number
  /** 0-based exclusive end (POS - 1 + length of REF), for the index. */
  end: number
  /** The record's text line, newline included. */
  line: string
}

export interface CandidateVcf {
  header: string
  records: VcfOutRecord[]
  /** The longest ##contig length, for the .csi depth. */
  maxContigLength: number
}

export const VCF_INFO: [id: string, number: string, type: string, description: string][] = [
  ['VT_FAMILY', '.', 'String', 'Family of each entry: one entry per family and gene that ranks this allele'],
  ['VT_RANK', '.', 'Integer', 'Rank of the gene within its family, per entry'],
  ['VT_GENE', '.', 'String', 'Gene symbol, per entry'],
  ['VT_MODE', '.', 'String', 'Inheritance mode the gene was ranked under, per entry'],
  ['VT_CLASS', '.', 'String', 'ACMG/AMP class of the allele in that family, per entry'],
  ['VT_POINTS', '.', 'Float', 'ACMG/AMP points (Tavtigian 2020 Bayesian scale), per entry'],
  ['VT_CRITERIA', '.', 'String', 'ACMG/AMP criteria applied, separated by |, per entry'],
  ['VT_SCORE', '.', 'Float', 'Combined gene score, per entry'],
  ['VT_VSCORE', '.', 'Float', 'Variant score, per entry'],
  ['VT_PHENO', '.', 'Float', 'Phenotype score of the gene, per entry'],
  ['VT_SECONDARY', '.', 'Integer', '1 when the entry is a secondary finding (ACMG SF), else 0, per entry'],
  ['VT_CSQ', '1', 'String', 'Sequence Ontology consequence terms of the reported transcript, most severe first, &-separated'],
  ['VT_IMPACT', '1', 'String', 'Impact of the most severe consequence'],
  ['VT_TRANSCRIPT', '1', 'String', 'Transcript the consequence and HGVS refer to'],
  ['VT_HGVSC', '1', 'String', 'HGVS coding notation'],
  ['VT_HGVSP', '1', 'String', 'HGVS protein notation'],
  ['VT_POPMAX', '1', 'Float', 'Population maximum allele frequency (grpmax, else AF)'],
  ['VT_NHOMALT', '1', 'Integer', 'Homozygous (and hemizygous) individuals in the population data'],
  ['VT_CLNSIG', '1', 'String', 'ClinVar clinical significance'],
  ['VT_REVEL', '1', 'Float', 'REVEL score'],
  ['VT_CADD', '1', 'Float', 'CADD PHRED score'],
]

export const VCF_FORMAT: [id: string, number: string, type: string, description: string][] = [
  ['GT', '1', 'String', 'Genotype for this ALT allele (other ALT alleles of the input record written as 0)'],
  ['GQ', '1', 'Integer', 'Genotype quality'],
  ['DP', '1', 'Integer', 'Read depth'],
  ['AD', 'R', 'Integer', 'Allelic depths for the REF and this ALT allele'],
]

interface Entry { g: GeneResult; rv: RankedVariant }

const quote = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

/** Checks what VCF cannot spell before anything is written (a partial output directory helps nobody). */
export function checkVcfWritable(result: PrioritisationResult): void {
  for (const f of result.case.families) for (const m of f.members) {
    if (/[\t\r\n]/.test(m.id)) throw new ReportError(`individual ${JSON.stringify(m.id)} of family ${JSON.stringify(f.id)} has a tab or line break in its id, which a VCF sample name cannot hold`)
  }
  for (const g of [...result.genes, ...result.secondary]) for (const rv of g.variants) {
    const v = rv.candidate.variant
    const where = `variant ${JSON.stringify(v.key)} (gene ${JSON.stringify(g.gene)}, family ${JSON.stringify(g.family)})`
    if (!/^[^\s,;=]+$/.test(v.chrom) || /^[<*]/.test(v.chrom)) throw new ReportError(`${where}: chromosome ${JSON.stringify(v.chrom)} is not a valid VCF contig name`)
    if (!Number.isSafeInteger(v.pos) || v.pos < 1) throw new ReportError(`${where}: position ${v.pos} is not a positive integer`)
    if (!/^[A-Za-z*.]+$/.test(v.ref) || !/^[^\s,;]+$/.test(v.alt)) throw new ReportError(`${where}: REF ${JSON.stringify(v.ref)} / ALT ${JSON.stringify(v.alt)} are not VCF alleles`)
    if (v.filter !== undefined && !/^[^\s]*$/.test(v.filter)) throw new ReportError(`${where}: FILTER ${JSON.stringify(v.filter)} has whitespace`)
    for (const m of rv.candidate.genotypes) {
      if (/[\t\r\n]/.test(m.individual)) throw new ReportError(`${where}: individual ${JSON.stringify(m.individual)} has a tab or line break in its id`)
    }
  }
}

/** Sequenced individuals in VCF column order, then genotyped ones the case does not list. */
function sampleNames(result: PrioritisationResult, entries: Entry[]): string[] {
  const seq = result.case.families.flatMap((f) => f.members).filter((m) => m.sample >= 0)
  const names = [...new Map(seq.sort((a, b) => a.sample - b.sample || cmp(a.id, b.id)).map((m) => [m.id, m])).keys()]
  const known = new Set(names)
  const extra = new Set<string>()
  for (const e of entries) for (const m of e.rv.candidate.genotypes) if (!known.has(m.individual)) extra.add(m.individual)
  return [...names, ...[...extra].sort(cmp)]
}

/**
 * GT for this ALT, as `bcftools norm -m-` writes it: this ALT's allele number becomes 1, the
 * other ALTs 0, phase and ploidy kept. Needs Variant.altIndex when the call names several ALTs
 * ('1/2'); without it such a call is rebuilt from the copy count (its phase order is lost).
 */
function gtFor(m: MemberGenotype, altIndex: number | undefined): string {
  if (altIndex !== undefined && altIndex > 0) {
    const own = String(altIndex)
    return m.gt.replace(/[^/|]+/g, (a) => (a === '.' ? '.' : a === own ? '1' : '0'))
  }
  if (/^[01.]([/|][01.])*$/.test(m.gt)) return m.gt
  const ploidy = m.gt.split(/[/|]/).length
  if (m.altCopies < 0) return Array(ploidy).fill('.').join('/')
  const alleles = Array.from({ length: ploidy }, (_, i) => (i >= ploidy - m.altCopies ? '1' : '0'))
  return alleles.join(m.phased ? '|' : '/')
}

function sampleField(m: MemberGenotype | undefined, altIndex: number | undefined): string {
  if (!m) return '.'
  const int = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '.' : String(Math.round(x)))
  return [gtFor(m, altIndex), int(m.gq), int(m.dp), m.ad ? `${int(m.ad[0])},${int(m.ad[1])}` : '.'].join(':')
}

export function candidatesVcf(result: PrioritisationResult, opts: { vcfHeader?: VcfHeader | string } = {}): CandidateVcf {
  checkVcfWritable(result)
  const input = typeof opts.vcfHeader === 'string' ? parseHeader(opts.vcfHeader, 'input VCF header') : opts.vcfHeader
  const byKey = new Map<string, Entry[]>()
  for (const g of [...orderedGenes(result, result.genes), ...orderedGenes(result, result.secondary)]) {
    for (const rv of g.variants) {
      const k = rv.candidate.variant.key
      const list = byKey.get(k)
      if (list) list.push({ g, rv })
      else byKey.set(k, [{ g, rv }])
    }
  }
  const all = [...byKey.values()].flat()
  const samples = sampleNames(result, all)

  // contigs: the input header's, in its order, then any others in chromosome order
  const contigs = new Map<string, number | undefined>()
  for (const c of input?.contigs ?? []) contigs.set(c.id, c.length)
  const extra = [...new Set(all.map((e) => e.rv.candidate.variant.chrom).filter((c) => !contigs.has(c)))]
  extra.sort((a, b) => { const x = contigRank(a), y = contigRank(b); return x[0] - y[0] || cmp(x[1], y[1]) })
  for (const c of extra) contigs.set(c, undefined)
  const contigIndex = new Map([...contigs.keys()].map((c, i) => [c, i]))

  const filters = new Map<string, string>([['PASS', 'All filters passed']])
  for (const e of all) {
    for (const f of (e.rv.candidate.variant.filter ?? '').split(';')) {
      if (f && f !== '.' && !filters.has(f)) filters.set(f, input?.filters.get(f) ?? 'Filter of the input VCF')
    }
  }

  const h: string[] = ['##fileformat=VCFv4.3']
  for (const [id, d] of filters) h.push(`##FILTER=<ID=${id},Description="${quote(d)}">`)
  for (const [id, n, t, d] of VCF_INFO) h.push(`##INFO=<ID=${id},Number=${n},Type=${t},Description="${quote(d)}">`)
  for (const [id, n, t, d] of VCF_FORMAT) h.push(`##FORMAT=<ID=${id},Number=${n},Type=${t},Description="${quote(d)}">`)
  for (const [id, len] of contigs) h.push(len === undefined ? `##contig=<ID=${id}>` : `##contig=<ID=${id},length=${len}>`)
  const ref = input?.meta.find((m) => m.startsWith('reference='))
  if (ref) h.push(`##${ref}`)
  h.push(`##source=${result.tool.name} ${result.tool.version} prioritise`)
  h.push(['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', ...(samples.length > 0 ? ['FORMAT', ...samples] : [])].join('\t'))

  const groups = [...byKey.values()].map((entries) => ({ entries, v: entries[0].rv.candidate.variant }))
  groups.sort((a, b) => contigIndex.get(a.v.chrom)! - contigIndex.get(b.v.chrom)! || a.v.pos - b.v.pos || cmp(a.v.ref, b.v.ref) || cmp(a.v.alt, b.v.alt))

  const records: VcfOutRecord[] = groups.map(({ entries, v }) => {
    const list = (f: (e: Entry) => string): string => entries.map((e) => vcfInfoValue(f(e))).join(',')
    const info: string[] = [
      `VT_FAMILY=${list((e) => e.g.family)}`,
      `VT_RANK=${list((e) => String(e.g.rank))}`,
      `VT_GENE=${list((e) => e.g.gene)}`,
      `VT_MODE=${list((e) => e.rv.mode)}`,
      `VT_CLASS=${list((e) => e.rv.classification.class)}`,
      `VT_POINTS=${list((e) => fmtNum(e.rv.classification.points))}`,
      `VT_CRITERIA=${list((e) => e.rv.classification.criteria.map(criterionLabel).join('|') || '.')}`,
      `VT_SCORE=${list((e) => fmtNum(e.g.score))}`,
      `VT_VSCORE=${list((e) => fmtNum(e.rv.variantScore))}`,
      `VT_PHENO=${list((e) => fmtNum(e.g.phenotypeScore))}`,
      `VT_SECONDARY=${list((e) => (e.g.secondary ? '1' : '0'))}`,
    ]
    const one = (id: string, s: string | undefined): void => { if (s !== undefined && s !== '' && s !== '.') info.push(`${id}=${vcfInfoValue(s)}`) }
    one('VT_CSQ', v.consequence.join('&'))
    one('VT_IMPACT', v.impact)
    one('VT_TRANSCRIPT', v.transcript)
    one('VT_HGVSC', v.hgvsc)
    one('VT_HGVSP', v.hgvsp)
    one('VT_POPMAX', fmtNum(v.popmax))
    one('VT_NHOMALT', v.nhomalt === undefined ? undefined : fmtNum(v.nhomalt))
    one('VT_CLNSIG', v.clinvar?.significance)
    one('VT_REVEL', fmtNum(v.revel))
    one('VT_CADD', fmtNum(v.cadd))
    const calls = new Map<string, MemberGenotype>()
    for (const e of entries) for (const m of (e.rv.candidate as Candidate).genotypes) if (!calls.has(m.individual)) calls.set(m.individual, m)
      // QUAL to the 6 significant digits htslib prints (its float32 holds no more), not fmtNum's 4
    const cols = [
      v.chrom, String(v.pos), v.id && /^[^\s;]+$/.test(v.id) ? v.id : '.', v.ref, v.alt,
      v.qual === undefined || !Number.isFinite(v.qual) ? '.' : String(Number(v.qual.toPrecision(6))), v.filter && v.filter !== '' ? v.filter : '.', info.join(';'),
    ]
    if (samples.length > 0) cols.push('GT:GQ:DP:AD', ...samples.map((s) => sampleField(calls.get(s), v.altIndex)))
    return { chrom: v.chrom, pos: v.pos, end: v.pos - 1 + Math.max(1, v.ref.length), line: cols.join('\t') + '\n' }
  })
  const lengths = [...contigs.values()].filter((l): l is number => l !== undefined)
  return { header: h.join('\n') + '\n', records, maxContigLength: Math.max(0, ...lengths) }
}

/** The whole VCF as text (what the browser app offers for download, uncompressed). */
export function candidatesVcfText(result: PrioritisationResult, opts: { vcfHeader?: VcfHeader | string } = {}): string {
  const v = candidatesVcf(result, opts)
  return v.header + v.records.map((r) => r.line).join('')
}

// Small formatting rules every output shares, so that a number or a criterion reads the same in
// the TSV, the VCF and the HTML report, and two runs write the same bytes.
import type { GeneResult, PrioritisationResult } from '../prioritise/model.js'

/**
 * Numbers for people (TSV, VCF, HTML): integers as they are, other values to 4 significant
 * digits in JavaScript's shortest form (0.00012, 1.23e-7), which ECMAScript fixes exactly, so
 * the text does not depend on the platform. Missing and non-finite values are '.'.
 */
export function fmtNum(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '.'
  if (Number.isInteger(x)) return String(x === 0 ? 0 : x)
  // round(|x|·10^k)/10^k is the double nearest the 4-digit decimal, so String() prints just
  // those digits; 1.6x faster than toPrecision, which stays for the extremes
  const a = Math.abs(x)
  const k = 3 - Math.floor(Math.log10(a))
  const r = k >= 0 && k <= 22 ? Math.round(a * POW10[k]) / POW10[k] : Number(a.toPrecision(4))
  return r === 0 ? '0' : String(x < 0 ? -r : r)
}
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i)

/** HTML text and attribute values (all five characters, so single-quoted attributes are safe too). */
export function escHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/**
 * One TSV field. Tabs and line breaks would shift columns or rows, so they are written as
 * backslash escapes (\t, \n, \r, and \\ for a backslash), the convention of PostgreSQL COPY
 * and `readr`'s `escape_backslash`; ordinary values are unchanged.
 */
export function tsvField(s: string): string {
  return /[\t\n\r\\]/.test(s) ? s.replace(/[\t\n\r\\]/g, (c) => ({ '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' })[c]!) : s
}

/**
 * One VCF INFO value, percent-encoded as VCF 4.3 §1.2 asks for the characters that carry
 * meaning in INFO (: ; = % , and whitespace); bcftools passes them through unchanged.
 */
const VCF_SPECIAL = /[%:;=,\t\n\r ]/
export function vcfInfoValue(s: string): string {
  return !VCF_SPECIAL.test(s) ? s : s.replace(/[%:;=,\t\n\r ]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'))
}

// One notation for criteria everywhere (ClinGen's, e.g. PM2_Supporting): the evidence module's.
export { criterionLabel } from '../acmg/points.js'

/** Family ids in the order the case lists them (then any others, sorted). */
export function familyOrder(result: PrioritisationResult): Map<string, number> {
  const order = new Map<string, number>()
  for (const f of result.case.families) if (!order.has(f.id)) order.set(f.id, order.size)
  const extra = [...result.genes, ...result.secondary].map((g) => g.family).filter((f) => !order.has(f))
  for (const f of [...new Set(extra)].sort()) order.set(f, order.size)
  return order
}

/**
 * Genes as every output lists them: by family (case order), then rank, then symbol, so the
 * output does not depend on the order the pipeline happened to produce them in.
 */
export function orderedGenes(result: PrioritisationResult, genes: GeneResult[]): GeneResult[] {
  const fam = familyOrder(result)
  return genes.map((g, i) => ({ g, i })).sort((a, b) =>
    (fam.get(a.g.family)! - fam.get(b.g.family)!) || (a.g.rank - b.g.rank) || cmp(a.g.gene, b.g.gene) || (a.i - b.i)).map((x) => x.g)
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Sex-chromosome-aware contig order for VCF output without a header: 1..22, X, Y, M, then others by name. */
export function contigRank(name: string): [number, string] {
  const bare = name.replace(/^chr/i, '')
  if (/^\d+$/.test(bare)) return [Number(bare), '']
  const special: Record<string, number> = { X: 1000, Y: 1001, M: 1002, MT: 1002 }
  const s = special[bare.toUpperCase()]
  return s !== undefined ? [s, ''] : [2000, name]
}

// Masking before anything is written: maskResults() splits ranked genes into what may be
// shown (related, secondary) and a count of what may not, and returns a MaskSet of every
// string that would identify a masked finding (gene symbol, Ensembl ids, variant key, the
// position in VCF/TSV/locus notation, HGVS). Writers call mask.assertClean(bytes, name) on
// each output, and mask.redact(text) on free text such as log lines.
import { VartriageError } from '../errors.js'
import type { Candidate, GeneResult } from '../prioritise/model.js'
import type { ConsentPolicy } from './policy.js'

/** A masked gene or variant appears in an output. The message gives the byte offset, never the masked text. */
export class ConsentLeakError extends VartriageError {}

export interface MaskResult {
  /** Related findings, re-ranked 1..n within each family (gaps would hint where a masked one was). */
  visible: GeneResult[]
  /** Secondary findings (consent 'related+secondary' only), ranked within each family. */
  secondary: GeneResult[]
  masked: { count: number }
  mask: MaskSet
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const WORD = (s: string) => `(?<![A-Za-z0-9_.-])${esc(s)}(?![A-Za-z0-9_-])`

export class MaskSet {
  readonly genes = new Set<string>()
  readonly variants = new Set<string>()
  /** Other identifiers: Ensembl gene/transcript ids, HGVS strings. */
  readonly ids = new Set<string>()
  /** `family<TAB>key` of every masked finding's variants, including keys shown for other families. */
  private readonly byFamily = new Set<string>()
  private re?: RegExp

  /**
   * Whether a family's call at a variant is masked. Writers of multi-family outputs (a VCF
   * with every sample's genotype) ask this per family even for variants shown for another.
   */
  isMasked(family: string, key: string): boolean { return this.byFamily.has(`${family}\t${key}`) }
  markFamily(family: string, key: string): void { this.byFamily.add(`${family}\t${key}`) }

  get size(): number { return this.genes.size + this.variants.size + this.ids.size }

  addVariant(c: Candidate): void {
    const v = c.variant
    this.variants.add(v.key)
    for (const x of [v.hgvsc, v.hgvsp]) if (x) { this.ids.add(x); this.ids.add(x.slice(x.indexOf(':') + 1)) }
    if (v.geneId) this.ids.add(v.geneId)
    this.re = undefined
  }

  addGene(symbol: string): void { this.genes.add(symbol); this.re = undefined }

  private pattern(): RegExp {
    if (this.re) return this.re
    const alts: string[] = []
    for (const g of this.genes) alts.push(WORD(g))
    for (const id of this.ids) alts.push(WORD(id))
    for (const k of this.variants) {
      const [chrom, pos, ref, alt] = k.split(':')
      const c = `(?:chr)?${esc(chrom.replace(/^chr/, ''))}`
      alts.push(`(?<![A-Za-z0-9_])${c}:${pos}(?![0-9])`) // the key, chr17:43045712, chr17:43045712-…
      alts.push(`(?<![A-Za-z0-9_])${c}:${esc(Number(pos).toLocaleString('en-US'))}(?![0-9,])`) // chr17:43,045,712 in reports
      alts.push(`(?<![A-Za-z0-9_])${c}\\t${pos}\\t(?:[^\\t\\n]*\\t)?${esc(ref)}\\t(?:[^\\t\\n]*,)?${esc(alt)}(?=[\\t,\\n]|$)`) // TSV and VCF lines
    }
    this.re = alts.length ? new RegExp(alts.join('|'), 'g') : /(?!)/g
    return this.re
  }

  /** Byte offsets (in the UTF-8 text) of every masked identifier in an output. */
  find(output: string | Uint8Array): number[] {
    const text = typeof output === 'string' ? output : new TextDecoder().decode(output)
    const re = this.pattern()
    re.lastIndex = 0
    const out: number[] = []
    const enc = new TextEncoder()
    for (const m of text.matchAll(re)) out.push(enc.encode(text.slice(0, m.index)).length)
    return out
  }

  /** Throws ConsentLeakError when an output names a masked finding. */
  assertClean(output: string | Uint8Array, name: string): void {
    const at = this.find(output)
    if (at.length) throw new ConsentLeakError(`names a finding masked by consent (${at.length} place${at.length > 1 ? 's' : ''})`, { file: name, offset: at[0] })
  }

  /** Replaces every masked identifier by '[masked]' (for log lines and free text). */
  redact(text: string): string {
    return text.replace(this.pattern(), '[masked]')
  }
}

function rerank(genes: GeneResult[]): GeneResult[] {
  const next = new Map<string, number>()
  return genes.map((g) => {
    const r = (next.get(g.family) ?? 0) + 1
    next.set(g.family, r)
    return { ...g, rank: r }
  })
}

/**
 * Applies consent to ranked results (in rank order). `candidates`: every candidate variant of
 * the run, so that variants of a masked gene other than its best ones are masked too.
 * `phenotypeBest`: per family, the score of the K-th best phenotype match over every annotated
 * gene (not only the candidates): SF genes scoring at least that are related (ConsentPolicy.decide).
 */
export function maskResults(genes: readonly GeneResult[], policy: ConsentPolicy, candidates: readonly Candidate[] = [],
  phenotypeBest?: ReadonlyMap<string, number>): MaskResult {
  const visible: GeneResult[] = [], secondary: GeneResult[] = [], masked: GeneResult[] = []
  for (const g of genes) {
    const d = policy.decide(g, phenotypeBest?.get(g.family)).disposition
    if (d === 'related') visible.push({ ...g, secondary: false })
    else if (d === 'secondary') secondary.push({ ...g, secondary: true })
    else masked.push(g)
  }
  const mask = new MaskSet()
  const shown = new Set([...visible, ...secondary].map((g) => g.gene))
  const maskedFamilyGenes = new Set(masked.map((g) => `${g.family}\t${g.gene}`))
  const shownKeys = new Set([...visible, ...secondary].flatMap((g) => g.variants.map((v) => v.candidate.variant.key)))
  for (const g of masked) {
    // a symbol shown for another family (where it is related) is not a leak; its variants here still are
    if (!shown.has(g.gene)) mask.addGene(g.gene)
    for (const v of g.variants) {
      mask.markFamily(g.family, v.candidate.variant.key)
      if (!shownKeys.has(v.candidate.variant.key)) mask.addVariant(v.candidate)
    }
  }
  for (const c of candidates) {
    if (!c.variant.gene || !maskedFamilyGenes.has(`${c.family}\t${c.variant.gene}`)) continue
    mask.markFamily(c.family, c.variant.key)
    if (!shownKeys.has(c.variant.key)) mask.addVariant(c)
  }
  for (const g of [...visible, ...secondary]) for (const v of g.variants) if (v.candidate.variant.geneId) mask.ids.delete(v.candidate.variant.geneId)
  return { visible: rerank(visible), secondary: rerank(secondary), masked: { count: masked.length }, mask }
}

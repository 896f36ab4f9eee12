// The inheritance scanner: one pass over a RecordBatch's columns (GT, GQ, DP, AD) deciding,
// per ALT allele and per family, which modes the family's genotypes are compatible with.
// Output is columnar (record, allele, family, mode bits, parental origin); objects are made
// only for the rows a caller materialises (candidates()). Rules: docs/inheritance.md.
import type { RecordBatch, FormatColumn } from '../batch/batch.js'
import { GT_VECTOR_END } from '../batch/batch.js'
import type { VcfHeader } from '../header/header.js'
import { DEFAULT_QUALITY, type Candidate, type Case, type MemberGenotype, type QualityThresholds } from '../prioritise/model.js'
import { ContigKinds, KIND_AUTOSOME, KIND_MT, KIND_X } from './contigs.js'
import { AFF_NO, AFF_YES, SEX_FEMALE, SEX_MALE, layoutFamilies, type FamilyLayout } from './family-layout.js'
import { AD, AR_HOM, COMP_HET, DE_NOVO, MITO, XLD, XLR, modesOf } from './modes.js'

/** Parental origin codes in ScanResult.from. */
export const FROM_UNKNOWN = 0, FROM_FATHER = 1, FROM_MOTHER = 2

/** One row per (record, ALT allele, family) compatible with at least one mode. */
export interface ScanResult {
  n: number
  /** Record index within the batch. */
  record: Int32Array
  /** ALT allele index (1-based: 1 is the first ALT). */
  alt: Int32Array
  /** Family index (into kase.families). */
  family: Int32Array
  /** Mode bits (src/inheritance/modes.ts). */
  modes: Uint8Array
  /** Compound-het candidates in trios: which parent carries the allele (FROM_*). */
  from: Uint8Array
}

export interface ScannerOptions { quality?: Partial<QualityThresholds> }

/** FORMAT tags the scanner reads (ask the reader to decode those the header declares). */
export const SCANNER_FORMAT = ['GT', 'GQ', 'DP', 'AD', 'PS'] as const

export class InheritanceScanner {
  readonly q: QualityThresholds
  readonly layout: FamilyLayout
  private readonly kinds: ContigKinds
  // per-member scratch for the allele being looked at
  private readonly cp: Int32Array
  private readonly ok: Uint8Array
  private readonly refOnly: Uint8Array
  private readonly altReads: Float64Array
  private readonly ploidy: Uint8Array
  private cap = 1024
  private out: ScanResult

  constructor(readonly kase: Case, readonly header: VcfHeader, opts: ScannerOptions = {}) {
    this.q = { ...DEFAULT_QUALITY, ...opts.quality }
    this.layout = layoutFamilies(kase)
    this.kinds = new ContigKinds(header)
    const m = this.layout.sample.length
    this.cp = new Int32Array(m); this.ok = new Uint8Array(m); this.refOnly = new Uint8Array(m); this.altReads = new Float64Array(m)
    this.ploidy = new Uint8Array(m)
    this.out = this.alloc(this.cap)
  }

  /** The FORMAT tags to decode for this header. */
  formatTags(): string[] { return SCANNER_FORMAT.filter((t) => t === 'GT' || this.header.format.has(t)) }

  private alloc(cap: number): ScanResult {
    return { n: 0, record: new Int32Array(cap), alt: new Int32Array(cap), family: new Int32Array(cap), modes: new Uint8Array(cap), from: new Uint8Array(cap) }
  }

  private push(i: number, a: number, f: number, modes: number, from: number): void {
    let o = this.out
    if (o.n === this.cap) {
      this.cap *= 2
      const g = this.alloc(this.cap)
      g.record.set(o.record); g.alt.set(o.alt); g.family.set(o.family); g.modes.set(o.modes); g.from.set(o.from)
      g.n = o.n
      this.out = o = g
    }
    const k = o.n++
    o.record[k] = i; o.alt[k] = a; o.family[k] = f; o.modes[k] = modes; o.from[k] = from
  }

  /** Scans the selected records of a batch (read with formatTags()). The result is this batch's own. */
  scan(b: RecordBatch): ScanResult {
    this.out = this.alloc(this.cap)
    const gt = b.formatColumn('GT')
    if (!gt) return this.out
    this.kinds.update(b)
    const generation = b.generation
    const gq = b.formatColumn('GQ'), dp = b.formatColumn('DP'), ad = b.formatColumn('AD')
    const L = this.layout
    const sel = b.selected, nAllele = b.nAllele, chromId = b.chromId, pos = b.pos
    const i32 = b.i32
    for (let i = 0; i < b.n; i++) {
      if (sel && !sel[i]) continue
      const stride = gt.stride[i]
      if (stride === 0) continue
      const kind = this.kinds.kind(chromId[i])
      const nonParX = kind === KIND_X && this.kinds.nonParX(chromId[i], pos[i])
      const effective = kind === KIND_X && !nonParX ? KIND_AUTOSOME : kind
      if (effective !== KIND_AUTOSOME && effective !== KIND_X && effective !== KIND_MT) continue
      const at = gt.at[i]
      for (let f = 0; f < L.families; f++) {
        const p = L.proband[f]
        if (p < 0) continue
        // quick reject: the proband carries no ALT at all
        const pb = at + L.sample[p] * stride
        let carries = false
        for (let k = 0; k < stride; k++) { const g = i32[pb + k]; if (g === GT_VECTOR_END) break; if ((g >> 1) > 1) { carries = true; break } }
        if (!carries) continue
        for (let a = 1; a < nAllele[i]; a++) {
          this.gather(b, i, a, f, stride, at, gq, dp, ad, nonParX, effective === KIND_MT)
          if (this.cp[p] <= 0) continue
          const modes = effective === KIND_MT ? this.mito(f) : effective === KIND_X ? this.xLinked(f) : this.autosomal(f)
          if (modes !== 0) this.push(i, a, f, modes, (modes & COMP_HET) ? this.origin(f) : 0)
        }
      }
    }
    b.checkGeneration(generation)
    return this.out
  }

  /** Copies, quality and parental alt reads of allele a for every member of family f. */
  private gather(b: RecordBatch, i: number, a: number, f: number, stride: number, at: number,
    gq: FormatColumn | undefined, dp: FormatColumn | undefined, ad: FormatColumn | undefined, nonParX: boolean, mt: boolean): void {
    const L = this.layout, q = this.q, i32 = b.i32, f64 = b.f64
    const gqS = gq ? gq.stride[i] : 0, dpS = dp ? dp.stride[i] : 0, adS = ad ? ad.stride[i] : 0
    for (let m = L.start[f]; m < L.start[f + 1]; m++) {
      const s = L.sample[m]
      const base = at + s * stride
      let copies = 0, ploidy = 0, missing = false, ro = true
      for (let k = 0; k < stride; k++) {
        const g = i32[base + k]
        if (g === GT_VECTOR_END) break
        ploidy++
        const al = (g >> 1) - 1
        if (al < 0) { missing = true; continue }
        if (al !== 0) ro = false
        if (al === a) copies++
      }
      this.refOnly[m] = ro && !missing ? 1 : 0
      this.ploidy[m] = ploidy
      if (missing || ploidy === 0) { this.cp[m] = -1; this.ok[m] = 0; this.altReads[m] = NaN; continue }
      this.cp[m] = copies
      let pass = true
      if (gqS > 0 && !(f64[gq!.at[i] + s * gqS] >= q.minGq)) pass = false
      let refR = NaN, altR = NaN
      if (adS > a) { refR = f64[ad!.at[i] + s * adS]; altR = f64[ad!.at[i] + s * adS + a] }
      this.altReads[m] = altR
      let depth = dpS > 0 ? f64[dp!.at[i] + s * dpS] : NaN
      if (depth !== depth && adS > 0) { depth = 0; for (let k = 0; k < adS; k++) { const v = f64[ad!.at[i] + s * adS + k]; if (v === v) depth += v } }
      if (depth === depth && !(depth >= q.minDp)) pass = false
      if (pass && !mt && refR === refR && altR === altR) {
        const tot = refR + altR
        const ab = tot > 0 ? altR / tot : 0
        // a male's non-PAR X call is hemizygous however the caller wrote it
        const hom = copies === ploidy || (nonParX && L.sex[m] === SEX_MALE && copies > 0)
        // hom-ref: AB <= homRefAb, or fewer than parentMaxAltReads alt reads (one stray read
        // at low depth is a sequencing error, and the de novo rule allows it by the same bound)
        if (copies === 0) { if (ab > q.homRefAb && altR >= q.parentMaxAltReads) pass = false }
        // hom-alt (and hemizygous): AB >= homAltAb, or fewer than parentMaxAltReads REF reads
        // (the same one-stray-read allowance as hom-ref)
        else if (hom) { if (ab < q.homAltAb && refR >= q.parentMaxAltReads) pass = false }
        else if (ab < q.hetAb[0] || ab > q.hetAb[1]) pass = false
      }
      this.ok[m] = pass ? 1 : 0
    }
  }

  private parentsRef(f: number): boolean {
    const L = this.layout, fa = L.father[f], mo = L.mother[f]
    if (fa < 0 || mo < 0) return false
    const max = this.q.parentMaxAltReads
    for (const x of [fa, mo]) {
      if (!this.refOnly[x] || !this.ok[x]) return false
      const r = this.altReads[x]
      if (r === r && r >= max) return false
    }
    return true
  }

  private autosomal(f: number): number {
    const L = this.layout, cp = this.cp, ok = this.ok
    let ad = AD, ar = AR_HOM, ch = COMP_HET
    for (let m = L.start[f]; m < L.start[f + 1]; m++) {
      const aff = L.affected[m], c = cp[m]
      if (aff === AFF_YES) {
        if (!ok[m]) return 0
        if (c !== 1) { ad = 0; ch = 0 }
        if (c !== 2) ar = 0
      } else if (aff === AFF_NO) {
        if (!ok[m]) return this.deNovo(f, 0)
        if (c !== 0) ad = 0
        if (c === 2 || c < 0) { ar = 0; ch = 0 }
      }
    }
    // recessive homozygous: sequenced unaffected parents are carriers
    for (const x of [L.father[f], L.mother[f]]) if (x >= 0 && L.affected[x] !== AFF_YES && cp[x] !== 1) ar = 0
    if (ch && L.father[f] >= 0 && L.mother[f] >= 0) {
      const fc = cp[L.father[f]], mc = cp[L.mother[f]]
      // phase by inheritance: exactly one parent carries it, or neither (de novo)
      if (!((fc === 1 && mc === 0) || (fc === 0 && mc === 1) || (fc === 0 && mc === 0))) ch = 0
    }
    return this.deNovo(f, ad | ar | ch)
  }

  /**
   * Adds the de novo bit: a het proband (hemizygous for a male on non-PAR X), both parents
   * hom-ref with < N alt reads, other unaffected members without the allele.
   */
  private deNovo(f: number, modes: number, x = false): number {
    const L = this.layout, p = L.proband[f]
    const male = L.sex[p] === SEX_MALE || (L.sex[p] !== SEX_FEMALE && this.hemi(p))
    const het = x && male ? this.cp[p] >= 1 : this.cp[p] === 1
    if (!het || !this.ok[p] || !this.parentsRef(f)) return modes
    for (let m = L.start[f]; m < L.start[f + 1]; m++) if (L.affected[m] === AFF_NO && m !== L.father[f] && m !== L.mother[f] && this.cp[m] !== 0) return modes
    return modes | DE_NOVO
  }

  private xLinked(f: number): number {
    const L = this.layout, cp = this.cp, ok = this.ok
    let xlr = XLR, xld = XLD, ch = COMP_HET
    for (let m = L.start[f]; m < L.start[f + 1]; m++) {
      const aff = L.affected[m], c = cp[m]
      const male = L.sex[m] === SEX_MALE || (L.sex[m] !== SEX_FEMALE && this.hemi(m))
      if (aff === AFF_YES) {
        if (!ok[m]) return 0
        if (male) { if (c < 1) { xlr = 0; xld = 0 } ch = 0 } else {
          if (c !== 2) xlr = 0
          if (c < 1) xld = 0
          if (c !== 1) ch = 0
        }
      } else if (aff === AFF_NO) {
        if (!ok[m]) return this.deNovo(f, 0, true)
        if (c !== 0) xld = 0
        if (male ? c !== 0 : c === 2) { xlr = 0; ch = 0 }
        if (c < 0) { xlr = 0; xld = 0; ch = 0 }
      }
    }
    if (ch && L.father[f] >= 0 && L.mother[f] >= 0) {
      const fc = cp[L.father[f]], mc = cp[L.mother[f]]
      if (!((fc === 0 && mc === 1) || (fc === 0 && mc === 0))) ch = 0
    }
    return this.deNovo(f, xlr | xld | ch, true)
  }

  /** A haploid call: how a male's X is written when the sex is not declared. */
  private hemi(m: number): boolean { return this.ploidy[m] === 1 }

  private mito(f: number): number {
    const p = this.layout.proband[f]
    return this.cp[p] >= 1 && this.ok[p] ? MITO : 0
  }

  private origin(f: number): number {
    const L = this.layout
    if (L.father[f] < 0 || L.mother[f] < 0) {
      if (L.father[f] >= 0 && this.cp[L.father[f]] === 1) return FROM_FATHER
      if (L.mother[f] >= 0 && this.cp[L.mother[f]] === 1) return FROM_MOTHER
      return FROM_UNKNOWN
    }
    const fc = this.cp[L.father[f]], mc = this.cp[L.mother[f]]
    return fc === 1 && mc === 0 ? FROM_FATHER : mc === 1 && fc === 0 ? FROM_MOTHER : FROM_UNKNOWN
  }

  /**
   * Candidate objects for the rows of a scan (the batch must still be current): the variant
   * from the record only (annotation fields empty, consequence [] and impact MODIFIER), every
   * sequenced member's genotype, the modes, parentage and origin.
   */
  candidates(b: RecordBatch, r: ScanResult, rows?: Iterable<number>): Candidate[] {
    const out: Candidate[] = []
    const L = this.layout
    const gtc = b.formatColumn('GT'), gq = b.formatColumn('GQ'), dp = b.formatColumn('DP'), ad = b.formatColumn('AD'), ps = b.formatColumn('PS')
    const num = (c: FormatColumn | undefined, i: number, s: number, k = 0): number | undefined => {
      if (!c || c.stride[i] <= k) return undefined
      const v = b.f64[c.at[i] + s * c.stride[i] + k]
      return v === v ? v : undefined
    }
    for (const k of rows ?? range(r.n)) {
      const i = r.record[k], a = r.alt[k], f = r.family[k]
      const fam = this.kase.families[f]
      const chrom = b.chrom(i), pos = b.pos[i], ref = b.ref(i), alt = b.alt(i).split(',')[a - 1]
      const id = b.id(i), filter = b.filter(i), qual = b.qual(i)
      // quality verdicts of the scan, recomputed for this row's allele
      const kind = this.kinds.kind(b.chromId[i])
      this.gather(b, i, a, f, gtc!.stride[i], gtc!.at[i], gq, dp, ad, this.kinds.nonParX(b.chromId[i], pos), kind === KIND_MT)
      const genotypes: MemberGenotype[] = []
      for (let m = L.start[f]; m < L.start[f + 1]; m++) {
        const s = L.sample[m]
        const text = b.genotype(i, s, gtc) ?? '.'
        const refR = num(ad, i, s, 0), altR = num(ad, i, s, a)
        const g: MemberGenotype = {
          individual: L.individuals[m].id, gt: text, altCopies: this.cp[m], pass: this.ok[m] === 1, phased: text.includes('|'),
        }
        const gqv = num(gq, i, s), dpv = num(dp, i, s), psv = num(ps, i, s)
        if (gqv !== undefined) g.gq = gqv
        if (dpv !== undefined) g.dp = dpv
        if (refR !== undefined && altR !== undefined) g.ad = [refR, altR]
        if (psv !== undefined) g.phaseSet = psv
        genotypes.push(g)
      }
      const modes = modesOf(r.modes[k])
      const c: Candidate = {
        variant: { key: `${chrom}:${pos}:${ref}:${alt}`, chrom, pos, ref, alt, consequence: [], impact: 'MODIFIER',
          ...(id !== '.' ? { id } : {}), ...(filter !== '.' ? { filter } : {}), ...(qual !== undefined ? { qual } : {}) },
        family: fam.id, genotypes, modes,
      }
      if (r.modes[k] & DE_NOVO) c.parentageConfirmed = fam.parentageConfirmed ?? false
      if (r.from[k] === FROM_FATHER) c.from = 'father'
      else if (r.from[k] === FROM_MOTHER) c.from = 'mother'
      out.push(c)
    }
    return out
  }
}

function* range(n: number): Generator<number> { for (let k = 0; k < n; k++) yield k }

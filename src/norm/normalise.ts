// The normaliser: batches in, normalised VCF lines out, in bcftools norm's order, with its
// counts. Per record: split (-m-), set REF (-c s), realign against the reference, then a
// local re-sort by position (bcftools' site window). Records that do not change are copied
// as bytes; only split, realigned or fixed records are taken apart and re-serialised.
import type { RecordBatch } from '../batch/batch.js'
import type { VcfHeader } from '../header/header.js'
import type { Reference } from '../reference/fasta.js'
import { VcfParseError } from '../errors.js'
import { Col } from '../wasm/core.js'
import { VT_INDEL, VT_SNP } from './alleles.js'
import { NeedSequence, realign, type SequenceFn } from './realign.js'
import { Canon, parseRecord, type TextRecord } from './record.js'
import { ByteCanon } from './canon-bytes.js'
import { Splitter } from './split.js'
import { fixDupAlt, fixRef, type FixCounts } from './fixref.js'
import { iupacToN } from './alleles.js'
import { Resorter, type NormSink, type Pending } from './resort.js'

/** -m-TYPE: which multi-allelic records are split ('none': none). */
export type SplitMode = 'none' | 'both' | 'any' | 'snps' | 'indels'

export interface NormOptions {
  /** Split multi-allelic records (bcftools -m-, -m-snps, -m-indels, -m-both); default 'both'. */
  split?: SplitMode
  /**
   * bcftools --check-ref letters: e (error, the default), w (warn), x (exclude), s (set REF
   * from the reference); w, x and s combine, e overrides them.
   */
  checkRef?: string
  /** Sites this far apart (bp) are never re-ordered (bcftools --site-win, default 1000). */
  siteWindow?: number
  /** Warning lines (REF_MISMATCH, NON_ACGTN_REF, NON_ACGTN_ALT, ALT_DUP), as bcftools prints them. */
  onWarning?: (line: string) => void
  /** Records go here in input order instead of through the re-sort buffer (push then returns nothing). */
  sink?: NormSink
}

export interface NormCounts {
  /** Input records. */
  total: number
  /** Input records split into bi-allelic ones. */
  split: number
  /** Output records whose position or REF changed by realignment. */
  realigned: number
  /** Records left out (REF mismatch with -c x). */
  skipped: number
  /** With -c s: records checked, REF/ALT swaps undone, REF alleles set. */
  ref?: FixCounts
}

const EXIT = 1, WARN = 2, SKIP = 4, FIX = 8

/** bcftools' --check-ref letters as flags. */
export function checkRefFlags(letters: string): number {
  if (!/^[ewxs]+$/.test(letters)) throw new VcfParseError(`--check-ref expects e, w, x or s (or a combination of w, x, s), got "${letters}"`)
  if (letters.includes('e')) return EXIT
  return (letters.includes('w') ? WARN : 0) | (letters.includes('x') ? SKIP : 0) | (letters.includes('s') ? FIX : 0)
}

const upper = (c: number): number => (c >= 97 && c <= 122 ? c - 32 : c)
const isAcgtn = (c: number): boolean => c === 65 || c === 67 || c === 71 || c === 84 || c === 78

export class Normaliser {
  readonly counts: NormCounts
  private readonly check: number
  private readonly split: SplitMode
  private readonly window: number
  private readonly splitter: Splitter
  private readonly canon: Canon
  private readonly bytesCanon: ByteCanon
  // the re-sort buffer, unless records go to a sink of the caller's (the parallel engine
  // logs them per shard and re-sorts at the merge, src/norm/shard-job.ts)
  private readonly resorter?: Resorter
  private readonly sink: NormSink
  // reference bases loaded for the current contig
  private seqChrom = ''
  private seqStart = 0
  private seqText = ''
  private seqLen = 0

  constructor(private readonly ref: Reference | undefined, private readonly header: VcfHeader, private readonly opts: NormOptions = {}) {
    this.check = checkRefFlags(opts.checkRef ?? 'e')
    this.split = opts.split ?? 'both'
    this.window = opts.siteWindow ?? 1000
    this.splitter = new Splitter(header)
    this.canon = new Canon(header)
    this.bytesCanon = new ByteCanon(header)
    this.resorter = opts.sink ? undefined : new Resorter(this.window)
    this.sink = opts.sink ?? this.resorter!
    this.counts = { total: 0, split: 0, realigned: 0, skipped: 0, ...(this.check & FIX ? { ref: { total: 0, swapped: 0, set: 0 } } : {}) }
  }

  /** Normalises a batch's (selected) records; returns the lines that are final so far. */
  async push(b: RecordBatch): Promise<Uint8Array> {
    this.bytesCanon.reset(b.bytes.length + (b.bytes.length >> 2))
    // contig names first: b.chrom() asks the WASM core, so no column view is held across it
    const names = new Map<number, string>()
    for (let i = 0; i < b.n; i++) if (!names.has(b.chromId[i])) names.set(b.chromId[i], b.chrom(i))
    // local column copies below are valid while nothing calls into the core (ADR 0005)
    const generation = b.generation
    const sel = b.selected
    const bytes = b.bytes
    const refStart = b.col(Col.REF_START), altStart = b.col(Col.ALT_START), refEnd = b.col(Col.REF_END), altEnd = b.col(Col.ALT_END)
    const fast = this.ref !== undefined && !(this.check & FIX)
    let lastId = -1
    let chrom = ''
    for (let i = 0; i < b.n; i++) {
      if (sel && !sel[i]) continue
      if (b.chromId[i] !== lastId) { lastId = b.chromId[i]; chrom = names.get(lastId)! }
      if (!this.ref) { this.record(b, i, chrom); continue }
      if (chrom !== this.seqChrom) await this.load(chrom, b.pos[i] - 1, b.pos[i] - 1)
      // load ahead: the rest of this batch on this contig, in one read
      const lo = b.pos[i] - 1
      if (lo + 1000 > this.seqStart + this.seqText.length && this.seqStart + this.seqText.length < this.seqLen) {
        let hi = lo
        for (let k = i; k < b.n && b.chromId[k] === b.chromId[i] && b.pos[k] - 1 < lo + (1 << 20); k++) hi = b.pos[k] - 1
        await this.load(chrom, lo, hi)
      }
      // the common case: a bi-allelic SNV whose REF matches the reference is left as it is
      if (fast && b.nAllele[i] === 2 && refEnd[i] - refStart[i] === 1 && altEnd[i] - altStart[i] === 1 && chrom === this.seqChrom) {
        const off = lo - this.seqStart
        if (off >= 0 && off < this.seqText.length) {
          const r = upper(bytes[refStart[i]]), a = upper(bytes[altStart[i]])
          let f = upper(this.seqText.charCodeAt(off))
          if (!isAcgtn(f)) f = 78
          if (r === f && a !== r && isAcgtn(a)) {
            this.counts.total++
            this.place(chrom, { pos0: lo, out: this.bytesCanon.line(b, i) })
            this.flushWindow()
            continue
          }
        }
      }
      for (let tries = 0; ; tries++) {
        try {
          this.record(b, i, chrom)
          break
        } catch (e) {
          if (!(e instanceof NeedSequence) || tries > 8) throw e
          await this.load(chrom, e.start0, e.end0)
        }
      }
    }
    b.checkGeneration(generation)
    return this.take()
  }

  /** Flushes the re-sort buffer at the end of the input. */
  finish(): Uint8Array {
    this.resorter?.finish()
    return this.take()
  }

  /** bcftools' summary line(s) for stderr. */
  summary(): string { return normSummary(this.counts) }

  private take(): Uint8Array { return this.resorter ? this.resorter.take() : new Uint8Array(0) }

  private place(chrom: string, p: Pending | undefined): void { this.sink.place(chrom, p) }
  private flushWindow(): void { this.sink.window() }

  /** Loads reference bases covering [start0, end0) with margins, for chrom. */
  private async load(chrom: string, start0: number, end0: number): Promise<void> {
    const ref = this.ref!
    const len = ref.length(chrom)
    if (len === undefined) throw new VcfParseError(`the reference has no sequence named "${chrom}" (record at ${chrom}:${start0 + 1})`, { file: ref.label })
    const from = Math.max(0, Math.min(start0, len - 1) - 2000)
    const to = Math.min(len, Math.max(end0, start0) + 4000)
    this.seqChrom = chrom
    this.seqStart = from
    this.seqText = (await ref.fetch(chrom, from, to)) ?? ''
    this.seqLen = len
  }

  /** faidx_fetch_seq's clipping: both ends clamped into the contig, so past its end the last base. */
  private readonly seq: SequenceFn = (s, e) => {
    const last = this.seqLen - 1
    let beg = s, end = e - 1
    beg = beg < 0 ? 0 : beg > last ? last : beg
    end = end < 0 ? 0 : end > last ? last : end
    if (end < beg || last < 0) return ''
    s = beg
    e = end + 1
    if (s >= this.seqStart && e <= this.seqStart + this.seqText.length) return this.seqText.slice(s - this.seqStart, e - this.seqStart)
    throw new NeedSequence(s, e)
  }

  /**
   * One input record. Everything that can need more reference bases (and so be retried)
   * happens before anything is committed: counts, warnings and output change at the end.
   */
  private record(b: RecordBatch, i: number, chrom: string): void {
    const pos0 = b.pos[i] - 1
    const nal = b.nAllele[i]
    const out: Pending[] = []
    const warnings: string[] = []
    const delta = { realigned: 0, skipped: 0, fix: { total: 0, swapped: 0, set: 0 } }
    let split = false
    if (this.split !== 'none' && nal > 2) {
      const t = b.vtype[i]
      split = this.split === 'both' || this.split === 'any' || (this.split === 'snps' ? (t & VT_SNP) !== 0 : (t & VT_INDEL) !== 0)
    }
    if (split) {
      for (const r of this.splitter.split(parseRecord(b.lineText(i)))) this.normalise(r.chrom, r.pos0, r.alleles, r, undefined, out, warnings, delta)
    } else {
      const ref = b.ref(i), alt = b.alt(i)
      const alleles = alt === '.' ? [ref] : nal === 2 ? [ref, alt] : [ref, ...alt.split(',')]
      this.normalise(chrom, pos0, alleles, undefined, () => parseRecord(b.lineText(i)), out, warnings, delta, () => this.bytesCanon.line(b, i))
    }
    // commit
    const c = this.counts
    c.total++
    if (split) c.split++
    c.realigned += delta.realigned
    c.skipped += delta.skipped
    if (c.ref) { c.ref.total += delta.fix.total; c.ref.swapped += delta.fix.swapped; c.ref.set += delta.fix.set }
    for (const w of warnings) this.opts.onWarning?.(w)
    if (out.length === 0) this.place(chrom, undefined)
    for (const p of out) this.place(chrom, p)
    this.flushWindow()
  }

  /** bcftools' normalize_line for one (possibly split) record. */
  private normalise(chrom: string, pos0: number, alleles: string[], rec: TextRecord | undefined, parse: (() => TextRecord) | undefined,
    out: Pending[], warnings: string[], delta: { realigned: number; skipped: number; fix: FixCounts }, raw?: () => Uint8Array): void {
    const seq = this.seq
    if (!this.ref) {
      out.push(rec ? { pos0: rec.pos0, out: this.canon.serialise(rec) + '\n' } : { pos0, out: raw!() })
      return
    }
    if (this.check & FIX) {
      const reflen = alleles[0].length
      const fasta = iupacToN(seq(pos0, pos0 + reflen))
      if (fasta.length === reflen && fasta.toUpperCase() === alleles[0].toUpperCase()) delta.fix.total++
      else {
        rec ??= parse!()
        fixRef(rec, seq, delta.fix)
        alleles = rec.alleles
      }
    }
    const res = realign(chrom, pos0, alleles, seq)
    if (res.code === 'mismatch') {
      if (this.check === EXIT) throw new VcfParseError(res.error)
      if (this.check & WARN) warnings.push(res.warning)
      if (this.check & SKIP) { delta.skipped++; return }
    } else if (res.code === 'dup') {
      if (this.check & FIX) { rec ??= parse!(); fixDupAlt(rec) }
      else if (this.check === EXIT) throw new VcfParseError(`Duplicate alleles at ${chrom}:${pos0 + 1}; run with -cw to turn the error into warning or with -cs to fix.`)
      else if (this.check & WARN) warnings.push(`ALT_DUP\t${chrom}\t${pos0 + 1}`)
    } else if (res.code === 'ok') {
      if (res.changed) {
        rec ??= parse!()
        delta.realigned++
        const reflen = alleles[0].length
        rec.alleles = res.alleles
        if (res.pos0 !== pos0 || reflen !== res.alleles[0].length) this.updateEnd(rec, res.pos0 + res.alleles[0].length)
        rec.pos0 = res.pos0
      } else if (res.alleles[0].length !== alleles[0].length) {
        rec ??= parse!()
        rec.alleles = [...res.alleles]
      }
    }
    // unchanged records: their bytes, with only what htslib would print otherwise rewritten
    out.push(rec ? { pos0: rec.pos0, out: this.canon.serialise(rec) + '\n' } : { pos0, out: raw!() })
  }

  /** INFO/END follows a realigned record, when it holds one integer (as bcftools). */
  private updateEnd(rec: TextRecord, end: number): void {
    if (this.header.info.get('END')?.type !== 'Integer') return
    const e = rec.info.find((x) => x.key === 'END')
    if (!e || e.value === undefined || e.value.includes(',')) return
    e.value = String(end)
  }
}

/**
 * Normalises every record of a reader (or any batches with their header): yields VCF lines
 * (no header) as byte chunks in output order, and returns the counts.
 *
 *   const reader = await VcfReader.open('calls.vcf.gz')
 *   const ref = await Reference.open('ref.fa', { keepCase: true })
 *   const it = normalise(reader, ref, { split: 'both' })
 */
export async function* normalise(source: { header: VcfHeader; batches(): AsyncIterable<RecordBatch> }, ref: Reference | undefined,
  opts: NormOptions = {}): AsyncGenerator<Uint8Array, NormCounts> {
  const n = new Normaliser(ref, source.header, opts)
  for await (const b of source.batches()) {
    const out = await n.push(b)
    if (out.length) yield out
  }
  const last = n.finish()
  if (last.length) yield last
  return n.counts
}

/** bcftools' summary line(s) for stderr. */
export function normSummary(c: NormCounts): string {
  let s = `Lines   total/split/realigned/skipped:\t${c.total}/${c.split}/${c.realigned}/${c.skipped}\n`
  if (c.ref) s += `REF/ALT total/modified/added:  \t${c.ref.total}/${c.ref.swapped}/${c.ref.set}\n`
  return s
}

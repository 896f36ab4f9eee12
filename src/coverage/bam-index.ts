// readBamIndex: read counts and relative coverage from a .bai/.csi alone, in milliseconds
// where reading the BAM would take an hour (the indexcov idea, Pedersen et al. 2017).
import type { GenericFilehandle } from 'generic-filehandle2'
import { BamIndexError, SourceError } from '../errors.js'
import { bgzfBlockSize } from '../bgzf/blocks.js'
import { inflateMembers } from '../bgzf/inflate.js'
import { openSibling, type VcfInput } from '../source/source.js'
import { parseIndexBytes } from './wasm.js'
import { bamReferences, faiReferences, openHandle, readAt, type Reference } from './references.js'
import { classify, type ChromKind } from './chromosomes.js'

export interface BamIndexOptions {
  /** The BAM the index belongs to (its header gives reference names and lengths). */
  bam?: VcfInput
  /** A samtools faidx .fai of the reference, instead of the BAM. */
  fai?: VcfInput
}

export interface ReferenceCoverage {
  name: string
  length: number
  /** Mapped / unmapped-but-placed reads, from the index's metadata pseudo-bin. */
  mapped: number
  unmapped: number
  /** False when the index has no pseudo-bin here (counts are then 0, as samtools prints). */
  hasStats: boolean
  kind: ChromKind
  /** This reference's windows are windows[windowStart, windowStart + windowCount). */
  windowStart: number
  windowCount: number
  /** Median normalised coverage over its full windows that have data; NaN if none do. */
  median: number
  /** Fraction of its full windows that have data. */
  covered: number
}

/** Struct-of-arrays: a 30x human genome has ~190 000 windows. */
export interface CoverageWindows {
  length: number
  /** Index into references. */
  ref: Int32Array
  /** 0-based half-open coordinates. */
  start: Float64Array
  end: Float64Array
  /** Compressed BAM bytes of the reads starting in the window (0: none). */
  bytes: Float64Array
  /** bytes / genome median, scaled up for a short last window; NaN when under a quarter window. */
  coverage: Float64Array
}

export interface BamIndexResult {
  file: string
  format: 'bai' | 'csi'
  /** Window width in bp: 16384 for .bai, 2^min_shift for .csi. */
  windowSize: number
  references: ReferenceCoverage[]
  /** Reads with no coordinate (n_no_coor; 0 when the index omits it, as samtools prints). */
  noCoordinate: number
  windows: CoverageWindows
  /** Normaliser: median bytes of the full autosomal windows that have data (0 if none). */
  medianBytes: number
}

/** A window shorter than this fraction of windowSize gets no coverage value (too noisy). */
const MIN_FRACTION = 0.25

/**
 * Reads a .bai or BAM .csi (`input`: path, URL, Blob or filehandle; a BAM path also works, its
 * index is then FILE.bai, FILE minus .bam plus .bai, or FILE.csi). Reference names and lengths
 * come from `opts.bam`, `opts.fai`, or the BAM next to the index.
 */
export async function readBamIndex(input: VcfInput, opts: BamIndexOptions = {}): Promise<BamIndexResult> {
  const first = await openHandle(input)
  const kind = await sniff(first.handle, first.label)
  let index = first
  let bam: VcfInput | undefined = opts.bam
  if (kind === 'bam') {
    bam ??= input
    if (!first.location) throw new BamIndexError('a BAM given as a Blob/filehandle needs its index passed instead', { file: first.label })
    index = await findIndex(first.location, first.label)
  }
  const bytes = await readIndexBytes(index.handle, index.label)
  const refs = await references(opts.fai, bam, index.location, index.label)
  const raw = parseIndexBytes(bytes, index.label, refs.map((r) => r.length))
  if (refs.length !== raw.refs.length) {
    throw new BamIndexError(`the index has ${raw.refs.length} reference(s) but ${opts.fai ? 'the .fai' : 'the BAM header'} has ${refs.length}: they do not belong together`, { file: index.label })
  }
  const windowSize = 2 ** raw.minShift
  const kinds = classify(refs.map((r) => r.name))
  // lay the windows out by reference length (the index omits trailing empty windows)
  let total = 0
  const counts = refs.map((r) => Math.ceil(r.length / windowSize))
  for (const c of counts) total += c
  const w: CoverageWindows = {
    length: total, ref: new Int32Array(total), start: new Float64Array(total), end: new Float64Array(total),
    bytes: new Float64Array(total), coverage: new Float64Array(total),
  }
  const out: ReferenceCoverage[] = []
  let at = 0
  refs.forEach((r, i) => {
    const rr = raw.refs[i]
    const n = counts[i]
    const have = Math.min(n, rr.windowCount)
    w.ref.fill(i, at, at + n)
    w.bytes.set(raw.windowBytes.subarray(rr.windowStart, rr.windowStart + have), at)
    for (let k = 0; k < n; k++) {
      w.start[at + k] = k * windowSize
      w.end[at + k] = Math.min(r.length, (k + 1) * windowSize)
    }
    out.push({
      name: r.name, length: r.length, mapped: rr.mapped, unmapped: rr.unmapped, hasStats: rr.hasStats,
      kind: kinds[i], windowStart: at, windowCount: n, median: NaN, covered: 0,
    })
    at += n
  })
  // the normaliser: autosomal full windows with data
  const scratch = new Float64Array(total)
  let m = 0
  for (const ref of out) {
    if (ref.kind !== 'autosome') continue
    for (let k = ref.windowStart; k < ref.windowStart + ref.windowCount; k++) {
      if (w.bytes[k] > 0 && w.end[k] - w.start[k] === windowSize) scratch[m++] = w.bytes[k]
    }
  }
  const medianBytes = m > 0 ? median(scratch.subarray(0, m)) : 0
  for (let k = 0; k < total; k++) {
    const fraction = (w.end[k] - w.start[k]) / windowSize
    w.coverage[k] = fraction < MIN_FRACTION || medianBytes === 0 ? NaN : w.bytes[k] / (medianBytes * fraction)
  }
  for (const ref of out) {
    let full = 0
    m = 0
    for (let k = ref.windowStart; k < ref.windowStart + ref.windowCount; k++) {
      if (w.end[k] - w.start[k] !== windowSize) continue
      full++
      if (w.bytes[k] > 0) scratch[m++] = w.coverage[k]
    }
    ref.median = median(scratch.subarray(0, m))
    ref.covered = full > 0 ? m / full : 0
  }
  return {
    file: index.label, format: raw.format, windowSize, references: out,
    noCoordinate: raw.noCoordinate ?? 0, windows: w, medianBytes,
  }
}

/** Exactly `samtools idxstats`: one line per reference, then unplaced unmapped reads. */
export function idxstats(r: BamIndexResult): string {
  let s = ''
  for (const ref of r.references) s += `${ref.name}\t${ref.length}\t${ref.mapped}\t${ref.unmapped}\n`
  return s + `*\t0\t0\t${r.noCoordinate}\n`
}

/**
 * Median (NaN when empty). Float64Arrays are reordered in place (quickselect: O(n), where
 * sorting the ~150 000 autosomal windows of a genome took longer than parsing its index).
 */
export function median(values: ArrayLike<number>): number {
  const a = values instanceof Float64Array ? values : Float64Array.from(values)
  const n = a.length
  if (n === 0) return NaN
  const hi = select(a, n >> 1)
  return n % 2 ? hi : (hi + max(a, n >> 1)) / 2
}

/** The k-th smallest (0-based) of a, leaving a[0..k) <= it (Hoare's selection). */
function select(a: Float64Array, k: number): number {
  let lo = 0, hi = a.length - 1
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]
    let i = lo, j = hi
    while (i <= j) {
      while (a[i] < pivot) i++
      while (a[j] > pivot) j--
      if (i <= j) { const t = a[i]; a[i] = a[j]; a[j] = t; i++; j-- }
    }
    if (k <= j) hi = j
    else if (k >= i) lo = i
    else break
  }
  return a[k]
}

/** Largest of a[0..n). */
function max(a: Float64Array, n: number): number {
  let m = -Infinity
  for (let i = 0; i < n; i++) if (a[i] > m) m = a[i]
  return m
}

async function sniff(h: GenericFilehandle, label: string): Promise<'bai' | 'csi' | 'bam' | 'unknown'> {
  const head = await readAt(h, 65536, 0, label)
  if (head.length >= 4 && head[0] === 0x42 && head[1] === 0x41 && head[2] === 0x49 && head[3] === 1) return 'bai'
  const size = bgzfBlockSize(head, 0)
  if (size <= 0 || size > head.length) return 'unknown'
  let data: Uint8Array
  try { data = await inflateMembers(head.subarray(0, size), label, 0) } catch { return 'unknown' }
  const magic = String.fromCharCode(...data.subarray(0, 4))
  return magic === 'BAM\x01' ? 'bam' : magic === 'CSI\x01' ? 'csi' : 'unknown'
}

async function readIndexBytes(h: GenericFilehandle, label: string): Promise<Uint8Array> {
  let bytes: Uint8Array
  try {
    bytes = await h.readFile()
  } catch (e) {
    throw new SourceError(`cannot read: ${(e as Error).message}`, { file: label }, { cause: e })
  }
  // a .csi is BGZF-compressed (a .bai never is); anything else reaches the parser's magic check
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await inflateMembers(bytes, label, 0)
  return bytes
}

async function findIndex(bamLocation: string, label: string): Promise<{ handle: GenericFilehandle; label: string; location: string }> {
  const stem = bamLocation.replace(/\.bam$/i, '')
  for (const [base, suffix] of [[bamLocation, '.bai'], [stem, '.bai'], [bamLocation, '.csi']]) {
    const handle = await openSibling(base, suffix)
    if (handle) return { handle, label: base + suffix, location: base + suffix }
  }
  throw new BamIndexError('no index found (looked for .bai and .csi); create one with `samtools index`', { file: label })
}

async function references(fai: VcfInput | undefined, bam: VcfInput | undefined, indexLocation: string | undefined, label: string): Promise<Reference[]> {
  if (fai !== undefined) return faiReferences(fai)
  if (bam !== undefined) return bamReferences(bam)
  // X.bam.bai / X.bam.csi -> X.bam; X.bai -> X.bam
  const loc = indexLocation?.replace(/\.(bai|csi)$/i, '')
  if (loc !== undefined && loc !== indexLocation) {
    for (const candidate of /\.bam$/i.test(loc) ? [loc] : [loc + '.bam', loc]) {
      if (await openSibling(candidate, '')) return bamReferences(candidate)
    }
  }
  throw new BamIndexError('an index has no reference names: pass the BAM (bam / --bam) or a .fai (fai / --fai)', { file: label })
}

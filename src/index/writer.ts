// Tabix (.tbi) and CSI (.csi) index builder for bgzipped VCF, a port of htslib's hts.c
// (hts_idx_push / hts_idx_finish / idx_save_core; unchanged from htslib 1.16 to 1.23) and tbx.c's
// VCF meta block.
// The goal is the exact bytes htslib writes (after decompression), so even the order in which
// bins are written is reproduced: htslib walks its khash table, whose layout we emulate.
import { IndexError } from '../errors.js'
import { BgzfWriter } from '../bgzf/writer.js'

export interface IndexBuilderOptions {
  format: 'tbi' | 'csi'
  /** CSI: bits of the smallest bin (and linear window). Default 14, as `tabix -C` / `bcftools index -c`. */
  minShift?: number
  /**
   * CSI: number of bin levels below the root. Default: what htslib 1.10–1.22 tabix/bcftools pick
   * for a VCF, floor((33 - minShift) / 3) (6 for minShift 14, positions up to 2^32), raised
   * to cover `maxRefLength`. (Depth 5 with minShift 14 would stop at 2^29, like .tbi; htslib
   * 1.23 picks 8 when the header has no ##contig lengths.)
   */
  depth?: number
  /** CSI: the longest ##contig length in the header; htslib raises the default depth to fit it. */
  maxRefLength?: number
  /** For error messages. */
  file?: string
  /**
   * The tabix meta block (tbx_conf_t): the VCF preset by default. A generic tab-separated
   * table indexed like `tabix -s1 -b2 -e2` is { preset: 0, seq: 1, beg: 2, end: 2 }.
   */
  tabix?: TabixConf
}

/** htslib's tbx_conf_t: preset (0 generic, 1 SAM, 2 VCF; 0x10000 = 0-based coordinates), 1-based columns, comment character, lines to skip. */
export interface TabixConf { preset: number; seq: number; beg: number; end: number; meta?: string; skip?: number }

/** htslib's HTS_MIN_MARKER_DIST: bins spanning less than this much compressed data merge into their parent. */
const MIN_MARKER_DIST = 0x10000n
const UNSET = -1n // (uint64_t)-1 in htslib: an empty linear-index slot
const NONE = 0xffffffff // htslib's "no bin yet" marker for last_bin / save_bin

/** Chunk [u, v) of virtual offsets. */
interface Chunk { u: bigint; v: bigint }
interface Bin { loff: bigint; list: Chunk[] }

/**
 * Just enough of khash (KHASH_MAP_INIT_INT, same in htslib 1.16–1.23) to reproduce its bucket layout,
 * since htslib writes bins in bucket order: identity hash, quadratic probing, power-of-two
 * sizes, load factor 0.77, and the in-place "kick-out" rehash.
 */
class IntHash<V> {
  nBuckets = 0
  size = 0
  private occupied = 0
  private upper = 0
  keys: number[] = []
  vals: V[] = []
  /** Per bucket: 2 = empty, 1 = deleted, 0 = live (khash's two flag bits). */
  private flags = new Uint8Array(0)

  exists(i: number): boolean { return this.flags[i] === 0 }

  get(key: number): number {
    if (this.nBuckets === 0) return 0
    const mask = this.nBuckets - 1
    let i = key & mask, step = 0
    const last = i
    while (this.flags[i] !== 2 && (this.flags[i] === 1 || this.keys[i] !== key)) {
      i = (i + ++step) & mask
      if (i === last) return this.nBuckets
    }
    return this.flags[i] !== 0 ? this.nBuckets : i
  }

  /** Returns the bucket of key, inserting init() if absent. */
  put(key: number, init: () => V): number {
    if (this.occupied >= this.upper) this.resize(this.nBuckets > this.size * 2 ? this.nBuckets - 1 : this.nBuckets + 1)
    const mask = this.nBuckets - 1
    let i = key & mask, x = this.nBuckets, site = this.nBuckets, step = 0
    if (this.flags[i] === 2) x = i
    else {
      const last = i
      while (this.flags[i] !== 2 && (this.flags[i] === 1 || this.keys[i] !== key)) {
        if (this.flags[i] === 1) site = i
        i = (i + ++step) & mask
        if (i === last) { x = site; break }
      }
      if (x === this.nBuckets) x = this.flags[i] === 2 && site !== this.nBuckets ? site : i
    }
    if (this.flags[x] !== 0) {
      if (this.flags[x] === 2) this.occupied++
      this.keys[x] = key
      this.vals[x] = init()
      this.flags[x] = 0
      this.size++
    }
    return x
  }

  del(x: number): void {
    if (x !== this.nBuckets && this.flags[x] === 0) { this.flags[x] = 1; this.size-- }
  }

  private resize(n: number): void {
    n = n < 4 ? 4 : 2 ** Math.ceil(Math.log2(n)) // kroundup32
    if (this.size >= Math.floor(n * 0.77 + 0.5)) return
    const old = this.flags, oldN = this.nBuckets, mask = n - 1
    const nf = new Uint8Array(n).fill(2)
    for (let j = 0; j < oldN; j++) {
      if (old[j] !== 0) continue
      let key = this.keys[j], val = this.vals[j]
      old[j] = 1
      for (;;) { // kick-out: an unmoved old entry in the way is swapped out and re-placed next
        let i = key & mask, step = 0
        while (nf[i] !== 2) i = (i + ++step) & mask
        nf[i] = 0
        if (i < oldN && old[i] === 0) {
          const k = this.keys[i], v = this.vals[i]
          this.keys[i] = key; this.vals[i] = val
          key = k; val = v
          old[i] = 1
        } else {
          this.keys[i] = key; this.vals[i] = val
          break
        }
      }
    }
    this.keys.length = Math.min(this.keys.length, n)
    this.vals.length = Math.min(this.vals.length, n)
    this.flags = nf
    this.nBuckets = n
    this.occupied = this.size
    this.upper = Math.floor(n * 0.77 + 0.5)
  }
}

interface Ref { name: string; bins: IntHash<Bin>; lidx: bigint[] }

/** x >> s for non-negative integers beyond 32 bits. */
const shr = (x: number, s: number): number => Math.floor(x / 2 ** s)

/** hts_reg2bin: smallest bin holding [beg, end). */
function reg2bin(beg: number, end: number, minShift: number, nLvls: number): number {
  let s = minShift, t = ((1 << (3 * nLvls)) - 1) / 7
  end--
  for (let l = nLvls; l > 0; l--, s += 3, t -= 1 << (3 * l)) if (shr(beg, s) === shr(end, s)) return t + shr(beg, s)
  return 0
}
const binFirst = (l: number): number => ((1 << (3 * l)) - 1) / 7
const binParent = (b: number): number => (b - 1) >> 3
function binLevel(b: number): number { let l = 0; for (; b; l++) b = binParent(b); return l }

/** Builds a .tbi or .csi for a bgzipped VCF, one record at a time, like htslib's indexers. */
export class IndexBuilder {
  private readonly tbi: boolean
  private readonly minShift: number
  private readonly nLvls: number
  private readonly nBins: number
  private readonly maxPos: number
  private readonly file?: string
  private readonly conf: TabixConf
  private readonly refs: Ref[] = []
  private readonly tids = new Map<string, number>()
  private nRecords = 0
  private finished = false
  // htslib's idx->z state
  private lastTid = -1
  private saveTid = -1
  private lastBin = NONE
  private saveBin = NONE
  private lastCoor = NONE
  private lastOff = 0n
  private saveOff = 0n
  private offBeg = 0n
  private nMapped = 0n

  constructor(opts: IndexBuilderOptions) {
    this.tbi = opts.format === 'tbi'
    this.file = opts.file
    this.conf = opts.tabix ?? { preset: 2, seq: 1, beg: 2, end: 0, meta: '#', skip: 0 }
    if (!this.tbi && opts.format !== 'csi') throw new IndexError(`index format must be 'tbi' or 'csi', got ${String(opts.format)}`, { file: this.file })
    if (this.tbi) {
      this.minShift = 14
      this.nLvls = 5
    } else {
      this.minShift = opts.minShift ?? 14
      let n = opts.depth ?? Math.floor((33 - this.minShift) / 3) // tbx_index: (TBX_MAX_SHIFT - min_shift + 2) / 3
      // tbx.c adjust_n_lvls: grow until the longest contig (+256) fits
      if (opts.depth === undefined && opts.maxRefLength) while (opts.maxRefLength + 256 > 2 ** (this.minShift + 3 * n)) n++
      this.nLvls = n
      if (!Number.isInteger(this.minShift) || this.minShift < 1 || !Number.isInteger(n) || n < 1 || n > 9 || this.minShift + 3 * n > 62)
        throw new IndexError(`invalid CSI parameters min_shift=${this.minShift} depth=${n}`, { file: this.file })
    }
    this.nBins = ((1 << (3 * this.nLvls + 3)) - 1) / 7
    this.maxPos = 2 ** (this.minShift + 3 * this.nLvls)
  }

  /**
   * One VCF record. beg0 = POS-1, end0 exclusive (POS-1+rlen). vStart: virtual offset of the
   * record's first byte; vEnd: virtual offset just after its newline. Records must be sorted by
   * (chrom first-appearance, beg0).
   */
  add(chrom: string, beg0: number, end0: number, vStart: bigint, vEnd: bigint): void {
    const record = ++this.nRecords
    const where = { file: this.file, record }
    if (this.finished) throw new IndexError('add() after finish()', where)
    if (!Number.isSafeInteger(beg0) || !Number.isSafeInteger(end0)) throw new IndexError(`positions must be integers (got ${beg0}, ${end0})`, where)
    let beg = beg0, end = end0
    // hts_idx_check_range
    if (beg > this.maxPos || end > this.maxPos) {
      throw new IndexError(this.tbi
        ? `${chrom}:${beg + 1}-${end} is beyond 2^29 (${this.maxPos}), the most a .tbi index can hold; write a .csi index instead`
        : `${chrom}:${beg + 1}-${end} is beyond ${this.maxPos}, the most this .csi (min_shift ${this.minShift}, depth ${this.nLvls}) can hold; use a larger depth`, where)
    }
    // validate everything before touching the state, so a caught error leaves the builder usable
    let tid = this.tids.get(chrom)
    if (tid !== undefined && tid !== this.lastTid)
      throw new IndexError(`unsorted input: ${chrom} reappears after ${this.refs[this.lastTid].name} (records of a chromosome must be contiguous)`, where)
    if (tid !== undefined && this.lastCoor > beg)
      throw new IndexError(`unsorted positions on ${chrom}: ${this.lastCoor + 1} followed by ${beg + 1}`, where)
    if (end < beg) throw new IndexError(`record end ${end} is before its start ${beg + 1} on ${chrom}`, where)
    if (vEnd < vStart || vStart < this.lastOff)
      throw new IndexError(`virtual offsets go backwards (start ${vStart}, end ${vEnd}, previous end ${this.lastOff})`, where)

    if (this.lastTid < 0) this.saveOff = this.offBeg = vStart // offset0 of hts_idx_init: where the first record starts
    // hts_idx_amend_last: the start of this record replaces the previous record's end, which is
    // the same place but may be spelled (block, block length) instead of (next block, 0)
    this.lastOff = vStart
    if (tid === undefined) {
      tid = this.refs.length
      this.tids.set(chrom, tid)
      this.refs.push({ name: chrom, bins: new IntHash<Bin>(), lidx: [] })
      this.lastTid = tid
      this.lastBin = NONE
    }
    // shoehorn [-1,0) (VCF POS=0) into the leftmost bottom-level bin
    if (beg < 0) beg = 0
    if (end <= 0) end = 1
    this.insertToL(this.refs[tid].lidx, beg, end, this.lastOff)
    const bin = reg2bin(beg, end, this.minShift, this.nLvls)
    if (this.lastBin !== bin) {
      if (this.saveBin !== NONE) this.insertToB(this.saveTid, this.saveBin, this.saveOff, this.lastOff)
      if (this.lastBin === NONE && this.saveBin !== NONE) { // change of chromosome: close its pseudo-bin
        this.closeRef(this.lastOff)
        this.offBeg = this.lastOff
      }
      this.saveOff = this.lastOff
      this.saveBin = this.lastBin = bin
      this.saveTid = tid
    }
    this.nMapped++
    this.lastOff = vEnd
    this.lastCoor = beg
  }

  /**
   * Returns the complete index file bytes (BGZF-compressed, as htslib writes them).
   * finalOffset: where the data ends, by default the last record's vEnd. htslib's indexers use
   * bgzf_tell at EOF, which is (start of the EOF block, 0): pass `writer.virtualOffset` after
   * `writer.flush()` (before `close()`) for byte-identical output. Both spellings are valid.
   */
  finish(finalOffset?: bigint): Uint8Array {
    if (!this.finished) {
      const end = finalOffset ?? this.lastOff
      if (end < this.lastOff) throw new IndexError(`final offset ${end} is before the end of the last record (${this.lastOff})`, { file: this.file })
      if (this.saveTid >= 0) { // hts_idx_finish
        this.insertToB(this.saveTid, this.saveBin, this.saveOff, end)
        this.closeRef(end)
      }
      for (const ref of this.refs) { this.updateLoff(ref); this.compressBinning(ref) }
      this.finished = true
    }
    return this.serialize()
  }

  /** The pseudo-bin nBins+1: [off_beg, off_end) of the reference and its mapped/unmapped counts. */
  private closeRef(offEnd: bigint): void {
    const meta = this.nBins + 1
    this.insertToB(this.saveTid, meta, this.offBeg, offEnd)
    this.insertToB(this.saveTid, meta, this.nMapped, 0n)
    this.nMapped = 0n
  }

  private insertToB(tid: number, bin: number, u: bigint, v: bigint): void {
    const h = this.refs[tid].bins
    h.vals[h.put(bin, () => ({ loff: 0n, list: [] }))].list.push({ u, v })
  }

  /** Linear index: each minShift window overlapped by the record gets the first offset seen. */
  private insertToL(lidx: bigint[], beg: number, end: number, off: bigint): void {
    const b = shr(beg, this.minShift), e = shr(end - 1, this.minShift)
    while (lidx.length <= e) lidx.push(UNSET)
    for (let i = b; i <= e; i++) if (lidx[i] === UNSET) lidx[i] = off
  }

  private updateLoff(ref: Ref): void {
    const { lidx, bins } = ref
    for (let l = lidx.length - 2; l >= 0; l--) if (lidx[l] === UNSET) lidx[l] = lidx[l + 1]
    for (let k = 0; k < bins.nBuckets; k++) {
      if (!bins.exists(k)) continue
      const key = bins.keys[k]
      if (key < this.nBins) {
        const level = binLevel(key)
        const bot = (key - binFirst(level)) * 2 ** (3 * (this.nLvls - level)) // hts_bin_bot
        bins.vals[k].loff = bot < lidx.length ? lidx[bot] : 0n
      } else bins.vals[k].loff = 0n
    }
  }

  private compressBinning(ref: Ref): void {
    const h = ref.bins
    const byU = (a: Chunk, b: Chunk): number => (a.u < b.u ? -1 : a.u > b.u ? 1 : 0)
    // merge a bin into its parent when its chunks span less than 64 KiB of compressed data
    for (let l = this.nLvls; l > 0; l--) {
      const start = binFirst(l)
      for (let k = 0; k < h.nBuckets; k++) {
        if (!h.exists(k) || h.keys[k] >= this.nBins || h.keys[k] < start) continue
        const p = h.vals[k].list
        if (l < this.nLvls && p.length > 1) p.sort(byU)
        if ((p[p.length - 1].v >> 16n) - (p[0].u >> 16n) < MIN_MARKER_DIST) {
          const kp = h.get(binParent(h.keys[k]))
          if (kp === h.nBuckets) continue
          h.vals[kp].list.push(...p)
          h.del(k)
        }
      }
    }
    const k0 = h.get(0)
    if (k0 !== h.nBuckets) h.vals[k0].list.sort(byU)
    // merge adjacent chunks that start in the block where the previous one ends
    for (let k = 0; k < h.nBuckets; k++) {
      if (!h.exists(k) || h.keys[k] >= this.nBins) continue
      const p = h.vals[k].list
      let m = 0
      for (let l = 1; l < p.length; l++) {
        if (p[m].v >> 16n >= p[l].u >> 16n) {
          if (p[m].v < p[l].v) p[m].v = p[l].v
        } else p[++m] = p[l]
      }
      p.length = Math.min(p.length, m + 1)
    }
  }

  private serialize(): Uint8Array {
    const out: number[] = []
    const u32 = (x: number) => out.push(x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, (x >>> 24) & 0xff)
    const u64 = (x: bigint) => { u32(Number(x & 0xffffffffn)); u32(Number((x >> 32n) & 0xffffffffn)) }
    // tabix meta (tbx_set_meta): preset, col_seq, col_beg, col_end, meta, skip (VCF: 2, 1, 2, 0, '#', 0), l_nm, names
    const names = new TextEncoder().encode(this.refs.map((r) => r.name + '\0').join(''))
    const c = this.conf
    const meta = (): void => {
      [c.preset, c.seq, c.beg, c.end, (c.meta ?? '#').charCodeAt(0), c.skip ?? 0, names.length].forEach(u32)
      names.forEach((b) => out.push(b))
    }
    if (this.tbi) {
      out.push(0x54, 0x42, 0x49, 1) // "TBI\1"
      u32(this.refs.length)
      meta()
    } else {
      out.push(0x43, 0x53, 0x49, 1) // "CSI\1"
      u32(this.minShift)
      u32(this.nLvls)
      u32(28 + names.length)
      meta()
      u32(this.refs.length)
    }
    for (const { bins, lidx } of this.refs) {
      u32(bins.size)
      for (let k = 0; k < bins.nBuckets; k++) {
        if (!bins.exists(k)) continue
        const b = bins.vals[k]
        u32(bins.keys[k])
        if (!this.tbi) u64(b.loff)
        u32(b.list.length)
        for (const c of b.list) { u64(c.u); u64(c.v) }
      }
      if (this.tbi) { u32(lidx.length); lidx.forEach(u64) }
    }
    u64(0n) // n_no_coor: VCF records always have a position
    const chunks: Uint8Array[] = []
    const w = new BgzfWriter((c) => chunks.push(c))
    w.write(Uint8Array.from(out))
    w.close()
    return Buffer.concat(chunks)
  }
}

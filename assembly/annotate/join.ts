// Annotation merge-join: the records of the current batch (sorted query variants) against a
// table of annotation keys (sorted by contig, position) loaded once by the host. One call per
// batch fills, for every record, the matching table rows (CSR: offsets + row ids).
//
// Alleles are compared by 64-bit FNV-1a hashes of their bytes (REF, and each ALT allele).
// Every buffer here comes from `grow` (assembly/buffers.ts); the host re-reads pointers with
// `annoPtr` after any call, since a call may move a buffer or grow memory.
import { grow, nextCap } from '../buffers'
import { colPtr, getCol, inPtr, COL_CHROM, COL_POS, COL_REF_START, COL_REF_END, COL_ALT_START, COL_ALT_END, COL_INFO_START, COL_INFO_END } from '../batch'

const FNV_OFFSET: u64 = 0xcbf29ce484222325
const FNV_PRIME: u64 = 0x100000001b3

// @ts-ignore: decorator
@inline function fnv(p: usize, end: usize): u64 {
  let h = FNV_OFFSET
  for (; p < end; p++) h = (h ^ <u64>load<u8>(p)) * FNV_PRIME
  // never 0: 0 marks "no allele" for the host
  return h == 0 ? 1 : h
}

// ---- growable buffers (pointer, capacity in bytes) ----
// Several tables can be joined against one query stream (one per source): each has a slot
// with buffers and merge state of its own; annoSelect switches. S is the slot's first buffer.
const SLOTS: i32 = 8
const PTR = new StaticArray<usize>(16 * SLOTS)
const CAP = new StaticArray<usize>(16 * SLOTS)
let S: i32 = 0
const B_REF: i32 = 0     // u64 per query record: REF hash
const B_ALT_OFF: i32 = 1 // i32 per query record + 1: offsets into B_ALT
const B_ALT: i32 = 2     // u64 per query ALT allele
const B_OUT_OFF: i32 = 3 // i32 per query record + 1: offsets into B_OUT
const B_OUT: i32 = 4     // i32 per match: table row
const B_MAP: i32 = 5     // i32 per batch contig id: table contig index or -1
const T_CHROM: i32 = 6   // i32 per table row
const T_POS: i32 = 7     // i32 per table row
const T_REF: i32 = 8     // u64 per table row
const T_ALT_OFF: i32 = 9 // i32 per table row + 1
const T_ALT: i32 = 10    // u64 per table ALT allele
const T_USED: i32 = 11   // u8 per table row (one-to-one pairing)
const T_CSTART: i32 = 12 // i32 per table contig + 1: first row of each contig
const B_EXACT: i32 = 13  // u8 per query record: 1 when the first match has the same ALT list
const T_BYTES: i32 = 14  // host -> core: allele text to hash (table building)

function need(b: i32, bytes: usize): usize {
  const cap = unchecked(CAP[S + b])
  if (bytes > cap) {
    const c = nextCap(cap, bytes)
    unchecked(PTR[S + b] = grow(unchecked(PTR[S + b]), cap, c))
    unchecked(CAP[S + b] = c)
  }
  return unchecked(PTR[S + b])
}

/** Pointer of buffer `b` (valid until the next call into the core). */
export function annoPtr(b: i32): usize { return unchecked(PTR[S + b]) }

let tRows: i32 = 0
let tContigs: i32 = 0
const STATE = new StaticArray<i32>(5 * SLOTS)

/** Makes room for a table of `rows` rows, `alts` ALT alleles and `contigs` contigs. */
export function annoTableAlloc(rows: i32, alts: i32, contigs: i32): void {
  need(T_CHROM, <usize>rows << 2)
  need(T_POS, <usize>rows << 2)
  need(T_REF, <usize>rows << 3)
  need(T_ALT_OFF, (<usize>rows + 1) << 2)
  need(T_ALT, <usize>(alts > 0 ? alts : 1) << 3)
  need(T_USED, <usize>(rows > 0 ? rows : 1))
  need(T_CSTART, (<usize>contigs + 1) << 2)
  memory.fill(unchecked(PTR[S + T_USED]), 0, <usize>rows)
  tRows = rows
  tContigs = contigs
}

/** Clears the pairing state (rows already paired with a query record). */
export function annoReset(): void { memory.fill(unchecked(PTR[S + T_USED]), 0, <usize>tRows) }

/** Room for a contig map of `n` batch contig ids. */
export function annoMapAlloc(n: i32): usize { return need(B_MAP, <usize>(n > 0 ? n : 1) << 2) }

/** Room for `n` bytes of allele text (host writes, then calls annoHashAlleles). */
export function annoBytes(n: i32): usize { return need(T_BYTES, <usize>(n > 0 ? n : 1)) }

/**
 * Hashes `count` comma-free alleles written to the T_BYTES buffer, whose end offsets are the
 * i32s at `ends` (inside T_BYTES, after the text), into u64s at `out` (T_REF or T_ALT from
 * index `at`).
 */
export function annoHashAlleles(count: i32, textLen: i32, target: i32, at: i32): void {
  const base = unchecked(PTR[S + T_BYTES])
  const ends = base + <usize>textLen
  const out = unchecked(PTR[S + target]) + (<usize>at << 3)
  let s: usize = 0
  for (let k = 0; k < count; k++) {
    const e = <usize>load<i32>(ends + (<usize>k << 2))
    store<u64>(out + (<usize>k << 3), fnv(base + s, base + e))
    s = e
  }
}

/** Computes REF and per-ALT hashes of the batch's n records into B_REF / B_ALT_OFF / B_ALT. */
export function annoKeys(n: i32): i32 {
  need(B_REF, <usize>(n > 0 ? n : 1) << 3)
  need(B_ALT_OFF, (<usize>n + 1) << 2)
  // an upper bound on ALT alleles: one per comma, plus one per record
  let total: i32 = 0
  for (let i = 0; i < n; i++) {
    const s = inPtr + <usize>getCol(COL_ALT_START, i), e = inPtr + <usize>getCol(COL_ALT_END, i)
    let k = 1
    for (let p = s; p < e; p++) if (load<u8>(p) == 44) k++
    total += k
  }
  need(B_ALT, <usize>(total > 0 ? total : 1) << 3)
  const ref = unchecked(PTR[S + B_REF]), altOff = unchecked(PTR[S + B_ALT_OFF]), alt = unchecked(PTR[S + B_ALT])
  let o: i32 = 0
  for (let i = 0; i < n; i++) {
    store<i32>(altOff + (<usize>i << 2), o)
    store<u64>(ref + (<usize>i << 3), fnv(inPtr + <usize>getCol(COL_REF_START, i), inPtr + <usize>getCol(COL_REF_END, i)))
    const s = inPtr + <usize>getCol(COL_ALT_START, i), e = inPtr + <usize>getCol(COL_ALT_END, i)
    // ALT "." (no alternate allele) has no alleles to match
    if (e - s == 1 && load<u8>(s) == 46) continue
    let a = s
    for (let p = s; p <= e; p++) {
      if (p == e || load<u8>(p) == 44) {
        store<u64>(alt + (<usize>o << 3), fnv(a, p))
        o++
        a = p + 1
      }
    }
  }
  store<i32>(altOff + (<usize>n << 2), o)
  return o
}

// @ts-ignore: decorator
@inline function tPos(r: i32): i32 { return load<i32>(unchecked(PTR[S + T_POS]) + (<usize>r << 2)) }

/** First row in [lo, hi) with position >= pos. */
function lowerBound(lo: i32, hi: i32, pos: i32): i32 {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (tPos(mid) < pos) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** How the ALT lists of query record i and table row r relate: 2 same list, 1 overlap, 0 none. */
function altRelation(i: i32, r: i32): i32 {
  const qa = unchecked(PTR[S + B_ALT]), qo = unchecked(PTR[S + B_ALT_OFF])
  const ta = unchecked(PTR[S + T_ALT]), to = unchecked(PTR[S + T_ALT_OFF])
  const qs = load<i32>(qo + (<usize>i << 2)), qe = load<i32>(qo + (<usize>(i + 1) << 2))
  const ts = load<i32>(to + (<usize>r << 2)), te = load<i32>(to + (<usize>(r + 1) << 2))
  if (qe == qs || te == ts) return 0
  if (qe - qs == te - ts) {
    let same = true
    for (let k = 0; k < qe - qs; k++) {
      if (load<u64>(qa + (<usize>(qs + k) << 3)) != load<u64>(ta + (<usize>(ts + k) << 3))) { same = false; break }
    }
    if (same) return 2
  }
  for (let a = qs; a < qe; a++) {
    const h = load<u64>(qa + (<usize>a << 3))
    for (let b = ts; b < te; b++) if (load<u64>(ta + (<usize>b << 3)) == h) return 1
  }
  return 0
}

// merge cursor, kept across batches of one query stream
let curContig: i32 = -1
let curRow: i32 = 0
let curPos: i32 = -1

/** Makes slot `s` (0 .. 7) the current one: later calls use its table, buffers and cursor. */
export function annoSelect(s: i32): void {
  const k = S / 16 * 5
  unchecked(STATE[k] = tRows); unchecked(STATE[k + 1] = tContigs); unchecked(STATE[k + 2] = curContig)
  unchecked(STATE[k + 3] = curRow); unchecked(STATE[k + 4] = curPos)
  const slot = s < 0 || s >= SLOTS ? 0 : s
  S = slot * 16
  const j = slot * 5
  tRows = unchecked(STATE[j]); tContigs = unchecked(STATE[j + 1]); curContig = unchecked(STATE[j + 2])
  curRow = unchecked(STATE[j + 3]); curPos = unchecked(STATE[j + 4])
}

/** Starts a new query stream (the merge cursor goes back to the start). */
export function annoRewind(): void { curContig = -1; curRow = 0; curPos = -1 }

/**
 * Joins the batch's n records against the table. mode 0: bcftools pairing (at most one row
 * per record, each row used once; rows with the same ALT list are paired first, then rows
 * sharing an ALT allele). mode 1: every row at the same position with the same REF sharing
 * an ALT allele (vcfanno). Returns the number of matches.
 */
export function annoJoin(n: i32, mode: i32): i32 {
  annoKeys(n)
  need(B_OUT_OFF, (<usize>n + 1) << 2)
  need(B_EXACT, <usize>(n > 0 ? n : 1))
  // first pass: candidate row range of each record, kept in B_OUT_OFF (lo) and B_OUT later
  let cap: usize = n > 0 ? <usize>n << 1 : 2
  need(B_OUT, cap << 2)
  const map = unchecked(PTR[S + B_MAP])
  const cstart = unchecked(PTR[S + T_CSTART])
  const posCol = colPtr(COL_POS)
  let o: i32 = 0
  let i: i32 = 0
  while (i < n) {
    // the group of consecutive records at the same contig and position
    const chrom = load<i32>(map + (<usize>getCol(COL_CHROM, i) << 2))
    const pos = <i32>load<f64>(posCol + (<usize>i << 3))
    let j = i + 1
    while (j < n && getCol(COL_CHROM, j) == getCol(COL_CHROM, i) && <i32>load<f64>(posCol + (<usize>j << 3)) == pos) j++
    let lo: i32 = 0, hi: i32 = 0
    if (chrom >= 0 && chrom < tContigs) {
      const cs = load<i32>(cstart + (<usize>chrom << 2)), ce = load<i32>(cstart + (<usize>(chrom + 1) << 2))
      if (chrom != curContig || pos < curPos || curRow < cs || curRow > ce) {
        curRow = lowerBound(cs, ce, pos)
      } else {
        // gallop forward from the cursor, then binary search the last step
        let step: i32 = 1
        let r = curRow
        while (r + step < ce && tPos(r + step) < pos) { r += step; step <<= 1 }
        curRow = lowerBound(r, r + step < ce ? r + step + 1 : ce, pos)
      }
      curContig = chrom
      curPos = pos
      lo = curRow
      hi = lo
      while (hi < ce && tPos(hi) == pos) hi++
    }
    // candidates of each record in the group: [lo, hi)
    for (let k = i; k < j; k++) {
      store<i32>(unchecked(PTR[S + B_OUT_OFF]) + (<usize>k << 2), o)
      store<u8>(unchecked(PTR[S + B_EXACT]) + <usize>k, 0)
      if (mode == 1) {
        const qref = load<u64>(unchecked(PTR[S + B_REF]) + (<usize>k << 3))
        for (let r = lo; r < hi; r++) {
          if (load<u64>(unchecked(PTR[S + T_REF]) + (<usize>r << 3)) != qref) continue
          const rel = altRelation(k, r)
          if (rel == 0) continue
          if (<usize>(o + 1) > cap) { cap <<= 1; need(B_OUT, cap << 2) }
          store<i32>(unchecked(PTR[S + B_OUT]) + (<usize>o << 2), r)
          if (o == load<i32>(unchecked(PTR[S + B_OUT_OFF]) + (<usize>k << 2)) && rel == 2) store<u8>(unchecked(PTR[S + B_EXACT]) + <usize>k, 1)
          o++
        }
      } else {
        if (<usize>(o + 1) > cap) { cap <<= 1; need(B_OUT, cap << 2) }
        store<i32>(unchecked(PTR[S + B_OUT]) + (<usize>o << 2), -1)
        o++
      }
    }
    if (mode == 0 && hi > lo) {
      // bcftools pairing: same ALT list first, then any shared ALT allele; each row once
      const used = unchecked(PTR[S + T_USED])
      for (let pass = 2; pass >= 1; pass--) {
        for (let k = i; k < j; k++) {
          const slot = unchecked(PTR[S + B_OUT]) + (<usize>load<i32>(unchecked(PTR[S + B_OUT_OFF]) + (<usize>k << 2)) << 2)
          if (load<i32>(slot) >= 0) continue
          const qref = load<u64>(unchecked(PTR[S + B_REF]) + (<usize>k << 3))
          for (let r = lo; r < hi; r++) {
            if (load<u8>(used + <usize>r) != 0) continue
            if (load<u64>(unchecked(PTR[S + T_REF]) + (<usize>r << 3)) != qref) continue
            const rel = altRelation(k, r)
            if (rel < pass) continue
            store<i32>(slot, r)
            store<u8>(used + <usize>r, 1)
            if (rel == 2) store<u8>(unchecked(PTR[S + B_EXACT]) + <usize>k, 1)
            break
          }
        }
      }
    }
    i = j
  }
  store<i32>(unchecked(PTR[S + B_OUT_OFF]) + (<usize>n << 2), o)
  if (mode == 0) {
    // compact: drop the -1 placeholders so the CSR holds real matches only
    const off = unchecked(PTR[S + B_OUT_OFF]), out = unchecked(PTR[S + B_OUT])
    let w: i32 = 0
    for (let k = 0; k < n; k++) {
      const r = load<i32>(out + (<usize>k << 2))
      store<i32>(off + (<usize>k << 2), w)
      if (r >= 0) { store<i32>(out + (<usize>w << 2), r); w++ }
    }
    store<i32>(off + (<usize>n << 2), w)
    o = w
  }
  return o
}

const B_RANGES: i32 = 15 // i32 pairs per (record, key): value start/end in the input, -1 when absent

/**
 * Finds the values of `nKeys` INFO keys (names written to T_BYTES, end offsets after them
 * at `keysLen`) in each of the batch's n records: B_RANGES gets, per record and key, the
 * value's [start, end) in the input (start == end for a flag or an empty value), or -1, -1.
 */
export function annoInfoRanges(n: i32, nKeys: i32, keysLen: i32): void {
  need(B_RANGES, (<usize>(n > 0 ? n : 1) * <usize>(nKeys > 0 ? nKeys : 1)) << 3)
  const out = unchecked(PTR[S + B_RANGES])
  const keys = unchecked(PTR[S + T_BYTES])
  const ends = keys + <usize>keysLen
  for (let i = 0; i < n; i++) {
    const row = out + ((<usize>i * <usize>nKeys) << 3)
    for (let k = 0; k < nKeys; k++) { store<i32>(row + (<usize>k << 3), -1); store<i32>(row + (<usize>k << 3) + 4, -1) }
    const s = inPtr + <usize>getCol(COL_INFO_START, i), e = inPtr + <usize>getCol(COL_INFO_END, i)
    if (e - s == 1 && load<u8>(s) == 46) continue
    let p = s
    while (p < e) {
      // one entry: KEY[=VALUE] up to ';'
      let q = p
      while (q < e && load<u8>(q) != 59 && load<u8>(q) != 61) q++
      const keyEnd = q
      let vs = q, ve = q
      if (q < e && load<u8>(q) == 61) {
        vs = q + 1
        ve = vs
        while (ve < e && load<u8>(ve) != 59) ve++
        q = ve
      }
      const klen = keyEnd - p
      let ks: usize = 0
      for (let k = 0; k < nKeys; k++) {
        const ke = <usize>load<i32>(ends + (<usize>k << 2))
        if (ke - ks == klen && memory.compare(keys + ks, p, klen) == 0) {
          const slot = row + (<usize>k << 3)
          if (load<i32>(slot) < 0) { store<i32>(slot, <i32>(vs - inPtr)); store<i32>(slot + 4, <i32>(ve - inPtr)) }
          break
        }
        ks = ke
      }
      p = q + 1
    }
  }
}

/**
 * Hashes a column of `count` ALT texts (T_BYTES, end offsets at `textLen`), splitting each
 * at commas, into T_ALT_OFF / T_ALT ("." has no alleles).
 */
export function annoHashAlts(count: i32, textLen: i32): void {
  const base = unchecked(PTR[S + T_BYTES])
  const ends = base + <usize>textLen
  let total: i32 = 0
  for (let p: usize = 0; p < <usize>textLen; p++) if (load<u8>(base + p) == 44) total++
  need(T_ALT, <usize>(total + count + 1) << 3)
  need(T_ALT_OFF, (<usize>count + 1) << 2)
  const off = unchecked(PTR[S + T_ALT_OFF]), alt = unchecked(PTR[S + T_ALT])
  let o: i32 = 0
  let s: usize = 0
  for (let r = 0; r < count; r++) {
    store<i32>(off + (<usize>r << 2), o)
    const e = <usize>load<i32>(ends + (<usize>r << 2))
    if (!(e - s == 1 && load<u8>(base + s) == 46) && e > s) {
      let a = s
      for (let p = s; p <= e; p++) {
        if (p == e || load<u8>(base + p) == 44) {
          store<u64>(alt + (<usize>o << 3), fnv(base + a, base + p))
          o++
          a = p + 1
        }
      }
    }
    s = e
  }
  store<i32>(off + (<usize>count << 2), o)
}

// .bai and BAM .csi parsing: per reference the read counts of the metadata pseudo-bin and the
// per-window relative coverage (see windows.ts). The host copies the whole (inflated) index
// into bamIndexInput(), calls bamIndexParse() once and reads the tables via bamIndexInfo().
//
// Layouts (SAMv1 §5.2 and CSIv1): BAI = magic, n_ref, per ref { n_bin, bins { bin, n_chunk,
// chunks (beg, end) }, n_intv, ioffset[n_intv] }, optional n_no_coor. CSI = magic, min_shift,
// depth, l_aux, aux, n_ref, per ref { n_bin, bins { bin, loffset, n_chunk, chunks } }, optional
// n_no_coor. CSI has no linear index: each bin's loffset is htslib's linear offset of the
// bin's first window, so the bins together give the windows' offsets (lowest-level bins'
// chunk starts are offered too, in case a writer left loffset 0).
import { grow, nextCap } from '../buffers'
import {
  ERR_MAGIC, ERR_TRUNCATED, ERR_CORRUPT, ERR_PARAMS, cursorReset, need, fail, err, errAt, pos, seek, skip,
  u32At, i32At, u64At, remaining,
} from './cursor'
import { UNKNOWN, prepare, offerK, setK, markOwn, emit, windowsReset, winPtr, winLen } from './windows'

const MAGIC_BAI: u32 = 0x01494142 // "BAI\1"
const MAGIC_CSI: u32 = 0x01495343 // "CSI\1"
/** Windows per reference we accept: 2^22 x 16 kb = 68 Gbp; more means a corrupt bin number. */
const MAX_WINDOWS: u64 = 1 << 22

/** Per-reference table, REF_FIELDS f64 each (see the host's readRefs for the field order). */
const REF_FIELDS: i32 = 8
let refsPtr: usize = 0
let refsCap: usize = 0

let inPtr: usize = 0
let inCap: usize = 0
let format: i32 = 0 // 1 bai, 2 csi
let nRef: i32 = 0
let noCoor: f64 = -1
let minShift: i32 = 14
let depth: i32 = 5
/** first bin number of each level, and the metadata pseudo-bin */
const levelFirst = new StaticArray<u64>(12)
let metaBin: u64 = 37450

/** Windows per reference from the reference lengths, when the host knows them (0: unknown). */
let lensPtr: usize = 0
let lensCap: usize = 0
let lensCount: i32 = 0

/**
 * Returns an i32 buffer for the window count of each of `n` references, which the host may
 * fill before bamIndexParse: a CSI says nothing about trailing windows whose bins were merged,
 * and the reference length is what tells they exist. Pass n = 0 to forget the counts.
 */
export function bamIndexLengths(n: i32): usize {
  const b = <usize>(n > 0 ? n : 0) * 4
  if (b > lensCap) { const c = nextCap(lensCap, b); lensPtr = grow(lensPtr, lensCap, c); lensCap = c }
  memory.fill(lensPtr, 0, b)
  lensCount = n
  return lensPtr
}

/** Returns a buffer of at least n bytes for the index data. */
export function bamIndexInput(n: usize): usize {
  if (n > inCap) { const c = nextCap(inCap, n + 16); inPtr = grow(inPtr, inCap, c); inCap = c }
  return inPtr
}

/** Result ids for bamIndexInfo; must match src/coverage/wasm.ts. */
export function bamIndexInfo(id: i32): f64 {
  switch (id) {
    case 0: return <f64>format
    case 1: return <f64>nRef
    case 2: return noCoor
    case 3: return <f64>minShift
    case 4: return <f64>depth
    case 5: return <f64>errAt
    case 6: return <f64>winLen
    case 7: return <f64>refsPtr
    case 8: return <f64>winPtr
  }
  return -1
}

function setLevels(): void {
  for (let l = 0; l <= depth + 1; l++) unchecked(levelFirst[l] = ((<u64>1 << (3 * <u64>l)) - 1) / 7)
  metaBin = unchecked(levelFirst[depth + 1]) + 1
}

/** First window covered by a (valid, non-meta) bin; UNKNOWN for bin numbers past the last level. */
function firstWindow(bin: u64): u64 {
  for (let l = 0; l <= depth; l++) {
    if (bin < unchecked(levelFirst[l + 1])) return (bin - unchecked(levelFirst[l])) << (3 * <u64>(depth - l))
  }
  return UNKNOWN
}

// @ts-ignore: decorator
@inline function isLowest(bin: u64): bool { return bin >= unchecked(levelFirst[depth]) && bin < unchecked(levelFirst[depth + 1]) }

/** Parses the n bytes at bamIndexInput(); returns the reference count or an ERR_* code. */
export function bamIndexParse(n: usize): i32 {
  cursorReset(inPtr, n)
  windowsReset()
  nRef = 0; noCoor = -1; format = 0
  if (!need(4)) return err
  const magic = u32At()
  if (magic == MAGIC_BAI) {
    format = 1; minShift = 14; depth = 5
  } else if (magic == MAGIC_CSI) {
    format = 2
    if (!need(12)) return err
    minShift = i32At(); depth = i32At()
    const lAux = i32At()
    // htslib's bins are u32 and its coordinates 64-bit: depth 9 is the deepest with a u32 meta bin
    if (minShift < 1 || minShift > 30 || depth < 0 || depth > 9) { seek(pos - 12); fail(ERR_PARAMS); return err }
    if (lAux < 0) { seek(pos - 4); fail(ERR_CORRUPT); return err }
    if (!need(<u64>lAux)) return err
    skip(<usize>lAux)
  } else {
    fail(ERR_MAGIC); return err
  }
  setLevels()
  if (!need(4)) return err
  const refs = i32At()
  // every reference takes at least 4 (CSI) or 8 (BAI) bytes: rejects absurd counts early
  if (refs < 0 || <u64>refs * (format == 1 ? 8 : 4) > remaining()) { seek(pos - 4); fail(refs < 0 ? ERR_CORRUPT : ERR_TRUNCATED); return err }
  const tb = <usize>refs * <usize>REF_FIELDS * 8
  if (tb > refsCap) { const c = nextCap(refsCap, tb); refsPtr = grow(refsPtr, refsCap, c); refsCap = c }
  for (let r = 0; r < refs; r++) {
    const given = r < lensCount ? load<i32>(lensPtr + (<usize>r << 2)) : 0
    if (!parseRef(refsPtr + <usize>r * <usize>REF_FIELDS * 8, given)) return err
  }
  nRef = refs
  // n_no_coor is optional (older writers stop after the last reference)
  if (remaining() >= 8) noCoor = <f64>u64At()
  return refs
}

/** One reference: two passes over its bins (sizes first, then offsets). False on error. */
function parseRef(row: usize, given: i32): bool {
  const csi = format == 2
  if (!need(4)) return false
  const nBin = i32At()
  const minBin: u64 = csi ? 16 : 8
  if (nBin < 0) { seek(pos - 4); fail(ERR_CORRUPT); return false }
  if (<u64>nBin * minBin > remaining()) { need(<u64>nBin * minBin); return false }
  const binsAt = pos
  let mapped: f64 = 0, unmapped: f64 = 0, hasMeta: f64 = 0, refBeg: u64 = 0, refEnd: u64 = 0
  let lastEnd: u64 = 0
  let maxWin: i64 = -1
  // pass 1: bounds, counts, the last record's end and the highest window
  for (let b = 0; b < nBin; b++) {
    if (!need(csi ? 16 : 8)) return false
    const bin = <u64>u32At()
    if (csi) skip(8)
    const nChunk = i32At()
    if (nChunk < 0) { seek(pos - 4); fail(ERR_CORRUPT); return false }
    if (!need(<u64>nChunk * 16)) return false
    if (bin == metaBin) {
      // pseudo-bin: chunk 0 = (first, last) virtual offsets, chunk 1 = (mapped, unmapped)
      if (nChunk >= 2) {
        refBeg = u64At(); refEnd = u64At(); mapped = <f64>u64At(); unmapped = <f64>u64At(); hasMeta = 1
        skip(<usize>(nChunk - 2) * 16)
      } else skip(<usize>nChunk * 16)
      continue
    }
    const fw = firstWindow(bin)
    if (fw != UNKNOWN) {
      if (fw >= MAX_WINDOWS) { seek(pos - 8 - (csi ? 8 : 0)); fail(ERR_CORRUPT); return false }
      if (<i64>fw > maxWin) maxWin = <i64>fw
    }
    for (let c = 0; c < nChunk; c++) {
      skip(8)
      const e = u64At()
      if (fw != UNKNOWN && e > lastEnd) lastEnd = e
    }
  }
  let nIntv = 0
  let linAt: usize = 0
  if (!csi) {
    if (!need(4)) return false
    nIntv = i32At()
    if (nIntv < 0 || <u64>nIntv > MAX_WINDOWS) { seek(pos - 4); fail(ERR_CORRUPT); return false }
    if (!need(<u64>nIntv * 8)) return false
    linAt = pos
    skip(<usize>nIntv * 8)
  }
  const after = pos
  let nWin = <i32>(maxWin + 1)
  if (nIntv > nWin) nWin = nIntv
  if (given > nWin && <u64>given <= MAX_WINDOWS) nWin = given
  if (hasMeta != 0 && refEnd > lastEnd) lastEnd = refEnd
  prepare(nWin)
  // pass 2: which windows have reads of their own; CSI: the windows' offsets
  seek(binsAt)
  for (let b = 0; b < nBin; b++) {
    const bin = <u64>u32At()
    const loff: u64 = csi ? u64At() : 0
    const nChunk = i32At()
    const fw = bin == metaBin ? UNKNOWN : firstWindow(bin)
    if (fw == UNKNOWN) { skip(<usize>nChunk * 16); continue }
    const w = <i32>fw
    // virtual offset 0 is the BAM magic, never a record: htslib's "no linear offset"
    if (csi && loff != 0) offerK(w, loff)
    const lowest = isLowest(bin)
    for (let c = 0; c < nChunk; c++) {
      const beg = u64At()
      const end = u64At()
      if (!lowest) continue
      markOwn(w, end)
      if (csi && beg != 0) offerK(w, beg)
    }
  }
  if (!csi) {
    // old samtools left 0 (not a fill) in empty windows
    for (let i = 0; i < nIntv; i++) {
      const v = load<u64>(linAt + (<usize>i << 3))
      if (v != 0) setK(i, v)
    }
  }
  seek(after)
  const start = emit(nWin, lastEnd, csi)
  store<f64>(row, mapped)
  store<f64>(row + 8, unmapped)
  store<f64>(row + 16, hasMeta)
  store<f64>(row + 24, <f64>nWin)
  store<f64>(row + 32, <f64>start)
  store<f64>(row + 40, <f64>nBin)
  store<f64>(row + 48, <f64>(refBeg >> 16))
  store<f64>(row + 56, <f64>(refEnd >> 16))
  return true
}

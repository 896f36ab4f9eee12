// Per-window relative coverage from an index, the indexcov way: the compressed BAM bytes
// between the first record of one 16 kb window and the first record of the next are
// proportional to the reads that start in it. Windows are described by "linear offsets":
// the virtual offset of the first record overlapping the window.
//
// htslib writes no offset for an empty window: it fills it in, since 1.10 (or so) with the
// next window's offset, before that with the previous one's. Either way a run of equal
// offsets has one real window (its "owner") and empty ones, and the bytes from one owner to
// the next belong to the first owner. Successive differences (indexcov) are right for
// backward filling only; with forward filling they credit the bytes of the window before an
// empty run to the run's last window, shifting a deletion. So we find each run's owner: the
// window that has a lowest-level bin (reads of its own); where no window of the run has one
// (bins of small windows get merged into their parent), the run's last window for the
// leading run, otherwise the end that the index's other runs point to (default: the last).
import { grow, nextCap } from '../buffers'

export const UNKNOWN: u64 = 0xffffffffffffffff
/** ownBin marker: an owner inferred without a lowest-level bin of its own (see credit). */
const SPREAD: u8 = 2
/** ownBin marker: an UNKNOWN window right after an owner (see credit). */
const SPREAD_INTO: u8 = 3

/** Linear offset per window (UNKNOWN where the index says nothing). */
export let known: usize = 0
let knownCap: usize = 0
/** 1 where a lowest-level bin exists: the window holds reads of its own. */
export let ownBin: usize = 0
let ownCap: usize = 0
/** End (virtual offset) of the last chunk of the window's lowest-level bin; 0 if none. */
let ownEnd: usize = 0
let ownEndCap: usize = 0

/** Output: one f64 per window of every reference, in compressed bytes. */
export let winPtr: usize = 0
let winCap: usize = 0
export let winLen: i32 = 0

// votes on the fill direction, accumulated over the references of one index (one writer)
let votesLast = 0, votesFirst = 0

export function windowsReset(): void { winLen = 0; votesLast = 0; votesFirst = 0 }

/** Clears the scratch arrays for a reference with `n` windows. */
export function prepare(n: i32): void {
  const kb = <usize>n * 8
  if (kb > knownCap) { const c = nextCap(knownCap, kb); known = grow(known, knownCap, c); knownCap = c }
  if (<usize>n > ownCap) { const c = nextCap(ownCap, <usize>n); ownBin = grow(ownBin, ownCap, c); ownCap = c }
  if (kb > ownEndCap) { const c = nextCap(ownEndCap, kb); ownEnd = grow(ownEnd, ownEndCap, c); ownEndCap = c }
  memory.fill(known, 0xff, kb)
  memory.fill(ownBin, 0, <usize>n)
  memory.fill(ownEnd, 0, kb)
}

// @ts-ignore: decorator
@inline export function getK(w: i32): u64 { return load<u64>(known + (<usize>w << 3)) }
// @ts-ignore: decorator
@inline export function setK(w: i32, v: u64): void { store<u64>(known + (<usize>w << 3), v) }
/** Keeps the smallest offset offered for a window (a bin's loffset, a chunk's start). */
// @ts-ignore: decorator
@inline export function offerK(w: i32, v: u64): void { if (v < getK(w)) setK(w, v) }
/** Records a lowest-level bin for window w, its chunks ending at `end` at the latest. */
export function markOwn(w: i32, end: u64): void {
  store<u8>(ownBin + <usize>w, 1)
  const p = ownEnd + (<usize>w << 3)
  if (end > load<u64>(p)) store<u64>(p, end)
}

/** Compressed-byte distance between two virtual offsets (ioffset >> 16), never negative. */
// @ts-ignore: decorator
@inline function distance(from: u64, to: u64): f64 {
  const a = from >> 16, b = to >> 16
  return b > a ? <f64>(b - a) : 0.0
}

/**
 * Credits an owner's bytes. Only a CSI leaves windows UNKNOWN: htslib merges the bins of
 * windows with under 64 KB of compressed data into their parent, losing their offsets. Their
 * reads then sit between the owner's and the next known window's, and are split off:
 * an owner with a lowest-level bin keeps what its own chunks span and the rest is spread
 * over the UNKNOWN windows after it; an owner that was only inferred shares evenly with them
 * (a low-coverage stretch then reads low, not as zeros and one spike). A .bai knows every
 * window (filled ones included), so nothing is ever split there.
 */
function credit(out: usize, owner: i32, next: i32, bytes: f64, from: u64): void {
  let end = owner + 1
  while (end < next && load<u8>(ownBin + <usize>end) == SPREAD_INTO) end++
  let own = bytes
  const mark = load<u8>(ownBin + <usize>owner)
  if (end > owner + 1) {
    if (mark == SPREAD) own = bytes / <f64>(end - owner)
    else {
      const span = distance(from, load<u64>(ownEnd + (<usize>owner << 3)))
      if (span < own) own = span
    }
  }
  store<f64>(out + (<usize>owner << 3), own)
  const rest = (bytes - own) / <f64>(end - owner - 1)
  for (let i = owner + 1; i < end; i++) store<f64>(out + (<usize>i << 3), rest)
}

/** Scans the run of equal offsets starting at known window w; fills runFirst/runLast/runOwn. */
let runFirst = 0, runLast = 0, runOwn = 0, runEnd = 0
function scanRun(w: i32, n: i32): void {
  const v = getK(w)
  runFirst = w; runLast = w; runOwn = -1
  let j = w
  while (j < n) {
    const x = getK(j)
    if (x != UNKNOWN) {
      if (x != v) break
      if (runOwn < 0 && load<u8>(ownBin + <usize>j) != 0) runOwn = j
      runLast = j
    }
    j++
  }
  runEnd = j
}

/**
 * Resolves the filled runs and appends `n` window values to the output. `lastEnd` is the
 * virtual end of the reference's last record (bounds the last window); `csi`: windows with no
 * offset are unknown (merged bins) rather than empty. Returns the index of the reference's
 * first window in the output.
 */
export function emit(n: i32, lastEnd: u64, csi: bool): i32 {
  // which way was this index filled? runs whose owner is known vote
  let w = 0
  while (w < n) {
    if (getK(w) == UNKNOWN) { w++; continue }
    scanRun(w, n)
    if (runLast > runFirst && runOwn >= 0) {
      if (runOwn == runLast) votesLast++
      else if (runOwn == runFirst) votesFirst++
    }
    w = runEnd
  }
  const forward = votesFirst > votesLast
  // keep one owner per run; an owner found without a bin of its own is marked SPREAD
  let leading = true
  w = 0
  while (w < n) {
    const v = getK(w)
    if (v == UNKNOWN) { w++; continue }
    scanRun(w, n)
    const owner = runOwn >= 0 ? runOwn : leading || !forward ? runLast : runFirst
    if (runOwn < 0) store<u8>(ownBin + <usize>owner, SPREAD)
    // the windows the index says nothing about, right after the owner (CSI only)
    // (a .bai's windows past n_intv are known to be empty: no read reaches them)
    if (csi) for (let j = owner + 1; j < n && getK(j) == UNKNOWN; j++) store<u8>(ownBin + <usize>j, SPREAD_INTO)
    for (let j = runFirst; j <= runLast; j++) setK(j, UNKNOWN)
    setK(owner, v)
    leading = false
    w = runEnd
  }
  // bytes from each owner to the next (the last: to the reference's last record)
  const start = winLen
  const need = <usize>(winLen + n) * 8
  if (need > winCap) { const c = nextCap(winCap, need); winPtr = grow(winPtr, winCap, c); winCap = c }
  const out = winPtr + (<usize>start << 3)
  memory.fill(out, 0, <usize>n * 8)
  let prev = -1
  for (let i = 0; i < n; i++) {
    const v = getK(i)
    if (v == UNKNOWN) continue
    if (prev >= 0) credit(out, prev, i, distance(getK(prev), v), getK(prev))
    prev = i
  }
  if (prev >= 0) credit(out, prev, n, distance(getK(prev), lastEnd), getK(prev))
  winLen += n
  return start
}

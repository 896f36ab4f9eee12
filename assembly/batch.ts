// The columnar batch: one i32 (or f32) column per fixed VCF field, offsets relative to the
// input buffer so the host can slice the original bytes without copying.
import { grow, nextCap } from './buffers'

export const COL_CHROM: i32 = 0
export const COL_POS: i32 = 1 // f64: htslib positions are 64-bit
export const COL_RLEN: i32 = 2
export const COL_LINE_START: i32 = 3
export const COL_LINE_END: i32 = 4
export const COL_ID_START: i32 = 5
export const COL_ID_END: i32 = 6
export const COL_REF_START: i32 = 7
export const COL_REF_END: i32 = 8
export const COL_ALT_START: i32 = 9
export const COL_ALT_END: i32 = 10
export const COL_N_ALLELE: i32 = 11
export const COL_QUAL: i32 = 12 // f32
export const COL_FILTER_START: i32 = 13
export const COL_FILTER_END: i32 = 14
export const COL_INFO_START: i32 = 15
export const COL_INFO_END: i32 = 16
export const COL_FMT_START: i32 = 17
export const COL_FMT_END: i32 = 18
export const COL_VTYPE: i32 = 19
export const COL_LINE_NO: i32 = 20 // 0-based line index within the batch input (for error messages)
export const N_COLS: i32 = 21

export let recCap: i32 = 0
const cols = new StaticArray<usize>(N_COLS)

export function colPtr(c: i32): usize { return unchecked(cols[c]) }

/** Makes room for `n` records in every column. */
export function ensureRecords(n: i32): void {
  if (n <= recCap) return
  const c = <i32>nextCap(<usize>recCap, <usize>n)
  for (let i = 0; i < N_COLS; i++) {
    const w: usize = i == COL_POS ? 8 : 4
    unchecked(cols[i] = grow(unchecked(cols[i]), <usize>recCap * w, <usize>c * w))
  }
  recCap = c
}

// @ts-ignore: decorator
@inline export function setCol(c: i32, i: i32, v: i32): void { store<i32>(unchecked(cols[c]) + (<usize>i << 2), v) }
// @ts-ignore: decorator
@inline export function getCol(c: i32, i: i32): i32 { return load<i32>(unchecked(cols[c]) + (<usize>i << 2)) }
// @ts-ignore: decorator
@inline export function setColF(c: i32, i: i32, v: f32): void { store<f32>(unchecked(cols[c]) + (<usize>i << 2), v) }
// @ts-ignore: decorator
@inline export function setColF64(c: i32, i: i32, v: f64): void { store<f64>(unchecked(cols[c]) + (<usize>i << 3), v) }
// @ts-ignore: decorator
@inline export function setColBits(c: i32, i: i32, v: u32): void { store<u32>(unchecked(cols[c]) + (<usize>i << 2), v) }

// ---- input buffer ----
export let inPtr: usize = 0
export let inCap: usize = 0
/** Returns a pointer to an input buffer of at least `n` bytes (contents preserved). */
export function inputBuffer(n: usize): usize {
  if (n > inCap) { const c = nextCap(inCap, n + 16); inPtr = grow(inPtr, inCap, c); inCap = c }
  return inPtr
}

// ---- scratch buffer for host -> core strings (tag names), never aliasing the input ----
let scratchPtr: usize = 0
let scratchCap: usize = 0
export function scratchBuffer(n: usize): usize {
  if (n > scratchCap) { const c = nextCap(scratchCap, n); scratchPtr = grow(scratchPtr, scratchCap, c); scratchCap = c }
  return scratchPtr
}

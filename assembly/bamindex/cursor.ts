// A bounds-checked little-endian reader over the index bytes the host copied in. Index files
// come from outside (possibly truncated or not an index at all), so every read is checked
// against the end and a failure is recorded rather than trapping: the host gets an error
// code and the byte offset where the data ran out.

export const ERR_MAGIC: i32 = -1 // neither BAI\1 nor CSI\1
export const ERR_TRUNCATED: i32 = -2 // the data ends inside a structure
export const ERR_CORRUPT: i32 = -3 // a count or bin number no valid index can contain
export const ERR_PARAMS: i32 = -4 // CSI min_shift/depth outside what we support

export let pos: usize = 0
let base: usize = 0
let end: usize = 0
export let err: i32 = 0
export let errAt: usize = 0

export function cursorReset(ptr: usize, len: usize): void {
  base = ptr; pos = ptr; end = ptr + len; err = 0; errAt = 0
}

/** Offset of the cursor from the start of the data. */
export function offset(): usize { return pos - base }
export function remaining(): u64 { return <u64>(end - pos) }

/** Records the first failure (later ones are consequences of it). */
export function fail(code: i32): void {
  if (err == 0) { err = code; errAt = pos - base }
}

/** True when `n` more bytes are there; otherwise records a truncation. */
export function need(n: u64): bool {
  if (err != 0) return false
  if (<u64>(end - pos) < n) { fail(ERR_TRUNCATED); return false }
  return true
}

// The readers below assume need() was checked by the caller for the whole structure.
// @ts-ignore: decorator
@inline export function u32At(): u32 { const v = load<u32>(pos); pos += 4; return v }
// @ts-ignore: decorator
@inline export function i32At(): i32 { const v = load<i32>(pos); pos += 4; return v }
// @ts-ignore: decorator
@inline export function u64At(): u64 { const v = load<u64>(pos); pos += 8; return v }
export function skip(n: usize): void { pos += n }
export function seek(p: usize): void { pos = p }

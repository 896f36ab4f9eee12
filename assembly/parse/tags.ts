// Requested INFO and FORMAT tags. Only tags the host asks for (filter expression, query
// format, API caller) are decoded; everything else stays as raw bytes in the line.
import { alloc, grow, nextCap } from '../buffers'

export const T_FLAG: i32 = 0, T_INT: i32 = 1, T_FLOAT: i32 = 2, T_STRING: i32 = 3, T_GT: i32 = 4
// Number codes: n >= 0 fixed; these negatives for the VCF letters
export const N_A: i32 = -1, N_R: i32 = -2, N_G: i32 = -3, N_VAR: i32 = -4

export const MAX_TAGS: i32 = 1024
/** Bumped whenever a tag is declared or wanted, so parse-side caches know to refresh. */
export let tagsVersion: i32 = 0
const NAMES_CAP: i32 = 65536
const HASH_SLOTS: i32 = 4096 // power of two, > 2 * MAX_TAGS

// @ts-ignore: decorator
@inline function hashName(p: usize, len: i32): u32 {
  let h: u32 = 2166136261
  for (let i = 0; i < len; i++) h = (h ^ <u32>load<u8>(p + <usize>i)) * 16777619
  return h
}

export class TagSet {
  count: i32 = 0
  names: usize = alloc(<usize>NAMES_CAP)
  wanted: StaticArray<bool> = new StaticArray<bool>(MAX_TAGS)
  wantedList: StaticArray<i32> = new StaticArray<i32>(MAX_TAGS)
  wantedCount: i32 = 0
  namesLen: i32 = 0
  nameOff: StaticArray<i32> = new StaticArray<i32>(MAX_TAGS)
  nameLen: StaticArray<i32> = new StaticArray<i32>(MAX_TAGS)
  type: StaticArray<i32> = new StaticArray<i32>(MAX_TAGS)
  number: StaticArray<i32> = new StaticArray<i32>(MAX_TAGS)
  /** A name's first 8 bytes (little-endian, zero-padded): one compare checks a short key. */
  nameHead: StaticArray<u64> = new StaticArray<u64>(MAX_TAGS)
  // per-record columns, 2 i32 per record per tag: INFO (count|-1, value index or string start/end)
  colA: StaticArray<usize> = new StaticArray<usize>(MAX_TAGS)
  colB: StaticArray<usize> = new StaticArray<usize>(MAX_TAGS)
  colCap: i32 = 0
  // open-addressing hash of names -> tag index + 1 (0 = empty); headers can declare hundreds of tags
  slots: StaticArray<i32> = new StaticArray<i32>(HASH_SLOTS)

  /** Declares a tag (from the header or the host); `want` asks for its values to be decoded. */
  add(p: usize, len: i32, type: i32, number: i32, want: bool): i32 {
    let t = this.find(p, len)
    if (t < 0) {
      if (this.count >= MAX_TAGS || this.namesLen + len > NAMES_CAP) return -1
      t = this.count++
      memory.copy(this.names + <usize>this.namesLen, p, len)
      unchecked(this.nameOff[t] = this.namesLen)
      unchecked(this.nameLen[t] = len)
      let head: u64 = 0
      for (let i = 0; i < len && i < 8; i++) head |= <u64>load<u8>(p + <usize>i) << (<u64>i << 3)
      unchecked(this.nameHead[t] = head)
      this.namesLen += len
      let h = hashName(p, len) & <u32>(HASH_SLOTS - 1)
      while (unchecked(this.slots[h]) != 0) h = (h + 1) & <u32>(HASH_SLOTS - 1)
      unchecked(this.slots[h] = t + 1)
    }
    unchecked(this.type[t] = type)
    unchecked(this.number[t] = number)
    tagsVersion++
    if (want && !unchecked(this.wanted[t])) {
      unchecked(this.wanted[t] = true)
      unchecked(this.wantedList[this.wantedCount++] = t)
      if (this.colCap > 0) {
        unchecked(this.colA[t] = alloc(<usize>this.colCap * 4))
        unchecked(this.colB[t] = alloc(<usize>this.colCap * 4))
      }
    }
    return t
  }
  /** Tag index for the name in [p, p+len) or -1. */
  // @ts-ignore: decorator
  @inline find(p: usize, len: i32): i32 {
    let h = hashName(p, len) & <u32>(HASH_SLOTS - 1)
    while (true) {
      const s = unchecked(this.slots[h])
      if (s == 0) return -1
      const i = s - 1
      if (unchecked(this.nameLen[i]) == len && memory.compare(this.names + <usize>unchecked(this.nameOff[i]), p, len) == 0) return i
      h = (h + 1) & <u32>(HASH_SLOTS - 1)
    }
    return -1
  }

  ensure(n: i32): void {
    if (n <= this.colCap) return
    const c = <i32>nextCap(<usize>this.colCap, <usize>n)
    for (let w = 0; w < this.wantedCount; w++) {
      const t = unchecked(this.wantedList[w])
      unchecked(this.colA[t] = grow(unchecked(this.colA[t]), <usize>this.colCap * 4, <usize>c * 4))
      unchecked(this.colB[t] = grow(unchecked(this.colB[t]), <usize>this.colCap * 4, <usize>c * 4))
    }
    this.colCap = c
  }
}

export const info = new TagSet()
export const fmt = new TagSet()

// Pools shared by all tags of a batch: f64 values (numbers), i32 values (GT), i32 pairs
// (string spans per sample). Indices into them are stored in the per-tag columns.
export let f64Pool: usize = 0
export let f64Cap: i32 = 0
export let f64Len: i32 = 0
export let i32Pool: usize = 0
export let i32Cap: i32 = 0
export let i32Len: i32 = 0

/** Reserves n f64 slots, returns the index of the first. */
export function f64Reserve(n: i32): i32 {
  const need = f64Len + n
  if (need > f64Cap) {
    const c = <i32>nextCap(<usize>f64Cap, <usize>need)
    f64Pool = grow(f64Pool, <usize>f64Cap * 8, <usize>c * 8)
    f64Cap = c
  }
  const at = f64Len
  f64Len = need
  return at
}
export function i32Reserve(n: i32): i32 {
  const need = i32Len + n
  if (need > i32Cap) {
    const c = <i32>nextCap(<usize>i32Cap, <usize>need)
    i32Pool = grow(i32Pool, <usize>i32Cap * 4, <usize>c * 4)
    i32Cap = c
  }
  const at = i32Len
  i32Len = need
  return at
}
export function poolsReset(): void { f64Len = 0; i32Len = 0 }

// Growable raw buffers in linear memory. The stub runtime never frees, so buffers only
// grow (by doubling) and the waste is bounded by the peak size.

/** Returns a pointer to a buffer of at least `need` bytes, reallocating `ptr` (of `cap` bytes) if needed. */
// @ts-ignore: decorator
@inline export function grow(ptr: usize, cap: usize, need: usize): usize {
  if (ptr == 0) return heap.alloc(need)
  if (need <= cap) return ptr
  return heap.realloc(ptr, need)
}

export function nextCap(cap: usize, need: usize): usize {
  let c = cap < 1024 ? <usize>1024 : cap
  while (c < need) c <<= 1
  return c
}

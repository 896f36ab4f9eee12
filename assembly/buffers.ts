// Raw buffers in linear memory. Every allocation of the core goes through `alloc` or `grow`
// here, so the grow-stress test mode has one place to act (docs/adr/0005-wasm-memory.md).
// The stub runtime never frees, so buffers only grow (by doubling) and are reused.

let stress = false
const STRESS_MAX_PAGES: i32 = 32768 // 2 GiB: stop forcing growth well before wasm32's limit

/** Test mode: every allocation point grows memory, detaching every view the host holds. */
export function setGrowStress(on: i32): void { stress = on != 0 }

/**
 * Called by every exported entry point that can allocate (assembly/index.ts), and by every
 * allocation: in grow-stress mode it grows memory by one page, so a host view kept across
 * any such call is detached and any use of it fails loudly in the differential tests.
 */
// @ts-ignore: decorator
@inline export function mayAllocate(): void {
  if (stress && memory.size() < STRESS_MAX_PAGES) memory.grow(1)
}

/** A new buffer of `n` bytes. */
export function alloc(n: usize): usize {
  mayAllocate()
  return heap.alloc(n > 0 ? n : 8)
}

/** Returns a pointer to a buffer of at least `need` bytes, reallocating `ptr` (of `cap` bytes) if needed. */
// @ts-ignore: decorator
@inline export function grow(ptr: usize, cap: usize, need: usize): usize {
  if (ptr == 0) return alloc(need)
  if (need <= cap) return ptr
  mayAllocate()
  return heap.realloc(ptr, need)
}

export function nextCap(cap: usize, need: usize): usize {
  let c = cap < 1024 ? <usize>1024 : cap
  while (c < need) c <<= 1
  return c
}

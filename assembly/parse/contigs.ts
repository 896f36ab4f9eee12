// Contig name -> id table. Names are interned as byte copies; ids are assigned in order of
// first appearance (header ##contig lines are registered first by the host).
import { grow, nextCap } from '../buffers'

let namesPtr: usize = 0
let namesCap: usize = 0
let namesLen: usize = 0
let offsPtr: usize = 0 // i32 pairs (start, len) per contig
let offsCap: usize = 0
export let contigCount: i32 = 0
let lastId: i32 = -1
let lastPtr: usize = 0
let lastLen: usize = 0

export function contigNamesPtr(): usize { return namesPtr }
export function contigOffsPtr(): usize { return offsPtr }

function add(p: usize, len: usize): i32 {
  const need = namesLen + len
  if (need > namesCap) { const c = nextCap(namesCap, need); namesPtr = grow(namesPtr, namesCap, c); namesCap = c }
  memory.copy(namesPtr + namesLen, p, len)
  const offNeed = <usize>(contigCount + 1) * 8
  if (offNeed > offsCap) { const c = nextCap(offsCap, offNeed); offsPtr = grow(offsPtr, offsCap, c); offsCap = c }
  store<i32>(offsPtr + <usize>contigCount * 8, <i32>namesLen)
  store<i32>(offsPtr + <usize>contigCount * 8 + 4, <i32>len)
  namesLen = need
  return contigCount++
}

/** Id of the contig named by bytes [p, p+len); new names are added. */
export function contigId(p: usize, len: usize): i32 {
  // sorted input: the same contig as the previous record is by far the common case
  if (len == lastLen && lastId >= 0 && memory.compare(p, lastPtr, len) == 0) return lastId
  for (let i = 0; i < contigCount; i++) {
    const o = offsPtr + <usize>i * 8
    if (<usize>load<i32>(o + 4) == len && memory.compare(namesPtr + <usize>load<i32>(o), p, len) == 0) {
      lastId = i; lastPtr = namesPtr + <usize>load<i32>(o); lastLen = len
      return i
    }
  }
  const id = add(p, len)
  lastId = id; lastPtr = namesPtr + <usize>load<i32>(offsPtr + <usize>id * 8); lastLen = len
  return id
}

export function contigsReset(): void { namesLen = 0; contigCount = 0; lastId = -1; lastLen = 0 }

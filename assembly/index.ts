// WebAssembly entry points. The host (src/wasm/core.ts, the one owner of this instance and
// its memory) crosses this boundary once per batch. Every entry point that can allocate
// calls mayAllocate() first: in grow-stress mode that grows memory on every such call, so a
// host view held across one is detached (docs/adr/0005-wasm-memory.md).
import { mayAllocate } from './buffers'
import * as batch from './batch'
import * as rec from './parse/record'
import * as contigs from './parse/contigs'
import * as vm from './filter/vm'
import * as bai from './bamindex/index'
import { contigCount } from './parse/contigs'
import { info, fmt, f64Pool, i32Pool, f64Len, i32Len } from './parse/tags'
import { inPtr, scratchBuffer as scratch } from './batch'

export { setGrowStress } from './buffers'
export { colPtr } from './batch'
export { setSampleCount, setEndTag, setLenient, setEmptySampleError } from './parse/record'
export { contigNamesPtr, contigOffsPtr, contigsReset } from './parse/contigs'
export { bamIndexInfo } from './bamindex/index'

// ---- entry points that may allocate ----
export function inputBuffer(n: usize): usize { mayAllocate(); return batch.inputBuffer(n) }
export function scratchBuffer(n: usize): usize { mayAllocate(); return batch.scratchBuffer(n) }
export function parseBatch(len: i32, maxRecords: i32, final: bool): i32 { mayAllocate(); return rec.parseBatch(len, maxRecords, final) }
export function contigId(p: usize, len: usize): i32 { mayAllocate(); return contigs.contigId(p, len) }
export function vmSetSamples(n: i32): void { mayAllocate(); vm.vmSetSamples(n) }
export function vmArea(kind: i32, bytes: i32): usize { mayAllocate(); return vm.vmArea(kind, bytes) }
/** 0, or the 1-based record where bcftools would stop with an error (see vm.vmEval). */
export function vmEval(prog: usize, progLen: i32, n: i32, out: usize, sampleOut: usize, sel: usize): i32 {
  mayAllocate()
  return vm.vmEval(prog, progLen, n, out, sampleOut, sel)
}
export function bamIndexLengths(n: i32): usize { mayAllocate(); return bai.bamIndexLengths(n) }
export function bamIndexInput(n: usize): usize { mayAllocate(); return bai.bamIndexInput(n) }
export function bamIndexParse(n: usize): i32 { mayAllocate(); return bai.bamIndexParse(n) }

/** Declares an INFO (kind 0) or FORMAT (kind 1) tag whose name was written to the scratch buffer. */
export function declareTag(kind: i32, nameLen: i32, type: i32, number: i32, want: bool): i32 {
  mayAllocate()
  return (kind == 0 ? info : fmt).add(scratch(0), nameLen, type, number, want)
}

// ---- entry points that never allocate ----
export function tagColA(kind: i32, t: i32): usize { return unchecked((kind == 0 ? info : fmt).colA[t]) }
export function tagColB(kind: i32, t: i32): usize { return unchecked((kind == 0 ? info : fmt).colB[t]) }

/** Batch results, by id, so the host needs one import per value kind rather than one per global. */
export function result(id: i32): i32 {
  switch (id) {
    case 0: return rec.consumed
    case 1: return rec.errCode
    case 2: return rec.errLine
    case 3: return rec.errOffset
    case 4: return rec.skipped
    case 5: return rec.skippedFirstCode
    case 6: return rec.skippedFirstLine
    case 7: return rec.commentLines
    case 8: return rec.undeclaredInfoStart
    case 9: return rec.undeclaredInfoLen
    case 10: return rec.undeclaredFmtStart
    case 11: return rec.undeclaredFmtLen
    case 12: return contigCount
    case 13: return <i32>f64Pool
    case 14: return <i32>i32Pool
    case 15: return f64Len
    case 16: return i32Len
    case 17: return <i32>inPtr
    case 18: return rec.linesSeen
    case 19: return rec.emptySamples
    case 20: return rec.emptySampleFirstLine
    case 21: return rec.emptySampleFirstRecord
  }
  return -1
}

// ---- annotation merge-join (assembly/annotate/join.ts) ----
import * as anno from './annotate/join'
export { annoPtr, annoReset, annoRewind, annoHashAlleles, annoSelect } from './annotate/join' // never allocate
export function annoTableAlloc(rows: i32, alts: i32, contigs: i32): void { mayAllocate(); anno.annoTableAlloc(rows, alts, contigs) }
export function annoMapAlloc(n: i32): usize { mayAllocate(); return anno.annoMapAlloc(n) }
export function annoBytes(n: i32): usize { mayAllocate(); return anno.annoBytes(n) }
export function annoKeys(n: i32): i32 { mayAllocate(); return anno.annoKeys(n) }
export function annoJoin(n: i32, mode: i32): i32 { mayAllocate(); return anno.annoJoin(n, mode) }
export function annoInfoRanges(n: i32, nKeys: i32, keysLen: i32): void { mayAllocate(); anno.annoInfoRanges(n, nKeys, keysLen) }
export function annoHashAlts(count: i32, textLen: i32): void { mayAllocate(); anno.annoHashAlts(count, textLen) }

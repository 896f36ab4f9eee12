// WebAssembly entry points. The host (src/wasm/) crosses this boundary once per batch.
export { inputBuffer, colPtr, scratchBuffer } from './batch'
export {
  parseBatch, setSampleCount, setEndTag, setLenient,
} from './parse/record'
export { contigId, contigNamesPtr, contigOffsPtr, contigsReset } from './parse/contigs'
export { vmSetSamples, vmArea, vmEval } from './filter/vm'
import * as rec from './parse/record'
import { contigCount } from './parse/contigs'
import { info, fmt, f64Pool, i32Pool, f64Len, i32Len } from './parse/tags'
import { inPtr, scratchBuffer } from './batch'

/** Declares an INFO (kind 0) or FORMAT (kind 1) tag whose name was written to the scratch buffer. */
export function declareTag(kind: i32, nameLen: i32, type: i32, number: i32, want: bool): i32 {
  return (kind == 0 ? info : fmt).add(scratchBuffer(0), nameLen, type, number, want)
}
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
  }
  return -1
}
export { bamIndexInput, bamIndexLengths, bamIndexParse, bamIndexInfo } from './bamindex/index'

// Host side of the AssemblyScript core. One WasmCore per reader (and per worker): the
// AssemblyScript runtime is not thread-safe, so instances are never shared.
import { WASM_BASE64 } from './binary.generated.js'

/** Column ids; must match assembly/batch.ts. */
export const enum Col {
  CHROM = 0, POS = 1, RLEN = 2, LINE_START = 3, LINE_END = 4, ID_START = 5, ID_END = 6, REF_START = 7,
  REF_END = 8, ALT_START = 9, ALT_END = 10, N_ALLELE = 11, QUAL = 12, FILTER_START = 13, FILTER_END = 14,
  INFO_START = 15, INFO_END = 16, FMT_START = 17, FMT_END = 18, VTYPE = 19, LINE_NO = 20,
}
export const N_COLS = 21

/** Result ids; must match assembly/index.ts `result`. */
export const enum Res {
  CONSUMED = 0, ERR_CODE = 1, ERR_LINE = 2, ERR_OFFSET = 3, SKIPPED = 4, SKIPPED_FIRST_CODE = 5,
  SKIPPED_FIRST_LINE = 6, COMMENT_LINES = 7, UNDECL_INFO_START = 8, UNDECL_INFO_LEN = 9,
  UNDECL_FMT_START = 10, UNDECL_FMT_LEN = 11, CONTIG_COUNT = 12, F64_POOL = 13, I32_POOL = 14,
  F64_LEN = 15, I32_LEN = 16, IN_PTR = 17, LINES = 18,
}

/** Tag value types and Number codes; must match assembly/parse/tags.ts. */
export const enum TagKind { INFO = 0, FORMAT = 1 }
export const enum WType { FLAG = 0, INT = 1, FLOAT = 2, STRING = 3, GT = 4 }
export const N_A = -1, N_R = -2, N_G = -3, N_VAR = -4

export const PARSE_ERRORS: Record<number, string> = {
  1: 'too few columns: a VCF data line needs at least 8 tab-separated columns',
  2: 'POS is not a non-negative integer',
  3: 'QUAL is not a number or "."',
  4: 'the number of sample columns does not match the header',
  5: 'empty CHROM, REF or ALT column',
  6: 'a FORMAT value could not be decoded',
  7: 'an INFO value could not be decoded',
}

interface Exports {
  memory: WebAssembly.Memory
  inputBuffer(n: number): number
  scratchBuffer(n: number): number
  colPtr(c: number): number
  parseBatch(len: number, maxRecords: number, final: number): number
  setSampleCount(n: number): void
  setEndTag(t: number): void
  setLenient(v: number): void
  contigId(p: number, len: number): number
  contigNamesPtr(): number
  contigOffsPtr(): number
  declareTag(kind: number, nameLen: number, type: number, number: number, want: number): number
  tagColA(kind: number, t: number): number
  tagColB(kind: number, t: number): number
  result(id: number): number
  vmSetSamples(n: number): void
  vmArea(kind: number, bytes: number): number
  vmEval(prog: number, progLen: number, n: number, out: number, sampleOut: number): void
}

let compiled: WebAssembly.Module | undefined

function wasmBytes(): Uint8Array {
  if (typeof Buffer !== 'undefined') return Buffer.from(WASM_BASE64, 'base64')
  const bin = atob(WASM_BASE64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

/** The compiled module, shared (modules, unlike instances, are thread-safe and transferable). */
export function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(wasmBytes() as BufferSource)
  return compiled
}

const encoder = new TextEncoder()

export class WasmCore {
  readonly x: Exports
  private contigNames: string[] = []
  private decoder = new TextDecoder()

  constructor(module: WebAssembly.Module = wasmModule()) {
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort(_msg: number, _file: number, line: number, col: number) {
          throw new Error(`vartriage WASM core aborted at ${line}:${col}`)
        },
      },
    })
    this.x = instance.exports as unknown as Exports
  }

  get memory(): ArrayBuffer { return this.x.memory.buffer }

  /** Pointer to an input area of at least n bytes; views over memory are invalidated by growth. */
  input(n: number): number { return this.x.inputBuffer(n) }

  declareTag(kind: TagKind, name: string, type: WType, number: number, want: boolean): number {
    const bytes = encoder.encode(name)
    const p = this.x.scratchBuffer(bytes.length)
    new Uint8Array(this.memory, p, bytes.length).set(bytes)
    const t = this.x.declareTag(kind, bytes.length, type, number, want ? 1 : 0)
    if (t < 0) throw new Error(`too many ${kind === TagKind.INFO ? 'INFO' : 'FORMAT'} tags declared (max 1024)`)
    return t
  }

  contig(name: string): number {
    const bytes = encoder.encode(name)
    const p = this.x.scratchBuffer(bytes.length)
    new Uint8Array(this.memory, p, bytes.length).set(bytes)
    return this.x.contigId(p, bytes.length)
  }

  /** Contig names by id; refreshed lazily when the core has seen new names. */
  contigs(): string[] {
    const n = this.x.result(Res.CONTIG_COUNT)
    if (n !== this.contigNames.length) {
      const names = new Uint8Array(this.memory, this.x.contigNamesPtr())
      const offs = new Int32Array(this.memory, this.x.contigOffsPtr(), n * 2)
      for (let i = this.contigNames.length; i < n; i++) {
        this.contigNames.push(this.decoder.decode(names.subarray(offs[2 * i], offs[2 * i] + offs[2 * i + 1])))
      }
    }
    return this.contigNames
  }

  col(c: Col, n: number): Int32Array { return new Int32Array(this.memory, this.x.colPtr(c), n) }
  colF32(c: Col, n: number): Float32Array { return new Float32Array(this.memory, this.x.colPtr(c), n) }
  result(r: Res): number { return this.x.result(r) }
}

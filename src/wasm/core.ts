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
  F64_LEN = 15, I32_LEN = 16, IN_PTR = 17, LINES = 18, EMPTY_SAMPLES = 19, EMPTY_SAMPLE_FIRST_LINE = 20,
  EMPTY_SAMPLE_FIRST_RECORD = 21,
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
  6: 'a FORMAT value is not a valid number or genotype (as htslib, which fails on it)',
  7: 'an INFO value could not be decoded',
  8: 'empty sample column (bcftools fails on it or reads the sample as missing)',
  9: 'NUL byte in the line',
  10: "a header line (starting with '#') among the records: concatenated files?",
}

interface Exports {
  memory: WebAssembly.Memory
  setGrowStress(on: number): void
  inputBuffer(n: number): number
  scratchBuffer(n: number): number
  colPtr(c: number): number
  parseBatch(len: number, maxRecords: number, final: number): number
  setSampleCount(n: number): void
  setEndTag(t: number): void
  setLenient(v: number): void
  setEmptySampleError(v: number): void
  contigId(p: number, len: number): number
  contigNamesPtr(): number
  contigOffsPtr(): number
  declareTag(kind: number, nameLen: number, type: number, number: number, want: number): number
  tagColA(kind: number, t: number): number
  tagColB(kind: number, t: number): number
  result(id: number): number
  vmSetSamples(n: number): void
  vmArea(kind: number, bytes: number): number
  vmEval(prog: number, progLen: number, n: number, out: number, sampleOut: number, sel: number): number
  bamIndexInput(n: number): number
  bamIndexLengths(n: number): number
  bamIndexParse(n: number): number
  bamIndexInfo(id: number): number
  annoPtr(b: number): number
  annoTableAlloc(rows: number, alts: number, contigs: number): void
  annoReset(): void
  annoRewind(): void
  annoSelect(slot: number): void
  annoMapAlloc(n: number): number
  annoBytes(n: number): number
  annoHashAlleles(count: number, textLen: number, target: number, at: number): void
  annoHashAlts(count: number, textLen: number): void
  annoJoin(n: number, mode: number): number
  annoInfoRanges(n: number, nKeys: number, keysLen: number): void
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

/**
 * Grow-stress test mode (VARTRIAGE_GROW_STRESS=1 in the environment, or the same name set
 * on globalThis in a browser): the core grows its memory at every entry point that can
 * allocate, so any view held across such a call is detached and the tests see it.
 */
export function growStressEnabled(): boolean {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> }; VARTRIAGE_GROW_STRESS?: unknown }
  const v = g.process?.env?.VARTRIAGE_GROW_STRESS ?? g.VARTRIAGE_GROW_STRESS
  return v !== undefined && v !== '' && v !== '0' && v !== false
}

/**
 * The one owner of a WASM instance and its memory (docs/adr/0005-wasm-memory.md). Every call
 * into the core goes through a method here; calls that can allocate may grow the memory,
 * which detaches every typed-array view over the old buffer, so after each one the
 * `generation` is bumped if the buffer changed. Views are made only by `u8/i32/…` here,
 * from the current buffer; holders re-derive them when the generation moves (RecordBatch)
 * or take them after their last allocating call (Filter, writers).
 */
export class WasmCore {
  private readonly x: Exports
  private buffer: ArrayBuffer
  private contigNames: string[] = []
  private decoder = new TextDecoder()
  /** Bumped whenever memory.buffer changes: views made in an earlier generation are dead. */
  generation = 0
  /** Bumped by every parseBatch: batches made before it point at overwritten bytes. */
  parses = 0

  constructor(module: WebAssembly.Module = wasmModule()) {
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort(_msg: number, _file: number, line: number, col: number) {
          throw new Error(`vartriage WASM core aborted at ${line}:${col}`)
        },
      },
    })
    this.x = instance.exports as unknown as Exports
    this.buffer = this.x.memory.buffer
    if (growStressEnabled()) this.x.setGrowStress(1)
  }

  /** Call after anything that may allocate: notices a grown (new) buffer. */
  private synced<T>(r: T): T {
    const b = this.x.memory.buffer
    if (b !== this.buffer) { this.buffer = b; this.generation++ }
    return r
  }

  // ---- views (valid until the next allocating call) ----
  u8(ptr: number, n: number): Uint8Array { return new Uint8Array(this.buffer, ptr, n) }
  i32(ptr: number, n: number): Int32Array { return new Int32Array(this.buffer, ptr, n) }
  u32(ptr: number, n: number): Uint32Array { return new Uint32Array(this.buffer, ptr, n) }
  f32(ptr: number, n: number): Float32Array { return new Float32Array(this.buffer, ptr, n) }
  f64(ptr: number, n: number): Float64Array { return new Float64Array(this.buffer, ptr, n) }
  col(c: Col, n: number): Int32Array { return this.i32(this.x.colPtr(c), n) }
  colF32(c: Col, n: number): Float32Array { return this.f32(this.x.colPtr(c), n) }
  colF64(c: Col, n: number): Float64Array { return this.f64(this.x.colPtr(c), n) }
  tagColA(kind: TagKind, t: number, n: number): Int32Array { return this.i32(this.x.tagColA(kind, t), n) }
  tagColB(kind: TagKind, t: number, n: number): Int32Array { return this.i32(this.x.tagColB(kind, t), n) }
  result(r: Res): number { return this.x.result(r) }

  /** Copies bytes into a fresh area of the core and returns its pointer. */
  private put(bytes: Uint8Array, area: (n: number) => number): number {
    const p = this.synced(area(bytes.length))
    this.u8(p, bytes.length).set(bytes)
    return p
  }

  // ---- calls that may allocate ----
  /** Pointer to an input area of at least n bytes (contents kept). */
  input(n: number): number { return this.synced(this.x.inputBuffer(n)) }
  parseBatch(len: number, maxRecords: number, final: boolean): number {
    this.parses++
    return this.synced(this.x.parseBatch(len, maxRecords, final ? 1 : 0))
  }
  setSamples(n: number): void {
    this.x.setSampleCount(n)
    this.synced(this.x.vmSetSamples(n))
  }
  setEndTag(t: number): void { this.x.setEndTag(t) }
  setLenient(on: boolean): void { this.x.setLenient(on ? 1 : 0) }
  /** An empty sample column is a record error (--strict fails, --lenient skips) rather than a counted warning. */
  setEmptySampleError(on: boolean): void { this.x.setEmptySampleError(on ? 1 : 0) }
  /** A filter-VM area (0 masks, 1 constants, 2 strings, 3 string index, 4 code, 5 results) holding `bytes`. */
  vmArea(kind: number, bytes: Uint8Array): number { return this.put(bytes, (n) => this.x.vmArea(kind, n)) }
  /** An uninitialised filter-VM result area of n bytes. */
  vmScratch(n: number): number { return this.synced(this.x.vmArea(5, n)) }
  /** 0, or the 1-based record where the VM stopped with a bcftools run-time error; `sel` (0: all) marks the records to evaluate. */
  vmEval(prog: number, progLen: number, n: number, out: number, sampleOut: number, sel = 0): number {
    return this.synced(this.x.vmEval(prog, progLen, n, out, sampleOut, sel))
  }

  declareTag(kind: TagKind, name: string, type: WType, number: number, want: boolean): number {
    const bytes = encoder.encode(name)
    this.put(bytes, (n) => this.x.scratchBuffer(n))
    const t = this.synced(this.x.declareTag(kind, bytes.length, type, number, want ? 1 : 0))
    if (t < 0) throw new Error(`too many ${kind === TagKind.INFO ? 'INFO' : 'FORMAT'} tags declared (max 1024)`)
    return t
  }

  contig(name: string): number {
    const bytes = encoder.encode(name)
    const p = this.put(bytes, (n) => this.x.scratchBuffer(n))
    return this.synced(this.x.contigId(p, bytes.length))
  }

  /** Contig names by id; refreshed lazily when the core has seen new names. */
  contigs(): string[] {
    const n = this.x.result(Res.CONTIG_COUNT)
    if (n !== this.contigNames.length) {
      const names = new Uint8Array(this.buffer, this.x.contigNamesPtr())
      const offs = this.i32(this.x.contigOffsPtr(), n * 2)
      for (let i = this.contigNames.length; i < n; i++) {
        this.contigNames.push(this.decoder.decode(names.subarray(offs[2 * i], offs[2 * i] + offs[2 * i + 1])))
      }
    }
    return this.contigNames
  }

  // ---- BAM index (assembly/bamindex) ----
  bamIndexLengths(lengths: Int32Array | undefined): void {
    const p = this.synced(this.x.bamIndexLengths(lengths ? lengths.length : 0))
    if (lengths) this.i32(p, lengths.length).set(lengths)
  }
  bamIndexParse(bytes: Uint8Array): number {
    this.put(bytes, (n) => this.x.bamIndexInput(n))
    return this.synced(this.x.bamIndexParse(bytes.length))
  }
  bamIndexInfo(id: number): number { return this.x.bamIndexInfo(id) }

  // ---- annotation merge-join (assembly/annotate/join.ts, src/annotate/join.ts) ----
  /** Pointer of annotation buffer `b` (valid until the next allocating call). */
  annoPtr(b: number): number { return this.x.annoPtr(b) }
  annoTableAlloc(rows: number, contigs: number): void { this.synced(this.x.annoTableAlloc(rows, 0, contigs)) }
  annoReset(): void { this.x.annoReset() }
  annoRewind(): void { this.x.annoRewind() }
  /** Makes a table slot current (one per annotation source joined on this core, 0 .. 7). */
  annoSelect(slot: number): void { this.x.annoSelect(slot) }
  /** The batch-contig -> table-contig map for the next joins. */
  annoSetMap(map: ArrayLike<number>): void {
    const p = this.synced(this.x.annoMapAlloc(map.length))
    this.i32(p, map.length).set(map)
  }
  /** Writes bytes to the annotation byte area (text to hash, INFO keys to find). */
  annoPutBytes(bytes: Uint8Array): void { this.put(bytes, (n) => this.x.annoBytes(n)) }
  annoHashAlleles(count: number, textLen: number, target: number, at: number): void { this.x.annoHashAlleles(count, textLen, target, at) }
  annoHashAlts(count: number, textLen: number): void { this.synced(this.x.annoHashAlts(count, textLen)) }
  annoJoin(n: number, mode: number): number { return this.synced(this.x.annoJoin(n, mode)) }
  annoInfoRanges(n: number, nKeys: number, keysLen: number): void { this.synced(this.x.annoInfoRanges(n, nKeys, keysLen)) }
}

// A compiled filter bound to one reader's WASM core: evaluates whole batches at once.
import { TagKind, type WasmCore } from '../wasm/core.js'
import type { Schema } from '../batch/schema.js'
import type { RecordBatch } from '../batch/batch.js'
import { compileExpression, type Program } from './compile.js'
import { ExpressionError } from '../errors.js'

const MISSING_LO = 1, SPECIAL_HI = 0x7ff00000

export class Filter {
  readonly program: Program
  private readonly core: WasmCore
  private codePtr = 0
  private outPtr = 0
  private outCap = 0
  private samplePtr = 0
  private selPtr = 0

  /** The -s samples (query), as a 0/1 byte per header sample; undefined: all. */
  private readonly visible: Uint8Array | undefined

  /** Compiles `expression`; `exclude` inverts it (bcftools -e); `samples`: query's -s subset. */
  constructor(readonly expression: string, schema: Schema, readonly exclude = false, samples?: number[]) {
    this.core = schema.core
    this.program = compileExpression(expression, schema, samples)
    if (samples) {
      this.visible = new Uint8Array(schema.header.samples.length)
      for (const s of samples) this.visible[s] = 1
    }
    for (const t of this.program.info) schema.want(TagKind.INFO, t)
    for (const t of this.program.format) schema.want(TagKind.FORMAT, t)
    this.upload()
  }

  private upload(): void {
    const { core, program: p } = this
    core.vmArea(0, p.masks)
    // "." constants become htslib's missing marker (a specific NaN payload)
    const consts = new Float64Array(p.consts)
    const bits = new Uint32Array(consts.buffer)
    consts.forEach((v, i) => { if (Number.isNaN(v)) { bits[2 * i] = MISSING_LO; bits[2 * i + 1] = SPECIAL_HI } })
    core.vmArea(1, new Uint8Array(consts.buffer))
    core.vmArea(2, p.strings)
    core.vmArea(3, new Uint8Array(p.stringIndex.buffer))
    this.codePtr = core.vmArea(4, new Uint8Array(p.code.buffer))
  }

  /**
   * Evaluates the batch; the result is ANDed into batch.selected. For `query` output
   * (`query` set) it follows bcftools query: with -i, only the samples that passed are
   * printed; with -e and a format that prints FORMAT fields, a site is kept when some sample
   * did not pass, and those samples are printed.
   */
  apply(batch: RecordBatch, query?: { formatFields: boolean }): number {
    const n = batch.n
    const S = batch.samples.length
    const wantSamples = query !== undefined && this.program.format.length > 0 && S > 0
    const core = this.core
    if (n > this.outCap) {
      this.outCap = Math.max(n, this.outCap * 2, 1024)
      this.outPtr = core.vmScratch(this.outCap)
      this.samplePtr = 0
      this.selPtr = 0
    }
    if (wantSamples && this.samplePtr === 0) this.samplePtr = core.vmScratch(this.outCap * S)
    // records outside the regions are not evaluated (a run-time error there would stop a run
    // that bcftools, which never reads them, completes: fuzz seed 5550150)
    if (batch.selected && this.selPtr === 0) this.selPtr = core.vmScratch(this.outCap)
    if (batch.selected) core.u8(this.selPtr, n).set(batch.selected.subarray(0, n))
    // vmEval returns 0, or the 1-based index of a record where two FORMAT tags compared
    // value by value have different numbers of values, where bcftools stops with an error
    const bad = core.vmEval(this.codePtr, this.program.code.length, n, this.outPtr, wantSamples ? this.samplePtr : 0, batch.selected ? this.selPtr : 0)
    if (bad) {
      throw new ExpressionError(`incompatible number of per-sample values in comparison (${batch.chrom(bad - 1)}:${batch.pos[bad - 1]})`, this.expression, 1)
    }
    // views taken after the last core call; the sample bytes are copied out because the
    // batch keeps them while later core calls may move the memory
    const res = core.u8(this.outPtr, n)
    const sp = wantSamples ? core.u8(this.samplePtr, n * S).slice() : undefined
    const sel = batch.selected ?? new Uint8Array(n).fill(1)
    let kept = 0
    for (let i = 0; i < n; i++) {
      let v = res[i]
      if (this.exclude) {
        if (v && sp && query?.formatFields) {
          // invert the samples: keep the site if any sample failed the expression
          // (only the -s samples: bcftools' subset header has no others)
          v = 0
          const vis = this.visible
          for (let s = i * S, k = 0; k < S; s++, k++) { sp[s] = vis && !vis[k] ? 0 : sp[s] ^ 1; v |= sp[s] }
        } else if (v) v = 0
        else { v = 1; if (sp) sp.fill(1, i * S, (i + 1) * S) }
      }
      v &= sel[i]
      sel[i] = v
      kept += v
    }
    batch.selected = sel
    if (sp) batch.samplePass = sp
    return kept
  }
}

// What every annotation source implements for the engine.
import type { RecordBatch } from '../batch/batch.js'
import type { WasmCore } from '../wasm/core.js'
import type { VcfHeader } from '../header/header.js'
import type { InfoDeclaration } from '../sink/info-append.js'
import type { BatchEdits } from './edits.js'

export interface Annotator {
  /** Short description for messages ("gnomad.vcf.gz"). */
  readonly label: string
  /** ##INFO declarations this source adds to the output header (given the query header). */
  declarations(header: VcfHeader): InfoDeclaration[]
  /** Query INFO tags the annotator reads (decoded by the reader). */
  readonly reads?: string[]
  /** Binds to the query reader's WASM core (loads join keys); called once before batches. */
  bind(core: WasmCore, onRename: (from: string, to: string) => void): void
  /** Starts a new query stream on the bound core (merge cursor and pairing state back to the start). */
  rewind?(): void
  /**
   * Adds this source's values to `edits` for the batch's selected records. Returns the batch to
   * keep using: a fresh one when a WASM call grew memory (the old views are then stale).
   */
  annotate(batch: RecordBatch, edits: BatchEdits): RecordBatch
}

// The annotation engine: query batches in, annotated batches (edits per record) or VCF
// lines out. Sources are applied in order; a later source's value for a tag replaces an
// earlier one's. Deterministic: output depends only on the inputs and options.
import type { VcfReader } from '../reader/reader.js'
import type { RecordBatch } from '../batch/batch.js'
import type { Region } from '../region/region.js'
import { declareInfo, type InfoDeclaration } from '../sink/info-append.js'
import { headerText } from '../sink/vcf.js'
import type { VcfHeader } from '../header/header.js'
import type { Annotator } from './annotator.js'
import { LineBuffer, writeEdited, type BatchEdits } from './edits.js'

export interface PostAnnotator {
  declarations(header: VcfHeader): InfoDeclaration[]
  /** Runs after every source, on the edits of the batch (reads the values just set). */
  apply(batch: RecordBatch, edits: BatchEdits): void
  /** The output header (post-annotations read fields with their declared types). */
  setHeader?(header: VcfHeader): void
}

export interface AnnotateOptions {
  regions?: Region[]
  /** Extra header lines (e.g. ##vartriage_annotateCommand=…). */
  headerLines?: string[]
  /** Called once per contig renamed to match a source (chr1 <-> 1). */
  onRename?: (from: string, to: string, source: string) => void
  /** Records done so far, after every batch. */
  onProgress?: (records: number) => void
  post?: PostAnnotator[]
  /** Query INFO tags to decode (for post-annotation expressions). */
  info?: string[]
}

export interface AnnotatedBatch {
  batch: RecordBatch
  /** Edits by record index (undefined: unchanged). Valid, like the batch, until the next step. */
  edits: BatchEdits
}

/** The output header: the query's with the sources' INFO declarations. */
export function annotatedHeader(header: VcfHeader, sources: Annotator[], opts: AnnotateOptions = {}): VcfHeader {
  const decls: InfoDeclaration[] = []
  const seen = new Set<string>()
  for (const d of [...sources.flatMap((s) => s.declarations(header)), ...(opts.post ?? []).flatMap((p) => p.declarations(header))]) {
    if (seen.has(d.id)) continue
    seen.add(d.id)
    decls.push(d)
  }
  return declareInfo(header, decls, opts.headerLines ?? [])
}

/** Binds the sources to a reader's core; each contig rename is reported once. */
export function bindSources(reader: { core: VcfReader['core'] }, sources: Annotator[], onRename?: AnnotateOptions['onRename']): void {
  const reported = new Set<string>()
  for (const s of sources) {
    s.bind(reader.core, (from, to) => {
      const key = `${from}\t${to}`
      if (reported.has(key)) return
      reported.add(key)
      onRename?.(from, to, s.label)
    })
  }
}

/** The INFO tags the reader must decode for the sources and post-annotations. */
export function tagsRead(sources: Annotator[], opts: AnnotateOptions = {}): string[] {
  return [...new Set([...(opts.info ?? []), ...sources.flatMap((s) => s.reads ?? [])])]
}

/** Annotates batches of bound sources (see bindSources); post-annotators know the output header. */
export async function* annotateStream(batches: AsyncIterable<RecordBatch>, sources: Annotator[], opts: AnnotateOptions = {}): AsyncGenerator<AnnotatedBatch> {
  let records = 0
  for await (let batch of batches) {
    const edits: BatchEdits = new Array(batch.n)
    for (const s of sources) batch = s.annotate(batch, edits)
    for (const p of opts.post ?? []) p.apply(batch, edits)
    records += batch.n
    yield { batch, edits }
    opts.onProgress?.(records)
  }
}

/** Annotated batches of a reader (the reader's whole file, or regions). */
export async function* annotateBatches(reader: VcfReader, sources: Annotator[], opts: AnnotateOptions = {}): AsyncGenerator<AnnotatedBatch> {
  bindSources(reader, sources, opts.onRename)
  const header = annotatedHeader(reader.header, sources, opts)
  for (const p of opts.post ?? []) p.setHeader?.(header)
  yield* annotateStream(reader.batches({ regions: opts.regions, info: tagsRead(sources, opts) }), sources, opts)
}

/** Annotated VCF text: the header, then ~1 MiB chunks of records. */
export async function* annotateVcf(reader: VcfReader, sources: Annotator[], opts: AnnotateOptions = {}): AsyncGenerator<Uint8Array> {
  const header = annotatedHeader(reader.header, sources, opts)
  yield new TextEncoder().encode(headerText(header))
  const out = new LineBuffer()
  for await (const { batch, edits } of annotateBatches(reader, sources, opts)) {
    writeEdited(batch, edits, out)
    yield out.take()
  }
}

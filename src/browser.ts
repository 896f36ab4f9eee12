// Browser entry of the vartriage library (bundled by scripts/build-browser.mjs into
// dist/browser/vartriage.js). It re-exports the parts of the public API that work on Blobs,
// Files, URLs and generic-filehandle2 handles in a browser. Deliberately absent: the CLI,
// file output (sink/output.ts), index writing (pipeline/index-file.ts, index/writer.ts) and
// the BGZF writer (bgzf/writer.ts), which need node:fs / node:zlib. Names are listed one by
// one so that a Node-only addition to index.ts does not leak into the browser bundle.
// Each name comes from its own module, not from index.ts: index.ts also re-exports Node-only
// modules (acmg tables, panels, consent lists read files with node:fs), and esbuild keeps their
// static node:* imports in the bundle once index.ts is part of it.
export { VcfReader, type ReaderOptions, type BatchOptions, type ReadStats } from './reader/reader.js'
export { RecordBatch, type InfoColumn, type FormatColumn } from './batch/batch.js'
export { openSource, type VcfInput } from './source/source.js'
export { parseHeader, type VcfHeader, type TagDef, type ContigDef } from './header/header.js'
// filtering and selection
export { Filter } from './expr/filter.js'
export { parseExpression } from './expr/parse.js'
export { select, resolveSamples, type SelectOptions } from './pipeline/select.js'
// formatting
export { QueryFormatter } from './sink/query.js'
export { headerText, vcfLines } from './sink/vcf.js'
// convenience text API
export { query, view, collect } from './api.js'
// regions
export { parseRegion, parseRegionList, parseRegionFile, type Region } from './region/region.js'
// consequences (GFF3 from a Blob or text, FASTA from a Blob or URL)
export { GeneModel } from './csq/gene-model.js'
export { ConsequenceCaller, type RecordConsequences, type TranscriptConsequence } from './csq/caller.js'
export { bcsqText, vepText, VEP_FIELDS } from './csq/format.js'
export { SO_TERMS, rankTerms, mostSevere } from './csq/terms.js'
export { Reference } from './reference/fasta.js'
// annotation (sources from Blobs/URLs: VCF through VcfReader, stores through HTTP ranges)
export { annotateBatches, annotateVcf, annotatedHeader, type AnnotateOptions, type AnnotatedBatch } from './annotate/engine.js'
export { VcfPairAnnotator } from './annotate/bcftools.js'
export { parseColumns } from './annotate/columns.js'
export { loadVcfSource } from './annotate/source-vcf.js'
export { readStore } from './annotate/store.js'
export { loadVcfanno } from './annotate/vcfanno.js'
export type { AnnotationTable } from './annotate/table.js'
// errors
export {
  VartriageError, VcfParseError, BgzfError, IndexError, ExpressionError, UsageError, SourceError, RegionError,
  type ErrorLocation,
} from './errors.js'
// phenotype prioritisation (HPO ontology, annotations, similarity): text/object input only
export {
  Ontology, Annotations, PhenotypeScorer, PhenotypeFormatError, informationContent,
  type TermStatus, type TermLookup, type Term, type OntologyStats, type GeneAnnotation, type DiseaseAnnotation,
  type ScorerOptions, type PhenotypeMatch, type PhenotypeResult, type ResolvedTerms, type DroppedTerm, type TermMatch,
} from './phenotype/index.js'
// Parquet export into a ByteWriter (hyparquet-writer's), e.g. for a download
export { exportParquet, writePrioritisationParquet, type ExportOptions, type ExportSummary, type ParquetSink } from './export/index.js'
// parallel reading on Web Workers: runParallel(input, headerText, op, select,
// { threads, pool: new WebShardPool(threads, workerUrl) }), workerUrl being the URL of
// dist/browser/vartriage-worker.js. A pool (or makePool) is required in a browser: the default
// pool is Node's (worker threads), which the browser bundle replaces by a stub that throws.
export { runParallel, ShardError, type ParallelOptions } from './parallel/engine.js'
export { planShards, planFromBlocks, type ShardPlan, type Shard } from './parallel/plan.js'
export { WebShardPool, WebWorkerError } from './parallel/web-pool.js'
// whole-file jobs: annotate (VCF sources and stores by URL/Blob), csq and norm; with
// { threads, pool: new WebShardPool(...) } they run on Web Workers, identical for any count
export { annotateFile, type AnnotateRunOptions } from './annotate/run.js'
export type { AnnotateSpec, SourceSpec } from './annotate/spec.js'
export { csqFile, type CsqRunOptions } from './csq/run.js'
export { normaliseFile, type NormRunOptions } from './norm/run.js'
export { normSummary } from './norm/normalise.js'
export type { ShardPool } from './parallel/pool.js'
export type { ShardTask, ShardResult, ShardOp } from './parallel/task.js'
// prioritisation outputs built in the page (report.html, TSV, JSON, VCF text, manifest): no node:fs/zlib
export {
  genesTsv, variantsTsv, GENE_COLUMNS, VARIANT_COLUMNS, resultsJson, parseResultsJson, RESULTS_SCHEMA, candidatesVcf, candidatesVcfText,
  reportHtml, manifestJson, MANIFEST_SCHEMA, ReportError, ConsentViolationError,
  type ReportOptions, type CandidateVcf, type OutputEntry,
} from './report/pure.js'
// prioritisation on Blobs/Files/URLs: the family's files and a bundle from a URL (byte ranges)
// or from picked files; the same pipeline and stages as Node's `prioritise`, less the output
// directory (build outputs with the report builders above)
export { prioritiseFiles, openBundleUrl, openBundleFiles, type PortablePrioritiseOptions } from './prioritise/portable.js'
export { Bundle, BundleError } from './resources/model.js'
export type { PrioritisationResult, GeneResult, Candidate } from './prioritise/model.js'
export { VERSION } from './version.js'

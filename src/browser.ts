// Browser entry of the vartriage library (bundled by scripts/build-browser.mjs into
// dist/browser/vartriage.js). It re-exports the parts of the public API that work on Blobs,
// Files, URLs and generic-filehandle2 handles in a browser. Deliberately absent: the CLI,
// file output (sink/output.ts), index writing (pipeline/index-file.ts, index/writer.ts) and
// the BGZF writer (bgzf/writer.ts), which need node:fs / node:zlib. Names are listed one by
// one so that a Node-only addition to index.ts does not leak into the browser bundle.
export {
  // reading
  VcfReader, type ReaderOptions, type BatchOptions, type ReadStats,
  RecordBatch, type InfoColumn, type FormatColumn,
  openSource, type VcfInput,
  parseHeader, type VcfHeader, type TagDef, type ContigDef,
  // filtering and selection
  Filter, parseExpression,
  select, resolveSamples, type SelectOptions,
  // formatting
  QueryFormatter, headerText, vcfLines,
  // convenience text API
  query, view, collect,
  // regions
  parseRegion, parseRegionList, parseRegionFile, type Region,
  // consequences (GFF3 from a Blob or text, FASTA from a Blob or URL)
  GeneModel, ConsequenceCaller, bcsqText, vepText, VEP_FIELDS, Reference, SO_TERMS, rankTerms, mostSevere,
  type RecordConsequences, type TranscriptConsequence,
  // annotation (sources from Blobs/URLs: VCF through VcfReader, stores through HTTP ranges)
  annotateBatches, annotateVcf, annotatedHeader, type AnnotateOptions, type AnnotatedBatch,
  VcfPairAnnotator, parseColumns, loadVcfSource, readStore, loadVcfanno, type AnnotationTable,
  // errors
  VartriageError, VcfParseError, BgzfError, IndexError, ExpressionError, UsageError, SourceError, RegionError,
  type ErrorLocation,
  // phenotype prioritisation (HPO ontology, annotations, similarity): text/object input only
  Ontology, Annotations, PhenotypeScorer, PhenotypeFormatError, informationContent,
  type TermStatus, type TermLookup, type Term, type OntologyStats, type GeneAnnotation, type DiseaseAnnotation,
  type ScorerOptions, type PhenotypeMatch, type PhenotypeResult, type ResolvedTerms, type DroppedTerm, type TermMatch,
} from './index.js'
// parallel reading on Web Workers: runParallel(input, headerText, op, select,
// { threads, pool: new WebShardPool(threads, workerUrl) }), workerUrl being the URL of
// dist/browser/vartriage-worker.js. A pool (or makePool) is required in a browser: the default
// pool is Node's (worker threads), which the browser bundle replaces by a stub that throws.
export { runParallel, ShardError, type ParallelOptions } from './parallel/engine.js'
export { planShards, planFromBlocks, type ShardPlan, type Shard } from './parallel/plan.js'
export { WebShardPool, WebWorkerError } from './parallel/web-pool.js'
export type { ShardPool } from './parallel/pool.js'
export type { ShardTask, ShardResult, ShardOp } from './parallel/task.js'
// prioritisation outputs built in the page (report.html, TSV, JSON, VCF text, manifest): no node:fs/zlib
export {
  genesTsv, variantsTsv, GENE_COLUMNS, VARIANT_COLUMNS, resultsJson, parseResultsJson, RESULTS_SCHEMA, candidatesVcf, candidatesVcfText,
  reportHtml, manifestJson, MANIFEST_SCHEMA, ReportError, ConsentViolationError,
  type ReportOptions, type CandidateVcf, type OutputEntry,
} from './report/pure.js'

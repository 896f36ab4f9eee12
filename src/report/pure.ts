// The output builders that need neither node:fs nor node:zlib: what the browser app uses to
// export the same report, tables and JSON (candidates VCF as text; BGZF and the index need Node).
export { genesTsv, variantsTsv, GENE_COLUMNS, VARIANT_COLUMNS } from './tsv.js'
export { resultsJson, parseResultsJson, stableJson, RESULTS_SCHEMA } from './json.js'
export { candidatesVcf, candidatesVcfText, VCF_INFO, VCF_FORMAT, type CandidateVcf, type VcfOutRecord } from './vcf.js'
export { reportHtml, type ReportOptions, type CoveragePlot } from './html.js'
export { manifestJson, MANIFEST_SCHEMA, type OutputEntry, type ManifestExtras } from './manifest.js'
export { fmtNum, criterionLabel } from './format.js'
export { ReportError, ConsentViolationError } from './errors.js'

// Public API of the vartriage library.
export { VcfReader, type ReaderOptions, type BatchOptions, type ReadStats } from './reader/reader.js'
export { RecordBatch, type InfoColumn, type FormatColumn } from './batch/batch.js'
export { genotypeMatrix, genotypeCalls, gtAllele, gtPhased, GT_MISSING, GT_VECTOR_END, type GenotypeMatrix, type GenotypeCall } from './batch/genotypes.js'
export { Filter } from './expr/filter.js'
export { parseExpression } from './expr/parse.js'
export { QueryFormatter } from './sink/query.js'
export { headerText, vcfLines } from './sink/vcf.js'
export { select, resolveSamples, type SelectOptions } from './pipeline/select.js'
export { parseHeader, type VcfHeader, type TagDef, type ContigDef } from './header/header.js'
export { parseRegion, parseRegionList, parseRegionFile, type Region } from './region/region.js'
export { openSource, type VcfInput } from './source/source.js'
export * from './errors.js'
export { query, view, collect } from './api.js'
export * from './coverage/index.js'
export {
  Ontology, Annotations, PhenotypeScorer, PhenotypeFormatError, informationContent, parseObo, parseObographs,
  type TermStatus, type TermLookup, type Term, type OntologyStats, type OntologySource, type GeneAnnotation, type DiseaseAnnotation,
  type InformationContent, type ScorerOptions, type PhenotypeMatch, type PhenotypeResult, type ResolvedTerms, type DroppedTerm,
  type TermMatch, type RawTerm, type OboDocument,
} from './phenotype/index.js'
export { GeneModel, isCoding, biotypeName, type Gene, type Transcript, type Cds, type GeneModelOptions } from './csq/gene-model.js'
export { ConsequenceCaller, UPDOWN_DISTANCE, type RecordConsequences, type TranscriptConsequence, type CallerOptions } from './csq/caller.js'
export { bcsqText, vepText, VEP_FIELDS } from './csq/format.js'
export { csqFile, type CsqRunOptions } from './csq/run.js'
export { bundleSources, POPULATION_FIELDS, CLINVAR_FIELDS, SCORE_FIELDS } from './annotate/bundle-sources.js'
export { LocalCaller, formatOne as formatBcsqEntry, type LocalCsq } from './csq/local.js'
export { SO_TERMS, rankTerms, mostSevere, impactOf, type Impact } from './csq/terms.js'
export { Reference, type ReferenceOptions } from './reference/fasta.js'
export * from './norm/index.js'
export * from './annotate/index.js'
export {
  classify, evaluate, EvidenceContext, DEFAULT_EVIDENCE_OPTIONS, evidenceOptions, classOfPoints, combine, criterionLabel, ResidueIndex, buildResidueIndex,
  parseConstraint, parseHaploinsufficiency, parseHotspots, EvidenceDataError,
  type ClassifyOptions, type EvidenceFiles, type EvidenceLoadOptions, type EvidenceOptions, type ResidueEntry, type GeneConstraint, type Haploinsufficiency, type Hotspot,
} from './acmg/index.js'
export { loadPanel, parsePanel, panelPolicy, modesOfInheritance, PanelError, type Panel, type PanelGene, type PanelWarning, type PanelOptions, type PanelUse } from './panels/index.js'
export {
  ConsentPolicy, SecondaryFindingsList, maskResults, MaskSet, ConsentLeakError, ConsentDataError,
  type ConsentLevel, type ConsentOptions, type Decision, type Disposition, type MaskResult, type ReportingRule, type SecondaryFindingsGene,
} from './consent/index.js'
// prioritisation outputs: the pure builders (browser-safe); the Node writers (writeOutputs,
// assertNothingMasked) are in src/report/index.ts, kept out of this entry as the other
// node:fs/node:zlib writers are, because src/browser.ts re-exports from here
export * from './report/pure.js'
export * from './case/index.js'
export * from './inheritance/index.js'
// prioritisation (Node only: loaded on call, so that the browser bundle leaves it out)
export { prioritise, loadResources, runPrioritisation, type PrioritiseOptions, type PrioritisationResources, type PipelineStages, type Classifier } from './prioritise/entry.js'
export { frequencyScore, pathogenicityScore, variantScore, geneScore } from './prioritise/scoring.js'
export * from './export/index.js'

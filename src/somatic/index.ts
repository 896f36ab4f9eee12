// Tumour/normal analysis: somatic selection, TMB, AMP/ASCO/CAP tier suggestions (docs/somatic.md).
export { somatic, resolvePair, TMB_DEFINITION, EVIDENCE_ROLE, type SomaticOptions, type SomaticResult, type SomaticCall, type SampleCall, type TmbResult } from './somatic.js'
export { selectSomatic, fieldPlan, DEFAULT_SOMATIC, SOMATIC_FORMAT_TAGS, type SomaticThresholds, type Survivors } from './select.js'
export { EvidenceTable, matchKind, type EvidenceItem, type EvidenceLevel, type MatchKind } from './evidence.js'
export { suggestTier, tierName, diseaseMatches, NULL_TERMS, NONSYNONYMOUS_TERMS, PROTEIN_ALTERING_TERMS, type AmpTier, type TierCall, type EvidenceMatch } from './tiers.js'
export { targetFromBed, targetFromMb, targetFromModel, inTarget, type Target } from './target.js'
export { shortProtein } from './protein.js'
export { writeSomatic, somaticTsv, resultsJson, SOMATIC_OUTPUTS, TSV_COLUMNS } from './write.js'
export { SomaticInputError, EvidenceError } from './errors.js'

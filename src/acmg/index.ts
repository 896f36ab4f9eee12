// ACMG/AMP evidence: the automatable criteria with reasons, on the Bayesian points scale.
export { classify, evaluate, type ClassifyOptions } from './classify.js'
export { EvidenceContext, type EvidenceFiles, type EvidenceLoadOptions, type EvidenceData, type Mechanism } from './context.js'
export { DEFAULT_EVIDENCE_OPTIONS, evidenceOptions, type EvidenceOptions, type RevelThresholds } from './options.js'
export { POINTS, classOfPoints, combine, criterion, criterionLabel, defaultStrength } from './points.js'
export { ResidueIndex, buildResidueIndex, isPathogenicClnsig, type ResidueEntry } from './residues.js'
export { parseConstraint, parseHaploinsufficiency, parseHotspots, type GeneConstraint, type Haploinsufficiency, type Hotspot } from './tables.js'
export { EvidenceDataError } from './errors.js'
export { NULL_TERMS } from './null-variant.js'

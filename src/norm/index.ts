// Normalisation (bcftools norm -m- -f): splitting multi-allelic records, left-aligning and
// trimming indels against a reference, checking REF.
export { Normaliser, normalise, checkRefFlags, type NormOptions, type NormCounts, type SplitMode } from './normalise.js'
export { realign, type RealignResult, type SequenceFn } from './realign.js'
export { normaliseFile, type NormRunOptions } from './run.js'
export { NormMerger, type NormSpec, type NormLog } from './shard-job.js'
export { normSummary } from './normalise.js'

// Normalisation (bcftools norm -m- -f): splitting multi-allelic records, left-aligning and
// trimming indels against a reference, checking REF.
export { Normaliser, normalise, checkRefFlags, type NormOptions, type NormCounts, type SplitMode } from './normalise.js'
export { realign, type RealignResult, type SequenceFn } from './realign.js'

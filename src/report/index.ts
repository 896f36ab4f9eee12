// Outputs of a prioritisation run (docs/outputs.md): pure builders plus the Node writers.
export * from './pure.js'
export { writeOutputs, candidatesVcfGz, OUTPUT_NAMES, type OutputOptions, type OutputFiles } from './write.js'
export { assertNothingMasked, assertContentsMasked, type ScanSummary } from './consent-proof.js'
export { inputFile } from './inputs.js'

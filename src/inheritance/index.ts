// Genotype selection and inheritance modes (see docs/inheritance.md).
export { InheritanceScanner, SCANNER_FORMAT, FROM_UNKNOWN, FROM_FATHER, FROM_MOTHER, type ScanResult, type ScannerOptions } from './scanner.js'
export { MODE_BIT, modesOf, bitsOf } from './modes.js'
export { applyFrequencyCutoffs } from './frequency.js'
export { pairCompoundHets, phaseOf } from './compound-het.js'
export { scanVcf } from './stream.js'
export { ContigKinds } from './contigs.js'

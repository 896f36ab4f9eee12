// Coverage and sex checks from BAM indices (and sex from VCF genotypes when there is no BAM).
export { readBamIndex, idxstats, type BamIndexOptions, type BamIndexResult, type ReferenceCoverage, type CoverageWindows } from './bam-index.js'
export { inferSex, SEX_THRESHOLDS, type Sex, type SexCall } from './sex.js'
export { flagCoverage, expectedCoverage, type CoverageFlagOptions, type CoverageFlags, type FlaggedRegion, type AneuploidyFlag } from './flags.js'
export { inferSexFromVcf, VCF_SEX_THRESHOLDS, type VcfSexCall } from './vcf-sex.js'
export { coverageSvg, type SvgOptions } from './svg.js'
export { bamReferences, faiReferences, type Reference } from './references.js'
export { classify, parIntervals, BUILDS, type ChromKind } from './chromosomes.js'

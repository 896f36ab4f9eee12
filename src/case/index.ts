// Case description: PED, phenopackets, HPO lists → a Case (see docs/inheritance.md).
export { CaseError } from './errors.js'
export { parsePed, checkPedigree } from './ped.js'
export { parsePhenopacket, phenopacketJson, type PhenopacketCase } from './phenopacket.js'
export { parseHpoList, isHpoId } from './hpo.js'
export { MendelianCounter, MENDELIAN_ERROR_THRESHOLD, type MendelianRate, type Trio } from './mendelian.js'
export { buildCase, triosOf, type BuildCaseOptions, type BuiltCase } from './build.js'

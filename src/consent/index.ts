// Consent: ACMG secondary findings masked unless consented, and the helpers that prove no
// output names a masked finding.
export { ConsentPolicy, CONSENT_LEVELS, threeLetter, type ConsentLevel, type ConsentOptions, type Decision, type Disposition } from './policy.js'
export { maskResults, MaskSet, ConsentLeakError, type MaskResult } from './mask.js'
export { SecondaryFindingsList, parseRule, ruleFromReport, ConsentDataError, type ReportingRule, type SecondaryFindingsGene, type Zygosity } from './sf-list.js'

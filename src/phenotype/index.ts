// Phenotype prioritisation: HPO ontology, annotations, information content, Resnik similarity.
export { Ontology, type TermStatus, type TermLookup, type Term, type OntologyStats, type OntologySource } from './ontology.js'
export { Annotations, type GeneAnnotation, type DiseaseAnnotation } from './annotations.js'
export { informationContent, type InformationContent } from './information-content.js'
export {
  PhenotypeScorer, type ScorerOptions, type PhenotypeMatch, type PhenotypeResult, type ResolvedTerms,
  type DroppedTerm, type TermMatch,
} from './scorer.js'
export { PhenotypeFormatError } from './errors.js'
export { parseObo, type OboDocument } from './obo.js'
export { parseObographs } from './obographs.js'
export type { RawTerm } from './raw-term.js'

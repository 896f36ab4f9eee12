import { VartriageError, type ErrorLocation } from '../errors.js'

/** A malformed ontology (OBO / obographs JSON) or annotation file (genes_to_phenotype, phenotype.hpoa). */
export class PhenotypeFormatError extends VartriageError {
  constructor(message: string, where: ErrorLocation = {}) {
    super(message, where)
  }
}

import { VartriageError, type ErrorLocation } from '../errors.js'

/** A malformed evidence table (constraint, ClinGen dosage, hotspots, residue cache): names file and line. */
export class EvidenceDataError extends VartriageError {
  constructor(message: string, where: ErrorLocation = {}) { super(message, where) }
}

// A malformed case description (PED, phenopacket, HPO list): names the file and the line.
import { VartriageError, type ErrorLocation } from '../errors.js'

export class CaseError extends VartriageError {
  constructor(message: string, where: ErrorLocation = {}) { super(message, where) }
}

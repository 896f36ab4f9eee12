// Errors of the output writers. Like every vartriage error they name the file (and the byte
// offset where one applies) so that a user or a lab auditor can find the offending output.
import { VartriageError } from '../errors.js'

/** A result that cannot be written as asked (a sample id with a tab, an unknown contig order …). */
export class ReportError extends VartriageError {}

/**
 * An output file names a finding the consent level masks. Thrown by assertNothingMasked; `found`
 * is the forbidden string and `spelling` the form it was found in (plain, HTML-escaped, …).
 */
export class ConsentViolationError extends VartriageError {
  readonly found: string
  readonly spelling: string
  constructor(message: string, found: string, spelling: string, where: { file: string; offset: number }) {
    super(message, where)
    this.found = found
    this.spelling = spelling
  }
}

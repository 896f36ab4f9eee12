// Errors of the somatic stage: they name the file (and line) at fault, as every vartriage error does.
import { VartriageError } from '../errors.js'

/** A tumour/normal VCF that cannot be used: unknown sample names, missing FORMAT fields … */
export class SomaticInputError extends VartriageError {}
/** A malformed evidence table (CIViC-style TSV): names the file and line. */
export class EvidenceError extends VartriageError {}

/**
 * Typed errors. Every error names where it happened (file, record number or byte offset)
 * and what was expected, so a user can find the bad byte without a debugger.
 */
export interface ErrorLocation {
  /** File path, URL or a label such as "<stdin>" / "<blob>". */
  file?: string
  /** 1-based data record number (header lines not counted). */
  record?: number
  /** 1-based line number in the uncompressed text, header included. */
  line?: number
  /** Byte offset: compressed offset for BGZF/index errors, uncompressed otherwise. */
  offset?: number
}

export class VartriageError extends Error {
  /** The message without the location prefix. */
  readonly reason: string
  readonly file?: string
  readonly record?: number
  readonly line?: number
  readonly offset?: number
  constructor(message: string, where: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(message, where), options)
    this.name = new.target.name
    this.reason = message
    this.file = where.file
    this.record = where.record
    this.line = where.line
    this.offset = where.offset
  }
}

function formatMessage(message: string, where: ErrorLocation): string {
  const parts: string[] = []
  if (where.file !== undefined) parts.push(where.file)
  if (where.line !== undefined) parts.push(`line ${where.line}`)
  if (where.record !== undefined) parts.push(`record ${where.record}`)
  if (where.offset !== undefined) parts.push(`byte ${where.offset}`)
  return parts.length > 0 ? `${parts.join(', ')}: ${message}` : message
}

/** Malformed VCF text: wrong column count, non-numeric POS, bad header … */
export class VcfParseError extends VartriageError {}
/** Corrupt, truncated or non-BGZF compressed data. */
export class BgzfError extends VartriageError {}
/** Missing, corrupt or stale .tbi/.csi, or input that cannot be indexed (unsorted). */
export class IndexError extends VartriageError {}
/** Bad filter expression or query format; `column` is 1-based within the expression. */
export class ExpressionError extends VartriageError {
  readonly expression: string
  readonly column: number
  constructor(message: string, expression: string, column: number) {
    super(`${message} at column ${column} of ${JSON.stringify(expression)}`)
    this.expression = expression
    this.column = column
  }
  /** The expression with a caret under the offending column (for multi-line displays). */
  get pointer(): string {
    return `${this.expression}\n${' '.repeat(Math.max(0, this.column - 1))}^`
  }
}
/** Bad command-line usage or API arguments. */
export class UsageError extends VartriageError {}
/** An input that cannot be opened or read (missing file, HTTP error …). */
export class SourceError extends VartriageError {}
/** A region string or BED line that cannot be parsed. */
export class RegionError extends VartriageError {}
/** A corrupt, truncated or mismatched .bai/.csi, or a BAM/.fai whose references cannot be read. */
export class BamIndexError extends VartriageError {}

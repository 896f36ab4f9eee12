// scanVcf: the scanner over a whole reader, yielding each batch's candidates.
import type { VcfReader } from '../reader/reader.js'
import type { Candidate, Case } from '../prioritise/model.js'
import { InheritanceScanner, type ScannerOptions } from './scanner.js'

export async function* scanVcf(reader: VcfReader, kase: Case, opts: ScannerOptions = {}): AsyncGenerator<Candidate[]> {
  const scanner = new InheritanceScanner(kase, reader.header, opts)
  for await (const b of reader.batches({ format: scanner.formatTags() })) {
    const r = scanner.scan(b)
    if (r.n > 0) yield scanner.candidates(b, r)
  }
}

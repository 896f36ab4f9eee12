// Convenience functions over VcfReader for callers who want text, not batches.
import { VcfReader, type ReaderOptions } from './reader/reader.js'
import { resolveSamples, select, type SelectOptions } from './pipeline/select.js'
import { QueryFormatter } from './sink/query.js'
import { headerText, vcfLines } from './sink/vcf.js'
import type { VcfInput } from './source/source.js'

/** `bcftools query -f FORMAT` as text chunks, one per batch. */
export async function* query(input: VcfInput, format: string, opts: SelectOptions & ReaderOptions = {}): AsyncGenerator<string> {
  const reader = await VcfReader.open(input, opts)
  const fmt = new QueryFormatter(format, reader.schema, resolveSamples(reader.header.samples, opts.samples))
  const sel = select(reader, opts, { query: { formatFields: fmt.printsFormat } })
  for await (const b of sel.batches) yield fmt.format(b)
}

/** `bcftools view` as VCF text chunks: the header, then the kept records per batch. */
export async function* view(input: VcfInput, opts: SelectOptions & ReaderOptions & { header?: boolean } = {}): AsyncGenerator<Uint8Array> {
  const reader = await VcfReader.open(input, opts)
  const sel = select(reader, opts)
  if (opts.header !== false) yield new TextEncoder().encode(headerText(reader.header, { samples: sel.samples }))
  for await (const b of sel.batches) yield vcfLines(b, sel.samples)
}

/** Collects an async iterable of text or bytes into one string. */
export async function collect(chunks: AsyncIterable<string | Uint8Array>): Promise<string> {
  const dec = new TextDecoder()
  let out = ''
  for await (const c of chunks) out += typeof c === 'string' ? c : dec.decode(c, { stream: true })
  return out + dec.decode()
}

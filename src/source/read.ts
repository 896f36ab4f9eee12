// Whole-file reads and digests of any input (path, URL, Blob/File, handle), for the small
// tables read whole (OBO, TSV, GFF3, PED, phenopackets) and for the sha256 of the run's
// inputs. Node's zlib and crypto are imported only when running in Node (dynamic imports), so
// browsers and Web Workers can use this module: there, gzip/BGZF is inflated by
// @gmod/bgzf-filehandle (libdeflate WASM, or DecompressionStream for plain gzip) and the
// digest is WebCrypto's.
import { VartriageError, SourceError, type ErrorLocation } from '../errors.js'
import { openSource, type VcfInput } from './source.js'

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'

type MakeError = (message: string, where: ErrorLocation) => VartriageError
const sourceError: MakeError = (m, where) => new SourceError(m, where)

/** The whole file, inflated when it is gzip or BGZF (multi-member gzip included). */
export async function readAllBytes(input: VcfInput, label?: string, error: MakeError = sourceError): Promise<Uint8Array> {
  const src = await openSource(input)
  const file = label ?? src.label
  let raw: Uint8Array
  try {
    if (src.handle) raw = await src.handle.readFile()
    else {
      const parts: Uint8Array[] = []
      for await (const c of src.stream!) parts.push(c)
      raw = concat(parts)
    }
  } catch (e) {
    throw error(`cannot read: ${(e as Error).message}`, { file })
  }
  if (raw[0] !== 0x1f || raw[1] !== 0x8b) return raw
  try {
    if (isNode) return new Uint8Array((await import('node:zlib')).gunzipSync(raw))
    const { unzip } = await import('@gmod/bgzf-filehandle')
    return await unzip(raw)
  } catch (e) {
    throw error(`corrupt gzip data: ${(e as Error).message}`, { file })
  }
}

/** The whole file as UTF-8 text (inflated when compressed). */
export async function readAllText(input: VcfInput, label?: string, error?: MakeError): Promise<string> {
  return new TextDecoder().decode(await readAllBytes(input, label, error))
}

/** Size in bytes (undefined for standard input). */
export async function sizeOf(input: VcfInput): Promise<number | undefined> {
  if (typeof Blob !== 'undefined' && input instanceof Blob) return input.size
  const src = await openSource(input)
  if (!src.handle) return undefined
  return (await src.handle.stat()).size
}

const CHUNK = 1 << 22

/** sha256 of the raw (not inflated) bytes, lower-case hex: streamed in Node, whole in browsers. */
export async function sha256Of(input: VcfInput, label?: string): Promise<string> {
  const src = await openSource(input)
  if (!src.handle) throw new SourceError('cannot take the digest of standard input', { file: label ?? src.label })
  if (isNode) {
    const h = (await import('node:crypto')).createHash('sha256')
    const size = (await src.handle.stat()).size
    for (let off = 0; off < size; off += CHUNK) h.update(await src.handle.read(Math.min(CHUNK, size - off), off))
    return h.digest('hex')
  }
  // WebCrypto has no incremental digest: the file is read whole (inputs of a browser run are
  // in the page's memory anyway)
  const bytes = typeof Blob !== 'undefined' && input instanceof Blob ? new Uint8Array(await input.arrayBuffer()) : await src.handle.readFile()
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource))
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('')
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

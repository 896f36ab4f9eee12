// Inflating runs of whole gzip members (BGZF blocks). Node uses its native zlib, which
// checks each member's CRC32 and ISIZE; browsers use the libdeflate WASM build from
// @gmod/bgzf-filehandle. See docs/adr/0002-inflate.md for the measurements behind this.
import { BgzfError } from '../errors.js'
import { bgzfBlockSize } from './blocks.js'

type Zlib = typeof import('node:zlib')
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'
const zlib: Zlib | undefined = isNode ? await import('node:zlib') : undefined

/** Inflates concatenated gzip members. `base` is the file offset of buf[0] (for errors). */
export async function inflateMembers(buf: Uint8Array, file: string, base: number): Promise<Uint8Array> {
  if (buf.length === 0) return buf
  try {
    if (zlib) return zlib.gunzipSync(buf)
    const { unzip } = await import('@gmod/bgzf-filehandle')
    return await unzip(buf)
  } catch (e) {
    throw locateFailure(buf, file, base, e)
  }
}

/** Finds which block failed so the error can name its offset (slow path, errors only). */
function locateFailure(buf: Uint8Array, file: string, base: number, cause: unknown): BgzfError {
  const msg = cause instanceof Error ? cause.message : String(cause)
  let p = 0
  while (p < buf.length) {
    const size = bgzfBlockSize(buf, p)
    if (size <= 0 || p + size > buf.length) break
    if (zlib) {
      try { zlib.gunzipSync(buf.subarray(p, p + size)) } catch (e) {
        const m = e instanceof Error ? e.message : String(e)
        return new BgzfError(`corrupt BGZF block: ${m.includes('check') ? 'CRC32 or size check failed' : m}`, { file, offset: base + p }, { cause: e })
      }
    }
    p += size
  }
  return new BgzfError(`corrupt or truncated compressed data: ${msg}`, { file, offset: base + p }, { cause })
}

/** Streaming gunzip for plain (non-BGZF) gzip input. */
export function gunzipStream(): TransformStream<Uint8Array, Uint8Array> {
  return new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>
}

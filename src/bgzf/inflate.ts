// Inflating runs of whole gzip members (BGZF blocks). Node uses its native zlib, which
// checks each member's CRC32 and ISIZE; browsers use the libdeflate WASM build from
// @gmod/bgzf-filehandle. See docs/adr/0002-inflate.md for the measurements behind this.
import { BgzfError } from '../errors.js'
import { BGZF_EOF, bgzfBlockSize, type Block } from './blocks.js'

type Zlib = typeof import('node:zlib')
const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'
const zlib: Zlib | undefined = isNode ? await import('node:zlib') : undefined
// a whole block's output in one zlib chunk: no internal concatenation (BGZF blocks <= 64 KiB)
const INFLATE_OPTS = { chunkSize: 65536 }

/**
 * Inflates whole BGZF blocks, one output part per block (Node), so the caller can copy the
 * parts straight into the WASM input buffer without concatenating them first. Each block's
 * CRC32 and ISIZE are checked, as htslib does.
 */
export async function inflateBlocks(buf: Uint8Array, blocks: Block[], file: string, base: number): Promise<Uint8Array[]> {
  if (blocks.length === 0) return []
  if (!zlib) {
    const { unzip } = await import('@gmod/bgzf-filehandle')
    try {
      return [await unzip(buf)]
    } catch (e) {
      throw locateFailure(buf, file, base, e)
    }
  }
  const parts: Uint8Array[] = []
  for (const b of blocks) {
    const o = b.coff - base
    if (b.usize === 0 && isEofBlock(buf, o, b.csize)) continue // the standard EOF marker
    const xlen = buf[o + 10] | (buf[o + 11] << 8)
    const end = o + b.csize
    const crc = (buf[end - 8] | (buf[end - 7] << 8) | (buf[end - 6] << 16) | (buf[end - 5] << 24)) >>> 0
    let out: Uint8Array
    try {
      out = zlib.inflateRawSync(buf.subarray(o + 12 + xlen, end - 8), INFLATE_OPTS)
    } catch (e) {
      throw new BgzfError(`corrupt BGZF block: ${(e as Error).message}`, { file, offset: b.coff }, { cause: e })
    }
    if (out.length !== b.usize) throw new BgzfError(`BGZF block inflates to ${out.length} bytes, its header says ${b.usize}`, { file, offset: b.coff })
    // zlib.crc32 arrived in Node 20.15 / 22.2; before that, gunzip checks the member's CRC32
    const crcOk = zlib.crc32 ? zlib.crc32(out) === crc : gunzipOk(zlib, buf.subarray(o, end))
    if (!crcOk) throw new BgzfError('BGZF block CRC32 mismatch: the data is corrupt', { file, offset: b.coff })
    if (out.length > 0) parts.push(out) // (an empty block is checked like any other)
  }
  return parts
}

/**
 * Node only: inflates a run of whole BGZF blocks on libuv's thread pool (one `gunzip` call,
 * which checks every member's CRC32 and ISIZE), so the calling thread can parse the previous
 * run meanwhile. Resolves to one part per non-empty block, like inflateBlocks.
 * Undefined where there is no node:zlib (browsers): use inflateBlocks.
 */
export function inflateBlocksAsync(buf: Uint8Array, blocks: Block[], file: string, base: number): Promise<Uint8Array[]> | undefined {
  const z = zlib
  if (!z) return undefined
  if (blocks.length === 0) return Promise.resolve([])
  return new Promise<Uint8Array[]>((resolve, reject) => {
    z.gunzip(buf, INFLATE_RUN_OPTS, (err, out) => {
      if (err) { reject(locateFailure(buf, file, base, err)); return }
      const parts: Uint8Array[] = []
      let o = 0
      for (const b of blocks) {
        if (b.usize === 0) continue
        parts.push(out.subarray(o, o + b.usize))
        o += b.usize
      }
      // gunzip checked each member's ISIZE; the headers' sizes must add up to the same
      if (o !== out.length) { reject(new BgzfError(`BGZF blocks inflate to ${out.length} bytes, their headers say ${o}`, { file, offset: base })); return }
      resolve(parts)
    })
  })
}
const INFLATE_RUN_OPTS = { chunkSize: 1 << 20 }

function isEofBlock(buf: Uint8Array, o: number, size: number): boolean {
  if (size !== BGZF_EOF.length) return false
  for (let i = 0; i < size; i++) if (buf[o + i] !== BGZF_EOF[i]) return false
  return true
}

function gunzipOk(z: Zlib, member: Uint8Array): boolean {
  try { z.gunzipSync(member); return true } catch { return false }
}

/** Inflates concatenated gzip members into one buffer. `base` is the file offset of buf[0]. */
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

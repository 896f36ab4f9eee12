// Synchronous BGZF writer (Node only), block for block what htslib's bgzf_write produces:
// gzip members with a 'BC' extra subfield holding BSIZE-1, at most 0xff00 inflated bytes each,
// and the standard empty EOF block at the end. Compressed bytes differ from htslib's (another
// deflate implementation) but block boundaries and hence virtual offsets are the same.
import zlib from 'node:zlib'
import { BgzfError } from '../errors.js'
import { BGZF_EOF } from './blocks.js'

/** Inflated bytes per block: htslib's BGZF_BLOCK_SIZE, leaving room so even a stored block fits 64 KiB. */
export const BGZF_BLOCK_SIZE = 0xff00
/** A whole block (header + deflate data + trailer) must fit in 64 KiB: BSIZE-1 is a uint16. */
const BGZF_MAX_BLOCK_SIZE = 0x10000
const HEADER = 18
const FOOTER = 8

// zlib.crc32 arrived in Node 20.15 / 22.2; older Node 20 releases get a table CRC.
const nativeCrc = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32
let crcTable: Uint32Array | undefined
function crc32(data: Uint8Array): number {
  if (nativeCrc) return nativeCrc(data) >>> 0
  if (!crcTable) {
    crcTable = new Uint32Array(256)
    for (let n = 0; n < 256; n++) {
      let c = n
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
      crcTable[n] = c >>> 0
    }
  }
  let c = 0xffffffff
  for (let i = 0; i < data.length; i++) c = crcTable[(c ^ data[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

export class BgzfWriter {
  private readonly sink: (chunk: Uint8Array) => void
  private readonly level: number
  private readonly deflate?: (data: Uint8Array) => { body: Uint8Array; crc32: number } | undefined
  private readonly buf = new Uint8Array(BGZF_BLOCK_SIZE)
  private len = 0
  /** Compressed bytes emitted so far (a number: exact up to 8 PiB). */
  private coff = 0
  private closed = false

  /**
   * opts.deflate: tried first for each block; it may return the raw-deflated bytes and CRC32 of
   * the data (undefined = zlib as usual), e.g. a cache for blocks known to repeat (the
   * synthetic world's runs of N in a FASTA).
   */
  constructor(sink: (chunk: Uint8Array) => void, opts: { level?: number; deflate?: (data: Uint8Array) => { body: Uint8Array; crc32: number } | undefined } = {}) {
    const level = opts.level ?? 6
    if (!Number.isInteger(level) || level < -1 || level > 9) throw new BgzfError(`compression level must be an integer -1..9, got ${level}`)
    this.sink = sink
    this.level = level
    this.deflate = opts.deflate
  }

  /** Virtual offset of the next byte written: (compressed offset << 16) | offset within the block. */
  get virtualOffset(): bigint {
    return (BigInt(this.coff) << 16n) | BigInt(this.len)
  }

  /** Buffers bytes, emitting each block as soon as it holds BGZF_BLOCK_SIZE bytes (as htslib does,
   * so a record ending exactly on a block boundary gets the next block's offset as its end). */
  write(bytes: Uint8Array): void {
    if (this.closed) throw new BgzfError('write after close')
    let p = 0
    while (p < bytes.length) {
      const n = Math.min(BGZF_BLOCK_SIZE - this.len, bytes.length - p)
      this.buf.set(bytes.subarray(p, p + n), this.len)
      this.len += n
      p += n
      if (this.len === BGZF_BLOCK_SIZE) this.flush()
    }
  }

  /**
   * Writes one record (e.g. a VCF line with its newline), first closing the current block if the
   * record would not fit in it (htslib's bgzf_flush_try), so records only span blocks when they
   * are larger than a block. Returns the virtual offset of the record's first byte.
   */
  writeRecord(bytes: Uint8Array): bigint {
    if (this.len + bytes.length > BGZF_BLOCK_SIZE) this.flush()
    const start = this.virtualOffset
    this.write(bytes)
    return start
  }

  /** Compresses the buffered bytes into a block now (nothing if the buffer is empty). */
  flush(): void {
    if (this.len === 0) return
    const data = this.buf.subarray(0, this.len)
    let body: Uint8Array | undefined
    const given = this.level !== 0 ? this.deflate?.(data) : undefined
    if (given) body = given.body
    else if (this.level !== 0) {
      body = zlib.deflateRawSync(data, { level: this.level })
      // htslib stores the block instead when deflate fills (or overflows) the 64 KiB block budget
      if (body.length >= BGZF_MAX_BLOCK_SIZE - HEADER - FOOTER) body = undefined
    }
    if (!body) {
      // one stored deflate block: BFINAL=1 BTYPE=00, LEN, NLEN, raw bytes (RFC 1951 §3.2.4)
      body = new Uint8Array(5 + data.length)
      body[0] = 1
      body[1] = data.length & 0xff
      body[2] = data.length >>> 8
      body[3] = ~data.length & 0xff
      body[4] = (~data.length >>> 8) & 0xff
      body.set(data, 5)
    }
    const size = HEADER + body.length + FOOTER
    const block = new Uint8Array(size)
    const dv = new DataView(block.buffer)
    // gzip header: ID1 ID2 CM=8 FLG=FEXTRA, MTIME=0, XFL=0, OS=255, XLEN=6, 'B' 'C' SLEN=2 BSIZE-1
    block.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0])
    dv.setUint16(16, size - 1, true)
    block.set(body, HEADER)
    dv.setUint32(size - 8, given ? given.crc32 : crc32(data), true)
    dv.setUint32(size - 4, data.length, true)
    this.len = 0
    this.coff += size
    this.sink(block)
  }

  /** Flushes and appends the 28-byte EOF marker block; the writer cannot be used afterwards. */
  close(): void {
    if (this.closed) return
    this.flush()
    this.sink(BGZF_EOF.slice())
    this.coff += BGZF_EOF.length
    this.closed = true
  }
}

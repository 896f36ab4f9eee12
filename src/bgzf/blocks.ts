// BGZF block geometry from headers alone (no inflating): each block is a gzip member whose
// FEXTRA 'BC' subfield gives its compressed size; ISIZE in the trailer its inflated size.
import { BgzfError } from '../errors.js'

export interface Block {
  /** Compressed offset of the block in the file. */
  coff: number
  /** Compressed size (header + deflate data + trailer). */
  csize: number
  /** Inflated size (ISIZE). */
  usize: number
}

export const BGZF_EOF = new Uint8Array([
  0x1f, 0x8b, 0x08, 0x04, 0, 0, 0, 0, 0, 0xff, 0x06, 0, 0x42, 0x43, 0x02, 0, 0x1b, 0, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0,
])

export function isGzip(b: Uint8Array): boolean { return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b }

/** Size of the BGZF block starting at buf[p], 0 if the header is incomplete, -1 if not BGZF. */
export function bgzfBlockSize(buf: Uint8Array, p: number): number {
  if (buf.length - p < 18) return 0
  if (buf[p] !== 0x1f || buf[p + 1] !== 0x8b || buf[p + 2] !== 8 || (buf[p + 3] & 4) === 0) return -1
  const xlen = buf[p + 10] | (buf[p + 11] << 8)
  if (buf.length - p < 12 + xlen) return 0
  let q = p + 12
  const end = q + xlen
  while (q + 4 <= end) {
    const si1 = buf[q], si2 = buf[q + 1], slen = buf[q + 2] | (buf[q + 3] << 8)
    if (si1 === 66 && si2 === 67 && slen === 2) return (buf[q + 4] | (buf[q + 5] << 8)) + 1
    q += 4 + slen
  }
  return -1
}

/** Whether the data starts like a BGZF file (gzip with the 'BC' extra subfield). */
export function isBgzf(b: Uint8Array): boolean { return bgzfBlockSize(b, 0) > 0 }

/**
 * Complete blocks in buf (which starts at file offset `base`). Returns the blocks and the
 * number of bytes they cover; an incomplete trailing block is left for the next read.
 */
export function scanBlocks(buf: Uint8Array, base: number, file: string): { blocks: Block[]; used: number } {
  const blocks: Block[] = []
  let p = 0
  while (p < buf.length) {
    const size = bgzfBlockSize(buf, p)
    if (size < 0) throw new BgzfError('not a BGZF block header (expected gzip magic 1f 8b with a BC extra field)', { file, offset: base + p })
    if (size === 0 || p + size > buf.length) break
    if (size < 26) throw new BgzfError(`BGZF block size ${size} is too small`, { file, offset: base + p })
    const t = p + size - 4
    const usize = (buf[t] | (buf[t + 1] << 8) | (buf[t + 2] << 16) | (buf[t + 3] << 24)) >>> 0
    if (usize > 65536) throw new BgzfError(`BGZF block claims ${usize} inflated bytes (max 65536)`, { file, offset: base + p })
    blocks.push({ coff: base + p, csize: size, usize })
    p += size
  }
  return { blocks, used: p }
}

/**
 * Inflated bytes per chunk at most (about): a 1 MiB read of BGZF blocks that compress 600:1
 * (a gzip bomb) would otherwise inflate to 600 MiB at once.
 */
export const MAX_CHUNK_INFLATED = 8 << 20

/** Consecutive runs of blocks whose inflated sizes add up to at most `max` bytes (at least one block each). */
export function blockGroups(blocks: Block[], max = MAX_CHUNK_INFLATED): Block[][] {
  const groups: Block[][] = []
  let i = 0
  while (i < blocks.length) {
    let j = i + 1
    let u = blocks[i].usize
    while (j < blocks.length && u + blocks[j].usize <= max) { u += blocks[j].usize; j++ }
    groups.push(blocks.slice(i, j))
    i = j
  }
  return groups
}

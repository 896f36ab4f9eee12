// Shard planning: split a BGZF file into N units of roughly equal compressed bytes, each
// starting at a BGZF block. A record belongs to the shard in which its line starts (see
// src/bgzf/range-text.ts), so shards never lose or duplicate a record whatever the block layout.
import { BgzfError, UsageError } from '../errors.js'
import { bgzfBlockSize, isBgzf } from '../bgzf/blocks.js'
import type { ByteSource } from '../source/source.js'
import type { BlockRange } from '../bgzf/range-text.js'

/** A shard: a block range (its end is the next shard's start) and its place in the plan. */
export interface Shard extends BlockRange {
  index: number
}

export interface ShardPlan {
  fileSize: number
  blocks: number
  shards: Shard[]
}

const SCAN_READ = 8 << 20

/** Block start offsets from the headers (one pass over the compressed bytes, no inflating). */
export async function scanBlockStarts(src: ByteSource): Promise<{ starts: number[]; size: number }> {
  const h = src.handle
  if (!h) throw new UsageError('sharding needs a seekable BGZF file, not a stream')
  const size = (await h.stat()).size
  const starts: number[] = []
  let pos = 0
  let buf = await h.read(Math.min(SCAN_READ, size), 0)
  let base = 0
  if (!isBgzf(buf)) throw new BgzfError('not a BGZF file: cannot split it into shards', { file: src.label })
  while (pos < size) {
    let rel = pos - base
    if (rel + 18 > buf.length) {
      buf = await h.read(Math.min(SCAN_READ, size - pos), pos)
      base = pos
      rel = 0
    }
    let bsize = bgzfBlockSize(buf, rel)
    if (bsize === 0 && base + buf.length < size) { // a header running past the read window
      buf = await h.read(Math.min(SCAN_READ, size - pos), pos)
      base = pos
      bsize = bgzfBlockSize(buf, 0)
    }
    // the same messages as the streaming reader (src/reader/chunks.ts), so --threads never changes the error
    if (bsize === 0) throw new BgzfError(`truncated BGZF block (${size - pos} bytes at the end of the file)`, { file: src.label, offset: pos })
    if (bsize < 0) throw new BgzfError('not a BGZF block header (expected gzip magic 1f 8b with a BC extra field)', { file: src.label, offset: pos })
    starts.push(pos)
    pos += bsize
  }
  if (pos !== size) {
    const last = starts[starts.length - 1]
    throw new BgzfError(`truncated BGZF block (${size - last} bytes at the end of the file)`, { file: src.label, offset: last })
  }
  return { starts, size }
}

/** Splits the blocks into `n` shards of about equal compressed size. */
export function planFromBlocks(starts: number[], size: number, n: number): ShardPlan {
  const shards: Shard[] = []
  const want = Math.max(1, Math.min(n, starts.length))
  let b = 0
  for (let k = 0; k < want && b < starts.length; k++) {
    const target = ((k + 1) * size) / want
    let e = b + 1
    while (e < starts.length && starts[e] < target) e++
    if (k === want - 1) e = starts.length
    shards.push({ index: shards.length, start: starts[b], end: e < starts.length ? starts[e] : size, prev: b > 0 ? starts[b - 1] : -1 })
    b = e
  }
  return { fileSize: size, blocks: starts.length, shards }
}

export async function planShards(src: ByteSource, n: number): Promise<ShardPlan> {
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`the number of shards must be a positive integer, got ${n}`)
  const { starts, size } = await scanBlockStarts(src)
  return planFromBlocks(starts, size, n)
}

// The inflated text of a run of BGZF blocks (a shard of the parallel engine): from the first
// line that starts in the blocks to the end of the last line that starts there (which may
// run into the following blocks), so adjacent ranges own disjoint, complete lines.
import { blockGroups, scanBlocks } from './blocks.js'
import { inflateBlocks } from './inflate.js'
import type { GenericFilehandle } from 'generic-filehandle2'

/** Compressed offsets of a block range: its first block, the end, and the block before it. */
export interface BlockRange {
  /** Compressed offset of the first block. */
  start: number
  /** Compressed offset just past the last block. */
  end: number
  /** Compressed offset of the block before `start` (-1 for the file's first block). */
  prev: number
}

const READ = 1 << 20
const NL = 10

/** Inflated parts of the compressed range [from, to), in order. */
async function* inflateRange(h: GenericFilehandle, from: number, to: number, file: string, readSize = READ): AsyncGenerator<Uint8Array[]> {
  let pos = from
  let carry: Uint8Array = new Uint8Array(0)
  while (pos < to || carry.length > 0) {
    const want = Math.min(readSize, to - pos)
    const raw = want > 0 ? await h.read(want, pos) : new Uint8Array(0)
    const buf = carry.length ? concat(carry, raw) : raw
    const base = pos - carry.length
    pos += raw.length
    const { blocks, used } = scanBlocks(buf, base, file)
    if (used === 0 && raw.length === 0) break // nothing more to read (truncation is the planner's to report)
    for (const group of blockGroups(blocks)) yield await inflateBlocks(buf.subarray(0, used), group, file, base)
    carry = buf.slice(used)
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

export async function* rangeText(h: GenericFilehandle, shard: BlockRange, fileSize: number, file: string): AsyncGenerator<Uint8Array[]> {
  // does the shard start at a line start? only if the previous block ends with a newline
  let skipping = false
  if (shard.prev >= 0) {
    skipping = true
    for await (const parts of inflateRange(h, shard.prev, shard.start, file)) {
      const last = parts[parts.length - 1]
      if (last && last.length > 0) skipping = last[last.length - 1] !== NL
    }
  }
  let lastByte = NL
  for await (const parts of inflateRange(h, shard.start, shard.end, file)) {
    const out: Uint8Array[] = []
    for (let p of parts) {
      if (skipping) {
        const nl = p.indexOf(NL)
        if (nl < 0) continue // still inside a line that belongs to an earlier shard
        p = p.subarray(nl + 1)
        skipping = false
      }
      if (p.length === 0) continue
      out.push(p)
      lastByte = p[p.length - 1]
    }
    if (out.length) yield out
  }
  if (skipping || lastByte === NL) return
  // finish the last line, which started here, from the following blocks
  for await (const parts of inflateRange(h, shard.end, fileSize, file, 256 << 10)) {
    for (const p of parts) {
      const nl = p.indexOf(NL)
      if (nl >= 0) { yield [p.subarray(0, nl + 1)]; return }
      yield [p]
    }
  }
}

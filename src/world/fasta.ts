// The reference FASTA: bgzipped (the project's BGZF writer), 60 bases per line as Ensembl
// writes it, with a .fai and a .gzi as samtools faidx makes them. Chromosomes are full
// GRCh38 length; outside the designed gene regions every base is N. Blocks that hold only
// N lines repeat exactly (61 line phases), so they are deflated once and reused: a 3.1 Gb
// genome of mostly N costs seconds and a few MB.
import { closeSync, openSync, writeSync } from 'node:fs'
import zlib from 'node:zlib'
import { BGZF_BLOCK_SIZE, BgzfWriter } from '../bgzf/writer.js'
import type { World } from './world.js'

const LINE = 60
const enc = new TextEncoder()

/** Bytes of N lines (60 N + newline, repeated), long enough to slice any block from any phase. */
const TEMPLATE = (() => {
  const t = new Uint8Array(BGZF_BLOCK_SIZE + LINE + 1)
  for (let i = 0; i < t.length; i++) t[i] = i % (LINE + 1) === LINE ? 10 : 78
  return t
})()

export interface FastaResult { fai: string; gzi: Uint8Array; bytes: number }

export async function writeFasta(world: World, path: string): Promise<FastaResult> {
  const fd = openSync(path, 'w')
  let coff = 0
  const sink = (c: Uint8Array) => { let o = 0; while (o < c.length) o += writeSync(fd, c, o); coff += c.length }
  const cache = new Map<number, { body: Uint8Array; crc32: number }>()
  let pureKey = -1 // the phase of a block made of one template slice, else -1
  const writer = new BgzfWriter(sink, {
    level: 6,
    deflate: (data) => {
      if (pureKey < 0 || data.length !== BGZF_BLOCK_SIZE) return undefined
      let z = cache.get(pureKey)
      if (!z) { z = { body: zlib.deflateRawSync(data, { level: 6 }), crc32: zlib.crc32(data) >>> 0 }; cache.set(pureKey, z) }
      return z
    },
  })
  const chunk = new Uint8Array(BGZF_BLOCK_SIZE)
  let used = 0, total = 0
  let pure = true, phase = -1
  const gziEntries: [number, number][] = []
  const flush = () => {
    if (used === 0) return
    pureKey = pure && used === BGZF_BLOCK_SIZE ? phase : -1
    writer.write(chunk.subarray(0, used)) // exactly one block when full
    if (used === BGZF_BLOCK_SIZE) gziEntries.push([coff, total + used])
    total += used
    used = 0; pure = true; phase = -1
  }
  const putByte = (b: number) => { chunk[used++] = b; pure = false; if (used === BGZF_BLOCK_SIZE) flush() }
  const putBytes = (bytes: Uint8Array) => { for (const b of bytes) putByte(b) }

  let q = 0 // bases in the current line; LINE = a newline is due before the next base
  const putBase = (b: number) => { if (q === LINE) { putByte(10); q = 0 } putByte(b); q++ }
  /** m bases of N from the template, a block at a time. */
  const putN = (m: number) => {
    while (m > 0) {
      const need = m + Math.floor((q + m - 1) / LINE) // bytes up to and including the m-th base
      const room = BGZF_BLOCK_SIZE - used
      const n = Math.min(need, room)
      if (used === 0 && n === BGZF_BLOCK_SIZE) phase = q
      else pure = false
      chunk.set(TEMPLATE.subarray(q, q + n), used)
      used += n
      const newlines = Math.floor((q + n) / (LINE + 1))
      m -= n - newlines
      q = (q + n) % (LINE + 1)
      if (used === BGZF_BLOCK_SIZE) flush()
    }
  }

  const fai: string[] = []
  for (const c of world.contigs) {
    await new Promise<void>((r) => setImmediate(r)) // let the event loop breathe between chromosomes
    putBytes(enc.encode(`>${c.name} dna:chromosome chromosome:GRCh38:${c.name}:1:${c.length}:1 REF\n`))
    fai.push(`${c.name}\t${c.length}\t${total + used}\t${LINE}\t${LINE + 1}`)
    q = 0
    let pos = 1 // next base to write, 1-based
    for (const s of world.segments.get(c.name) ?? []) {
      putN(s.start - pos)
      for (let i = 0; i < s.seq.length; i++) putBase(s.seq.charCodeAt(i))
      pos = s.start + s.seq.length
    }
    putN(c.length - pos + 1)
    if (q > 0) putByte(10)
  }
  flush()
  writer.close()
  closeSync(fd)
  // .gzi: number of entries, then (compressed, uncompressed) offsets of each block start after the first
  const gzi = new Uint8Array(8 + 16 * gziEntries.length)
  const dv = new DataView(gzi.buffer)
  dv.setBigUint64(0, BigInt(gziEntries.length), true)
  gziEntries.forEach(([co, uo], i) => { dv.setBigUint64(8 + 16 * i, BigInt(co), true); dv.setBigUint64(16 + 16 * i, BigInt(uo), true) })
  return { fai: fai.join('\n') + '\n', gzi, bytes: coff }
}

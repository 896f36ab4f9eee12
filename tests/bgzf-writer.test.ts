// BgzfWriter: block format, virtual offsets, record-aligned blocks, the stored fallback for
// incompressible data, and acceptance by htslib's bgzip (-t and -dc).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import { randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BgzfWriter, BGZF_BLOCK_SIZE } from '../src/bgzf/writer.js'
import { BGZF_EOF, scanBlocks } from '../src/bgzf/blocks.js'
import { BgzfError } from '../src/errors.js'
import { requireTools } from './helpers/oracle.js'

// Throws in CI when bgzip is missing; elsewhere prints a notice and the htslib suite skips.
const enabled = requireTools('bgzip')

function collect(level?: number): { w: BgzfWriter; bytes: () => Buffer } {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c), level === undefined ? {} : { level })
  return { w, bytes: () => Buffer.concat(chunks) }
}

/** Inflated bytes of each block, checking its gzip header and BSIZE on the way. */
function blocks(file: Buffer): Buffer[] {
  const { blocks: bs, used } = scanBlocks(file, 0, 'test')
  expect(used).toBe(file.length)
  return bs.map((b) => {
    const block = file.subarray(b.coff, b.coff + b.csize)
    expect([...block.subarray(0, 16)]).toEqual([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0])
    expect(b.csize).toBeLessThanOrEqual(0x10000)
    const data = inflateRawSync(block.subarray(18, b.csize - 8))
    expect(data.length).toBe(b.usize)
    return data
  })
}

/** VCF-like text with some lines longer than a block. */
function vcfText(lines: number, seed = 1): string {
  let s = seed
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648)
  const out = ['##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n']
  for (let i = 0; i < lines; i++) {
    const info = i % 25_000 === 10 ? 'BLOB=' + 'ACGT'.repeat(20_000 + i % 7) : `DP=${Math.floor(rnd() * 1000)}`
    out.push(`chr${1 + (i % 3)}\t${i + 1}\t.\tA\tG\t${Math.floor(rnd() * 100)}\tPASS\t${info}\n`)
  }
  return out.join('')
}

describe('BgzfWriter', () => {
  it('writes gzip members with BC subfields, ending in the EOF block', () => {
    const { w, bytes } = collect()
    const text = Buffer.from(vcfText(20_000))
    w.write(text)
    w.close()
    const file = bytes()
    expect(gunzipSync(file).equals(text)).toBe(true)
    expect(file.subarray(file.length - 28).equals(Buffer.from(BGZF_EOF))).toBe(true)
    const bs = blocks(file)
    expect(bs.at(-1)!.length).toBe(0)
    // like htslib's bgzf_write: every block but the last data block is full
    expect(bs.slice(0, -2).every((b) => b.length === BGZF_BLOCK_SIZE)).toBe(true)
  })

  it('reports virtual offsets: (compressed offset << 16) | offset in block', () => {
    const { w, bytes } = collect()
    expect(w.virtualOffset).toBe(0n)
    w.write(new TextEncoder().encode('hello\n'))
    expect(w.virtualOffset).toBe(6n)
    w.flush()
    const after = BigInt(bytes().length) << 16n
    expect(w.virtualOffset).toBe(after)
    w.flush() // nothing buffered: no empty block
    expect(bytes().length).toBe(Number(after >> 16n))
    // a block is emitted as soon as it is full, so the offset moves to the next block at once
    w.write(new Uint8Array(BGZF_BLOCK_SIZE - 1))
    expect(w.virtualOffset & 0xffffn).toBe(BigInt(BGZF_BLOCK_SIZE - 1))
    w.write(new Uint8Array(1))
    expect(w.virtualOffset).toBe(BigInt(bytes().length) << 16n)
  })

  it('writeRecord keeps records inside one block unless they are bigger than a block', () => {
    const { w, bytes } = collect()
    const enc = new TextEncoder()
    const recs: { start: bigint; line: Uint8Array }[] = []
    for (let i = 0; i < 5000; i++) {
      const line = enc.encode(i === 1234 ? 'x'.repeat(150_000) + '\n' : `rec ${i} ${'y'.repeat(i % 97)}\n`)
      recs.push({ start: w.writeRecord(line), line })
    }
    w.close()
    const file = bytes()
    const bs = blocks(file)
    const starts = new Map<number, number>() // compressed offset -> block index
    scanBlocks(file, 0, 't').blocks.forEach((b, i) => starts.set(b.coff, i))
    for (const { start, line } of recs) {
      const bi = starts.get(Number(start >> 16n))!
      const off = Number(start & 0xffffn)
      if (line.length <= BGZF_BLOCK_SIZE) {
        // the whole record sits in the block its start points at
        expect(Buffer.from(bs[bi].subarray(off, off + line.length)).equals(Buffer.from(line))).toBe(true)
      } else {
        expect(off).toBe(0) // a big record starts a fresh block and spans the next ones
        expect(Buffer.concat(bs.slice(bi)).subarray(0, line.length).equals(Buffer.from(line))).toBe(true)
      }
    }
  })

  it('keeps incompressible blocks within 64 KiB, and level 0 writes one stored block per block', () => {
    // Node's zlib already falls back to stored sub-blocks for random data (a few bytes of overhead),
    // so the writer's own stored fallback (deflate output >= 65510 bytes, as in htslib) is a guard
    // that zlib does not reach; level 0 exercises the same stored-block encoder.
    for (const level of [6, 0]) {
      const { w, bytes } = collect(level)
      const data = randomBytes(3 * BGZF_BLOCK_SIZE + 1234)
      w.write(data)
      w.close()
      const file = bytes()
      expect(gunzipSync(file).equals(data)).toBe(true)
      expect(Buffer.concat(blocks(file)).equals(data)).toBe(true)
      if (level === 0) {
        for (const b of scanBlocks(file, 0, 't').blocks.slice(0, -1)) {
          expect(file[b.coff + 18]).toBe(1) // BFINAL=1, BTYPE=00: stored
          expect(b.csize).toBe(18 + 5 + b.usize + 8)
        }
      }
    }
  })

  it('rejects a bad level and writes after close', () => {
    expect(() => new BgzfWriter(() => {}, { level: 10 })).toThrowError(BgzfError)
    const { w } = collect()
    w.close()
    w.close() // idempotent
    expect(() => w.write(new Uint8Array(1))).toThrowError(BgzfError)
  })
})

describe.runIf(enabled)('BgzfWriter against htslib bgzip', () => {
  let dir = ''
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vartriage-bgzf-')) })
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

  it('bgzip -t accepts the file and bgzip -dc restores the text (records, big lines, random bytes)', () => {
    const text = vcfText(120_000, 7)
    const { w, bytes } = collect()
    const enc = new TextEncoder()
    for (const line of text.split(/(?<=\n)/)) w.writeRecord(enc.encode(line))
    const noise = randomBytes(200_000)
    w.write(noise)
    w.close()
    const path = join(dir, 'x.gz')
    writeFileSync(path, bytes())
    const t = spawnSync('bgzip', ['-t', path], { encoding: 'utf8' })
    expect(t.status, t.stderr).toBe(0)
    const d = spawnSync('bgzip', ['-dc', path], { maxBuffer: 1 << 30 })
    expect(d.status).toBe(0)
    expect(d.stdout.equals(Buffer.concat([Buffer.from(text), noise]))).toBe(true)
  }, 60_000)

  it('write() splits a stream into the same blocks as bgzip', () => {
    const text = Buffer.from(vcfText(30_000, 9))
    const { w, bytes } = collect()
    w.write(text.subarray(0, 1000))
    w.write(text.subarray(1000))
    w.close()
    const path = join(dir, 'y.txt')
    writeFileSync(path, text)
    const theirs = spawnSync('bgzip', ['-c', path], { maxBuffer: 1 << 30 }).stdout
    const sizes = (f: Buffer) => scanBlocks(f, 0, 't').blocks.map((b) => b.usize)
    expect(sizes(bytes())).toEqual(sizes(theirs))
  }, 30_000)
})

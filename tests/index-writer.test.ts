// IndexBuilder (.tbi / .csi) checked against htslib: the decompressed index bytes must equal
// those of `tabix -p vcf` / `tabix -C` / `bcftools index -c` on the same bgzipped file, and
// region queries through our index must return what a brute-force overlap scan returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BgzfWriter } from '../src/bgzf/writer.js'
import { IndexBuilder, type IndexBuilderOptions } from '../src/index/writer.js'
import { IndexError } from '../src/errors.js'
import { requireTools } from './helpers/oracle.js'

// Throws in CI when a tool is missing; elsewhere prints a notice and the suites below skip.
const enabled = requireTools('tabix', 'bgzip', 'bcftools')

interface Rec { chrom: string; beg0: number; end0: number; line: string }

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A sorted VCF: SNPs, indels whose REF spans several 16 kb windows, symbolic deletions with
 * INFO/END, duplicate positions, and records larger than a 64 KiB BGZF block.
 */
function makeVcf(contigs: [string, number, number][], seed: number): { header: string; recs: Rec[] } {
  const rnd = prng(seed)
  const base = () => 'ACGT'[Math.floor(rnd() * 4)]
  let header = '##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
  header += '##INFO=<ID=END,Number=1,Type=Integer,Description="End">\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">\n'
  header += '##INFO=<ID=BLOB,Number=1,Type=String,Description="Padding">\n'
  for (const [name, length] of contigs) header += `##contig=<ID=${name},length=${length}>\n`
  header += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
  const recs: Rec[] = []
  for (const [chrom, length, count] of contigs) {
    const step = (length - 200_000) / count
    let pos = 1 + Math.floor(rnd() * 100)
    for (let i = 0; i < count; i++) {
      if (rnd() > 0.02) pos = Math.min(pos + Math.floor(rnd() * 2 * step), length - 150_000) // else: same POS again
      const r = rnd()
      let ref = base(), alt = ref === 'A' ? 'C' : 'A', info = `DP=${Math.floor(rnd() * 100)}`, end0 = pos
      if (r < 0.003) ref = base() + 'T'.repeat(Math.floor(rnd() * 40_000)) // long deletion: many linear windows
      else if (r < 0.005) { alt = '<DEL>'; end0 = pos + Math.floor(rnd() * 100_000); info += `;SVTYPE=DEL;END=${end0}` }
      else if (r < 0.0052) info += ';BLOB=' + 'x'.repeat(70_000 + Math.floor(rnd() * 70_000)) // > 64 KiB record
      if (i === 7) ref = 'G'.repeat(100_000) // at least one huge REF per contig
      if (alt !== '<DEL>') end0 = pos - 1 + ref.length
      recs.push({ chrom, beg0: pos - 1, end0, line: `${chrom}\t${pos}\t.\t${ref}\t${alt}\t50\tPASS\t${info}\n` })
    }
  }
  return { header, recs }
}

/** Writes header + records as bgzipped VCF and indexes it on the fly, like `bcftools view --write-index`. */
function writeIndexed(
  path: string, header: string, recs: Rec[], opts: IndexBuilderOptions,
  mode: { records: 'writeRecord' | 'write'; htslibFinal: boolean } = { records: 'writeRecord', htslibFinal: true },
): void {
  const enc = new TextEncoder()
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c))
  const idx = new IndexBuilder(opts)
  w.write(enc.encode(header))
  for (const r of recs) {
    const bytes = enc.encode(r.line)
    let vStart = w.virtualOffset
    if (mode.records === 'writeRecord') vStart = w.writeRecord(bytes)
    else w.write(bytes)
    idx.add(r.chrom, r.beg0, r.end0, vStart, w.virtualOffset)
  }
  w.flush()
  const index = idx.finish(mode.htslibFinal ? w.virtualOffset : undefined)
  w.close()
  writeFileSync(path, Buffer.concat(chunks))
  writeFileSync(path + (opts.format === 'tbi' ? '.tbi' : '.csi'), index)
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}

/** `bgzip -dc file` as bytes (index files are binary). */
function dc(file: string): Buffer {
  const r = spawnSync('bgzip', ['-dc', file], { maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(`bgzip -dc ${file} failed: ${r.stderr}`)
  return r.stdout
}

/** Byte equality with the first differing offset in the failure message (as `cmp` would say). */
function expectSameBytes(ours: Buffer, theirs: Buffer, what: string): void {
  let i = 0
  while (i < ours.length && i < theirs.length && ours[i] === theirs[i]) i++
  const where = i === ours.length && i === theirs.length ? 'identical' : `first difference at byte ${i} (lengths ${ours.length} vs ${theirs.length})`
  expect(where, what).toBe('identical')
}

/** Random regions, including whole contigs, single bases and spans beyond a contig's records. */
function regions(contigs: [string, number, number][], n: number, seed: number): { text: string; chrom: string; beg0: number; end: number }[] {
  const rnd = prng(seed)
  const out = []
  for (let i = 0; i < n; i++) {
    const [chrom, length] = contigs[Math.floor(rnd() * contigs.length)]
    const k = rnd()
    if (k < 0.05) { out.push({ text: chrom, chrom, beg0: 0, end: Infinity }); continue }
    const beg = 1 + Math.floor(rnd() * length)
    const end = k < 0.2 ? beg : beg + Math.floor(rnd() * (k < 0.6 ? 20_000 : 300_000))
    out.push({ text: `${chrom}:${beg}-${end}`, chrom, beg0: beg - 1, end })
  }
  return out
}

/** What a correct index must return: records overlapping [beg0, end), in file order. */
function bruteForce(recs: Rec[], q: { chrom: string; beg0: number; end: number }): string {
  return recs.filter((r) => r.chrom === q.chrom && r.beg0 < q.end && r.end0 > q.beg0).map((r) => r.line).join('')
}

const inflate = (b: Uint8Array): Buffer => gunzipSync(b)

describe('IndexBuilder (no external tools)', () => {
  const v = (c: number, u = 0) => (BigInt(c) << 16n) | BigInt(u)

  it('writes the TBI and CSI headers with the tabix VCF configuration', () => {
    const tbi = new IndexBuilder({ format: 'tbi' })
    tbi.add('chr1', 99, 100, v(0, 0), v(0, 20))
    tbi.add('chrX', 9, 10, v(0, 20), v(0, 40))
    const t = inflate(tbi.finish())
    expect(t.subarray(0, 4).toString('latin1')).toBe('TBI\x01')
    // n_ref, format=2 (VCF), col_seq=1, col_beg=2, col_end=0, meta='#', skip=0, l_nm
    expect([...new Int32Array(t.buffer.slice(t.byteOffset + 4, t.byteOffset + 36))]).toEqual([2, 2, 1, 2, 0, 35, 0, 10])
    expect(t.subarray(36, 46).toString('latin1')).toBe('chr1\0chrX\0')

    const c = inflate(new IndexBuilder({ format: 'csi' }).finish())
    expect(c.subarray(0, 4).toString('latin1')).toBe('CSI\x01')
    // min_shift, depth (htslib tabix default for min_shift 14), l_aux=28, conf, l_nm=0, n_ref=0, n_no_coor=0
    expect([...new Int32Array(c.buffer.slice(c.byteOffset + 4, c.byteOffset + 52))]).toEqual([14, 6, 28, 2, 1, 2, 0, 35, 0, 0, 0, 0])
    expect(c.length).toBe(56)
  })

  it('throws IndexError naming the record for unsorted positions', () => {
    const b = new IndexBuilder({ format: 'tbi', file: 'x.vcf.gz' })
    b.add('chr1', 500, 501, v(0, 0), v(0, 10))
    b.add('chr1', 500, 501, v(0, 10), v(0, 20)) // equal positions are fine
    const err = (() => { try { b.add('chr1', 200, 201, v(0, 20), v(0, 30)) } catch (e) { return e } })()
    expect(err).toBeInstanceOf(IndexError)
    expect((err as IndexError).record).toBe(3)
    expect((err as IndexError).message).toMatch(/x\.vcf\.gz, record 3: unsorted positions on chr1: 501 followed by 201/)
    // a rejected record leaves the builder as it was
    b.add('chr1', 600, 601, v(0, 20), v(0, 30))
    expect(() => b.add('chr1', 700, 701, v(0, 10), v(0, 40))).toThrowError(/virtual offsets go backwards/)
    expect(inflate(b.finish()).subarray(0, 4).toString('latin1')).toBe('TBI\x01')
  })

  it('throws IndexError when a chromosome reappears after another', () => {
    const b = new IndexBuilder({ format: 'csi' })
    b.add('chr1', 5, 6, v(0, 0), v(0, 10))
    b.add('chr2', 5, 6, v(0, 10), v(0, 20))
    expect(() => b.add('chr1', 9, 10, v(0, 20), v(0, 30))).toThrowError(/record 3: unsorted input: chr1 reappears after chr2/)
  })

  it('rejects positions beyond 2^29 in a .tbi, advising .csi; a default .csi takes them', () => {
    const ok = new IndexBuilder({ format: 'tbi' })
    ok.add('c', 2 ** 29 - 1, 2 ** 29, v(0), v(0, 10)) // end == 2^29 is still storable (htslib's check)
    const b = new IndexBuilder({ format: 'tbi' })
    expect(() => b.add('c', 2 ** 29, 2 ** 29 + 1, v(0), v(0, 10))).toThrowError(IndexError)
    expect(() => new IndexBuilder({ format: 'tbi' }).add('c', 5, 2 ** 29 + 10, v(0), v(0, 10))).toThrowError(/\.csi/)
    const c = new IndexBuilder({ format: 'csi' })
    c.add('c', 3_000_000_000, 3_000_000_001, v(0), v(0, 10))
    expect(() => new IndexBuilder({ format: 'csi', depth: 5 }).add('c', 2 ** 29, 2 ** 29 + 1, v(0), v(0, 10))).toThrowError(/larger depth/)
  })

  it('rejects end before start and use after finish', () => {
    expect(() => new IndexBuilder({ format: 'tbi' }).add('c', 10, 5, v(0), v(0, 10))).toThrowError(IndexError)
    const b = new IndexBuilder({ format: 'tbi' })
    b.finish()
    expect(() => b.add('c', 1, 2, v(0), v(0, 10))).toThrowError(IndexError)
  })
})

describe.runIf(enabled)('IndexBuilder against htslib', () => {
  let dir = ''
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vartriage-idx-')) })
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

  /** Copy of our bgzipped file, indexed by htslib itself. */
  function htslibIndex(ours: string, name: string, args: string[], tool = 'tabix'): string {
    const d = join(dir, name)
    mkdirSync(d)
    const copy = join(d, 'h.vcf.gz')
    copyFileSync(ours, copy)
    sh(tool, [...args, copy])
    return copy
  }

  const tbiContigs: [string, number, number][] = [['chr1', 3_000_000, 100_000], ['chr2', 1_000_000, 20_000], ['chrM', 216_569, 500], ['chr10', 500_000_000, 5000]]
  const csiContigs: [string, number, number][] = [['chr1', 2_000_000, 60_000], ['chrBig', 2 ** 31 + 100_000_000, 30_000], ['chr3', 900_000, 20_000]]

  it('tbi: bytes equal tabix -p vcf, and region queries match htslib and brute force', () => {
    const { header, recs } = makeVcf(tbiContigs, 1)
    expect(recs.length).toBeGreaterThan(100_000)
    const ours = join(dir, 'ours.vcf.gz')
    writeIndexed(ours, header, recs, { format: 'tbi', file: ours })
    sh('bgzip', ['-t', ours])
    expect(sh('bgzip', ['-dc', ours])).toBe(header + recs.map((r) => r.line).join(''))
    expect(sh('tabix', ['-l', ours])).toBe('chr1\nchr2\nchrM\nchr10\n')

    const theirs = htslibIndex(ours, 'tbi', ['-p', 'vcf', '-f'])
    expectSameBytes(dc(ours + '.tbi'), dc(theirs + '.tbi'), 'tbi vs tabix -p vcf')
    for (const q of regions(tbiContigs, 150, 2)) {
      const got = sh('tabix', [ours, q.text])
      expect(got, q.text).toBe(sh('tabix', [theirs, q.text]))
      expect(got, q.text).toBe(bruteForce(recs, q))
    }
  }, 180_000)

  it('tbi from a plain write() stream (records spanning blocks) is still identical to htslib', () => {
    const contigs: [string, number, number][] = [['a', 800_000, 20_000], ['b', 300_000, 5_000]]
    const { header, recs } = makeVcf(contigs, 3)
    const ours = join(dir, 'plain.vcf.gz')
    writeIndexed(ours, header, recs, { format: 'tbi' }, { records: 'write', htslibFinal: true })
    const theirs = htslibIndex(ours, 'plain', ['-p', 'vcf', '-f'])
    expectSameBytes(dc(ours + '.tbi'), dc(theirs + '.tbi'), 'tbi (plain writes) vs tabix -p vcf')
  }, 60_000)

  it('without a final offset the index differs from htslib only there, and still answers queries', () => {
    const contigs: [string, number, number][] = [['a', 800_000, 20_000]]
    const { header, recs } = makeVcf(contigs, 4)
    const ours = join(dir, 'nofinal.vcf.gz')
    writeIndexed(ours, header, recs, { format: 'tbi' }, { records: 'writeRecord', htslibFinal: false })
    const theirs = htslibIndex(ours, 'nofinal', ['-p', 'vcf', '-f'])
    // same layout; only the end of the last chunk / pseudo-bin is spelled (last block, its length)
    // instead of (EOF block, 0)
    const a = dc(ours + '.tbi'), b = dc(theirs + '.tbi')
    expect(a.length).toBe(b.length)
    expect(a.equals(b)).toBe(false)
    for (const q of regions(contigs, 40, 5)) expect(sh('tabix', [ours, q.text]), q.text).toBe(bruteForce(recs, q))
  }, 60_000)

  it('csi: bytes equal tabix -C and bcftools index -c; positions beyond 2^29 and 2^31 are queryable', () => {
    const { header, recs } = makeVcf(csiContigs, 6)
    expect(recs.some((r) => r.beg0 > 2 ** 31)).toBe(true)
    const ours = join(dir, 'csi.vcf.gz')
    const maxRefLength = Math.max(...csiContigs.map((c) => c[1]))
    writeIndexed(ours, header, recs, { format: 'csi', maxRefLength })
    sh('bgzip', ['-t', ours])
    expect(sh('tabix', ['-l', ours])).toBe('chr1\nchrBig\nchr3\n')

    const viaTabix = htslibIndex(ours, 'csi-tabix', ['-C', '-p', 'vcf', '-f'])
    const viaBcftools = htslibIndex(ours, 'csi-bcftools', ['index', '-c', '-f'], 'bcftools')
    const mine = dc(ours + '.csi')
    expectSameBytes(mine, dc(viaTabix + '.csi'), 'csi vs tabix -C')
    expectSameBytes(mine, dc(viaBcftools + '.csi'), 'csi vs bcftools index -c')
    for (const q of regions(csiContigs, 150, 7)) {
      const got = sh('tabix', [ours, q.text])
      expect(got, q.text).toBe(sh('tabix', [viaTabix, q.text]))
      expect(got, q.text).toBe(bruteForce(recs, q))
    }
    for (const q of regions(csiContigs, 25, 8)) {
      expect(sh('bcftools', ['view', '-H', '-r', q.text, ours]), q.text).toBe(sh('bcftools', ['view', '-H', '-r', q.text, viaBcftools]))
    }
  })

  it('csi: maxRefLength raises the depth like htslib does for long ##contig lengths', () => {
    const length = 5_000_000_000
    const header = `##fileformat=VCFv4.2\n##contig=<ID=x,length=${length}>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n`
    const recs: Rec[] = [1, 4_000_000_000, 4_500_000_000, 4_500_000_100].map((pos) => ({ chrom: 'x', beg0: pos - 1, end0: pos, line: `x\t${pos}\t.\tA\tC\t.\t.\t.\n` }))
    const ours = join(dir, 'deep.vcf.gz')
    writeIndexed(ours, header, recs, { format: 'csi', maxRefLength: length })
    const theirs = htslibIndex(ours, 'deep', ['-C', '-p', 'vcf', '-f'])
    const mine = dc(ours + '.csi')
    expect(mine.readInt32LE(8)).toBe(7) // depth
    expectSameBytes(mine, dc(theirs + '.csi'), 'deep csi vs tabix -C')
    expect(sh('tabix', [ours, 'x:4500000000-4500000050'])).toBe(recs[2].line)
  }, 30_000)
})

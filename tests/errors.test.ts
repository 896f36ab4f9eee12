// Bad input must fail fast with a typed error that names the file and the line/record or byte
// offset, and never hang: corrupt or truncated BGZF, corrupt or stale indexes, malformed
// records (strict and --lenient), undeclared tags, unsorted input for indexing, and bad filter
// expressions; plus what the CLI prints for them (one `vartriage: ...` line, exit code != 0).
// Everything is generated into a temp dir; no external tools are needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gzipSync, gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { VcfReader, type ReaderOptions } from '../src/reader/reader.js'
import { collect, query, view } from '../src/api.js'
import { BgzfWriter } from '../src/bgzf/writer.js'
import { scanBlocks, type Block } from '../src/bgzf/blocks.js'
import { IndexBuilder } from '../src/index/writer.js'
import { indexVcf } from '../src/pipeline/index-file.js'
import { parseRegion, parseRegionList } from '../src/region/region.js'
import {
  BgzfError, ExpressionError, IndexError, SourceError, UsageError, VartriageError, VcfParseError,
} from '../src/errors.js'
import { generateRecords } from '../bench/generate-vcf.mjs'

const BIN = resolve('dist/src/cli/bin.js')
const enc = new TextEncoder()

function bgzf(text: string): Buffer {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c))
  w.write(enc.encode(text))
  w.close()
  return Buffer.concat(chunks)
}

/** Reads the whole file (or regions); returns the records and warnings, or throws. */
async function readAll(input: string, opts: ReaderOptions = {}, regions?: string): Promise<{ pos: number[]; warnings: string[]; reader: VcfReader }> {
  const warnings: string[] = []
  const reader = await VcfReader.open(input, { onWarning: (m) => warnings.push(m), ...opts })
  const pos: number[] = []
  for await (const b of reader.batches(regions ? { regions: parseRegionList(regions) } : {})) for (const i of b.indices()) pos.push(b.pos[i])
  return { pos, warnings, reader }
}

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<VartriageError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(VartriageError)
    return e as VartriageError
  }
  return expect.fail('expected an error')
}

function cli(args: string[], input?: string | Uint8Array): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30, timeout: 60_000 })
  if (r.error) throw r.error
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr }
}

/** One `vartriage: ...` line on stderr (warnings, if any, come before it). */
function oneErrorLine(err: string): string {
  const lines = err.split('\n').filter((l) => l !== '' && !l.startsWith('vartriage: warning:'))
  expect(lines, err).toHaveLength(1)
  expect(lines[0]).toMatch(/^vartriage: \S/)
  return lines[0]
}

const HEADER = [
  '##fileformat=VCFv4.2',
  '##contig=<ID=1,length=100000>',
  '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  '##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">',
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2',
].join('\n') + '\n'
const HEADER_LINES = 6
const good = (p: number) => `1\t${p}\t.\tA\tC\t50\tPASS\tDP=${p % 97}\tGT\t0/1\t1/1\n`
const BAD: Record<string, { line: (p: number) => string; message: RegExp }> = {
  'too few columns': { line: (p) => `1\t${p}\t.\tA\tC\n`, message: /too few columns/ },
  'non-numeric POS': { line: (p) => `1\t${p}x\t.\tA\tC\t50\tPASS\tDP=1\tGT\t0/1\t1/1\n`, message: /POS is not/ },
  'fewer sample columns than the header': { line: (p) => `1\t${p}\t.\tA\tC\t50\tPASS\tDP=1\tGT\t0/1\n`, message: /sample columns/ },
  'more sample columns than the header': { line: (p) => `1\t${p}\t.\tA\tC\t50\tPASS\tDP=1\tGT\t0/1\t0/1\t1/1\n`, message: /sample columns/ },
}
/** n records with POS = record number, the ones in `bad` replaced by a malformed line. */
function vcfWith(n: number, bad: Map<number, (p: number) => string>): string {
  let s = HEADER
  for (let i = 1; i <= n; i++) s += (bad.get(i) ?? good)(i)
  return s
}

let dir = ''
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vartriage-errors-')) })
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

describe('BGZF damage', () => {
  let path = ''
  let bytes: Buffer
  let blocks: Block[]
  let records = 0
  beforeAll(() => {
    const g = generateRecords({ contigs: [['1', 2_000_000, 6000], ['2', 500_000, 1000]], seed: 3, hugeFraction: 0 })
    records = g.records.length
    path = join(dir, 'ok.vcf.gz')
    bytes = bgzf(g.text)
    writeFileSync(path, bytes)
    blocks = scanBlocks(bytes, 0, path).blocks
    expect(blocks.length).toBeGreaterThan(6)
  })
  const damaged = (name: string, b: Uint8Array) => { const p = join(dir, name); writeFileSync(p, b); return p }

  it('reads the undamaged file', async () => {
    expect((await readAll(path)).pos).toHaveLength(records)
  })

  it('a file cut in the middle of a block: BgzfError at that block', async () => {
    for (const k of [0, 1, 3, blocks.length - 3]) {
      const b = blocks[k]
      const file = damaged(`cut${k}.vcf.gz`, bytes.subarray(0, b.coff + (b.csize >> 1)))
      const e = await failure(readAll(file))
      expect(e).toBeInstanceOf(BgzfError)
      expect(e.file).toBe(file)
      expect(e.offset, e.message).toBe(b.coff)
      expect(e.message).toContain(`${file}, byte ${b.coff}: truncated BGZF block`)
    }
    // cut inside a block header (fewer than 18 bytes of it)
    const e = await failure(readAll(damaged('cut-header.vcf.gz', bytes.subarray(0, blocks[2].coff + 10))))
    expect(e).toBeInstanceOf(BgzfError)
    expect(e.offset).toBe(blocks[2].coff)
  })

  it('a flipped byte in the deflate data: BgzfError naming that block', async () => {
    for (const k of [0, 2, 5, blocks.length - 2]) {
      const b = blocks[k]
      for (const at of [b.coff + 18 + 7, b.coff + (b.csize >> 1), b.coff + b.csize - 12]) {
        const c = Buffer.from(bytes)
        c[at] ^= 0x5a
        // (a flip in the final byte's padding bits would change nothing: these positions do)
        expect(() => gunzipSync(c.subarray(b.coff, b.coff + b.csize)), `byte ${at}`).toThrow()
        const e = await failure(readAll(damaged(`flip${k}-${at}.vcf.gz`, c)))
        expect(e, `byte ${at} of block ${k}`).toBeInstanceOf(BgzfError)
        expect(e.offset, `byte ${at} of block ${k}: ${e.message}`).toBe(b.coff)
      }
    }
  })

  it('a flipped CRC32 or ISIZE byte: BgzfError naming that block', async () => {
    for (const k of [0, 4]) {
      const b = blocks[k]
      const crc = Buffer.from(bytes)
      crc[b.coff + b.csize - 7] ^= 1
      const e = await failure(readAll(damaged(`crc${k}.vcf.gz`, crc)))
      expect(e).toBeInstanceOf(BgzfError)
      expect(e.offset).toBe(b.coff)
      expect(e.message).toMatch(/CRC32/)
      const isize = Buffer.from(bytes)
      isize[b.coff + b.csize - 3] ^= 1
      const e2 = await failure(readAll(damaged(`isize${k}.vcf.gz`, isize)))
      expect(e2).toBeInstanceOf(BgzfError)
      expect(e2.offset).toBe(b.coff)
    }
  })

  it('garbage where a block header should be: BgzfError at that offset', async () => {
    const c = Buffer.from(bytes)
    c.fill(0x41, blocks[3].coff, blocks[3].coff + 4)
    const e = await failure(readAll(damaged('garbage.vcf.gz', c)))
    expect(e).toBeInstanceOf(BgzfError)
    expect(e.offset).toBe(blocks[3].coff)
    expect(e.message).toMatch(/not a BGZF block header/)
  })

  it('a missing EOF block: one warning, every record still read', async () => {
    const eof = blocks[blocks.length - 1]
    expect(eof.usize).toBe(0)
    const file = damaged('noeof.vcf.gz', bytes.subarray(0, eof.coff))
    const r = await readAll(file)
    expect(r.pos).toHaveLength(records)
    expect(r.warnings.filter((w) => /EOF/.test(w))).toEqual([`${file}: no BGZF EOF marker; the file may be truncated`])
    // the CLI prints it as a warning and succeeds
    const c = cli(['view', '-H', file])
    expect(c.code).toBe(0)
    expect(c.out.split('\n').filter(Boolean)).toHaveLength(records)
    expect(c.err).toMatch(/vartriage: warning: .*no BGZF EOF marker/)
  })

  it('damage inside a block read through the index: BgzfError naming that block', async () => {
    const file = damaged('indexed.vcf.gz', bytes)
    await indexVcf(file, { format: 'tbi' })
    const k = 3
    const c = Buffer.from(bytes)
    c[blocks[k].coff + (blocks[k].csize >> 1)] ^= 0x5a
    writeFileSync(file, c)
    // a region whose records live in block k
    const all = gunzipSync(bytes).toString('latin1')
    let u = 0
    for (let j = 0; j < k; j++) u += blocks[j].usize
    const lineStart = all.lastIndexOf('\n', u + 100) + 1
    const [chrom, pos] = all.slice(lineStart, lineStart + 40).split('\t')
    const e = await failure(readAll(file, {}, `${chrom}:${pos}-${pos}`))
    expect(e).toBeInstanceOf(BgzfError)
    expect(e.offset).toBe(blocks[k].coff)
  })

  it('truncated or corrupt plain gzip: BgzfError', async () => {
    const gz = gzipSync(vcfWith(3000, new Map()))
    const cut = await failure(readAll(damaged('plain-cut.vcf.gz', gz.subarray(0, gz.length >> 1))))
    expect(cut).toBeInstanceOf(BgzfError)
    const c = Buffer.from(gz)
    c[c.length >> 1] ^= 0x5a
    expect(await failure(readAll(damaged('plain-flip.vcf.gz', c)))).toBeInstanceOf(BgzfError)
  })

  it('the CLI: truncated BGZF from a file or stdin gives one error line and exit 1', () => {
    const b = blocks[2]
    const cut = bytes.subarray(0, b.coff + 100)
    const file = damaged('cli-cut.vcf.gz', cut)
    const r = cli(['view', '-H', file])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toBe(`vartriage: ${file}, byte ${b.coff}: truncated BGZF block (100 bytes at the end of the file)`)
    const s = cli(['view', '-H', '-'], cut)
    expect(s.code).toBe(1)
    expect(oneErrorLine(s.err)).toMatch(/^vartriage: <stdin>, byte \d+: truncated BGZF block/)
  })
})

describe('indexes', () => {
  let path = ''
  let small = ''
  let other = ''
  beforeAll(async () => {
    const g = generateRecords({ contigs: [['1', 3_000_000, 8000], ['2', 1_000_000, 2000]], seed: 5, hugeFraction: 0 })
    path = join(dir, 'ix.vcf.gz')
    writeFileSync(path, bgzf(g.text))
    await indexVcf(path, { format: 'tbi' })
    await indexVcf(path, { format: 'csi' })
    // the same header, fewer records: its index points before the end of `path`'s records
    small = join(dir, 'ix-small.vcf.gz')
    writeFileSync(small, bgzf(g.header + g.records.slice(0, 300).map((r) => r.line).join('')))
    await indexVcf(small, { format: 'tbi' })
    other = join(dir, 'ix-other.vcf.gz')
    const g2 = generateRecords({ contigs: [['1', 3_000_000, 8000], ['2', 1_000_000, 2000]], seed: 6, hugeFraction: 0 })
    writeFileSync(other, bgzf(g2.text))
    await indexVcf(other, { format: 'csi' })
  })

  it('garbage bytes, an empty file, or the wrong magic: IndexError naming the index', async () => {
    const raw = gunzipSync(readFileSync(path + '.tbi'))
    const wrongMagic = Buffer.from(raw)
    wrongMagic.write('XYZ\x01', 0, 'latin1')
    const cases: [string, Uint8Array][] = [
      ['garbage.tbi', Buffer.from('this is not an index at all, just some text\n'.repeat(20))],
      ['empty.tbi', new Uint8Array(0)],
      ['magic.tbi', bgzf(wrongMagic.toString('latin1'))],
      ['csi-as-tbi.tbi', readFileSync(path + '.csi')],
      ['truncated.tbi', gzipSync(raw.subarray(0, 40))],
      ['magic.csi', bgzf('CSX\x01' + gunzipSync(readFileSync(path + '.csi')).subarray(4).toString('latin1'))],
    ]
    for (const [name, data] of cases) {
      const idx = join(dir, name)
      writeFileSync(idx, data)
      const e = await failure(readAll(path, { index: idx }, '1:1000-50000'))
      expect(e, name).toBeInstanceOf(IndexError)
      expect(e.file, name).toBe(idx)
      expect(e.message, name).toMatch(/corrupt (tbi|csi) index/)
    }
  })

  it('a sibling .tbi that is garbage: IndexError from the CLI, exit 1', () => {
    const copy = join(dir, 'sib.vcf.gz')
    copyFileSync(path, copy)
    writeFileSync(copy + '.tbi', 'garbage')
    const r = cli(['view', '-H', '-r', '1:1-1000', copy])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toMatch(new RegExp(`^vartriage: ${copy}\\.tbi: corrupt tbi index`))
  })

  it('a stale index of a shorter file: IndexError, never wrong or cut records', async () => {
    // `small`'s index on the full file: its chunk ends mid-record in the bigger file
    for (const reg of ['1:1-1000000', '1:1-50', '1']) {
      const e = await failure(readAll(path, { index: small + '.tbi' }, reg))
      expect(e, reg).toBeInstanceOf(IndexError)
      expect(e.file).toBe(small + '.tbi')
      expect(e.message).toMatch(/stale/)
    }
  })

  it('a stale index pointing beyond the end of the file: IndexError', async () => {
    for (const [idx, reg] of [[path + '.tbi', '2:1-1000000'], [path + '.csi', '1:2000000-2100000'], [path + '.tbi', '1']] as const) {
      const e = await failure(readAll(small, { index: idx }, reg))
      expect(e, reg).toBeInstanceOf(IndexError)
      expect(e.message).toMatch(/beyond the end of the data file|stale/)
    }
  })

  it('the index of another file with the same contigs: IndexError (or exactly that file\'s records)', async () => {
    // chunk boundaries of another file almost never fall on record boundaries of this one
    const e = await failure(readAll(path, { index: other + '.csi' }, '1:100000-900000'))
    expect(e).toBeInstanceOf(IndexError)
  })

  it('a region on a contig that is not in the index: no records, no error', async () => {
    for (const idx of [path + '.tbi', path + '.csi']) {
      const r = await readAll(path, { index: idx }, 'chrUn:1-1000,X')
      expect(r.pos).toEqual([])
    }
    const c = cli(['view', '-H', '-r', 'chrUn:1-1000', path])
    expect(c.code, c.err).toBe(0)
    expect(c.out).toBe('')
  })

  it('no index for a region query: IndexError saying how to make one', async () => {
    const copy = join(dir, 'noindex.vcf.gz')
    copyFileSync(path, copy)
    const e = await failure(readAll(copy, {}, '1:1-100'))
    expect(e).toBeInstanceOf(IndexError)
    expect(e.message).toMatch(/no index found.*vartriage index/)
  })

  it('indexing unsorted input: IndexError naming the record; no index is written', async () => {
    const recs = Array.from({ length: 50 }, (_, i) => good(i + 1))
    ;[recs[30], recs[31]] = [recs[31], recs[30]] // positions 32 then 31: records 31 and 32 swapped
    const unsorted = join(dir, 'unsorted.vcf.gz')
    writeFileSync(unsorted, bgzf(HEADER + recs.join('')))
    const e = await failure(indexVcf(unsorted, { format: 'csi' }))
    expect(e).toBeInstanceOf(IndexError)
    expect(e.record).toBe(32)
    expect(e.message).toMatch(/unsorted positions on 1: 32 followed by 31/)
    expect(existsSync(unsorted + '.csi')).toBe(false)

    const chroms = join(dir, 'unsorted-chroms.vcf.gz')
    writeFileSync(chroms, bgzf(HEADER + good(1) + good(2).replace(/^1\t/, '2\t') + good(3)))
    const r = cli(['index', '-t', chroms])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toBe(`vartriage: ${chroms}, line 9, record 3: unsorted input: 1 reappears after 2 (records of a chromosome must be contiguous)`)
    expect(existsSync(chroms + '.tbi')).toBe(false)

    // the builder on its own
    const b = new IndexBuilder({ format: 'tbi', file: 'x.vcf.gz' })
    b.add('1', 99, 100, 0n, 10n)
    expect(() => b.add('1', 49, 50, 10n, 20n)).toThrowError(IndexError)
  })

  it('indexing a file that is not BGZF: IndexError', async () => {
    const plain = join(dir, 'plain.vcf')
    writeFileSync(plain, vcfWith(20, new Map()))
    const e = await failure(indexVcf(plain, { format: 'tbi' }))
    expect(e).toBeInstanceOf(IndexError)
    expect(e.message).toMatch(/only BGZF-compressed files can be indexed/)
  })
})

describe('malformed records', () => {
  for (const [what, bad] of Object.entries(BAD)) {
    it(`${what}: VcfParseError with the line (header counted) and record number`, async () => {
      for (const at of [1, 7, 1500, 4000]) {
        const text = vcfWith(4000, new Map([[at, bad.line]]))
        const plain = join(dir, `bad-${at}.vcf`)
        writeFileSync(plain, text)
        const gz = join(dir, `bad-${at}.vcf.gz`)
        writeFileSync(gz, bgzf(text))
        for (const [file, batchBytes] of [[plain, undefined], [plain, 4096], [gz, undefined], [gz, 1000]] as const) {
          const e = await failure(readAll(file, { batchBytes }))
          const where = `${what} at record ${at} of ${file}, batchBytes ${batchBytes}`
          expect(e, where).toBeInstanceOf(VcfParseError)
          expect(e.file, where).toBe(file)
          expect(e.line, where).toBe(HEADER_LINES + at)
          expect(e.record, where).toBe(at)
          expect(e.message, where).toMatch(bad.message)
          expect(e.message, where).toContain(`${file}, line ${HEADER_LINES + at}, record ${at}: `)
        }
      }
    })
  }

  it('--lenient (ReaderOptions.lenient) skips them, counts them in stats.skipped and reads the rest', async () => {
    const bads = new Map<number, (p: number) => string>([
      [1, BAD['too few columns'].line], [2, BAD['non-numeric POS'].line], [900, BAD['fewer sample columns than the header'].line],
      [901, BAD['more sample columns than the header'].line], [2500, BAD['non-numeric POS'].line], [3000, BAD['too few columns'].line],
    ])
    const text = vcfWith(3000, bads)
    const want = Array.from({ length: 3000 }, (_, i) => i + 1).filter((p) => !bads.has(p))
    for (const batchBytes of [undefined, 2048]) {
      const file = join(dir, 'lenient.vcf.gz')
      writeFileSync(file, bgzf(text))
      const r = await readAll(file, { lenient: true, batchBytes })
      expect(r.pos).toEqual(want)
      expect(r.reader.stats.skipped).toBe(bads.size)
      expect(r.reader.stats.records).toBe(want.length)
      // one warning per kind of problem, naming the first line
      expect(r.warnings[0]).toBe(`${file}, line ${HEADER_LINES + 1}: skipping malformed record (too few columns: a VCF data line needs at least 8 tab-separated columns); further skips are counted`)
      expect(new Set(r.warnings).size).toBe(r.warnings.length)
    }
    // CLI: --lenient succeeds and reports the count
    const file = join(dir, 'lenient.vcf')
    writeFileSync(file, text)
    const c = cli(['view', '-H', '--lenient', file])
    expect(c.code, c.err).toBe(0)
    expect(c.out.split('\n').filter(Boolean)).toHaveLength(want.length)
    expect(c.err).toContain(`vartriage: warning: ${file}: skipped ${bads.size} malformed record(s) (--lenient)`)
    // without it: one error line, exit 1
    const s = cli(['view', '-H', file])
    expect(s.code).toBe(1)
    expect(oneErrorLine(s.err)).toBe(`vartriage: ${file}, line ${HEADER_LINES + 1}, record 1: too few columns: a VCF data line needs at least 8 tab-separated columns`)
  })

  it('not a VCF / empty input / a header without #CHROM: VcfParseError', async () => {
    const cases: [string, string, RegExp][] = [
      ['empty.vcf', '', /empty input/],
      ['text.vcf', 'hello world\n', /not a VCF file/],
      ['nochrom.vcf', '##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Integer,Description="D">\n', /no #CHROM line/],
      ['badtype.vcf', '##fileformat=VCFv4.2\n##INFO=<ID=DP,Number=1,Type=Int,Description="D">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n', /unknown Type=Int/],
    ]
    for (const [name, text, message] of cases) {
      const file = join(dir, name)
      writeFileSync(file, text)
      const e = await failure(readAll(file))
      expect(e, name).toBeInstanceOf(VcfParseError)
      expect(e.message, name).toMatch(message)
      expect(e.file, name).toBe(file)
    }
  })
})

describe('undeclared INFO/FORMAT tags', () => {
  const text = () => {
    let s = HEADER
    for (let i = 1; i <= 3000; i++) {
      let info = `DP=${i}`, fmt = 'GT', smp = ['0/1', '1/1']
      if (i === 5 || i === 2900) info += ';XA=1'
      if (i === 7) info += ';XB=2;XC'
      if (i === 1800) info += ';XD=hello'
      if (i === 9 || i === 2950) { fmt = 'GT:YY'; smp = ['0/1:3', '1/1:4'] }
      if (i === 2000) { fmt = 'GT:ZZ'; smp = ['0/1:a', '1/1:b'] }
      s += `1\t${i}\t.\tA\tC\t50\tPASS\t${info}\t${fmt}\t${smp.join('\t')}\n`
    }
    return s
  }

  it('warn once per tag by default (like bcftools\' [W::vcf_parse_info]), records still read', async () => {
    const file = join(dir, 'undeclared.vcf')
    writeFileSync(file, text())
    for (const batchBytes of [undefined, 4096]) {
      const r = await readAll(file, { batchBytes })
      expect(r.pos).toHaveLength(3000)
      // each tag once (in the order the batches reveal them)
      expect([...r.warnings].sort()).toEqual(['XA', 'XB', 'XC', 'XD'].map((t) => `${file}: INFO '${t}' is not defined in the header, assuming Type=String`)
        .concat(['YY', 'ZZ'].map((t) => `${file}: FORMAT '${t}' is not defined in the header, assuming Type=String`)).sort())
      expect([...r.reader.stats.undeclared].sort()).toEqual(['FORMAT/YY', 'FORMAT/ZZ', 'INFO/XA', 'INFO/XB', 'INFO/XC', 'INFO/XD'])
    }
  })

  it('the CLI prints each warning once on stderr and succeeds (-q silences them)', () => {
    const file = join(dir, 'undeclared-cli.vcf')
    writeFileSync(file, text())
    const r = cli(['view', '-H', file])
    expect(r.code, r.err).toBe(0)
    expect(r.out.split('\n').filter(Boolean)).toHaveLength(3000)
    const lines = r.err.split('\n').filter(Boolean)
    expect(lines).toHaveLength(6)
    for (const l of lines) expect(l).toMatch(/^vartriage: warning: .*: (INFO|FORMAT) '(XA|XB|XC|XD|YY|ZZ)' is not defined in the header/)
    expect(cli(['view', '-H', '-q', file]).err).toBe('')
  })

  it('strict: VcfParseError naming the tag and the record', async () => {
    const file = join(dir, 'strict.vcf')
    writeFileSync(file, text())
    for (const batchBytes of [undefined, 1024]) {
      const e = await failure(readAll(file, { strict: true, batchBytes }))
      expect(e).toBeInstanceOf(VcfParseError)
      expect(e.record).toBe(5)
      expect(e.message).toBe(`${file}, line ${HEADER_LINES + 5}, record 5: INFO tag 'XA' is not defined in the header`)
    }
    // FORMAT: a file whose only undeclared tag is a FORMAT key
    const f2 = join(dir, 'strict-fmt.vcf')
    writeFileSync(f2, HEADER + good(1) + good(2) + '1\t3\t.\tA\tC\t50\tPASS\tDP=1\tGT:YY\t0/1:1\t0/1:2\n')
    const e = await failure(readAll(f2, { strict: true }))
    expect(e).toBeInstanceOf(VcfParseError)
    expect(e.record).toBe(3)
    expect(e.message).toMatch(/FORMAT tag 'YY' is not defined in the header/)
    // CLI --strict
    const c = cli(['view', '-H', '--strict', file])
    expect(c.code).toBe(1)
    expect(oneErrorLine(c.err)).toBe(`vartriage: ${file}, line ${HEADER_LINES + 5}, record 5: INFO tag 'XA' is not defined in the header`)
  })
})

describe('filter expressions', () => {
  let file = ''
  beforeAll(() => {
    file = join(dir, 'expr.vcf')
    writeFileSync(file, vcfWith(20, new Map()))
  })
  const cases: [string, number, RegExp][] = [
    ['QUAL>>3', 6, /unexpected ">"/],
    ['FOO>1', 1, /"FOO" is not defined in the VCF header/],
    ['INFO/FOO>1', 1, /"FOO" is not defined/],
    ['QUAL>1 && FMT/XX=2', 11, /"XX" is not defined/],
    ['INFO/DB', 1, /INFO\/DB alone is not a test/],
    ['QUAL>10 || INFO/DB', 12, /INFO\/DB alone is not a test/],
    ['(QUAL>3', 8, /expected '\)'/],
    ['((QUAL>3) && DP>1', 18, /expected '\)'/],
    ['QUAL>3)', 7, /unexpected "\)"/],
    ['QUAL>3 && (DP>1))', 17, /unexpected "\)"/],
    ['DP>', 4, /unexpected end of expression/],
  ]
  for (const [expr, column, message] of cases) {
    it(`${JSON.stringify(expr)}: ExpressionError at column ${column}`, async () => {
      for (const opts of [{ include: expr }, { exclude: expr }]) {
        const e = await failure(collect(view(file, opts)))
        expect(e).toBeInstanceOf(ExpressionError)
        const x = e as ExpressionError
        expect(x.column).toBe(column)
        expect(x.expression).toBe(expr)
        expect(x.message).toMatch(message)
        expect(x.message).toContain(`at column ${column} of ${JSON.stringify(expr)}`)
        expect(x.pointer.split('\n')[1]).toBe(' '.repeat(column - 1) + '^')
      }
      const q = await failure(collect(query(file, '%POS\\n', { include: expr })))
      expect(q).toBeInstanceOf(ExpressionError)
      expect((q as ExpressionError).column).toBe(column)
    })
  }

  it('the CLI prints one line and exits 1', () => {
    const r = cli(['view', '-H', '-i', 'QUAL>>3', file])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toBe('vartriage: unexpected ">" at column 6 of "QUAL>>3"')
    expect(r.out).toBe('')
  })
})

describe('CLI failures', () => {
  it('view on a missing file: SourceError, one line, exit 1', async () => {
    const missing = join(dir, 'does-not-exist.vcf.gz')
    const e = await failure(readAll(missing))
    expect(e).toBeInstanceOf(SourceError)
    expect(e.file).toBe(missing)
    const r = cli(['view', missing])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toBe(`vartriage: ${missing}: cannot open: no such file`)
    expect(r.out).toBe('')
  })

  it('view on a directory: one line, exit 1', () => {
    const r = cli(['view', dir])
    expect(r.code).toBe(1)
    expect(oneErrorLine(r.err)).toMatch(/^vartriage: .*(directory|EISDIR)/)
  })

  it('usage errors exit 2 with one line', () => {
    const file = join(dir, 'usage.vcf')
    writeFileSync(file, vcfWith(5, new Map()))
    const cases: [string[], RegExp][] = [
      [['frobnicate', file], /unknown command "frobnicate"/],
      [['view', '--bogus', file], /Unknown option '--bogus'/],
      [['view', '-O', 'x', file], /-O expects v, z/],
      [['view', '-r', '1:1-5', '-R', file, file], /either -r or -R/],
      [['view', '-i', 'QUAL>1', '-e', 'QUAL<1', file], /either -i\/--include or -e\/--exclude/],
      [['view', '--write-index=tbi', file], /--write-index needs -O z and -o FILE/],
      [['view', file, file], /expected one input file, got 2/],
      [['view', '-s', 'NOPE', file], /sample "NOPE" is not in the VCF header/],
      [['query', file], /-f\/--format is required/],
      [['index'], /expected one bgzipped VCF file/],
      [['view', '--threads', 'x', file], /--threads expects a non-negative integer/],
    ]
    for (const [args, message] of cases) {
      const r = cli(args)
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2)
      expect(oneErrorLine(r.err), args.join(' ')).toMatch(message)
    }
  })

  it('usage errors are UsageError in the library', async () => {
    const file = join(dir, 'usage2.vcf')
    writeFileSync(file, vcfWith(5, new Map()))
    expect(await failure(collect(view(file, { samples: ['NOPE'] })))).toBeInstanceOf(UsageError)
    expect(await failure(collect(view(file, { include: 'QUAL>1', exclude: 'QUAL<1' })))).toBeInstanceOf(UsageError)
    expect(() => parseRegion('1:20-10')).toThrowError(/end 10 is before start 20/)
  })
})

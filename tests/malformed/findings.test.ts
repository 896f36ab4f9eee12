// What the malformed-input campaign found, one test per fix (docs/malformed-input.md):
// empty sample columns (finding 3), unbounded lines and headers (gzip bombs), BGZF files cut
// at a block boundary, NUL bytes, header lines among the records, record errors from worker
// threads, and index errors without a line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { VcfReader, type ReaderOptions } from '../../src/reader/reader.js'
import { BgzfError, VartriageError, VcfParseError } from '../../src/errors.js'
import { requireTools } from '../helpers/oracle.js'
// @ts-expect-error: plain JavaScript module shared with scripts/malformed.mjs
import { baseText, bgzf, blocksOf, run } from '../../scripts/malformed/lib.mjs'

const BIN = resolve('dist/src/cli/bin.js')
const enabled = requireTools('bcftools')

/** The CLI, asynchronously (a long synchronous spawn would stall the test worker's RPC). */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await run(process.execPath, [BIN, ...args])
  return { code: r.code ?? -1, out: r.out, err: r.err }
}
async function bcftools(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const r = await run('bcftools', args)
  return { code: r.code ?? -1, out: r.out, err: r.err }
}
/** The error line (after any warnings); fails unless there is exactly one. */
function errorLine(err: string): string {
  const lines = err.split('\n').filter((l) => l && !l.startsWith('vartriage: warning:'))
  expect(lines, err).toHaveLength(1)
  return lines[0]
}
async function readAll(file: string, opts: ReaderOptions = {}): Promise<{ pos: number[]; warnings: string[]; reader: VcfReader }> {
  const warnings: string[] = []
  const reader = await VcfReader.open(file, { onWarning: (m) => warnings.push(m), ...opts })
  const pos: number[] = []
  for await (const b of reader.batches()) for (const i of b.indices()) pos.push(b.pos[i])
  return { pos, warnings, reader }
}
async function failure(p: Promise<unknown>): Promise<VartriageError> {
  try { await p } catch (e) { expect(e).toBeInstanceOf(VartriageError); return e as VartriageError }
  return expect.fail('expected an error')
}

let dir = ''
let gen = '' // 3 samples, GT:AD:DP:GQ:PL, ~1.3 MB: several BGZF blocks and shards
let headerLines = 0
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vartriage-findings-'))
  gen = baseText('gen:21', { records: 6000, samples: 3 })
  headerLines = gen.split('\n').findIndex((l) => l.startsWith('#CHROM')) + 1
})
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

/** gen with body records `at` (1-based) changed by f. */
function damage(at: number[], f: (cols: string[]) => string[]): string {
  const lines = gen.split('\n')
  for (const r of at) lines[headerLines + r - 1] = f(lines[headerLines + r - 1].split('\t')).join('\t')
  return lines.join('\n')
}
function write(name: string, text: string, gz = name.endsWith('.gz')): string {
  const p = join(dir, name)
  writeFileSync(p, gz ? bgzf(text) : Buffer.from(text, 'latin1'))
  return p
}

describe.runIf(enabled)('finding 3: empty sample columns (Strelka writes `...:1,1\\t\\t0,0:...`)', () => {
  // record 10: an empty middle column; 2500: an empty last column (a tab ends the line);
  // 5000: an empty first sample column
  let file = ''
  let gz = ''
  beforeAll(() => {
    const lines = gen.split('\n')
    const set = (r: number, col: number) => { const c = lines[headerLines + r - 1].split('\t'); c[col] = ''; lines[headerLines + r - 1] = c.join('\t') }
    set(10, 10); set(2500, 11); set(5000, 9)
    file = write('empty.vcf', lines.join('\n'))
    gz = write('empty.vcf.gz', lines.join('\n'))
  })

  it('by default: kept, the sample read as missing, one warning naming line and record, a count at the end', async () => {
    const r = await readAll(file)
    expect(r.pos).toHaveLength(6000)
    expect(r.reader.stats.emptySamples).toBe(3)
    expect(r.warnings).toEqual([`${file}, line ${headerLines + 10}, record 10: empty sample column read as missing ` +
      '(bcftools warns or fails on these; --strict makes it an error, --lenient skips such records); further ones are counted'])
    for (const f of [file, gz]) {
      for (const threads of ['1', '2']) {
        const c = await cli(['view', '-H', '--threads', threads, f])
        expect(c.code, c.err).toBe(0)
        expect(c.err).toContain(`vartriage: warning: ${f}: 3 record(s) with empty sample columns, read as missing`)
        const out = c.out.split('\n')
        // written as bcftools writes a sample it reads as missing: one '.' per FORMAT key
        expect(out[9].split('\t')[10]).toBe('.:.:.:.:.')
        expect(out[2499].split('\t')[11]).toBe('.:.:.:.:.')
        expect(out[4999].split('\t')[9]).toBe('.:.:.:.:.')
        expect(out.filter(Boolean)).toHaveLength(6000)
      }
    }
  })

  it('matches bcftools where bcftools reads the sample as missing (FORMAT not starting with GT)', async () => {
    // bcftools 1.16: a middle empty column -> "[W::vcf_parse_format] Extreme FORMAT/.. value" and
    // the sample missing; a trailing one -> "Number of columns ... does not match" (an error);
    // GT first -> "Couldn't read GT data" (an error). Only the first is comparable.
    const lines = gen.split('\n').map((l, i) => {
      if (i < headerLines) return l
      const c = l.split('\t')
      if (c.length < 10) return l
      const keys = c[8].split(':')
      const drop = (s: string) => s.split(':').slice(1).join(':') || '.'
      c[8] = keys.slice(1).join(':')
      for (let k = 9; k < c.length; k++) c[k] = drop(c[k])
      if (i === headerLines + 20 || i === headerLines + 3000) c[10] = ''
      return c.join('\t')
    })
    const f = write('empty-nogt.vcf', lines.join('\n'))
    const b = await bcftools(['view', '--no-version', '-H', f])
    expect(b.code, b.err).toBe(0)
    const ours = await cli(['view', '--no-version', f])
    expect(ours.code, ours.err).toBe(0)
    const norm = write('empty-nogt-ours.vcf', ours.out)
    expect((await bcftools(['view', '--no-version', '-H', norm])).out).toBe(b.out)
    const fmt = '%CHROM\t%POS[\t%AD|%DP|%GQ]\n'
    expect((await cli(['query', '-f', fmt, f])).out).toBe((await bcftools(['query', '-f', fmt, f])).out)
  })

  it('--strict: an error naming file, line and record (also from worker threads)', async () => {
    const e = await failure(readAll(file, { strict: true }))
    expect(e).toBeInstanceOf(VcfParseError)
    expect(e.message).toBe(`${file}, line ${headerLines + 10}, record 10: empty sample column (bcftools fails on it or reads the sample as missing)`)
    for (const threads of ['1', '2']) {
      const c = await cli(['view', '--strict', '--threads', threads, gz])
      expect(c.code).toBe(1)
      expect(errorLine(c.err)).toBe(`vartriage: ${gz}, line ${headerLines + 10}, record 10: empty sample column (bcftools fails on it or reads the sample as missing)`)
    }
  })

  it('--lenient: skipped and counted exactly', async () => {
    const r = await readAll(file, { lenient: true })
    expect(r.reader.stats.skipped).toBe(3)
    expect(r.pos).toHaveLength(5997)
    for (const threads of ['1', '2']) {
      const c = await cli(['view', '-H', '--lenient', '--threads', threads, gz])
      expect(c.code, c.err).toBe(0)
      expect(c.err).toContain(`${gz}: skipped 3 malformed record(s) (--lenient)`)
      expect(c.out.split('\n').filter(Boolean)).toHaveLength(5997)
    }
  })

  it('a FORMAT column with no sample column at all is a column-count error however many tags are decoded', async () => {
    const hdr = '##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description="G">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n'
    const f = write('nosample.vcf', hdr + '1\t5\t.\tA\tC\t.\t.\t.\tGT\n')
    for (const args of [['view'], ['query', '-f', '%POS[\t%GT]\n']]) {
      const c = await cli([...args, f])
      expect(c.code, args.join(' ')).toBe(1)
      expect(errorLine(c.err)).toMatch(/line 4, record 1: the number of sample columns does not match the header/)
    }
  })
})

describe('bounded lines and headers (gzip bombs)', () => {
  it('a line longer than maxLineBytes: VcfParseError naming the line and record, in linear time', async () => {
    const hdr = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
    const f = write('longline.vcf.gz', hdr + '1\t1\t.\tA\tC\t.\t.\t.\n1\t2\t.\tA\tC\t.\t.\tX=' + 'A'.repeat(40 << 20) + '\n')
    const t0 = Date.now()
    const e = await failure(readAll(f, { maxLineBytes: 8 << 20 }))
    expect(Date.now() - t0).toBeLessThan(20_000)
    expect(e).toBeInstanceOf(VcfParseError)
    expect(e.message).toBe(`${f}, line 4, record 2: line longer than ${8 << 20} bytes (a damaged file or a gzip bomb?)`)
    // under the limit the same line is read (10 MB lines are fine by default)
    expect((await readAll(f)).pos).toEqual([1, 2])
  })

  it('a header that never reaches #CHROM: an error once it passes the limit', async () => {
    const f = write('longheader.vcf.gz', '##fileformat=VCFv4.2\n##' + 'B'.repeat(20 << 20))
    const e = await failure(readAll(f, { maxLineBytes: 4 << 20 }))
    expect(e).toBeInstanceOf(VcfParseError)
    expect(e.message).toMatch(/header longer than 4194304 bytes without a #CHROM line/)
    expect(e.line).toBe(2)
  })
})

describe('BGZF cut at a block boundary (no EOF marker)', () => {
  it('mid-line: BgzfError (htslib warns and reads the cut line as a record); at a line end: a warning', async () => {
    const text = gen
    const bytes = bgzf(text)
    const blocks = blocksOf(bytes)
    const cut = blocks[3].coff // the text of blocks 0-2 ends mid-line
    const f = write('cut.vcf.gz', '')
    writeFileSync(f, bytes.subarray(0, cut))
    const e = await failure(readAll(f))
    expect(e).toBeInstanceOf(BgzfError)
    expect(e.message).toBe(`${f}, byte ${cut}: truncated file: no BGZF EOF marker and the text ends in the middle of a line`)
    for (const threads of ['1', '2']) {
      const c = await cli(['view', '-H', '--threads', threads, f])
      expect(c.code).toBe(1)
      expect(errorLine(c.err)).toBe(`vartriage: ${e.message}`)
    }
    // text that ends at a line end, EOF block missing: as htslib, a warning and every record
    const g = write('noeof.vcf.gz', '')
    writeFileSync(g, bgzf(text, { eof: false }))
    const r = await readAll(g)
    expect(r.pos).toHaveLength(6000)
    expect(r.warnings).toEqual([`${g}: no BGZF EOF marker; the file may be truncated`])
  })
})

describe('NUL bytes and header lines among the records', () => {
  it('are record errors naming line and record; --lenient skips and counts them', async () => {
    const lines = gen.split('\n')
    lines[headerLines + 99] = lines[headerLines + 99].replace('\t', '\t\0') // record 100
    lines.splice(headerLines + 4000, 0, '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO') // before record 4001
    const text = lines.join('\n')
    const f = write('nul.vcf.gz', text)
    const e = await failure(readAll(f))
    expect(e.message).toBe(`${f}, line ${headerLines + 100}, record 100: NUL byte in the line`)
    const r = await readAll(f, { lenient: true })
    expect(r.reader.stats.skipped).toBe(2)
    expect(r.pos).toHaveLength(5999)
    const noNul = write('hdr.vcf.gz', text.replace('\0', ''))
    for (const threads of ['1', '2']) {
      const c = await cli(['view', '-H', '--threads', threads, noNul])
      expect(c.code).toBe(1)
      expect(errorLine(c.err)).toBe(`vartriage: ${noNul}, line ${headerLines + 4001}, record 4001: a header line (starting with '#') among the records: concatenated files?`)
    }
  })
})

describe('record errors from worker threads', () => {
  it('name the same line and record as one thread, for every shard', async () => {
    // damaged records in the first, a middle and the last shard
    for (const r of [3, 3100, 5990]) {
      const f = write(`shard-${r}.vcf.gz`, damage([r], (c) => { c[1] = c[1] + 'x'; return c }))
      const one = await cli(['view', '-H', '--threads', '1', f])
      const two = await cli(['query', '-f', '%POS\n', '--threads', '2', f])
      expect(one.code).toBe(1)
      expect(two.code).toBe(1)
      expect(errorLine(one.err)).toBe(`vartriage: ${f}, line ${headerLines + r}, record ${r}: POS is not a non-negative integer`)
      expect(errorLine(two.err)).toBe(errorLine(one.err))
    }
  })
})

describe('#CHROM line damage', () => {
  it('a repeated sample name or a missing FORMAT column: VcfParseError naming the header line (bcftools fails too)', async () => {
    const chrom = gen.split('\n')[headerLines - 1].split('\t')
    const body = gen.split('\n').slice(headerLines).join('\n')
    const head = gen.split('\n').slice(0, headerLines - 1).join('\n') + '\n'
    const dup = [...chrom]
    dup[10] = dup[9]
    const f = write('dup.vcf', head + dup.join('\t') + '\n' + body)
    const e = await failure(readAll(f))
    expect(e.message).toBe(`${f}, line ${headerLines}: duplicated sample name "S0001" in the #CHROM line`)
    const noFormat = chrom.filter((c) => c !== 'FORMAT')
    const g = write('noformat.vcf', head + noFormat.join('\t') + '\n' + body)
    expect((await failure(readAll(g))).message).toBe(`${g}, line ${headerLines}: the 9th column of the #CHROM line is "S0001", expected FORMAT (or spaces instead of tabs?)`)
    for (const file of [f, g]) expect((await bcftools(['view', '-H', file])).err).toMatch(/Duplicated sample name|Could not parse the "#CHROM.." line/)
  })
})

describe('damage the first campaigns let through', () => {
  it('a NUL byte in a header line: VcfParseError naming the line (htslib cuts the line there and fails)', async () => {
    const lines = gen.split('\n')
    lines[1] = lines[1].slice(0, 10) + '\0' + lines[1].slice(10)
    const f = write('nul-header.vcf', lines.join('\n'))
    expect((await failure(readAll(f))).message).toBe(`${f}, line 2: NUL byte in a header line`)
  })

  it('a damaged EOF block (bad CRC32 or ISIZE of an empty block): BgzfError at its offset', async () => {
    const bytes = bgzf(gen)
    const eof = bytes.length - 28
    for (const at of [eof + 20, eof + 24]) { // CRC32, ISIZE
      const c = Buffer.from(bytes)
      c[at] ^= 1
      const f = write(`eof-${at}.vcf.gz`, '')
      writeFileSync(f, c)
      const e = await failure(readAll(f))
      expect(e).toBeInstanceOf(BgzfError)
      expect(e.offset).toBe(eof)
    }
  })

  it('an undeclared key that is not valid UTF-8: an error naming line and record, never an endless loop', async () => {
    // (it was declared under its decoded name, which never matched its bytes: the reader re-parsed forever)
    for (const [col, key] of [[7, 'X\xbaY=1'], [8, 'GT:A\xbaB']] as const) {
      const lines = gen.split('\n')
      const c = lines[headerLines + 6].split('\t')
      c[col] = col === 7 ? `${c[7]};${key}` : key
      if (col === 8) for (let k = 9; k < c.length; k++) c[k] = `${c[k].split(':')[0]}:1`
      lines[headerLines + 6] = c.join('\t')
      const f = write(`utf8-key-${col}.vcf`, lines.join('\n'))
      const t0 = Date.now()
      const e = await failure(readAll(f))
      expect(Date.now() - t0).toBeLessThan(20_000)
      expect(e.message).toMatch(new RegExp(`^${f}, line ${headerLines + 7}, record 7: (INFO|FORMAT) key ".*" is not valid UTF-8$`))
    }
  })

  it('a damaged block header (XLEN): the same error with --threads 2 as with one thread', async () => {
    const bytes = bgzf(gen)
    const blocks = blocksOf(bytes)
    // XLEN grown past the end of the file (seed 5, case 2: the planner said "not a BGZF block
    // header", the reader "truncated BGZF block"), and grown inside it (the deflate data moves)
    for (const [b, at, mask] of [[blocks[blocks.length - 2], 11, 0x80], [blocks[3], 11, 32]] as const) {
      const c = Buffer.from(bytes)
      c[b.coff + at] ^= mask
      const f = write(`xlen-${b.coff}.vcf.gz`, '')
      writeFileSync(f, c)
      const one = await cli(['view', '-H', '--threads', '1', f])
      const two = await cli(['view', '-H', '--threads', '2', f])
      expect(one.code).toBe(1)
      expect(errorLine(one.err)).toMatch(new RegExp(`^vartriage: ${f}, byte ${b.coff}: (truncated|corrupt) BGZF block`))
      expect(two.code).toBe(1)
      expect(errorLine(two.err)).toBe(errorLine(one.err))
    }
  })
})


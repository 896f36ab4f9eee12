// Region queries (-r / -R, .tbi and .csi) against htslib: `tabix FILE chr:beg-end` for single
// ranges (tabix and bcftools agree there), `bcftools view -H -r chr:pos` for single positions
// (tabix reads chr:pos as "from pos on"), and `bcftools view -H -r A,B` / `-R FILE` for
// several, possibly overlapping regions (each record once). Inputs: the real VCFs shipped in
// the Debian test packages, re-bgzipped into a temp dir, and generated files with several
// contigs, long-REF deletions, INFO/END and records larger than a BGZF block.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { VcfReader } from '../src/reader/reader.js'
import { view, collect } from '../src/api.js'
import { vcfLines } from '../src/sink/vcf.js'
import { parseRegion, parseRegionList, parseRegionFile, type Region } from '../src/region/region.js'
import { scanBlocks } from '../src/bgzf/blocks.js'
import { requireTools } from './helpers/oracle.js'
import { generateRecords, prng, type GenRecord } from '../bench/generate-vcf.mjs'

const enabled = requireTools('tabix', 'bgzip', 'bcftools')
const BIN = resolve('dist/src/cli/bin.js')
const PYSAM = '/usr/share/doc/python-pysam/tests'
const HTSLIB = '/usr/share/htslib-test/test'

function sh(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, input })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}
const tabix = (file: string, reg: string) => sh('tabix', [file, reg])
const bcfView = (args: string[]) => sh('bcftools', ['view', '-H', ...args])
/**
 * bcftools re-formats what it prints (floats such as 1.00e+00 become 1), so for third-party
 * files records are compared on CHROM POS ID REF ALT; generated files compare whole lines.
 */
const sites = (text: string, f: { name: string }) =>
  f.name.startsWith('generated') ? text : text.split('\n').map((l) => l.split('\t').slice(0, 5).join('\t')).join('\n')

/** An indexed copy of a VCF: the bgzipped file and which index sits next to it. */
interface Indexed { name: string; path: string; index: 'tbi' | 'csi'; records: { chrom: string; pos: number }[]; contigs: string[] }

/** CHROM/POS of the data lines, and contigs in file order. */
function scan(text: string): { records: { chrom: string; pos: number }[]; contigs: string[] } {
  const records: { chrom: string; pos: number }[] = []
  const contigs: string[] = []
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue
    const [chrom, pos] = line.split('\t')
    records.push({ chrom, pos: Number(pos) })
    if (contigs[contigs.length - 1] !== chrom) contigs.push(chrom)
  }
  return { records, contigs }
}

/** Records overlapping the regions, through one reader (region reads can be repeated). */
async function viaReader(reader: VcfReader, regions: Region[]): Promise<string> {
  const dec = new TextDecoder()
  let out = ''
  for await (const b of reader.batches({ regions })) out += dec.decode(vcfLines(b))
  return out
}

/** Compares record texts, reporting record counts and the first differing line (truncated: REFs can be 40 kb). */
function expectSame(got: string, want: string, what: string): void {
  if (got === want) return
  const a = got.split('\n'), b = want.split('\n')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const cut = (s: string | undefined) => (s === undefined ? '<none>' : s.length > 120 ? s.slice(0, 120) + '…' : s)
  expect.fail(`${what}: ${a.length - 1} records vs ${b.length - 1} expected; first difference at record ${i + 1}:\n  got:  ${cut(a[i])}\n  want: ${cut(b[i])}`)
}

function cli(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr }
}

/** Random chr:beg-end texts near the records: spans of a few bases to whole contigs. */
function randomRanges(file: Indexed, n: number, seed: number): string[] {
  const rnd = prng(seed)
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    const rec = file.records[Math.floor(rnd() * file.records.length)]
    const k = rnd()
    if (k < 0.04) { out.push(rec.chrom); continue } // whole contig
    if (k < 0.08) { out.push(`${rec.chrom}:${rec.pos}-`); continue } // open end
    if (k < 0.16) { out.push(`${rec.chrom}:${rec.pos}-${rec.pos}`); continue } // exactly one record's POS
    if (k < 0.22) { out.push(`${rec.chrom}:${rec.pos + 1}-${rec.pos + 1 + Math.floor(rnd() * 50)}`); continue } // just after
    const span = k < 0.5 ? 10 : k < 0.8 ? 5000 : 2_000_000
    const beg = Math.max(1, rec.pos - Math.floor(rnd() * span))
    out.push(`${rec.chrom}:${beg}-${beg + Math.floor(rnd() * 2 * span)}`)
  }
  return out
}

describe.runIf(enabled)('region queries equal tabix / bcftools', () => {
  let dir = ''
  const files: Indexed[] = []
  let gen: { records: GenRecord[]; tbi: Indexed; csi: Indexed }

  /** bgzip a copy of `text` into dir/<index>/<name> and index it with htslib; false if htslib refuses. */
  function prepare(name: string, text: string, index: 'tbi' | 'csi'): Indexed | undefined {
    const sub = join(dir, index)
    mkdirSync(sub, { recursive: true })
    const path = join(sub, name.replace(/(\.vcf)?(\.gz)?$/, '') + '.vcf.gz')
    writeFileSync(path, execFileSync('bgzip', ['-c'], { input: text, maxBuffer: 1 << 30 }))
    const r = spawnSync('tabix', [...(index === 'csi' ? ['-C'] : []), '-f', '-p', 'vcf', path], { encoding: 'utf8' })
    if (r.status !== 0) return undefined
    return { name: basename(path), path, index, ...scan(text) }
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vartriage-regions-'))
    const sources: string[] = []
    const add = (d: string, re: RegExp) => { if (existsSync(d)) for (const f of readdirSync(d).sort()) if (re.test(f)) sources.push(join(d, f)) }
    add(join(PYSAM, 'pysam_data'), /^ex1\.vcf\.gz$/)
    add(join(PYSAM, 'tabix_data'), /\.vcf(\.gz|40)?$/)
    add(join(PYSAM, 'tabix_data', 'vcf'), /\.vcf\.gz$/)
    add(join(HTSLIB, 'tabix'), /\.vcf$/)
    for (const src of sources) {
      // bcftools must read it (headerless and space-separated files are not VCF)
      const r = spawnSync('bcftools', ['view', '-H', src], { encoding: 'utf8', maxBuffer: 1 << 30 })
      if (r.status !== 0 || r.stdout.length === 0 || /\[E::|Error|Failed/.test(r.stderr)) continue
      const text = src.endsWith('.gz') ? gunzipSync(readFileSync(src)).toString('latin1') : readFileSync(src, 'latin1')
      const tag = src.startsWith(HTSLIB) ? 'htslib-' : src.includes('/vcf/') ? 'pysam-vcf-' : 'pysam-'
      for (const index of ['tbi', 'csi'] as const) {
        const f = prepare(tag + basename(src), text, index)
        if (f) files.push(f)
      }
    }
    const g = generateRecords({
      contigs: [['chr1', 3_000_000, 2500], ['chr2', 800_000, 600], ['chrM', 70_000, 40], ['10', 1_500_000, 900]],
      seed: 11, hugeFraction: 0.004,
    })
    gen = { records: g.records, tbi: prepare('generated', g.text, 'tbi')!, csi: prepare('generated', g.text, 'csi')! }
    files.push(gen.tbi, gen.csi)
  }, 120_000)
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

  it('prepares the third-party corpus with both index kinds', () => {
    const names = new Set(files.map((f) => f.name))
    expect(names.size).toBeGreaterThan(15)
    expect(files.filter((f) => f.index === 'tbi').length).toBeGreaterThan(15)
    expect(files.filter((f) => f.index === 'csi').length).toBeGreaterThan(15)
    // positions beyond 2^29: only a .csi can hold them, and it is part of the corpus
    if (existsSync(join(HTSLIB, 'tabix', 'large_chr.vcf'))) {
      expect(files.some((f) => f.name === 'htslib-large_chr.vcf.gz' && f.index === 'csi')).toBe(true)
      expect(files.some((f) => f.name === 'htslib-large_chr.vcf.gz' && f.index === 'tbi')).toBe(false)
    }
  })

  it('the generated file has records larger than a BGZF block, straddling block boundaries', () => {
    const { blocks } = scanBlocks(readFileSync(gen.tbi.path), 0, gen.tbi.path)
    expect(gen.records.some((r) => r.line.length > 65536)).toBe(true)
    // block boundaries that fall inside a line (not right after a newline)
    const text = gunzipSync(readFileSync(gen.tbi.path))
    let u = 0, inside = 0
    for (const b of blocks) { u += b.usize; if (b.usize > 0 && u < text.length && text[u - 1] !== 10) inside++ }
    expect(inside).toBeGreaterThan(10)
    expect(gen.records.some((r) => r.end - r.pos > 16384 && !r.line.includes('<DEL>'))).toBe(true)
    expect(gen.records.some((r) => r.line.includes(';END='))).toBe(true)
  })

  it('random chr:beg-end regions equal `tabix FILE REG` (library, .tbi and .csi)', async () => {
    let compared = 0, nonEmpty = 0
    for (const [k, f] of files.entries()) {
      const reader = await VcfReader.open(f.path, { index: `${f.path}.${f.index}`, onWarning: () => {} })
      const regs = randomRanges(f, f.name === 'generated.vcf.gz' ? 150 : 30, 1000 + k)
      for (const reg of regs) {
        const want = tabix(f.path, reg)
        const got = await viaReader(reader, [parseRegion(reg)])
        expectSame(got, want, `${f.index} ${f.name} ${reg}`)
        compared++
        if (want) nonEmpty++
      }
    }
    expect(compared).toBeGreaterThan(1000)
    expect(nonEmpty).toBeGreaterThan(compared / 2)
  })

  it('the sibling index is found (.csi or .tbi) and view() returns the same as tabix', async () => {
    for (const f of [gen.tbi, gen.csi, ...files.filter((x) => x.name.startsWith('pysam-ex1'))]) {
      for (const reg of randomRanges(f, 15, 77)) {
        const got = await collect(view(f.path, { header: false, regions: [parseRegion(reg)], onWarning: () => {} }))
        expectSame(got, tabix(f.path, reg), `${f.index} ${f.name} ${reg}`)
      }
    }
  })

  it('the CLI (`view -H -r REG`) equals tabix, with .tbi and .csi', () => {
    for (const f of [gen.tbi, gen.csi]) {
      for (const reg of randomRanges(f, 12, 5)) {
        const r = cli(['view', '-H', '-q', '-r', reg, f.path])
        expect(r.code, r.err).toBe(0)
        expectSame(r.out, tabix(f.path, reg), `${f.index} ${reg}`)
      }
    }
  })

  it('the original ex1.vcf.gz with its shipped (old tabix) .tbi equals tabix', async () => {
    const src = join(PYSAM, 'pysam_data', 'ex1.vcf.gz')
    if (!existsSync(src) || !existsSync(src + '.tbi.gz')) return
    const d = join(dir, 'orig')
    mkdirSync(d, { recursive: true })
    const path = join(d, 'ex1.vcf.gz')
    copyFileSync(src, path)
    writeFileSync(path + '.tbi', gunzipSync(readFileSync(src + '.tbi.gz')))
    const f: Indexed = { name: 'ex1-orig', path, index: 'tbi', ...scan(gunzipSync(readFileSync(path)).toString('latin1')) }
    const reader = await VcfReader.open(path, { onWarning: () => {} })
    for (const reg of randomRanges(f, 60, 3)) expectSame(await viaReader(reader, [parseRegion(reg)]), tabix(path, reg), reg)
  })

  it('chr:pos is a single position, as in `bcftools view -r chr:pos`', async () => {
    let nonEmpty = 0
    for (const f of files) {
      const reader = await VcfReader.open(f.path, { index: `${f.path}.${f.index}`, onWarning: () => {} })
      const rnd = prng(f.name.length * 31 + (f.index === 'csi' ? 1 : 0))
      for (let i = 0; i < 9; i++) {
        const rec = f.records[Math.floor(rnd() * f.records.length)]
        const pos = i % 3 === 0 ? rec.pos : i % 3 === 1 ? rec.pos + 1 : rec.pos + Math.floor(rnd() * 20_000) // inside long deletions too
        const reg = `${rec.chrom}:${pos}`
        const want = bcfView(['-r', reg, f.path])
        const got = await viaReader(reader, parseRegionList(reg))
        expectSame(sites(got, f), sites(want, f), `${f.index} ${f.name} ${reg}`)
        expectSame(got, tabix(f.path, `${rec.chrom}:${pos}-${pos}`), `${f.index} ${f.name} ${reg} vs tabix`)
        if (want) nonEmpty++
      }
    }
    expect(nonEmpty).toBeGreaterThan(50)
    const rec = gen.records[100]
    const r = cli(['view', '-H', '-q', '-r', `${rec.chrom}:${rec.pos}`, gen.tbi.path])
    expectSame(r.out, bcfView(['-r', `${rec.chrom}:${rec.pos}`, gen.tbi.path]), 'cli chr:pos')
    expect(r.out.length).toBeGreaterThan(0)
  })

  it('several overlapping regions equal `bcftools view -H -r A,B,...` (each record once, file order)', async () => {
    const rnd = prng(99)
    let compared = 0
    for (const f of [gen.tbi, gen.csi, ...files.filter((x) => x.contigs.length > 1 && x.records.length > 50)]) {
      const reader = await VcfReader.open(f.path, { index: `${f.path}.${f.index}`, onWarning: () => {} })
      for (let i = 0; i < 10; i++) {
        // regions on contigs in file order (bcftools prints contigs in the order the list names
        // them, vartriage in file order: they agree when the list follows the file)
        const picks: { chrom: string; beg: number; end: number }[] = []
        const n = 2 + Math.floor(rnd() * 5)
        for (let j = 0; j < n; j++) {
          const rec = f.records[Math.floor(rnd() * f.records.length)]
          const beg = Math.max(1, rec.pos - Math.floor(rnd() * 30_000))
          picks.push({ chrom: rec.chrom, beg, end: beg + Math.floor(rnd() * 60_000) })
          if (rnd() < 0.5) picks.push({ chrom: rec.chrom, beg: beg + Math.floor(rnd() * 100), end: beg + Math.floor(rnd() * 90_000) }) // overlapping
        }
        const order = new Map(f.contigs.map((c, k) => [c, k]))
        picks.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)!)
        const list = picks.map((p) => `${p.chrom}:${p.beg}-${p.end}`).join(',')
        const want = bcfView(['-r', list, f.path])
        const got = await viaReader(reader, parseRegionList(list))
        expectSame(sites(got, f), sites(want, f), `${f.index} ${f.name} ${list}`)
        const lines = got.split('\n').filter(Boolean)
        expect(new Set(lines).size, 'each record once').toBe(lines.length)
        compared++
      }
    }
    expect(compared).toBeGreaterThan(50)
  })

  it('index chunks larger than a batch (small batchBytes) still give every record', async () => {
    // a chunk is parsed in several batches; de-duplication must use each batch's own offsets
    for (const f of [gen.tbi, gen.csi]) {
      const reader = await VcfReader.open(f.path, { batchBytes: 4096, onWarning: () => {} })
      for (const reg of ['chr1', 'chr1:100000-2900000', 'chr2:1-', '10:1000-1400000', ...randomRanges(f, 20, 4242)]) {
        expectSame(await viaReader(reader, [parseRegion(reg)]), tabix(f.path, reg), `${f.index} batchBytes=4096 ${reg}`)
      }
    }
  })

  it('regions listed out of contig order come back in list order, as bcftools prints them', async () => {
    const list = '10:1-400000,chr2:1-300000,chr1:1-200000'
    const got = await viaReader(await VcfReader.open(gen.tbi.path, { onWarning: () => {} }), parseRegionList(list))
    const want = bcfView(['-r', list, gen.tbi.path])
    const chroms = (t: string) => [...new Set(t.split('\n').filter(Boolean).map((l) => l.split('\t')[0]))]
    expect(chroms(got)).toEqual(['10', 'chr2', 'chr1'])
    expectSame(got, want, list)
  })

  it('a long deletion overlapping two disjoint regions is printed once', async () => {
    const del = gen.records.find((r) => r.end - r.pos > 20_000 && !r.line.includes('<DEL>'))!
    const list = `${del.chrom}:${del.pos + 10}-${del.pos + 20},${del.chrom}:${del.end - 20}-${del.end - 10}`
    const reader = await VcfReader.open(gen.csi.path, { onWarning: () => {} })
    const got = await viaReader(reader, parseRegionList(list))
    expectSame(got, bcfView(['-r', list, gen.csi.path]), list)
    expect(got.split(del.line).length - 1).toBe(1)
  })

  it('-R BED and CHROM POS [END] files equal `bcftools view -H -R`', async () => {
    const rnd = prng(7)
    for (const f of [gen.tbi, gen.csi, ...files.filter((x) => x.name.startsWith('pysam-ex1') || x.name.startsWith('htslib-vcf_file'))]) {
      const reader = await VcfReader.open(f.path, { index: `${f.path}.${f.index}`, onWarning: () => {} })
      for (let i = 0; i < 4; i++) {
        const rows: { chrom: string; beg: number; end: number }[] = []
        for (let j = 0; j < 6 + Math.floor(rnd() * 10); j++) {
          const rec = f.records[Math.floor(rnd() * f.records.length)]
          const beg = Math.max(1, rec.pos - Math.floor(rnd() * 3000))
          rows.push({ chrom: rec.chrom, beg, end: beg + Math.floor(rnd() * 8000) })
        }
        const order = new Map(f.contigs.map((c, k) => [c, k]))
        rows.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.beg - b.beg)
        const bed = join(dir, `r${i}.bed`), tsv = join(dir, `r${i}.tsv`), pos = join(dir, `r${i}.pos.txt`)
        writeFileSync(bed, '# comment\n' + rows.map((r) => `${r.chrom}\t${r.beg - 1}\t${r.end}\tname\n`).join(''))
        writeFileSync(tsv, rows.map((r) => `${r.chrom}\t${r.beg}\t${r.end}\n`).join(''))
        writeFileSync(pos, rows.map((r) => `${r.chrom}\t${r.beg}\n`).join(''))
        for (const file of [bed, tsv, pos]) {
          const want = bcfView(['-R', file, f.path])
          const got = await viaReader(reader, parseRegionFile(readFileSync(file, 'utf8'), file))
          expectSame(sites(got, f), sites(want, f), `${f.index} ${f.name} -R ${basename(file)}:\n${readFileSync(file, 'utf8')}`)
        }
      }
    }
    // and through the CLI
    const bed = join(dir, 'cli.bed')
    const a = gen.records[300], b = gen.records[310], c = gen.records[3000]
    writeFileSync(bed, `${a.chrom}\t${a.pos - 1}\t${b.pos}\n${a.chrom}\t${a.pos + 5}\t${b.pos + 100}\n${c.chrom}\t${c.pos - 1}\t${c.pos}\n`)
    const r = cli(['view', '-H', '-q', '-R', bed, gen.tbi.path])
    expect(r.code, r.err).toBe(0)
    expectSame(r.out, bcfView(['-R', bed, gen.tbi.path]), 'cli -R')
    expect(r.out.length).toBeGreaterThan(0)
  })

  it('contigs missing from the index give nothing, not an error (tabix and bcftools agree)', async () => {
    const reader = await VcfReader.open(gen.csi.path, { onWarning: () => {} })
    expect(await viaReader(reader, parseRegionList('chrNope:1-1000'))).toBe('')
    expect(tabix(gen.csi.path, 'chrNope:1-1000')).toBe('')
    const r = cli(['view', '-H', '-q', '-r', 'chrNope:1-100,chr2:1-1', gen.tbi.path])
    expect(r.code, r.err).toBe(0)
    expectSame(r.out, bcfView(['-r', 'chrNope:1-100,chr2:1-1', gen.tbi.path]), 'cli chrNope')
  })
})

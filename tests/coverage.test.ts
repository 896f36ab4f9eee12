// Coverage and sex checks from BAM indices (src/coverage, assembly/bamindex, `vartriage coverage`).
// Read counts are checked against `samtools idxstats` on real .bai/.csi files from the Debian
// test packages and on BAMs simulated here (male, female, a 100 kb deletion), indexed by
// samtools both ways; windows, sex calls and flags on the simulated ones; typed errors (and
// no traps) on bad indices; sex from VCF genotypes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { gunzipSync, gzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { readBamIndex, idxstats, type BamIndexResult } from '../src/coverage/bam-index.js'
import { inferSex } from '../src/coverage/sex.js'
import { flagCoverage } from '../src/coverage/flags.js'
import { inferSexFromVcf } from '../src/coverage/vcf-sex.js'
import { parseIndexBytes } from '../src/coverage/wasm.js'
import { VcfReader } from '../src/reader/reader.js'
import { BamIndexError, VartriageError } from '../src/errors.js'
import { have, requireTools } from './helpers/oracle.js'
import { prng } from '../bench/generate-vcf.mjs'

const enabled = requireTools('samtools')
const BIN = resolve('dist/src/cli/bin.js')
const PYSAM = '/usr/share/doc/python-pysam/tests/pysam_data'
const HTSLIB = '/usr/share/htslib-test/test'

let dir = ''
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'vt-coverage-')) })
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

function sh(cmd: string, args: string[], input?: string): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, input })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}
function cli(args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr }
}

/** A BAM and one index beside it, alone in its own directory (so samtools uses that index). */
function placed(bam: string, index: string, kind: 'bai' | 'csi', tag: string): string {
  const d = join(dir, `${tag}-${kind}`)
  mkdirSync(d, { recursive: true })
  const b = join(d, basename(bam))
  copyFileSync(bam, b)
  copyFileSync(index, `${b}.${kind}`)
  return b
}

describe.runIf(enabled)('read counts equal samtools idxstats', () => {
  /** [BAM in its own directory, index kind] for every real file we can get. */
  const cases: { bam: string; kind: 'bai' | 'csi'; label: string }[] = []
  beforeAll(() => {
    // third-party indices as shipped by htslib's test suite
    for (const [bam, kind] of [['range.bam', 'bai'], ['colons.bam', 'bai'], ['no_hdr_sq_1.bam', 'csi']] as const) {
      const p = join(HTSLIB, bam)
      if (existsSync(p) && existsSync(`${p}.${kind}`)) cases.push({ bam: placed(p, `${p}.${kind}`, kind, bam), kind, label: `htslib-test/${bam}.${kind}` })
    }
    // htslib's index.bam.{bai,csi} (its BAM is not shipped: rebuild the header from index.sam)
    if (existsSync(join(HTSLIB, 'index.sam'))) {
      const hdr = join(dir, 'index-src.bam')
      sh('samtools', ['view', '-H', '-b', '-o', hdr, join(HTSLIB, 'index.sam')])
      for (const kind of ['bai', 'csi'] as const) {
        const ix = join(HTSLIB, `index.bam.${kind}`)
        if (!existsSync(ix)) continue
        const d = join(dir, `htslib-index-${kind}`)
        mkdirSync(d, { recursive: true })
        copyFileSync(hdr, join(d, 'index.bam'))
        copyFileSync(ix, join(d, `index.bam.${kind}`))
        cases.push({ bam: join(d, 'index.bam'), kind, label: `htslib-test/index.bam.${kind}` })
      }
    }
    // pysam's BAMs, indexed here both ways
    if (existsSync(PYSAM)) {
      for (const name of readdirSync(PYSAM).filter((f) => /\.bam(\.gz)?$/.test(f)).sort()) {
        const src = join(PYSAM, name)
        const plain = join(dir, `pysam-${name.replace(/\.gz$/, '')}`)
        writeFileSync(plain, name.endsWith('.gz') ? gunzipSync(readFileSync(src)) : readFileSync(src))
        for (const kind of ['bai', 'csi'] as const) {
          const ix = `${plain}.${kind}`
          const r = spawnSync('samtools', ['index', ...(kind === 'csi' ? ['-c'] : ['-b']), '-o', ix, plain], { encoding: 'utf8' })
          if (r.status !== 0 || !existsSync(ix)) continue // unsorted or header-only: samtools cannot index it
          cases.push({ bam: placed(plain, ix, kind, `pysam-${name}`), kind, label: `pysam/${name}.${kind}` })
        }
      }
    }
  })

  it('finds real indices of both kinds', () => {
    expect(cases.filter((c) => c.kind === 'bai').length).toBeGreaterThanOrEqual(4)
    expect(cases.filter((c) => c.kind === 'csi').length).toBeGreaterThanOrEqual(3)
  })

  it('mapped/unmapped per reference and n_no_coor match exactly (API; CLI on one of each kind)', async () => {
    const viaCli = new Set([cases.find((c) => c.kind === 'bai'), cases.find((c) => c.kind === 'csi')])
    for (const c of cases) {
      const want = sh('samtools', ['idxstats', c.bam])
      const r = await readBamIndex(`${c.bam}.${c.kind}`)
      expect(r.format, c.label).toBe(c.kind)
      expect(idxstats(r), c.label).toBe(want)
      if (existsSync(BIN) && viaCli.has(c)) {
        const out = cli(['coverage', '--idxstats', `${c.bam}.${c.kind}`])
        expect(out.code, `${c.label}: ${out.err}`).toBe(0)
        expect(out.out, c.label).toBe(want)
      }
    }
  })

  it('finds the index from the BAM path, and takes names from --bam or a .fai', async () => {
    const c = cases.find((x) => x.label.startsWith('pysam/ex1.bam') && x.kind === 'bai') ?? cases[0]
    const want = sh('samtools', ['idxstats', c.bam])
    expect(idxstats(await readBamIndex(c.bam))).toBe(want)
    const alone = join(dir, 'alone.bai')
    copyFileSync(`${c.bam}.bai`, alone)
    expect(idxstats(await readBamIndex(alone, { bam: c.bam }))).toBe(want)
    const fai = join(dir, 'alone.fai')
    writeFileSync(fai, want.split('\n').filter((l) => l && !l.startsWith('*')).map((l) => { const f = l.split('\t'); return `${f[0]}\t${f[1]}\t0\t60\t61\n` }).join(''))
    expect(idxstats(await readBamIndex(alone, { fai }))).toBe(want)
    await expect(readBamIndex(alone)).rejects.toThrow(BamIndexError) // no BAM beside it, none given
  })
})

// ---- simulated BAMs ----

const REFS: [string, number][] = [['chr1', 200_000], ['chr2', 200_000], ['chr3', 200_000], ['chrX', 200_000], ['chrY', 100_000]]
const READ = 500
const DEPTH = 20
const DELETION = { chrom: 'chr2', start: 60_000, end: 160_000 }

/**
 * Uniform single-end reads as SAM text, sorted and indexed by samtools. Reads are long, with
 * random IUPAC bases (incompressible nibbles) and no qualities: each 16 kb window then holds
 * ~8 BGZF blocks and ~170 KB of compressed BAM, enough for block-granular offsets to measure
 * coverage to ~12% and for htslib to keep (not merge) the lowest-level CSI bins.
 */
function simulate(name: string, depth: Record<string, number>, seed: number, deletion?: typeof DELETION): string {
  const rnd = prng(seed)
  const ALPHABET = '=ACMGRSVTWYHKDBN'
  let pool = ''
  for (let i = 0; i < 1 << 20; i++) pool += ALPHABET[Math.floor(rnd() * 16)]
  const lines = ['@HD\tVN:1.6\tSO:unsorted\n', ...REFS.map(([n, l]) => `@SQ\tSN:${n}\tLN:${l}\n`)]
  let id = 0
  for (const [chrom, len] of REFS) {
    const reads = Math.round((len * DEPTH * (depth[chrom] ?? 1)) / READ)
    for (let k = 0; k < reads; k++) {
      const p = Math.floor(rnd() * (len - READ))
      if (deletion && deletion.chrom === chrom && p + READ > deletion.start && p < deletion.end) continue
      const o = Math.floor(rnd() * (pool.length - READ))
      const unmapped = rnd() < 0.01 // placed but unmapped: counted in idxstats' 4th column
      lines.push(`r${id++}\t${unmapped ? 4 : 0}\t${chrom}\t${p + 1}\t${unmapped ? 0 : 60}\t${unmapped ? '*' : `${READ}M`}\t*\t0\t0\t${pool.slice(o, o + READ)}\t*\n`)
    }
  }
  for (let i = 0; i < 37; i++) lines.push(`u${i}\t4\t*\t0\t0\t*\t*\t0\t0\tACGT\t*\n`) // n_no_coor
  const base = join(dir, name)
  writeFileSync(`${base}.sam`, lines.join(''))
  const r = spawnSync('sh', ['-c', `samtools view -u "${base}.sam" | samtools sort -o "${base}.bam" - && samtools index -b "${base}.bam" && samtools index -c "${base}.bam"`], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`simulating ${name}: ${r.stderr}`)
  rmSync(`${base}.sam`)
  return `${base}.bam`
}

describe.runIf(enabled)('simulated genomes: coverage, sex and flags', () => {
  const bams: Record<string, string> = {}
  beforeAll(() => {
    bams.male = simulate('male', { chrX: 0.5, chrY: 0.5 }, 1)
    bams.female = simulate('female', { chrY: 0 }, 2)
    bams.deletion = simulate('deletion', { chrY: 0 }, 3, DELETION)
  })

  for (const kind of ['bai', 'csi'] as const) {
    const open = async (which: string): Promise<BamIndexResult> => {
      const r = await readBamIndex(`${bams[which]}.${kind}`, { bam: bams[which] })
      expect(idxstats(r)).toBe(sh('samtools', ['idxstats', `${bams[which]}##idx##${bams[which]}.${kind}`]))
      return r
    }

    it(`${kind}: a male is male, X and Y at half coverage, no flags`, async () => {
      const r = await open('male')
      expect(r.windowSize).toBe(16384)
      expect(r.windows.length).toBe(REFS.reduce((a, [, l]) => a + Math.ceil(l / 16384), 0))
      const sex = inferSex(r)
      expect(sex.call, sex.reason).toBe('male')
      expect(sex.xRatio).toBeGreaterThan(0.4)
      expect(sex.xRatio).toBeLessThan(0.6)
      expect(sex.yRatio).toBeGreaterThan(0.4)
      expect(sex.yRatio).toBeLessThan(0.6)
      const flags = flagCoverage(r, sex)
      expect(flags.regions).toEqual([])
      expect(flags.aneuploidy).toEqual([])
      for (const ref of r.references.filter((x) => x.kind === 'autosome')) expect(Math.abs(ref.median - 1)).toBeLessThan(0.1)
    })

    it(`${kind}: a female is female, X full, no Y`, async () => {
      const r = await open('female')
      const sex = inferSex(r)
      expect(sex.call, sex.reason).toBe('female')
      expect(sex.xRatio).toBeGreaterThan(0.85)
      expect(sex.xRatio).toBeLessThan(1.15)
      expect(sex.yRatio).toBe(0)
      expect(sex.yCovered).toBe(0)
      expect(r.references.find((x) => x.name === 'chrY')!.mapped).toBe(0)
      expect(flagCoverage(r, sex)).toEqual({ regions: [], aneuploidy: [] })
    })

    it(`${kind}: a 100 kb deletion is flagged where it is, and nowhere else`, async () => {
      const r = await open('deletion')
      const sex = inferSex(r)
      expect(sex.call).toBe('female')
      const { regions } = flagCoverage(r, sex)
      expect(regions.length).toBe(1)
      const g = regions[0]
      expect(g).toMatchObject({ chrom: 'chr2', type: 'loss' })
      // overlaps the deletion, lies within one window of its ends
      expect(g.start).toBeLessThan(DELETION.end)
      expect(g.end).toBeGreaterThan(DELETION.start)
      expect(g.start).toBeGreaterThanOrEqual(DELETION.start - 16384)
      expect(g.end).toBeLessThanOrEqual(DELETION.end + 16384)
      expect(g.windows).toBeGreaterThanOrEqual(4)
      // windows wholly inside the deletion have no reads; a .csi (whose bins of small windows
      // htslib merges) may blur the partial window at the deletion's end into its neighbour
      const w = r.windows
      for (let k = 0; k < w.length; k++) {
        if (r.references[w.ref[k]].name !== 'chr2' || w.start[k] < DELETION.start || w.end[k] > DELETION.end) continue
        if (kind === 'bai') expect(w.bytes[k]).toBe(0)
        else expect(w.coverage[k]).toBeLessThan(0.3)
      }
    })
  }

  it('the CLI writes windows, JSON with the sex call, an SVG and idxstats', () => {
    if (!existsSync(BIN)) return
    const tsv = cli(['coverage', `${bams.deletion}.bai`])
    expect(tsv.code, tsv.err).toBe(0)
    const rows = tsv.out.trim().split('\n')
    expect(rows[0]).toBe('#chrom\tstart\tend\tcoverage')
    expect(rows[1]).toMatch(/^chr1\t0\t16384\t[0-9.]+$/)
    expect(rows.length - 1).toBe(REFS.reduce((a, [, l]) => a + Math.ceil(l / 16384), 0))
    expect(tsv.err).toMatch(/^sex\tfemale\t/m)
    expect(tsv.err).toMatch(/^region\tchr2\t\d+\t\d+\tloss\t/m)
    expect(tsv.err).toMatch(/^summary\tchr1\t200000\t/m)

    const svg = join(dir, 'male.svg')
    const js = cli(['coverage', '--json', '--svg', svg, bams.male])
    expect(js.code, js.err).toBe(0)
    const j = JSON.parse(js.out)
    expect(j.sex.call).toBe('male')
    expect(j.references.map((x: { name: string }) => x.name)).toEqual(REFS.map(([n]) => n))
    const text = readFileSync(svg, 'utf8')
    expect(text.startsWith('<svg')).toBe(true)
    expect(text.trim().endsWith('</svg>')).toBe(true)
    expect(text.match(/<polyline /g)?.length).toBe(5)

    const out = join(dir, 'stats.txt')
    expect(cli(['coverage', '--idxstats', '-o', out, `${bams.male}.csi`, '--bam', bams.male]).code).toBe(0)
    expect(readFileSync(out, 'utf8')).toBe(sh('samtools', ['idxstats', bams.male]))
    const bad = cli(['coverage', '--bam', 'a', '--fai', 'b', `${bams.male}.bai`])
    expect(bad.code).toBe(2)
  })

  it('bad input: truncated, wrong magic, index/BAM mismatch -> typed errors', async () => {
    const bai = readFileSync(`${bams.male}.bai`)
    const cut = join(dir, 'cut.bai')
    writeFileSync(cut, bai.subarray(0, bai.length >> 1))
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toThrow(/truncated/)
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toBeInstanceOf(BamIndexError)
    writeFileSync(cut, bai.subarray(0, 2))
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toBeInstanceOf(BamIndexError)
    writeFileSync(cut, new Uint8Array(0))
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toBeInstanceOf(BamIndexError)

    // a .csi whose inflated content is cut short (recompressed: the gzip layer is intact)
    const csi = gunzipSync(readFileSync(`${bams.male}.csi`))
    writeFileSync(cut, gzipSync(csi.subarray(0, csi.length - 40)))
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toThrow(BamIndexError)
    // and one cut inside its gzip layer
    const raw = readFileSync(`${bams.male}.csi`)
    writeFileSync(cut, raw.subarray(0, raw.length >> 1))
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toBeInstanceOf(VartriageError)

    const magic = Buffer.from(bai)
    magic.write('BAX', 0, 'latin1')
    writeFileSync(cut, magic)
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toThrow(/magic/)
    await expect(readBamIndex(cut, { bam: bams.male })).rejects.toBeInstanceOf(BamIndexError)

    // an index of 5 references with a 2-reference BAM
    const other = join(dir, 'other.bam')
    sh('samtools', ['view', '-b', '-o', other, '-'], '@SQ\tSN:a\tLN:100\n@SQ\tSN:b\tLN:100\n')
    await expect(readBamIndex(`${bams.male}.bai`, { bam: other })).rejects.toThrow(/5 reference\(s\) but the BAM header has 2/)
    await expect(readBamIndex(`${bams.male}.csi`, { bam: other })).rejects.toBeInstanceOf(BamIndexError)
    // a BAM that is not one
    await expect(readBamIndex(`${bams.male}.bai`, { bam: `${bams.male}.bai` })).rejects.toBeInstanceOf(VartriageError)
    const code = cli(['coverage', '--bam', other, `${bams.male}.bai`])
    if (existsSync(BIN)) {
      expect(code.code).toBe(1)
      expect(code.err).toMatch(/^vartriage: .*do not belong together/)
    }
  })

  it('never traps on corrupted indices: parses or throws BamIndexError', () => {
    const rnd = prng(99)
    for (const src of [readFileSync(`${bams.male}.bai`), gunzipSync(readFileSync(`${bams.male}.csi`))]) {
      for (let t = 0; t < 400; t++) {
        const b = Buffer.from(src)
        const edits = 1 + Math.floor(rnd() * 4)
        for (let e = 0; e < edits; e++) {
          // mostly counts and bin numbers near the start, sometimes anywhere
          const at = Math.floor(rnd() * (rnd() < 0.5 ? Math.min(200, b.length) : b.length))
          b[at] = Math.floor(rnd() * 256)
        }
        const cutTo = rnd() < 0.3 ? Math.floor(rnd() * b.length) : b.length
        try {
          parseIndexBytes(b.subarray(0, cutTo), 'fuzz')
        } catch (e) {
          expect(e).toBeInstanceOf(BamIndexError)
        }
      }
    }
  })
})

// ---- hand-built indices: forward vs backward filled linear index ----

/** A one-reference .bai: windows with reads get a lowest-level bin; `fill` chooses htslib's convention. */
function buildBai(starts: (number | undefined)[], end: number, fill: 'forward' | 'backward'): Uint8Array {
  const out: number[] = []
  const u32 = (v: number) => { out.push(v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255) }
  const u64 = (v: number) => { u32(v % 2 ** 32); u32(Math.floor(v / 2 ** 32)) }
  const vo = (coff: number) => coff * 65536 + 17
  u32(0x01494142)
  u32(1)
  const real = starts.map((s, k) => [s, k] as const).filter(([s]) => s !== undefined) as [number, number][]
  u32(real.length + 1)
  real.forEach(([s, k], i) => { u32(4681 + k); u32(1); u64(vo(s)); u64(vo(i + 1 < real.length ? real[i + 1][0] : end)) })
  u32(37450); u32(2); u64(vo(real[0][0])); u64(vo(end)); u64(1000); u64(3)
  const lin = starts.map((s) => (s === undefined ? undefined : vo(s)))
  if (fill === 'backward') for (let k = lin.length - 2; k >= 0; k--) lin[k] ??= lin[k + 1]
  else { for (let k = 0; k < lin.length && lin[k] === undefined; k++) lin[k] = vo(real[0][0]); for (let k = 1; k < lin.length; k++) lin[k] ??= lin[k - 1] }
  u32(lin.length)
  for (const v of lin) u64(v!)
  u64(5)
  return new Uint8Array(out)
}

describe('linear index conventions', () => {
  // windows 0-1 empty (telomere), 2-5 with reads, 6-9 empty (a deletion), 10-11 with reads
  const starts = [undefined, undefined, 1000, 1300, 1600, 1900, undefined, undefined, undefined, undefined, 2200, 2500]
  const want = [0, 0, 300, 300, 300, 300, 0, 0, 0, 0, 300, 300]

  it('both fills give each window the bytes of its own reads', () => {
    for (const fill of ['forward', 'backward'] as const) {
      const r = parseIndexBytes(buildBai(starts, 2800, fill), fill)
      expect(r.refs[0]).toMatchObject({ mapped: 1000, unmapped: 3, hasStats: true, windowCount: 12 })
      expect(r.noCoordinate).toBe(5)
      expect(Array.from(r.windowBytes), fill).toEqual(want)
    }
  })
})

// ---- sex from VCF genotypes ----

function sexVcf(kind: 'male' | 'female' | 'haploid', seed: number): string {
  const rnd = prng(seed)
  let s = '##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n##contig=<ID=chrX,length=156040895>\n'
  s += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n'
  for (let i = 0; i < 50; i++) s += `chr1\t${1000 + i * 100}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\t1/1\n`
  // PAR1 (GRCh38 chrX:10001-2781479): a male is diploid there, heterozygous calls do not count
  for (let i = 0; i < 30; i++) s += `chrX\t${20000 + i * 1000}\t.\tA\tG\t50\tPASS\t.\tGT\t0/1\t0/1\n`
  for (let i = 0; i < 200; i++) {
    const pos = 3_000_000 + i * 5000
    const het = rnd() < 0.6
    const gt = kind === 'female' ? (het ? '0/1' : '1/1') : kind === 'haploid' ? '1' : rnd() < 0.02 ? '0/1' : '1/1'
    s += `chrX\t${pos}\t.\tC\tT\t50\tPASS\t.\tGT\t${gt}\t./.\n`
  }
  return s
}

describe('sex from VCF X heterozygosity', () => {
  it('calls male (diploid or haploid calls), female, and unknown without data', async () => {
    const cases = [['male', 'male'], ['haploid', 'male'], ['female', 'female']] as const
    for (const [kind, want] of cases) {
      const path = join(dir, `${kind}.vcf`)
      writeFileSync(path, sexVcf(kind, 7))
      const call = await inferSexFromVcf(await VcfReader.open(path), 'S1')
      expect(call.call, call.reason).toBe(want)
      expect(call.het + call.homAlt + call.hemizygous).toBe(200) // the PAR calls are left out
      // S2 has no X calls outside the PARs
      const s2 = await inferSexFromVcf(await VcfReader.open(path), 1)
      expect(s2.call).toBe('unknown')
    }
    await expect(inferSexFromVcf(await VcfReader.open(join(dir, 'male.vcf')), 'nobody')).rejects.toThrow(/not in the VCF header/)
  })

  it.runIf(have('bgzip') && have('tabix'))('reads only chrX through the index when there is one', async () => {
    const path = join(dir, 'female.vcf')
    writeFileSync(path, sexVcf('female', 8))
    sh('bgzip', ['-f', path])
    sh('tabix', ['-p', 'vcf', `${path}.gz`])
    const reader = await VcfReader.open(`${path}.gz`)
    const call = await inferSexFromVcf(reader, 'S1')
    expect(call.call).toBe('female')
    expect(call.het + call.homAlt).toBe(200)
    expect(reader.stats.records).toBe(230) // the 30 PAR records are read, chr1's 50 are not
  })
})

#!/usr/bin/env node
// Coverage from a BAM index vs `samtools idxstats` on a 30x-WGS-sized index.
//
//   npm run build && node bench/coverage.mjs [--runs 15] [--keep DIR] [--json]
//
// No 30x BAM is needed: the .bai is synthesised the way htslib would write it for a 30x
// GRCh38 genome of 150 bp reads (24 references, ~190 000 16 kb windows): per window ~246 KB
// of compressed BAM (30x * 16384 bp / 150 bp reads * ~75 compressed bytes per read, +-8%
// noise), assembly gaps (telomeres, a centromere block per chromosome) with no reads, a
// lowest-level bin with one chunk per window, a level-4 bin per 8 windows with 7 chunks (the
// reads crossing its inner window boundaries), sparser higher levels, the metadata pseudo-bin
// and n_no_coor. Y and X are at half depth (a male). samtools needs a BAM beside the index:
// a header-only BAM with the same references (idxstats reads only the header and the index).
//
// Timed (median of `runs`, after one warm-up):
//   ours-api        readBamIndex + inferSex + flagCoverage in this process (windows included)
//   ours-idxstats   readBamIndex + idxstats text in this process
//   ours-cli        `node dist/src/cli/bin.js coverage --idxstats` (node start-up included)
//   samtools        `samtools idxstats` (process start-up included)
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { readBamIndex, inferSex, flagCoverage, idxstats } from '../dist/src/coverage/index.js'

const args = process.argv.slice(2)
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def }
const runs = Number(opt('--runs', '15'))
const keep = opt('--keep', undefined)
const json = args.includes('--json')

// GRCh38 primary assembly lengths
const GRCH38 = [
  ['chr1', 248956422], ['chr2', 242193529], ['chr3', 198295559], ['chr4', 190214555], ['chr5', 181538259],
  ['chr6', 170805979], ['chr7', 159345973], ['chr8', 145138636], ['chr9', 138394717], ['chr10', 133797422],
  ['chr11', 135086622], ['chr12', 133275309], ['chr13', 114364328], ['chr14', 107043718], ['chr15', 101991189],
  ['chr16', 90338345], ['chr17', 83257441], ['chr18', 80373285], ['chr19', 58617616], ['chr20', 64444167],
  ['chr21', 46709983], ['chr22', 50818468], ['chrX', 156040895], ['chrY', 57227415],
]
const WIN = 16384
const BYTES_PER_WINDOW = Math.round((30 * WIN / 150) * 75) // 3277 reads x 75 B = ~246 KB

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A growable little-endian byte writer. */
class W {
  constructor() { this.buf = Buffer.alloc(1 << 24); this.n = 0 }
  ensure(k) { if (this.n + k > this.buf.length) { const b = Buffer.alloc(Math.max(this.buf.length * 2, this.n + k)); this.buf.copy(b, 0, 0, this.n); this.buf = b } }
  i32(v) { this.ensure(4); this.buf.writeInt32LE(v, this.n); this.n += 4 }
  u32(v) { this.ensure(4); this.buf.writeUInt32LE(v, this.n); this.n += 4 }
  u64(v) { this.ensure(8); this.buf.writeBigUInt64LE(BigInt(v), this.n); this.n += 8 }
  bytes() { return this.buf.subarray(0, this.n) }
}

const voff = (coff, uoff) => coff * 65536 + uoff // exact in doubles below 2^53 (coff < 2^37)

/** The synthetic .bai and the expected mapped counts. */
function synthesise() {
  const rnd = prng(42)
  const w = new W()
  w.u32(0x01494142) // BAI\1
  w.i32(GRCH38.length)
  let coff = 1000 // after the BAM header
  let totalWindows = 0
  for (const [name, len] of GRCH38) {
    const n = Math.ceil(len / WIN)
    totalWindows += n
    const depth = name === 'chrX' || name === 'chrY' ? 0.5 : 1
    // gaps: 10 kb telomeres are inside the first/last window; a 3 Mb centromere block at ~40%
    const gapFrom = Math.floor(n * 0.4), gapTo = gapFrom + Math.ceil(3e6 / WIN)
    const starts = new Array(n) // first-record virtual offset per window, -1 when empty
    const sizes = new Array(n)
    for (let k = 0; k < n; k++) {
      const empty = (k >= gapFrom && k < gapTo) || (name === 'chrY' && k > n * 0.45) // Yq12 heterochromatin
      starts[k] = empty ? -1 : voff(coff, Math.floor(rnd() * 65280))
      sizes[k] = empty ? 0 : Math.round(BYTES_PER_WINDOW * depth * (0.92 + 0.16 * rnd()))
      coff += sizes[k]
    }
    const refEnd = voff(coff, 1000)
    // htslib (>= 1.10) fills empty windows backwards
    const linear = starts.slice()
    let lastIdx = n - 1
    while (lastIdx >= 0 && linear[lastIdx] < 0) lastIdx--
    for (let k = lastIdx - 1; k >= 0; k--) if (linear[k] < 0) linear[k] = linear[k + 1]
    const nIntv = lastIdx + 1
    // bins
    const bins = []
    const next = (k) => { for (let j = k + 1; j < n; j++) if (starts[j] >= 0) return starts[j]; return refEnd }
    for (let k = 0; k < n; k++) if (starts[k] >= 0) bins.push([4681 + k, [[starts[k], next(k)]]])
    for (const [per, first, span] of [[7, 585, 8], [7, 73, 64], [3, 9, 512], [3, 1, 4096]]) {
      for (let b = 0; b * span < n; b++) {
        const chunks = []
        for (let c = 1; c <= per; c++) {
          const k = b * span + Math.floor((c * span) / (per + 1))
          if (k < n && starts[k] >= 0) chunks.push([starts[k] + 10, starts[k] + 400])
        }
        if (chunks.length) bins.push([first + b, chunks])
      }
    }
    const reads = Math.round(sizes.reduce((a, b) => a + b, 0) / 75)
    bins.push([37450, [[starts.find((s) => s >= 0), refEnd], [reads, Math.round(reads * 0.002)]]])
    w.i32(bins.length)
    for (const [bin, chunks] of bins) {
      w.u32(bin)
      w.i32(chunks.length)
      for (const [a, b] of chunks) { w.u64(a); w.u64(b) }
    }
    w.i32(nIntv)
    for (let k = 0; k < nIntv; k++) w.u64(linear[k])
  }
  w.u64(123456) // n_no_coor
  return { bai: w.bytes(), totalWindows }
}

function median(xs) { const a = [...xs].sort((x, y) => x - y); return a[a.length >> 1] }

/** Median and minimum wall ms over `runs` (after one warm-up). */
async function timeIt(fn) {
  await fn()
  const ms = []
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); ms.push(performance.now() - t) }
  return { median: median(ms), min: Math.min(...ms) }
}

const dir = keep ?? mkdtempSync(join(tmpdir(), 'vt-cov-bench-'))
mkdirSync(dir, { recursive: true })
try {
  const { bai, totalWindows } = synthesise()
  const bam = join(dir, 'wgs.bam')
  const sam = GRCH38.map(([n, l]) => `@SQ\tSN:${n}\tLN:${l}\n`).join('')
  execFileSync('samtools', ['view', '-b', '-o', bam, '-'], { input: '@HD\tVN:1.6\tSO:coordinate\n' + sam })
  writeFileSync(bam + '.bai', bai)
  const expected = execFileSync('samtools', ['idxstats', bam], { encoding: 'utf8' })
  const r0 = await readBamIndex(bam + '.bai')
  const same = idxstats(r0) === expected
  const sex = inferSex(r0)
  const api = await timeIt(async () => { const r = await readBamIndex(bam + '.bai'); flagCoverage(r, inferSex(r)) })
  const ours = await timeIt(async () => { idxstats(await readBamIndex(bam + '.bai')) })
  const cli = await timeIt(() => { const p = spawnSync(process.execPath, ['dist/src/cli/bin.js', 'coverage', '--idxstats', bam + '.bai'], { encoding: 'utf8' }); if (p.status !== 0) throw new Error(p.stderr) })
  const sam2 = await timeIt(() => { const p = spawnSync('samtools', ['idxstats', bam], { encoding: 'utf8' }); if (p.status !== 0) throw new Error(p.stderr) })
  const res = {
    indexBytes: bai.length, windows: totalWindows, idxstatsIdentical: same, sex: sex.call, xRatio: sex.xRatio, yRatio: sex.yRatio,
    ms: { oursApi: api, oursIdxstats: ours, oursCli: cli, samtools: sam2 },
    ratio: { samtoolsOverOursApi: sam2.median / api.median, samtoolsOverOursIdxstats: sam2.median / ours.median, samtoolsOverOursCli: sam2.median / cli.median },
  }
  if (json) console.log(JSON.stringify(res, null, 1))
  else {
    console.log(`synthetic 30x GRCh38 .bai: ${(bai.length / 1e6).toFixed(1)} MB, ${totalWindows} windows; idxstats output identical: ${same}; sex ${sex.call} (X ${sex.xRatio.toFixed(2)}, Y ${sex.yRatio.toFixed(2)})`)
    const f = (t) => `${t.median.toFixed(1).padStart(7)} ms median ${t.min.toFixed(1).padStart(7)} ms min`
    console.log(`${runs} runs (wall time):`)
    console.log(`  ours, API: index + windows + sex + flags  ${f(api)}`)
    console.log(`  ours, API: idxstats only                 ${f(ours)}`)
    console.log(`  ours, CLI process --idxstats             ${f(cli)}`)
    console.log(`  samtools idxstats process                ${f(sam2)}`)
    console.log(`  samtools/ours (medians): API ${res.ratio.samtoolsOverOursApi.toFixed(2)}x, idxstats ${res.ratio.samtoolsOverOursIdxstats.toFixed(2)}x, CLI ${res.ratio.samtoolsOverOursCli.toFixed(2)}x (>1: ours faster)`)
  }
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true })
}

#!/usr/bin/env node
// The inflate floor: how fast can a whole BGZF file be inflated, before any parsing?
// A VCF reader cannot beat the fastest of these, so the benchmark harness reports reader
// throughput against it. See docs/adr/0002-inflate.md.
//
//   node bench/inflate-floor.mjs FILE.vcf.gz [--runs 5] [--methods a,b,...] [--json]
//   (prints every method, the fastest single-threaded one marked '*')
//
//   import { inflateFloor, measureInflate } from './inflate-floor.mjs'
//   const { method, ms, mbPerS } = await inflateFloor('x.vcf.gz')
//
// The file is read into memory first; only inflating is timed (best of `runs`). MB/s are
// uncompressed megabytes (1e6 bytes) per second of wall time; cpuMs (process CPU time, all
// threads) is reported too, as it is less disturbed by other programs. Methods:
//   zlib-inflateRawSync-blocks  node:zlib inflateRawSync per BGZF block (headers parsed
//                               here; no CRC32 check)
//   zlib-gunzipSync-file        node:zlib gunzipSync on the whole file (multi-member, CRC checked)
//   bgzf-filehandle-unzip       @gmod/bgzf-filehandle unzip (libdeflate WASM) on the whole file
//   zlib-createGunzip-stream    node:zlib createGunzip stream fed the whole file
// and, for context (not required by the floor):
//   zlib-gunzipSync-runs        gunzipSync per run of whole blocks of ~1 MiB (what
//                               src/bgzf/inflate.ts does on Node)
//   bgzf-filehandle-unzip-runs  unzip per run of whole blocks of ~1 MiB
//   zlib-gunzipSync-blocks      gunzipSync per block (CRC checked)
//   DecompressionStream-gzip    WHATWG DecompressionStream('gzip') on the whole file (Node's is
//                               zlib underneath and accepts several members; browsers' stop
//                               after the first member)
//   DecompressionStream-deflate-raw-blocks
//                               one DecompressionStream('deflate-raw') per block, as a browser
//                               would have to
//   pako-inflateRaw-blocks      pako (zlib ported to plain JS) per block: a stand-in for an
//                               inflater of our own in AssemblyScript
//   zlib-inflateRaw-async-pool  async inflateRaw per block, all in flight on libuv's thread
//                               pool (parallel: uses more than one core)
import { readFileSync } from 'node:fs'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { cpus, availableParallelism } from 'node:os'
import { promisify } from 'node:util'

const inflateRawAsync = promisify(zlib.inflateRaw)

/** BGZF blocks of buf: [{ start, size, dataStart, dataEnd, isize }]. Throws if not BGZF. */
export function bgzfBlocks(buf) {
  const blocks = []
  let p = 0
  while (p < buf.length) {
    if (buf.length - p < 18 || buf[p] !== 0x1f || buf[p + 1] !== 0x8b || buf[p + 2] !== 8 || (buf[p + 3] & 4) === 0) {
      throw new Error(`not a BGZF block at offset ${p}`)
    }
    const xlen = buf[p + 10] | (buf[p + 11] << 8)
    let q = p + 12
    const xend = q + xlen
    let bsize = -1
    while (q + 4 <= xend) {
      const slen = buf[q + 2] | (buf[q + 3] << 8)
      if (buf[q] === 66 && buf[q + 1] === 67 && slen === 2) { bsize = buf[q + 4] | (buf[q + 5] << 8); break }
      q += 4 + slen
    }
    if (bsize < 0) throw new Error(`no BC extra subfield in gzip member at offset ${p}`)
    const size = bsize + 1
    if (p + size > buf.length) throw new Error(`truncated BGZF block at offset ${p}`)
    const end = p + size
    const isize = (buf[end - 4] | (buf[end - 3] << 8) | (buf[end - 2] << 16) | (buf[end - 1] << 24)) >>> 0
    blocks.push({ start: p, size, dataStart: xend, dataEnd: end - 8, isize })
    p = end
  }
  return blocks
}

/** Runs of consecutive blocks of about `target` compressed bytes: [[start, end], ...]. */
function runsOf(blocks, target) {
  const runs = []
  let s = 0
  let e = 0
  for (const b of blocks) {
    if (e > s && b.start + b.size - s > target) { runs.push([s, e]); s = b.start }
    e = b.start + b.size
  }
  if (e > s) runs.push([s, e])
  return runs
}

function methods(buf, blocks) {
  const runs = runsOf(blocks, 1 << 20)
  return [
    {
      name: 'zlib-inflateRawSync-blocks',
      run() {
        let n = 0
        for (const b of blocks) n += zlib.inflateRawSync(buf.subarray(b.dataStart, b.dataEnd)).length
        return n
      },
    },
    { name: 'zlib-gunzipSync-file', run: () => zlib.gunzipSync(buf).length },
    {
      name: 'bgzf-filehandle-unzip',
      async run() {
        const { unzip } = await import('@gmod/bgzf-filehandle')
        return (await unzip(buf)).length
      },
    },
    {
      name: 'zlib-createGunzip-stream',
      run: () => new Promise((resolve, reject) => {
        let n = 0
        const gz = zlib.createGunzip()
        gz.on('data', (c) => { n += c.length })
        gz.on('end', () => resolve(n))
        gz.on('error', reject)
        gz.end(buf)
      }),
    },
    {
      name: 'zlib-gunzipSync-runs',
      extra: true,
      run() {
        let n = 0
        for (const [s, e] of runs) n += zlib.gunzipSync(buf.subarray(s, e)).length
        return n
      },
    },
    {
      name: 'bgzf-filehandle-unzip-runs',
      extra: true,
      async run() {
        const { unzip } = await import('@gmod/bgzf-filehandle')
        let n = 0
        for (const [s, e] of runs) n += (await unzip(buf.subarray(s, e))).length
        return n
      },
    },
    {
      name: 'zlib-gunzipSync-blocks',
      extra: true,
      run() {
        let n = 0
        for (const b of blocks) n += zlib.gunzipSync(buf.subarray(b.start, b.start + b.size)).length
        return n
      },
    },
    {
      name: 'DecompressionStream-gzip',
      extra: true,
      async run() {
        const stream = new Blob([buf]).stream().pipeThrough(new DecompressionStream('gzip'))
        let n = 0
        for await (const c of stream) n += c.length
        return n
      },
    },
    {
      name: 'DecompressionStream-deflate-raw-blocks',
      extra: true,
      async run() {
        // What a browser must do: its 'gzip' DecompressionStream stops at the end of the
        // first gzip member ("Junk found after end of compressed data").
        let n = 0
        for (const b of blocks) {
          const stream = new Blob([buf.subarray(b.dataStart, b.dataEnd)]).stream().pipeThrough(new DecompressionStream('deflate-raw'))
          for await (const c of stream) n += c.length
        }
        return n
      },
    },
    {
      name: 'pako-inflateRaw-blocks',
      extra: true,
      async run() {
        // A zlib port in plain JS: a stand-in for writing our own inflater (AssemblyScript
        // compiles to similar scalar code). pako is a transitive dependency; skipped if absent.
        const pako = await import('pako-esm2').catch(() => null)
        if (!pako) return -1
        let n = 0
        for (const b of blocks) n += pako.inflateRaw(buf.subarray(b.dataStart, b.dataEnd)).length
        return n
      },
    },
    {
      name: 'zlib-inflateRaw-async-pool',
      extra: true,
      parallel: true,
      async run() {
        const out = await Promise.all(blocks.map((b) => inflateRawAsync(buf.subarray(b.dataStart, b.dataEnd))))
        let n = 0
        for (const o of out) n += o.length
        return n
      },
    },
  ]
}

/**
 * Times every method on the file at `path`.
 * @param {string} path a BGZF (.vcf.gz) file
 * @param {{runs?: number, methods?: string[]}} [opts] runs: timed runs per method (best is
 *   kept, default 5); methods: names to run (default: all of METHODS)
 */
export async function measureInflate(path, opts = {}) {
  const runs = opts.runs ?? 5
  const buf = readFileSync(path)
  const blocks = bgzfBlocks(buf)
  let usize = 0
  for (const b of blocks) usize += b.isize
  const results = []
  for (const m of methods(buf, blocks)) {
    if (opts.methods && !opts.methods.includes(m.name)) continue
    const times = []
    const cpu = []
    let unavailable = false
    for (let i = 0; i < runs; i++) {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const n = await m.run()
      times.push(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu.push((c.user + c.system) / 1000)
      if (n === -1) { unavailable = true; break }
      if (n !== usize) throw new Error(`${m.name} inflated ${n} bytes, expected ${usize}`)
    }
    if (unavailable) continue
    const ms = Math.min(...times)
    results.push({
      method: m.name,
      ms: round(ms),
      mbPerS: round(usize / 1e6 / (ms / 1000)),
      medianMs: round(times.slice().sort((a, b) => a - b)[times.length >> 1]),
      // Process CPU time (all threads) of the cheapest run: less disturbed than wall time
      // when other programs share the machine.
      cpuMs: round(Math.min(...cpu)),
      extra: !!m.extra,
      parallel: !!m.parallel,
    })
  }
  return {
    file: path,
    compressedBytes: buf.length,
    uncompressedBytes: usize,
    blocks: blocks.length,
    runs,
    machine: machine(),
    results,
  }
}

/** Every method measureInflate knows, in the order it runs them. */
export const METHODS = methods(new Uint8Array(0), []).map((m) => m.name)

/**
 * Methods inflateFloor tries by default: the four main ones and the ~1 MiB-run variants.
 * The DecompressionStream, pako and thread-pool methods are left out: they are several times
 * slower (see docs/adr/0002-inflate.md) and would only make the harness wait.
 */
export const FLOOR_METHODS = [
  'zlib-inflateRawSync-blocks', 'zlib-gunzipSync-file', 'bgzf-filehandle-unzip', 'zlib-createGunzip-stream',
  'zlib-gunzipSync-runs', 'bgzf-filehandle-unzip-runs',
]

/**
 * The fastest single-threaded way to inflate the whole file:
 * { method, ms, mbPerS, uncompressedBytes, results }.
 * @param {string} path
 * @param {{runs?: number, methods?: string[]}} [opts] methods default to FLOOR_METHODS;
 *   parallel methods are never the floor (one reader thread cannot use them)
 */
export async function inflateFloor(path, opts = {}) {
  const m = await measureInflate(path, { runs: opts.runs, methods: opts.methods ?? FLOOR_METHODS })
  const pool = m.results.filter((r) => !r.parallel)
  const best = pool.reduce((a, b) => (b.ms < a.ms ? b : a))
  return { method: best.method, ms: best.ms, mbPerS: best.mbPerS, uncompressedBytes: m.uncompressedBytes, results: m.results }
}

function machine() {
  let model = cpus()[0]?.model ?? 'unknown'
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'))
    if (line) model = line.split(':')[1].trim()
  } catch { /* not Linux */ }
  return { cpus: availableParallelism(), cpuModel: model, node: process.version, zlib: process.versions.zlib }
}

const round = (x) => Math.round(x * 10) / 10

async function main() {
  const args = process.argv.slice(2)
  let path
  let json = false
  let runs = 5
  let methodNames
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true
    else if (args[i] === '--runs') runs = Number(args[++i])
    else if (args[i] === '--methods') methodNames = args[++i].split(',')
    else if (args[i] === '-h' || args[i] === '--help') { process.stdout.write('usage: node bench/inflate-floor.mjs FILE.vcf.gz [--runs N] [--methods a,b,...] [--json]\n'); return }
    else path = args[i]
  }
  if (!path) throw new Error('usage: node bench/inflate-floor.mjs FILE.vcf.gz [--runs N] [--methods a,b,...] [--json]')
  const unknown = (methodNames ?? []).filter((n) => !METHODS.includes(n))
  if (unknown.length) throw new Error(`unknown method(s) ${unknown.join(', ')}; known: ${METHODS.join(', ')}`)
  const m = await measureInflate(path, { runs, methods: methodNames })
  const floor = m.results.filter((r) => !r.parallel).reduce((a, b) => (b.ms < a.ms ? b : a), { ms: Infinity })
  m.floor = { method: floor.method, ms: floor.ms, mbPerS: floor.mbPerS }
  if (json) { process.stdout.write(JSON.stringify(m, null, 2) + '\n'); return }
  const mc = m.machine
  console.log(`${m.file}: ${(m.compressedBytes / 1e6).toFixed(1)} MB compressed, ${(m.uncompressedBytes / 1e6).toFixed(1)} MB inflated, ${m.blocks} blocks; best of ${m.runs}`)
  console.log(`${mc.cpus} x ${mc.cpuModel}, node ${mc.node}, zlib ${mc.zlib}`)
  for (const r of m.results) {
    console.log(`${r.method === floor.method ? '*' : ' '} ${r.method.padEnd(38)} ${String(r.ms).padStart(8)} ms  ${String(r.mbPerS).padStart(7)} MB/s  (median ${r.medianMs} ms, cpu ${r.cpuMs} ms)${r.extra ? '  [context]' : ''}${r.parallel ? ' [parallel]' : ''}`)
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => { process.stderr.write(`inflate-floor: ${e.message}\n`); process.exit(1) })
}

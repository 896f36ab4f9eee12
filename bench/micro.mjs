#!/usr/bin/env node
// tinybench micro-benchmarks of the WASM kernels on one in-memory batch of generated text:
// line split + fixed columns, genotype decoding, FORMAT number decoding, filter evaluation.
// Reported as MB/s of VCF text and records/s.   node bench/micro.mjs [--samples 3] [--shape gatk|lean|wide]
import { Bench } from 'tinybench'
import { WasmCore } from '../dist/src/wasm/core.js'
import { Schema } from '../dist/src/batch/schema.js'
import { Filter } from '../dist/src/expr/filter.js'
import { RecordBatch } from '../dist/src/batch/batch.js'
import { parseHeader } from '../dist/src/header/header.js'
import { generateVcf } from './generate-vcf.mjs'

const at = process.argv.indexOf('--samples')
const samples = at > 0 ? Number(process.argv[at + 1]) : 3
const si = process.argv.indexOf('--shape')
const shape = si > 0 ? process.argv[si + 1] : 'gatk'
const text = [...generateVcf({ shape, records: samples > 50 ? 2000 : 20000, samples, seed: 3, contigs: 'small' })].join('')
const cut = text.indexOf('\n', text.indexOf('#CHROM')) + 1
const header = parseHeader(text.slice(0, cut))
const body = new TextEncoder().encode(text.slice(cut))

/** A core with the given tags decoded, and the body loaded into its input buffer. */
function setup(info, format) {
  const core = new WasmCore()
  const schema = new Schema(core, header)
  for (const t of info) schema.want(0, t)
  for (const t of format) schema.want(1, t)
  const load = () => { const p = core.input(body.length); core.u8(p, body.length).set(body) }
  return { core, schema, load }
}
const parse = (core) => core.parseBatch(body.length, Math.floor(body.length / 16) + 2, true)

const cols = setup([], [])
const gt = setup([], ['GT'])
const nums = setup(['AF'], ['AD', 'DP', 'GQ'])
const flt = setup([], [])
const filter = new Filter('INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"', flt.schema)
flt.load()
const n = parse(flt.core)
const batch = new RecordBatch(flt.core, flt.schema, n, 1)

const bench = new Bench({ time: 1000 })
bench
  .add('parse: lines + fixed columns', () => { cols.load(); parse(cols.core) })
  .add('parse + GT decode (all samples)', () => { gt.load(); parse(gt.core) })
  .add('parse + INFO/AF, FORMAT AD/DP/GQ', () => { nums.load(); parse(nums.core) })
  .add('filter eval (batch already parsed)', () => { batch.selected = undefined; filter.apply(batch) })
await bench.run()

const mb = body.length / 1e6
console.log(`batch (${shape}): ${n} records x ${samples} samples, ${mb.toFixed(1)} MB of text`)
for (const t of bench.tasks) {
  const s = t.result.latency?.mean ?? t.result.mean
  const ms = s // tinybench reports milliseconds
  console.log(`${t.name.padEnd(36)} ${ms.toFixed(2)} ms  ${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s  ${(n / (ms / 1000) / 1e6).toFixed(2)} M records/s`)
}

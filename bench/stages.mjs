#!/usr/bin/env node
// Per-stage costs of one thread, in-process, each stage measured cumulatively (read+inflate,
// + parse, + filter, + VCF output, + query output) so differences give each stage's share.
//   node bench/stages.mjs FILE.vcf.gz [--json] [--runs N]   (best of N runs, default 3)
import { VcfReader } from '../dist/src/reader/reader.js'
import { select } from '../dist/src/pipeline/select.js'
import { QueryFormatter } from '../dist/src/sink/query.js'
import { vcfLines } from '../dist/src/sink/vcf.js'
import { textChunks } from '../dist/src/reader/chunks.js'
import { openSource } from '../dist/src/source/source.js'

const file = process.argv[2]
const ri = process.argv.indexOf('--runs')
const runs = ri > 0 ? Number(process.argv[ri + 1]) : 3
const FILTER = 'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"'
const FORMAT = '%CHROM\t%POS\t%REF\t%ALT\t%INFO/AF[\t%SAMPLE=%GT]\n'

async function run(stage) {
  const t = performance.now()
  if (stage === 'read+inflate') {
    for await (const c of textChunks(await openSource(file))) void c
    return performance.now() - t
  }
  const r = await VcfReader.open(file)
  const fmt = stage === 'query output' ? new QueryFormatter(FORMAT, r.schema) : undefined
  const sel = select(r, stage === 'parse' ? {} : { include: FILTER }, stage === 'parse' ? { info: ['AF'], format: ['GT', 'GQ'] } : { query: fmt ? { formatFields: true } : undefined })
  for await (const b of sel.batches) {
    if (stage === 'VCF output') vcfLines(b)
    if (fmt) fmt.formatBytes(b)
  }
  return performance.now() - t
}

const stages = ['read+inflate', 'parse', 'filter', 'VCF output', 'query output']
const best = {}
for (const s of stages) {
  best[s] = Infinity
  for (let k = 0; k < runs; k++) best[s] = Math.min(best[s], await run(s))
}
if (process.argv.includes('--json')) console.log(JSON.stringify(best))
else for (const s of stages) console.log(`${s.padEnd(14)} ${best[s].toFixed(0)} ms (cumulative)`)

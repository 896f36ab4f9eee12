#!/usr/bin/env node
// Store format and store throughput (docs/adr/0006-annotation-store.md, bench/RESULTS.md):
//   node bench/annotate-store.mjs [--pop bench/data/pop.vcf.gz] [--query bench/data/x.vcf.gz]
// 1. The same table (AF, AC, AN of the population VCF) written as the Parquet store and as a
//    custom raw layout (the table's own typed arrays and byte buffers, back to back: zero
//    decoding on load); load times compared (best of 3, CPU time of this process).
// 2. Variants/s of the merge-join from a loaded store: a pass that only parses the query
//    against a pass that also joins and builds the INFO entries (the difference is the
//    annotation cost), and the whole run from the store file.
// CPU time (process.cpuUsage) is reported next to wall time: the machine is shared.
import { readFileSync, writeFileSync } from 'node:fs'
import { loadVcfSource, readStore, writeStore, VcfReader, VcfPairAnnotator, parseColumns, annotateBatches } from '../dist/src/index.js'
import { TextColumn } from '../dist/src/annotate/table.js'

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d }
const POP = arg('--pop', 'bench/data/pop.vcf.gz'), QUERY = arg('--query', 'bench/data/x.vcf.gz')
const FIELDS = ['AF', 'AC', 'AN']
const COLS = 'INFO/POP_AF:=AF,INFO/POP_AC:=AC,INFO/POP_AN:=AN'

async function measure(fn) {
  const c0 = process.cpuUsage(), t0 = performance.now()
  const r = await fn()
  const c = process.cpuUsage(c0)
  return { r, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }
}
async function best(fn, n = 3) {
  let b
  for (let k = 0; k < n; k++) { const m = await measure(fn); if (!b || m.cpu < b.cpu) b = m }
  return b
}

// custom raw layout: JSON header, then every array's bytes (8-byte aligned)
function writeRaw(t) {
  const parts = [], meta = { contigs: t.contigs, label: t.label, n: t.pos.length, arrays: [], fields: [] }
  let off = 0
  const add = (name, a) => { if (!a) return; const b = new Uint8Array(a.buffer, a.byteOffset, a.byteLength); meta.arrays.push([name, a.constructor.name, off, a.length]); parts.push(b); const pad = (8 - (b.length % 8)) % 8; if (pad) parts.push(new Uint8Array(pad)); off += b.length + pad }
  add('chrom', t.chrom); add('pos', t.pos)
  for (const [k, c] of [['ref', t.ref], ['alt', t.alt], ...[...t.fields].map(([n, f]) => [`f:${n}`, f.values])]) { add(`${k}.data`, c.data); add(`${k}.ends`, c.ends); add(`${k}.absent`, c.absent) }
  meta.fields = [...t.fields.values()].map((f) => ({ name: f.name, number: f.number, type: f.type, description: f.description }))
  const head = new TextEncoder().encode(JSON.stringify(meta))
  const len = new Uint8Array(8); new DataView(len.buffer).setUint32(0, head.length, true)
  return Buffer.concat([len, head, new Uint8Array((8 - (head.length % 8)) % 8), ...parts])
}
function readRaw(path) {
  const buf = readFileSync(path)
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
  const hl = new DataView(ab).getUint32(0, true)
  const meta = JSON.parse(new TextDecoder().decode(new Uint8Array(ab, 8, hl)))
  const base = 8 + hl + ((8 - (hl % 8)) % 8)
  const T = { Int32Array, Uint8Array }
  const arr = new Map(meta.arrays.map(([name, type, off, len]) => [name, new T[type](ab, base + off, len)]))
  const col = (k) => new TextColumn(arr.get(`${k}.data`), arr.get(`${k}.ends`), arr.get(`${k}.absent`))
  return {
    contigs: meta.contigs, chrom: arr.get('chrom'), pos: arr.get('pos'), ref: col('ref'), alt: col('alt'), label: meta.label,
    fields: new Map(meta.fields.map((f) => [f.name, { ...f, values: col(`f:${f.name}`) }])),
  }
}

async function pass(table) {
  const reader = await VcfReader.open(QUERY)
  const sources = table ? [new VcfPairAnnotator(table, parseColumns(COLS))] : []
  let n = 0, annotated = 0
  for await (const { batch, edits } of annotateBatches(reader, sources)) {
    n += batch.n
    for (let i = 0; i < edits.length; i++) if (edits[i]) annotated++
  }
  return { n, annotated }
}

const table = await loadVcfSource(POP, FIELDS)
const pq = 'bench/data/pop.bench.parquet.store', raw = 'bench/data/pop.bench.raw'
writeFileSync(pq, await writeStore(table))
writeFileSync(raw, writeRaw(table))
const sizes = { parquet: readFileSync(pq).length, raw: readFileSync(raw).length }
const loadPq = await best(() => readStore(pq, { fields: FIELDS }))
const loadRaw = await best(async () => readRaw(raw))
const parseOnly = await best(() => pass(undefined), 2)
const joinPq = await best(() => pass(loadPq.r), 2)
const joinRaw = await best(() => pass(loadRaw.r), 2)
const n = parseOnly.r.n
const res = {
  rows: table.pos.length, query: n, annotated: joinPq.r.annotated, sizes,
  load: { parquet: loadPq, raw: loadRaw },
  passes: { parseOnly, joinParquet: joinPq, joinRaw },
}
const fmt = (m) => `${m.cpu.toFixed(2)} s CPU (${m.wall.toFixed(2)} s wall)`
console.log(`store rows ${res.rows}, query records ${n}, annotated ${res.annotated}`)
console.log(`file size: parquet ${(sizes.parquet / 1e6).toFixed(1)} MB, raw ${(sizes.raw / 1e6).toFixed(1)} MB`)
console.log(`load: parquet ${fmt(loadPq)}, raw ${fmt(loadRaw)}`)
console.log(`query parse only: ${fmt(parseOnly)}`)
console.log(`parse + join + INFO entries: parquet-loaded ${fmt(joinPq)}, raw-loaded ${fmt(joinRaw)}`)
const joinCpu = joinPq.cpu - parseOnly.cpu
console.log(`join + entries alone: ${joinCpu.toFixed(2)} s CPU = ${(n / joinCpu / 1e6).toFixed(2)} M variants/s`)
console.log(`end to end from the store (load + parse + join): parquet ${(loadPq.cpu + joinPq.cpu).toFixed(2)} s CPU = ${(n / (loadPq.cpu + joinPq.cpu) / 1e6).toFixed(2)} M variants/s; raw ${(loadRaw.cpu + joinRaw.cpu).toFixed(2)} s CPU`)
writeFileSync('bench/data/annotate-store.json', JSON.stringify(res, (k, v) => (k === 'r' ? undefined : v), 2))

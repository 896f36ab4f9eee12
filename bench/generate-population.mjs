#!/usr/bin/env node
// A sites-only "population" VCF (gnomAD-like: AC, AN, AF, nhomalt) for the annotation
// benchmark, built so that many of its sites are those of a query VCF:
//
//   node bench/generate-population.mjs --query bench/data/x.vcf.gz --share 0.6 --extra 100000 \
//        --seed 1 --out bench/data/pop.vcf.gz
//
// Each query record is kept with probability --share (same CHROM, POS, REF, ALT; multi-allelic
// records sometimes split or with one allele replaced), --extra sites are added at new
// positions. Output is sorted, bgzipped and indexed (tabix), a pure function of the options.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { once } from 'node:events'
import { prng as mulberry32 } from './generate-vcf.mjs'


const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, xs) => (a.startsWith('--') ? [...acc, [a.slice(2), xs[i + 1]]] : acc), []))
const query = args.query, out = args.out
if (!query || !out || !out.endsWith('.vcf.gz')) {
  console.error('usage: generate-population.mjs --query Q.vcf.gz --out POP.vcf.gz [--share 0.6] [--extra 100000] [--seed 1]')
  process.exit(2)
}
const share = Number(args.share ?? 0.6), extra = Number(args.extra ?? 100000)
const rand = mulberry32(Number(args.seed ?? 1))
const BASES = 'ACGT'

// query sites, in file order
const q = spawn('bcftools', ['query', '-f', '%CHROM\t%POS\t%REF\t%ALT\n', query], { stdio: ['ignore', 'pipe', 'inherit'] })
const sites = []
const contigs = []
for await (const line of createInterface({ input: q.stdout })) {
  const [c, p, r, a] = line.split('\t')
  if (contigs[contigs.length - 1] !== c) contigs.push(c)
  sites.push([c, Number(p), r, a])
}
const perContig = new Map(contigs.map((c) => [c, 0]))
for (const s of sites) perContig.set(s[0], perContig.get(s[0]) + 1)

const af = () => {
  const x = rand()
  return x < 0.5 ? rand() * 0.001 : x < 0.8 ? rand() * 0.05 : rand()
}
const fmt = (x) => (x === 0 ? '0' : x < 1e-4 ? x.toExponential(3) : String(Number(x.toPrecision(6))))
function info(nAlt) {
  const an = 2 * (50000 + Math.floor(rand() * 100000))
  const afs = Array.from({ length: nAlt }, af)
  const acs = afs.map((f) => Math.round(f * an))
  const hom = acs.map((c) => Math.floor(c * rand() * 0.1))
  return `AC=${acs.join(',')};AN=${an};AF=${afs.map((f, k) => fmt(acs[k] / an || f / 1000)).join(',')};nhomalt=${hom.join(',')}`
}

const rows = []
for (const [c, p, r, a] of sites) {
  if (rand() >= share) continue
  const alts = a.split(',')
  if (alts.length > 1 && rand() < 0.3) { for (const x of alts) rows.push([c, p, r, x]); continue }
  if (alts.length > 1 && rand() < 0.3) { alts[alts.length - 1] = r.length === 1 ? BASES[(BASES.indexOf(r) + 1) & 3] : r[0] }
  rows.push([c, p, r, [...new Set(alts)].filter((x) => x !== r).join(',') || (r === 'A' ? 'C' : 'A')])
}
// extra sites: after random query sites (positions not in the query)
for (let k = 0; k < extra; k++) {
  const s = sites[Math.floor(rand() * sites.length)]
  const r = BASES[Math.floor(rand() * 4)]
  rows.push([s[0], s[1] + 1 + Math.floor(rand() * 5), r, BASES[(BASES.indexOf(r) + 1 + Math.floor(rand() * 3)) & 3]])
}
const order = new Map(contigs.map((c, k) => [c, k]))
rows.sort((x, y) => order.get(x[0]) - order.get(y[0]) || x[1] - y[1])

const header = [
  '##fileformat=VCFv4.2',
  '##INFO=<ID=AC,Number=A,Type=Integer,Description="Alternate allele count">',
  '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles">',
  '##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">',
  '##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="Number of homozygous individuals">',
  ...contigs.map((c) => `##contig=<ID=${c}>`),
  '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
].join('\n') + '\n'
const raw = out.replace(/\.gz$/, '')
const w = createWriteStream(raw)
w.write(header)
let buf = ''
for (const [c, p, r, a] of rows) {
  buf += `${c}\t${p}\t${rand() < 0.4 ? `rs${p}` : '.'}\t${r}\t${a}\t.\tPASS\t${info(a.split(',').length)}\n`
  if (buf.length > 1 << 20) { if (!w.write(buf)) await once(w, 'drain'); buf = '' }
}
w.write(buf)
w.end()
await once(w, 'finish')
for (const [cmd, a] of [['bgzip', ['-f', raw]], ['tabix', ['-f', '-p', 'vcf', out]]]) {
  const r = spawnSync(cmd, a, { stdio: 'inherit' })
  if (r.status !== 0) throw new Error(`${cmd} failed`)
}
console.error(`wrote ${out}: ${rows.length} sites (${contigs.length} contigs)`)

// Differential test against `bcftools csq -l`: random SNVs, MNVs and indels placed over exon
// boundaries (splice sites, splice regions), CDS starts and ends, UTRs and introns of real
// Ensembl models on both strands (from the csq corpus GFF3/FASTA pairs), compared record by
// record as BCSQ strings. The installed bcftools (1.16) predates the `&NMD_transcript`
// suffix, so that suffix is removed from our side before comparing (see docs/csq.md).
import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { corpus, compareBcsq, liveBcftools, runCase, versionDifference, type CsqCase } from './helpers/csq-corpus.js'
import { requireTools } from './helpers/oracle.js'
import { prng } from '../bench/generate-vcf.mjs'
import { GeneModel, STRAND_FWD } from '../src/csq/gene-model.js'

const root = join(corpus, 'csq')
const enabled = existsSync(root) && requireTools('bcftools')

const CASES = [
  'ENST00000341065', // + strand, 12 exons
  'ENST00000423372', // - strand
  'ENST00000580206', // several transcripts incl. NMD
  'ENST00000400151', // overlapping transcripts, UTR-only ones
  'ENST00000520795', // - strand
  'ENST00000269081', // + strand
  'ENST00000378322', // two overlapping transcripts
  'ENST00000436063', // 5' UTR exons
]

function readFasta(path: string): Map<string, string> {
  const m = new Map<string, string>()
  let name = '', seq: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line[0] === '>') { if (name) m.set(name, seq.join('').toUpperCase()); name = line.slice(1).split(/\s/)[0]; seq = [] } else seq.push(line.trim())
  }
  if (name) m.set(name, seq.join('').toUpperCase())
  return m
}

/** Random variants near the interesting places of every transcript of a model. */
async function generate(gff: string, fa: string, seed: number, n: number): Promise<string> {
  const model = await GeneModel.load(gff)
  const seqs = readFasta(fa)
  const rnd = prng(seed)
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]
  const spots: Array<[string, number]> = []
  for (const tr of model.transcripts) {
    for (const e of tr.exons) for (const p of [e.beg, e.end]) spots.push([tr.chrom, p])
    for (const c of tr.cds) { spots.push([tr.chrom, c.beg]); spots.push([tr.chrom, c.beg + c.len - 1]) }
    for (const u of tr.utrs) spots.push([tr.chrom, Math.floor((u.beg + u.end) / 2)])
    for (let k = 0; k + 1 < tr.exons.length; k++) spots.push([tr.chrom, Math.floor((tr.exons[k].end + tr.exons[k + 1].beg) / 2)])
    void STRAND_FWD
  }
  const bases = 'ACGT'
  const recs = new Map<string, string>()
  while (recs.size < n && spots.length) {
    const [chrom, at] = pick(spots)
    const seq = seqs.get(chrom)
    if (!seq) continue
    const pos0 = at + Math.floor(rnd() * 25) - 12
    if (pos0 < 1 || pos0 + 12 >= seq.length) continue
    const kind = rnd()
    let ref: string, alt: string
    if (kind < 0.4) { ref = seq[pos0]; do alt = pick([...bases]); while (alt === ref) }
    else if (kind < 0.7) { const L = 1 + Math.floor(rnd() * 7); ref = seq.slice(pos0, pos0 + L + 1); alt = ref[0] }
    else if (kind < 0.9) { const L = 1 + Math.floor(rnd() * 7); ref = seq[pos0]; alt = ref + Array.from({ length: L }, () => pick([...bases])).join('') }
    else { const L = 2 + Math.floor(rnd() * 2); ref = seq.slice(pos0, pos0 + L); alt = [...ref].map((b) => (rnd() < 0.7 ? pick([...bases].filter((x) => x !== b)) : b)).join('') }
    if (ref === alt) continue
    recs.set(`${chrom}\t${pos0 + 1}\t${ref}\t${alt}`, `${chrom}\t${pos0 + 1}\t.\t${ref}\t${alt}\t.\t.\t.`)
  }
  const chroms = [...seqs.keys()]
  const lines = [...recs.values()].sort((a, b) => {
    const [ca, pa] = a.split('\t'), [cb, pb] = b.split('\t')
    return chroms.indexOf(ca) - chroms.indexOf(cb) || Number(pa) - Number(pb)
  })
  const header = ['##fileformat=VCFv4.2', ...chroms.map((c) => `##contig=<ID=${c},length=${seqs.get(c)!.length}>`), '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO']
  return header.join('\n') + '\n' + lines.join('\n') + '\n'
}

describe.runIf(enabled)('csq: differential vs bcftools csq -l', () => {
  const tmp = enabled ? mkdtempSync(join(tmpdir(), 'vt-csq-')) : ''
  it.each(CASES.filter((c) => existsSync(join(root, c))))('%s: random variants around exons, splice sites and UTRs', async (name) => {
    const dir = join(root, name)
    const c: CsqCase = { name, dir, vcf: join(tmp, `${name}.vcf`), gff: join(dir, `${name}.gff`), fa: join(dir, `${name}.fa`) }
    writeFileSync(c.vcf, await generate(c.gff, c.fa, name.length * 7919 + 17, 150))
    const live = liveBcftools(c)!
    expect(live).toBeDefined()
    const ours = (await runCase(c)).records
    expect(ours.length).toBe(live.length)
    const model = await GeneModel.load(c.gff)
    const nearStart = model.transcripts.some((t) => t.exons.some((e) => e.beg < 8))
    let same = 0
    const diffs: string[] = []
    const known = new Map<string, number>()
    ours.forEach((r, k) => {
      if (compareBcsq(live[k], r.bcsq).exact) { same++; return }
      if (compareBcsq(live[k], r.bcsq.replace(/&NMD_transcript/g, '')).exact) same++ // only the suffix 1.16 lacks
      const why = versionDifference(live[k], r.bcsq, r.ref, r.alt, nearStart)
      if (why) known.set(why, (known.get(why) ?? 0) + 1)
      else diffs.push(`${r.pos} ${r.ref}>${r.alt}\n  bcftools  ${live[k]}\n  vartriage ${r.bcsq}`)
    })
    if (known.size) console.log(`${name}: ${same}/${ours.length} identical; version differences: ${[...known].map(([w, n]) => `${n}x ${w}`).join('; ')}`)
    expect(diffs, diffs.join('\n')).toEqual([])
    expect(same).toBeGreaterThan(ours.length * 0.8)
  })
})

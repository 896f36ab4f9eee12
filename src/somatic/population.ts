// Population frequencies of the selected somatic alleles, from a gnomAD-like sites VCF (indexed):
// one region query over the few selected positions, INFO AF_grpmax (gnomAD v4; AF_popmax in
// v2) and AF per ALT. chr prefixes are reconciled between the pair's VCF and the resource.
import { VcfReader } from '../reader/reader.js'
import { alternateNames } from '../reference/fasta.js'
import type { Region } from '../region/region.js'

export interface PopulationFrequency {
  af?: number
  /** The highest genetic-ancestry group's AF (AF_grpmax, or AF_popmax). */
  popmax?: number
}

const GRPMAX = ['AF_grpmax', 'AF_popmax']
/** Positions closer than this share one region query: a query per allele costs more than reading a few extra blocks. */
const JOIN_GAP = 50_000

/** Positions merged into windows, contig by contig in first-seen order. */
function windows(points: Region[]): Region[] {
  const order = new Map<string, number>()
  for (const p of points) if (!order.has(p.chrom)) order.set(p.chrom, order.size)
  const sorted = [...points].sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.start - b.start)
  const out: Region[] = []
  for (const p of sorted) {
    const last = out[out.length - 1]
    if (last && last.chrom === p.chrom && p.start - last.end <= JOIN_GAP) last.end = Math.max(last.end, p.end)
    else out.push({ ...p })
  }
  return out
}

export async function populationFrequencies(file: string, alleles: Array<{ chrom: string; pos: number; ref: string; alt: string }>,
  onWarning?: (m: string) => void): Promise<Map<string, PopulationFrequency>> {
  const out = new Map<string, PopulationFrequency>()
  if (alleles.length === 0) return out
  const reader = await VcfReader.open(file, { onWarning })
  const contigs = new Set(reader.header.contigs.map((c) => c.id))
  const toFile = new Map<string, string>(), fromFile = new Map<string, string>()
  for (const a of alleles) {
    if (toFile.has(a.chrom)) continue
    const name = contigs.has(a.chrom) ? a.chrom : alternateNames(a.chrom).find((n) => contigs.has(n))
    if (name) { toFile.set(a.chrom, name); fromFile.set(name, a.chrom) }
  }
  const regions = windows(alleles.filter((a) => toFile.has(a.chrom)).map((a) => ({ chrom: toFile.get(a.chrom)!, start: a.pos, end: a.pos + a.ref.length - 1 })))
  if (regions.length === 0) return out
  const wanted = new Set(alleles.map((a) => `${a.chrom}:${a.pos}:${a.ref}:${a.alt}`))
  const grp = GRPMAX.find((t) => reader.header.info.has(t))
  const info = ['AF', ...(grp ? [grp] : [])].filter((t) => reader.header.info.has(t))
  for await (const b of reader.batches({ regions, info })) {
    for (const i of b.indices()) {
      const chrom = fromFile.get(b.chrom(i))
      if (!chrom) continue
      const ref = b.ref(i), alts = b.alt(i).split(',')
      const af = b.info(i, 'AF'), gm = grp ? b.info(i, grp) : undefined
      alts.forEach((alt, k) => {
        const key = `${chrom}:${b.pos[i]}:${ref}:${alt}`
        if (!wanted.has(key)) return
        const v: PopulationFrequency = {}
        if (Array.isArray(af) && typeof af[k] === 'number') v.af = af[k] as number
        if (Array.isArray(gm) && typeof gm[k] === 'number') v.popmax = gm[k] as number
        out.set(key, v)
      })
    }
  }
  return out
}

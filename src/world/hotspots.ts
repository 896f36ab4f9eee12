// A PM1 table for the synthetic world: protein regions that are "a mutational hot spot and/or
// critical and well-established functional domain without benign variation" (Richards 2015).
// The world's missense scores already have conserved 40-codon "domains" (scores.ts inDomain);
// a region is listed when it is such a domain, holds at least one ClinVar-like P/LP missense
// variant and no benign missense variant. One row per region, protein positions 1-based
// inclusive on the canonical transcript.
import { canonical, codingMap } from './coding.js'
import { inDomain } from './scores.js'
import type { ClinvarVariant } from './clinvar.js'
import type { Gene, World } from './world.js'

export const HOTSPOT_COLUMNS = ['gene', 'transcript', 'protein_start', 'protein_end', 'name', 'pathogenic_missense', 'benign_missense', 'source']

export interface HotspotRow { gene: string; transcript: string; start: number; end: number; name: string; pathogenic: number; benign: number }

const WINDOW = 40

export function designHotspots(world: World, clinvar: readonly ClinvarVariant[]): HotspotRow[] {
  const byGene = new Map<Gene, ClinvarVariant[]>()
  for (const v of clinvar) if (v.mc[1] === 'missense_variant') byGene.set(v.gene, [...(byGene.get(v.gene) ?? []), v])
  const rows: HotspotRow[] = []
  for (const g of world.genes) {
    const vs = byGene.get(g)
    if (!vs || !g.symbol) continue
    const tx = canonical(g)
    const m = codingMap(world, g, tx)!
    const codonAt = new Map<number, number>()
    m.positions.forEach((p, i) => codonAt.set(p, Math.floor(i / 3) + 1))
    const nCodons = m.seq.length / 3 - 1 // the stop codon is not a residue
    const windows = new Map<number, { p: number; b: number }>()
    for (const v of vs) {
      const codon = codonAt.get(v.pos)
      if (codon === undefined || !inDomain(g, codon, world.seed)) continue
      const w = Math.floor(codon / WINDOW)
      const e = windows.get(w) ?? { p: 0, b: 0 }
      const s = v.clnsig
      if (s === 'Pathogenic' || s === 'Likely_pathogenic' || s === 'Pathogenic/Likely_pathogenic') e.p++
      else if (s.includes('enign')) e.b++
      windows.set(w, e)
    }
    for (const [w, e] of [...windows].sort((a, b) => a[0] - b[0])) {
      if (e.p === 0 || e.b > 0) continue
      rows.push({ gene: g.symbol, transcript: tx.id, start: Math.max(1, w * WINDOW), end: Math.min(nCodons, w * WINDOW + WINDOW - 1),
        name: `conserved region ${w + 1}`, pathogenic: e.p, benign: e.b })
    }
  }
  return rows
}

export function hotspotsTsv(rows: readonly HotspotRow[]): string {
  return [`#${HOTSPOT_COLUMNS.join('\t')}`, ...rows.map((r) => [r.gene, r.transcript, r.start, r.end, r.name, r.pathogenic, r.benign, 'vartriage world (ClinVar-like P/LP missense in a conserved domain)'].join('\t'))].join('\n') + '\n'
}

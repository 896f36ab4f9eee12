// Which genes a world holds, by scale: every ACMG SF gene, panel genes, other well-known
// protein-coding genes, named and unnamed lncRNAs and miRNAs.
import { ACMG_SF, type SecondaryFindingGene } from './acmg-sf.js'
import { OTHER_GENES, PANELS_BY_NAME } from './panels.js'
import { LNCRNA, MIRNA, parseSymbols } from './noncoding.js'
import type { GeneBiotype, Scale } from '../models.js'

export interface CatalogGene {
  symbol?: string
  chrom?: string
  biotype: GeneBiotype
  acmg?: SecondaryFindingGene
  panels: string[]
}

const COUNTS: Record<Scale, { coding: number; lnc: number; mirna: number }> = {
  small: { coding: 160, lnc: 50, mirna: 15 },
  wgs: { coding: Infinity, lnc: 1600, mirna: Infinity },
}

export function catalog(scale: Scale): CatalogGene[] {
  const want = COUNTS[scale]
  const coding = new Map<string, CatalogGene>()
  const panelsOf = new Map<string, string[]>()
  for (const [panel, genes] of Object.entries(PANELS_BY_NAME)) {
    for (const g of genes) panelsOf.set(g.symbol, [...(panelsOf.get(g.symbol) ?? []), panel])
  }
  const add = (symbol: string, chrom: string | undefined, acmg?: SecondaryFindingGene) => {
    if (coding.has(symbol) || coding.size >= want.coding) return
    coding.set(symbol, { symbol, chrom, biotype: 'protein_coding', acmg, panels: panelsOf.get(symbol) ?? [] })
  }
  for (const g of ACMG_SF) add(g.symbol, g.chrom, g)
  // panels round-robin, so a small world still has genes of every panel
  const lists = Object.values(PANELS_BY_NAME)
  for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) add(l[i].symbol, l[i].chrom)
  for (const g of OTHER_GENES) add(g.symbol, g.chrom)
  const out = [...coding.values()]
  const lnc = parseSymbols(LNCRNA)
  for (let i = 0; i < want.lnc; i++) out.push({ symbol: lnc[i]?.symbol, chrom: lnc[i]?.chrom, biotype: 'lncRNA', panels: [] })
  const mir = parseSymbols(MIRNA)
  for (let i = 0; i < Math.min(want.mirna, mir.length); i++) out.push({ ...mir[i], biotype: 'miRNA', panels: [] })
  return out
}

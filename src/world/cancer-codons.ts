// Gives the world's cancer genes the real reference codon at their well-known somatic
// hotspots (KRAS codon 12 is GGT, TP53 codon 175 CGC …), so that the tumour generator can
// make KRAS p.G12D and the evidence table can name it. Only those bases change: the gene's
// structure, length and every random draw stay as designed, so the rest of the world is
// unaffected. A hotspot beyond the end of a gene's synthetic CDS is left out.
import { HOTSPOT_CODONS } from './civic.js'
import type { GeneDesign } from './models.js'

export function patchHotspots(d: GeneDesign): GeneDesign {
  const codons = HOTSPOT_CODONS.filter((h) => h.gene === d.symbol)
  const tx = d.transcripts.find((t) => t.canonical)
  if (codons.length === 0 || d.biotype !== 'protein_coding' || !tx?.cds) return d
  // oriented offset of every CDS base, in transcript order
  const at: number[] = []
  for (const x of tx.exons) for (let o = Math.max(x.s, tx.cds.s); o < Math.min(x.e, tx.cds.e); o++) at.push(o)
  const seq = d.seq.split('')
  for (const h of codons) {
    const n = at.length / 3
    if (h.codon < 2 || h.codon > n - 1) continue // never the start or the stop codon
    for (let k = 0; k < 3; k++) seq[at[(h.codon - 1) * 3 + k]] = h.refCodon[k]
  }
  return { ...d, seq: seq.join('') }
}

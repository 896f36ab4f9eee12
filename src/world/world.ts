// The synthetic world: genes designed and placed on GRCh38-sized chromosomes, and the
// sequence that exists there (gene regions with flanks; everything else is N).
import { Rng } from './rng.js'
import { GENE_DENSITY, GRCH38, type Contig } from './genome.js'
import { catalog, type CatalogGene } from './genes/catalog.js'
import { SCALE_PARAMS, designCoding, designLnc, designMirna, type GeneDesign, type GeneBiotype, type Scale } from './models.js'
import { randomDna, revcomp } from './code.js'
import type { SecondaryFindingGene } from './genes/acmg-sf.js'
import { LANDMARKS } from './genes/landmarks.js'
import { patchHotspots } from './cancer-codons.js'

export interface Exon { id: string; start: number; end: number }

export interface Transcript {
  id: string
  name?: string
  biotype: string
  gffType: 'mRNA' | 'lnc_RNA' | 'miRNA'
  /** Transcript order (rank 1 first); 1-based inclusive genomic coordinates. */
  exons: Exon[]
  /** Genomic span of the CDS including the stop codon (1-based inclusive, start <= end). */
  cds?: { start: number; end: number; proteinId: string }
  canonical: boolean
  tags: string[]
}

export interface Gene {
  id: string
  ncbiId: number
  symbol?: string
  biotype: GeneBiotype
  chrom: string
  strand: 1 | -1
  start: number
  end: number
  /** Where the designed sequence lies (gene plus flanks), 1-based inclusive. */
  regionStart: number
  regionEnd: number
  transcripts: Transcript[]
  acmg?: SecondaryFindingGene
  panels: string[]
}

/** A stretch of real sequence on a contig (plus strand, upper case), 1-based start. */
export interface Segment { start: number; seq: string }

export interface World {
  seed: number
  scale: Scale
  contigs: readonly Contig[]
  genes: Gene[]
  segments: Map<string, Segment[]>
}

const pad = (n: number, w: number) => String(n).padStart(w, '0')
export const ensemblId = (prefix: string, n: number) => `${prefix}0090${pad(n, 7)}`

export function buildWorld(seed: number, scale: Scale): World {
  const root = new Rng(seed)
  const p = SCALE_PARAMS[scale]
  const cat = catalog(scale)
  // each gene designed from its own stream: adding a gene does not change the others
  const designs = cat.map((c, i) => {
    const r = root.fork(`gene:${c.symbol ?? `lnc${i}`}`)
    const fixed = LANDMARKS.filter((l) => l.symbol === c.symbol).map((l) => ({ codon: l.codon, seq: l.refCodon }))
    return c.biotype === 'protein_coding' ? patchHotspots(designCoding(r, p, c.symbol!, fixed)) : c.biotype === 'lncRNA' ? designLnc(r, p, c.symbol) : designMirna(r, p, c.symbol!)
  })
  const placeRng = root.fork('placement')
  const autosomal = GRCH38.filter((c) => GENE_DENSITY[c.name] > 0)
  const weights = autosomal.map((c) => GENE_DENSITY[c.name])
  const byContig = new Map<string, number[]>()
  cat.forEach((c, i) => {
    const chrom = c.chrom ?? autosomal[placeRng.weighted(weights)].name
    byContig.set(chrom, [...(byContig.get(chrom) ?? []), i])
  })
  const genes: Gene[] = []
  const segments = new Map<string, Segment[]>()
  let geneNo = 0, txNo = 0, exonNo = 0
  for (const contig of GRCH38) {
    const idx = placeRng.shuffle(byContig.get(contig.name) ?? [])
    const segs: Segment[] = []
    segments.set(contig.name, segs)
    if (contig.name === 'MT') { segs.push({ start: 1, seq: randomDna(root.fork('MT'), contig.length, 0.44) }); continue }
    if (idx.length === 0) continue
    const margin = 10_000
    const spans = idx.map((i) => designs[i].seq.length)
    const free = contig.length - 2 * margin - spans.reduce((a, b) => a + b, 0)
    if (free < 0) throw new Error(`chromosome ${contig.name} is too small for its genes`)
    const offsets = idx.map(() => Math.floor(placeRng.next() * free)).sort((a, b) => a - b)
    let used = 0
    idx.forEach((i, k) => {
      const d = designs[i]
      const regionStart = margin + offsets[k] + used + 1
      used += spans[k]
      const strand: 1 | -1 = placeRng.chance(0.5) ? 1 : -1
      segs.push({ start: regionStart, seq: strand === 1 ? d.seq : revcomp(d.seq) })
      genes.push(place(d, cat[i], contig.name, strand, regionStart, ++geneNo, () => ++txNo, () => ++exonNo))
    })
  }
  return { seed, scale, contigs: GRCH38, genes, segments }
}

function place(d: GeneDesign, c: CatalogGene, chrom: string, strand: 1 | -1, regionStart: number, geneNo: number,
  nextTx: () => number, nextExon: () => number): Gene {
  const L = d.seq.length
  // oriented [s, e) → genomic 1-based inclusive
  const toG = (s: number, e: number): [number, number] => strand === 1 ? [regionStart + s, regionStart + e - 1] : [regionStart + L - e, regionStart + L - 1 - s]
  const exonIds = new Map<string, string>()
  const transcripts: Transcript[] = d.transcripts.map((t, k) => {
    const id = ensemblId('ENST', nextTx())
    const exons = t.exons.map((x) => {
      const [start, end] = toG(x.s, x.e)
      const key = `${start}-${end}`
      if (!exonIds.has(key)) exonIds.set(key, ensemblId('ENSE', nextExon()))
      return { id: exonIds.get(key)!, start, end }
    })
    const cds = t.cds ? (() => { const [start, end] = toG(t.cds.s, t.cds.e); return { start, end, proteinId: id.replace('ENST', 'ENSP') } })() : undefined
    const tags = t.canonical ? (t.biotype === 'protein_coding' ? ['basic', 'Ensembl_canonical', 'MANE_Select'] : ['basic', 'Ensembl_canonical'])
      : t.biotype === 'retained_intron' ? [] : ['basic']
    return { id, name: d.symbol ? `${d.symbol}-${201 + k}` : undefined, biotype: t.biotype, gffType: t.gffType, exons, cds, canonical: t.canonical, tags }
  })
  const [start, end] = toG(d.body.s, d.body.e)
  return {
    id: ensemblId('ENSG', geneNo), ncbiId: 90_000_000 + geneNo, symbol: d.symbol, biotype: d.biotype, chrom, strand, start, end,
    regionStart, regionEnd: regionStart + L - 1, transcripts, acmg: c.acmg, panels: c.panels,
  }
}

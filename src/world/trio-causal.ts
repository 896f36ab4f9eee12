// The spiked-in diagnosis: a gene, a mode, and one or two pathogenic-looking variants in the
// gene's canonical CDS (stop-gain SNVs, or 1-bp frameshift deletions/insertions), absent from
// the population file; and the proband's HPO terms sampled from the gene's annotations, some
// left out, plus unrelated noise terms.
import { UsageError } from '../errors.js'
import { overlapsIntervals, parIntervals } from '../coverage/chromosomes.js'
import { baseAt, canonical, codingMap } from './coding.js'
import { CODE, complement } from './code.js'
import type { Rng } from './rng.js'
import type { Gene, World } from './world.js'
import type { SpikeMode } from './trio-model.js'

export interface CausalVariant {
  chrom: string
  pos: number
  ref: string
  alt: string
  consequence: 'stop_gained' | 'frameshift_variant'
}

export interface GeneTerms { terms: Map<string, { id: string; name: string }[]> }

/** genes_to_phenotype.txt: symbol → its HPO terms (id, name), first occurrence order. */
export function readGenesToPhenotype(text: string): Map<string, { id: string; name: string }[]> {
  const out = new Map<string, { id: string; name: string }[]>()
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('ncbi_gene_id')) continue
    const c = line.split('\t')
    if (c.length < 4) continue
    const list = out.get(c[1]) ?? []
    if (!list.some((t) => t.id === c[2])) list.push({ id: c[2], name: c[3] })
    out.set(c[1], list)
  }
  return out
}

// the pseudo-autosomal regions (GRCh37 and GRCh38, as the inheritance scanner reads them):
// males are diploid there, so an X-linked recessive diagnosis is drawn outside them
const X_PARS = parIntervals('X', undefined, 'union')

/** Genes a mode can be spiked into: protein-coding with a CDS and phenotype annotations; X outside the PARs for X-linked. */
export function eligibleGenes(world: World, g2p: Map<string, unknown[]>, mode: SpikeMode): Gene[] {
  return world.genes.filter((g) => g.symbol && g.biotype === 'protein_coding' && canonical(g).cds && g2p.has(g.symbol)
    && (mode === 'x_linked_recessive' ? g.chrom === 'X' && !overlapsIntervals(g.start, g.end, X_PARS) : /^\d+$/.test(g.chrom)))
}

/**
 * A loss-of-function allele in the gene's canonical CDS not in `taken` (population keys and
 * earlier picks): a stop-gain SNV, or a 1-bp frameshift indel written left-aligned.
 */
export function designLof(rng: Rng, world: World, gene: Gene, kind: 'snv' | 'indel', taken: Set<string>): CausalVariant {
  const cm = codingMap(world, gene, canonical(gene))
  if (!cm) throw new UsageError(`gene ${gene.symbol} has no coding sequence`)
  const inCds = new Set(cm.positions)
  const n = cm.seq.length
  for (let attempt = 0; attempt < 5000; attempt++) {
    // avoid the first codon and the stop codon
    const k = rng.int(3, n - 4)
    const p = cm.positions[k]
    if (kind === 'snv') {
      const c0 = k - (k % 3)
      const codon = cm.seq.slice(c0, c0 + 3)
      if (CODE.get(codon) === '*') continue
      for (const b of rng.shuffle(['A', 'C', 'G', 'T'])) {
        if (b === cm.seq[k]) continue
        const mutated = codon.slice(0, k % 3) + b + codon.slice(k % 3 + 1)
        if (CODE.get(mutated) !== '*') continue
        const v: CausalVariant = { chrom: gene.chrom, pos: p, ref: baseAt(world, gene.chrom, p), alt: gene.strand === 1 ? b : complement(b), consequence: 'stop_gained' }
        if (!taken.has(keyOf(v))) { taken.add(keyOf(v)); return v }
      }
      continue
    }
    // indel: the anchor and the neighbours must lie in the same exon's CDS
    if (!inCds.has(p - 1) || !inCds.has(p + 1)) continue
    const anchor = baseAt(world, gene.chrom, p - 1), here = baseAt(world, gene.chrom, p)
    let v: CausalVariant
    if (rng.chance(0.6)) {
      if (here === anchor) continue // a deletion of a base equal to the anchor would not be left-aligned
      v = { chrom: gene.chrom, pos: p - 1, ref: anchor + here, alt: anchor, consequence: 'frameshift_variant' }
    } else {
      const ins = rng.pick(['A', 'C', 'G', 'T'].filter((b) => b !== here && b !== baseAt(world, gene.chrom, p + 1)))
      v = { chrom: gene.chrom, pos: p, ref: here, alt: here + ins, consequence: 'frameshift_variant' }
    }
    if (!taken.has(keyOf(v))) { taken.add(keyOf(v)); return v }
  }
  throw new UsageError(`could not design a ${kind} loss-of-function variant in ${gene.symbol}`)
}

export const keyOf = (v: { chrom: string; pos: number; ref: string; alt: string }): string => `${v.chrom}:${v.pos}:${v.ref}:${v.alt}`

/** HPO terms for the proband: a sample of the gene's terms (some left out) plus noise terms from other genes. */
export function sampleTerms(rng: Rng, g2p: Map<string, { id: string; name: string }[]>, symbol: string, opts: { noise?: number } = {}):
  { observed: { id: string; name: string }[]; fromGene: string[]; noise: string[] } {
  const own = [...(g2p.get(symbol) ?? [])]
  rng.shuffle(own)
  // keep 3-8 terms, never all of a long list: real patients show part of a disease's spectrum
  const keep = Math.max(1, Math.min(own.length - (own.length > 3 ? 1 : 0), rng.int(3, 8)))
  const chosen = own.slice(0, keep)
  const ownIds = new Set(own.map((t) => t.id))
  const others = [...g2p.entries()].filter(([s]) => s !== symbol).flatMap(([, ts]) => ts).filter((t) => !ownIds.has(t.id))
  const nNoise = opts.noise ?? rng.int(1, 3)
  const noise: { id: string; name: string }[] = []
  for (let k = 0; k < nNoise && others.length > 0; k++) {
    const t = rng.pick(others)
    if (!noise.some((x) => x.id === t.id)) noise.push(t)
  }
  const observed = rng.shuffle([...chosen, ...noise])
  return { observed, fromGene: chosen.map((t) => t.id), noise: noise.map((t) => t.id) }
}

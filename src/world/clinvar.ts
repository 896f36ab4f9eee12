// ClinVar-like variants, designed by construction on canonical transcripts so that each
// record's molecular consequence (MC) is known: pathogenic ones are truncating, splice-site
// or high-scoring missense changes in disease genes; benign ones synonymous, intronic, UTR
// or low-scoring missense. Written as ClinVar's GRCh38 VCF is (Ensembl contig names,
// ID = variation ID, ALLELEID, CLNSIG, CLNREVSTAT, CLNHGVS, GENEINFO, MC, ORIGIN …).
import type { Rng } from './rng.js'
import { CODE, complement } from './code.js'
import { baseAt, canonical, codingMap, type CodingMap } from './coding.js'
import { missenseScore } from './scores.js'
import type { Gene, World } from './world.js'
import { LANDMARKS, type Landmark } from './genes/landmarks.js'

export type Significance = 'Pathogenic' | 'Likely_pathogenic' | 'Pathogenic/Likely_pathogenic' | 'Uncertain_significance'
  | 'Likely_benign' | 'Benign' | 'Benign/Likely_benign' | 'Conflicting_classifications_of_pathogenicity'

export interface ClinvarVariant {
  chrom: string
  pos: number
  ref: string
  alt: string
  gene: Gene
  clnsig: Significance
  revstat: string
  /** SO id and term, as ClinVar's MC. */
  mc: [string, string]
  variationId: number
  alleleId: number
  disease: string
  conf?: string
  /** A well-known variant placed at its real codon (genes/landmarks.ts). */
  landmark?: string
}

export const SO: Record<string, string> = {
  missense_variant: 'SO:0001583', stop_gained: 'SO:0001587', frameshift_variant: 'SO:0001589',
  splice_donor_variant: 'SO:0001575', splice_acceptor_variant: 'SO:0001574', synonymous_variant: 'SO:0001819',
  intron_variant: 'SO:0001627', '5_prime_UTR_variant': 'SO:0001623', '3_prime_UTR_variant': 'SO:0001624',
  inframe_deletion: 'SO:0001822',
}

const SIG: [Significance, number][] = [
  ['Pathogenic', 20], ['Likely_pathogenic', 8], ['Pathogenic/Likely_pathogenic', 4], ['Uncertain_significance', 33],
  ['Likely_benign', 15], ['Benign', 11], ['Benign/Likely_benign', 4], ['Conflicting_classifications_of_pathogenicity', 5],
]

type Kind = keyof typeof SO | 'missense_high' | 'missense_low'
const BY_CLASS: Record<'P' | 'B' | 'V', [Kind, number][]> = {
  P: [['stop_gained', 35], ['frameshift_variant', 30], ['splice_donor_variant', 8], ['splice_acceptor_variant', 7], ['missense_high', 20]],
  B: [['synonymous_variant', 35], ['intron_variant', 30], ['missense_low', 20], ['5_prime_UTR_variant', 5], ['3_prime_UTR_variant', 10]],
  V: [['missense_variant', 70], ['inframe_deletion', 8], ['intron_variant', 10], ['synonymous_variant', 7], ['3_prime_UTR_variant', 5]],
}

const classOf = (s: Significance): 'P' | 'B' | 'V' => s.startsWith('Pathogenic') || s === 'Likely_pathogenic' ? 'P' : s.includes('enign') ? 'B' : 'V'

function revstat(rng: Rng, s: Significance): string {
  if (s === 'Conflicting_classifications_of_pathogenicity') return 'criteria_provided,_conflicting_classifications'
  const r = rng.next()
  return r < 0.4 ? 'criteria_provided,_single_submitter' : r < 0.8 ? 'criteria_provided,_multiple_submitters,_no_conflicts'
    : r < 0.95 && classOf(s) !== 'V' ? 'reviewed_by_expert_panel' : 'no_assertion_criteria_provided'
}

interface Draft { pos: number; ref: string; alt: string; kind: keyof typeof SO }

const plus = (g: Gene, b: string) => (g.strand === 1 ? b : complement(b))

/** An SNV in the CDS whose amino-acid effect satisfies `want`, best by `rank` among a few tries. */
function cdsSnv(rng: Rng, m: CodingMap, seed: number, want: (ref: string, alt: string) => boolean, rank?: (ref: string, alt: string, codon: number, altBase: string) => number): Draft | undefined {
  const n = m.seq.length / 3
  let best: Draft | undefined, bestScore = -Infinity, found = 0
  for (let tries = 0; tries < 300 && found < (rank ? 12 : 1); tries++) {
    const codon = rng.int(1, n - 2), k = rng.int(0, 2), b = rng.pick(['A', 'C', 'G', 'T'])
    const c = m.seq.slice(codon * 3, codon * 3 + 3)
    if (b === c[k]) continue
    const refAa = CODE.get(c)!, altAa = CODE.get(c.slice(0, k) + b + c.slice(k + 1))!
    if (!want(refAa, altAa)) continue
    found++
    const i = codon * 3 + k
    const d = { pos: m.positions[i], ref: plus(m.gene, c[k]), alt: plus(m.gene, b), kind: 'missense_variant' as keyof typeof SO }
    const sc = rank ? rank(refAa, altAa, codon + 1, d.alt) : 0
    if (sc > bestScore) { best = d; bestScore = sc }
  }
  return best
}

function design(rng: Rng, world: World, m: CodingMap, kind: Kind): Draft | undefined {
  const g = m.gene, tx = m.tx, chrom = g.chrom, seed = world.seed
  const base = (p: number) => baseAt(world, chrom, p)
  const score = (r: string, a: string, codon: number, alt: string) => missenseScore(g, codon, r, a, alt, seed).revel
  switch (kind) {
    case 'missense_high': case 'missense_low': case 'missense_variant': {
      const sign = kind === 'missense_high' ? 1 : kind === 'missense_low' ? -1 : 0
      const d = cdsSnv(rng, m, seed, (r, a) => r !== a && a !== '*', sign ? (r, a, c, alt) => sign * score(r, a, c, alt) : undefined)
      return d && { ...d, kind: 'missense_variant' }
    }
    case 'synonymous_variant': { const d = cdsSnv(rng, m, seed, (r, a) => r === a); return d && { ...d, kind } }
    case 'stop_gained': { const d = cdsSnv(rng, m, seed, (r, a) => r !== '*' && a === '*'); return d && { ...d, kind } }
    case 'frameshift_variant': case 'inframe_deletion': {
      const len = kind === 'inframe_deletion' ? 3 : rng.chance(0.6) ? 1 : 2
      const ins = kind === 'frameshift_variant' && rng.chance(0.35)
      for (let tries = 0; tries < 100; tries++) {
        const i = rng.int(3, m.seq.length - 4 - len)
        if (kind === 'inframe_deletion' && i % 3 !== 0) continue // whole codons: no new stop at the junction
        const e = m.exon[i]
        if (m.exon[i + len] !== e || (i > 0 && m.exon[i - 1] !== e)) continue
        // genomic block of `len` CDS bases, plus the base to its left as VCF's anchor
        const ps = Array.from(m.positions.subarray(i, i + len)).sort((a, b) => a - b)
        const lo = ps[0], hi = ps[ps.length - 1]
        if (ins) {
          const anchor = base(lo)
          const add = Array.from({ length: len }, () => rng.pick(['A', 'C', 'G', 'T'])).join('')
          if (add[add.length - 1] === anchor) continue // left-aligned only
          return { pos: lo, ref: anchor, alt: anchor + add, kind: 'frameshift_variant' }
        }
        const anchor = base(lo - 1)
        let del = ''
        for (let p = lo; p <= hi; p++) del += base(p)
        if (del[del.length - 1] === anchor) continue
        return { pos: lo - 1, ref: anchor + del, alt: anchor, kind: kind === 'inframe_deletion' ? 'inframe_deletion' : 'frameshift_variant' }
      }
      return undefined
    }
    case 'splice_donor_variant': case 'splice_acceptor_variant': case 'intron_variant': {
      if (tx.exons.length < 2) return undefined
      const k = rng.int(0, tx.exons.length - 2)
      const a = tx.exons[k], b = tx.exons[k + 1]
      // intron between exon k and k+1 in transcript order, in genomic coordinates
      const [iStart, iEnd] = g.strand === 1 ? [a.end + 1, b.start - 1] : [b.end + 1, a.start - 1]
      let p: number
      if (kind === 'intron_variant') { if (iEnd - iStart < 60) return undefined; p = rng.int(iStart + 25, iEnd - 25) }
      else {
        const donor = kind === 'splice_donor_variant'
        const off = rng.int(0, 1)
        p = (donor === (g.strand === 1)) ? iStart + off : iEnd - off
      }
      const ref = base(p)
      const alt = rng.pick(['A', 'C', 'G', 'T'].filter((x) => x !== ref))
      return { pos: p, ref, alt, kind }
    }
    case '5_prime_UTR_variant': case '3_prime_UTR_variant': {
      const five = kind === '5_prime_UTR_variant'
      const cds = tx.cds!
      const utr: number[] = []
      for (const x of tx.exons) for (let p = x.start; p <= x.end; p++) {
        const before = g.strand === 1 ? p < cds.start : p > cds.end
        const after = g.strand === 1 ? p > cds.end : p < cds.start
        if ((five && before) || (!five && after)) utr.push(p)
      }
      if (utr.length === 0) return undefined
      const p = rng.pick(utr)
      const ref = base(p)
      return { pos: p, ref, alt: rng.pick(['A', 'C', 'G', 'T'].filter((x) => x !== ref)), kind }
    }
  }
  return undefined
}

/** The SNV of a landmark, from its codon in the coding map. */
function landmark(m: CodingMap, l: Landmark): Draft {
  const at = (l.codon - 1) * 3
  const got = m.seq.slice(at, at + 3)
  if (got !== l.refCodon) throw new Error(`${l.symbol} codon ${l.codon} is ${got}, expected ${l.refCodon}`)
  const k = [0, 1, 2].find((i) => l.refCodon[i] !== l.altCodon[i])!
  return { pos: m.positions[at + k], ref: plus(m.gene, l.refCodon[k]), alt: plus(m.gene, l.altCodon[k]), kind: 'missense_variant' }
}

/** ClinVar-like variants for a world, sorted by chromosome order and position. */
export function designClinvar(rng: Rng, world: World): ClinvarVariant[] {
  const out: ClinvarVariant[] = []
  const seen = new Set<string>()
  let vid = 3_000_000
  for (const g of world.genes) {
    if (g.biotype !== 'protein_coding') continue
    const r = rng.fork(`clinvar:${g.id}`)
    const disease = g.acmg || g.panels.length > 0
    const n = disease ? (world.scale === 'small' ? r.int(8, 25) : r.int(15, 60)) : r.int(0, world.scale === 'small' ? 3 : 6)
    const m = codingMap(world, g, canonical(g))!
    const name = g.acmg ? g.acmg.phenotype : g.panels.length ? `${g.panels[0].replace(/-/g, ' ')} (${g.symbol}-related)` : 'not provided'
    for (const l of LANDMARKS.filter((x) => x.symbol === g.symbol)) {
      const d = landmark(m, l)
      seen.add(`${g.chrom}:${d.pos}:${d.ref}:${d.alt}`)
      vid += 1
      out.push({ chrom: g.chrom, pos: d.pos, ref: d.ref, alt: d.alt, gene: g, clnsig: l.clnsig, revstat: l.revstat, mc: [SO.missense_variant, 'missense_variant'],
        variationId: vid, alleleId: vid - 2_000_000 + 13, disease: l.disease, landmark: `${g.symbol} ${l.name}` })
    }
    for (let i = 0; i < n; i++) {
      let sig = SIG[r.weighted(SIG.map((s) => s[1]))][0]
      if (!disease && classOf(sig) === 'P') sig = 'Uncertain_significance'
      const cls = classOf(sig)
      const opts = BY_CLASS[cls]
      const kind = opts[r.weighted(opts.map((o) => o[1]))][0]
      const d = design(r, world, m, kind)
      if (!d) continue
      const key = `${g.chrom}:${d.pos}:${d.ref}:${d.alt}`
      if (seen.has(key)) continue
      seen.add(key)
      vid += r.int(1, 400)
      const conf = sig === 'Conflicting_classifications_of_pathogenicity'
        ? `${r.pick(['Pathogenic', 'Likely_pathogenic'])}(1)|Uncertain_significance(${r.int(1, 3)})` : undefined
      out.push({ chrom: g.chrom, pos: d.pos, ref: d.ref, alt: d.alt, gene: g, clnsig: sig, revstat: revstat(r, sig), mc: [SO[d.kind], d.kind],
        variationId: vid, alleleId: vid - 2_000_000 + 13, disease: name, conf })
    }
  }
  const order = new Map(world.contigs.map((c, i) => [c.name, i]))
  return out.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.pos - b.pos || a.alt.localeCompare(b.alt))
}

/** HGVS g. on the RefSeq chromosome accession, as CLNHGVS. */
export function clnhgvs(acc: string, v: { pos: number; ref: string; alt: string }): string {
  if (v.ref.length === 1 && v.alt.length === 1) return `${acc}:g.${v.pos}${v.ref}>${v.alt}`
  if (v.alt.length === 1) { // deletion after the anchor base
    const a = v.pos + 1, b = v.pos + v.ref.length - 1
    return `${acc}:g.${a === b ? a : `${a}_${b}`}del`
  }
  return `${acc}:g.${v.pos}_${v.pos + 1}ins${v.alt.slice(1)}`
}

const INFO_DEFS = [
  '##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description="the ClinVar Allele ID">',
  '##INFO=<ID=CLNDN,Number=.,Type=String,Description="ClinVar\'s preferred disease name for the concept specified by disease identifiers in CLNDISDB">',
  '##INFO=<ID=CLNHGVS,Number=.,Type=String,Description="Top-level (primary assembly, alt, or patch) HGVS expression.">',
  '##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="ClinVar review status of germline classification for the Variation ID">',
  '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Aggregate germline classification for this single variant; multiple values are separated by a vertical bar">',
  '##INFO=<ID=CLNSIGCONF,Number=.,Type=String,Description="Conflicting germline classification for this single variant; multiple values are separated by a vertical bar">',
  '##INFO=<ID=CLNVC,Number=1,Type=String,Description="Variant type">',
  '##INFO=<ID=CLNVCSO,Number=1,Type=String,Description="Sequence Ontology id for variant type">',
  '##INFO=<ID=GENEINFO,Number=1,Type=String,Description="Gene(s) for the variant reported as gene symbol:gene id. The gene symbol and id are delimited by a colon (:) and each pair is delimited by a vertical bar (|)">',
  '##INFO=<ID=MC,Number=.,Type=String,Description="comma separated list of molecular consequence in the form of Sequence Ontology ID|molecular_consequence">',
  '##INFO=<ID=ORIGIN,Number=.,Type=String,Description="Allele origin. One or more of the following values may be added: 0 - unknown; 1 - germline; 2 - somatic; 4 - inherited; 8 - paternal; 16 - maternal; 32 - de-novo; 64 - biparental; 128 - uniparental; 256 - not-tested; 512 - tested-inconclusive; 1073741824 - other">',
]

export function clinvarHeader(world: World, date: string): string {
  return ['##fileformat=VCFv4.1', `##fileDate=${date}`, '##source=ClinVar (synthetic: vartriage world)', '##reference=GRCh38',
    '##ID=<Description="ClinVar Variation ID">', ...INFO_DEFS,
    ...world.contigs.map((c) => `##contig=<ID=${c.name},length=${c.length},assembly=GRCh38>`),
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'].join('\n') + '\n'
}

export function clinvarLine(world: World, v: ClinvarVariant): string {
  const acc = world.contigs.find((c) => c.name === v.chrom)!.refseq
  const vc = v.ref.length === v.alt.length ? ['single_nucleotide_variant', 'SO:0001483'] : v.alt.length === 1 ? ['Deletion', 'SO:0000159'] : ['Insertion', 'SO:0000667']
  const info = [`ALLELEID=${v.alleleId}`, `CLNDN=${v.disease.replace(/[ ;,=]+/g, '_')}`, `CLNHGVS=${clnhgvs(acc, v)}`, `CLNREVSTAT=${v.revstat}`,
    `CLNSIG=${v.clnsig}`, ...(v.conf ? [`CLNSIGCONF=${v.conf}`] : []), `CLNVC=${vc[0]}`, `CLNVCSO=${vc[1]}`,
    `GENEINFO=${v.gene.symbol}:${v.gene.ncbiId}`, `MC=${v.mc[0]}|${v.mc[1]}`, 'ORIGIN=1']
  return `${v.chrom}\t${v.pos}\t${v.variationId}\t${v.ref}\t${v.alt}\t.\t.\t${info.join(';')}\n`
}

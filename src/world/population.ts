// gnomAD-like sites (v4 genomes shape): per-variant allele counts split over genetic
// ancestry groups, grpmax, nhomalt, filtering allele frequency and gnomAD's FILTERs. The
// frequency spectrum is dominated by singletons; coding sites are rarer still. Variants lie
// in and near genes (where the world has sequence), every REF taken from the reference.
import type { Rng } from './rng.js'
import { formatG } from '../format/numbers.js'
import { baseAt, basesAt, canonical } from './coding.js'
import { ucscName } from './genome.js'
import type { ClinvarVariant } from './clinvar.js'
import { LANDMARKS } from './genes/landmarks.js'
import type { World } from './world.js'

/** gnomAD v4.1 genome samples per genetic ancestry group. */
export const GROUPS: [string, string, number][] = [
  ['afr', 'African/African American', 20744], ['ami', 'Amish', 456], ['amr', 'Admixed American', 7657],
  ['asj', 'Ashkenazi Jewish', 1736], ['eas', 'East Asian', 2604], ['fin', 'Finnish', 5316], ['mid', 'Middle Eastern', 147],
  ['nfe', 'Non-Finnish European', 34025], ['remaining', 'Remaining', 1042], ['sas', 'South Asian', 2419],
]
/** Groups grpmax considers (gnomAD leaves out bottlenecked and small groups). */
const GRPMAX = new Set(['afr', 'amr', 'eas', 'nfe', 'sas'])

export interface PopVariant {
  chrom: string; pos: number; ref: string; alt: string; exonic: boolean
  /** A designed count or frequency, and optionally per-group enrichment. */
  target?: { ac?: number; af?: number; groups?: Record<string, number> }
  pass?: boolean
}

const DENSITY = { small: { background: 1 / 250, exon: 1 / 40 }, wgs: { background: 1 / 200, exon: 1 / 30 } }
const TRANSITION: Record<string, string> = { A: 'G', G: 'A', C: 'T', T: 'C' }

function snvAlt(rng: Rng, ref: string): string {
  if (rng.chance(0.67)) return TRANSITION[ref]
  const tv = ['A', 'C', 'G', 'T'].filter((b) => b !== ref && b !== TRANSITION[ref])
  return rng.pick(tv)
}

function randomVariant(rng: Rng, world: World, chrom: string, pos: number, exonic: boolean): PopVariant | undefined {
  const ref = baseAt(world, chrom, pos)
  if (ref === 'N') return undefined
  const r = rng.next()
  if (r < 0.88) return { chrom, pos, ref, alt: snvAlt(rng, ref), exonic }
  const len = Math.min(12, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.8))
  if (r < 0.95) { // deletion after the anchor
    const del = basesAt(world, chrom, pos + 1, pos + len)
    if (del.includes('N') || del[del.length - 1] === ref) return undefined // left-aligned only
    return { chrom, pos, ref: ref + del, alt: ref, exonic }
  }
  let ins = ''
  for (let i = 0; i < len; i++) ins += rng.pick(['A', 'C', 'G', 'T'])
  if (ins[ins.length - 1] === ref) return undefined
  return { chrom, pos, ref, alt: ref + ins, exonic }
}

/** Sites to write: random ones over the designed regions, plus the ClinVar-like ones with frequencies by class. */
export function designPopulation(rng: Rng, world: World, clinvar: ClinvarVariant[]): PopVariant[] {
  const d = DENSITY[world.scale]
  const out: PopVariant[] = []
  for (const c of world.contigs) {
    if (c.name === 'MT') continue // gnomAD ships the mitochondrion in a VCF of its own
    const r = rng.fork(`pop:${c.name}`)
    for (const s of world.segments.get(c.name) ?? []) {
      const n = Math.round(s.seq.length * d.background * (0.7 + 0.6 * r.next()))
      for (let i = 0; i < n; i++) {
        const v = randomVariant(r, world, c.name, s.start + r.int(1, s.seq.length - 14), false)
        if (v) out.push(v)
      }
    }
    for (const g of world.genes) {
      if (g.chrom !== c.name) continue
      for (const x of canonical(g).exons) {
        const n = Math.round((x.end - x.start + 1) * d.exon * (0.5 + r.next()))
        for (let i = 0; i < n; i++) { const v = randomVariant(r, world, c.name, r.int(x.start, x.end), true); if (v) out.push(v) }
      }
    }
  }
  const cr = rng.fork('pop:clinvar')
  for (const v of clinvar) {
    const sig = v.clnsig
    let target: PopVariant['target']
    const lm = v.landmark ? LANDMARKS.find((l) => v.landmark === `${l.symbol} ${l.name}`) : undefined
    if (lm) target = { af: lm.af, groups: lm.groups }
    else if (sig === 'Benign') target = { af: Math.exp(Math.log(0.005) + cr.next() * (Math.log(0.35) - Math.log(0.005))) }
    else if (sig.includes('enign')) target = { af: Math.exp(Math.log(1e-4) + cr.next() * (Math.log(0.01) - Math.log(1e-4))) }
    else if (sig.startsWith('Conflicting')) target = { af: Math.exp(Math.log(2e-5) + cr.next() * (Math.log(2e-3) - Math.log(2e-5))) }
    else if (sig === 'Uncertain_significance') target = cr.chance(0.5) ? { ac: Math.ceil(Math.exp(cr.next() * Math.log(40))) } : undefined
    else target = cr.chance(0.25) ? { ac: cr.int(1, 3) } : undefined
    if (target) out.push({ chrom: v.chrom, pos: v.pos, ref: v.ref, alt: v.alt, exonic: true, target, pass: true })
  }
  // multi-allelic sites: a second ALT at a few SNV positions
  const mr = rng.fork('pop:multi')
  const extra: PopVariant[] = []
  for (const v of out) {
    if (v.ref.length === 1 && v.alt.length === 1 && !v.target && mr.chance(0.03)) {
      const alt = ['A', 'C', 'G', 'T'].filter((b) => b !== v.ref && b !== v.alt)
      extra.push({ ...v, alt: mr.pick(alt) })
    }
  }
  out.push(...extra)
  const order = new Map(world.contigs.map((c, i) => [c.name, i]))
  out.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.pos - b.pos || a.ref.length - b.ref.length || (a.alt < b.alt ? -1 : a.alt > b.alt ? 1 : 0))
  // one record per (pos, ref, alt); a ClinVar-targeted copy wins over a random one
  const dedup: PopVariant[] = []
  for (const v of out) {
    const last = dedup[dedup.length - 1]
    if (last && last.chrom === v.chrom && last.pos === v.pos && last.ref === v.ref && last.alt === v.alt) { if (v.target) dedup[dedup.length - 1] = v; continue }
    dedup.push(v)
  }
  return dedup
}

/** Share of XX samples (gnomAD v4.1 genomes: 38,947 XX, 37,268 XY). */
const XX_SHARE = 0.511

/** Allele numbers of a group's XX and XY samples: X is hemizygous in XY, Y absent in XX. */
function groupAn(chrom: string, n: number, missing: number): { xx: number; xy: number } {
  const nxx = Math.round(n * XX_SHARE), nxy = n - nxx
  const k = 1 - missing
  if (chrom === 'X') return { xx: Math.round(2 * nxx * k), xy: Math.round(nxy * k) }
  if (chrom === 'Y') return { xx: 0, xy: Math.round(nxy * k) }
  return { xx: Math.round(2 * nxx * k), xy: Math.round(2 * nxy * k) }
}

/** The INFO values of one site. */
export function siteInfo(rng: Rng, v: PopVariant, nAlt: number): { info: string; filter: string } {
  const missing = rng.next() * rng.next() * 0.06
  const bySex = GROUPS.map(([, , n]) => groupAn(v.chrom, n, missing))
  const an = bySex.map((x) => x.xx + x.xy)
  const AN = an.reduce((a, b) => a + b, 0)
  let AC: number
  let ac0 = false
  if (v.target?.ac !== undefined) AC = v.target.ac
  else if (v.target?.af !== undefined) AC = Math.max(1, Math.round(v.target.af * AN))
  else {
    const r = rng.next()
    if (r < 0.01) { AC = 0; ac0 = true }
    else if (r < (v.exonic ? 0.6 : 0.48)) AC = 1
    else if (r < (v.exonic ? 0.72 : 0.62)) AC = 2
    else {
      const u = Math.pow(rng.next(), v.exonic ? 2.4 : 1.6)
      AC = Math.max(3, Math.floor(Math.exp(Math.log(3) + u * (Math.log(AN * 0.95) - Math.log(3)))))
    }
  }
  AC = Math.min(AC, AN)
  // split over groups: weights = group size × a site-specific differentiation factor
  const g = v.target?.groups
  const w = GROUPS.map(([id, , n], i) => (an[i] > 0 ? n * (g ? g[id] ?? 1 : Math.exp(0.9 * rng.normal())) : 0))
  const ac = new Array<number>(GROUPS.length).fill(0)
  if (AC <= 30) {
    for (let k = 0; k < AC; k++) {
      let i = rng.weighted(w)
      for (let t = 0; ac[i] >= an[i] && t < GROUPS.length; t++) i = (i + 1) % GROUPS.length
      ac[i]++
    }
  } else {
    const tot = w.reduce((a, b) => a + b, 0)
    let left = AC
    GROUPS.forEach((_, i) => { ac[i] = Math.min(an[i], Math.floor((AC * w[i]) / tot)); left -= ac[i] })
    for (let i = 0; left > 0; i = (i + 1) % GROUPS.length) if (ac[i] < an[i]) { ac[i]++; left-- }
  }
  // each group's alleles split between XX and XY samples; homozygotes by Hardy-Weinberg in
  // diploid samples, every alt allele of a hemizygous (XY on X/Y) sample counts as homozygous
  const hemi = v.chrom === 'X' || v.chrom === 'Y'
  const acXy = ac.map((x, i) => (an[i] === 0 ? 0
    : Math.max(x - bySex[i].xx, Math.min(bySex[i].xy, x, Math.max(0, Math.round((x * bySex[i].xy) / an[i] + 0.5 * rng.normal()))))))
  const acXx = ac.map((x, i) => x - acXy[i])
  const hwe = (x: number, alleles: number) => {
    if (alleles === 0 || x < 2) return 0
    const af = x / alleles
    return Math.max(0, Math.min(Math.floor(x / 2), Math.round((alleles / 2) * af * af * (1 + 0.3 * rng.normal()))))
  }
  const homXx = acXx.map((x, i) => hwe(x, bySex[i].xx))
  const homXy = acXy.map((x, i) => (hemi ? x : hwe(x, bySex[i].xy)))
  const hom = homXx.map((x, i) => x + homXy[i])
  const f = (x: number) => formatG(x)
  const parts = [`AC=${AC}`, `AN=${AN}`, `AF=${AN > 0 ? f(AC / AN) : '0'}`]
  if (AC > 0) {
    let gi = -1
    GROUPS.forEach(([id], i) => { if (GRPMAX.has(id) && an[i] > 0 && ac[i] > 0 && (gi < 0 || ac[i] / an[i] > ac[gi] / an[gi])) gi = i })
    if (gi >= 0) {
      parts.push(`grpmax=${GROUPS[gi][0]}`, `AF_grpmax=${f(ac[gi] / an[gi])}`, `AC_grpmax=${ac[gi]}`, `AN_grpmax=${an[gi]}`, `nhomalt_grpmax=${hom[gi]}`)
      // filtering allele frequency: a normal-approximation lower 95% bound, max over the grpmax groups
      let faf = 0, fg = ''
      GROUPS.forEach(([id], i) => {
        if (!GRPMAX.has(id) || ac[i] === 0) return
        const x = Math.max(0, (ac[i] - 1.645 * Math.sqrt(ac[i])) / an[i])
        if (x > faf) { faf = x; fg = id }
      })
      if (fg) parts.push(`fafmax_faf95_max=${f(faf)}`, `fafmax_faf95_max_gen_anc=${fg}`)
    }
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0)
  parts.push(`nhomalt=${sum(hom)}`)
  for (const [sex, acs, homs, k] of [['XX', acXx, homXx, 'xx'], ['XY', acXy, homXy, 'xy']] as const) {
    const n = sum(bySex.map((x) => x[k]))
    parts.push(`AC_${sex}=${sum(acs)}`, `AN_${sex}=${n}`)
    if (n > 0) parts.push(`AF_${sex}=${f(sum(acs) / n)}`)
    parts.push(`nhomalt_${sex}=${sum(homs)}`)
  }
  GROUPS.forEach(([id], i) => {
    parts.push(`AC_${id}=${ac[i]}`, `AN_${id}=${an[i]}`)
    if (an[i] > 0) parts.push(`AF_${id}=${f(ac[i] / an[i])}`)
    parts.push(`nhomalt_${id}=${hom[i]}`)
  })
  const at = v.ref.length === v.alt.length ? 'snv' : v.ref.length > v.alt.length ? 'del' : 'ins'
  parts.push(`allele_type=${at}`, `variant_type=${nAlt > 1 ? (at === 'snv' ? 'multi-snv' : 'mixed') : at === 'snv' ? 'snv' : 'indel'}`, `n_alt_alleles=${nAlt}`)
  let filter = 'PASS'
  if (ac0) filter = 'AC0'
  else if (!v.pass) { const r = rng.next(); if (r < 0.03) filter = 'AS_VQSR'; else if (r < 0.035) filter = 'InbreedingCoeff'; else if (r < 0.037) filter = 'AS_VQSR;InbreedingCoeff' }
  return { info: parts.join(';'), filter }
}

export function populationHeader(world: World): string {
  const lines = ['##fileformat=VCFv4.2',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##FILTER=<ID=AC0,Description="Allele count is zero after filtering out low-confidence genotypes (GQ < 20; DP < 10; and AB < 0.2 for het calls)">',
    '##FILTER=<ID=AS_VQSR,Description="Failed VQSR filtering thresholds of -2.502 for SNPs and -0.7156 for indels">',
    '##FILTER=<ID=InbreedingCoeff,Description="GATK InbreedingCoeff < -0.3">',
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Alternate allele count">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">',
    '##INFO=<ID=grpmax,Number=A,Type=String,Description="Genetic ancestry group with the maximum allele frequency">',
    '##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description="Maximum allele frequency across genetic ancestry groups">',
    '##INFO=<ID=AC_grpmax,Number=A,Type=Integer,Description="Allele count in the genetic ancestry group with the maximum allele frequency">',
    '##INFO=<ID=AN_grpmax,Number=A,Type=Integer,Description="Total number of alleles in the genetic ancestry group with the maximum allele frequency">',
    '##INFO=<ID=nhomalt_grpmax,Number=A,Type=Integer,Description="Count of homozygous individuals in the genetic ancestry group with the maximum allele frequency">',
    '##INFO=<ID=fafmax_faf95_max,Number=A,Type=Float,Description="Maximum filtering allele frequency (using Poisson 95% CI) across genetic ancestry groups">',
    '##INFO=<ID=fafmax_faf95_max_gen_anc,Number=A,Type=String,Description="Genetic ancestry group with maximum filtering allele frequency (using Poisson 95% CI)">',
    '##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="Count of homozygous individuals">']
  for (const [sex, who] of [['XX', 'XX'], ['XY', 'XY']]) {
    lines.push(`##INFO=<ID=AC_${sex},Number=A,Type=Integer,Description="Alternate allele count for ${who} samples">`,
      `##INFO=<ID=AN_${sex},Number=1,Type=Integer,Description="Total number of alleles in ${who} samples">`,
      `##INFO=<ID=AF_${sex},Number=A,Type=Float,Description="Alternate allele frequency in ${who} samples">`,
      `##INFO=<ID=nhomalt_${sex},Number=A,Type=Integer,Description="Count of homozygous individuals in ${who} samples (hemizygous XY on chrX/chrY included)">`)
  }
  for (const [id, name] of GROUPS) {
    lines.push(`##INFO=<ID=AC_${id},Number=A,Type=Integer,Description="Alternate allele count for samples of ${name} ancestry">`,
      `##INFO=<ID=AN_${id},Number=1,Type=Integer,Description="Total number of alleles in samples of ${name} ancestry">`,
      `##INFO=<ID=AF_${id},Number=A,Type=Float,Description="Alternate allele frequency in samples of ${name} ancestry">`,
      `##INFO=<ID=nhomalt_${id},Number=A,Type=Integer,Description="Count of homozygous individuals in samples of ${name} ancestry">`)
  }
  lines.push('##INFO=<ID=allele_type,Number=1,Type=String,Description="Allele type (snv, ins, del, or mixed)">',
    '##INFO=<ID=variant_type,Number=1,Type=String,Description="Variant type (snv, indel, multi-snv, multi-indel, or mixed)">',
    '##INFO=<ID=n_alt_alleles,Number=1,Type=Integer,Description="Total number of alternate alleles observed at variant locus">',
    '##source=gnomAD-like sites (synthetic: vartriage world)', '##reference=GRCh38')
  for (const c of world.contigs) if (c.name !== 'MT') lines.push(`##contig=<ID=${ucscName(c.name)},length=${c.length},assembly=GRCh38>`)
  lines.push('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO')
  return lines.join('\n') + '\n'
}

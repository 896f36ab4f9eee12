// A tumour/normal pair for a synthetic world: one two-sample VCF shaped like Mutect2's
// (FORMAT GT:AD:AF:DP, NORMAL then TUMOUR, ##normal_sample/##tumor_sample), with somatic
// variants at chosen allele fractions (hotspots from the world's evidence table among them),
// germline variants that the normal shares, and calls that fail one quality threshold. The
// truth (what a tumour-AF >= 5%, DP >= 20, normal-AF <= 1%, DP >= 10 selection must keep)
// goes to a JSON file. A pure function of the world and the seed.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Output } from '../sink/output.js'
import { BundleError } from '../resources/bundle.js'
import { Rng } from './rng.js'
import { buildWorld, type Gene, type World } from './world.js'
import { baseAt, canonical, codingMap, type CodingMap } from './coding.js'
import { CODE, complement } from './code.js'
import { hotspotSites } from './civic.js'
import type { Scale } from './models.js'

export const TUMOUR_FILES = { vcf: 'tumour-normal.vcf.gz', truth: 'tumour-normal.truth.json' } as const
export const NORMAL_SAMPLE = 'NORMAL'
export const TUMOUR_SAMPLE = 'TUMOUR'

/** Why a designed call is (not) somatic. */
export type TruthClass =
  | 'somatic' | 'somatic-hotspot' | 'somatic-boundary'
  | 'germline-het' | 'germline-hom'
  | 'low-tumour-af' | 'low-tumour-dp' | 'low-normal-dp' | 'normal-alt-reads' | 'normal-missing'

export interface TruthVariant {
  chrom: string
  pos: number
  ref: string
  alt: string
  class: TruthClass
  /** True when the default somatic selection must keep this allele. */
  somatic: boolean
  gene?: string
  /** Designed effect: 'missense', 'stop_gained', 'synonymous', 'frameshift', or a hotspot change such as 'G12D'. */
  design?: string
  tumour: { ad: [number, number]; dp: number; af: number }
  normal: { ad: [number, number]; dp: number; af: number } | null
}

export interface TumourTruth {
  seed: number
  world: { seed: number; scale: Scale }
  samples: { normal: string; tumour: string }
  thresholds: { minTumourAf: number; minTumourDp: number; maxNormalAf: number; minNormalDp: number }
  variants: TruthVariant[]
}

export interface TumourOptions {
  /** A bundle written by `vartriage world` (its resources.json names the seed and scale). */
  resources: string
  out: string
  seed: number
}

const T = { minTumourAf: 0.05, minTumourDp: 20, maxNormalAf: 0.01, minNormalDp: 10 }

interface Call { ad: [number, number]; dp: number }
/** One sample's reads at a record: REF reads, reads per ALT, and DP. */
interface Reads { ref: number; alts: number[]; dp: number }
interface Draft { chrom: string; pos: number; ref: string; alts: string[]; cls: TruthClass[]; gene?: string; design?: string[]; tumour: Reads; normal: Reads | null; filter: string }

const total = (r: Reads) => r.ref + r.alts.reduce((a, b) => a + b, 0)
/** ALT k's allele fraction as Mutect2-shaped output prints it (3 decimals). */
const afOf = (r: Reads, k: number) => Math.round((1000 * r.alts[k]) / Math.max(1, total(r))) / 1000

/** Reads an allele fraction as Mutect2 would print it (3 decimals). */
const af3 = (c: Call) => Math.round((1000 * c.ad[1]) / Math.max(1, c.ad[0] + c.ad[1])) / 1000
const f32 = (x: number) => Math.fround(x)

/** The default selection, evaluated on the printed AF (f32, as VCF readers store it) and on AD: the two must agree. */
function selected(t: Call, n: Call | null): boolean | undefined {
  if (!n) return false
  const byAf = f32(af3(t)) >= T.minTumourAf && t.dp >= T.minTumourDp && f32(af3(n)) <= T.maxNormalAf && n.dp >= T.minNormalDp
  const byAd = t.ad[1] / (t.ad[0] + t.ad[1]) >= T.minTumourAf && t.dp >= T.minTumourDp && n.ad[1] / Math.max(1, n.ad[0] + n.ad[1]) <= T.maxNormalAf && n.dp >= T.minNormalDp
  return byAf === byAd ? byAf : undefined
}

/** Reads at depth `depth` with `alt` of them supporting the ALT; DP adds a few filtered reads, as Mutect2's does. */
function reads(r: Rng, depth: number, frac: number): Call {
  const alt = Math.max(0, Math.min(depth, Math.round(depth * frac)))
  return { ad: [depth - alt, alt], dp: depth + r.int(0, 3) }
}

export function designTumour(world: World, seed: number): { drafts: Draft[] } {
  const rng = new Rng(seed).fork('tumour')
  const used = new Set<string>()
  const drafts: Draft[] = []
  const coding = world.genes.filter((g) => g.biotype === 'protein_coding')
  const maps = new Map<Gene, CodingMap>(coding.map((g) => [g, codingMap(world, g, canonical(g))!]))
  const free = (chrom: string, pos: number, span = 1) => {
    for (let p = pos - 1; p <= pos + span; p++) if (used.has(`${chrom}:${p}`)) return false
    return true
  }
  const take = (chrom: string, pos: number, span = 1) => { for (let p = pos; p < pos + span; p++) used.add(`${chrom}:${p}`) }

  // a call pair for a class, redrawn until AF- and AD-based selection agree with the class
  const pair = (r: Rng, cls: TruthClass): { t: Call; n: Call | null; filter: string } => {
    for (;;) {
      const tDepth = r.int(40, 160), nDepth = r.int(25, 80)
      let t: Call, n: Call | null, filter = 'PASS'
      switch (cls) {
        case 'somatic': case 'somatic-hotspot': t = reads(r, tDepth, 0.08 + 0.5 * r.next()); n = reads(r, nDepth, 0); break
        case 'somatic-boundary': // exactly at the thresholds: tumour 1/20 alt reads, normal 1/100
          t = r.chance(0.5) ? { ad: [19, 1], dp: 20 } : reads(r, tDepth, 0.3)
          n = t.dp === 20 ? reads(r, nDepth, 0) : { ad: [99, 1], dp: 100 }
          break
        case 'germline-het': t = reads(r, tDepth, 0.35 + 0.3 * r.next()); n = reads(r, nDepth, 0.4 + 0.2 * r.next()); filter = 'germline'; break
        case 'germline-hom': t = reads(r, tDepth, 1); n = reads(r, nDepth, 1); filter = 'germline'; break
        case 'low-tumour-af': t = reads(r, r.int(80, 300), 0.01 + 0.035 * r.next()); n = reads(r, nDepth, 0); filter = 'weak_evidence'; break
        case 'low-tumour-dp': t = reads(r, r.int(6, 19), 0.3 + 0.3 * r.next()); t.dp = t.ad[0] + t.ad[1]; n = reads(r, nDepth, 0); filter = 'weak_evidence'; break
        case 'low-normal-dp': t = reads(r, tDepth, 0.1 + 0.4 * r.next()); n = reads(r, r.int(2, 9), 0); n.dp = n.ad[0]; break
        case 'normal-alt-reads': t = reads(r, tDepth, 0.1 + 0.4 * r.next()); n = reads(r, r.int(30, 80), 0.03 + 0.1 * r.next()); filter = 'normal_artifact'; break
        case 'normal-missing': t = reads(r, tDepth, 0.1 + 0.4 * r.next()); n = null; break
      }
      if (t.ad[1] === 0) continue
      const s = selected(t, n)
      if (s === undefined || s !== cls.startsWith('somatic')) continue
      return { t, n, filter }
    }
  }

  const add = (r: Rng, chrom: string, pos: number, ref: string, alt: string, cls: TruthClass, gene?: string, design?: string) => {
    const { t, n, filter } = pair(r, cls)
    take(chrom, pos, ref.length)
    const one = (c: Call): Reads => ({ ref: c.ad[0], alts: [c.ad[1]], dp: c.dp })
    drafts.push({ chrom, pos, ref, alts: [alt], cls: [cls], gene, design: design ? [design] : undefined, tumour: one(t), normal: n && one(n), filter })
  }

  // hotspots: one change per position
  const hr = rng.fork('hotspots')
  for (const s of hotspotSites(world)) {
    if (!free(s.chrom, s.pos)) continue
    add(hr, s.chrom, s.pos, s.ref, s.alt, 'somatic-hotspot', s.gene.symbol, s.change)
  }

  // coding SNVs by designed effect, in random genes
  const plus = (g: Gene, b: string) => (g.strand === 1 ? b : complement(b))
  const cdsSnv = (r: Rng, want: (ref: string, alt: string) => boolean): { g: Gene; pos: number; ref: string; alt: string } | undefined => {
    for (let tries = 0; tries < 500; tries++) {
      const g = r.pick(coding), m = maps.get(g)!
      const codon = r.int(1, m.seq.length / 3 - 2), k = r.int(0, 2), b = r.pick(['A', 'C', 'G', 'T'])
      const c = m.seq.slice(codon * 3, codon * 3 + 3)
      if (b === c[k]) continue
      if (!want(CODE.get(c)!, CODE.get(c.slice(0, k) + b + c.slice(k + 1))!)) continue
      const pos = m.positions[codon * 3 + k]
      if (!free(g.chrom, pos)) continue
      return { g, pos, ref: plus(g, c[k]), alt: plus(g, b) }
    }
    return undefined
  }
  const cr = rng.fork('coding')
  const effects: [string, number, (a: string, b: string) => boolean][] = [
    ['missense', 40, (a, b) => a !== b && a !== '*' && b !== '*'], ['stop_gained', 8, (a, b) => a !== '*' && b === '*'], ['synonymous', 14, (a, b) => a === b],
  ]
  for (const [design, n, want] of effects) for (let i = 0; i < n; i++) {
    const v = cdsSnv(cr, want)
    if (v) add(cr, v.g.chrom, v.pos, v.ref, v.alt, i % 10 === 9 ? 'somatic-boundary' : 'somatic', v.g.symbol, design)
  }
  // truncating SNVs in tumour suppressors with gene-level evidence
  const tsg = new Set(['BRCA1', 'BRCA2', 'PTEN', 'ATM', 'VHL', 'STK11', 'RB1', 'SMAD4', 'APC', 'ARID1A'])
  const tr = rng.fork('tsg')
  for (const g of coding.filter((x) => tsg.has(x.symbol ?? '')).slice(0, 4)) {
    const m = maps.get(g)!
    for (let tries = 0; tries < 500; tries++) {
      const codon = tr.int(2, m.seq.length / 3 - 2), k = tr.int(0, 2), b = tr.pick(['A', 'G', 'T'])
      const c = m.seq.slice(codon * 3, codon * 3 + 3)
      const alt = c.slice(0, k) + b + c.slice(k + 1)
      if (b === c[k] || CODE.get(c) === '*' || CODE.get(alt) !== '*' || !free(g.chrom, m.positions[codon * 3 + k])) continue
      add(tr, g.chrom, m.positions[codon * 3 + k], plus(g, c[k]), plus(g, b), 'somatic', g.symbol, 'stop_gained')
      break
    }
  }
  // 1-base frameshift deletions inside an exon (left-aligned: the deleted base differs from the anchor)
  const fr = rng.fork('frameshift')
  for (let i = 0; i < 6; i++) {
    for (let tries = 0; tries < 200; tries++) {
      const g = fr.pick(coding), m = maps.get(g)!
      const j = fr.int(6, m.seq.length - 7)
      const p = m.positions[j]
      const neighbours = [m.positions[j - 1], m.positions[j + 1]]
      if (!neighbours.includes(p - 1) || !neighbours.includes(p + 1)) continue // within one exon
      const anchor = baseAt(world, g.chrom, p - 1), del = baseAt(world, g.chrom, p), next = baseAt(world, g.chrom, p + 1)
      if (del === anchor || del === next || !free(g.chrom, p - 1, 2)) continue
      add(fr, g.chrom, p - 1, anchor + del, anchor, 'somatic', g.symbol, 'frameshift')
      break
    }
  }
  // non-coding somatic and germline and failing calls anywhere in the designed sequence
  const segs = [...world.segments].flatMap(([chrom, ss]) => chrom === 'MT' ? [] : ss.map((s) => ({ chrom, s })))
  const anywhere = (r: Rng): { chrom: string; pos: number; ref: string; alt: string } => {
    for (;;) {
      const { chrom, s } = r.pick(segs)
      const pos = s.start + r.int(5, s.seq.length - 6)
      const ref = s.seq[pos - s.start]
      if (ref === 'N' || !free(chrom, pos)) continue
      return { chrom, pos, ref, alt: r.pick(['A', 'C', 'G', 'T'].filter((b) => b !== ref)) }
    }
  }
  const nr = rng.fork('background')
  const counts: [TruthClass, number][] = [
    ['somatic', 30], ['somatic-boundary', 4], ['germline-het', 80], ['germline-hom', 25], ['low-tumour-af', 12], ['low-tumour-dp', 10],
    ['low-normal-dp', 10], ['normal-alt-reads', 10], ['normal-missing', 4],
  ]
  for (const [cls, n] of counts) for (let i = 0; i < n; i++) {
    const v = anywhere(nr)
    add(nr, v.chrom, v.pos, v.ref, v.alt, cls)
  }
  // multi-allelic sites: a somatic ALT next to a germline one (Mutect2 writes both on one record)
  const mr = rng.fork('multi')
  for (let i = 0; i < 3; i++) {
    const v = anywhere(mr)
    const alt2 = ['A', 'C', 'G', 'T'].filter((b) => b !== v.ref && b !== v.alt)[mr.int(0, 1)]
    const D = mr.int(60, 150), som = Math.round(D * (0.1 + 0.2 * mr.next())), germ = Math.round(D * (0.4 + 0.1 * mr.next()))
    const ND = mr.int(30, 80), nGerm = Math.round(ND * 0.45)
    take(v.chrom, v.pos)
    drafts.push({ chrom: v.chrom, pos: v.pos, ref: v.ref, alts: [v.alt, alt2], cls: ['somatic', 'germline-het'], filter: 'germline',
      tumour: { ref: D - som - germ, alts: [som, germ], dp: D + mr.int(0, 3) }, normal: { ref: ND - nGerm, alts: [0, nGerm], dp: ND } })
  }
  const order = new Map(world.contigs.map((c, i) => [c.name, i]))
  drafts.sort((a, b) => order.get(a.chrom)! - order.get(b.chrom)! || a.pos - b.pos)
  return { drafts }
}

const HEADER = [
  '##fileformat=VCFv4.2',
  '##FILTER=<ID=PASS,Description="All filters passed">',
  '##FILTER=<ID=germline,Description="Evidence indicates this site is germline, not somatic">',
  '##FILTER=<ID=normal_artifact,Description="artifact_in_normal">',
  '##FILTER=<ID=weak_evidence,Description="Mutation does not meet likelihood threshold">',
  '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
  '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fractions of alternate alleles in the tumor">',
  '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">',
  '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
  '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
  '##INFO=<ID=TLOD,Number=A,Type=Float,Description="Log 10 likelihood ratio score of variant existing versus not existing">',
]

/** log10 likelihood ratio of a variant at fraction alt/depth versus none (the shape of Mutect2's TLOD). */
function tlod(r: number, a: number): number {
  const f = a / Math.max(1, r + a)
  if (a === 0) return 0
  return (a * Math.log10(f) + (r > 0 ? r * Math.log10(1 - f) : 0) - (a * Math.log10(0.001) + r * Math.log10(0.999)))
}

function sampleField(r: Reads | null, gt: string): string {
  if (!r) return './.:.:.:.'
  return `${gt}:${[r.ref, ...r.alts].join(',')}:${r.alts.map((_, k) => String(afOf(r, k))).join(',')}:${r.dp}`
}

export function tumourVcfLine(d: Draft): string {
  const n = d.normal, t = d.tumour
  const tGt = d.alts.length > 1 ? '0/1/2' : t.ref === 0 ? '1/1' : '0/1'
  // the normal's genotype as a germline caller would see it
  const nGt = !n ? './.' : n.alts.every((a) => a <= 0.2 * n.ref) ? '0/0' : n.ref === 0 ? '1/1' : `0/${1 + n.alts.findIndex((a) => a > 0.2 * n.ref)}`
  const info = `DP=${t.dp + (n ? n.dp : 0)};TLOD=${t.alts.map((a) => tlod(t.ref, a).toFixed(2)).join(',')}`
  return `${d.chrom}\t${d.pos}\t.\t${d.ref}\t${d.alts.join(',')}\t.\t${d.filter}\t${info}\tGT:AD:AF:DP\t${sampleField(n, nGt)}\t${sampleField(t, tGt)}\n`
}

const enc = new TextEncoder()

/** Writes tumour-normal.vcf.gz (+ .tbi) and tumour-normal.truth.json for the world in `resources`. */
export async function generateTumour(opts: TumourOptions): Promise<{ vcf: string; truth: TumourTruth }> {
  if (!Number.isSafeInteger(opts.seed) || opts.seed < 0 || opts.seed > 0xffffffff) throw new RangeError(`seed must be an integer 0..4294967295, got ${opts.seed}`)
  const manifestPath = join(opts.resources, 'resources.json')
  let gen: { tool?: string; seed?: number; scale?: Scale } | undefined
  try { gen = JSON.parse(readFileSync(manifestPath, 'utf8')).generator } catch (e) {
    throw new BundleError(`cannot read the bundle manifest: ${(e as Error).message}`, { file: manifestPath })
  }
  if (gen?.tool !== 'vartriage world' || typeof gen.seed !== 'number' || (gen.scale !== 'small' && gen.scale !== 'wgs')) {
    throw new BundleError('not a bundle written by `vartriage world` (the tumour generator rebuilds its world from the manifest\'s generator seed and scale)', { file: manifestPath })
  }
  const world = buildWorld(gen.seed, gen.scale)
  const { drafts } = designTumour(world, opts.seed)
  mkdirSync(opts.out, { recursive: true })
  const vcf = join(opts.out, TUMOUR_FILES.vcf)
  const out = new Output({ path: vcf, type: 'z', index: 'tbi', maxRefLength: Math.max(...world.contigs.map((c) => c.length)) })
  const header = [...HEADER, ...world.contigs.map((c) => `##contig=<ID=${c.name},length=${c.length},assembly=GRCh38>`),
    `##normal_sample=${NORMAL_SAMPLE}`, '##reference=GRCh38.world.fa.gz', '##source=Mutect2 (synthetic: vartriage world tumour)',
    `##tumor_sample=${TUMOUR_SAMPLE}`, `#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t${NORMAL_SAMPLE}\t${TUMOUR_SAMPLE}`]
  out.write(header.join('\n') + '\n')
  for (const d of drafts) out.writeRecord(enc.encode(tumourVcfLine(d)), d.chrom, d.pos - 1, d.pos - 1 + d.ref.length)
  out.close()
  const variants: TruthVariant[] = drafts.flatMap((d) => d.alts.map((alt, k) => {
    const t = d.tumour, n = d.normal
    return {
      chrom: d.chrom, pos: d.pos, ref: d.ref, alt, class: d.cls[k], somatic: d.cls[k].startsWith('somatic'),
      ...(d.gene ? { gene: d.gene } : {}), ...(d.design ? { design: d.design[k] } : {}),
      tumour: { ad: [t.ref, t.alts[k]] as [number, number], dp: t.dp, af: afOf(t, k) },
      normal: n ? { ad: [n.ref, n.alts[k]] as [number, number], dp: n.dp, af: afOf(n, k) } : null,
    }
  }))
  const truth: TumourTruth = { seed: opts.seed, world: { seed: gen.seed, scale: gen.scale }, samples: { normal: NORMAL_SAMPLE, tumour: TUMOUR_SAMPLE }, thresholds: T, variants }
  writeFileSync(join(opts.out, TUMOUR_FILES.truth), JSON.stringify(truth, null, 1) + '\n')
  return { vcf, truth }
}

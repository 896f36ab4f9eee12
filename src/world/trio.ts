// `vartriage world trio`: a seeded family genome VCF.gz (+ .tbi), PED, phenopacket(s) and
// truth.json on top of a world bundle. The world is rebuilt from the bundle manifest's seed
// and scale (the sequence and gene models are a pure function of them); population sites
// come from the bundle's population VCF, phenotypes from its genes_to_phenotype.txt.
// Streamed contig by contig: sites are drawn and written in one pass, nothing per genome
// is held in memory. See docs/inheritance.md ("The trio generator").
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { UsageError } from '../errors.js'
import { openBundle, BundleError } from '../resources/bundle.js'
import { VcfReader } from '../reader/reader.js'
import { BgzfWriter } from '../bgzf/writer.js'
import { IndexBuilder } from '../index/writer.js'
import { inIntervals, parIntervals } from '../coverage/chromosomes.js'
import { phenopacketJson } from '../case/phenopacket.js'
import type { Individual } from '../prioritise/model.js'
import { Rng } from './rng.js'
import { buildWorld, type World } from './world.js'
import type { Scale } from './models.js'
import { ucscName } from './genome.js'
import { LineBuffer, LOW_QUALITY_RATE, MISSING_RATE, writeCall } from './trio-calls.js'
import { designLof, eligibleGenes, keyOf, readGenesToPhenotype, sampleTerms, type CausalVariant } from './trio-causal.js'
import { SPIKE_MODES, type FamilyPlan, type Role, type SpikeMode } from './trio-model.js'

export interface TrioOptions {
  resources: string
  out: string
  /** The case: which gene, mode, variants and HPO terms (default 1). */
  seed?: number
  /** The families' background genomes (default: seed). Keep it fixed to spike many cases into one background. */
  backgroundSeed?: number
  mode?: SpikeMode
  /** One mode per family, in turn (families beyond the list start it again); overrides mode. */
  modes?: SpikeMode[]
  gene?: string
  kind?: 'snv' | 'indel'
  /** Records in the VCF, about (default 40,000 for a small world, 4,500,000 for wgs). */
  variants?: number
  families?: number
  /** Add an unaffected sibling to each family. */
  quad?: boolean
  /** File name prefix (default 'trio'). */
  name?: string
  /** bgzip level (default 1: a 5M-record genome compresses several times faster than at 6). */
  level?: number
  /** Rare private variants per Mb of gene-region sequence per haploid genome (default 6). */
  rarePerMb?: number
}

export interface TrioTruth {
  family: string
  proband: string
  sex: 'male' | 'female'
  gene: string
  mode: SpikeMode
  variants: (CausalVariant & { key: string; genotypes: Record<string, string> })[]
  hpo: string[]
  hpoFromGene: string[]
  hpoNoise: string[]
}

export interface TrioResult {
  vcf: string
  ped: string
  phenopackets: string[]
  truth: string
  cases: TrioTruth[]
  records: number
  samples: string[]
}

const BASES = ['A', 'C', 'G', 'T']
const OTHER_BASES = BASES.map((b) => BASES.filter((x) => x !== b))
const MULTI_ALTS = OTHER_BASES.map((o) => [`${o[0]},${o[1]}`, `${o[0]},${o[2]}`])
const MODES_DEFAULT: SpikeMode[] = ['de_novo', 'autosomal_recessive_hom', 'compound_het', 'x_linked_recessive']

interface PopSite { pos: number; ref: string; alt: string; af: number }
interface Event {
  pos: number; ref: string; alt: string
  kind: 0 | 1 | 2 // population, rare private, causal
  af?: number
  carrier?: { family: number; founder: number }
  /** causal: allele pairs per family column (relative to the family's first column). */
  calls?: { family: number; gts: [number, number][] }
}

export interface LoadedWorld { world: World; g2p: ReturnType<typeof readGenesToPhenotype>; population: Map<string, PopSite[]> }

/** Loads the world a bundle was generated from, with its population sites (load once for many cases). */
export async function loadWorldBundle(resources: string): Promise<LoadedWorld> {
  const bundle = await openBundle(resources)
  const gen = bundle.manifest.generator as { seed?: number; scale?: Scale; tool?: string } | undefined
  if (!gen || typeof gen.seed !== 'number' || (gen.scale !== 'small' && gen.scale !== 'wgs')) {
    throw new BundleError('not a bundle made by `vartriage world` (its manifest records no generator seed and scale)', { file: join(resources, 'resources.json') })
  }
  const world = buildWorld(gen.seed, gen.scale)
  const g2p = readGenesToPhenotype(readFileSync(bundle.path('genes-to-phenotype'), 'utf8'))
  return { world, g2p, population: await readPopulation(bundle.path('population')) }
}

async function readPopulation(path: string): Promise<Map<string, PopSite[]>> {
  const reader = await VcfReader.open(path, { overlapInflate: false })
  const out = new Map<string, PopSite[]>()
  for await (const b of reader.batches({ info: ['AF'] })) {
    for (let i = 0; i < b.n; i++) {
      const c = b.chrom(i)
      const chrom = c === 'chrM' ? 'MT' : c.replace(/^chr/, '')
      const af = b.info(i, 'AF')
      const alts = b.alt(i).split(',')
      alts.forEach((alt, k) => {
        const v = Array.isArray(af) ? af[k] ?? 0 : 0
        const list = out.get(chrom) ?? []
        list.push({ pos: b.pos[i], ref: b.ref(i), alt, af: v ?? 0 })
        out.set(chrom, list)
      })
    }
  }
  return out
}

function planFamilies(rng: Rng, n: number, quad: boolean, probandSex: (f: number) => 'male' | 'female' | undefined): FamilyPlan[] {
  const out: FamilyPlan[] = []
  let column = 0
  for (let f = 0; f < n; f++) {
    const id = `FAM${f + 1}`
    const roles: Role[] = quad ? ['father', 'mother', 'proband', 'sibling'] : ['father', 'mother', 'proband']
    const sexes = roles.map((r) => {
      if (r === 'father' || r === 'mother') return r === 'father' ? 'male' : 'female'
      const drawn = rng.chance(0.5) ? 'male' : 'female' // drawn either way: the stream stays aligned
      return r === 'proband' ? probandSex(f) ?? drawn : drawn
    }) as ('male' | 'female')[]
    out.push({ id, roles, names: roles.map((r) => `${id}_${r}`), sexes, column })
    column += roles.length
  }
  return out
}

export async function generateTrio(opts: TrioOptions, pre?: LoadedWorld): Promise<TrioResult> {
  const seed = opts.seed ?? 1
  const bgSeed = opts.backgroundSeed ?? seed
  for (const [k, v] of [['seed', seed], ['backgroundSeed', bgSeed]] as const) {
    if (!Number.isSafeInteger(v) || v < 0 || v > 0xffffffff) throw new UsageError(`world trio: ${k} must be an integer 0..4294967295, got ${v}`)
  }
  const nFam = opts.families ?? 1
  if (!Number.isInteger(nFam) || nFam < 1 || nFam > 100) throw new UsageError(`world trio: families must be 1..100, got ${nFam}`)
  const { world, g2p, population: pop } = pre ?? await loadWorldBundle(opts.resources)
  const caseRng = new Rng(seed).fork('trio-case')
  const bgRng = new Rng(bgSeed).fork('trio-background')
  const taken = new Set<string>()
  for (const [c, list] of pop) for (const s of list) taken.add(keyOf({ chrom: c, ...s }))

  // the cases: gene, mode, variants per family
  const cases: { mode: SpikeMode; gene: string; variants: CausalVariant[]; terms: ReturnType<typeof sampleTerms> }[] = []
  for (let f = 0; f < nFam; f++) {
    const r = caseRng.fork(`family${f}`)
    const mode = opts.modes?.length ? opts.modes[f % opts.modes.length] : opts.mode ?? r.pick(MODES_DEFAULT)
    if (!SPIKE_MODES.includes(mode)) throw new UsageError(`world trio: --mode must be one of ${SPIKE_MODES.join(', ')}, got "${mode}"`)
    const pool = eligibleGenes(world, g2p, mode)
    let gene = opts.gene && f === 0 ? world.genes.find((g) => g.symbol === opts.gene) : r.pick(pool)
    if (!gene) throw new UsageError(`world trio: gene "${opts.gene}" is not in the world`)
    if (opts.gene && f === 0 && !pool.includes(gene)) throw new UsageError(`world trio: gene ${opts.gene} cannot carry mode ${mode} (needs a protein-coding gene with phenotype annotations${mode === 'x_linked_recessive' ? ' on X' : ' on an autosome'})`)
    if (!gene) gene = pool[0]
    const kind = opts.kind ?? (r.chance(0.75) ? 'snv' : 'indel')
    const n = mode === 'compound_het' ? 2 : 1
    const variants: CausalVariant[] = []
    for (let k = 0; k < n; k++) variants.push(designLof(r, world, gene, k === 0 ? kind : (r.chance(0.75) ? 'snv' : 'indel'), taken))
    variants.sort((a, b) => a.pos - b.pos)
    cases.push({ mode, gene: gene.symbol!, variants, terms: sampleTerms(r, g2p, gene.symbol!) })
  }
  // sexes belong to the background (a fixed background seed keeps X the same across cases),
  // except that an X-linked recessive case needs a son
  const fams = planFamilies(bgRng.fork('families'), nFam, opts.quad ?? false, (f) => cases[f].mode === 'x_linked_recessive' ? 'male' : undefined)
  const samples = fams.flatMap((f) => f.names)
  const nS = samples.length
  const male = Uint8Array.from(fams.flatMap((f) => f.sexes.map((s) => s === 'male' ? 1 : 0)))

  // causal events per contig
  const causal = new Map<string, Event[]>()
  const truth: TrioTruth[] = []
  cases.forEach((c, f) => {
    const fam = fams[f]
    const gtsOf = spikeGenotypes(caseRng.fork(`calls${f}`), c.mode, fam, c.variants.length)
    const variants = c.variants.map((v, k) => {
      const gts = gtsOf[k]
      const list = causal.get(v.chrom) ?? []
      list.push({ pos: v.pos, ref: v.ref, alt: v.alt, kind: 2, calls: { family: f, gts } })
      causal.set(v.chrom, list)
      const genotypes: Record<string, string> = {}
      fam.names.forEach((n, j) => { genotypes[n] = gts[j][1] === -2 ? String(gts[j][0]) : `${gts[j][0]}/${gts[j][1]}` })
      return { ...v, key: keyOf({ ...v, chrom: ucscName(v.chrom) }), genotypes }
    })
    truth.push({ family: fam.id, proband: fam.names[fam.roles.indexOf('proband')], sex: fam.sexes[fam.roles.indexOf('proband')], gene: c.gene, mode: c.mode,
      variants, hpo: c.terms.observed.map((t) => t.id), hpoFromGene: c.terms.fromGene, hpoNoise: c.terms.noise })
  })

  // how many filler (intergenic, common) records to reach the target count
  const founders = nFam * 2
  const segLen = new Map<string, number>()
  for (const [c, segs] of world.segments) segLen.set(c, segs.reduce((a, s) => a + s.seq.length, 0))
  const rarePerMb = opts.rarePerMb ?? 6
  let expectedGenic = 0
  for (const [c, list] of pop) if (c !== 'Y') for (const s of list) expectedGenic += 1 - Math.pow(1 - s.af, 2 * founders)
  for (const [c, L] of segLen) if (c !== 'Y' && c !== 'MT') expectedGenic += rarePerMb * L / 1e6 * 2 * founders
  const target = opts.variants ?? (world.scale === 'wgs' ? 4_500_000 : 40_000)
  const filler = Math.max(0, target - Math.round(expectedGenic))
  const contigs = world.contigs.filter((c) => c.name !== 'Y')
  const fillerGenome = contigs.filter((c) => c.name !== 'MT').reduce((a, c) => a + c.length, 0)

  mkdirSync(opts.out, { recursive: true })
  const name = opts.name ?? 'trio'
  const vcfPath = join(opts.out, `${name}.vcf.gz`)
  const fd = openSync(vcfPath, 'w')
  const bgzf = new BgzfWriter((chunk) => { let o = 0; while (o < chunk.length) o += writeSync(fd, chunk, o) }, { level: opts.level ?? 1 })
  const index = new IndexBuilder({ format: 'tbi', file: vcfPath })
  bgzf.write(new TextEncoder().encode(headerText(contigs, samples)))
  const line = new LineBuffer()
  const causalCalls = caseRng.fork('causal-calls')
  const alleles = new Int8Array(nS * 2)
  let records = 0

  const group = { n: 0, start: 0n, beg: 0, end: 0, window: 0, chrom: '' }
  const flushGroup = () => {
    if (group.n === 0) return
    index.add(group.chrom, group.beg, group.end, group.start, bgzf.virtualOffset)
    // the index counts mapped records (in each contig's pseudo-bin): count the whole group
    ;(index as unknown as { nMapped: bigint }).nMapped += BigInt(group.n - 1)
    group.n = 0
    group.end = 0
  }
  for (const contig of contigs) {
    const chrom = contig.name
    const vcfChrom = ucscName(chrom)
    group.chrom = vcfChrom
    const isMT = chrom === 'MT'
    const pars = chrom === 'X' ? parIntervals('X', contig.length, 'union') : []
    const events: Event[] = []
    for (const s of pop.get(chrom) ?? []) events.push({ pos: s.pos, ref: s.ref, alt: s.alt, kind: 0, af: s.af })
    if (!isMT) rareEvents(bgRng.fork(`rare:${chrom}`), world, chrom, rarePerMb * (segLen.get(chrom) ?? 0) / 1e6 * 2 * founders, founders, taken, events)
    events.push(...(causal.get(chrom) ?? []))
    events.sort((a, b) => a.pos - b.pos || b.kind - a.kind)
    // one record per position: a causal variant wins over background at its position
    const kept: Event[] = []
    for (const e of events) if (kept.length === 0 || kept[kept.length - 1].pos !== e.pos) kept.push(e)
    const fr = bgRng.fork(`filler:${chrom}`)
    const nFill = isMT ? Math.min(40, Math.round(filler / 1e5) + 10) : Math.round(filler * contig.length / fillerGenome)
    const fill = new Int32Array(nFill)
    for (let k = 0; k < nFill; k++) fill[k] = 1 + Math.floor(fr.next() * (contig.length - 1))
    fill.sort()
    const segs = world.segments.get(chrom) ?? []
    const callRng = bgRng.fork(`calls:${chrom}`)
    // designed (genic) sites draw from streams of their own: their records do not depend on
    // how many filler records lie between them (--variants)
    const gr = bgRng.fork(`genic:${chrom}`), genicCalls = bgRng.fork(`genic-calls:${chrom}`)
    let e = 0, k = 0, seg = 0, lastPos = 0
    while (e < kept.length || k < nFill) {
      const useEvent = k >= nFill || (e < kept.length && kept[e].pos <= fill[k])
      let pos: number, ref: string, alt: string, nAlt = 1
      if (useEvent) {
        const ev = kept[e++]
        pos = ev.pos; ref = ev.ref; alt = ev.alt
        if (pos === lastPos) continue
        const hemiX = chrom === 'X' && !inIntervals(pos, pars)
        if (ev.kind === 2) {
          fillRef(alleles, fams, hemiX, isMT, male)
          const fam = fams[ev.calls!.family]
          ev.calls!.gts.forEach(([a0, a1], j) => { alleles[2 * (fam.column + j)] = a0; alleles[2 * (fam.column + j) + 1] = a1 })
        } else if (ev.kind === 1) {
          fillRef(alleles, fams, hemiX, isMT, male)
          carrierFounder(gr, alleles, fams, ev.carrier!, hemiX)
        } else if (!drawFamilies(gr, alleles, fams, [ev.af ?? 0], hemiX, isMT, male, false)) continue
      } else {
        pos = fill[k++]
        if (pos === lastPos || (e < kept.length && kept[e].pos === pos)) continue
        while (seg < segs.length && segs[seg].start + segs[seg].seq.length <= pos) seg++
        // real sequence holds only designed sites, except on the mitochondrion (all sequence, no genes)
        const inSeq = seg < segs.length && segs[seg].start <= pos
        if (inSeq && !isMT) continue
        const hemiX = chrom === 'X' && !inIntervals(pos, pars)
        let b = fr.int(0, 3)
        if (inSeq) { b = BASES.indexOf(segs[seg].seq[pos - segs[seg].start]); if (b < 0) continue }
        ref = BASES[b]
        const multi = fr.chance(0.01)
        alt = multi ? MULTI_ALTS[b][fr.int(0, 1)] : OTHER_BASES[b][fr.int(0, 2)]
        nAlt = multi ? 2 : 1
        // common variants, lower frequencies likelier (a cheap stand-in for a Beta draw)
        const af = 0.02 + 0.96 * Math.pow(fr.next(), 1.6)
        const afs = multi ? [af * 0.6, af * 0.4] : [af]
        let ok = false
        for (let t = 0; t < 20 && !ok; t++) ok = drawFamilies(fr, alleles, fams, afs, hemiX, isMT, male, true)
        if (!ok) continue
      }
      lastPos = pos
      // the line
      line.len = 0
      line.ascii(vcfChrom); line.byte(9); line.int(pos); line.ascii('\t.\t'); line.ascii(ref); line.byte(9); line.ascii(alt)
      line.ascii('\t60\tPASS\t.\tGT:AD:DP:GQ')
      const isCausal = useEvent && kept[e - 1].kind === 2
      // causal records draw from the case's stream: the background's draws stay aligned
      const cr = isCausal ? causalCalls : useEvent ? genicCalls : callRng
      for (let s = 0; s < nS; s++) {
        line.byte(9)
        const missing = !isCausal && cr.chance(MISSING_RATE)
        writeCall(line, cr, missing ? -1 : alleles[2 * s], alleles[2 * s + 1], nAlt + 1, !isCausal && cr.chance(LOW_QUALITY_RATE))
      }
      line.byte(10)
      // records in one 16 kb window fall in one leaf bin, where htslib extends a single chunk
      // record by record: adding them as one span gives the same index with far fewer calls
      const beg = pos - 1, endPos = beg + ref.length, w = beg >> 14
      if (group.n > 0 && (w !== group.window || (endPos - 1) >> 14 !== w)) flushGroup()
      const start = bgzf.writeRecord(line.view())
      if (group.n === 0) { group.start = start; group.beg = beg; group.window = (endPos - 1) >> 14 === w ? w : -1 }
      group.end = Math.max(group.end, endPos)
      group.n++
      if (group.window < 0) flushGroup()
      records++
    }
    flushGroup()
  }
  bgzf.flush()
  const end = bgzf.virtualOffset
  bgzf.close()
  closeSync(fd)
  writeFileSync(`${vcfPath}.tbi`, index.finish(end))

  // PED, phenopackets, truth
  const pedPath = join(opts.out, `${name}.ped`)
  const individuals: Individual[] = []
  let ped = '#family\tindividual\tfather\tmother\tsex\tphenotype\n'
  fams.forEach((fam, f) => {
    const father = fam.names[0], mother = fam.names[1]
    fam.roles.forEach((r, j) => {
      const affected = r === 'proband' || (r === 'father' && cases[f].mode === 'autosomal_dominant')
      const child = r === 'proband' || r === 'sibling'
      ped += `${fam.id}\t${fam.names[j]}\t${child ? father : 0}\t${child ? mother : 0}\t${fam.sexes[j] === 'male' ? 1 : 2}\t${affected ? 2 : 1}\n`
      individuals.push({ family: fam.id, id: fam.names[j], ...(child ? { father, mother } : {}), sex: fam.sexes[j], affected, sample: fam.column + j })
    })
  })
  writeFileSync(pedPath, ped)
  const phenopackets: string[] = []
  fams.forEach((fam, f) => {
    const p = join(opts.out, nFam === 1 ? `${name}.phenopacket.json` : `${name}.${fam.id}.phenopacket.json`)
    const labels = new Map(cases[f].terms.observed.map((t) => [t.id, t.name]))
    writeFileSync(p, phenopacketJson(fam.id, individuals.filter((i) => i.family === fam.id), truth[f].proband, truth[f].hpo, [], labels))
    phenopackets.push(p)
  })
  const truthPath = join(opts.out, `${name}.truth.json`)
  writeFileSync(truthPath, JSON.stringify({ generator: 'vartriage world trio', seed, backgroundSeed: bgSeed, worldSeed: world.seed, scale: world.scale, records, cases: truth }, null, 2) + '\n')
  return { vcf: vcfPath, ped: pedPath, phenopackets, truth: truthPath, cases: truth, records, samples }
}

function headerText(contigs: readonly { name: string; length: number }[], samples: string[]): string {
  return [
    '##fileformat=VCFv4.2',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##source=vartriage world trio (synthetic)',
    '##reference=GRCh38 (vartriage world)',
    ...contigs.map((c) => `##contig=<ID=${ucscName(c.name)},length=${c.length},assembly=GRCh38>`),
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
    ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...samples].join('\t'),
  ].join('\n') + '\n'
}

/** Everyone hom-ref (hemizygous ref for males on non-PAR X; haploid on MT). */
function fillRef(alleles: Int8Array, fams: FamilyPlan[], hemiX: boolean, mt: boolean, male: Uint8Array): void {
  for (let s = 0; s < alleles.length / 2; s++) { alleles[2 * s] = 0; alleles[2 * s + 1] = mt || (hemiX && male[s]) ? -2 : 0 }
}

/** One founder carries a private allele (het; hemizygous for a father on non-PAR X), transmitted to the children by Mendel. */
function carrierFounder(rng: Rng, alleles: Int8Array, fams: FamilyPlan[], carrier: { family: number; founder: number }, hemiX: boolean): void {
  const fam = fams[carrier.family]
  const c = fam.column + carrier.founder
  alleles[2 * c] = carrier.founder === 0 && hemiX ? 1 : rng.chance(0.5) ? 1 : 0
  if (!(carrier.founder === 0 && hemiX)) alleles[2 * c + 1] = 1 - alleles[2 * c]
  transmit(rng, alleles, fam, hemiX, false)
}

/**
 * Draws founders' alleles from allele frequencies (HWE), then children by transmission, with
 * Mendelian errors in children at a low rate. Returns false when nobody carries an ALT.
 */
function drawFamilies(rng: Rng, alleles: Int8Array, fams: FamilyPlan[], afs: number[], hemiX: boolean, mt: boolean, male: Uint8Array, errors: boolean): boolean {
  const draw = () => { let x = rng.next(); for (let k = 0; k < afs.length; k++) { if (x < afs[k]) return k + 1; x -= afs[k] } return 0 }
  let any = false
  for (const fam of fams) {
    for (let j = 0; j < 2; j++) {
      const s = fam.column + j
      alleles[2 * s] = draw()
      alleles[2 * s + 1] = mt || (hemiX && male[s]) ? -2 : draw()
    }
    transmit(rng, alleles, fam, hemiX, mt)
    if (errors && rng.chance(0.002)) {
      // a Mendelian error in the proband: one allele flipped (most such calls are also low quality in real data)
      const s = fam.column + 2
      alleles[2 * s] = alleles[2 * s] === 0 ? 1 : 0
    }
    for (let j = 0; j < fam.roles.length * 2; j++) if (alleles[2 * fam.column + j] > 0) any = true
  }
  return any
}

function transmit(rng: Rng, alleles: Int8Array, fam: FamilyPlan, hemiX: boolean, mt: boolean): void {
  const f = fam.column, m = fam.column + 1
  for (let j = 2; j < fam.roles.length; j++) {
    const s = fam.column + j
    const fromMother = alleles[2 * m + (mt ? 0 : rng.int(0, 1))]
    if (mt) { alleles[2 * s] = alleles[2 * m]; alleles[2 * s + 1] = -2; continue }
    if (hemiX && fam.sexes[j] === 'male') { alleles[2 * s] = fromMother; alleles[2 * s + 1] = -2; continue }
    const fromFather = hemiX ? alleles[2 * f] : alleles[2 * f + rng.int(0, 1)]
    alleles[2 * s] = fromFather
    alleles[2 * s + 1] = fromMother
  }
}

/** Private rare variants over the contig's designed sequence, each carried by one founder. */
function rareEvents(rng: Rng, world: World, chrom: string, expected: number, founders: number, taken: Set<string>, out: Event[]): void {
  const segs = world.segments.get(chrom) ?? []
  if (segs.length === 0) return
  const cum: number[] = []
  let total = 0
  for (const s of segs) { total += s.seq.length; cum.push(total) }
  const n = Math.round(expected)
  for (let k = 0; k < n; k++) {
    let x = Math.floor(rng.next() * total)
    let lo = 0
    while (cum[lo] <= x) lo++
    const seg = segs[lo]
    x -= lo > 0 ? cum[lo - 1] : 0
    const pos = seg.start + x
    const refB = seg.seq[x]
    if (refB === 'N' || x + 1 >= seg.seq.length) continue
    let ref = refB, alt: string
    const r = rng.next()
    if (r < 0.88) alt = 'ACGT'.replace(refB, '')[rng.int(0, 2)]
    else if (r < 0.94) { const del = seg.seq[x + 1]; if (del === refB) continue; ref = refB + del; alt = refB }
    else { const ins = 'ACGT'.replace(refB, '')[rng.int(0, 2)]; if (ins === seg.seq[x + 1]) continue; alt = refB + ins }
    const key = keyOf({ chrom, pos, ref, alt })
    if (taken.has(key)) continue
    taken.add(key)
    const f = rng.int(0, founders - 1)
    out.push({ pos, ref, alt, kind: 1, carrier: { family: f >> 1, founder: f & 1 } })
  }
}

/** Calls of the causal variant(s) per family member (column order of the plan), by mode. */
function spikeGenotypes(rng: Rng, mode: SpikeMode, fam: FamilyPlan, n: number): [number, number][][] {
  const role = (r: Role) => fam.roles.indexOf(r)
  const one = (calls: Partial<Record<Role, [number, number]>>): [number, number][] => fam.roles.map((r) => calls[r] ?? [0, 0])
  const sib = fam.roles.includes('sibling')
  const sibMale = sib && fam.sexes[role('sibling')] === 'male'
  switch (mode) {
    case 'de_novo': return [one({ proband: [0, 1] })]
    case 'autosomal_dominant': return [one({ father: [0, 1], proband: [0, 1] })]
    case 'autosomal_recessive_hom': return [one({ father: [0, 1], mother: [0, 1], proband: [1, 1], sibling: rng.chance(0.5) ? [0, 1] : [0, 0] })]
    case 'compound_het': {
      const sibGets = rng.int(0, 2) // the first, the second or neither
      return [
        one({ father: [0, 1], proband: [0, 1], sibling: sibGets === 0 ? [0, 1] : [0, 0] }),
        one({ mother: [0, 1], proband: [0, 1], sibling: sibGets === 1 ? [0, 1] : [0, 0] }),
      ].slice(0, n)
    }
    case 'x_linked_recessive': {
      const calls = one({ father: [0, -2], mother: [0, 1], proband: [1, -2] })
      if (sib) calls[role('sibling')] = sibMale ? [0, -2] : (rng.chance(0.5) ? [0, 1] : [0, 0])
      return [calls]
    }
  }
}

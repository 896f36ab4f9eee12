// buildCase: a PED or a phenopacket (or neither: one family per VCF sample), HPO terms, the
// VCF's sample columns → a Case (src/prioritise/model.ts), with sex checks and Mendelian-error
// rates turned into warnings. Everything that reads the VCF opens its own reader.
import { VcfReader } from '../reader/reader.js'
import { inputLabel, type VcfInput } from '../source/source.js'
import { readAllText } from '../source/read.js'
import { inferSexFromVcfSamples, type VcfSexCall } from '../coverage/vcf-sex.js'
import { readBamIndex, type BamIndexOptions } from '../coverage/bam-index.js'
import { inferSex } from '../coverage/sex.js'
import { DEFAULT_QUALITY, type Case, type CaseWarning, type Family, type Individual, type QualityThresholds, type SexCheck } from '../prioritise/model.js'
import { parsePed } from './ped.js'
import { parsePhenopacket } from './phenopacket.js'
import { parseHpoList } from './hpo.js'
import { CaseError } from './errors.js'
import { describeRate, MENDELIAN_ERROR_THRESHOLD, MendelianCounter, type MendelianRate, type Trio } from './mendelian.js'

export interface BuildCaseOptions {
  /** PED file path (or its text with a label). */
  ped?: TextInput
  /** Phenopacket v2 JSON path (or its text with a label). */
  phenopacket?: TextInput
  /** Individuals already parsed (instead of ped/phenopacket). */
  individuals?: Individual[]
  /** HPO terms for the proband(s): a list or 'HP:0001250,HP:…'. Added to a phenopacket's. */
  hpo?: string[] | string
  /** The VCF: sample columns, sex from X heterozygosity, Mendelian errors. */
  vcf?: VcfInput
  /** Sample names when there is no VCF to read (tests, or a header read elsewhere). */
  samples?: string[]
  /** A .bai/.csi per individual id: sex from X/Y coverage instead of X heterozygosity. */
  bai?: Record<string, VcfInput | { index: VcfInput } & BamIndexOptions>
  /** Which sequenced individuals get a sex check: all (default), only those of unknown sex, or none. */
  sexCheck?: 'all' | 'missing' | 'none'
  /** Mendelian-error rates per trio (default true when a VCF is given). */
  mendelian?: boolean
  /** Stop the Mendelian count after this many records (default 500,000; 0 = whole file). */
  mendelianMaxRecords?: number
  mendelianThreshold?: number
  quality?: Partial<QualityThresholds>
}

/** A Case plus what was checked to build it (sex calls and Mendelian-error rates). */
export interface BuiltCase extends Case {
  sexChecks: SexCheck[]
  mendelian: MendelianRate[]
}

/** A PED or phenopacket given as a path, URL or Blob/File (browsers), or as text with a label. */
export type TextInput = VcfInput | { text: string; file: string }

const source = async (x: TextInput): Promise<{ text: string; file: string }> => {
  if (typeof x === 'object' && 'text' in x && typeof x.text === 'string') return x as { text: string; file: string }
  const input = x as VcfInput
  const file = inputLabel(input)
  return { text: await readAllText(input, file, (m, where) => new CaseError(m, where)), file }
}

export async function buildCase(opts: BuildCaseOptions): Promise<BuiltCase> {
  const warnings: CaseWarning[] = []
  let individuals: Individual[]
  let fromPacket: ReturnType<typeof parsePhenopacket> | undefined
  if (opts.individuals) individuals = opts.individuals.map((i) => ({ ...i }))
  else if (opts.ped) { const s = await source(opts.ped); individuals = parsePed(s.text, s.file) }
  else if (opts.phenopacket) { const s = await source(opts.phenopacket); fromPacket = parsePhenopacket(s.text, s.file); individuals = fromPacket.individuals }
  else individuals = []
  // a phenopacket next to a PED: its phenotypes and proband, the PED's pedigree
  if (opts.ped && opts.phenopacket && !fromPacket) { const s = await source(opts.phenopacket); fromPacket = parsePhenopacket(s.text, s.file) }

  const header = opts.vcf ? (await VcfReader.open(opts.vcf, { overlapInflate: false })).header : undefined
  const samples = header?.samples ?? opts.samples ?? []
  if (individuals.length === 0) {
    if (samples.length === 0) throw new CaseError('no individuals: give a PED, a phenopacket or a VCF with samples')
    individuals = samples.map((s) => ({ family: s, id: s, sex: 'unknown', affected: true, sample: -1 }))
  }
  const column = new Map(samples.map((s, k) => [s, k]))
  for (const ind of individuals) {
    ind.sample = column.get(ind.id) ?? -1
    if (ind.sample < 0 && samples.length > 0) {
      warnings.push({ family: ind.family, individual: ind.id, code: 'not-in-vcf', message: `${ind.id} (family ${ind.family}) has no sample column in the VCF` })
    }
  }
  const cli = opts.hpo === undefined ? [] : typeof opts.hpo === 'string' ? parseHpoList(opts.hpo) : opts.hpo.flatMap((t) => parseHpoList(t))
  const families = groupFamilies(individuals, fromPacket, cli)

  const sexChecks = await checkSex(opts, individuals, header !== undefined, warnings)
  const mendelian: MendelianRate[] = []
  const trios = triosOf(families)
  if (opts.vcf && (opts.mendelian ?? true) && trios.length > 0) {
    const counter = new MendelianCounter(header!, trios, { ...DEFAULT_QUALITY, ...opts.quality })
    const reader = await VcfReader.open(opts.vcf, { overlapInflate: false })
    const max = opts.mendelianMaxRecords ?? 500_000
    let seen = 0
    for await (const b of reader.batches({ format: ['GT', 'GQ', 'DP'].filter((t) => t === 'GT' || reader.header.format.has(t)) })) {
      counter.add(b)
      seen += b.n
      if (max > 0 && seen >= max) break
    }
    const threshold = opts.mendelianThreshold ?? MENDELIAN_ERROR_THRESHOLD
    for (const r of counter.rates()) {
      mendelian.push(r)
      const fam = families.find((f) => f.id === r.family)!
      const high = r.rate > threshold
      // every trio of the family must look right for parentage to count as confirmed
      fam.parentageConfirmed = (fam.parentageConfirmed ?? true) && !high && r.informative > 0
      if (high) warnings.push({ family: r.family, individual: r.child, code: 'mendelian-errors', message: `${describeRate(r)}: above ${100 * threshold}%, parentage is not confirmed` })
    }
  }
  return { families, warnings, sexChecks, mendelian }
}

function groupFamilies(individuals: Individual[], packet: ReturnType<typeof parsePhenopacket> | undefined, cli: string[]): Family[] {
  const byId = new Map<string, Family>()
  for (const ind of individuals) {
    let f = byId.get(ind.family)
    if (!f) { f = { id: ind.family, members: [], hpo: [], excludedHpo: [] }; byId.set(ind.family, f) }
    f.members.push(ind)
  }
  for (const f of byId.values()) {
    const fromPacket = packet && f.members.some((m) => m.id === packet.proband)
    f.proband = fromPacket ? packet!.proband : probandOf(f.members)
    if (fromPacket) { f.hpo.push(...packet!.hpo); f.excludedHpo.push(...packet!.excludedHpo) }
    for (const t of cli) if (f.proband && !f.hpo.includes(t)) f.hpo.push(t)
  }
  return [...byId.values()]
}

/** The first affected child (with a parent listed), else the first affected individual. */
function probandOf(members: Individual[]): string | undefined {
  const affected = members.filter((m) => m.affected === true)
  return (affected.find((m) => m.father || m.mother) ?? affected[0])?.id
}

/** Every sequenced child with both parents sequenced. */
export function triosOf(families: Family[]): Trio[] {
  const out: Trio[] = []
  for (const f of families) {
    const byId = new Map(f.members.map((m) => [m.id, m]))
    for (const c of f.members) {
      const fa = c.father ? byId.get(c.father) : undefined, mo = c.mother ? byId.get(c.mother) : undefined
      if (c.sample < 0 || !fa || !mo || fa.sample < 0 || mo.sample < 0) continue
      out.push({ family: f.id, child: c.id, father: fa.id, mother: mo.id, samples: [c.sample, fa.sample, mo.sample] })
    }
  }
  return out
}

async function checkSex(opts: BuildCaseOptions, individuals: Individual[], haveVcf: boolean, warnings: CaseWarning[]): Promise<SexCheck[]> {
  const mode = opts.sexCheck ?? 'all'
  const out: SexCheck[] = []
  if (mode === 'none') return out
  const wanted = (ind: Individual) => !(mode === 'missing' && ind.sex !== 'unknown')
  // every individual checked from the VCF in one pass over X (a pass each cost a trio three
  // reads of X, or of the whole file without an index); the calls are used in the loop below
  const fromVcf = haveVcf ? individuals.filter((ind) => wanted(ind) && opts.bai?.[ind.id] === undefined && ind.sample >= 0) : []
  const vcfCalls = new Map<Individual, VcfSexCall>()
  if (fromVcf.length > 0) {
    const calls = await inferSexFromVcfSamples(await VcfReader.open(opts.vcf!, { overlapInflate: false }), fromVcf.map((ind) => ind.sample))
    fromVcf.forEach((ind, k) => vcfCalls.set(ind, calls[k]))
  }
  for (const ind of individuals) {
    if (!wanted(ind)) continue
    const bai = opts.bai?.[ind.id]
    let check: SexCheck | undefined
    let reason = ''
    if (bai !== undefined) {
      const spec = typeof bai === 'object' && bai !== null && 'index' in bai ? bai : { index: bai as VcfInput }
      const call = inferSex(await readBamIndex(spec.index, { bam: spec.bam, fai: spec.fai }))
      check = { family: ind.family, individual: ind.id, declared: ind.sex, inferred: call.call, method: 'bam-index',
        evidence: { xRatio: call.xRatio, yRatio: call.yRatio, yCovered: call.yCovered } }
      reason = call.reason
    } else if (haveVcf && ind.sample >= 0) {
      const call = vcfCalls.get(ind)!
      check = { family: ind.family, individual: ind.id, declared: ind.sex, inferred: call.call, method: 'x-heterozygosity',
        evidence: { het: call.het, homAlt: call.homAlt, hemizygous: call.hemizygous, hetFraction: call.hetFraction } }
      reason = call.reason
    }
    if (!check) continue
    out.push(check)
    if (ind.sex === 'unknown' && check.inferred !== 'unknown') {
      ind.sex = check.inferred
      warnings.push({ family: ind.family, individual: ind.id, code: 'sex-inferred', message: `sex of ${ind.id} not declared; inferred ${check.inferred} (${check.method}: ${reason})` })
    } else if (ind.sex !== 'unknown' && check.inferred !== 'unknown' && check.inferred !== ind.sex) {
      warnings.push({ family: ind.family, individual: ind.id, code: 'sex-conflict', message: `${ind.id} is declared ${ind.sex} but looks ${check.inferred} (${check.method}: ${reason}); the declared sex is used` })
    }
  }
  return out
}

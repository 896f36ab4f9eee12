// ACMG/AMP criteria, one rule at a time, at the published boundaries: REVEL at exactly the
// Pejaver 2022 thresholds, popmax at exactly BA1/BS1/PM2's, the points → class table of
// Tavtigian 2020, PVS1's NMD and lost-fraction branches (ClinGen SVI tree) on a hand-built
// transcript, PS1/PM5/PM1 from residue and hotspot data, PM3 weights, PM4/BP3 on reference
// repeats, BP7; and the table readers' errors.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { GeneModel } from '../src/csq/gene-model.js'
import { Reference } from '../src/reference/fasta.js'
import {
  EvidenceContext, EvidenceDataError, ResidueIndex, classOfPoints, classify, combine, criterion, criterionLabel, evaluate,
  parseConstraint, parseHaploinsufficiency, parseHotspots, type EvidenceData,
} from '../src/acmg/index.js'
import { repeatUnit, tandemCopies } from '../src/acmg/repeats.js'
import type { Candidate, CompoundHetPair, Variant } from '../src/prioritise/model.js'

function variant(v: Partial<Variant>): Variant {
  const pos = v.pos ?? 1000, ref = v.ref ?? 'A', alt = v.alt ?? 'G', chrom = v.chrom ?? '1'
  return { key: `${chrom}:${pos}:${ref}:${alt}`, chrom, pos, ref, alt, gene: 'GENEA', transcript: 'T1', consequence: ['missense_variant'], impact: 'MODERATE', popmax: 0.5e-5, ...v }
}
const cand = (v: Partial<Variant>, c: Partial<Candidate> = {}): Candidate => ({ variant: variant(v), family: 'F1', genotypes: [], modes: ['autosomal_dominant'], ...c })
const codes = (c: Candidate, ctx: EvidenceContext, o = {}) => evaluate(c, ctx, o).map(criterionLabel)
const only = (c: Candidate, ctx: EvidenceContext, code: string) => evaluate(c, ctx).filter((x) => x.code === code).map(criterionLabel)

describe('points and classes (Tavtigian 2020)', () => {
  it('maps every total to its class at the boundaries', () => {
    const table: Array<[number, string]> = [[12, 'pathogenic'], [10, 'pathogenic'], [9, 'likely_pathogenic'], [6, 'likely_pathogenic'], [5, 'uncertain_significance'],
      [0, 'uncertain_significance'], [-1, 'likely_benign'], [-6, 'likely_benign'], [-7, 'benign'], [-12, 'benign']]
    for (const [p, c] of table) expect(classOfPoints(p), String(p)).toBe(c)
  })
  it('weights strengths 1/2/4/8, benign negative, and BA1 stands alone', () => {
    expect(criterion('PM2', 'supporting', 'r', {}).points).toBe(1)
    expect(criterion('PS2', 'strong', 'r', {}).points).toBe(4)
    expect(criterion('PVS1', 'very_strong', 'r', {}).points).toBe(8)
    expect(criterion('BP4', 'moderate', 'r', {}).points).toBe(-2)
    const pvs1 = criterion('PVS1', 'very_strong', 'r', {}), ps = criterion('PS1', 'strong', 'r', {}), ba1 = criterion('BA1', 'stand_alone', 'r', {})
    expect(combine([pvs1, ps]).class).toBe('pathogenic')
    expect(combine([pvs1, ps, ba1])).toMatchObject({ class: 'benign', points: 4 })
    expect(criterionLabel(criterion('PM2', 'supporting', 'r', {}))).toBe('PM2_Supporting')
    expect(criterionLabel(criterion('PVS1', 'strong', 'r', {}))).toBe('PVS1_Strong')
    expect(criterionLabel(criterion('PS2', 'strong', 'r', {}))).toBe('PS2')
  })
})

describe('PP3/BP4 from REVEL (Pejaver 2022), missense only', () => {
  const ctx = new EvidenceContext()
  const at = (revel: number) => evaluate(cand({ revel, popmax: 0.001 }), ctx).map(criterionLabel)
  it('applies each strength from its threshold, inclusive', () => {
    expect(at(0.932)).toEqual(['PP3_Strong'])
    expect(at(0.931)).toEqual(['PP3_Moderate'])
    expect(at(0.773)).toEqual(['PP3_Moderate'])
    expect(at(0.772)).toEqual(['PP3'])
    expect(at(0.644)).toEqual(['PP3'])
    expect(at(0.643)).toEqual([])
    expect(at(0.291)).toEqual([])
    expect(at(0.290)).toEqual(['BP4'])
    expect(at(0.184)).toEqual(['BP4'])
    expect(at(0.183)).toEqual(['BP4_Moderate'])
    expect(at(0.017)).toEqual(['BP4_Moderate'])
    expect(at(0.016)).toEqual(['BP4_Strong'])
    expect(at(0)).toEqual(['BP4_Strong'])
  })
  it('gives the score and threshold as data, and nothing for other consequences or no score', () => {
    const c = evaluate(cand({ revel: 0.95, popmax: 0.001 }), ctx)[0]
    expect(c.data).toEqual({ revel: 0.95, threshold: 0.932 })
    expect(c.reason).toMatch(/REVEL 0.95 is at or above 0.932/)
    expect(at(0.95)).toEqual(['PP3_Strong'])
    expect(evaluate(cand({ revel: 0.95, popmax: 0.001, consequence: ['synonymous_variant'] }), ctx).map((x) => x.code)).not.toContain('PP3')
    expect(evaluate(cand({ popmax: 0.001 }), ctx)).toEqual([])
  })
  it('thresholds are options', () => {
    const strict = new EvidenceContext({}, { revel: { pp3Supporting: 0.7 } as never })
    expect(evaluate(cand({ revel: 0.65, popmax: 0.001 }), strict)).toEqual([])
  })
})

describe('frequency: BA1, BS1, PM2_Supporting, BS2', () => {
  const ctx = new EvidenceContext({}, { bs1PerGene: { GENEB: 0.002 } })
  const f = (popmax: number | undefined, v: Partial<Variant> = {}) => evaluate(cand({ popmax, ...v }), ctx).map(criterionLabel)
  it('applies at the published cut-offs', () => {
    expect(f(0.05)).toEqual(['BA1'])
    expect(f(0.0499)).toEqual(['BS1'])
    expect(f(0.01)).toEqual(['BS1'])
    expect(f(0.0099)).toEqual([])
    expect(f(0.0001)).toEqual([])
    expect(f(0.0000999)).toEqual(['PM2_Supporting'])
    expect(f(0)).toEqual(['PM2_Supporting'])
    const absent = evaluate(cand({ popmax: undefined }), ctx)
    expect(absent.map(criterionLabel)).toEqual(['PM2_Supporting'])
    expect(absent[0]).toMatchObject({ reason: 'Absent from the population database.', data: { absent: true } })
  })
  it('BA1 makes the class benign whatever else applies', () => {
    const c = classify(cand({ popmax: 0.2, revel: 0.99 }), ctx)
    expect(c.criteria.map(criterionLabel)).toEqual(['PP3_Strong', 'BA1'])
    expect(c.class).toBe('benign')
  })
  it('per-gene BS1 thresholds', () => {
    expect(f(0.003, { gene: 'GENEB' })).toEqual(['BS1'])
    expect(evaluate(cand({ popmax: 0.003, gene: 'GENEB' }), ctx)[0].data).toMatchObject({ threshold: 0.002, perGene: true })
    expect(f(0.003)).toEqual([])
    expect(f(0.02, { gene: undefined })).toEqual(['BS1'])
  })
  it('the ClinGen exception list exempts HFE p.Cys282Tyr from BA1/BS1/BS2', () => {
    const hfe = { gene: 'HFE', hgvsp: 'ENSP00000000001:p.Cys282Tyr', nhomalt: 500 }
    expect(evaluate(cand({ popmax: 0.06, ...hfe }, { modes: ['autosomal_recessive_hom'] }), ctx)).toEqual([])
    expect(f(0.06, { ...hfe, hgvsp: 'ENSP00000000001:p.Cys282Ser' })).toEqual(['BA1'])
  })
  it('BS2 needs homozygotes and a recessive context', () => {
    const rec = (nhomalt: number, modes: Candidate['modes'], mode?: Candidate['modes'][number]) =>
      evaluate(cand({ popmax: 0.002, nhomalt }, { modes }), ctx, { mode }).map(criterionLabel)
    expect(rec(2, ['autosomal_recessive_hom'])).toEqual(['BS2'])
    expect(rec(1, ['autosomal_recessive_hom'])).toEqual([])
    expect(rec(5, ['de_novo'])).toEqual(['PM6'])
    expect(rec(5, ['compound_het', 'autosomal_dominant'])).toEqual([])
    expect(rec(5, ['compound_het', 'autosomal_dominant'], 'compound_het')).toEqual(['BS2'])
    expect(rec(3, ['x_linked_recessive'])).toEqual(['BS2'])
  })
})

describe('PS2/PM6 and PM3', () => {
  const ctx = new EvidenceContext()
  it('de novo: PS2 with confirmed parentage, PM6 without', () => {
    expect(codes(cand({ popmax: 0.001 }, { modes: ['de_novo'], parentageConfirmed: true }), ctx)).toEqual(['PS2'])
    expect(codes(cand({ popmax: 0.001 }, { modes: ['de_novo'], parentageConfirmed: false }), ctx)).toEqual(['PM6'])
    expect(codes(cand({ popmax: 0.001 }, { modes: ['de_novo'] }), ctx)).toEqual(['PM6'])
  })
  it('in trans with a ClinVar P/LP partner: ClinGen weights, halved when unphased', () => {
    const a = cand({ popmax: 0.001, pos: 1 }, { modes: ['compound_het'] })
    const partner = (significance: string, pathogenic = true) => cand({ popmax: 0.001, pos: 2, clinvar: { significance, pathogenic, id: '123' } }, { modes: ['compound_het'] })
    const pair = (b: Candidate, phase: string): CompoundHetPair => ({ family: 'F1', gene: 'GENEA', first: a, second: b, phase })
    expect(codes(a, ctx, { pair: pair(partner('Pathogenic'), 'parents') })).toEqual(['PM3'])
    expect(codes(a, ctx, { pair: pair(partner('Pathogenic'), 'unphased') })).toEqual(['PM3_Supporting'])
    expect(codes(a, ctx, { pair: pair(partner('Likely_pathogenic'), 'phase-set') })).toEqual(['PM3_Supporting'])
    expect(codes(a, ctx, { pair: pair(partner('Likely_pathogenic'), 'unphased') })).toEqual([])
    expect(codes(a, ctx, { pair: pair(partner('Uncertain_significance', false), 'parents') })).toEqual([])
    expect(codes(a, ctx, { pair: pair(partner('Uncertain_significance', false), 'parents'), partnerClass: 'pathogenic' })).toEqual(['PM3'])
    const pm3 = evaluate(a, ctx, { pair: pair(partner('Pathogenic'), 'parents') })[0]
    expect(pm3.data).toMatchObject({ partner: '1:2:A:G', phase: 'parents', partnerClinvar: 'Pathogenic' })
    expect(pm3.reason).toMatch(/^In trans with 1:2:A:G \(pathogenic in ClinVar 123\)/)
    // the partner's own PM3 points at the first variant
    expect(codes(partner('Pathogenic'), ctx, { pair: pair(partner('Pathogenic'), 'parents') })).toEqual([])
  })
})

// GENEA on chromosome 1, plus strand: exons 101-200, 301-400, 501-599, 701-900; CDS 151-802
// (coding 50 + 100 + 99 + 102 = 351 bases, 116 residues; exon 3 skips in frame).
const GFF = ['##gff-version 3',
  '1\t.\tgene\t101\t900\t.\t+\t.\tID=gene:G1;Name=GENEA;biotype=protein_coding',
  '1\t.\tmRNA\t101\t900\t.\t+\t.\tID=transcript:T1;Parent=gene:G1;biotype=protein_coding;tag=basic,Ensembl_canonical',
  ...[[101, 200], [301, 400], [501, 599], [701, 900]].map(([s, e]) => `1\t.\texon\t${s}\t${e}\t.\t+\t.\tParent=transcript:T1`),
  ...[[151, 200, 0], [301, 400, 1], [501, 599, 0], [701, 802, 0]].map(([s, e, ph]) => `1\t.\tCDS\t${s}\t${e}\t.\t+\t${ph}\tID=CDS:P1;Parent=transcript:T1`),
].join('\n') + '\n'

describe('PVS1 (ClinGen SVI decision tree)', () => {
  const model = GeneModel.fromText(GFF)
  const data = (score: number): EvidenceData => ({ geneModel: model, haploinsufficiency: new Map([['GENEA', { gene: 'GENEA', score }]]) })
  const ctx = new EvidenceContext(data(3))
  const pvs1 = (pos: number, consequence: string, c = ctx, v: Partial<Variant> = {}) => evaluate(cand({ pos, ref: 'C', alt: 'T', consequence: [consequence], ...v }), c).filter((x) => x.code === 'PVS1')
  it('nonsense/frameshift: NMD predicted → very strong; escaped → strong or moderate by the lost fraction', () => {
    expect(pvs1(320, 'stop_gained').map(criterionLabel)).toEqual(['PVS1'])
    expect(pvs1(520, 'stop_gained')[0].data).toMatchObject({ exon: '3/4' }) // 79 nt before the last junction
    expect(pvs1(520, 'stop_gained').map(criterionLabel)).toEqual(['PVS1'])
    const near = pvs1(560, 'stop_gained') // 39 nt before the last junction: escapes NMD, loses residues 70-116
    expect(near.map(criterionLabel)).toEqual(['PVS1_Strong'])
    expect(near[0].data).toMatchObject({ lostResidues: '70-116', proteinLength: 116 })
    expect(pvs1(710, 'frameshift_variant', ctx, { ref: 'C', alt: 'CA' }).map(criterionLabel)).toEqual(['PVS1_Strong']) // residue 87: 26% lost
    const late = pvs1(790, 'stop_gained')
    expect(late.map(criterionLabel)).toEqual(['PVS1_Moderate']) // residue 113: 3% lost
    expect(late[0].data).toMatchObject({ lostResidues: '113-116', lostFraction: 0.0345 })
  })
  it('a PM1 region in the lost part makes an NMD-escaping truncation strong', () => {
    const hot = new EvidenceContext({ ...data(3), hotspots: new Map([['GENEA', [{ gene: 'GENEA', start: 114, end: 116, name: 'C-terminal motif' }]]]) })
    const c = pvs1(790, 'stop_gained', hot)
    expect(c.map(criterionLabel)).toEqual(['PVS1_Strong'])
    expect(c[0].reason).toMatch(/critical region C-terminal motif/)
  })
  it('canonical splice sites: frame-shifting skip → very strong, in-frame skip of 28% → strong', () => {
    expect(pvs1(201, 'splice_donor_variant').map(criterionLabel)).toEqual(['PVS1'])
    expect(pvs1(300, 'splice_acceptor_variant').map(criterionLabel)).toEqual(['PVS1'])
    const inframe = pvs1(600, 'splice_donor_variant')
    expect(inframe.map(criterionLabel)).toEqual(['PVS1_Strong'])
    expect(inframe[0].data).toMatchObject({ exon: '3/4', skippedCodingBases: 99, lostResidues: '51-83' })
    expect(pvs1(700, 'splice_acceptor_variant')[0].data).toMatchObject({ lostResidues: '84-116' })
  })
  it('start loss is supporting, transcript ablation very strong', () => {
    expect(pvs1(151, 'start_lost').map(criterionLabel)).toEqual(['PVS1_Supporting'])
    expect(pvs1(151, 'transcript_ablation').map(criterionLabel)).toEqual(['PVS1'])
  })
  it('needs LoF as a known mechanism: ClinGen 3 or 30, or LOEUF when allowed', () => {
    expect(pvs1(320, 'stop_gained', new EvidenceContext(data(30))).map(criterionLabel)).toEqual(['PVS1'])
    expect(pvs1(320, 'stop_gained', new EvidenceContext(data(2)))).toEqual([])
    expect(pvs1(320, 'stop_gained', new EvidenceContext(data(40)))).toEqual([])
    const noHi: EvidenceData = { geneModel: model, constraint: new Map([['GENEA', { gene: 'GENEA', loeuf: 0.2, pli: 1 }]]) }
    expect(pvs1(320, 'stop_gained', new EvidenceContext(noHi))).toEqual([])
    const c = pvs1(320, 'stop_gained', new EvidenceContext(noHi, { pvs1MaxLoeuf: 0.35 }))
    expect(c.map(criterionLabel)).toEqual(['PVS1'])
    expect(c[0].data).toMatchObject({ mechanism: 'LOEUF 0.2 < 0.35', loeuf: 0.2 })
  })
  it('without gene models: the exon number alone', () => {
    const bare = new EvidenceContext({ haploinsufficiency: data(3).haploinsufficiency })
    expect(bare.unavailable().map((u) => u.codes.join('/'))).toEqual(['PVS1', 'PS1/PM5', 'PM1', 'BP3'])
    expect(new EvidenceContext().unavailable()[0]).toEqual({ codes: ['PVS1'], reason: 'no dosage-sensitivity (haploinsufficiency) table' })
    expect(pvs1(1, 'stop_gained', bare, { exon: '2/4' }).map(criterionLabel)).toEqual(['PVS1'])
    expect(pvs1(1, 'stop_gained', bare, { exon: '4/4' }).map(criterionLabel)).toEqual(['PVS1_Moderate'])
    expect(pvs1(1, 'splice_donor_variant', bare).map(criterionLabel)).toEqual(['PVS1_Strong'])
  })
  it('a truncating de novo absent from gnomAD in a haploinsufficient gene is pathogenic', () => {
    const c = classify(cand({ pos: 320, consequence: ['stop_gained'], popmax: undefined }, { modes: ['de_novo'], parentageConfirmed: true }), ctx)
    expect(c.criteria.map(criterionLabel)).toEqual(['PVS1', 'PS2', 'PM2_Supporting'])
    expect(c).toMatchObject({ points: 13, class: 'pathogenic' })
  })
})

describe('PS1, PM5, PM1', () => {
  const residues = new ResidueIndex([
    { gene: 'GENEA', transcript: 'T1', position: 50, refAa: 'R', altAa: 'W', key: '1:5000:C:T', clinvarId: '111', significance: 'Pathogenic' },
    { gene: 'GENEA', transcript: 'T1', position: 60, refAa: 'G', altAa: 'D', key: '1:5030:G:A', clinvarId: '222', significance: 'Likely_pathogenic' },
  ])
  const hotspots = new Map([['GENEA', [{ gene: 'GENEA', start: 55, end: 70, name: 'kinase loop' }]]])
  const ctx = new EvidenceContext({ residues, hotspots })
  const m = (position: number, aa: string, v: Partial<Variant> = {}) => cand({ proteinPosition: position, aminoAcids: aa, popmax: 0.001, ...v })
  it('PS1: the same amino-acid change, from another nucleotide change or the same variant', () => {
    const other = evaluate(m(50, 'R/W', { pos: 5002, ref: 'A', alt: 'T' }), ctx)
    expect(other.map(criterionLabel)).toEqual(['PS1'])
    expect(other[0]).toMatchObject({ data: { residue: 'R50', clinvar: '111', sameVariant: false } })
    expect(other[0].reason).toMatch(/same amino-acid change R50W from another nucleotide change/)
    expect(evaluate(m(50, 'R/W', { chrom: 'chr1', pos: 5000, ref: 'C', alt: 'T' }), ctx)[0].data.sameVariant).toBe(true)
    const strict = new EvidenceContext({ residues }, { ps1SameVariant: false })
    expect(evaluate(m(50, 'R/W', { pos: 5000, ref: 'C', alt: 'T' }), strict)).toEqual([])
  })
  it('PM5: another missense change at the residue; neither on another transcript or for non-missense', () => {
    const c = evaluate(m(50, 'R/Q'), ctx)
    expect(c.map(criterionLabel)).toEqual(['PM5'])
    expect(c[0].data).toMatchObject({ clinvarChanges: 'R50W' })
    expect(evaluate(m(50, 'R/Q', { transcript: 'T2' }), ctx)).toEqual([])
    expect(evaluate(m(50, 'R/Q', { consequence: ['stop_gained'] }), ctx)).toEqual([])
    expect(evaluate(m(51, 'R/Q'), ctx)).toEqual([])
  })
  it('PM1 in a hotspot; with PP3 the pair counts at most 4 points (Pejaver 2022)', () => {
    expect(codes(m(60, 'G/V'), ctx)).toEqual(['PM1', 'PM5'])
    expect(codes(m(56, 'G/V', { revel: 0.8 }), ctx)).toEqual(['PM1', 'PP3_Moderate'])
    expect(codes(m(56, 'G/V', { revel: 0.7 }), ctx)).toEqual(['PM1', 'PP3'])
    expect(codes(m(56, 'G/V', { revel: 0.95 }), ctx)).toEqual(['PP3_Strong'])
    const capped = new EvidenceContext({ hotspots }, { pp3Pm1MaxPoints: 5 })
    const c = evaluate(m(56, 'G/V', { revel: 0.95 }), capped)
    expect(c.map(criterionLabel)).toEqual(['PM1_Supporting', 'PP3_Strong'])
    expect(c[0].data.capped).toBe(true)
    expect(codes(m(54, 'G/V'), ctx)).toEqual([])
  })
})

describe('PM4 / BP3 / BP7', () => {
  it('finds repeat units and tandem copies in the reference', () => {
    expect(repeatUnit('CAGCAG')).toBe('CAG')
    expect(repeatUnit('AAA')).toBe('A')
    expect(repeatUnit('CAGCAT')).toBe('CAGCAT')
    //                 0123456789012345678
    const win = 'TTTCAGCAGCAGCAGCAGTTT'
    // deleting one CAG after the anchor T at 1-based 3 (window starts at 0-based 0)
    expect(tandemCopies(3, 'TCAG', 'T', win, 0)).toEqual({ unit: 'CAG', copies: 5 })
    expect(tandemCopies(3, 'T', 'TCAG', win, 0)).toEqual({ unit: 'CAG', copies: 5 })
    expect(tandemCopies(18, 'GT', 'GTCAG', win, 0)).toEqual({ unit: 'CAG', copies: 0 })
    expect(tandemCopies(3, 'T', 'C', win, 0)).toBeUndefined()
  })
  it('an in-frame deletion in a repeat outside known function is BP3; elsewhere PM4; stop-loss PM4', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-acmg-'))
    const seq = 'ACGTTGCAACGT'.repeat(10) + 'T' + 'CAG'.repeat(6) + 'ACGGTTACCATG'.repeat(10)
    writeFileSync(join(dir, 'r.fa'), `>1\n${seq}\n`)
    const reference = await Reference.open(join(dir, 'r.fa'))
    const hotspots = new Map([['GENEA', [{ gene: 'GENEA', start: 10, end: 12, name: 'motif' }]]])
    const ctx = new EvidenceContext({ reference, hotspots })
    const inRepeat = cand({ pos: 121, ref: 'TCAG', alt: 'T', consequence: ['inframe_deletion'], proteinPosition: 40, popmax: 0.001 })
    const inMotif = cand({ pos: 121, ref: 'TCAG', alt: 'T', consequence: ['inframe_deletion'], proteinPosition: 11, popmax: 0.001 })
    const plain = cand({ pos: 20, ref: 'AACG', alt: 'A', consequence: ['inframe_deletion'], popmax: 0.001 })
    expect(codes(inRepeat, ctx)).toEqual(['PM4']) // not prepared: repeat context unknown
    expect(evaluate(inRepeat, ctx)[0].data).toMatchObject({ repeatChecked: false })
    await ctx.prepare([inRepeat, plain])
    const bp3 = evaluate(inRepeat, ctx)
    expect(bp3.map(criterionLabel)).toEqual(['BP3'])
    expect(bp3[0].data).toMatchObject({ repeatUnit: 'CAG', copies: 6 })
    expect(codes(inMotif, ctx)).toEqual(['PM4'])
    expect(codes(plain, ctx)).toEqual(['PM4'])
    expect(codes(cand({ consequence: ['stop_lost'], popmax: 0.001 }), ctx)).toEqual(['PM4'])
  })
  it('BP7 for synonymous variants outside splice regions only', () => {
    const ctx = new EvidenceContext()
    expect(codes(cand({ consequence: ['synonymous_variant'], popmax: 0.001 }), ctx)).toEqual(['BP7'])
    expect(codes(cand({ consequence: ['synonymous_variant', 'splice_region_variant'], popmax: 0.001 }), ctx)).toEqual([])
    expect(codes(cand({ consequence: ['splice_region_variant', 'synonymous_variant'], popmax: 0.001 }), ctx)).toEqual([])
  })
})

describe('evidence tables', () => {
  it('reads gnomAD v2 and v4 constraint by column name, preferring the MANE row', () => {
    const v2 = parseConstraint('gene\ttranscript\tpLI\toe_lof_upper\tmis_z\nBRCA1\tENST1\t1.0\t0.2\t2.5\nX\tENST2\tNA\t\t1\n', 'v2.tsv')
    expect(v2.get('BRCA1')).toEqual({ gene: 'BRCA1', transcript: 'ENST1', pli: 1, loeuf: 0.2, misZ: 2.5 })
    expect(v2.get('X')).toEqual({ gene: 'X', transcript: 'ENST2', pli: undefined, loeuf: undefined, misZ: 1 })
    const v4 = parseConstraint('gene\tgene_id\ttranscript\tcanonical\tmane_select\tlof.pLI\tlof.oe_ci.upper\tmis.z_score\n' +
      'A\t1\tT1\tfalse\tfalse\t0.1\t0.9\t0\nA\t1\tT2\ttrue\ttrue\t0.99\t0.3\t3\nA\t1\tT3\ttrue\tfalse\t0.5\t0.5\t1\n', 'v4.tsv')
    expect(v4.get('A')).toMatchObject({ transcript: 'T2', pli: 0.99, loeuf: 0.3 })
  })
  it('errors name the file and line', () => {
    expect(() => parseConstraint('gene\ttranscript\tpLI\nA\tT\tzero\n', 'c.tsv')).toThrow(EvidenceDataError)
    expect(() => parseConstraint('gene\ttranscript\tpLI\nA\tT\tzero\n', 'c.tsv')).toThrow(/^c\.tsv, line 2: pLI is not a number: "zero"/)
    expect(() => parseConstraint('gene\tfoo\nA\t1\n', 'c.tsv')).toThrow(/c\.tsv, line 1: header has neither a pLI nor a LOEUF/)
    expect(() => parseHaploinsufficiency('#Gene Symbol\tHaploinsufficiency Score\nA\t7\n', 'hi.tsv')).toThrow(/hi\.tsv, line 2: Haploinsufficiency Score must be/)
    expect(() => parseHotspots('#gene\tprotein_start\tprotein_end\nA\t10\t5\n', 'h.tsv')).toThrow(/h\.tsv, line 2: protein_start\/protein_end/)
    expect(() => parseHotspots('x\ty\n', 'h.tsv')).toThrow(/h\.tsv, line 1: header has no "gene" column/)
    expect(() => ResidueIndex.fromTsv('nonsense\n', 'r.tsv')).toThrow(/r\.tsv, line 1: not a vartriage ClinVar residue index/)
  })
  it('reads ClinGen\'s curation list (comment lines, #-header, unevaluated genes skipped)', () => {
    const text = '#ClinGen Gene Curation Results\n#13 Nov,2023\n#Gene Symbol\tGene ID\tcytoBand\tGenomic Location\tHaploinsufficiency Score\tHaploinsufficiency Description\n' +
      'BRCA1\t672\t17q21.31\tchr17:1-2\t3\tSufficient evidence for dosage pathogenicity\nABCA4\t24\t1p22.1\tchr1:1-2\t30\tGene associated with autosomal recessive phenotype\nZZZ\t1\t1p\tchr1:1-2\tNot yet evaluated\t\n'
    const hi = parseHaploinsufficiency(text, 'clingen.tsv')
    expect([...hi.keys()]).toEqual(['BRCA1', 'ABCA4'])
    expect(hi.get('ABCA4')?.score).toBe(30)
  })
  it('the residue index round-trips through its cache file', () => {
    const idx = new ResidueIndex([{ gene: 'A', transcript: 'T', position: 3, refAa: 'R', altAa: 'W', key: '1:2:C:T', clinvarId: '9', significance: 'Pathogenic', hgvsp: 'P:p.Arg3Trp' }], 'abc')
    const back = ResidueIndex.fromTsv(idx.toTsv(), 'x')
    expect(back.entries).toEqual(idx.entries)
    expect(back.fingerprint).toBe('abc')
    expect(back.at('A', 3)).toHaveLength(1)
  })
})

// AMP/ASCO/CAP tier suggestions on a generated tumour/normal pair (hotspot spike-ins, gene-level
// rows, tumour types), and the typed errors of the somatic stage (they name the file and line).
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { somatic, type SomaticResult } from '../src/somatic/somatic.js'
import { EvidenceTable } from '../src/somatic/evidence.js'
import { EvidenceError, SomaticInputError } from '../src/somatic/errors.js'
import { NONSYNONYMOUS_TERMS, suggestTier } from '../src/somatic/tiers.js'
import { shortProtein } from '../src/somatic/protein.js'
import { RegionError } from '../src/errors.js'
import { runAsync } from './helpers/annotate-data.js'
import { requireTools } from './helpers/oracle.js'
import { keyOf, makeSomaticBundle, type SomaticBundle } from './somatic-bundle.js'

const tools = requireTools('bcftools', 'tabix')
let B: SomaticBundle
let R: SomaticResult
let tmp: string

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vartriage-somatic-tiers-'))
  B = await makeSomaticBundle(tmp)
  R = await somatic({ vcf: B.vcf, resources: B.dir })
}, 60_000)

describe('AMP/ASCO/CAP tiers', () => {
  it('hotspot spike-ins get tiers from their evidence rows', async () => {
    const table = EvidenceTable.load(B.evidence)
    const hot = R.variants.filter((v) => B.truth.variants.some((t) => t.class === 'somatic-hotspot' && keyOf(t) === v.variant.key))
    expect(hot.length).toBeGreaterThanOrEqual(4)
    for (const v of hot) {
      expect(v.tier).toMatch(/^(IA|IB|IIC|IID)$/)
      // the variant-specific row is among the evidence, and the best level decides the tier
      const rows = table.forGene(v.variant.gene!).filter((it) => it.variant === v.protein)
      expect(rows.length).toBeGreaterThan(0)
      for (const row of rows) expect(v.evidence.map((e) => e.item.id)).toContain(row.id)
      const best = Math.min(...v.evidence.map((e) => 'ABCD'.indexOf(e.ampLevel)))
      expect(v.tier!.endsWith('ABCD'[best])).toBe(true)
      expect(v.reason).toMatch(/^Tier I/)
    }
    const g12c = hot.find((v) => v.variant.gene === 'KRAS' && v.protein === 'G12C')
    if (g12c) {
      expect(g12c.tier).toBe('IA')
      expect(g12c.reason).toContain('Sotorasib')
      // another tumour type: level A evidence for lung cancer and colorectal cancer drops to level C
      const mel = await somatic({ vcf: B.vcf, resources: B.dir, tumourType: 'Melanoma' })
      const m = mel.variants.find((v) => v.variant.key === g12c.variant.key)!
      expect(m.tier).toBe('IIC')
      expect(m.evidence.every((e) => e.onLabel === false)).toBe(true)
      const lung = await somatic({ vcf: B.vcf, resources: B.dir, tumourType: 'DOID:3908' })
      expect(lung.variants.find((v) => v.variant.key === g12c.variant.key)!.tier).toBe('IA')
    }
  }, 30_000)

  it('gene-level rows: null variants in tumour suppressors; no evidence → III if protein-altering, IV if not', () => {
    const lof = R.variants.filter((v) => v.variant.consequence[0] === 'stop_gained' && ['BRCA1', 'BRCA2', 'PTEN', 'VHL', 'ATM', 'APC', 'ARID1A', 'RB1', 'SMAD4', 'STK11'].includes(v.variant.gene!))
    expect(lof.length).toBeGreaterThan(0)
    for (const v of lof) expect(v.evidence.some((e) => e.matchedBy === 'null-variant')).toBe(true)
    for (const v of R.variants.filter((x) => x.evidence.length === 0)) {
      const altering = v.variant.consequence.some((t) => NONSYNONYMOUS_TERMS.has(t) || t.startsWith('splice_donor_variant') || t.startsWith('splice_acceptor_variant'))
      expect(v.tier).toBe(altering ? 'III' : 'IV')
    }
    expect(R.variants.some((v) => v.tier === 'III') && R.variants.some((v) => v.tier === 'IV')).toBe(true)
  })

  it.runIf(tools)('a population resource: alleles without evidence at AF_grpmax >= 1% are Tier IV (chr names reconciled)', async () => {
    const vus = R.variants.filter((v) => v.tier === 'III').slice(0, 3)
    expect(vus.length).toBe(3)
    const afs = [0.02, 0.005, 0.3]
    const header = ['##fileformat=VCFv4.2', '##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">',
      '##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description="Maximum allele frequency across genetic ancestry groups">',
      ...[...new Set(vus.map((v) => v.variant.chrom))].map((c) => `##contig=<ID=chr${c}>`), '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO']
    // the second site has a different ALT at the same position: it must not match
    const rows = vus.map((v, k) => `chr${v.variant.chrom}\t${v.variant.pos}\t.\t${v.variant.ref}\t${k === 2 ? (v.variant.alt === 'A' ? 'C' : 'A') : v.variant.alt}\t.\tPASS\tAF=${afs[k] / 2};AF_grpmax=${afs[k]}`)
    const plain = join(tmp, 'pop.vcf'), pop = join(tmp, 'pop.vcf.gz')
    writeFileSync(plain, [...header, ...rows].join('\n') + '\n')
    const st = await runAsync('bcftools', ['view', '-Oz', '-o', pop, plain])
    expect(st.status, st.err).toBe(0)
    expect((await runAsync('tabix', ['-p', 'vcf', pop])).status).toBe(0)
    const r = await somatic({ vcf: B.vcf, resources: B.dir, population: pop })
    const by = new Map(r.variants.map((v) => [v.variant.key, v]))
    const [common, rare, other] = vus.map((v) => by.get(v.variant.key)!)
    expect(common.variant.popmax).toBe(Math.fround(0.02))
    expect(common.tier).toBe('IV')
    expect(common.reason).toMatch(/population frequency 0\.02 \(>= 0\.01\)/)
    expect(rare.variant.popmax).toBe(Math.fround(0.005))
    expect(rare.tier).toBe('III')
    expect(other.variant.popmax).toBeUndefined()
    expect(other.tier).toBe('III')
    expect(r.inputs.map((x) => x.role)).toContain('population')
    // a hotspot stays tiered by its evidence whatever the population says
    expect(r.variants.filter((v) => v.tier !== 'IV' && v.tier !== 'III').length).toBe(R.variants.filter((v) => v.tier !== 'IV' && v.tier !== 'III').length)
  })

  it('no evidence table: no tiers', async () => {
    const r = await somatic({ vcf: B.vcf, reference: B.fasta, genes: B.gff })
    expect(r.variants.length).toBe(R.variants.length)
    expect(r.variants.every((v) => v.tier === undefined)).toBe(true)
  })

  it('reads the newer CIViC layout (molecular_profile, therapies, significance); skips what does not apply', () => {
    const text = ['molecular_profile\tdisease\tdoid\ttherapies\tevidence_type\tevidence_direction\tevidence_level\tsignificance\tevidence_id\tvariant_origin',
      'EGFR L858R\tLung Non-small Cell Carcinoma\t3908\tOsimertinib,Erlotinib\tPredictive\tSupports\tA\tSensitivity/Response\t1\tSomatic',
      'EGFR T790M\tLung Non-small Cell Carcinoma\t3908\tGefitinib\tPredictive\tDoes Not Support\tB\tSensitivity/Response\t2\tSomatic',
      'BRCA1 Loss-of-function\tBreast Cancer\t1612\t\tPredisposing\tSupports\tB\tPositive\t3\tRare Germline',
      'ALK EML4::ALK Fusion\tLung Non-small Cell Carcinoma\t3908\tAlectinib\tPredictive\tSupports\tA\tSensitivity/Response\t4\tSomatic', ''].join('\n')
    const t = EvidenceTable.parse(text, 'new.tsv')
    expect(t.items.map((i) => [i.gene, i.variant, i.drugs.join('+')])).toEqual([['EGFR', 'L858R', 'Osimertinib+Erlotinib'], ['ALK', 'EML4::ALK Fusion', 'Alectinib']])
    expect(t.skipped).toBe(2)
    expect([...t.unmatchable.keys()]).toEqual(['EML4::ALK Fusion'])
    expect(t.forGene('egfr')).toHaveLength(1)
    const tier = suggestTier({ gene: 'EGFR', protein: 'L858R', terms: ['missense_variant'] }, t, 'lung non-small cell')
    expect(tier.tier).toBe('IA')
    expect(tier.evidence[0].onLabel).toBe(true)
    expect(suggestTier({ gene: 'EGFR', protein: 'L858R', terms: ['missense_variant'] }, t, 'Glioma').tier).toBe('IIC')
    expect(suggestTier({ gene: 'EGFR', protein: 'L858Q', terms: ['missense_variant'] }, t).tier).toBe('III')
  })

  it('one-letter protein changes from HGVS p.', () => {
    expect(shortProtein('ENSP1:p.Val600Glu')).toBe('V600E')
    expect(shortProtein('ENSP1:p.Trp5Ter')).toBe('W5*')
    expect(shortProtein('ENSP1:p.Lys4SerfsTer12')).toBe('K4Sfs*12')
    expect(shortProtein('ENSP1:p.Ala2%3D')).toBe('A2=')
    expect(shortProtein(undefined)).toBeUndefined()
  })
})

describe('filters and regions before the selection', () => {
  it('-i and -r restrict the records the selection sees', async () => {
    const r = await somatic({ vcf: B.vcf, resources: B.dir, include: 'FILTER="PASS"', regions: [{ chrom: '17', start: 1, end: 2 ** 31 - 1 }, { chrom: '12', start: 1, end: 2 ** 31 - 1 }] })
    const want = R.variants.filter((v) => v.variant.filter === 'PASS' && (v.variant.chrom === '12' || v.variant.chrom === '17')).map((v) => v.variant.key)
    expect(want.length).toBeGreaterThan(3)
    expect(r.variants.map((v) => v.variant.key).sort()).toEqual(want.sort())
  })
})

describe('errors name the file (and line)', () => {
  it('unknown sample names list the VCF\'s samples', async () => {
    const e = await somatic({ vcf: B.vcf, resources: B.dir, tumour: 'T1' }).catch((x) => x)
    expect(e).toBeInstanceOf(SomaticInputError)
    expect(e.message).toContain(B.vcf)
    expect(e.message).toMatch(/no tumour sample "T1".*"NORMAL", "TUMOUR"/)
    const same = await somatic({ vcf: B.vcf, resources: B.dir, tumour: 'NORMAL', normal: 'NORMAL' }).catch((x) => x)
    expect(same).toBeInstanceOf(SomaticInputError)
  })

  it.runIf(tools)('a VCF without AF or AD', async () => {
    const bare = join(tmp, 'bare.vcf.gz')
    await runAsync('bcftools', ['annotate', '-x', 'FORMAT/AF,FORMAT/AD', '-Oz', '-o', bare, B.vcf])
    const e = await somatic({ vcf: bare, resources: B.dir }).catch((x) => x)
    expect(e).toBeInstanceOf(SomaticInputError)
    expect(e.message).toMatch(/bare\.vcf\.gz: the header declares neither FORMAT\/AF nor FORMAT\/AD/)
  })

  it('a malformed evidence table or target BED', async () => {
    const text = readFileSync(B.evidence, 'utf8').split('\n')
    const bad = join(tmp, 'bad.tsv')
    writeFileSync(bad, [text[0], text[1], text[2].replace(/\t[A-E]\t/, '\tZ\t'), ...text.slice(3)].join('\n'))
    const e = await somatic({ vcf: B.vcf, resources: B.dir, evidence: bad }).catch((x) => x)
    expect(e).toBeInstanceOf(EvidenceError)
    expect(e.message).toMatch(/bad\.tsv, line 3: evidence_level must be one of A, B, C, D, E, got "Z"/)
    writeFileSync(bad, 'gene\tvariant\n')
    expect(() => EvidenceTable.load(bad)).toThrow(/bad\.tsv, line 1: the header lacks the column\(s\) disease, evidence_type, evidence_level/)
    const bed = join(tmp, 'bad.bed')
    writeFileSync(bed, '1\t100\t200\n1\tx\t300\n')
    const b = await somatic({ vcf: B.vcf, resources: B.dir, targetBed: bed }).catch((x) => x)
    expect(b).toBeInstanceOf(RegionError)
    expect(b.message).toMatch(/bad\.bed, line 2: non-numeric position/)
  })
})

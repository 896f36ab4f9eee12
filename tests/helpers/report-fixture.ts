// PrioritisationResults for the output tests, built the way the pipeline builds them: two
// families (a trio and a singleton), a de novo, a compound-het pair phased by the parents, an
// X-linked hemizygous call, an allele ranked in both families, a secondary finding in an ACMG
// SF gene, sex checks (one conflicting), Mendelian-error warnings, and `extra` seeded filler
// genes over several contigs so the VCF spans blocks and the index has something to answer.
import type {
  Candidate, Classification, Criterion, GeneResult, InheritanceMode, MemberGenotype, PrioritisationResult, RankedVariant, Variant,
} from '../../src/prioritise/model.js'
import type { BamIndexResult } from '../../src/coverage/bam-index.js'
import { prng as rng } from '../../bench/generate-vcf.mjs' // mulberry32, the generator's PRNG

export const CONTIGS: [string, number][] = [['chr1', 248_956_422], ['chr2', 242_193_529], ['chr17', 83_257_441], ['chrX', 156_040_895], ['chrY', 57_227_415]]

export function vcfHeaderText(samples: string[]): string {
  return ['##fileformat=VCFv4.2', '##FILTER=<ID=PASS,Description="All filters passed">', '##FILTER=<ID=LowQual,Description="Low quality">',
    ...CONTIGS.map(([c, l]) => `##contig=<ID=${c},length=${l}>`), '##reference=GRCh38-like.fa.gz',
    ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...samples].join('\t')].join('\n') + '\n'
}

/** The masked finding's coordinates (an SF gene unrelated to the indication). */
export const MASKED = { gene: 'BRCA1', chrom: 'chr17', pos: 43_045_712, ref: 'C', alt: 'T', key: 'chr17:43045712:C:T', hgvsp: 'p.Arg1699Trp' }

function variant(chrom: string, pos: number, ref: string, alt: string, extra: Partial<Variant> = {}): Variant {
  return { key: `${chrom}:${pos}:${ref}:${alt}`, chrom, pos, ref, alt, consequence: ['missense_variant'], impact: 'MODERATE', ...extra }
}

function gt(individual: string, g: string, extra: Partial<MemberGenotype> = {}): MemberGenotype {
  const alleles = g.split(/[/|]/)
  const altCopies = alleles.includes('.') ? -1 : alleles.filter((a) => a !== '0').length
  return { individual, gt: g, altCopies, gq: 60, dp: 30, ad: [altCopies === 2 ? 0 : 15, altCopies > 0 ? 15 : 0], pass: true, phased: g.includes('|'), ...extra }
}

const crit = (code: string, strength: Criterion['strength'], points: number, reason: string, data: Criterion['data']): Criterion =>
  ({ code, strength, direction: points < 0 ? 'benign' : 'pathogenic', points, reason, data })

function classify(criteria: Criterion[]): Classification {
  const points = criteria.reduce((s, c) => s + c.points, 0)
  const cls = points >= 10 ? 'pathogenic' : points >= 6 ? 'likely_pathogenic' : points >= 0 ? 'uncertain_significance' : points >= -6 ? 'likely_benign' : 'benign'
  return { criteria, points, class: cls }
}

function ranked(c: Candidate, mode: InheritanceMode, criteria: Criterion[], score: number): RankedVariant {
  return { candidate: c, classification: classify(criteria), mode, variantScore: score }
}

const PM2 = (af: number) => crit('PM2', 'supporting', 1, `popmax ${af} is below 0.0001`, { popmax: af, threshold: 0.0001 })

export interface FixtureOptions {
  /** Reveal the secondary finding (related+secondary), else mask it (related). */
  secondary?: boolean
  /** Seeded filler genes. */
  extra?: number
  /** Replace gene and sample names with hostile strings (markup, quotes, separators). */
  hostile?: boolean
  timings?: Record<string, number>
}

export const HOSTILE_GENE = `<img src=x onerror="alert(1)">;A=B,C%`
export const HOSTILE_SAMPLE = `"><script>alert('x')</script>&amp;`

export function makeResult(opts: FixtureOptions = {}): PrioritisationResult {
  const proband = opts.hostile ? HOSTILE_SAMPLE : 'P1'
  const dnGene = opts.hostile ? HOSTILE_GENE : 'SCN1A'
  const trio = (g: [string, string, string]): MemberGenotype[] => [gt(proband, g[0]), gt('F1', g[1]), gt('M1', g[2])]
  const genes: GeneResult[] = []

  // FAM1 #1: de novo missense, parentage confirmed
  const dn: Candidate = {
    variant: variant('chr2', 165_310_406, 'G', 'A', { gene: dnGene, transcript: 'ENST00000674923', hgvsc: 'c.5312G>A', hgvsp: 'p.Arg1771Gln', popmax: 0, revel: 0.95, cadd: 32, qual: 812.4, filter: 'PASS', id: 'rs1057520579', clinvar: { significance: 'Pathogenic', reviewStatus: 'criteria_provided,_multiple_submitters', id: '189932', pathogenic: true } }),
    family: 'FAM1', genotypes: trio(['0/1', '0/0', '0/0']), modes: ['de_novo', 'autosomal_dominant'], parentageConfirmed: true,
  }
  genes.push({ rank: 1, family: 'FAM1', gene: dnGene, score: 0.9731, mode: 'de_novo', phenotypeScore: 0.88, variantScore: 0.99, acmgClass: 'pathogenic', panel: true, secondary: false,
    variants: [ranked(dn, 'de_novo', [crit('PS2', 'strong', 4, 'de novo in the proband; both parents hom-ref with fewer than 2 alt reads; parentage confirmed', { fatherAlt: 0, motherAlt: 0, mendelianErrorRate: 0.0012 }), PM2(0), crit('PP3', 'strong', 4, 'REVEL 0.95 ≥ 0.932', { revel: 0.95 })], 0.99)] })

  // FAM1 #2: compound het, one allele from each parent
  const ch1: Candidate = { variant: variant('chr1', 94_098_928, 'C', 'CT', { gene: 'ABCA4', consequence: ['frameshift_variant'], impact: 'HIGH', hgvsc: 'c.5461_5462insA', hgvsp: 'p.Thr1821fs', popmax: 0.00002, nhomalt: 0 }), family: 'FAM1', genotypes: trio(['0/1', '0/1', '0/0']), modes: ['compound_het'], from: 'father' }
  const ch2: Candidate = { variant: variant('chr1', 94_130_400, 'G', 'A', { gene: 'ABCA4', hgvsc: 'c.1622T>C', hgvsp: 'p.Leu541Pro', popmax: 0.0011, nhomalt: 1, revel: 0.71, cadd: 25.3 }), family: 'FAM1', genotypes: trio(['0/1', '0/0', '0/1']), modes: ['compound_het'], from: 'mother' }
  genes.push({ rank: 2, family: 'FAM1', gene: 'ABCA4', score: 0.61, mode: 'compound_het', phenotypeScore: 0.42, variantScore: 0.8, acmgClass: 'likely_pathogenic', panel: true, secondary: false,
    variants: [
      ranked(ch1, 'compound_het', [crit('PVS1', 'very_strong', 8, 'frameshift in a gene where loss of function is a known mechanism', { pLI: 0.01, loeuf: 0.3 }), PM2(0.00002)], 0.9),
      ranked(ch2, 'compound_het', [crit('PM3', 'moderate', 2, 'in trans with a predicted null variant', { partner: 'chr1:94098928:C:CT' }), crit('PP3', 'supporting', 1, 'REVEL 0.71 ≥ 0.644', { revel: 0.71 })], 0.7),
    ] })

  // FAM1 #3: X-linked hemizygous in the (male) proband
  const xl: Candidate = { variant: variant('chrX', 31_478_215, 'A', 'G', { gene: 'DMD', hgvsc: 'c.8713C>T', hgvsp: 'p.Arg2905Ter', consequence: ['stop_gained'], impact: 'HIGH', popmax: 0 }), family: 'FAM1', genotypes: [gt(proband, '1'), gt('F1', '0'), gt('M1', '0/1')], modes: ['x_linked_recessive'] }
  genes.push({ rank: 3, family: 'FAM1', gene: 'DMD', score: 0.4, mode: 'x_linked_recessive', phenotypeScore: 0.1, variantScore: 0.9, acmgClass: 'likely_pathogenic', panel: false, secondary: false,
    variants: [ranked(xl, 'x_linked_recessive', [crit('PVS1', 'very_strong', 8, 'stop gained, NMD predicted', { exon: '60/79' }), PM2(0)], 0.9)] })

  // the same allele ranked in both families (FAM1 #4, FAM2 #1), a multi-allelic input record in FAM2
  const sharedV = variant('chr17', 7_674_220, 'C', 'T', { gene: 'TP53', hgvsp: 'p.Arg248Gln', popmax: 0.00001, revel: 0.8, filter: 'LowQual', qual: 33 })
  const sh1: Candidate = { variant: sharedV, family: 'FAM1', genotypes: trio(['0/1', '0/1', '0/0']), modes: ['autosomal_dominant'] }
  const sh2: Candidate = { variant: { ...sharedV }, family: 'FAM2', genotypes: [gt('S2', '1/2', { altCopies: 1 })], modes: ['autosomal_dominant'] }
  genes.push({ rank: 4, family: 'FAM1', gene: 'TP53', score: 0.2, mode: 'autosomal_dominant', phenotypeScore: 0.05, variantScore: 0.6, acmgClass: 'uncertain_significance', panel: false, secondary: false,
    variants: [ranked(sh1, 'autosomal_dominant', [PM2(0.00001), crit('PP3', 'moderate', 2, 'REVEL 0.8 ≥ 0.773', { revel: 0.8 })], 0.6)] })
  genes.push({ rank: 1, family: 'FAM2', gene: 'TP53', score: 0.7, mode: 'autosomal_dominant', phenotypeScore: 0.6, variantScore: 0.6, acmgClass: 'uncertain_significance', panel: true, secondary: false,
    variants: [ranked(sh2, 'autosomal_dominant', [PM2(0.00001), crit('PP3', 'moderate', 2, 'REVEL 0.8 ≥ 0.773', { revel: 0.8 })], 0.6)] })

  // filler
  const r = rng(7)
  const chroms = ['chr1', 'chr2', 'chr17', 'chrX']
  const used = new Set(genes.flatMap((g) => g.variants.map((v) => v.candidate.variant.key)))
  for (let i = 0; i < (opts.extra ?? 0); i++) {
    const family = r() < 0.7 ? 'FAM1' : 'FAM2'
    const chrom = chroms[Math.floor(r() * chroms.length)]
    const pos = 1 + Math.floor(r() * 50_000_000)
    const ref = 'ACGT'[Math.floor(r() * 4)], alt = r() < 0.2 ? ref + 'AT' : 'ACGT'.replace(ref, '')[Math.floor(r() * 3)]
    const v = variant(chrom, pos, ref, alt, { gene: `GENE${i}`, hgvsc: `c.${pos % 3000}${ref}>${alt}`, popmax: Math.round(r() * 1e5) / 1e8, revel: Math.round(r() * 1000) / 1000, cadd: Math.round(r() * 300) / 10 })
    if (used.has(v.key)) continue
    used.add(v.key)
    const c: Candidate = { variant: v, family, genotypes: family === 'FAM1' ? trio(['0/1', '0/1', '0/0']) : [gt('S2', '0/1')], modes: ['autosomal_dominant'] }
    genes.push({ rank: 0, family, gene: `GENE${i}`, score: Math.round(r() * 0.2 * 1e4) / 1e4, mode: 'autosomal_dominant', phenotypeScore: r() * 0.1, variantScore: r() * 0.5, acmgClass: 'uncertain_significance', panel: false, secondary: false,
      variants: [ranked(c, 'autosomal_dominant', [PM2(v.popmax!)], 0.3)] })
  }
  for (const fam of ['FAM1', 'FAM2']) {
    let rank = 0
    const mine = genes.filter((g) => g.family === fam)
    for (const g of mine) if (g.rank > 0) rank = Math.max(rank, g.rank)
    for (const g of mine.filter((g) => g.rank === 0).sort((a, b) => b.score - a.score)) g.rank = ++rank
  }

  const sf: Candidate = { variant: variant(MASKED.chrom, MASKED.pos, MASKED.ref, MASKED.alt, { gene: MASKED.gene, hgvsp: MASKED.hgvsp, hgvsc: 'c.5095C>T', popmax: 0.00003, clinvar: { significance: 'Pathogenic', pathogenic: true, id: '55555' } }), family: 'FAM1', genotypes: trio(['0/1', '0/1', '0/0']), modes: ['autosomal_dominant'] }
  const secondary: GeneResult[] = opts.secondary ? [{ rank: 1, family: 'FAM1', gene: MASKED.gene, score: 0, mode: 'autosomal_dominant', phenotypeScore: 0, variantScore: 0.9, acmgClass: 'pathogenic', panel: false, secondary: true,
    variants: [ranked(sf, 'autosomal_dominant', [crit('PS4', 'strong', 4, 'ClinVar pathogenic, reviewed', { clinvar: '55555' }), PM2(0.00003), crit('PP5', 'supporting', 1, 'reputable source', { source: 'ClinVar' })], 0.9)] }] : []

  return {
    tool: { name: 'vartriage', version: '0.1.0' },
    started: '2026-11-27T18:00:00.000Z',
    case: {
      families: [
        { id: 'FAM1', proband: proband, hpo: ['HP:0001250', 'HP:0001263'], excludedHpo: ['HP:0000365'], members: [
          { family: 'FAM1', id: proband, father: 'F1', mother: 'M1', sex: 'male', affected: true, sample: 0 },
          { family: 'FAM1', id: 'F1', sex: 'male', affected: false, sample: 1 },
          { family: 'FAM1', id: 'M1', sex: 'female', affected: false, sample: 2 },
        ] },
        { id: 'FAM2', proband: 'S2', hpo: ['HP:0000707'], excludedHpo: [], members: [{ family: 'FAM2', id: 'S2', sex: 'unknown', affected: true, sample: 3 }] },
      ],
      warnings: [{ family: 'FAM1', individual: 'M1', code: 'mendelian-errors', message: 'Mendelian-error rate 0.0012 with F1 and M1 (normal below 0.005)' }],
    },
    sexChecks: [
      { family: 'FAM1', individual: proband, declared: 'male', inferred: 'male', method: 'bam-index', evidence: { xRatio: 0.51, yRatio: 0.48, yCovered: 0.41 } },
      { family: 'FAM1', individual: 'F1', declared: 'male', inferred: 'female', method: 'bam-index', evidence: { xRatio: 0.98, yRatio: 0.01, yCovered: 0.01 } },
      { family: 'FAM1', individual: 'M1', declared: 'female', inferred: 'female', method: 'x-heterozygosity', evidence: { het: 412, homAlt: 300, hemizygous: 0, hetFraction: 0.58 } },
      { family: 'FAM2', individual: 'S2', declared: 'unknown', inferred: 'female', method: 'x-heterozygosity', evidence: { het: 380, homAlt: 290, hemizygous: 0, hetFraction: 0.567 } },
    ],
    parameters: { consent: opts.secondary ? 'related+secondary' : 'related', panel: 'epilepsy-synthetic', threads: 2, quality: { minGq: 20, minDp: 6 }, hpo: ['HP:0001250'] },
    genes,
    secondary,
    masked: { count: opts.secondary ? 0 : 1 },
    inputs: [
      { role: 'vcf', path: '/data/trio.vcf.gz', bytes: 123456, sha256: 'a'.repeat(64) },
      { role: 'ped', path: '/data/trio.ped', bytes: 64, sha256: 'b'.repeat(64) },
      { role: 'clinvar', path: '/bundle/clinvar-like.vcf.gz', bytes: 999, sha256: 'c'.repeat(64) },
    ],
    timings: opts.timings ?? { read: 1.25, select: 0.5, evidence: 0.25, rank: 0.125 },
    counts: { records: 5000, candidates: genes.length, passingQuality: 4200 },
  }
}

/** A tiny BamIndexResult (chr1, chrX, chrY; 8 windows each) such as readBamIndex returns for a male. */
export function coverageOf(file: string): BamIndexResult {
  const refs = [['chr1', 'autosome', 1], ['chrX', 'X', 0.5], ['chrY', 'Y', 0.5]] as const
  const n = 8, size = 16384
  const total = refs.length * n
  const w = { length: total, ref: new Int32Array(total), start: new Float64Array(total), end: new Float64Array(total), bytes: new Float64Array(total), coverage: new Float64Array(total) }
  refs.forEach(([, , level], k) => {
    for (let i = 0; i < n; i++) {
      const j = k * n + i
      w.ref[j] = k; w.start[j] = i * size; w.end[j] = (i + 1) * size
      w.coverage[j] = level * (1 + ((i % 3) - 1) * 0.05); w.bytes[j] = w.coverage[j] * 1000
    }
  })
  return {
    file, format: 'bai', windowSize: size, noCoordinate: 0, windows: w, medianBytes: 1000,
    references: refs.map(([name, kind, level], k) => ({ name, length: n * size, mapped: 1000, unmapped: 0, hasStats: true, kind, windowStart: k * n, windowCount: n, median: level, covered: 1 })),
  }
}

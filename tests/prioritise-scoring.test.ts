// Variant and gene scores (docs/scoring.md) and the per-family ranking: Exomiser's frequency
// curve and logistic combination at known points, ClinVar and predictor rules, compound-het
// pairs scored as the mean of their two alleles, panels, and an order that does not depend on
// the order candidates arrive in.
import { describe, it, expect } from 'vitest'
import { frequencyScore, pathogenicityScore, variantScore, geneScore, caddScaled, LOGIT } from '../src/prioritise/scoring.js'
import { rankFamily } from '../src/prioritise/rank.js'
import type { Candidate, Classification, CompoundHetPair, InheritanceMode, Variant } from '../src/prioritise/model.js'

const variant = (over: Partial<Variant>): Variant => ({
  key: `1:${over.pos ?? 100}:A:G`, chrom: '1', pos: 100, ref: 'A', alt: 'G', consequence: ['missense_variant'], impact: 'MODERATE', ...over,
})
const cand = (gene: string, pos: number, modes: InheritanceMode[], over: Partial<Variant> = {}): Candidate => ({
  variant: variant({ gene, pos, key: `1:${pos}:A:G`, ...over }), family: 'F1', genotypes: [], modes,
})
const vus: Classification = { criteria: [], points: 0, class: 'uncertain_significance' }

describe('scores', () => {
  it('frequency: 1 when unseen, Exomiser’s curve up to 2 %, 0 above', () => {
    expect(frequencyScore(undefined)).toBe(1)
    expect(frequencyScore(0)).toBe(1)
    expect(frequencyScore(0.0001)).toBeCloseTo(1.13533 - 0.13533 * Math.exp(0.01), 10)
    expect(frequencyScore(0.01)).toBeCloseTo(1.13533 - 0.13533 * Math.E, 10)
    expect(frequencyScore(0.02)).toBeCloseTo(1.13533 - 0.13533 * Math.exp(2), 10)
    expect(frequencyScore(0.0201)).toBe(0)
    // monotonic
    let last = 2
    for (let f = 0; f <= 0.02; f += 0.0005) { const s = frequencyScore(f); expect(s).toBeLessThanOrEqual(last); last = s }
  })

  it('pathogenicity: ClinVar P/LP is 1; predictors replace the missense default and may raise other effects', () => {
    expect(pathogenicityScore(variant({ consequence: ['missense_variant'] }))).toBe(0.6)
    expect(pathogenicityScore(variant({ revel: 0.91 }))).toBe(0.91)
    expect(pathogenicityScore(variant({ revel: 0.1 }))).toBe(0.1)
    expect(pathogenicityScore(variant({ revel: 0.2, cadd: 30 }))).toBeCloseTo(caddScaled(30), 12)
    expect(pathogenicityScore(variant({ consequence: ['stop_gained'], impact: 'HIGH', cadd: 10 }))).toBe(0.95)
    expect(pathogenicityScore(variant({ consequence: ['synonymous_variant'], impact: 'LOW' }))).toBe(0.1)
    expect(pathogenicityScore(variant({ consequence: ['intron_variant'], impact: 'MODIFIER' }))).toBe(0)
    expect(pathogenicityScore(variant({ consequence: ['intron_variant'], clinvar: { significance: 'Pathogenic', pathogenic: true } }))).toBe(1)
    expect(variantScore(variant({ consequence: ['frameshift_variant'], popmax: 0.01 }))).toBeCloseTo(0.95 * frequencyScore(0.01), 12)
  })

  it('gene score: Exomiser’s logistic combination, the ACMG class as an extra term; variant score alone without HPO', () => {
    const logit = (p: number, v: number, w = 0) => 1 / (1 + Math.exp(-(LOGIT.intercept + LOGIT.phenotype * p + LOGIT.variant * v + w)))
    expect(geneScore(0.8, 0.9, 'uncertain_significance')).toBeCloseTo(logit(0.8, 0.9), 12)
    expect(geneScore(0.8, 0.9, 'pathogenic')).toBeCloseTo(logit(0.8, 0.9, 2), 12)
    expect(geneScore(0.8, 0.9, 'benign')).toBeCloseTo(logit(0.8, 0.9, -2), 12)
    expect(geneScore(undefined, 0.7, 'uncertain_significance')).toBe(0.7)
    expect(geneScore(undefined, 0.98, 'pathogenic')).toBe(1)
    // a strong phenotype match outranks a slightly better variant with no match
    expect(geneScore(0.9, 0.8, 'uncertain_significance')).toBeGreaterThan(geneScore(0.1, 0.95, 'uncertain_significance'))
  })
})

describe('rankFamily', () => {
  const classify = (c: Candidate): Classification => (c.variant.clinvar?.pathogenic ? { criteria: [], points: 10, class: 'pathogenic' } : vus)

  it('picks the best mode per gene; a compound-het pair scores the mean of its two alleles', () => {
    const a1 = cand('GENEA', 100, ['compound_het'], { consequence: ['stop_gained'], impact: 'HIGH' })
    const a2 = cand('GENEA', 200, ['compound_het'], { revel: 0.4 })
    const b = cand('GENEB', 300, ['de_novo', 'autosomal_dominant'], { revel: 0.7 })
    const pair: CompoundHetPair = { family: 'F1', gene: 'GENEA', first: a1, second: a2, phase: 'parents' }
    const genes = rankFamily({ family: 'F1', candidates: [a1, a2, b], pairs: [pair], classification: classify })
    expect(genes.map((g) => [g.rank, g.gene, g.mode])).toEqual([[1, 'GENEB', 'de_novo'], [2, 'GENEA', 'compound_het']])
    expect(genes[1].variantScore).toBeCloseTo((0.95 + 0.4) / 2, 12)
    expect(genes[1].variants.map((v) => v.candidate.variant.pos)).toEqual([100, 200])
    // with phenotypes favouring GENEA, it comes first
    const withPheno = rankFamily({ family: 'F1', candidates: [a1, a2, b], pairs: [pair], classification: classify, phenotype: (g) => (g === 'GENEA' ? 0.9 : 0.2) })
    expect(withPheno[0].gene).toBe('GENEA')
    expect(withPheno[0].phenotypeScore).toBe(0.9)
  })

  it('restricts to a panel or puts panel genes first', () => {
    const c = [cand('G1', 1, ['de_novo'], { revel: 0.9 }), cand('G2', 2, ['de_novo'], { revel: 0.5 }), cand('G3', 3, ['de_novo'], { revel: 0.7 })]
    const panel = new Set(['G2', 'G3'])
    expect(rankFamily({ family: 'F1', candidates: c, pairs: [], classification: classify, panel, panelMode: 'restrict' }).map((g) => g.gene)).toEqual(['G3', 'G2'])
    const first = rankFamily({ family: 'F1', candidates: c, pairs: [], classification: classify, panel, panelMode: 'first' })
    expect(first.map((g) => [g.gene, g.panel])).toEqual([['G3', true], ['G2', true], ['G1', false]])
  })

  it('gives the same ranking whatever the order of its input (ties broken by ACMG points, then symbol)', () => {
    const c = Array.from({ length: 40 }, (_, k) => cand(`G${k % 13}`, 1000 + k, k % 3 ? ['de_novo'] : ['autosomal_recessive_hom'],
      { revel: (k % 7) / 7, clinvar: k % 11 === 0 ? { significance: 'Pathogenic', pathogenic: true } : undefined }))
    const ref = JSON.stringify(rankFamily({ family: 'F1', candidates: c, pairs: [], classification: classify }))
    let s = 12345
    for (let t = 0; t < 5; t++) {
      const shuffled = [...c].sort(() => { s = (s * 1103515245 + 12345) & 0x7fffffff; return (s & 1) - 0.5 })
      expect(JSON.stringify(rankFamily({ family: 'F1', candidates: shuffled, pairs: [], classification: classify }))).toBe(ref)
    }
  })
})

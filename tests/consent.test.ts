// Consent: the ACMG SF v3.2 list and its machine-readable reporting rules (HFE p.C282Y
// homozygotes only, TTN truncating only, PCSK9 gain of function, recessive genes biallelic),
// related / secondary / masked decisions, and the mask that proves no output byte names a
// masked gene or variant.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConsentLeakError, ConsentPolicy, SecondaryFindingsList, maskResults, parseRule, ruleFromReport } from '../src/consent/index.js'
import { ACMG_SF, acmgSfTsv, reportRule } from '../src/world/genes/acmg-sf.js'
import { openBundle, writeManifest } from '../src/resources/bundle.js'
import type { AcmgClass, Candidate, GeneResult, InheritanceMode, RankedVariant, Variant } from '../src/prioritise/model.js'

const sf = SecondaryFindingsList.builtin()

let n = 0
function rv(gene: string, cls: AcmgClass, mode: InheritanceMode, v: Partial<Variant> = {}, family = 'F1'): RankedVariant {
  const pos = v.pos ?? 1000 + n++
  const variant: Variant = { key: `${v.chrom ?? '1'}:${pos}:C:T`, chrom: '1', pos, ref: 'C', alt: 'T', gene, consequence: ['missense_variant'], impact: 'MODERATE', ...v }
  const candidate: Candidate = { variant, family, genotypes: [], modes: [mode] }
  return { candidate, classification: { criteria: [], points: 0, class: cls }, mode, variantScore: 0.5 }
}
function result(gene: string, variants: RankedVariant[], o: Partial<GeneResult> = {}): GeneResult {
  return { rank: 1, family: variants[0]?.candidate.family ?? 'F1', gene, score: 0.5, mode: variants[0]?.mode ?? 'autosomal_dominant', phenotypeScore: 0.1,
    variantScore: 0.5, variants, acmgClass: variants[0]?.classification.class ?? 'uncertain_significance', panel: false, secondary: false, ...o }
}
const stop = { consequence: ['stop_gained'], impact: 'HIGH' as const }

describe('the ACMG SF v3.2 list', () => {
  it('has 81 genes with machine-readable rules', () => {
    expect(sf.genes.size).toBe(81)
    expect(sf.version).toBe('v3.2')
    expect(sf.get('HFE')?.rule).toEqual({ zygosity: 'homozygous', variants: 'any', variant: 'p.Cys282Tyr' })
    expect(sf.get('TTN')?.rule).toEqual({ zygosity: 'monoallelic', variants: 'truncating' })
    expect(sf.get('FLNC')?.rule).toEqual({ zygosity: 'monoallelic', variants: 'truncating' })
    expect(sf.get('PCSK9')?.rule).toEqual({ zygosity: 'monoallelic', variants: 'non-truncating' })
    for (const g of ['MUTYH', 'ATP7B', 'BTD', 'GAA', 'RPE65', 'CASQ2', 'TRDN']) expect(sf.get(g)?.rule.zygosity, g).toBe('biallelic')
    expect(sf.get('GLA')?.rule).toEqual({ zygosity: 'monoallelic', variants: 'any' })
    expect(sf.get('BRCA1')?.rule).toEqual({ zygosity: 'monoallelic', variants: 'any' })
  })
  it('the free-text report column implies the same rules (tables without a rule column)', () => {
    for (const g of ACMG_SF) {
      const derived = ruleFromReport(g.report, g.inheritance)
      const written = parseRule(reportRule(g))
      expect({ ...derived, variant: derived.variant?.replace('p.C282Y', 'p.Cys282Tyr') }, g.symbol).toEqual({ ...written, variant: written.variant })
    }
    const noRule = acmgSfTsv().split('\n').map((l) => l.split('\t').slice(0, 5).join('\t')).join('\n')
    const parsed = SecondaryFindingsList.parse(noRule, 'old.tsv')
    expect(parsed.get('TTN')?.rule.variants).toBe('truncating')
    expect(parsed.get('HFE')?.rule).toEqual({ zygosity: 'homozygous', variants: 'any', variant: 'p.C282Y' })
  })
  it('is read from the bundle; bad rules are errors naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-consent-'))
    writeFileSync(join(dir, 'sf.tsv'), acmgSfTsv())
    await writeManifest(dir, { name: 't', build: 'GRCh38', version: '1', files: [
      { role: 'secondary-findings', path: 'sf.tsv', format: 'tsv', compression: 'none', name: 'ACMG SF', version: 'v3.2', build: 'GRCh38' }] })
    const fromBundle = await SecondaryFindingsList.load(await openBundle(dir))
    expect([...fromBundle.genes.values()]).toEqual([...sf.genes.values()])
    expect(() => SecondaryFindingsList.parse('#symbol\treport\trule\nA\tx\tsometimes\n', 'sf.tsv')).toThrow(/^sf\.tsv, line 2: reporting rule must start with/)
    expect(() => SecondaryFindingsList.parse('#symbol\treport\trule\nA\tx\tmonoallelic;often\n', 'sf.tsv')).toThrow(/sf\.tsv, line 2: unknown reporting-rule term "often"/)
    expect(() => SecondaryFindingsList.parse('A\tB\n', 'sf.tsv')).toThrow(/sf\.tsv, line 1: no "#symbol/)
    await expect(SecondaryFindingsList.load(join(dir, 'missing.tsv'))).rejects.toThrow(/missing\.tsv: cannot read/)
  })
})

describe('consent decisions', () => {
  const related = new ConsentPolicy(sf, { panelGenes: ['SCN1A', 'MYH7'] })
  const both = new ConsentPolicy(sf, { level: 'related+secondary', panelGenes: ['SCN1A', 'MYH7'] })
  const d = (p: ConsentPolicy, g: GeneResult) => p.decide(g).disposition

  it('non-SF genes are always shown; SF genes on the panel or matching the phenotype are related', () => {
    expect(d(related, result('SCN1A', [rv('SCN1A', 'pathogenic', 'de_novo')]))).toBe('related')
    expect(d(related, result('GENEX', [rv('GENEX', 'uncertain_significance', 'de_novo')]))).toBe('related')
    expect(d(related, result('MYH7', [rv('MYH7', 'pathogenic', 'autosomal_dominant')]))).toBe('related')
    expect(d(new ConsentPolicy(sf), result('MYH7', [rv('MYH7', 'pathogenic', 'autosomal_dominant')], { panel: true }))).toBe('related')
    expect(d(new ConsentPolicy(sf), result('MYH7', [rv('MYH7', 'pathogenic', 'autosomal_dominant')]))).toBe('masked')
    expect(d(related, result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', stop)], { phenotypeScore: 0.5 }))).toBe('related')
    expect(related.decide(result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', stop)], { phenotypeScore: 0.62 })).reason).toMatch(/phenotype score 0.620 >= 0.5/)
  })
  it('unrelated SF genes: masked without consent; with consent shown only when the SF rule is met', () => {
    const brca1 = result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', stop)])
    expect(d(related, brca1)).toBe('masked')
    expect(d(both, brca1)).toBe('secondary')
    expect(d(both, result('BRCA1', [rv('BRCA1', 'uncertain_significance', 'autosomal_dominant')]))).toBe('masked')
    expect(d(both, result('BRCA1', [rv('BRCA1', 'uncertain_significance', 'autosomal_dominant', { clinvar: { significance: 'Pathogenic', pathogenic: true } })]))).toBe('secondary')
    expect(d(new ConsentPolicy(sf, { level: 'related+secondary', countClinvar: false }),
      result('BRCA1', [rv('BRCA1', 'uncertain_significance', 'autosomal_dominant', { clinvar: { significance: 'Pathogenic', pathogenic: true } })]))).toBe('masked')
  })
  it('HFE: p.Cys282Tyr homozygotes only', () => {
    const c282y = { hgvsp: 'ENSP00000000001:p.Cys282Tyr' }, h63d = { hgvsp: 'ENSP00000000001:p.His63Asp' }
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'autosomal_recessive_hom', c282y)]))).toBe('secondary')
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'autosomal_recessive_hom', { hgvsp: 'p.C282Y' })]))).toBe('secondary')
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'autosomal_recessive_hom', { hgvsp: 'NP_000401.1:p.(Cys282Tyr)' })]))).toBe('secondary')
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'autosomal_dominant', c282y)]))).toBe('masked')
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'autosomal_recessive_hom', h63d)]))).toBe('masked')
    expect(d(both, result('HFE', [rv('HFE', 'pathogenic', 'compound_het', c282y), rv('HFE', 'pathogenic', 'compound_het', h63d)]))).toBe('masked')
    expect(both.decide(result('HFE', [rv('HFE', 'pathogenic', 'autosomal_dominant', c282y)])).reason).toMatch(/not homozygous/)
  })
  it('TTN and FLNC truncating only; PCSK9 gain of function (not truncating)', () => {
    expect(d(both, result('TTN', [rv('TTN', 'likely_pathogenic', 'autosomal_dominant')]))).toBe('masked')
    expect(d(both, result('TTN', [rv('TTN', 'pathogenic', 'autosomal_dominant', { consequence: ['frameshift_variant'] })]))).toBe('secondary')
    expect(d(both, result('FLNC', [rv('FLNC', 'pathogenic', 'autosomal_dominant', { consequence: ['splice_donor_variant'] })]))).toBe('secondary')
    expect(d(both, result('PCSK9', [rv('PCSK9', 'pathogenic', 'autosomal_dominant', stop)]))).toBe('masked')
    expect(d(both, result('PCSK9', [rv('PCSK9', 'pathogenic', 'autosomal_dominant')]))).toBe('secondary')
  })
  it('recessive SF genes need two P/LP variants or a homozygote', () => {
    expect(d(both, result('MUTYH', [rv('MUTYH', 'pathogenic', 'autosomal_dominant', stop)]))).toBe('masked')
    expect(d(both, result('MUTYH', [rv('MUTYH', 'pathogenic', 'compound_het', stop), rv('MUTYH', 'likely_pathogenic', 'compound_het')]))).toBe('secondary')
    expect(d(both, result('MUTYH', [rv('MUTYH', 'pathogenic', 'compound_het', stop), rv('MUTYH', 'uncertain_significance', 'compound_het')]))).toBe('masked')
    expect(d(both, result('GAA', [rv('GAA', 'likely_pathogenic', 'autosomal_recessive_hom')]))).toBe('secondary')
    expect(d(both, result('GLA', [rv('GLA', 'pathogenic', 'x_linked_recessive')]))).toBe('secondary')
  })
  it('rejects unknown consent levels', () => {
    expect(() => new ConsentPolicy(sf, { level: 'everything' as never })).toThrow(/consent must be one of related, related\+secondary/)
  })
})

describe('maskResults and the leak check', () => {
  const scn1a = result('SCN1A', [rv('SCN1A', 'pathogenic', 'de_novo', { pos: 166_000_000, chrom: '2', hgvsc: 'ENST1:c.100C>T', hgvsp: 'ENSP1:p.Arg34Ter', geneId: 'ENSG1' })], { rank: 1 })
  const brca1 = result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', { ...stop, chrom: '17', pos: 43_045_712, hgvsc: 'ENST9:c.5266dupC', hgvsp: 'ENSP9:p.Gln1756fs', geneId: 'ENSG9' })], { rank: 2 })
  const kcnq2 = result('KCNQ2', [rv('KCNQ2', 'likely_pathogenic', 'de_novo', { chrom: '20', pos: 63_400_000 })], { rank: 3 })
  const ttn = result('TTN', [rv('TTN', 'likely_pathogenic', 'autosomal_dominant', { chrom: '2', pos: 178_500_000 })], { rank: 4 })
  const genes = [scn1a, brca1, kcnq2, ttn]
  const brca1Key = brca1.variants[0].candidate.variant.key
  const render = (gs: GeneResult[]) => ({
    tsv: 'rank\tfamily\tgene\tchrom\tpos\tref\talt\thgvsc\n' + gs.map((g) => { const v = g.variants[0].candidate.variant; return `${g.rank}\t${g.family}\t${g.gene}\t${v.chrom}\t${v.pos}\t${v.ref}\t${v.alt}\t${v.hgvsc ?? ''}` }).join('\n') + '\n',
    vcf: gs.map((g) => { const v = g.variants[0].candidate.variant; return `chr${v.chrom}\t${v.pos}\t.\t${v.ref}\t${v.alt}\t.\tPASS\tGENE=${g.gene}` }).join('\n') + '\n',
    json: JSON.stringify(gs.map((g) => ({ gene: g.gene, key: g.variants[0].candidate.variant.key, hgvsp: g.variants[0].candidate.variant.hgvsp }))),
    html: `<table>${gs.map((g) => `<tr><td>${g.gene}</td><td>chr${g.variants[0].candidate.variant.chrom}:${g.variants[0].candidate.variant.pos.toLocaleString('en')}</td></tr>`).join('')}</table>`,
  })

  it('without consent: the SF genes are counted, never shown, and the rest re-ranked', () => {
    const policy = new ConsentPolicy(sf, { panelGenes: ['SCN1A', 'KCNQ2'] })
    const r = maskResults(genes, policy)
    expect(r.visible.map((g) => [g.gene, g.rank])).toEqual([['SCN1A', 1], ['KCNQ2', 2]])
    expect(r.secondary).toEqual([])
    expect(r.masked).toEqual({ count: 2 })
    expect([...r.mask.genes].sort()).toEqual(['BRCA1', 'TTN'])
    expect(r.mask.variants.has(brca1Key)).toBe(true)
    for (const [kind, text] of Object.entries(render(r.visible))) expect(() => r.mask.assertClean(text, `out.${kind}`), kind).not.toThrow()
    for (const [kind, text] of Object.entries(render(genes))) {
      expect(() => r.mask.assertClean(text, `out.${kind}`), kind).toThrow(ConsentLeakError)
      expect(r.mask.find(new TextEncoder().encode(text)).length, kind).toBeGreaterThan(0)
    }
    // the error says where, not what
    try { r.mask.assertClean(render(genes).tsv, 'genes.tsv'); expect.unreachable() } catch (e) {
      expect((e as Error).message).toMatch(/^genes\.tsv, byte \d+: names a finding masked by consent/)
      expect((e as Error).message).not.toMatch(/BRCA1|TTN|43045712/)
    }
  })

  it('each kind of identifier is caught on its own, with word boundaries', () => {
    const r = maskResults(genes, new ConsentPolicy(sf, { panelGenes: ['SCN1A', 'KCNQ2'] }))
    const leaks = ['gene BRCA1 here', '"BRCA1"', 'chr17:43045712', '17:43045712:C:T', '17\t43045712\tC\tT\n', 'chr17\t43045712\trs1\tC\tA,T\t50\n',
      'ENST9:c.5266dupC', 'p.Gln1756fs', 'ENSG9', 'TTN\n', '(TTN)', 'chr17:43045712-43045800', 'chr17:43,045,712']
    for (const s of leaks) expect(r.mask.find(s).length, s).toBeGreaterThan(0)
    const clean = ['BRCA10', 'BRCA1_count', 'xBRCA1', 'TTNS', 'chr17:430457120', '17:4304571', 'chr17:43,045,7120', 'chr17\t43045712\tC\tG\n', 'ENSG90', 'DESCRIPTION MAX_AF']
    for (const s of clean) expect(r.mask.find(s), s).toEqual([])
    expect(r.mask.redact('log: BRCA1 at chr17:43045712 (ENSP9:p.Gln1756fs) kept; SCN1A kept')).toBe('log: [masked] at [masked] ([masked]) kept; SCN1A kept')
    expect(r.mask.find('é BRCA1')).toEqual([3]) // byte offsets, UTF-8
  })

  it('with consent: reportable SF findings in their own section; the rest still masked', () => {
    const r = maskResults(genes, new ConsentPolicy(sf, { level: 'related+secondary', panelGenes: ['SCN1A', 'KCNQ2'] }))
    expect(r.visible.map((g) => g.gene)).toEqual(['SCN1A', 'KCNQ2'])
    expect(r.secondary.map((g) => [g.gene, g.rank, g.secondary])).toEqual([['BRCA1', 1, true]])
    expect(r.masked.count).toBe(1) // TTN missense: not reportable
    expect([...r.mask.genes]).toEqual(['TTN'])
    for (const text of Object.values(render([...r.visible, ...r.secondary]))) expect(() => r.mask.assertClean(text, 'x')).not.toThrow()
  })

  it('a gene related in one family and masked in another: the symbol may appear, the masked variant may not', () => {
    const f2 = result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', { ...stop, chrom: '17', pos: 43_100_000 }, 'F2')], { family: 'F2', phenotypeScore: 0.9 })
    const other = rv('BRCA1', 'uncertain_significance', 'autosomal_dominant', { chrom: '17', pos: 43_050_000 })
    const r = maskResults([brca1, f2], new ConsentPolicy(sf), [other.candidate, f2.variants[0].candidate])
    expect(r.visible.map((g) => [g.family, g.gene, g.rank])).toEqual([['F2', 'BRCA1', 1]])
    expect(r.masked.count).toBe(1)
    expect(r.mask.genes.size).toBe(0)
    expect([...r.mask.variants].sort()).toEqual([brca1Key, other.candidate.variant.key].sort())
    expect(() => r.mask.assertClean(render(r.visible).tsv, 'genes.tsv')).not.toThrow()
    expect(r.mask.find('17:43050000:C:T')).toHaveLength(1)
    expect([r.mask.isMasked('F1', brca1Key), r.mask.isMasked('F2', brca1Key), r.mask.isMasked('F2', f2.variants[0].candidate.variant.key)]).toEqual([true, false, false])
  })

  it('a variant masked in one family but shown in another: its key may appear, the masked family\'s call may not', () => {
    const shared = { ...stop, chrom: '17', pos: 43_200_000 }
    const a = result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', shared, 'F1')])
    const b = result('BRCA1', [rv('BRCA1', 'pathogenic', 'autosomal_dominant', shared, 'F2')], { family: 'F2', phenotypeScore: 0.9 })
    const r = maskResults([a, b], new ConsentPolicy(sf))
    const key = a.variants[0].candidate.variant.key
    expect(r.mask.variants.has(key)).toBe(false)
    expect(r.mask.isMasked('F1', key)).toBe(true)
    expect(r.mask.isMasked('F2', key)).toBe(false)
  })
})

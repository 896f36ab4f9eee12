// Phenotype prioritisation: HPO ontology (OBO / obographs), annotations, information content,
// Resnik best-match similarity, and the synthetic HPO of the world generator.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { Annotations, Ontology, PhenotypeFormatError, PhenotypeScorer } from '../src/index.js'
import { generateSyntheticHpo, HPO_CATEGORIES } from '../src/world/hpo.js'
import { Reference, toGenesToPhenotype, toJson, toObo, type ParentMap } from './helpers/phenotype-reference.js'

// --- a small hand-checkable ontology ---------------------------------------------------------
//   All ─ Phenotypic abnormality ─┬─ nervous ─┬─ Seizure ─┬─ Focal seizure (FS)
//        │                        │           │           └─ Generalized seizure (GS)  alt_id HP:9000098
//        │                        │           ├─ Intellectual disability (ID)
//        │                        │           └─ Neuro-ocular (NE) ──┐ (two parents)
//        │                        └─ eye ─────┬──────────────────────┘
//        │                                    └─ Visual impairment (V)
//        └─ Mode of inheritance ─ Autosomal recessive
const SMALL_OBO = `format-version: 1.2
data-version: hp/releases/test
ontology: hp

[Term]
id: HP:0000001
name: All

[Term]
id: HP:0000118
name: Phenotypic abnormality
synonym: "Organ abnormality" EXACT []
is_a: HP:0000001 ! All

[Term]
id: HP:0000707
name: Abnormality of the nervous system
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0000478
name: Abnormality of the eye
def: "Any abnormality of the eye, including location, spacing, and intraocular abnormalities." [https://orcid.org/0000-0002-0736-9199]
is_a: HP:0000118 ! Phenotypic abnormality

[Term]
id: HP:0001250
name: Seizure
is_a: HP:0000707 ! Abnormality of the nervous system

[Term]
id: HP:9000001
name: Focal seizure
is_a: HP:0001250 ! Seizure

[Term]
id: HP:9000002
name: Generalized seizure
alt_id: HP:9000098
is_a: HP:0001250 ! Seizure {source="test"}

[Term]
id: HP:0001249
name: Intellectual disability
is_a: HP:0000707 ! Abnormality of the nervous system

[Term]
id: HP:9000003
name: Neuro-ocular anomaly
is_a: HP:0000707 ! Abnormality of the nervous system
is_a: HP:0000478 ! Abnormality of the eye

[Term]
id: HP:0000505
name: Visual impairment
is_a: HP:0000478

[Term]
id: HP:0000005
name: Mode of inheritance
is_a: HP:0000001 ! All

[Term]
id: HP:0000007
name: Autosomal recessive inheritance
is_a: HP:0000005 ! Mode of inheritance

[Term]
id: HP:9000099
name: obsolete Focal seizure, old
is_obsolete: true
replaced_by: HP:9000001

[Term]
id: HP:9000097
name: obsolete Seizure-like episodes
is_obsolete: true
consider: HP:0001250
consider: HP:9000001

[Typedef]
id: part_of
name: part of
is_transitive: true
`

const iri = (id: string) => `http://purl.obolibrary.org/obo/${id.replace(':', '_')}`
const OIO = 'http://www.geneontology.org/formats/oboInOwl#'
const SMALL_JSON = {
  graphs: [{
    id: 'http://purl.obolibrary.org/obo/hp.json',
    nodes: [
      { id: 'http://purl.obolibrary.org/obo/IAO_0100001', type: 'PROPERTY', lbl: 'term replaced by' },
      ...([
        ['HP:0000505', 'Visual impairment'], ['HP:9000003', 'Neuro-ocular anomaly'], ['HP:0001249', 'Intellectual disability'],
        ['HP:9000001', 'Focal seizure'], ['HP:0001250', 'Seizure'], ['HP:0000478', 'Abnormality of the eye'],
        ['HP:0000707', 'Abnormality of the nervous system'], ['HP:0000118', 'Phenotypic abnormality'], ['HP:0000001', 'All'],
        ['HP:0000005', 'Mode of inheritance'], ['HP:0000007', 'Autosomal recessive inheritance'],
      ].map(([id, lbl]) => ({ id: iri(id), lbl, type: 'CLASS', meta: { basicPropertyValues: [{ pred: `${OIO}hasOBONamespace`, val: 'human_phenotype' }] } }))),
      { id: iri('HP:9000002'), lbl: 'Generalized seizure', type: 'CLASS', meta: { basicPropertyValues: [{ pred: `${OIO}hasAlternativeId`, val: 'HP:9000098' }] } },
      { id: iri('HP:9000099'), lbl: 'obsolete Focal seizure, old', type: 'CLASS', meta: { deprecated: true, basicPropertyValues: [{ pred: 'http://purl.obolibrary.org/obo/IAO_0100001', val: iri('HP:9000001') }] } },
      { id: iri('HP:9000097'), lbl: 'obsolete Seizure-like episodes', type: 'CLASS', meta: { deprecated: true, basicPropertyValues: [{ pred: `${OIO}consider`, val: 'HP:0001250' }, { pred: `${OIO}consider`, val: 'HP:9000001' }] } },
    ],
    edges: [
      ['HP:0000118', 'HP:0000001'], ['HP:0000707', 'HP:0000118'], ['HP:0000478', 'HP:0000118'], ['HP:0001250', 'HP:0000707'],
      ['HP:9000001', 'HP:0001250'], ['HP:9000002', 'HP:0001250'], ['HP:0001249', 'HP:0000707'], ['HP:9000003', 'HP:0000707'],
      ['HP:9000003', 'HP:0000478'], ['HP:0000505', 'HP:0000478'], ['HP:0000005', 'HP:0000001'], ['HP:0000007', 'HP:0000005'],
    ].map(([s, o]) => ({ sub: iri(s), pred: 'is_a', obj: iri(o) }))
      .concat([{ sub: iri('HP:9000003'), pred: 'http://purl.obolibrary.org/obo/BFO_0000050', obj: iri('HP:0000707') }]),
  }],
}

// genes_to_phenotype.txt, current layout. G2's term is given by its alt id, G1's by an obsolete
// id with replacement; the inheritance row and the "Excluded" row must not count.
const SMALL_G2P = `ncbi_gene_id\tgene_symbol\thpo_id\thpo_name\tfrequency\tdisease_id
101\tG1\tHP:9000099\tFocal seizure\t-\tOMIM:600001
101\tG1\tHP:0001249\tIntellectual disability\tHP:0040281\tOMIM:600001
101\tG1\tHP:0000007\tAutosomal recessive inheritance\t-\tOMIM:600001
102\tG2\tHP:9000098\tGeneralized seizure\t3/7\tOMIM:600002
103\tG3\tHP:0000505\tVisual impairment\t-\tORPHA:1001
103\tG3\tHP:9000003\tNeuro-ocular anomaly\t40%\tORPHA:1001
103\tG3\tHP:0001249\tIntellectual disability\tHP:0040285\tORPHA:1001
104\tG4\tHP:0001249\tIntellectual disability\t-\tOMIM:600004
`

const ln = Math.log
const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 12)

function smallScorer(format: 'obo' | 'json' = 'obo') {
  const o = format === 'obo' ? Ontology.fromObo(SMALL_OBO) : Ontology.fromJson(SMALL_JSON)
  return new PhenotypeScorer(o, Annotations.fromGenesToPhenotype(SMALL_G2P))
}

describe('ontology reading', () => {
  it('reads OBO stanzas: names, synonyms, definitions, parents, obsolete and alternative ids', () => {
    const o = Ontology.fromObo(SMALL_OBO)
    expect(o.size).toBe(12)
    expect(o.version).toBe('hp/releases/test')
    expect(o.stats).toMatchObject({ terms: 12, obsolete: 2, alternativeIds: 1, isaEdges: 12, danglingParents: 0 })
    expect(o.term('HP:0000118')).toMatchObject({ name: 'Phenotypic abnormality', synonyms: ['Organ abnormality'], parents: ['HP:0000001'] })
    expect(o.term('HP:0000478')?.definition).toMatch(/^Any abnormality of the eye/)
    expect(o.term('HP:9000003')?.parents.sort()).toEqual(['HP:0000478', 'HP:0000707'])
    expect(o.ancestors('HP:9000003').sort()).toEqual(['HP:0000001', 'HP:0000118', 'HP:0000478', 'HP:0000707', 'HP:9000003'])
    expect(o.ancestors('HP:9000001')[0]).toBe('HP:9000001')
    expect(o.propagate(['HP:9000099', 'HP:0000505', 'HP:1234567']).sort()).toEqual(
      ['HP:0000001', 'HP:0000118', 'HP:0000478', 'HP:0000505', 'HP:0000707', 'HP:0001250', 'HP:9000001'])
    expect(o.term(o.resolve('HP:0000505'))?.id).toBe('HP:0000505')
  })

  it('resolves alternative and obsolete ids to current terms; obsolete without replacement keeps its consider list', () => {
    for (const o of [Ontology.fromObo(SMALL_OBO), Ontology.fromJson(SMALL_JSON)]) {
      expect(o.lookup('HP:9000002')).toEqual({ status: 'current', index: o.resolve('HP:9000002'), id: 'HP:9000002' })
      expect(o.lookup('HP:9000098')).toMatchObject({ status: 'alternative', id: 'HP:9000002' })
      expect(o.lookup('HP:9000099')).toMatchObject({ status: 'replaced', id: 'HP:9000001' })
      expect(o.lookup('HP:9000097')).toEqual({ status: 'obsolete', index: -1, consider: ['HP:0001250', 'HP:9000001'] })
      expect(o.lookup('HP:1234567')).toEqual({ status: 'unknown', index: -1 })
      expect(o.resolve('HP:9000098')).toBe(o.resolve('HP:9000002'))
      expect(o.term('HP:9000099')?.id).toBe('HP:9000001')
      expect(o.has('HP:9000097')).toBe(true)
    }
  })

  it('OBO and obographs JSON of the same ontology give identical closures and scores', () => {
    const a = Ontology.fromObo(SMALL_OBO)
    const b = Ontology.fromJson(JSON.stringify(SMALL_JSON))
    expect(b.size).toBe(a.size)
    expect(b.stats).toEqual(a.stats)
    for (const id of a.ids) expect(new Set(b.ancestors(id))).toEqual(new Set(a.ancestors(id)))
    const sa = smallScorer('obo').scoreGenes(['HP:9000001', 'HP:0000505']).matches
    const sb = smallScorer('json').scoreGenes(['HP:9000001', 'HP:0000505']).matches
    expect(sb).toEqual(sa)
  })

  it('chains replaced_by through obsolete terms and ignores dangling parents', () => {
    const o = Ontology.fromObo(`[Term]\nid: HP:1\nname: root\n\n[Term]\nid: HP:2\nname: child\nis_a: HP:1\nis_a: HP:404 ! missing\n\n` +
      `[Term]\nid: HP:3\nname: obsolete a\nis_obsolete: true\nreplaced_by: HP:4\n\n[Term]\nid: HP:4\nname: obsolete b\nis_obsolete: true\nreplaced_by: HP:2\n`)
    expect(o.lookup('HP:3')).toMatchObject({ status: 'replaced', id: 'HP:2' })
    expect(o.stats.danglingParents).toBe(1)
    const q = Ontology.fromObo('[Term]\nid: HP:1\nname: root\r\ndef: "A \\"quoted\\" word." [PMID:1]\nsynonym: "Plain" RELATED []\n')
    expect(q.term('HP:1')).toMatchObject({ name: 'root', definition: 'A "quoted" word.', synonyms: ['Plain'] })
    expect(() => new PhenotypeScorer(q, new Annotations(), { root: 'HP:0000118' })).toThrow(/root term HP:0000118/)
  })

  it('rejects cycles, duplicate ids and malformed lines with the file and line', () => {
    expect(() => Ontology.fromObo('[Term]\nid: HP:1\nname: a\nis_a: HP:2\n\n[Term]\nid: HP:2\nname: b\nis_a: HP:1\n')).toThrow(/is_a cycle/)
    expect(() => Ontology.fromObo('[Term]\nid: HP:1\n\n[Term]\nid: HP:1\n')).toThrow(/defined twice/)
    expect(() => Ontology.fromObo('[Term]\nid: HP:1\nthis is not a tag line\n', { file: 'hp.obo' })).toThrow(PhenotypeFormatError)
    expect(() => Ontology.fromObo('[Term]\nid: HP:1\nthis is not a tag line\n', { file: 'hp.obo' })).toThrow(/^hp\.obo, line 3: /)
    expect(() => Ontology.fromJson({ nodes: [] })).toThrow(/no "graphs"/)
  })
})

describe('annotations', () => {
  it('reads genes_to_phenotype.txt (current layout): genes, disease links, excluded frequency', () => {
    const a = Annotations.fromGenesToPhenotype(SMALL_G2P)
    expect(a.genes.size).toBe(4)
    const g3 = a.gene('G3')!
    expect(g3).toMatchObject({ id: 'NCBIGene:103', ncbiGeneId: 103, symbol: 'G3' })
    expect([...g3.terms].sort()).toEqual(['HP:0000505', 'HP:9000003'])
    expect([...g3.diseases]).toEqual(['ORPHA:1001'])
    expect(a.gene('103')).toBe(g3)
    expect(a.gene('NCBIGene:103')).toBe(g3)
    expect([...a.diseases.get('OMIM:600001')!.genes]).toEqual(['NCBIGene:101'])
  })

  it('reads the older genes_to_phenotype layouts (term id found by content)', () => {
    const old = '#Format: entrez-gene-id<tab>entrez-gene-symbol<tab>HPO-Term-ID<tab>HPO-Term-Name<tab>Frequency-Raw<tab>Frequency-HPO<tab>Additional Info from G-D source<tab>G-D source<tab>disease-ID for link\n' +
      '8192\tCLPP\tHP:0000013\tHypoplasia of the uterus\t-\tHP:0040283\t-\tmim2gene\tOMIM:614129\n' +
      '8192\tCLPP\tHP:0000815\tHypergonadotropic hypogonadism\t-\tHP:0040285\t-\tmim2gene\tOMIM:614129\n'
    const oldest = '#Format: entrez-gene-id<tab>entrez-gene-symbol<tab>HPO-Term-Name<tab>HPO-Term-ID\n8192\tCLPP\tHypoplasia of the uterus\tHP:0000013\n'
    for (const text of [old, oldest]) {
      const g = Annotations.fromGenesToPhenotype(text).gene('CLPP')!
      expect([...g.terms]).toEqual(['HP:0000013'])
      expect(g.ncbiGeneId).toBe(8192)
    }
    expect([...Annotations.fromGenesToPhenotype(old).gene('CLPP')!.diseases]).toEqual(['OMIM:614129'])
  })

  it('reads phenotype.hpoa: comments, header, aspect P only, NOT qualifier excluded; also the 2018 layout', () => {
    const hpoa = '#description: "HPO annotations for rare diseases [2: OMIM]"\n#version: 2024-04-19\n#tracker: https://github.com/obophenotype/human-phenotype-ontology/issues\n' +
      'database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration\n' +
      'OMIM:619340\tDevelopmental and epileptic encephalopathy 96\t\tHP:0001250\tPMID:31675180\tPCS\t\t1/2\t\t\tP\tHPO:probinson[2021-06-21]\n' +
      'OMIM:619340\tDevelopmental and epileptic encephalopathy 96\tNOT\tHP:0000505\tPMID:31675180\tPCS\t\t\t\t\tP\tHPO:probinson[2021-06-21]\n' +
      'OMIM:619340\tDevelopmental and epileptic encephalopathy 96\t\tHP:0000007\tPMID:31675180\tPCS\t\t\t\t\tI\tHPO:probinson[2021-06-21]\n' +
      'OMIM:619340\tDevelopmental and epileptic encephalopathy 96\t\tHP:0003593\tPMID:31675180\tPCS\t\t\t\t\tC\tHPO:probinson[2021-06-21]\n' +
      'ORPHA:1001\tSome syndrome\t\tHP:0001249\tORPHA:1001\tTAS\t\tHP:0040285\t\t\tP\tORPHA:orphadata[2024-04-19]\n'
    const a = Annotations.fromHpoa(hpoa)
    const d = a.diseases.get('OMIM:619340')!
    expect(d.name).toBe('Developmental and epileptic encephalopathy 96')
    expect([...d.terms]).toEqual(['HP:0001250'])
    expect([...d.excluded]).toEqual(['HP:0000505'])
    expect([...d.inheritance]).toEqual(['HP:0000007'])
    expect([...a.diseases.get('ORPHA:1001')!.excluded]).toEqual(['HP:0001249'])
    const v2018 = '#DB\tDB_Object_ID\tDB_Name\tQualifier\tHPO_ID\tDB_Reference\tEvidence\tOnset\tFrequency\tSex\tModifier\tAspect\tDate_Created\tAssigned_By\n' +
      'OMIM\t118830\tCHYLOMICRONEMIA\t\tHP:0001744\tOMIM:118830\tTAS\t\t\t\t\tP\t2009-02-17\tHPO:probinson\n' +
      'OMIM\t118830\tCHYLOMICRONEMIA\t\tHP:0000006\tOMIM:118830\tTAS\t\t\t\t\tI\t2009-02-17\tHPO:probinson\n'
    expect([...Annotations.fromHpoa(v2018).diseases.get('OMIM:118830')!.terms]).toEqual(['HP:0001744'])
    expect(() => Annotations.fromHpoa('OMIM:1\tx\t\tHP:0000001\n')).toThrow(/before the header/)
  })

  it('links genes to diseases with genes_to_disease.txt and uses disease terms in the gene profile', () => {
    const hpoa = 'database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\tsex\tmodifier\taspect\tbiocuration\n' +
      'OMIM:600009\tFocal epilepsy 9\t\tHP:9000001\tOMIM:600009\tIEA\t\t\t\t\tP\tHPO:x[2024-01-01]\n'
    const g2d = 'ncbi_gene_id\tgene_symbol\tassociation_type\tdisease_id\tsource\nNCBIGene:109\tG9\tMENDELIAN\tOMIM:600009\tmim2gene\n'
    const a = Annotations.merge(Annotations.fromGenesToPhenotype(SMALL_G2P), Annotations.fromHpoa(hpoa), Annotations.fromGenesToDisease(g2d))
    const g9 = a.gene('G9')!
    expect(g9.id).toBe('NCBIGene:109')
    expect([...a.geneProfile(g9)]).toEqual(['HP:9000001'])
    const s = new PhenotypeScorer(Ontology.fromObo(SMALL_OBO), a)
    expect(s.geneProfile('G9')).toEqual(['HP:9000001'])
    expect(s.scoreGenes(['HP:9000001']).matches[0].score).toBe(1)
  })
})

describe('information content and Resnik (hand-checked)', () => {
  // Genes (after resolution; inheritance and excluded rows dropped):
  //   G1 {Focal seizure, Intellectual disability}  G2 {Generalized seizure}
  //   G3 {Visual impairment, Neuro-ocular}         G4 {Intellectual disability}
  // Genes annotated to the term or a descendant, of 4:
  //   Phenotypic abnormality 4, nervous 4 (G3 through Neuro-ocular), eye 1, Seizure 2, ID 2,
  //   Focal 1, Generalized 1, Visual 1, Neuro-ocular 1.
  it('IC(t) = -ln(genes annotated to t or a descendant / annotated genes)', () => {
    const s = smallScorer()
    expect(s.informationContent.total).toBe(4)
    close(s.ic('HP:0000118'), 0)
    close(s.ic('HP:0000707'), 0)
    close(s.ic('HP:0000478'), ln(4))
    close(s.ic('HP:0001250'), ln(2))
    close(s.ic('HP:0001249'), ln(2))
    close(s.ic('HP:9000001'), ln(4))
    close(s.ic('HP:9000098'), ln(4)) // alternative id of Generalized seizure
    close(s.ic('HP:9000003'), ln(4))
    expect(s.ic('HP:1234567')).toBeNaN()
  })

  it('Resnik = IC of the most informative common ancestor', () => {
    const s = smallScorer()
    close(s.resnik('HP:9000001', 'HP:9000002'), ln(2)) // Seizure
    close(s.resnik('HP:9000001', 'HP:0001249'), 0) // nervous system, IC 0
    close(s.resnik('HP:9000003', 'HP:0000505'), ln(4)) // eye, through the second parent
    close(s.resnik('HP:9000001', 'HP:9000001'), ln(4))
    close(s.resnik('HP:0000505', 'HP:9000001'), 0)
  })

  it('normalised symmetric best-match scores, worked by hand', () => {
    // patient {Focal seizure, Visual impairment}; self-information 2·ln4 on the patient side.
    //  G3: P→G (0 + ln4)/2ln4 = 1/2; G→P (ln4 + ln4)/2ln4 = 1        → 3/4
    //  G1: P→G (ln4 + 0)/2ln4 = 1/2; G→P (ln4 + 0)/(ln4 + ln2) = 2/3 → 7/12
    //  G2: P→G (ln2 + 0)/2ln4 = 1/4; G→P ln2/ln4 = 1/2               → 3/8
    //  G4: 0
    const r = smallScorer().scoreGenes(['HP:9000001', 'HP:0000505'])
    expect(r.matches.map((m) => m.label)).toEqual(['G3', 'G1', 'G2', 'G4'])
    const by = Object.fromEntries(r.matches.map((m) => [m.label, m]))
    close(by.G3.score, 3 / 4)
    close(by.G3.patientToProfile, 1 / 2)
    close(by.G3.profileToPatient, 1)
    close(by.G1.score, 7 / 12)
    close(by.G2.score, 3 / 8)
    close(by.G4.score, 0)
    close(by.G3.rawBma, ((0 + ln(4)) / 2 + (ln(4) + ln(4)) / 2) / 2)
    close(by.G3.maxSimilarity, ln(4))
    const ex = smallScorer().explain(['HP:9000001', 'HP:0000505'], 'G3')
    expect(ex[1]).toMatchObject({ term: 'HP:0000505', match: 'HP:0000505', mica: 'HP:0000505' })
    close(ex[1].similarity, ln(4))
  })

  it('drops unknown, obsolete-without-replacement and non-phenotype query terms, and says why', () => {
    const r = smallScorer().scoreGenes(['HP:9000099', 'HP:9000097', 'HP:0000007', 'HP:7654321', 'HP:9000001'])
    expect(r.query.ids).toEqual(['HP:9000001'])
    expect(r.query.dropped).toEqual([
      { id: 'HP:9000097', reason: 'obsolete', consider: ['HP:0001250', 'HP:9000001'] },
      { id: 'HP:0000007', reason: 'outside-root' },
      { id: 'HP:7654321', reason: 'unknown' },
    ])
    expect(smallScorer().scoreGenes([]).matches.every((m) => m.score === 0)).toBe(true)
  })

  it('IC from disease profiles instead of genes', () => {
    const s = new PhenotypeScorer(Ontology.fromObo(SMALL_OBO), Annotations.fromGenesToPhenotype(SMALL_G2P), { icFrom: 'diseases' })
    expect(s.informationContent.total).toBe(4) // four diseases, one per gene here
    close(s.ic('HP:0001250'), ln(2))
    const byDisease = s.scoreGenes(['HP:9000001', 'HP:0000505'], { by: 'disease' }).matches
    expect(byDisease[0]).toMatchObject({ label: 'G3', disease: 'ORPHA:1001' })
    const diseases = s.scoreDiseases(['HP:9000001', 'HP:0000505']).matches
    expect(diseases[0].id).toBe('ORPHA:1001')
    close(diseases[0].score, s.compare(['HP:9000001', 'HP:0000505'], ['HP:0000505', 'HP:9000003']).score)
    close(diseases[0].score, 3 / 4) // same profiles and counts as by gene here
  })
})

// --- random ontologies for the properties ------------------------------------------------------
interface World { parents: ParentMap; genes: Map<string, string[]>; patient: string[] }

const worldArb: fc.Arbitrary<World> = fc.integer({ min: 3, max: 24 }).chain((n) =>
  fc.record({
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: n, maxLength: n }),
    genes: fc.array(fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
    patient: fc.array(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: 5 }),
  }).map(({ edges, genes, patient }) => {
    // term 0 = All, 1 = Phenotypic abnormality, k ≥ 2: one or two parents among 1..k-1
    const id = (k: number) => (k === 0 ? 'HP:0000001' : k === 1 ? 'HP:0000118' : `HP:${String(9000000 + k)}`)
    const parents: ParentMap = new Map([[id(0), []], [id(1), [id(0)]]])
    for (let k = 2; k < n; k++) {
      const [a, b, two] = edges[k]
      const ps = new Set([id(1 + (a % (k - 1)))])
      if (two) ps.add(id(1 + (b % (k - 1))))
      parents.set(id(k), [...ps])
    }
    const pick = (k: number) => id(2 + (k % Math.max(1, n - 2)))
    return {
      parents,
      genes: new Map(genes.map((ts, i) => [`S${i}`, ts.map(pick)])),
      patient: [...new Set(patient.map(pick))],
    }
  }),
)

function scorerOf(w: World, format: 'obo' | 'json' = 'obo') {
  const o = format === 'obo' ? Ontology.fromObo(toObo(w.parents)) : Ontology.fromJson(toJson(w.parents))
  return new PhenotypeScorer(o, Annotations.fromGenesToPhenotype(toGenesToPhenotype(w.genes)))
}

describe('properties (fast-check)', () => {
  it('bulk scores equal the brute-force reference and the pairwise compare(); OBO and JSON agree', () => {
    fc.assert(fc.property(worldArb, (w) => {
      const s = scorerOf(w)
      const ref = new Reference(w.parents, w.genes)
      for (const [id, anc] of [...w.parents.keys()].map((t) => [t, ref.anc(t)] as const)) expect(new Set(s.ontology.ancestors(id))).toEqual(anc)
      for (const t of w.parents.keys()) expect(s.ic(t)).toBeCloseTo(ref.ic.get(t)!, 10)
      const res = s.scoreGenes(w.patient).matches
      const json = scorerOf(w, 'json').scoreGenes(w.patient).matches
      expect(json).toEqual(res)
      for (const m of res) {
        expect(m.score).toBeCloseTo(ref.score(w.patient, w.genes.get(m.label)!), 10)
        expect(m.score).toBeCloseTo(s.compare(w.patient, w.genes.get(m.label)!).score, 10)
      }
    }), { numRuns: 150 })
  })

  it('the score is symmetric and in [0, 1]', () => {
    fc.assert(fc.property(worldArb, fc.nat(), (w, k) => {
      const s = scorerOf(w)
      const g = [...w.genes.values()][k % w.genes.size]
      const ab = s.compare(w.patient, g)
      const ba = s.compare(g, w.patient)
      expect(ab.score).toBeCloseTo(ba.score, 12)
      expect(ab.patientToProfile).toBeCloseTo(ba.profileToPatient, 12)
      for (const m of s.scoreGenes(w.patient).matches) {
        expect(m.score).toBeGreaterThanOrEqual(0)
        expect(m.score).toBeLessThanOrEqual(1 + 1e-12)
      }
    }), { numRuns: 150 })
  })

  it("a gene annotated with exactly the patient's terms scores 1, the maximum", () => {
    fc.assert(fc.property(worldArb, (w) => {
      const genes = new Map(w.genes)
      genes.set('SELF', w.patient)
      const s = scorerOf({ ...w, genes })
      const res = s.scoreGenes(w.patient)
      const self = res.matches.find((m) => m.label === 'SELF')!
      const max = Math.max(...res.matches.map((m) => m.score))
      expect(self.score).toBeCloseTo(max, 12)
      const info = res.query.indices.reduce((sum, i) => sum + s.informationContent.ic[i], 0)
      if (info > 0) expect(self.score).toBeCloseTo(1, 12)
    }), { numRuns: 150 })
  })

  it("adding one of a gene's own terms to the patient never lowers that gene's score", () => {
    fc.assert(fc.property(worldArb, fc.nat(), fc.nat(), (w, gk, tk) => {
      const s = scorerOf(w)
      const [sym, terms] = [...w.genes][gk % w.genes.size]
      const extra = terms[tk % terms.length]
      const before = s.scoreGenes(w.patient).matches.find((m) => m.label === sym)!
      const after = s.scoreGenes([...w.patient, extra]).matches.find((m) => m.label === sym)!
      expect(after.score).toBeGreaterThanOrEqual(before.score - 1e-12)
      expect(after.patientToProfile).toBeGreaterThanOrEqual(before.patientToProfile - 1e-12)
      expect(after.profileToPatient).toBeGreaterThanOrEqual(before.profileToPatient - 1e-12)
    }), { numRuns: 150 })
  })
})

describe('synthetic HPO (src/world/hpo.ts)', () => {
  const genes = Array.from({ length: 240 }, (_, i) => ({
    symbol: `GENE${i}`,
    categories: i % 12 === 11 ? [] : i % 9 === 0 ? [HPO_CATEGORIES[i % 8], 'growth'] : [['neurological', 'cardiac', 'eye', 'hearing', 'skeletal', 'renal', 'metabolic', 'immune'][i % 8]],
  }))
  const w = generateSyntheticHpo({ seed: 11, genes, terms: 1500 })
  const obo = Ontology.fromObo(w.obo, { file: 'hp.obo' })
  const json = Ontology.fromJson(w.json, { file: 'hp.json' })
  const annotations = Annotations.merge(Annotations.fromGenesToPhenotype(w.genesToPhenotype), Annotations.fromHpoa(w.hpoa), Annotations.fromGenesToDisease(w.genesToDisease))
  const scorer = new PhenotypeScorer(obo, annotations)

  it('is a pure function of its options', () => {
    const again = generateSyntheticHpo({ seed: 11, genes, terms: 1500 })
    for (const k of ['obo', 'json', 'genesToPhenotype', 'hpoa', 'genesToDisease'] as const) expect(again[k]).toBe(w[k])
    expect(again.patientTerms('GENE3', 5)).toEqual(w.patientTerms('GENE3', 5))
    const other = generateSyntheticHpo({ seed: 12, genes, terms: 1500 })
    expect(other.obo).not.toBe(w.obo)
    expect(other.genesToPhenotype).not.toBe(w.genesToPhenotype)
    // appending a gene leaves the earlier genes' rows as they were
    const more = generateSyntheticHpo({ seed: 11, genes: [...genes, { symbol: 'EXTRA', categories: ['eye'] }], terms: 1500 })
    expect(more.genesToPhenotype.startsWith(w.genesToPhenotype)).toBe(true)
  })

  it('writes an ontology with the real top levels that both readers load identically', () => {
    expect(obo.size).toBe(1500)
    expect(w.termIds.length).toBe(1500)
    expect(json.stats).toEqual(obo.stats)
    for (const id of obo.ids) expect(new Set(json.ancestors(id))).toEqual(new Set(obo.ancestors(id)))
    expect(obo.stats.obsolete).toBeGreaterThan(0)
    expect(obo.stats.alternativeIds).toBeGreaterThan(0)
    expect(obo.term('HP:0000118')?.parents).toEqual(['HP:0000001'])
    for (const [id, name] of [['HP:0000707', 'Abnormality of the nervous system'], ['HP:0001626', 'Abnormality of the cardiovascular system'],
      ['HP:0000478', 'Abnormality of the eye'], ['HP:0000598', 'Abnormality of the ear']]) {
      expect(obo.term(id)).toMatchObject({ name, parents: ['HP:0000118'] })
    }
    expect(obo.ancestors('HP:0000924')).toContain('HP:0033127')
    const patient = w.patientTerms('GENE7', 1)
    expect(new PhenotypeScorer(json, annotations).scoreGenes(patient).matches).toEqual(scorer.scoreGenes(patient).matches)
    // depth and multiple parents, as in the real HPO
    const depths = obo.ids.map((id) => obo.ancestors(id).length)
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(8)
    expect(obo.ids.filter((id) => obo.term(id)!.parents.length > 1).length).toBeGreaterThan(50)
    expect(new Set(obo.names).size).toBe(obo.size)
    for (const id of obo.ids) if (id.startsWith('HP:9')) expect(id).toMatch(/^HP:9\d{6}$/)
  })

  it('writes coherent annotations: every term resolves, categories share terms, counts are skewed', () => {
    expect(scorer.unresolvedAnnotationTerms.size).toBe(0)
    expect(annotations.genes.size).toBe(genes.filter((g) => g.categories.length > 0).length)
    expect(annotations.diseases.size).toBe(w.diseases.length)
    const hpoaOnly = Annotations.fromHpoa(w.hpoa)
    for (const d of w.diseases) {
      const a = hpoaOnly.diseases.get(d.id)!
      expect([...a.terms].sort()).toEqual([...d.terms].sort())
      expect([...a.excluded].sort()).toEqual([...d.excluded].sort())
      expect([...a.inheritance]).toEqual([d.inheritance])
    }
    expect(w.diseases.some((d) => d.excluded.length > 0)).toBe(true)
    // Jaccard similarity of gene profiles: same category well above different categories
    const prof = (s: string) => new Set(scorer.geneProfile(s))
    const jac = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length / new Set([...a, ...b]).size
    let same = 0, ns = 0, diff = 0, nd = 0
    const annotated = genes.filter((g) => g.categories.length === 1)
    for (let i = 0; i < annotated.length; i++) for (let j = i + 1; j < annotated.length; j++) {
      const v = jac(prof(annotated[i].symbol), prof(annotated[j].symbol))
      if (annotated[i].categories[0] === annotated[j].categories[0]) { same += v; ns++ } else { diff += v; nd++ }
    }
    expect(same / ns).toBeGreaterThan(5 * (diff / nd))
    // genes per term: a few very common terms, a long tail
    const counts = [...scorer.informationContent.counts].filter((c, i) => c > 0 && scorer.ontology.ids[i].startsWith('HP:9')).sort((a, b) => a - b)
    expect(counts[counts.length - 1]).toBeGreaterThanOrEqual(8 * counts[counts.length >> 1])
    // terms per disease: log-normal around 10
    const sizes = w.diseases.map((d) => d.terms.length).sort((a, b) => a - b)
    expect(sizes[sizes.length >> 1]).toBeGreaterThanOrEqual(5)
    expect(sizes[sizes.length >> 1]).toBeLessThanOrEqual(16)
    expect(sizes[sizes.length - 1]).toBeGreaterThanOrEqual(25)
  })

  it("patientTerms draws presentations that rank the gene near the top", () => {
    const ranks: number[] = []
    for (let i = 0; i < 40; i++) {
      const sym = `GENE${i * 5}`
      const terms = w.patientTerms(sym, 99)
      if (terms.length === 0) { expect(genes[i * 5].categories).toEqual([]); continue }
      expect(scorer.resolveTerms(terms).dropped).toEqual([])
      ranks.push(scorer.scoreGenes(terms).matches.findIndex((m) => m.label === sym) + 1)
    }
    ranks.sort((a, b) => a - b)
    expect(ranks[ranks.length >> 1]).toBeLessThanOrEqual(3)
    expect(ranks.filter((r) => r === 1).length).toBeGreaterThan(ranks.length / 3)
  })
})

// one 19,000-term synthetic HPO (the real HPO's size) for the performance and browser tests
let big: ReturnType<typeof generateSyntheticHpo> | undefined
const bigHpo = () => (big ??= generateSyntheticHpo({
  seed: 3, terms: 19_000,
  genes: Array.from({ length: 400 }, (_, i) => ({ symbol: `B${i}`, categories: [HPO_CATEGORIES[i % HPO_CATEGORIES.length]] })),
}))

describe('performance (19,000 terms, 20,000 genes)', () => {
  it('loads and scores within bounds generous enough for a loaded machine', () => {
    const w = bigHpo()
    // 20,000 genes with a Zipf-like choice of terms (5–40 each): ~450,000 genes_to_phenotype rows
    const phen = w.termIds.filter((id) => id.startsWith('HP:9'))
    let x = 12345
    const rnd = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296)
    const rows = ['ncbi_gene_id\tgene_symbol\thpo_id\thpo_name\tfrequency\tdisease_id']
    for (let g = 0; g < 20_000; g++) {
      const n = 5 + Math.floor(rnd() ** 2 * 35)
      for (let k = 0; k < n; k++) rows.push(`${g + 1}\tP${g}\t${phen[Math.floor(rnd() ** 3 * phen.length)]}\tname\t-\tOMIM:${600000 + g}`)
    }
    const g2p = rows.join('\n')
    const times: Record<string, number> = {}
    const cpu: Record<string, number> = {}
    const time = <T>(label: string, f: () => T): T => {
      const c0 = process.cpuUsage()
      const t0 = performance.now()
      const r = f()
      times[label] = Math.round(performance.now() - t0)
      const c = process.cpuUsage(c0)
      cpu[label] = Math.round((c.user + c.system) / 1000)
      return r
    }
    const o = time('ontology from OBO', () => Ontology.fromObo(w.obo))
    time('ontology from JSON', () => Ontology.fromJson(w.json))
    const a = time('genes_to_phenotype', () => Annotations.fromGenesToPhenotype(g2p))
    const s = time('scorer (IC, profiles)', () => new PhenotypeScorer(o, a))
    const patients = [0, 1, 2, 3, 4].map((i) => [...s.geneProfile(`P${i * 1000}`).slice(0, 6), phen[i * 17]])
    time('score 5 patients', () => { for (const p of patients) s.scoreGenes(p) })
    console.log(`phenotype performance (ms wall / ms CPU): ${Object.keys(times).map((k) => `${k} ${times[k]} / ${cpu[k]}`).join('; ')}; ` +
      `${o.size} terms, closure ${o.stats.closureSize}, ${a.genes.size} genes, ${rows.length - 1} rows`)
    expect(o.size).toBe(19_000)
    expect(s.geneCount).toBe(20_000)
    expect(times['ontology from OBO']).toBeLessThan(15_000)
    expect(times['ontology from JSON']).toBeLessThan(15_000)
    expect(times['scorer (IC, profiles)']).toBeLessThan(15_000)
    expect(times['score 5 patients'] / 5).toBeLessThan(4_000)
    // the patient's own gene is found
    expect(s.scoreGenes(s.geneProfile('P1234')).matches[0].label).toBe('P1234')
  })
})

// The phenotype modules bundled alone for the browser (no Node built-ins may be reached), loaded
// into headless Chromium, and timed there on the 19,000-term ontology: what a browser tab pays.
const CHROMIUM = '/usr/bin/chromium'
if (!existsSync(CHROMIUM) && !process.env.CI) console.warn(`NOTICE: skipping the phenotype browser timing: ${CHROMIUM} is not installed`)
describe.runIf(existsSync(CHROMIUM) || !!process.env.CI)('phenotype in a browser tab', () => {
  it('bundles without Node built-ins and loads a 19,000-term ontology in Chromium', async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('../src/phenotype/index.ts', import.meta.url))], bundle: true, write: false,
      platform: 'browser', format: 'iife', globalName: 'vtPhenotype', logLevel: 'silent',
    })
    const code = bundle.outputFiles[0].text
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/)
    const w = bigHpo()
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] })
    try {
      const page = await browser.newPage()
      await page.route('**/*', (route) => route.abort())
      await page.addScriptTag({ content: code })
      const r = await page.evaluate(({ obo, json, g2p, patient }) => {
        const vt = (globalThis as unknown as { vtPhenotype: typeof import('../src/phenotype/index.js') }).vtPhenotype
        const t0 = performance.now()
        const o = vt.Ontology.fromObo(obo)
        const t1 = performance.now()
        const oj = vt.Ontology.fromJson(json)
        const t2 = performance.now()
        const s = new vt.PhenotypeScorer(o, vt.Annotations.fromGenesToPhenotype(g2p))
        const t3 = performance.now()
        const best = s.scoreGenes(patient).matches[0].label
        const t4 = performance.now()
        return { size: o.size, jsonSize: oj.size, best, genes: s.geneCount, obo: t1 - t0, json: t2 - t1, annotations: t3 - t2, score: t4 - t3, hasProcess: typeof (globalThis as { process?: unknown }).process }
      }, { obo: w.obo, json: w.json, g2p: w.genesToPhenotype, patient: w.diseases[0].terms })
      console.log(`phenotype in Chromium (ms wall): OBO ${r.obo.toFixed(0)}, JSON ${r.json.toFixed(0)}, annotations + scorer (${r.genes} genes) ${r.annotations.toFixed(0)}, score ${r.score.toFixed(0)}`)
      expect(r.hasProcess).toBe('undefined')
      expect(r.size).toBe(19_000)
      expect(r.jsonSize).toBe(19_000)
      expect(r.best).toBe(w.diseases[0].genes[0])
      expect(r.obo).toBeLessThan(15_000)
      expect(r.json).toBeLessThan(15_000)
    } finally {
      await browser.close()
    }
  })
})

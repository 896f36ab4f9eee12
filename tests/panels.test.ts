// Gene panels: symbol lists, PanelApp-style TSVs (confidence, modes of inheritance, entity
// types), the bundle's panels table by name (checked against the world's panel lists), unknown
// symbols reported with their lines, restrict vs rank-first.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadPanel, modesOfInheritance, panelPolicy, parsePanel, PanelError } from '../src/panels/index.js'
import { PANELS_BY_NAME, panelsTsv } from '../src/world/genes/panels.js'
import { ACMG_SF } from '../src/world/genes/acmg-sf.js'
import { panelAppMoi } from '../src/world/constraint.js'
import { openBundle, writeManifest } from '../src/resources/bundle.js'

const tmp = () => mkdtempSync(join(tmpdir(), 'vt-panels-'))

describe('PanelApp modes of inheritance', () => {
  it('map to the selection modes', () => {
    expect(modesOfInheritance('MONOALLELIC, autosomal or pseudoautosomal, not imprinted')).toEqual(['autosomal_dominant', 'de_novo'])
    expect(modesOfInheritance('MONOALLELIC, autosomal or pseudoautosomal, maternally imprinted (paternal allele expressed)')).toEqual(['autosomal_dominant', 'de_novo'])
    expect(modesOfInheritance('BIALLELIC, autosomal or pseudoautosomal')).toEqual(['autosomal_recessive_hom', 'compound_het'])
    expect(modesOfInheritance('BOTH monoallelic and biallelic, autosomal or pseudoautosomal')).toEqual(['autosomal_dominant', 'de_novo', 'autosomal_recessive_hom', 'compound_het'])
    expect(modesOfInheritance('X-LINKED: hemizygous mutation in males, biallelic mutations in females')).toEqual(['x_linked_recessive'])
    expect(modesOfInheritance('X-LINKED: hemizygous mutation in males, monoallelic mutations in females may cause disease (may be less severe, later onset than males)'))
      .toEqual(['x_linked_recessive', 'x_linked_dominant', 'de_novo'])
    expect(modesOfInheritance('MITOCHONDRIAL')).toEqual(['mitochondrial'])
    expect(modesOfInheritance('Unknown')).toEqual([])
    expect(modesOfInheritance('Other - please specifiy in evaluation comments')).toEqual([])
    expect(modesOfInheritance('AD, AR')).toEqual(['autosomal_dominant', 'de_novo', 'autosomal_recessive_hom', 'compound_het'])
    expect(modesOfInheritance('XLR')).toEqual(['x_linked_recessive'])
    expect(modesOfInheritance('')).toEqual([])
  })
})

describe('panel files', () => {
  it('one symbol per line: comments, commas, duplicates and unknown symbols reported with their lines', () => {
    const p = parsePanel('# my panel\nSCN1A\nSCN2A, KCNQ2\n\nSCN1A\nNOTAGENE  # typo\n', 'epi.txt', 'epi', { knownSymbols: ['SCN1A', 'SCN2A', 'KCNQ2'] })
    expect([...p.genes.keys()]).toEqual(['SCN1A', 'SCN2A', 'KCNQ2', 'NOTAGENE'])
    expect(p.genes.get('KCNQ2')).toMatchObject({ line: 3, modes: [] })
    expect(p.warnings.map((w) => [w.code, w.symbol, w.line])).toEqual([['duplicate-symbol', 'SCN1A', 5], ['unknown-symbol', 'NOTAGENE', 6]])
    expect(p.warnings[0].message).toBe('SCN1A is listed again (first on line 2)')
  })

  it('PanelApp TSV: green by default, amber on request, STRs skipped, modes mapped', () => {
    const tsv = ['Entity Name\tEntity type\tGene Symbol\tSources(; separated)\tLevel4\tModel_Of_Inheritance\tPhenotypes\tGEL_Status',
      'SCN1A\tgene\tSCN1A\tExpert Review Green\tepilepsy\tMONOALLELIC, autosomal or pseudoautosomal, not imprinted\tDravet\t3',
      'ALDH7A1\tgene\tALDH7A1\tExpert Review Green\tepilepsy\tBIALLELIC, autosomal or pseudoautosomal\tPDE\t3',
      'CDKL5\tgene\tCDKL5\tExpert Review Green\tepilepsy\tX-LINKED: hemizygous mutation in males, monoallelic mutations in females may cause disease (may be less severe, later onset than males)\tCDD\t4',
      'GENEX\tgene\tGENEX\tExpert Review Amber\tepilepsy\tUnknown\t\t2',
      'GENEY\tgene\tGENEY\tExpert Review Red\tepilepsy\tUnknown\t\t1',
      'FMR1_CGG\tstr\tFMR1\tExpert Review Green\tfragile X\tX-LINKED: hemizygous mutation in males, biallelic mutations in females\t\t3',
    ].join('\n') + '\n'
    const green = parsePanel(tsv, 'epilepsy.tsv', 'epilepsy')
    expect([...green.genes.keys()]).toEqual(['SCN1A', 'ALDH7A1', 'CDKL5'])
    expect(green.genes.get('ALDH7A1')).toMatchObject({ confidence: 3, modes: ['autosomal_recessive_hom', 'compound_het'], line: 3 })
    expect(green.genes.get('CDKL5')?.modes).toContain('x_linked_dominant')
    expect(green.warnings.map((w) => [w.code, w.symbol, w.line])).toEqual([['below-confidence', 'GENEX', 5], ['below-confidence', 'GENEY', 6]])
    const amber = parsePanel(tsv, 'epilepsy.tsv', 'epilepsy', { minConfidence: 2 })
    expect([...amber.genes.keys()]).toEqual(['SCN1A', 'ALDH7A1', 'CDKL5', 'GENEX'])
    const web = parsePanel('Gene Symbol\tConfidence Level\tMode of inheritance\nBRCA1\tgreen\tMONOALLELIC, autosomal or pseudoautosomal, not imprinted\nX\tred\t\n', 'w.tsv', 'w')
    expect([...web.genes.keys()]).toEqual(['BRCA1'])
  })

  it('bad input is a PanelError naming file and line', () => {
    expect(() => parsePanel('Gene Symbol\tGEL_Status\nA\tpurple\n', 'p.tsv', 'p')).toThrow(PanelError)
    expect(() => parsePanel('Gene Symbol\tGEL_Status\nA\tpurple\n', 'p.tsv', 'p')).toThrow(/^p\.tsv, line 2: confidence must be 0-4 or green\/amber\/red, got "purple"/)
    expect(() => parsePanel('Gene Symbol\tGEL_Status\n\tpurple\n', 'p.tsv', 'p')).toThrow(/p\.tsv, line 2: no gene symbol/)
    expect(() => parsePanel('# nothing\n', 'p.txt', 'p')).toThrow(/p\.txt: the panel "p" has no genes/)
    expect(() => parsePanel('Gene Symbol\tGEL_Status\nA\t1\n', 'p.tsv', 'p')).toThrow(/has no genes rated 3 or more/)
  })
})

describe('panels from a bundle', () => {
  it('loads every world panel by name, as the world lists it, with bundle line numbers; files and unions too', async () => {
    const dir = tmp()
    const present = new Set(['SCN1A', 'SCN2A', 'KCNQ2', 'MYH7', 'MYBPC3', 'TTN', 'BRCA1', 'BRCA2', 'TP53'])
    writeFileSync(join(dir, 'panels.tsv'), panelsTsv(present))
    writeFileSync(join(dir, 'genes.gff3'), '##gff-version 3\n' + [...present].filter((s) => s !== 'TTN').map((s, i) =>
      `1\t.\tgene\t${1000 * i + 1}\t${1000 * i + 500}\t.\t+\t.\tID=gene:G${i};Name=${s};biotype=protein_coding`).join('\n') + '\n')
    await writeManifest(dir, { name: 't', build: 'GRCh38', version: '1', files: [
      { role: 'panels', path: 'panels.tsv', format: 'tsv', compression: 'none', name: 'panels', version: '1', build: 'GRCh38' },
      { role: 'genes', path: 'genes.gff3', format: 'gff3', compression: 'none', name: 'genes', version: '1', build: 'GRCh38' },
    ] })
    const bundle = await openBundle(dir)
    for (const [name, genes] of Object.entries(PANELS_BY_NAME)) {
      const want = genes.map((g) => g.symbol).filter((s) => present.has(s))
      if (want.length === 0) { await expect(loadPanel(name, { bundle })).rejects.toThrow(/no panel/); continue }
      const p = await loadPanel(name.toUpperCase(), { bundle })
      expect(p.name).toBe(name)
      expect([...p.genes.keys()].sort()).toEqual([...new Set(want)].sort())
    }
    const cardio = await loadPanel('cardiomyopathy', { bundle })
    const lines = panelsTsv(present).split('\n')
    for (const g of cardio.genes.values()) expect(lines[g.line - 1]).toBe(`cardiomyopathy\t${g.symbol}`)
    // TTN is in the panel but not in the gene models: reported at its line of panels.tsv
    expect(cardio.warnings).toEqual([{ code: 'unknown-symbol', symbol: 'TTN', file: bundle.path('panels'), line: lines.indexOf('cardiomyopathy\tTTN') + 1, message: 'TTN is not a gene of the gene models' }])
    await expect(loadPanel('no-such-panel', { bundle })).rejects.toThrow(/no panel "no-such-panel" \(the bundle has: .*epilepsy/)
    writeFileSync(join(dir, 'mine.txt'), 'BRCA1\nBRCA2\n')
    const both = await loadPanel(`epilepsy,${join(dir, 'mine.txt')}`, { bundle })
    expect(both.name).toBe('epilepsy+mine')
    expect([...both.genes.keys()].sort()).toEqual(['BRCA1', 'BRCA2', 'KCNQ2', 'SCN1A', 'SCN2A'])
    await expect(loadPanel('epilepsy')).rejects.toThrow(/no bundle panels table/)
  })

  it('the world\'s panels table carries PanelApp modes of inheritance, read into modes', async () => {
    const dir = tmp()
    const chrom = new Map<string, string>()
    for (const genes of Object.values(PANELS_BY_NAME)) for (const g of genes) if (g.chrom) chrom.set(g.symbol, g.chrom)
    const sf = new Map(ACMG_SF.map((g) => [g.symbol, g]))
    const moi = (s: string) => panelAppMoi({ symbol: s, chrom: chrom.get(s) ?? '1', acmg: sf.get(s) })
    writeFileSync(join(dir, 'panels.tsv'), panelsTsv(new Set(chrom.keys()), moi))
    await writeManifest(dir, { name: 't', build: 'GRCh38', version: '1', files: [
      { role: 'panels', path: 'panels.tsv', format: 'tsv', compression: 'none', name: 'panels', version: '1', build: 'GRCh38' }] })
    const bundle = await openBundle(dir)
    const cancer = await loadPanel('cancer-predisposition', { bundle })
    expect(cancer.genes.get('BRCA1')?.modes).toEqual(['autosomal_dominant', 'de_novo'])
    expect(cancer.genes.get('MUTYH')?.modes).toEqual(['autosomal_recessive_hom', 'compound_het'])
    const retina = await loadPanel('retinal-dystrophy', { bundle })
    expect(retina.genes.get('ABCA4')?.modes).toEqual(['autosomal_recessive_hom', 'compound_het'])
    expect(retina.genes.get('RPGR')?.modes).toContain('x_linked_recessive')
    expect(retina.genes.get('RPGR')?.moi).toMatch(/^X-LINKED/)
    for (const name of Object.keys(PANELS_BY_NAME)) for (const g of (await loadPanel(name, { bundle })).genes.values()) expect(g.modes.length + (g.moi === 'Unknown' ? 1 : 0), g.symbol).toBeGreaterThan(0)
  })

  it('restrict keeps only panel genes; rank-first keeps all, panel genes in the first group', () => {
    const p = parsePanel('SCN1A\nKCNQ2\n', 'p.txt', 'p')
    const r = panelPolicy(p, 'restrict'), f = panelPolicy(p, 'rank-first'), none = panelPolicy(undefined)
    expect([r.keep('SCN1A'), r.keep('TTN')]).toEqual([true, false])
    expect([f.keep('SCN1A'), f.keep('TTN'), f.group('SCN1A'), f.group('TTN')]).toEqual([true, true, 0, 1])
    expect([none.keep('TTN'), none.group('TTN')]).toEqual([true, 0])
  })
})

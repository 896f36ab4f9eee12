// The output directory of a prioritisation run, written from PrioritisationResults built like
// the pipeline builds them (tests/helpers/report-fixture.ts): TSV columns, JSON round trip,
// the candidates VCF read by bcftools and its .csi compared with the one bcftools builds and
// answering region queries (bcftools -r, tabix), the HTML standalone and escaped, the manifest's
// hashes, determinism, and the consent proof.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { writeOutputs, assertNothingMasked, inputFile, parseResultsJson, fmtNum, criterionLabel, genesTsv, variantsTsv, reportHtml, candidatesVcfText, GENE_COLUMNS, VARIANT_COLUMNS, ReportError, ConsentViolationError } from '../src/report/index.js'
import { parseHeader } from '../src/header/header.js'
import { requireTools } from './helpers/oracle.js'
import { makeResult, vcfHeaderText, coverageOf, MASKED, HOSTILE_GENE, HOSTILE_SAMPLE } from './helpers/report-fixture.js'
import type { PrioritisationResult } from '../src/prioritise/model.js'

const run = promisify(execFile)
const haveTools = requireTools('bcftools', 'tabix')
const HEADER = vcfHeaderText(['P1', 'F1', 'M1', 'S2'])

// created at load: describe bodies (collected before any hook runs) build paths from it
const tmp = mkdtempSync(join(tmpdir(), 'vt-report-'))
afterAll(() => { rmSync(tmp, { recursive: true, force: true }) })

const read = (dir: string, name: string): string => readFileSync(join(dir, name), 'utf8')
const tsvRows = (text: string): string[][] => text.trimEnd().split('\n').map((l) => l.split('\t'))
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex')
const bcf = async (args: string[]): Promise<string> => (await run('bcftools', args, { maxBuffer: 1 << 26 })).stdout

/** Every allele the result ranks, once. */
function keys(r: PrioritisationResult): Set<string> {
  return new Set([...r.genes, ...r.secondary].flatMap((g) => g.variants.map((v) => v.candidate.variant.key)))
}

describe('shared formatting', () => {
  it('numbers: 4 significant digits, shortest form, . for missing', () => {
    expect([0, -0, 3, -12, 0.97314, 0.00002, 0.000012345, 1e-7, 12.3456, -0.5, 123456.7, 1e25 + 0.5, NaN, Infinity, undefined].map(fmtNum))
      .toEqual(['0', '0', '3', '-12', '0.9731', '0.00002', '0.00001235', '1e-7', '12.35', '-0.5', '123500', '1e+25', '.', '.', '.'])
  })
  it('criteria: strength suffix only when it differs from the published one', () => {
    const c = (code: string, strength: 'very_strong' | 'strong' | 'moderate' | 'supporting' | 'stand_alone') =>
      criterionLabel({ code, strength, direction: 'pathogenic', points: 0, reason: '', data: {} })
    expect([c('PVS1', 'very_strong'), c('PVS1', 'moderate'), c('PS2', 'strong'), c('PM2', 'supporting'), c('PP3', 'strong'), c('BA1', 'stand_alone'),
      c('BS1', 'supporting'), c('BP4', 'moderate'), c('PM2_Supporting', 'supporting')])
      .toEqual(['PVS1', 'PVS1_Moderate', 'PS2', 'PM2_Supporting', 'PP3_Strong', 'BA1', 'BS1_Supporting', 'BP4_Moderate', 'PM2_Supporting'])
  })
})

describe('TSV tables', () => {
  const r = makeResult({ extra: 20, secondary: true })
  it('genes.tsv: the header, one row per gene, ranked genes then secondary findings', () => {
    const rows = tsvRows(genesTsv(r))
    expect(rows[0]).toEqual([...GENE_COLUMNS])
    expect(rows[0].slice(0, 4)).toEqual(['rank', 'family', 'gene', 'score'])
    expect(rows.length - 1).toBe(r.genes.length + r.secondary.length)
    for (const row of rows) expect(row.length).toBe(GENE_COLUMNS.length)
    const body = rows.slice(1)
    expect(body[0]).toEqual(['1', 'FAM1', 'SCN1A', '0.9731', 'de_novo', '0.88', '0.99', 'chr2:165310406:G:A', 'pathogenic', 'yes', 'no'])
    expect(body[1].slice(0, 8)).toEqual(['2', 'FAM1', 'ABCA4', '0.61', 'compound_het', '0.42', '0.8', 'chr1:94098928:C:CT;chr1:94130400:G:A'])
    // families in case order, ranks ascending within each; the secondary finding last
    const fam1 = body.filter((x) => x[1] === 'FAM1' && x[10] === 'no').map((x) => Number(x[0]))
    expect(fam1).toEqual([...fam1].sort((a, b) => a - b))
    const lastFam1 = body.map((x) => x[1] === 'FAM1' && x[10] === 'no').lastIndexOf(true)
    expect(body.findIndex((x) => x[1] === 'FAM2')).toBeGreaterThan(lastFam1)
    expect(body[body.length - 1]).toEqual(['1', 'FAM1', 'BRCA1', '0', 'autosomal_dominant', '0', '0.9', MASKED.key, 'pathogenic', 'no', 'yes'])
  })

  it('variants.tsv: one row per variant, genotypes, criteria with strength labels', () => {
    const rows = tsvRows(variantsTsv(r))
    expect(rows[0]).toEqual([...VARIANT_COLUMNS])
    expect(rows.length - 1).toBe([...r.genes, ...r.secondary].reduce((n, g) => n + g.variants.length, 0))
    for (const row of rows) expect(row.length).toBe(VARIANT_COLUMNS.length)
    const col = (row: string[], name: string) => row[VARIANT_COLUMNS.indexOf(name as (typeof VARIANT_COLUMNS)[number])]
    const dn = rows.find((x) => col(x, 'pos') === '165310406')!
    expect(col(dn, 'genotypes')).toBe('P1=0/1;F1=0/0;M1=0/0')
    expect(col(dn, 'criteria')).toBe('PS2;PM2_Supporting;PP3_Strong')
    expect(col(dn, 'points')).toBe('9')
    expect(col(dn, 'clinvar')).toBe('Pathogenic')
    expect(col(dn, 'popmax')).toBe('0')
    expect(col(dn, 'nhomalt')).toBe('.')
    const ch = rows.filter((x) => col(x, 'gene') === 'ABCA4')
    expect(ch.map((x) => [col(x, 'rank'), col(x, 'hgvsp'), col(x, 'criteria'), col(x, 'class')])).toEqual([
      ['2', 'p.Thr1821fs', 'PVS1;PM2_Supporting', 'likely_pathogenic'], ['2', 'p.Leu541Pro', 'PM3;PP3', 'uncertain_significance']])
    expect(col(ch[0], 'popmax')).toBe('0.00002')
    // the allele two families rank: one row per family
    expect(rows.filter((x) => col(x, 'pos') === '7674220').map((x) => col(x, 'family'))).toEqual(['FAM1', 'FAM2'])
  })

  it('tabs and line breaks inside values are escaped, so columns stay aligned', () => {
    const h = makeResult()
    h.genes[0].gene = 'A\tB\nC\\D'
    const rows = tsvRows(genesTsv(h))
    for (const row of rows) expect(row.length).toBe(GENE_COLUMNS.length)
    expect(rows[1][2]).toBe('A\\tB\\nC\\\\D')
  })
})

describe('results.json', () => {
  it('round-trips the whole result with sorted keys; only "timings" differs between runs', () => {
    const r = makeResult({ extra: 5, secondary: true })
    const dir = join(tmp, 'json')
    return writeOutputs(dir, r, { vcfHeader: HEADER }).then(() => {
      const text = read(dir, 'results.json')
      const back = parseResultsJson(text)
      expect(back).toEqual(JSON.parse(JSON.stringify(r)))
      expect(back.genes[0].variants[0].classification.criteria[0].reason).toMatch(/de novo/)
      // keys sorted at every depth
      const check = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(check)
        else if (v && typeof v === 'object') {
          const k = Object.keys(v)
          expect(k).toEqual([...k].sort())
          Object.values(v).forEach(check)
        }
      }
      check(JSON.parse(text))
      const other = makeResult({ extra: 5, secondary: true, timings: { read: 9, select: 8 } })
      return writeOutputs(join(tmp, 'json2'), other, { vcfHeader: HEADER }).then(() => {
        const a = JSON.parse(text), b = JSON.parse(read(join(tmp, 'json2'), 'results.json'))
        expect(a.timings).not.toEqual(b.timings)
        delete a.timings; delete b.timings
        expect(a).toEqual(b)
      })
    })
  })

  it('writes non-finite numbers as null and rejects foreign JSON with a typed error', () => {
    const r = makeResult()
    r.sexChecks[0].evidence.xRatio = NaN
    const back = JSON.parse(read(join(tmp, 'json'), 'results.json'))
    expect(back.schema).toBe('vartriage.results/1')
    expect(() => parseResultsJson('{"schema":"other"}', 'x.json')).toThrow(ReportError)
    expect(() => parseResultsJson('not json', 'x.json')).toThrow(/x\.json: not JSON/)
    return writeOutputs(join(tmp, 'nan'), r).then(() => {
      expect(JSON.parse(read(join(tmp, 'nan'), 'results.json')).sexChecks[0].evidence.xRatio).toBeNull()
    })
  })
})

describe.skipIf(!haveTools)('candidates.vcf.gz + .csi against bcftools and tabix', () => {
  const r = makeResult({ extra: 400, secondary: true })
  const dir = join(tmp, 'vcf')
  beforeAll(() => writeOutputs(dir, r, { vcfHeader: HEADER }))

  it('is a valid sorted VCF with one record per allele', async () => {
    const vcf = join(dir, 'candidates.vcf.gz')
    const { stderr } = await run('bcftools', ['view', '-H', vcf], { maxBuffer: 1 << 26 })
    expect(stderr).toBe('')
    const q = await bcf(['query', '-f', '%CHROM:%POS:%REF:%ALT\n', vcf])
    const got = q.trimEnd().split('\n')
    expect(got.length).toBe(keys(r).size)
    expect(new Set(got)).toEqual(keys(r))
    // sorted as the input header orders contigs
    const order = parseHeader(HEADER).contigs.map((c) => c.id)
    const sorted = [...got].sort((a, b) => {
      const [ca, pa] = a.split(':'), [cb, pb] = b.split(':')
      return order.indexOf(ca) - order.indexOf(cb) || Number(pa) - Number(pb)
    })
    expect(got.map((k) => k.split(':').slice(0, 2).join(':'))).toEqual(sorted.map((k) => k.split(':').slice(0, 2).join(':')))
    // the gzip stream is BGZF with the EOF block (bcftools warns otherwise; checked above)
    const bytes = readFileSync(vcf)
    expect(bytes.subarray(bytes.length - 28).toString('hex')).toBe('1f8b08040000000000ff0600424302001b0003000000000000000000')
  })

  it('INFO and FORMAT as bcftools reads them: per-family lists, merged families, genotypes', async () => {
    const vcf = join(dir, 'candidates.vcf.gz')
    const fmt = '%CHROM\t%POS\t%ID\t%FILTER\t%VT_FAMILY\t%VT_RANK\t%VT_GENE\t%VT_MODE\t%VT_CLASS\t%VT_POINTS\t%VT_CRITERIA\t%VT_SECONDARY\t%VT_POPMAX\t%VT_CLNSIG[\t%SAMPLE=%GT:%AD]\n'
    const lines = (await bcf(['query', '-f', fmt, '-r', 'chr2:165310406,chr17:7674220,chrX:31478215,chr17:43045712', vcf])).trimEnd().split('\n')
    expect(lines).toEqual([
      'chr2\t165310406\trs1057520579\tPASS\tFAM1\t1\tSCN1A\tde_novo\tlikely_pathogenic\t9\tPS2|PM2_Supporting|PP3_Strong\t0\t0\tPathogenic\tP1=0/1:15,15\tF1=0/0:15,0\tM1=0/0:15,0\tS2=.:.',
      'chr17\t7674220\t.\tLowQual\tFAM1,FAM2\t4,1\tTP53,TP53\tautosomal_dominant,autosomal_dominant\tuncertain_significance,uncertain_significance\t3,3\tPM2_Supporting|PP3_Moderate,PM2_Supporting|PP3_Moderate\t0,0\t1e-05\t.\tP1=0/1:15,15\tF1=0/1:15,15\tM1=0/0:15,0\tS2=0/1:0,15',
      'chr17\t43045712\t.\t.\tFAM1\t1\tBRCA1\tautosomal_dominant\tlikely_pathogenic\t6\tPS4|PM2_Supporting|PP5\t1\t3e-05\tPathogenic\tP1=0/1:15,15\tF1=0/1:15,15\tM1=0/0:15,0\tS2=.:.',
      'chrX\t31478215\t.\t.\tFAM1\t3\tDMD\tx_linked_recessive\tlikely_pathogenic\t9\tPVS1|PM2_Supporting\t0\t0\t.\tP1=1:15,15\tF1=0:15,0\tM1=0/1:15,15\tS2=.:.',
    ])
    // bcftools filters on the INFO fields
    const lp = await bcf(['view', '-H', '-i', 'INFO/VT_CLASS="pathogenic" || INFO/VT_CLASS="likely_pathogenic"', vcf])
    expect(lp.trimEnd().split('\n').length).toBe(4)
    const header = await bcf(['view', '-h', vcf])
    for (const id of ['VT_RANK', 'VT_GENE', 'VT_MODE', 'VT_CLASS', 'VT_POINTS', 'VT_CRITERIA', 'VT_FAMILY', 'VT_SCORE']) expect(header).toContain(`##INFO=<ID=${id},`)
    expect(header).toContain('##contig=<ID=chr17,length=83257441>')
    expect(header).toContain('##FILTER=<ID=LowQual,Description="Low quality">')
    expect(header).toContain('##reference=GRCh38-like.fa.gz')
  })

  it('the .csi is the one bcftools builds, and region queries through it match the result', async () => {
    const copy = join(tmp, 'vcf-copy.vcf.gz')
    copyFileSync(join(dir, 'candidates.vcf.gz'), copy)
    await run('bcftools', ['index', '-c', '-f', copy])
    expect(gunzipSync(readFileSync(join(dir, 'candidates.vcf.gz.csi')))).toEqual(gunzipSync(readFileSync(copy + '.csi')))
    const stats = (await bcf(['index', '-s', join(dir, 'candidates.vcf.gz')])).trimEnd().split('\n').map((l) => l.split('\t'))
    const perChrom = new Map<string, number>()
    for (const k of keys(r)) perChrom.set(k.split(':')[0], (perChrom.get(k.split(':')[0]) ?? 0) + 1)
    expect(new Map(stats.map(([c, , n]) => [c, Number(n)]))).toEqual(perChrom)
    const regions: [string, number, number][] = [['chr1', 1, 10_000_000], ['chr2', 20_000_000, 35_000_000], ['chrX', 31_000_000, 32_000_000], ['chr17', 43_045_712, 43_045_712]]
    for (const [c, s, e] of regions) {
      const want = [...keys(r)].filter((k) => { const [kc, kp] = k.split(':'); return kc === c && Number(kp) >= s && Number(kp) <= e })
      const viaBcf = (await bcf(['query', '-r', `${c}:${s}-${e}`, '-f', '%CHROM:%POS:%REF:%ALT\n', join(dir, 'candidates.vcf.gz')])).trimEnd()
      expect(new Set(viaBcf ? viaBcf.split('\n') : [])).toEqual(new Set(want))
      const viaTabix = (await run('tabix', [join(dir, 'candidates.vcf.gz'), `${c}:${s}-${e}`], { maxBuffer: 1 << 26 })).stdout.trimEnd()
      expect(viaTabix ? viaTabix.split('\n').length : 0).toBe(want.length)
    }
  })

  it('an empty result is a valid VCF with an index', async () => {
    const r = makeResult()
    r.genes = []
    const ed = join(tmp, 'vcf-empty')
    await writeOutputs(ed, r, { vcfHeader: HEADER })
    const { stdout, stderr } = await run('bcftools', ['view', '-H', '-r', 'chr1', join(ed, 'candidates.vcf.gz')])
    expect([stdout, stderr]).toEqual(['', ''])
    expect(tsvRows(read(ed, 'genes.tsv'))).toEqual([[...GENE_COLUMNS]])
    expect(read(ed, 'report.html')).toContain('No candidate genes passed the selection.')
  })

  it('percent-encodes hostile gene names so that bcftools still reads the record', async () => {
    const h = makeResult({ hostile: true })
    const hd = join(tmp, 'vcf-hostile')
    await writeOutputs(hd, h)
    const { stdout, stderr } = await run('bcftools', ['query', '-f', '%POS\t%VT_GENE[\t%SAMPLE]\n', '-r', 'chr2:165310406', join(hd, 'candidates.vcf.gz')])
    expect(stderr).toBe('')
    expect(stdout.trimEnd().split('\t').slice(0, 3)).toEqual(['165310406', '<img%20src%3Dx%20onerror%3D"alert(1)">%3BA%3DB%2CC%25', HOSTILE_SAMPLE])
    // without an input header, contigs come in chromosome order
    expect(candidatesVcfText(h).match(/^##contig=<ID=([^>]+)>$/gm)).toEqual(['##contig=<ID=chr1>', '##contig=<ID=chr2>', '##contig=<ID=chr17>', '##contig=<ID=chrX>'])
  })
})

describe('report.html', () => {
  it('is standalone: no URL, no external resource of any kind', () => {
    const html = reportHtml(makeResult({ extra: 10, secondary: true }), { coverage: [{ individual: 'P1', family: 'FAM1', index: coverageOf('P1.bam.bai') }] })
    expect(html).not.toMatch(/http/i)
    expect(html).not.toContain('//')
    expect(html).not.toMatch(/\b(src|href)\s*=\s*(?!["']?#)/i)
    expect(html).not.toMatch(/url\(|@import/i)
    expect(html.match(/<script>/g)).toHaveLength(1)
    expect(html).toContain('<svg') // coverage and the sex check, inline
    expect(html).toContain('P1.bam.bai')
  })

  it('has the summary, ranked table, evidence, sex check, warnings and secondary findings', () => {
    const html = reportHtml(makeResult({ secondary: true }))
    expect(html).toContain('epilepsy-synthetic')
    expect(html).toContain('related+secondary')
    expect(html).toContain('HP:0001250')
    expect(html).toMatch(/<table id="ranked">/)
    expect(html).toMatch(/<label for="filter">/)
    expect(html).toContain('de novo in the proband; both parents hom-ref') // a criterion's reason
    expect(html).toContain('mendelianErrorRate=0.0012') // and its data
    expect(html).toContain('Mendelian-error rate 0.0012')
    expect(html).toMatch(/sex-conflict<\/strong> — family FAM1, F1: declared male, inferred female/)
    expect(html).toContain('id="secondary-findings"')
    expect(html).toContain('No findings were masked')
    const masked = reportHtml(makeResult())
    expect(masked).not.toContain('id="secondary-findings"')
    expect(masked).toMatch(/<p class="notice" id="masked">1 finding outside the consent \(related\) was masked/)
  })

  it('writes full evidence for the first genes of each family only, listing all in the table', () => {
    const r = makeResult({ extra: 40 })
    const html = reportHtml(r, { evidenceLimit: 3 })
    expect(html.match(/<article id="g-/g)).toHaveLength(6) // 3 in FAM1, 3 in FAM2
    expect(html.match(/<tr data-family=/g)).toHaveLength(r.genes.length)
    expect(html).toContain(`Evidence for the first 3 genes of each family; results.json holds it for all ${r.genes.length}.`)
    expect(reportHtml(r).match(/<article id="g-/g)).toHaveLength(r.genes.length)
  })

  it('escapes hostile gene and sample names everywhere', () => {
    const html = reportHtml(makeResult({ hostile: true }))
    expect(html).not.toContain('<img')
    expect(html).not.toContain(`<script>alert`)
    expect(html).not.toContain(HOSTILE_SAMPLE)
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;;A=B,C%')
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;amp;')
  })
})

describe('manifest and determinism', () => {
  it('names every output with its size and sha256, the inputs, parameters and timings', async () => {
    const dir = join(tmp, 'manifest')
    const out = await writeOutputs(dir, makeResult({ extra: 30 }), { vcfHeader: HEADER })
    const m = JSON.parse(read(dir, 'manifest.json'))
    expect(m.tool).toEqual({ name: 'vartriage', version: '0.1.0' })
    expect(m.started).toBe('2026-11-27T18:00:00.000Z')
    expect(m.inputs.map((i: { role: string }) => i.role)).toEqual(['clinvar', 'ped', 'vcf'])
    expect(m.parameters.consent).toBe('related')
    expect(Object.keys(m.timings)).toEqual(['evidence', 'rank', 'read', 'select', 'write'])
    const names = readdirSync(dir).filter((n) => n !== 'manifest.json').sort()
    expect(m.outputs.map((o: { name: string }) => o.name)).toEqual(names)
    expect(names).toEqual(['candidates.vcf.gz', 'candidates.vcf.gz.csi', 'genes.tsv', 'report.html', 'results.json', 'variants.tsv'])
    for (const o of m.outputs) {
      const b = readFileSync(join(dir, o.name))
      expect(o.bytes).toBe(b.length)
      expect(o.sha256).toBe(sha(b))
    }
    expect(out.files.find((f) => f.name === 'manifest.json')!.sha256).toBe(sha(readFileSync(out.manifest)))
  })

  it('inputFile records a file\'s size and sha256 for the manifest', async () => {
    const f = join(tmp, 'input.txt')
    writeFileSync(f, 'hello\n')
    expect(await inputFile('ped', f)).toEqual({ role: 'ped', path: f, bytes: 6, sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' })
  })

  it('two writes of one result are byte-identical except the manifest\'s timings', async () => {
    const r = makeResult({ extra: 50, secondary: true })
    const [a, b] = [join(tmp, 'det-a'), join(tmp, 'det-b')]
    await writeOutputs(a, r, { vcfHeader: HEADER })
    await writeOutputs(b, makeResult({ extra: 50, secondary: true }), { vcfHeader: parseHeader(HEADER) })
    for (const n of readdirSync(a)) {
      if (n === 'manifest.json') continue
      expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n))), n).toBe(true)
    }
    const [ma, mb] = [JSON.parse(read(a, 'manifest.json')), JSON.parse(read(b, 'manifest.json'))]
    delete ma.timings; delete mb.timings
    expect(ma).toEqual(mb)
  })

  it('the order the pipeline lists genes in does not change the bytes', () => {
    const r = makeResult({ extra: 20 })
    const s = makeResult({ extra: 20 })
    s.genes.reverse()
    expect(genesTsv(s)).toBe(genesTsv(r))
    expect(variantsTsv(s)).toBe(variantsTsv(r))
    expect(candidatesVcfText(s, { vcfHeader: HEADER })).toBe(candidatesVcfText(r, { vcfHeader: HEADER }))
    expect(reportHtml(s)).toBe(reportHtml(r))
  })

  it('a sample id VCF cannot hold is a typed error before any file is written', async () => {
    const r = makeResult()
    r.case.families[0].members[1].id = 'F\t1'
    const dir = join(tmp, 'bad')
    await expect(writeOutputs(dir, r)).rejects.toThrow(ReportError)
    await expect(writeOutputs(dir, r)).rejects.toThrow(/individual "F\\t1" of family "FAM1"/)
    expect(existsSync(dir)).toBe(false)
  })
})

describe('consent proof (assertNothingMasked)', () => {
  const forbidden = [MASKED.gene, MASKED.key, `${MASKED.chrom}:${MASKED.pos}`, MASKED.hgvsp]

  it('passes on a masked run: no byte of any output, decompressed VCF included, names the finding', async () => {
    const dir = join(tmp, 'consent-masked')
    await writeOutputs(dir, makeResult({ extra: 100 }), { vcfHeader: HEADER })
    const s = await assertNothingMasked(dir, forbidden)
    expect(s.files).toBe(7)
    expect(s.bytes).toBeGreaterThan(readFileSync(join(dir, 'candidates.vcf.gz')).length)
    expect(read(dir, 'report.html')).toContain('1 finding outside the consent')
  })

  it('fails, naming file and byte, on the same run with secondary findings revealed', async () => {
    const dir = join(tmp, 'consent-revealed')
    await writeOutputs(dir, makeResult({ extra: 100, secondary: true }), { vcfHeader: HEADER })
    await expect(assertNothingMasked(dir, forbidden)).rejects.toThrow(ConsentViolationError)
    // each output on its own leaks the finding (the VCF only once decompressed)
    for (const name of ['genes.tsv', 'variants.tsv', 'results.json', 'report.html', 'candidates.vcf.gz']) {
      const one = join(tmp, `consent-one-${name}`)
      mkdirSync(one)
      copyFileSync(join(dir, name), join(one, name))
      const err = await assertNothingMasked(one, [MASKED.key, `${MASKED.chrom}:${MASKED.pos}`]).then(() => undefined, (e: unknown) => e)
      expect(err, name).toBeInstanceOf(ConsentViolationError)
      expect((err as ConsentViolationError).file).toBe(name.endsWith('.gz') ? `${name} (decompressed)` : name)
      expect((err as ConsentViolationError).offset).toBeGreaterThanOrEqual(0)
    }
  })

  it('writeOutputs({ forbidden }) refuses a leaking result before writing anything', async () => {
    const dir = join(tmp, 'consent-guard')
    const err = await writeOutputs(dir, makeResult({ secondary: true }), { forbidden }).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(ConsentViolationError)
    expect((err as ConsentViolationError).file).toBe('genes.tsv')
    expect(existsSync(dir)).toBe(false)
    await writeOutputs(dir, makeResult(), { forbidden })
    expect(readdirSync(dir)).toHaveLength(7)
  })

  it('finds every spelling, at token boundaries only', async () => {
    const dir = join(tmp, 'spellings')
    const probe = async (content: string | Buffer, needle: string): Promise<string | undefined> => {
      rmSync(dir, { recursive: true, force: true })
      await writeOutputs(join(dir, 'sub'), makeResult())
      writeFileSync(join(dir, 'sub', 'extra.bin'), content)
      return assertNothingMasked(dir, [needle]).then(() => undefined, (e: ConsentViolationError) => `${e.spelling} in ${e.file}`)
    }
    expect(await probe('<td>A&amp;B</td>', 'A&B')).toBe('HTML-escaped in sub/extra.bin')
    expect(await probe('VT_GENE=X%3BY', 'X;Y')).toBe('percent-encoded in sub/extra.bin')
    expect(await probe(gzipSync('chr17\t43045712\t.\tC\tT\n'), 'chr17:43045712:C:T')).toBe('tab-separated columns in sub/extra.bin (decompressed)')
    expect(await probe('"gene": "A\\"B"', 'A"B')).toBe('JSON-escaped in sub/extra.bin')
    expect(await probe('chr17:430457120 PRETTY RETX', 'chr17:43045712')).toBeUndefined()
    expect(await probe('PRETTY RETX', 'RET')).toBeUndefined()
    expect(await probe('gene RET-AS1', 'RET')).toBe('plain in sub/extra.bin')
  })
})

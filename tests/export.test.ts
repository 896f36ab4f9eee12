// Parquet export, read back with DuckDB (@duckdb/node-api) and hyparquet and compared with
// `bcftools query` on generated VCFs (bench/generate-vcf.mjs shapes): row counts, per-ALT
// INFO values, sums, het counts per sample, -i/-r selection; the prioritisation writer on a
// PrioritisationResult built here; the CLI end to end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api'
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet'
import { generateVcf } from '../bench/generate-vcf.mjs'
import { exportParquet, EXPORT_META_KEY, VARIANT_ROW_GROUP } from '../src/export/variants.js'
import { writePrioritisationParquet, PRIORITISED_META_KEY } from '../src/export/prioritised.js'
import { parseRegionList } from '../src/region/region.js'
import { UsageError } from '../src/errors.js'
import type { GeneResult, PrioritisationResult, RankedVariant } from '../src/prioritise/model.js'

const exec = promisify(execFile)
const dir = mkdtempSync(join(tmpdir(), 'vartriage-export-'))
const vcf = join(dir, 'gatk.vcf.gz')
let db: DuckDBConnection

async function bcf(args: string[]): Promise<string> {
  return (await exec('bcftools', args, { maxBuffer: 1 << 28 })).stdout
}
async function sql(q: string): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(q)).getRowObjectsJS() as Record<string, unknown>[]
}
const lines = (s: string) => s.split('\n').filter(Boolean)

beforeAll(async () => {
  // gatk shape: multi-allelic records (Number=A AC/AF), '.' QUAL/FILTER, missing INFO values,
  // missing calls, a Number=. String (ANN), a Flag (DB)
  const text = [...generateVcf({ shape: 'gatk', records: 6000, samples: 3, seed: 11 })].join('')
  writeFileSync(join(dir, 'gatk.vcf'), text)
  await exec('bgzip', ['-f', join(dir, 'gatk.vcf')])
  await exec('tabix', ['-p', 'vcf', vcf])
  db = await (await DuckDBInstance.create(':memory:')).connect()
}, 60_000)
afterAll(() => { db?.closeSync(); rmSync(dir, { recursive: true, force: true }) })

describe('exportParquet vs bcftools query (DuckDB read-back)', () => {
  const out = join(dir, 'v.parquet'), gts = join(dir, 'g.parquet')
  beforeAll(async () => {
    const s = await exportParquet(vcf, { out, genotypes: gts, rowGroupSize: 2000 })
    expect(s.records).toBe(6000)
    expect(s.samples).toEqual(['S0001', 'S0002', 'S0003'])
  }, 60_000)

  it('one row per ALT allele, Number=A values split per allele, in file order', async () => {
    const q = await bcf(['query', '-f', '%CHROM\t%POS\t%REF\t%ALT\t%ID\t%FILTER\t%INFO/AC\t%INFO/AN\t%INFO/DP\n', vcf])
    const expected: string[] = []
    for (const l of lines(q)) {
      const [chrom, pos, ref, alt, id, filter, ac, an, dp] = l.split('\t')
      const acs = ac.split(',')
      alt.split(',').forEach((a, k) => expected.push([chrom, pos, ref, a, id, filter, acs[k] ?? '.', an, dp].join('\t')))
    }
    expect(expected.length).toBeGreaterThan(6000) // the file has multi-allelic records
    const rows = await sql(`SELECT chrom, pos, ref, alt, coalesce(id, '.') id, coalesce(filter, '.') f, INFO_AC, INFO_AN, INFO_DP
      FROM '${out}' ORDER BY variant`)
    const got = rows.map((r) => [r.chrom, r.pos, r.ref, r.alt, r.id, r.f, r.INFO_AC ?? '.', r.INFO_AN ?? '.', r.INFO_DP ?? '.'].join('\t'))
    expect(got).toEqual(expected)
  })

  it('sums and counts agree: INFO/DP, QUAL, Flag, Float AF per allele (f32)', async () => {
    const q = lines(await bcf(['query', '-f', '%INFO/DP\t%QUAL\t%INFO/DB\t%INFO/AF\t%ALT\n', vcf]))
    let dp = 0, db1 = 0, quals = 0
    const af: number[] = []
    for (const l of q) {
      const [d, qual, flag, a, alt] = l.split('\t')
      if (d !== '.') dp += Number(d)
      if (flag === '1') db1++
      if (qual !== '.') quals++
      const values = a.split(',')
      alt.split(',').forEach((_, k) => af.push(values[k] === undefined || values[k] === '.' ? NaN : Math.fround(Number(values[k]))))
    }
    const [r] = await sql(`SELECT sum(INFO_DP) dp, count(*) FILTER (WHERE INFO_DB) db, count(qual) q FROM '${out}' WHERE alt_index <= 1`)
    expect(Number(r.dp)).toBe(dp)
    expect(Number(r.db)).toBe(db1)
    expect(Number(r.q)).toBe(quals)
    // VCF Floats are IEEE single precision: the FLOAT column holds exactly the f32 bcftools prints
    const got = (await sql(`SELECT INFO_AF FROM '${out}' ORDER BY variant`)).map((x) => (x.INFO_AF === null ? NaN : Math.fround(x.INFO_AF as number)))
    expect(got).toEqual(af)
  })

  it('hets, hom-alts and GQ per sample from the genotype table equal bcftools', async () => {
    const q = lines(await bcf(['query', '-f', '[%SAMPLE\t%GT\t%GQ\t%AD\n]', vcf]))
    const het = new Map<string, number>(), gq = new Map<string, number>(), adSum = new Map<string, number>()
    for (const l of q) {
      const [s, gt, g, ad] = l.split('\t')
      const a = gt.split(/[/|]/)
      if (a.length === 2 && a[0] !== '.' && a[1] !== '.' && a[0] !== a[1]) het.set(s, (het.get(s) ?? 0) + 1)
      if (g !== '.') gq.set(s, (gq.get(s) ?? 0) + Number(g))
      const ref = ad.split(',')[0]
      if (ref !== '.') adSum.set(s, (adSum.get(s) ?? 0) + Number(ref))
    }
    const rows = await sql(`SELECT g.sample,
        count(*) FILTER (WHERE g.allele1 <> g.allele2) het, sum(g.gq) gq, sum(g.ad_ref) ad
      FROM '${gts}' g JOIN '${out}' v USING (variant) WHERE v.alt_index <= 1 GROUP BY 1 ORDER BY 1`)
    expect(rows.map((r) => [r.sample, Number(r.het), Number(r.gq), Number(r.ad)]))
      .toEqual([...het.keys()].sort().map((s) => [s, het.get(s), gq.get(s), adSum.get(s)]))
    // alt_copies counts this row's ALT: summed over samples it is INFO/AC (AC counts the file's calls)
    const bad = await sql(`SELECT v.variant FROM '${out}' v JOIN '${gts}' g USING (variant)
      GROUP BY v.variant, v.INFO_AC HAVING sum(g.alt_copies) <> v.INFO_AC`)
    expect(bad).toEqual([])
  })

  it('row groups of the requested size; metadata names the source and INFO declarations', async () => {
    const file = await asyncBufferFromFile(out)
    const meta = await parquetMetadataAsync(file)
    expect(meta.row_groups.map((g) => Number(g.num_rows)).slice(0, 3)).toEqual([2000, 2000, 2000])
    const kv = JSON.parse(meta.key_value_metadata!.find((k) => k.key === EXPORT_META_KEY)!.value!)
    expect(kv.table).toBe('variants')
    expect(kv.info.find((f: { name: string }) => f.name === 'AF')).toMatchObject({ column: 'INFO_AF', number: 'A', type: 'Float' })
    expect(VARIANT_ROW_GROUP).toBe(65536)
  })

  it('hyparquet reads the same rows as DuckDB', async () => {
    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(out), columns: ['variant', 'pos', 'alt', 'INFO_AC', 'INFO_DB'] })
    const duck = await sql(`SELECT variant, pos, alt, INFO_AC, INFO_DB FROM '${out}' ORDER BY variant`)
    expect(rows.length).toBe(duck.length)
    expect(rows.map((r) => [Number(r.variant), Number(r.pos), r.alt, r.INFO_AC, r.INFO_DB]))
      .toEqual(duck.map((r) => [Number(r.variant), Number(r.pos), r.alt, r.INFO_AC, r.INFO_DB]))
  })
})

describe('selection, shapes and errors', () => {
  it('-i and -r select the records bcftools view selects', async () => {
    const out = join(dir, 'sel.parquet')
    const s = await exportParquet(vcf, { out, include: 'INFO/DP>100 && QUAL>=30', regions: parseRegionList('chr2,chr7:1-60000000') })
    const n = lines(await bcf(['view', '-H', '-i', 'INFO/DP>100 && QUAL>=30', '-r', 'chr2,chr7:1-60000000', vcf])).length
    expect(n).toBeGreaterThan(50)
    expect(s.records).toBe(n)
    expect(s.genotypes).toBe(0)
    const [r] = await sql(`SELECT count(DISTINCT (chrom, pos, ref)) n, min(INFO_DP) dp FROM '${out}'`)
    expect(Number(r.n)).toBe(n)
    expect(Number(r.dp)).toBeGreaterThan(100)
  })

  it('Number=R, G and . become lists; String A splits; records without ALT have a null alt', async () => {
    const text = `##fileformat=VCFv4.2
##contig=<ID=1,length=1000>
##INFO=<ID=RC,Number=R,Type=Integer,Description="r">
##INFO=<ID=GV,Number=G,Type=Float,Description="g">
##INFO=<ID=DOT,Number=.,Type=Integer,Description="d">
##INFO=<ID=SA,Number=A,Type=String,Description="s">
##INFO=<ID=F,Number=0,Type=Flag,Description="f">
##FORMAT=<ID=GT,Number=1,Type=String,Description="g">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\ta\tb
1\t5\t.\tA\tC,T\t.\t.\tRC=1,2,3;GV=0.5,.,1.5;DOT=7,8;SA=x,y;F\tGT\t1|2\t0/.
1\t9\trs1\tG\t.\t10\tPASS\tRC=4\tGT\t0\t./.
`
    const src = join(dir, 'shapes.vcf')
    writeFileSync(src, text)
    const out = join(dir, 'shapes.parquet'), gts = join(dir, 'shapes.g.parquet')
    await exportParquet(src, { out, genotypes: gts })
    const rows = await sql(`SELECT alt, alt_index, INFO_RC, INFO_GV, INFO_DOT, INFO_SA, INFO_F FROM '${out}' ORDER BY variant`)
    expect(rows).toEqual([
      { alt: 'C', alt_index: 1, INFO_RC: [1, 2], INFO_GV: [0.5, null, 1.5], INFO_DOT: [7, 8], INFO_SA: 'x', INFO_F: true },
      { alt: 'T', alt_index: 2, INFO_RC: [1, 3], INFO_GV: [0.5, null, 1.5], INFO_DOT: [7, 8], INFO_SA: 'y', INFO_F: true },
      { alt: null, alt_index: 0, INFO_RC: [4, null], INFO_GV: null, INFO_DOT: null, INFO_SA: null, INFO_F: false },
    ])
    const g = await sql(`SELECT variant, sample, gt, allele1, allele2, phased, alt_copies FROM '${gts}' ORDER BY variant, sample_index`)
    expect(g.map((r) => Object.values(r).map(String).join(' '))).toEqual([
      '0 a 1|2 1 2 true 1', '0 b 0/. 0 null false 0',
      '1 a 1|2 1 2 true 1', '1 b 0/. 0 null false 0',
      '2 a 0 0 null false 0', '2 b ./. null null false null',
    ])
  })

  it('an INFO field the header lacks is a UsageError naming the file', async () => {
    await expect(exportParquet(vcf, { out: join(dir, 'x.parquet'), info: ['NOPE'] })).rejects.toThrow(UsageError)
    await expect(exportParquet(vcf, { out: join(dir, 'x.parquet'), info: ['NOPE'] })).rejects.toThrow(/INFO\/NOPE .*gatk\.vcf\.gz/)
  })
})

describe('vartriage export (CLI)', () => {
  const bin = join(__dirname, '..', 'dist', 'src', 'cli', 'bin.js')
  it('writes OUT.parquet and OUT.genotypes.parquet; -s keeps the named samples', async () => {
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`)
    const out = join(dir, 'cli.parquet')
    const r = await exec(process.execPath, [bin, 'export', '--parquet', out, '-s', 'S0003,S0001', '-r', 'chr1', vcf])
    expect(r.stderr).toMatch(/export: \d+ variant rows \(\d+ records\)/)
    const [c] = await sql(`SELECT count(*) n, list(DISTINCT sample ORDER BY sample) s FROM '${join(dir, 'cli.genotypes.parquet')}'`)
    expect(c.s).toEqual(['S0001', 'S0003'])
    const [v] = await sql(`SELECT count(*) n FROM '${out}'`)
    expect(Number(c.n)).toBe(2 * Number(v.n))
    const chr1 = lines(await bcf(['query', '-r', 'chr1', '-f', '%ALT\n', vcf])).reduce((n, a) => n + a.split(',').length, 0)
    expect(Number(v.n)).toBe(chr1)
  })
  it('fails with a usage message without --parquet', async () => {
    await expect(exec(process.execPath, [bin, 'export', vcf])).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--parquet/) })
  })
})

describe('writePrioritisationParquet', () => {
  function ranked(key: string, mode: RankedVariant['mode'], codes: [string, number][], gts: string[]): RankedVariant {
    const [chrom, pos, ref, alt] = key.split(':')
    const criteria = codes.map(([code, points]) => ({
      code, points, strength: 'moderate' as const, direction: points > 0 ? 'pathogenic' as const : 'benign' as const, reason: code, data: {},
    }))
    return {
      mode, variantScore: 0.9,
      classification: { criteria, points: codes.reduce((s, [, p]) => s + p, 0), class: 'likely_pathogenic' },
      candidate: {
        family: 'F1', modes: [mode],
        variant: { key, chrom, pos: Number(pos), ref, alt, consequence: ['missense_variant'], impact: 'MODERATE', gene: 'FBN1', popmax: 1e-5 },
        genotypes: gts.map((gt, k) => ({ individual: ['kid', 'dad', 'mum'][k], gt, altCopies: gt === '0/1' ? 1 : 0, pass: true, phased: false })),
      },
    }
  }
  const gene = (rank: number, g: string, variants: RankedVariant[], secondary = false): GeneResult => ({
    rank, family: 'F1', gene: g, score: 1 / rank, mode: variants[0].mode, phenotypeScore: 0.5, variantScore: 0.9,
    variants, acmgClass: 'likely_pathogenic', panel: true, secondary,
  })

  it('one row per ranked variant (both of a compound het, then secondary findings), criteria as a list', async () => {
    const result: PrioritisationResult = {
      tool: { name: 'vartriage', version: '0.2.0' }, started: '2026-11-27T19:00:00Z',
      case: { families: [], warnings: [] }, sexChecks: [], parameters: { consent: 'related+secondary' },
      genes: [
        gene(1, 'FBN1', [ranked('chr15:48408306:C:T', 'de_novo', [['PS2', 4], ['PM2', 1], ['PP3', 1]], ['0/1', '0/0', '0/0'])]),
        gene(2, 'CFTR', [ranked('chr7:117559590:A:G', 'compound_het', [['PM3', 2]], ['0/1', '0/1', '0/0']),
          ranked('chr7:117587799:G:A', 'compound_het', [['PVS1', 8]], ['0/1', '0/0', '0/1'])]),
      ],
      secondary: [gene(1, 'BRCA2', [ranked('chr13:32340300:G:T', 'autosomal_dominant', [['PVS1', 8], ['BS1', -4]], ['0/1', '0/1', '0/0'])], true)],
      masked: { count: 3 }, inputs: [], timings: {}, counts: {},
    }
    const out = join(dir, 'prio.parquet')
    expect(await writePrioritisationParquet(result, out)).toBe(4)
    const rows = await sql(`SELECT family, rank, gene, mode, variant_mode, pos, class, points, criteria, genotypes, secondary FROM '${out}'`)
    expect(rows.map((r) => [r.rank, r.gene, r.variant_mode, Number(r.pos), r.points, r.criteria, r.secondary])).toEqual([
      [1, 'FBN1', 'de_novo', 48408306, 6, ['PS2', 'PM2', 'PP3'], false],
      [2, 'CFTR', 'compound_het', 117559590, 2, ['PM3'], false],
      [2, 'CFTR', 'compound_het', 117587799, 8, ['PVS1'], false],
      [1, 'BRCA2', 'autosomal_dominant', 32340300, 4, ['PVS1', 'BS1'], true],
    ])
    expect(rows[0].genotypes).toBe('kid:0/1,dad:0/0,mum:0/0')
    const [hits] = await sql(`SELECT count(*) n FROM '${out}' WHERE list_contains(criteria, 'PVS1')`)
    expect(Number(hits.n)).toBe(2)
    const meta = await parquetMetadataAsync(await asyncBufferFromFile(out))
    const kv = JSON.parse(meta.key_value_metadata!.find((k) => k.key === PRIORITISED_META_KEY)!.value!)
    expect(kv).toMatchObject({ version: 1, masked: 3, tool: { version: '0.2.0' } })
  })
})

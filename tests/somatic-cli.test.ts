// `vartriage world tumour` and `vartriage somatic` end to end (node dist/src/cli/bin.js, so run
// `npm run build:ts` first): the output directory's files, their agreement with the library
// call, manifest checksums, and one-line errors with the right exit status.
import { beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { somatic, type SomaticResult } from '../src/somatic/somatic.js'
import { resultsJson, somaticTsv, TSV_COLUMNS } from '../src/somatic/write.js'
import { sha256File } from '../src/resources/bundle.js'
import { runAsync } from './helpers/annotate-data.js'
import { makeSomaticBundle, type SomaticBundle } from './somatic-bundle.js'

const BIN = resolve('dist/src/cli/bin.js')
let B: SomaticBundle
let R: SomaticResult
let tmp: string
const cli = (...args: string[]) => runAsync(process.execPath, [BIN, ...args])

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vartriage-somatic-cli-'))
  B = await makeSomaticBundle(tmp)
  R = await somatic({ vcf: B.vcf, resources: B.dir })
}, 60_000)

describe('vartriage world tumour', () => {
  it('writes the same files as the library for the same seed', async () => {
    const out = join(tmp, 'cli-tumour')
    const r = await cli('world', 'tumour', '--resources', B.dir, '--out', out, '--seed', '7')
    expect(r.status).toBe(0)
    expect(r.err).toMatch(/tumour-normal\.vcf\.gz: \d+ alleles, \d+ somatic \(\d+ hotspots\)/)
    expect(readFileSync(join(out, 'tumour-normal.vcf.gz'))).toEqual(readFileSync(B.vcf))
    expect(JSON.parse(readFileSync(join(out, 'tumour-normal.truth.json'), 'utf8'))).toEqual(B.truth)
    const bad = await cli('world', 'tumour', '--resources', tmp, '--out', out)
    expect(bad.status).toBe(1)
    expect(bad.err).toMatch(/^vartriage: .*resources\.json: cannot read the bundle manifest/)
  })
})

describe('vartriage somatic', () => {
  it('writes somatic.tsv, tmb.json, results.json and manifest.json, equal to the library\'s result', async () => {
    const out = join(tmp, 'out')
    const r = await cli('somatic', '--vcf', B.vcf, '--resources', B.dir, '--out', out)
    expect(r.status, r.err).toBe(0)
    expect(r.err).toMatch(/\d+ records, \d+ somatic allele\(s\) \(TUMOUR vs NORMAL\); TMB [\d.]+\/Mb .*tiers: IA \d+/)
    const tsv = readFileSync(join(out, 'somatic.tsv'), 'utf8')
    expect(tsv).toBe(somaticTsv(R.variants))
    const lines = tsv.trimEnd().split('\n')
    expect(lines[0].split('\t')).toEqual([...TSV_COLUMNS])
    expect(lines.length - 1).toBe(R.variants.length)
    expect(lines.every((l) => l.split('\t').length === TSV_COLUMNS.length)).toBe(true)
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(resultsJson(R))
    const tmb = JSON.parse(readFileSync(join(out, 'tmb.json'), 'utf8'))
    expect(tmb.count).toBe(R.tmb.count)
    expect(tmb.mb).toBeCloseTo(R.tmb.mb, 9)
    expect(tmb.definition).toMatch(/coding non-synonymous/)
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(m.tool.name).toBe('vartriage')
    expect(m.tool.version).toMatch(/^\d+\.\d+\.\d+/)
    expect(m.command).toEqual(['vartriage', 'somatic', '--vcf', B.vcf, '--resources', B.dir, '--out', out])
    expect(m.inputs.map((x: { role: string }) => x.role)).toEqual(['vcf', 'reference', 'genes', 'somatic-evidence'])
    for (const x of [...m.inputs, ...m.outputs.map((o: { path: string }) => ({ ...o, path: join(out, o.path) }))]) {
      expect(x.sha256).toBe(await sha256File(x.path))
    }
    expect(m.parameters.thresholds).toEqual({ minTumourAf: 0.05, minTumourDp: 20, maxNormalAf: 0.01, minNormalDp: 10, passOnly: false })
    expect(Object.keys(m.timings)).toEqual(expect.arrayContaining(['load', 'select+annotate', 'write']))
  })

  it('files named one by one, samples named, thresholds and a tumour type', async () => {
    const out = join(tmp, 'out2')
    const r = await cli('somatic', '--vcf', B.vcf, '-f', B.fasta, '-g', B.gff, '--evidence', B.evidence, '--tumour', 'TUMOUR', '--normal', 'NORMAL',
      '--min-tumour-af', '0.1', '--min-normal-dp', '30', '--tumour-type', 'Melanoma', '--pass-only', '--out', out, '--quiet')
    expect(r.status, r.err).toBe(0)
    expect(r.err).toBe('')
    // the same rows as the default run, less those failing the stricter thresholds or FILTER
    const want = R.variants.filter((v) => v.tumour.af >= 0.1 && v.normal.dp >= 30 && v.variant.filter === 'PASS').map((v) => v.variant.key)
    const rows = readFileSync(join(out, 'somatic.tsv'), 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split('\t'))
    expect(rows.map((f) => f.slice(0, 4).join(':'))).toEqual(want)
    expect(want.length).toBeLessThan(R.variants.length)
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))
    expect(m.parameters.tumourType).toBe('Melanoma')
    expect(m.parameters.thresholds).toEqual({ minTumourAf: 0.1, minTumourDp: 20, maxNormalAf: 0.01, minNormalDp: 30, passOnly: true })
    // level A/B evidence for lung and colorectal cancer counts as level C for a melanoma
    const tiers = new Map(rows.map((f) => [f.slice(0, 4).join(':'), f[14]]))
    for (const v of R.variants.filter((x) => want.includes(x.variant.key) && x.evidence.length > 0)) {
      const onLabel = v.evidence.filter((e) => /melanoma/i.test(e.item.disease))
      if (onLabel.length === 0) expect(tiers.get(v.variant.key)).toMatch(/^II[CD]$/)
    }
  })

  it('usage errors exit 2; unknown samples exit 1 with one line naming the VCF\'s samples', async () => {
    const noOut = await cli('somatic', '--vcf', B.vcf, '--resources', B.dir)
    expect(noOut.status).toBe(2)
    expect(noOut.err).toMatch(/--out DIR is required/)
    const both = await cli('somatic', '--vcf', B.vcf, '--resources', B.dir, '--target', 'x.bed', '--target-mb', '3', '--out', join(tmp, 'x'))
    expect(both.status).toBe(2)
    const num = await cli('somatic', '--vcf', B.vcf, '--resources', B.dir, '--min-tumour-af', 'high', '--out', join(tmp, 'x'))
    expect(num.status).toBe(2)
    expect(num.err).toMatch(/--min-tumour-af expects a non-negative number, got "high"/)
    const bad = await cli('somatic', '--vcf', B.vcf, '--resources', B.dir, '--normal', 'BLOOD', '--out', join(tmp, 'x'))
    expect(bad.status).toBe(1)
    expect(bad.err.trim().split('\n')).toHaveLength(1)
    expect(bad.err).toMatch(/^vartriage: .*tumour-normal\.vcf\.gz: no normal sample "BLOOD" in the VCF; its samples are "NORMAL", "TUMOUR"/)
    expect(existsSync(join(tmp, 'x'))).toBe(false)
  })
})

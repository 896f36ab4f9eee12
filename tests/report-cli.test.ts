// `vartriage report`: re-rendering a run's outputs from its results.json gives the same bytes
// as the run wrote (so results.json holds everything the outputs show), and `--check` is the
// consent proof on a directory.
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { report } from '../src/cli/report-command.js'
import { writeOutputs, ConsentViolationError } from '../src/report/index.js'
import { UsageError } from '../src/errors.js'
import { makeResult, vcfHeaderText, MASKED } from './helpers/report-fixture.js'

const tmp = mkdtempSync(join(tmpdir(), 'vt-report-cli-'))
afterAll(() => { rmSync(tmp, { recursive: true, force: true }) })

describe('vartriage report', () => {
  it('re-renders identical outputs from results.json and the input VCF header', async () => {
    const header = join(tmp, 'input.vcf')
    writeFileSync(header, vcfHeaderText(['P1', 'F1', 'M1', 'S2']))
    const a = join(tmp, 'a'), b = join(tmp, 'b')
    await writeOutputs(a, makeResult({ extra: 60, secondary: true }), { vcfHeader: readFileSync(header, 'utf8'), evidenceLimit: 5 })
    expect(await report([join(a, 'results.json'), '--out', b, '--vcf-header', header, '--evidence', '5', '--quiet'])).toBe(0)
    for (const n of readdirSync(a)) {
      if (n === 'manifest.json') continue
      expect(readFileSync(join(b, n)).equals(readFileSync(join(a, n))), n).toBe(true)
    }
    const [ma, mb] = [JSON.parse(readFileSync(join(a, 'manifest.json'), 'utf8')), JSON.parse(readFileSync(join(b, 'manifest.json'), 'utf8'))]
    delete ma.timings; delete mb.timings
    expect(mb).toEqual(ma)
  })

  it('--check passes on a masked run and fails, naming the file, on a revealing one', async () => {
    const masked = join(tmp, 'masked'), shown = join(tmp, 'shown')
    await writeOutputs(masked, makeResult({ extra: 10 }))
    await writeOutputs(shown, makeResult({ extra: 10, secondary: true }))
    const list = join(tmp, 'forbidden.txt')
    writeFileSync(list, `${MASKED.gene}\n${MASKED.key}\n${MASKED.chrom}:${MASKED.pos}\n`)
    expect(await report(['--check', masked, '--forbid-file', list, '--quiet'])).toBe(0)
    expect(await report(['--check', masked, '--forbid', `${MASKED.gene},${MASKED.key}`, '--quiet'])).toBe(0)
    await expect(report(['--check', shown, '--forbid-file', list, '--quiet'])).rejects.toThrow(ConsentViolationError)
    await expect(report(['--check', shown, '--forbid', MASKED.gene, '--quiet'])).rejects.toThrow(/^[a-z.]+(\.tsv|\.json|\.html|\.gz \(decompressed\)), byte \d+: names the masked finding "BRCA1"/)
    // refusing to write a leaking result: nothing written
    const guarded = join(tmp, 'guarded')
    await expect(report([join(shown, 'results.json'), '--out', guarded, '--forbid', MASKED.key, '--quiet'])).rejects.toThrow(ConsentViolationError)
    expect(() => readdirSync(guarded)).toThrow()
  })

  it('usage errors', async () => {
    await expect(report(['--check', tmp, '--quiet'])).rejects.toThrow(UsageError)
    await expect(report([join(tmp, 'a', 'results.json'), '--quiet'])).rejects.toThrow(/--out DIR is required/)
    await expect(report([join(tmp, 'a', 'results.json'), '--out', join(tmp, 'c'), '--evidence', 'x'])).rejects.toThrow(/--evidence expects/)
    await expect(report(['--check', tmp, '--forbid', 'A', '--forbid-file', 'B'])).rejects.toThrow(/either --forbid or --forbid-file/)
  })
})

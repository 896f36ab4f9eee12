// `vartriage demo` end to end through the built CLI (`node dist/src/cli/bin.js`, so build
// first): a trio with a known diagnosis on the synthetic world, prioritised; the command says
// where the report is and that the true gene is ranked first, and the report directory holds
// every output. The world is the one the prioritisation tests share (the demo reuses a world
// already in --out DIR/world; generating one is tested in tests/world.test.ts).
import { describe, it, expect, beforeAll } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { sharedWorld } from './helpers/prioritise-world.js'

const run = promisify(execFile)
const BIN = resolve('dist/src/cli/bin.js')
let out: string

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vt-demo-'))
  mkdirSync(out, { recursive: true })
  symlinkSync(await sharedWorld(), join(out, 'world'))
}, 120_000)

describe('vartriage demo', () => {
  it('prioritises a generated trio and finds the spiked-in gene first', async () => {
    const r = await run(process.execPath, [BIN, 'demo', '--out', out], { maxBuffer: 1 << 26, timeout: 120_000 })
    const truth = JSON.parse(readFileSync(join(out, 'trio', 'trio.truth.json'), 'utf8')) as { cases: { gene: string }[] }
    const gene = truth.cases[0].gene
    expect(r.stdout).toContain(`report:   ${join(out, 'report', 'report.html')}`)
    expect(r.stdout).toMatch(new RegExp(`^top gene: ${gene} `, 'm'))
    expect(r.stdout).toMatch(new RegExp(`^truth: +${gene} .*ranked first$`, 'm'))
    expect(r.stderr).toContain('reusing the world')
    for (const f of ['genes.tsv', 'variants.tsv', 'results.json', 'candidates.vcf.gz', 'candidates.vcf.gz.csi', 'report.html', 'manifest.json']) {
      expect(existsSync(join(out, 'report', f))).toBe(true)
    }
    const genes = readFileSync(join(out, 'report', 'genes.tsv'), 'utf8').split('\n')
    expect(genes[0].split('\t').slice(0, 4)).toEqual(['rank', 'family', 'gene', 'score'])
    expect(genes[1].split('\t')[2]).toBe(gene)
  })

  it('prioritise: usage errors exit 2, a missing input names the file and exits 1', async () => {
    const fail = async (args: string[]) => {
      try {
        await run(process.execPath, [BIN, 'prioritise', ...args], { timeout: 60_000 })
        return { code: 0, stderr: '' }
      } catch (e) {
        const x = e as { code: number; stderr: string }
        return { code: x.code, stderr: x.stderr }
      }
    }
    const world = join(out, 'world')
    let r = await fail(['--resources', world, '--out', join(out, 'x')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('--vcf FILE is required')
    r = await fail(['--vcf', join(out, 'trio', 'trio.vcf.gz'), '--resources', world, '--out', join(out, 'x'), '--frequency', 'dominant=0.1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('unknown mode "dominant"')
    r = await fail(['--vcf', join(out, 'nope.vcf.gz'), '--resources', world, '--out', join(out, 'x')])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('nope.vcf.gz')
    expect(r.stderr.trim().split('\n').length).toBe(1)
  })
})

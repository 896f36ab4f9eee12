// workflow/Snakefile run by Debian's snakemake (--cores 2) on a demo trio, against one direct
// `vartriage prioritise` run on the same input: the ranked outputs must be identical, and the
// gathered shards must hold exactly the input's records (bcftools as the oracle). Needs
// `npm run build` (dist/), snakemake and bcftools; a missing snakemake FAILS the test on
// purpose (.ci/run installs it), since the workflow is a deliverable, not an optional extra.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runAsync } from './helpers/annotate-data.js'

const BIN = resolve('dist/src/cli/bin.js')
const SNAKEFILE = resolve('workflow/Snakefile')
const VT = `${process.execPath} ${BIN}`
const SHARDS = 3 // more shards than cores: jobs queue, and the gather must still keep file order

let tmp = ''
let hpo = ''
let truthGene = ''
let snakemake: { out: string; err: string; status: number } | undefined
let snakemakeMissing = ''
let piped: { out: string; err: string; status: number } | undefined
const cli = (...args: string[]) => runAsync(process.execPath, [BIN, ...args])
const run = (dir: string) => join(tmp, dir)

function config(extra: string): string {
  return [
    `vartriage: "${VT}"`, `resources: ${run('world')}`, `shards: ${SHARDS}`, extra,
  ].join('\n') + '\n'
}

/** results.json minus what must differ: the run's clock, and the VCF it read (the workflow ranks
 *  the gathered, annotated VCF; its path, size and sha256 are not the input's). */
function comparable(path: string): unknown {
  const r = JSON.parse(readFileSync(path, 'utf8'))
  delete r.started
  delete r.timings
  r.inputs = r.inputs.filter((i: { role: string }) => i.role !== 'vcf')
  delete r.parameters.vcf
  return r
}

beforeAll(async () => {
  const v = await runAsync('snakemake', ['--version']).catch(() => undefined)
  if (!v || v.status !== 0) snakemakeMissing = 'snakemake is not installed: apt-get install snakemake (.ci/run installs it)'
  tmp = mkdtempSync(join(tmpdir(), 'vartriage-workflow-'))
  const w = await cli('world', '--out', run('world'), '--seed', '1', '-q')
  if (w.status !== 0) throw new Error(`vartriage world failed: ${w.err}`)
  const t = await cli('world', 'trio', '--resources', run('world'), '--out', run('trio'), '--seed', '1', '-q')
  if (t.status !== 0) throw new Error(`vartriage world trio failed: ${t.err}`)
  const truth = JSON.parse(readFileSync(run('trio/trio.truth.json'), 'utf8'))
  hpo = truth.cases[0].hpo.join(',')
  truthGene = truth.cases[0].gene
  writeFileSync(run('config.yaml'), config(
    `vcf: ${run('trio/trio.vcf.gz')}\nped: ${run('trio/trio.ped')}\nhpo: "${hpo}"\nout: ${run('out')}`))
  // the direct run and the workflow at once: both single-threaded per job
  const [direct, wf] = await Promise.all([
    cli('prioritise', '--vcf', run('trio/trio.vcf.gz'), '--ped', run('trio/trio.ped'), '--hpo', hpo,
      '--resources', run('world'), '--out', run('direct'), '-q'),
    snakemakeMissing ? undefined : runAsync('snakemake', ['-s', SNAKEFILE, '--configfile', run('config.yaml'),
      '--directory', tmp, '--cores', '2', '--quiet']),
  ])
  if (direct.status !== 0) throw new Error(`vartriage prioritise failed: ${direct.err}`)
  snakemake = wf
  // the same run fed through a pipe (`--vcf -`), as another engine would call it
  piped = await runAsync('bash', ['-c', `cat '${run('trio/trio.vcf.gz')}' | ${VT} prioritise --vcf - --ped '${run('trio/trio.ped')}' ` +
    `--hpo '${hpo}' --resources '${run('world')}' --out '${run('piped')}' -q`])
}, 170_000)

describe('workflow/Snakefile', () => {
  it('runs under snakemake --cores 2', () => {
    expect(snakemakeMissing, snakemakeMissing).toBe('')
    expect(snakemake!.status, snakemake!.err.slice(-3000)).toBe(0)
    for (let i = 0; i < SHARDS; i++) expect(existsSync(run(`out/trio/logs/annotate_shard.${i}.log`))).toBe(true)
  })

  it('ranks exactly as one direct prioritise run', () => {
    expect(snakemakeMissing, snakemakeMissing).toBe('')
    for (const f of ['genes.tsv', 'variants.tsv']) {
      expect(readFileSync(run(`out/trio/prioritise/${f}`), 'utf8')).toBe(readFileSync(run(`direct/${f}`), 'utf8'))
    }
    expect(comparable(run('out/trio/prioritise/results.json'))).toEqual(comparable(run('direct/results.json')))
    const genes = readFileSync(run('direct/genes.tsv'), 'utf8').split('\n')
    expect(genes[1]).toContain(`\t${truthGene}\t`)
  })

  it('gathers the shards into the input records, in order, with consequences added', async () => {
    expect(snakemakeMissing, snakemakeMissing).toBe('')
    const gathered = run('out/trio/annotated.vcf.gz')
    const stripped = await runAsync('bash', ['-c',
      `bcftools annotate -x INFO/CSQ,INFO/MOST_SEVERE '${gathered}' | bcftools view -H`])
    const input = await runAsync('bcftools', ['view', '-H', run('trio/trio.vcf.gz')])
    expect(stripped.status, stripped.err).toBe(0)
    expect(input.out.length).toBeGreaterThan(1000)
    expect(stripped.out).toBe(input.out)
    // the index the gather wrote answers region queries across shard boundaries
    const count = await runAsync('bcftools', ['view', '-H', '-r', 'chrX', gathered])
    const direct = await runAsync('bcftools', ['view', '-H', '-r', 'chrX', run('trio/trio.vcf.gz')])
    expect(count.out.split('\n').length).toBe(direct.out.split('\n').length)
    const csq = await runAsync('bcftools', ['view', '-H', '-i', 'INFO/CSQ!="."', gathered])
    expect(csq.out.length).toBeGreaterThan(0)
  })

  it('prioritise --vcf - (a pipe) ranks as the direct run', () => {
    expect(piped!.status, piped!.err).toBe(0)
    for (const f of ['genes.tsv', 'variants.tsv']) {
      expect(readFileSync(run(`piped/${f}`), 'utf8')).toBe(readFileSync(run(`direct/${f}`), 'utf8'))
    }
  })

  it('plans one scatter/gather and one prioritise job per family of a cohort', async () => {
    expect(snakemakeMissing, snakemakeMissing).toBe('')
    const fam = (name: string) => `  - {name: ${name}, vcf: ${run('trio/trio.vcf.gz')}, ped: ${run('trio/trio.ped')}, hpo: "${hpo}"}`
    writeFileSync(run('cohort.yaml'), config(`out: ${run('cohort')}\nfamilies:\n${fam('famA')}\n${fam('famB')}`))
    const r = await runAsync('snakemake', ['-s', SNAKEFILE, '--configfile', run('cohort.yaml'), '--directory', tmp, '-n', '--cores', '2'])
    expect(r.status, r.err).toBe(0)
    const stats = r.out + r.err
    const count = (rule: string) => Number(new RegExp(`^${rule}\\s+(\\d+)`, 'm').exec(stats)?.[1])
    expect(count('prioritise')).toBe(2)
    expect(count('gather')).toBe(2)
    expect(count('annotate_shard')).toBe(2 * SHARDS)
  })
})

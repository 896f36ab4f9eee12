// The output directory of a somatic run: somatic.tsv (one row per somatic allele), tmb.json,
// results.json (everything, deterministic: no times) and manifest.json (tool version, inputs
// and outputs with sha256, parameters, timings; ISO 15189 traceability).
import { mkdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { sha256File } from '../resources/bundle.js'
import type { SomaticCall, SomaticResult } from './somatic.js'

export const SOMATIC_OUTPUTS = { tsv: 'somatic.tsv', tmb: 'tmb.json', results: 'results.json', manifest: 'manifest.json' } as const

export const TSV_COLUMNS = ['chrom', 'pos', 'ref', 'alt', 'gene', 'consequence', 'hgvsc', 'hgvsp', 'protein', 'tumour_af', 'tumour_dp',
  'normal_af', 'normal_dp', 'tmb', 'tier', 'reason'] as const

/** Six significant digits: FORMAT/AF is stored as f32, whose noise (0.0500000007) means nothing. */
const num = (x: number) => (Number.isNaN(x) ? '.' : String(Number(x.toPrecision(6))))
const cell = (s: string | undefined) => (s === undefined || s === '' ? '.' : s.replace(/[\t\n\r]/g, ' '))

export function somaticTsv(variants: SomaticCall[]): string {
  const rows = [TSV_COLUMNS.join('\t')]
  for (const c of variants) {
    const v = c.variant
    rows.push([v.chrom, String(v.pos), v.ref, v.alt, cell(v.gene), v.consequence.join('&'), cell(v.hgvsc), cell(v.hgvsp), cell(c.protein),
      num(c.tumour.af), num(c.tumour.dp), num(c.normal.af), num(c.normal.dp), c.tmb ? 'yes' : 'no', cell(c.tier), cell(c.reason)].join('\t'))
  }
  return rows.join('\n') + '\n'
}

/** results.json: the run without its start time and timings, so equal inputs give equal bytes. */
export function resultsJson(r: SomaticResult): string {
  const { started: _s, timings: _t, ...rest } = r
  return JSON.stringify(rest, (_k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v), 1) + '\n'
}

export async function writeSomatic(r: SomaticResult, out: string, command?: string[]): Promise<string[]> {
  mkdirSync(out, { recursive: true })
  const t0 = performance.now()
  const p = (f: string) => join(out, f)
  writeFileSync(p(SOMATIC_OUTPUTS.tsv), somaticTsv(r.variants))
  writeFileSync(p(SOMATIC_OUTPUTS.tmb), JSON.stringify({ ...r.tmb, tmb: Number(r.tmb.tmb.toPrecision(6)) }, null, 1) + '\n')
  writeFileSync(p(SOMATIC_OUTPUTS.results), resultsJson(r))
  const outputs = []
  for (const f of [SOMATIC_OUTPUTS.tsv, SOMATIC_OUTPUTS.tmb, SOMATIC_OUTPUTS.results]) outputs.push({ path: f, bytes: statSync(p(f)).size, sha256: await sha256File(p(f)) })
  const manifest = {
    tool: r.tool, started: r.started, ...(command ? { command } : {}), samples: r.samples, inputs: r.inputs, parameters: r.parameters,
    outputs, counts: r.counts, timings: { ...r.timings, write: Math.round(performance.now() - t0) / 1000 },
  }
  writeFileSync(p(SOMATIC_OUTPUTS.manifest), JSON.stringify(manifest, null, 1) + '\n')
  return Object.values(SOMATIC_OUTPUTS).map(p)
}

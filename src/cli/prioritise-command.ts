// `vartriage prioritise`: a family VCF (+ PED or phenopacket, HPO terms) → ranked genes and
// the output directory (docs/prioritise.md). Progress and a short summary go to stderr.
import { UsageError } from '../errors.js'
import { INHERITANCE_MODES, type FrequencyCutoffs, type InheritanceMode, type PrioritisationResult, type QualityThresholds } from '../prioritise/model.js'
import { RESOURCE_OPTIONS, RESOURCE_USAGE, type ResourceValues } from '../resources/options.js'
import { KNOWN_ROLES } from '../resources/bundle.js'
import { parse } from './options.js'
import { Progress } from './progress.js'
import { spoolStdin } from './stdin-spool.js'
import { join } from 'node:path'
import { tmpdir } from 'node:os'

export const PRIORITISE_USAGE = `prioritise: vartriage prioritise --vcf V [--ped P | --phenopacket J] [--hpo HP:…,…] [--panel NAME|FILE]
       [--panel-mode first|restrict] [--consent related|related+secondary] [--resources DIR]
       [--threads N] [--bai ID=FILE,…] [--flank N] [--frequency MODE=AF,…] [--min-gq N] [--min-dp N]
       [--het-ab LO,HI] [--hom-alt-ab X] [--hom-ref-ab X] [--parent-max-alt-reads N] [--cache DIR] --out DIR
       ranks the genes of each family in the VCF (several families per run) and writes genes.tsv,
       variants.tsv, results.json, candidates.vcf.gz (+ .csi), report.html and manifest.json.
       --frequency overrides per-mode popmax cut-offs (modes: ${INHERITANCE_MODES.join(', ')}).
       --cache DIR keeps indexes derived from the resources between runs (default: the temp dir).
${RESOURCE_USAGE}`

const num = (v: string | undefined, name: string, min: number, max: number, int = false): number | undefined => {
  if (v === undefined) return undefined
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max || (int && !Number.isInteger(n))) {
    throw new UsageError(`prioritise: --${name} expects ${int ? 'an integer' : 'a number'} ${min}..${max}, got "${v}"`)
  }
  return n
}

function frequencyOf(v: string | undefined): Partial<FrequencyCutoffs> | undefined {
  if (!v) return undefined
  const out: Partial<FrequencyCutoffs> = {}
  for (const part of v.split(',')) {
    const [mode, af] = part.split('=')
    if (!INHERITANCE_MODES.includes(mode as InheritanceMode)) throw new UsageError(`prioritise: --frequency: unknown mode "${mode}" (${INHERITANCE_MODES.join(', ')})`)
    out[mode as InheritanceMode] = num(af, 'frequency', 0, 1)
  }
  return out
}

function qualityOf(v: Record<string, string | boolean | undefined>): Partial<QualityThresholds> {
  const q: Partial<QualityThresholds> = {}
  const s = (k: string) => v[k] as string | undefined
  if (s('min-gq') !== undefined) q.minGq = num(s('min-gq'), 'min-gq', 0, 1e6)
  if (s('min-dp') !== undefined) q.minDp = num(s('min-dp'), 'min-dp', 0, 1e9, true)
  if (s('het-ab') !== undefined) {
    const [lo, hi] = s('het-ab')!.split(',').map((x) => num(x, 'het-ab', 0, 1)!)
    if (hi === undefined || lo > hi) throw new UsageError('prioritise: --het-ab expects LO,HI with LO <= HI')
    q.hetAb = [lo, hi]
  }
  if (s('hom-alt-ab') !== undefined) q.homAltAb = num(s('hom-alt-ab'), 'hom-alt-ab', 0, 1)
  if (s('hom-ref-ab') !== undefined) q.homRefAb = num(s('hom-ref-ab'), 'hom-ref-ab', 0, 1)
  if (s('parent-max-alt-reads') !== undefined) q.parentMaxAltReads = num(s('parent-max-alt-reads'), 'parent-max-alt-reads', 0, 1e9, true)
  return q
}

function baiOf(v: string | undefined): Record<string, string> | undefined {
  if (!v) return undefined
  const out: Record<string, string> = {}
  for (const part of v.split(',')) {
    const k = part.indexOf('=')
    if (k <= 0) throw new UsageError(`prioritise: --bai expects ID=FILE pairs, got "${part}"`)
    out[part.slice(0, k)] = part.slice(k + 1)
  }
  return out
}

/** The top genes of each family, for the terminal. */
export function summary(r: PrioritisationResult, top = 5): string {
  const lines: string[] = []
  for (const f of r.case.families) {
    const genes = r.genes.filter((g) => g.family === f.id).slice(0, top)
    lines.push(`family ${f.id}: ${r.genes.filter((g) => g.family === f.id).length} candidate genes${f.hpo.length ? `, ${f.hpo.length} HPO terms` : ', no HPO terms'}`)
    for (const g of genes) {
      const v = g.variants.map((x) => x.candidate.variant.hgvsp ?? x.candidate.variant.hgvsc ?? x.candidate.variant.key).join(' + ')
      lines.push(`  ${String(g.rank).padStart(3)}  ${g.gene.padEnd(10)} ${g.score.toFixed(3)}  ${g.mode.padEnd(24)} ${g.acmgClass.padEnd(22)} ${v}`)
    }
  }
  if (r.masked.count > 0) lines.push(`${r.masked.count} finding(s) masked by consent (--consent related+secondary to include secondary findings)`)
  return lines.join('\n') + '\n'
}

export const prioritiseCommand = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, {
    ...RESOURCE_OPTIONS,
    vcf: { type: 'string' }, ped: { type: 'string' }, phenopacket: { type: 'string' }, hpo: { type: 'string' },
    panel: { type: 'string' }, 'panel-mode': { type: 'string' }, consent: { type: 'string' }, out: { type: 'string' },
    bai: { type: 'string' }, cache: { type: 'string' }, flank: { type: 'string' }, frequency: { type: 'string' },
    'min-gq': { type: 'string' }, 'min-dp': { type: 'string' }, 'het-ab': { type: 'string' }, 'hom-alt-ab': { type: 'string' },
    'hom-ref-ab': { type: 'string' }, 'parent-max-alt-reads': { type: 'string' },
  })
  if (v.help) { process.stdout.write(PRIORITISE_USAGE); return 0 }
  const vcf = v.vcf ?? positionals[0]
  if (positionals.length > (v.vcf ? 0 : 1)) throw new UsageError(`prioritise: unexpected argument "${positionals[v.vcf ? 0 : 1]}"`)
  if (!vcf) throw new UsageError('prioritise: --vcf FILE is required')
  const out = v.out ?? v.output
  if (!out) throw new UsageError('prioritise: --out DIR is required')
  if (v['panel-mode'] !== undefined && v['panel-mode'] !== 'first' && v['panel-mode'] !== 'restrict') throw new UsageError(`prioritise: --panel-mode expects first or restrict, got "${v['panel-mode']}"`)
  if (v.consent !== undefined && v.consent !== 'related' && v.consent !== 'related+secondary') throw new UsageError(`prioritise: --consent expects related or related+secondary, got "${v.consent}"`)
  const files: Record<string, string> = {}
  for (const role of KNOWN_ROLES) { const p = (v as ResourceValues)[role]; if (p) files[role] = p }
  if (!v.resources && Object.keys(files).length === 0) throw new UsageError('prioritise: --resources DIR (a resource bundle) is required')
  const { prioritise } = await import('../prioritise/api.js')
  const say = (s: string) => { if (!v.quiet) process.stderr.write(s) }
  // the shared progress line (a terminal only): bytes of the VCF read, records, then the stage
  const progress = new Progress(v.quiet === true)
  const t0 = Date.now()
  const result = await prioritise({
    vcf: vcf === '-' ? await spoolStdin('prioritise') : vcf, ped: v.ped, phenopacket: v.phenopacket, hpo: v.hpo, panel: v.panel, panelMode: v['panel-mode'] as 'first' | 'restrict' | undefined,
    consent: v.consent as 'related' | 'related+secondary' | undefined, resources: v.resources ?? '', files,
    verifyResources: v['verify-resources'], threads: num(v.threads, 'threads', 1, 1024, true), bai: baiOf(v.bai),
    flank: num(v.flank, 'flank', 0, 1e7, true), frequency: frequencyOf(v.frequency), quality: qualityOf(v), out,
    cacheDir: v.cache ?? join(tmpdir(), 'vartriage-cache'),
    onProgress: (stage, done) => { if (stage === 'select' && done !== undefined) progress.records = done },
    onReadProgress: (done, total) => progress.update(done, total),
    onWarning: (m) => progress.warn(m),
  })
  progress.done()
  for (const w of result.case.warnings) say(`vartriage: warning: ${w.family}${w.individual ? ` ${w.individual}` : ''}: ${w.message}\n`)
  say(summary(result))
  say(`vartriage prioritise: ${result.counts.records.toLocaleString('en')} records, ${result.counts.candidates} candidates, ` +
    `${result.genes.length} genes in ${((Date.now() - t0) / 1000).toFixed(1)} s; outputs in ${out}\n`)
  return 0
}

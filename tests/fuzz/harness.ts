// Runs one generated file and its queries through bcftools (the oracle) and vartriage (the
// library API; the CLI where bcftools rejects the input, and for a share of the cases), and
// reports every difference. Also reads/writes the regression fixtures in tests/fuzz/fixtures.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { query, view, collect } from '../../src/api.js'
import { parseRegionList } from '../../src/region/region.js'
import { CONTIGS, renderVcf, type FuzzCase, type QuerySpec } from './gen.js'

export const BIN = resolve('dist/src/cli/bin.js')
export const FIXTURES = resolve('tests/fuzz/fixtures')

export interface Mismatch {
  query: QuerySpec
  /** 'output': both ran, outputs differ; 'error': exactly one side failed; 'cli': the CLI's error contract. */
  kind: 'output' | 'error' | 'cli'
  /** Stale views over WASM memory (the lead's memory-ownership work), kept apart from filter/format bugs. */
  wasmMemory: boolean
  detail: string
}

interface Outcome { ok: boolean; out: string; err: string }

/**
 * Runs a tool without blocking the event loop (synchronous spawns starve vitest's worker RPC
 * on a loaded machine: "Timeout calling onTaskUpdate").
 */
function exec(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0
      done({ code, stdout: stdout ?? '', stderr: (stderr ?? '') + (err && code === -1 ? String(err) : '') })
    })
  })
}

/** bgzips `text` (real bgzip, so BGZF block boundaries are htslib's) and indexes it with tabix. */
export async function writeBgzipped(dir: string, name: string, text: string): Promise<string> {
  const plain = join(dir, `${name}.vcf`)
  writeFileSync(plain, text)
  const gz = `${plain}.gz`
  const r = await exec('sh', ['-c', 'bgzip -f "$1" && tabix -f -p vcf "$1.gz"', 'sh', plain])
  if (r.code !== 0) throw new Error(`bgzip/tabix failed: ${r.stderr}`)
  return gz
}

export function bcftoolsArgs(q: QuerySpec, file: string): string[] {
  const args = q.mode === 'query' ? ['query', '-f', q.format] : ['view', '-H']
  if (q.header) args.push('-H')
  if (q.include !== undefined) args.push('-i', q.include)
  if (q.exclude !== undefined) args.push('-e', q.exclude)
  if (q.regions !== undefined) args.push('-r', q.regions)
  if (q.samples !== undefined) args.push('-s', q.samples)
  return [...args, file]
}

/** The same command for the vartriage CLI, quiet (no progress line on stderr). */
export function cliArgs(q: QuerySpec, file: string): string[] {
  const [cmd, ...rest] = bcftoolsArgs(q, file)
  return [cmd, '--quiet', ...rest]
}

async function oracle(q: QuerySpec, file: string): Promise<Outcome> {
  // bcftools 1.16 `query -r` keeps a record that reaches into the region only through INFO/END
  // when the format makes it unpack INFO or FORMAT ('%POS' drops it, '%POS %END' keeps it; the
  // lazy-unpacking family of samtools/bcftools#1147). `view -r` always keeps it, as the manual's
  // default --regions-overlap says: the oracle selects with view and formats with query
  const r = q.mode === 'query' && q.regions !== undefined
    ? await exec('bash', ['-c', 'set -o pipefail; bcftools view -Ov -r "$1" "$2" | bcftools query "${@:3}" -',
      'bash', q.regions, file, ...bcftoolsArgs({ ...q, regions: undefined }, file).slice(1, -1)])
    : await exec('bcftools', bcftoolsArgs(q, file))
  const out = q.mode === 'view' ? viewKeys(r.stdout) : r.stdout
  return { ok: r.code === 0, out, err: r.stderr.trim() }
}

/** view output compared as record identities: CHROM POS REF ALT, in order. */
function viewKeys(text: string): string {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t', 5).filter((_, k) => k !== 2).join('\t') + '\n').join('')
}

async function ours(q: QuerySpec, file: string): Promise<Outcome> {
  if (q.header) {
    // the -H line is printed by the CLI (QueryFormatter.headerLine)
    const c = await cli(q, file)
    return { ok: c.code === 0, out: c.out, err: c.err.trim() }
  }
  try {
    const opts = {
      include: q.include,
      exclude: q.exclude,
      regions: q.regions === undefined ? undefined : parseRegionList(q.regions, new Set(CONTIGS.map((c) => c[0]))),
      samples: q.samples?.split(','),
      onWarning: () => {},
    }
    const out = q.mode === 'query'
      ? await collect(query(file, q.format, opts))
      : viewKeys(await collect(view(file, { ...opts, header: false })))
    return { ok: true, out, err: '' }
  } catch (e) {
    return { ok: false, out: '', err: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }
  }
}

async function cli(q: QuerySpec, file: string): Promise<{ code: number; out: string; err: string }> {
  const r = await exec(process.execPath, [BIN, ...cliArgs(q, file)])
  return { code: r.code, out: q.mode === 'view' ? viewKeys(r.stdout) : r.stdout, err: r.stderr }
}

const looksLikeWasmMemory = (s: string) => /undefined|detached ArrayBuffer|-inf|out of bounds/i.test(s)

/** First differing line of two texts, short enough for a test message. */
export function firstDiff(want: string, got: string): string {
  const a = want.split('\n'), b = got.split('\n')
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      const cut = (s: string | undefined) => (s === undefined ? '<none>' : JSON.stringify(s.length > 300 ? s.slice(0, 300) + '…' : s))
      return `line ${i + 1}: bcftools ${cut(a[i])} vs vartriage ${cut(b[i])} (${a.length} vs ${b.length} lines)`
    }
  }
  return 'no difference'
}

/**
 * Compares one query on one bgzipped file. `useCli`: also run the CLI and hold it to the same
 * output (and, where bcftools fails, to exit 1 with a one-line message).
 */
export async function compareQuery(q: QuerySpec, file: string, useCli: boolean | 'on-error'): Promise<Mismatch | undefined> {
  const want = await oracle(q, file)
  const got = await ours(q, file)
  const mk = (kind: Mismatch['kind'], detail: string, text = ''): Mismatch =>
    ({ query: q, kind, detail, wasmMemory: looksLikeWasmMemory(text + ' ' + detail) && !looksLikeWasmMemory(want.out) })
  if (!want.ok) {
    // bcftools rejects the expression, the region or the sample list: so must we
    if (got.ok) return mk('error', `bcftools failed (${want.err.split('\n').pop()}) but vartriage succeeded`)
    if (useCli) {
      const c = await cli(q, file)
      const lines = c.err.trim().split('\n')
      if (c.code !== 1) return mk('cli', `CLI exit ${c.code} (want 1) where bcftools failed: ${c.err.slice(0, 300)}`)
      if (lines.length !== 1 || !lines[0].startsWith('vartriage:')) return mk('cli', `CLI error is not one line: ${JSON.stringify(c.err.slice(0, 300))}`)
    }
    return undefined
  }
  if (!got.ok) return mk('error', `vartriage failed where bcftools succeeded: ${got.err}`, got.err)
  if (got.out !== want.out) return mk('output', firstDiff(want.out, got.out), got.out)
  if (useCli === true) {
    const c = await cli(q, file)
    if (c.code !== 0) return mk('cli', `CLI failed (${c.code}) where the API succeeded: ${c.err.slice(0, 300)}`, c.err)
    if (c.out !== want.out) return mk('cli', `CLI output differs: ${firstDiff(want.out, c.out)}`, c.out)
  }
  return undefined
}

export interface CaseResult { mismatches: Mismatch[]; queries: number }

/** Renders the file, bgzips and indexes it, compares every query. */
export async function runCase(c: FuzzCase, opts: { cliEvery?: number; dir?: string } = {}): Promise<CaseResult> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'vt-fuzz-'))
  try {
    const file = await writeBgzipped(dir, 'case', renderVcf(c.file))
    return await runQueries(file, c.queries, opts.cliEvery ?? 0)
  } finally {
    if (!opts.dir) rmSync(dir, { recursive: true, force: true })
  }
}

let cliCounter = 0
export async function runQueries(file: string, queries: QuerySpec[], cliEvery: number): Promise<CaseResult> {
  const mismatches: Mismatch[] = []
  for (const q of queries) {
    // every cliEvery-th query also through the CLI; errors always (exit status, one-line message)
    const useCli = cliEvery > 0 && (++cliCounter % cliEvery === 0 ? true : 'on-error')
    const m = await compareQuery(q, file, useCli)
    if (m) mismatches.push(m)
  }
  return { mismatches, queries: queries.length }
}

// ---------------------------------------------------------------- fixtures

/**
 * A fixture is `<name>.vcf` (the shrunk input) and `<name>.json`:
 * `{ "query": QuerySpec, "found": "what went wrong", "status": "fixed" | "open" }`.
 * Replaying compares against bcftools live: no expected output is stored.
 */
export interface Fixture { name: string; vcf: string; query: QuerySpec; found: string }

export function loadFixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) return []
  return readdirSync(FIXTURES).filter((f) => f.endsWith('.json')).sort().map((f) => {
    const name = f.slice(0, -5)
    const meta = JSON.parse(readFileSync(join(FIXTURES, f), 'utf8'))
    return { name, vcf: readFileSync(join(FIXTURES, `${name}.vcf`), 'utf8'), query: meta.query, found: meta.found }
  })
}

export function saveFixture(name: string, vcf: string, q: QuerySpec, found: string): string {
  mkdirSync(FIXTURES, { recursive: true })
  writeFileSync(join(FIXTURES, `${name}.vcf`), vcf)
  writeFileSync(join(FIXTURES, `${name}.json`), JSON.stringify({ query: q, found }, null, 2) + '\n')
  return join(FIXTURES, name)
}

/**
 * Shrinks a failing (vcf, query) pair further at the text level: drops records, then sample
 * columns, while the same kind of mismatch persists. Cheap delta debugging on top of
 * fast-check's own shrinking (which cannot see inside the seeded record renderer).
 */
export async function reduceText(vcf: string, q: QuerySpec, kind: Mismatch['kind'], budget = 200): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'vt-reduce-'))
  let tries = 0
  const fails = async (text: string): Promise<boolean> => {
    if (tries++ > budget) return false
    const file = await writeBgzipped(dir, `r${tries}`, text)
    const m = await compareQuery(q, file, false)
    return m !== undefined && m.kind === kind
  }
  try {
    const lines = vcf.split('\n').filter((l) => l !== '')
    const header = lines.filter((l) => l.startsWith('#'))
    let recs = lines.filter((l) => !l.startsWith('#'))
    // records: halves, then one by one
    for (let chunk = Math.max(1, recs.length >> 1); chunk >= 1; chunk >>= 1) {
      for (let i = 0; i < recs.length && recs.length > 1;) {
        const trial = [...recs.slice(0, i), ...recs.slice(i + chunk)]
        if (trial.length > 0 && await fails([...header, ...trial].join('\n') + '\n')) recs = trial
        else i += chunk
      }
    }
    // sample columns (only when no -s names a sample and no subscript counts samples)
    const cols = header[header.length - 1].split('\t')
    if (cols.length > 10 && q.samples === undefined) {
      let keep = cols.slice(9).map((_, i) => i)
      const render = (k: number[]) => {
        const pick = (l: string) => { const f = l.split('\t'); return [...f.slice(0, 9), ...k.map((i) => f[9 + i] ?? '.')].join('\t') }
        return [...header.slice(0, -1), pick(header[header.length - 1]), ...recs.map(pick)].join('\n') + '\n'
      }
      for (let i = 0; i < keep.length && keep.length > 1;) {
        const trial = keep.filter((_, j) => j !== i)
        if (await fails(render(trial))) keep = trial
        else i++
      }
      return render(keep)
    }
    return [...header, ...recs].join('\n') + '\n'
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

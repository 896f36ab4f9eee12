// Sub-commands: each parses its own options and streams batches to an Output.
import { UsageError } from '../errors.js'
import { resolveSamples, select } from '../pipeline/select.js'
import { headerText, vcfLines } from '../sink/vcf.js'
import { jsonLines } from '../sink/jsonl.js'
import { QueryFormatter } from '../sink/query.js'
import { Output, type OutputType } from '../sink/output.js'
import { indexVcf } from '../pipeline/index-file.js'
import { Progress } from './progress.js'
import { availableParallelism } from 'node:os'
import { runParallel, threadsFor } from '../parallel/engine.js'
import { planShards } from '../parallel/plan.js'
import { openSource } from '../source/source.js'
import type { ShardOp } from '../parallel/task.js'
import type { ShardPool } from '../parallel/pool.js'
import type { Output as OutputT } from '../sink/output.js'
import type { VcfReader } from '../reader/reader.js'
import { inputOf, openReader, parse, regionsOf, reportCounts, reportEnd, samplesOf } from './options.js'

type Command = (args: string[]) => Promise<number>

export function usage(): string {
  return `vartriage: fast VCF reading, filtering and triage (WASM core)

Usage: vartriage <command> [options] FILE|URL|-

Commands:
  view    print records as VCF, optionally filtered
  query   print fields with a bcftools-style format (-f)
  index   write a .tbi or .csi index for a bgzipped VCF
  shards  print the shard plan (BGZF-aligned byte ranges) the parallel engine would use
  coverage  read counts, relative coverage and sex call from a BAM index (.bai/.csi)
  stats   bcftools stats summary numbers (SN, TSTV; PSC per sample with -s), --json for JSON
  csq     consequences from a GFF3 and a FASTA (VEP-style CSQ or bcftools BCSQ; csq -h for options)
  norm    split multi-allelics and left-align indels against a FASTA (bcftools norm -m- -f)
  world   write a synthetic GRCh38-shaped resource bundle (--out DIR [--seed N] [--scale small|wgs])
  annotate  add INFO from VCF, BED/tab files or a store (bcftools -a/-c or a vcfanno TOML)
  store   build (or describe) a precompiled annotation store (Parquet) from VCF sources
  report  re-render a prioritisation run's outputs from results.json; --check DIR: the consent proof
  somatic   tumour/normal: somatic variants, TMB, AMP/ASCO/CAP tiers (--vcf V --out DIR; somatic -h)
  prioritise  rank the genes of each family of a VCF (PED/phenopacket, HPO terms, panels, consent)
  demo    a synthetic world and trio with a known diagnosis, prioritised end to end
  export  write variants and genotypes as Parquet for DuckDB/Spark (--parquet OUT; export -h)

Common options:
  -i, --include EXPR      keep records for which EXPR is true (bcftools syntax)
  -e, --exclude EXPR      drop records for which EXPR is true
  -r, --regions REG       chr, chr:pos, chr:beg-end, comma-separated (needs an index)
  -R, --regions-file FILE BED (.bed, 0-based) or CHROM POS [END] (1-based) regions
  -s, --samples LIST      comma-separated samples to keep (^LIST to exclude)
  -S, --samples-file FILE one sample name per line
  -o, --output FILE       write to FILE instead of stdout
      --index FILE        index to use for -r/-R (default FILE.csi, then FILE.tbi)
      --strict            undeclared INFO/FORMAT tags are errors
      --lenient           skip malformed records (counted and reported at the end)
  -q, --quiet             no progress bar or warnings
      --threads N         worker threads (default: the available cores, at most one per 2 MiB of
                          compressed input; stdin, plain and non-BGZF gzip input use one thread)

view:  -O, --output-type v|z|j plain VCF, BGZF-compressed VCF, or JSON lines
       -W, --write-index[=tbi|csi]  index the -Oz output as it is written (default csi)
       -H, --no-header         records only
       --no-version            do not add a ##vartriage_viewCommand header line
query: -f, --format FMT        e.g. '%CHROM\\t%POS\\t%REF\\t%ALT[\\t%SAMPLE=%GT]\\n'
       -H, --print-header      print a header line naming the columns
shards: -n N                   number of shards (default: the available cores); --json
index: -t, --tbi | -c, --csi   index type (default: csi)
       -f, --force             overwrite an existing index
       -o, --output FILE       index file name (default FILE.csi/.tbi; needed for '-', standard input)
`
}

/** --threads: undefined = automatic (0 means the same). */
function threadsOf(v: { threads?: string }): number | undefined {
  if (v.threads === undefined) return undefined
  const n = Number(v.threads)
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--threads expects a non-negative integer, got "${v.threads}"`)
  return n === 0 ? undefined : n
}

const VIEW_OPTS = {
  'output-type': { type: 'string', short: 'O' },
  'write-index': { type: 'string', short: 'W' },
  'no-header': { type: 'boolean', short: 'H' },
  'no-version': { type: 'boolean' },
} as const
const QUERY_OPTS = {
  format: { type: 'string', short: 'f' },
  'print-header': { type: 'boolean', short: 'H' },
} as const
type ViewValues = ReturnType<typeof parse<typeof VIEW_OPTS>>['values']
type QueryValues = ReturnType<typeof parse<typeof QUERY_OPTS>>['values']

interface Parallel { threads: number; pool?: ShardPool }

/**
 * Decides, before anything else is read, whether view/query run over shards: a seekable
 * BGZF file and no regions or index-while-writing. Worker threads start now, so their
 * start-up overlaps the main thread reading the header.
 */
async function startParallel(file: string, requested: number | undefined, eligible: boolean): Promise<Parallel> {
  if (!eligible || file === '-') return { threads: 0 }
  const threads = await threadsFor(file, requested, availableParallelism())
  // one thread streams: the same output (tests hold the two paths equal) with no shard buffers
  if (threads <= 1) return { threads: 0 }
  // piscina and the worker code load only when threads are used (CLI start-up stays small)
  // this thread runs shards too (it would mostly wait otherwise): threads - 1 workers
  const { InlineShardPool } = await import('../parallel/pool.js')
  const { runShard } = await import('../parallel/task.js')
  return { threads, pool: new InlineShardPool(threads, runShard) }
}

/** Runs view/query over shards, writing results in file order. */
async function runSharded(file: string, reader: VcfReader, op: ShardOp, sel: { include?: string; exclude?: string; samples?: string[] },
  par: Parallel, out: OutputT, progress: Progress, strict?: boolean, lenient?: boolean): Promise<void> {
  const warned = new Set<string>()
  let skipped = 0
  let empty = 0
  let shards = 0
  for await (const r of runParallel(file, reader.header.text, op, sel, {
    threads: par.threads, pool: par.pool, strict, lenient, onPlan: (p) => { shards = p.shards.length },
  })) {
    out.write(r.bytes)
    progress.records += r.records
    progress.update(r.index + 1, shards)
    skipped += r.skipped
    empty += r.emptySamples
    for (const w of r.warnings) if (!warned.has(w)) { warned.add(w); progress.warn(w) }
  }
  progress.done()
  reportCounts(reader.file, skipped, empty, progress)
}

const view: Command = async (argv) => {
  // bcftools spells it -W / --write-index[=tbi|csi]: an optional value parseArgs cannot express
  const args = argv.map((a) => (a === '-W' || a === '--write-index' ? '--write-index=csi' : a.startsWith('-W=') ? `--write-index=${a.slice(3)}` : a))
  const { values: v, positionals } = parse(args, VIEW_OPTS)
  if (v.help) { process.stdout.write(usage()); return 0 }
  const otype = v['output-type'] ?? (v.output?.endsWith('.gz') ? 'z' : v.output?.endsWith('.jsonl') ? 'j' : 'v')
  if (otype !== 'v' && otype !== 'z' && otype !== 'j') throw new UsageError(`-O expects v, z or j, got "${otype}"`)
  const json = otype === 'j'
  const type: OutputType = json ? 'v' : otype
  const indexType = v['write-index']
  if (indexType !== undefined && indexType !== 'tbi' && indexType !== 'csi') throw new UsageError('-W expects tbi or csi')
  const progress = new Progress(v.quiet ?? false)
  const file = inputOf(positionals, 'view')
  const par = await startParallel(file, threadsOf(v), !regionsOf(v) && indexType === undefined)
  try {
    return await viewWith(file, v, argv, par, progress, json, type, indexType)
  } finally {
    await par.pool?.destroy()
  }
}

async function viewWith(file: string, v: ViewValues, argv: string[], par: Parallel, progress: Progress, json: boolean,
  type: OutputType, indexType: string | undefined): Promise<number> {
  const reader = await openReader(file, v, progress)
  const sel = select(reader, { include: v.include, exclude: v.exclude, regions: regionsOf(v), samples: samplesOf(v) })
  const maxRefLength = Math.max(0, ...reader.header.contigs.map((c) => c.length ?? 0))
  const out = new Output({ path: v.output, type, index: indexType as 'tbi' | 'csi' | undefined, maxRefLength })
  const command = v['no-version'] ? undefined : `vartriage view ${argv.join(' ')}`
  if (!v['no-header'] && !json) out.write(headerText(reader.header, { command, samples: sel.samples }))
  if (par.threads > 0) {
    await runSharded(file, reader, { kind: 'view', json }, { include: v.include, exclude: v.exclude, samples: samplesOf(v) },
      par, out, progress, v.strict, v.lenient)
    out.close()
    return 0
  }
  for await (const b of sel.batches) {
    progress.records += b.n
    if (json) out.write(jsonLines(b, sel.samples))
    else if (out.indexing) {
      const lines = vcfLines(b, sel.samples)
      let o = 0
      for (const i of b.indices()) {
        const end = lines.indexOf(10, o) + 1
        out.writeRecord(lines.subarray(o, end), b.chrom(i), b.pos[i] - 1, b.pos[i] - 1 + Math.max(1, b.rlen[i]))
        o = end
      }
    } else out.write(vcfLines(b, sel.samples))
  }
  out.close()
  reportEnd(reader, progress)
  return 0
}

const query: Command = async (args) => {
  const { values: v, positionals } = parse(args, QUERY_OPTS)
  if (v.help) { process.stdout.write(usage()); return 0 }
  if (!v.format) throw new UsageError('query: -f/--format is required')
  const progress = new Progress(v.quiet ?? false)
  const file = inputOf(positionals, 'query')
  const par = await startParallel(file, threadsOf(v), !regionsOf(v))
  try {
    return await queryWith(file, v, par, progress)
  } finally {
    await par.pool?.destroy()
  }
}

async function queryWith(file: string, v: QueryValues, par: Parallel, progress: Progress): Promise<number> {
  const reader = await openReader(file, v, progress)
  const samples = samplesOf(v)
  const fmt = new QueryFormatter(v.format!, reader.schema, resolveSamples(reader.header.samples, samples))
  const sel = select(reader, { include: v.include, exclude: v.exclude, regions: regionsOf(v), samples }, { query: { formatFields: fmt.printsFormat } })
  const out = new Output({ path: v.output, type: 'v' })
  if (v['print-header']) out.write(fmt.headerLine())
  if (par.threads > 0) {
    await runSharded(file, reader, { kind: 'query', format: v.format! }, { include: v.include, exclude: v.exclude, samples },
      par, out, progress, v.strict, v.lenient)
    out.close()
    return 0
  }
  for await (const b of sel.batches) {
    progress.records += b.n
    out.write(fmt.formatBytes(b))
  }
  out.close()
  reportEnd(reader, progress)
  return 0
}

const index: Command = async (args) => {
  const { values: v, positionals } = parse(args, {
    tbi: { type: 'boolean', short: 't' },
    csi: { type: 'boolean', short: 'c' },
    force: { type: 'boolean', short: 'f' },
  })
  if (v.help) { process.stdout.write(usage()); return 0 }
  if (positionals.length !== 1) throw new UsageError('index: expected one bgzipped VCF file')
  if (v.tbi && v.csi) throw new UsageError('index: use either --tbi or --csi')
  const progress = new Progress(v.quiet ?? false)
  const path = await indexVcf(positionals[0], {
    format: v.tbi ? 'tbi' : 'csi', force: v.force ?? false, output: v.output,
    onWarning: (m) => progress.warn(m), onProgress: (d, t) => progress.update(d, t),
  })
  progress.done()
  if (!v.quiet) process.stderr.write(`vartriage: wrote ${path}\n`)
  return 0
}

const shards: Command = async (args) => {
  const { values: v, positionals } = parse(args, { number: { type: 'string', short: 'n' }, json: { type: 'boolean' } })
  if (v.help) { process.stdout.write(usage()); return 0 }
  if (positionals.length !== 1) throw new UsageError('shards: expected one bgzipped VCF file')
  const n = Number(v.number ?? availableParallelism())
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`shards: -n expects a positive integer, got "${v.number}"`)
  const plan = await planShards(await openSource(positionals[0]), n)
  const out = new Output({ path: v.output, type: 'v' })
  if (v.json) out.write(JSON.stringify(plan) + '\n')
  else {
    out.write('#shard\tstart\tend\tbytes\tprev_block\n')
    for (const s of plan.shards) out.write(`${s.index}\t${s.start}\t${s.end}\t${s.end - s.start}\t${s.prev}\n`)
  }
  out.close()
  return 0
}

// stats and coverage load their modules only when called
const stats: Command = async (args) => (await import('./stats-command.js')).stats(args)
const coverage: Command = async (args) => (await import('./coverage-command.js')).coverage(args)
const csq: Command = async (args) => (await import('./csq-command.js')).csq(args)
const norm: Command = async (args) => (await import('./norm-command.js')).norm(args)

const annotate: Command = async (args) => (await import('./annotate-command.js')).annotate(args)
const store: Command = async (args) => (await import('./store-command.js')).store(args)

export const COMMANDS: Record<string, Command> = {
  shards, view, query, index, coverage, stats, csq, norm, annotate, store,
  world: async (args) => (await import('./world-command.js')).world(args),
  report: async (args) => (await import('./report-command.js')).report(args),
  somatic: async (args) => (await import('./somatic-command.js')).somaticCommand(args),
  prioritise: async (args) => (await import('./prioritise-command.js')).prioritiseCommand(args),
  demo: async (args) => (await import('./demo-command.js')).demo(args),
  export: async (args) => (await import('./export-command.js')).exportCommand(args),
}

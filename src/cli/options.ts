// Options shared by the sub-commands, and the helpers that turn them into reader options,
// regions, samples and inputs. Commands import this; main.ts only dispatches.
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { readFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { VcfReader, type ReaderOptions } from '../reader/reader.js'
import { parseRegionFile, parseRegionList, type Region } from '../region/region.js'
import { Progress } from './progress.js'

export interface Common {
  reader: ReaderOptions
  progress: Progress
  quiet: boolean
}

const common = {
  include: { type: 'string', short: 'i' },
  exclude: { type: 'string', short: 'e' },
  regions: { type: 'string', short: 'r' },
  'regions-file': { type: 'string', short: 'R' },
  samples: { type: 'string', short: 's' },
  'samples-file': { type: 'string', short: 'S' },
  output: { type: 'string', short: 'o' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  strict: { type: 'boolean' },
  lenient: { type: 'boolean' },
  index: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options']

export type CommonValues = { [K in keyof typeof common]?: (typeof common)[K]['type'] extends 'boolean' ? boolean : string }

type Values<O extends Record<string, { type: 'string' | 'boolean' }>> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string }

export function parse<O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(args: string[], extra: O):
  { values: CommonValues & Values<O>; positionals: string[] } {
  const options = { ...common, ...extra }
  try {
    const r = parseArgs({ args: getoptValues(args, options), options, allowPositionals: true, strict: true })
    return { values: r.values as CommonValues & Values<O>, positionals: r.positionals }
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify.*$/s, ''))
  }
}

/**
 * getopt's rule, which bcftools users rely on: the token after an option that takes a value is
 * that value, even when it starts with '-' (`-i '-1<INFO/AF'`). parseArgs refuses such values,
 * so they are joined to their option (`--include=-1<INFO/AF`) first.
 */
function getoptValues(args: string[], options: Record<string, { type: 'string' | 'boolean'; short?: string }>): string[] {
  const long = new Map<string, string>()
  for (const [name, o] of Object.entries(options)) {
    if (o.type !== 'string') continue
    long.set(`--${name}`, name)
    if (o.short) long.set(`-${o.short}`, name)
  }
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = long.get(args[i])
    if (args[i] === '--') { out.push(...args.slice(i)); break }
    if (name !== undefined && i + 1 < args.length) out.push(`--${name}=${args[++i]}`)
    else out.push(args[i])
  }
  return out
}

export function regionsOf(v: CommonValues): Region[] | undefined {
  if (v.regions && v['regions-file']) throw new UsageError('use either -r or -R, not both')
  if (v.regions) return parseRegionList(v.regions)
  if (v['regions-file']) return parseRegionFile(readFileSync(v['regions-file'], 'utf8'), v['regions-file'])
  return undefined
}

export function samplesOf(v: CommonValues): string[] | undefined {
  if (v.samples) return v.samples.split(',')
  if (v['samples-file']) return readFileSync(v['samples-file'], 'utf8').split('\n').map((s) => s.trim()).filter(Boolean)
  return undefined
}

export function inputOf(positionals: string[], cmd: string): string {
  if (positionals.length === 0) {
    if (!process.stdin.isTTY) return '-'
    throw new UsageError(`${cmd}: no input file (give a path, a URL or '-' for stdin)`)
  }
  if (positionals.length > 1) throw new UsageError(`${cmd}: expected one input file, got ${positionals.length}`)
  return positionals[0]
}

export async function openReader(file: string, v: CommonValues, progress: Progress): Promise<VcfReader> {
  return VcfReader.open(file, {
    strict: v.strict,
    lenient: v.lenient,
    index: v.index,
    onWarning: (m) => progress.warn(m),
    onProgress: (d, t) => progress.update(d, t),
    // --threads 1 means one thread: the CLI's parallelism is its shard workers
    overlapInflate: false,
  })
}

export function reportEnd(reader: VcfReader, progress: Progress): void {
  progress.done()
  reportCounts(reader.file, reader.stats.skipped, reader.stats.emptySamples, progress)
}

/** The end-of-run counts of damaged records: skipped (--lenient), or kept with empty sample columns. */
export function reportCounts(file: string, skipped: number, emptySamples: number, progress: Progress): void {
  if (skipped > 0) progress.warn(`${file}: skipped ${skipped} malformed record(s) (--lenient)`)
  if (emptySamples > 0) progress.warn(`${file}: ${emptySamples} record(s) with empty sample columns, read as missing`)
}


// The record-selection stage shared by view, query and stats: regions -> filter -> samples.
import { UsageError } from '../errors.js'
import { Filter } from '../expr/filter.js'
import type { VcfReader, BatchOptions } from '../reader/reader.js'
import type { RecordBatch } from '../batch/batch.js'
import type { Region } from '../region/region.js'

export interface SelectOptions {
  /** bcftools -i expression: keep records for which it is true. */
  include?: string
  /** bcftools -e expression: drop records for which it is true. */
  exclude?: string
  regions?: Region[]
  /** Sample names to keep (bcftools -s); a leading '^' on the first name excludes the list instead. */
  samples?: string[]
}

/** Resolves -s names to header indices, bcftools style ('^' excludes). */
export function resolveSamples(all: string[], names: string[] | undefined): number[] | undefined {
  if (!names || names.length === 0) return undefined
  const exclude = names[0].startsWith('^')
  const list = exclude ? [names[0].slice(1), ...names.slice(1)] : names
  const index = new Map(all.map((s, i) => [s, i]))
  for (const n of list) if (!index.has(n)) throw new UsageError(`sample "${n}" is not in the VCF header`)
  if (exclude) {
    const drop = new Set(list)
    return all.map((_, i) => i).filter((i) => !drop.has(all[i]))
  }
  return list.map((n) => index.get(n)!)
}

export interface Selection {
  batches: AsyncGenerator<RecordBatch>
  samples: number[] | undefined
  filter: Filter | undefined
}

/**
 * `query`: the consumer is bcftools-style query output, where a per-sample filter also
 * decides which samples are printed (see Filter.apply).
 */
export function select(reader: VcfReader, opts: SelectOptions,
  extra: BatchOptions & {
    query?: { formatFields: boolean }
    from?: (b: BatchOptions) => AsyncGenerator<RecordBatch>
    /** A filter compiled earlier for this reader (workers reuse theirs across shards). */
    filter?: Filter
  } = {}): Selection {
  if (opts.include && opts.exclude) throw new UsageError('use either -i/--include or -e/--exclude, not both')
  const samples = resolveSamples(reader.header.samples, opts.samples)
  const expr = opts.include ?? opts.exclude
  // bcftools query reads through a subset header (bcf_hdr_set_samples), so its filter sees only
  // the -s samples (N_SAMPLES, sample subscripts, per-sample terms); bcftools view compiles the
  // filter against the full header and tests records before subsetting them
  const filterSamples = extra.query ? samples : undefined
  const filter = extra.filter ?? (expr ? new Filter(expr, reader.schema, opts.exclude !== undefined, filterSamples) : undefined)
  async function* run(): AsyncGenerator<RecordBatch> {
    const want = { info: extra.info, format: extra.format, regions: opts.regions }
    // `from` lets a caller supply the batches (a worker reading one shard)
    for await (const b of extra.from ? extra.from(want) : reader.batches(want)) {
      if (filter) filter.apply(b, extra.query)
      yield b
    }
  }
  return { batches: run(), samples, filter }
}

// `vartriage export --parquet OUT.parquet`: the variant table, and (when the VCF has samples)
// the long genotype table next to it, as documented in docs/parquet.md.
import { UsageError } from '../errors.js'
import { exportParquet } from '../export/variants.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, regionsOf, reportEnd, samplesOf } from './options.js'

export const EXPORT_USAGE = `export: vartriage export --parquet OUT.parquet [-i/-e EXPR] [-r REG] [-s LIST] [--info LIST]
              [--genotypes FILE | --no-genotypes] FILE
       one row per ALT allele with typed INFO columns (docs/parquet.md); the calls go to a long
       genotype table, by default OUT.genotypes.parquet (none when the VCF has no samples)
`

/** OUT.parquet → OUT.genotypes.parquet */
export function genotypesPath(out: string): string {
  return out.replace(/(\.parquet)?$/, '.genotypes.parquet')
}

export const exportCommand = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, {
    parquet: { type: 'string' }, genotypes: { type: 'string' }, 'no-genotypes': { type: 'boolean' }, info: { type: 'string' },
  })
  if (v.help) { process.stdout.write(EXPORT_USAGE); return 0 }
  if (!v.parquet) throw new UsageError('export needs --parquet OUT.parquet')
  // Parquet ends in a footer that points back into the file, and genotypes go to a second file
  if (v.parquet === '-' || v.genotypes === '-') throw new UsageError('export: Parquet cannot go to standard output: give --parquet FILE (the input may be - for stdin)')
  if (v.genotypes && v['no-genotypes']) throw new UsageError('use either --genotypes or --no-genotypes, not both')
  const file = inputOf(positionals, 'export')
  const progress = new Progress(v.quiet ?? false)
  const reader = await openReader(file, v, progress)
  const genotypes = v['no-genotypes'] || reader.header.samples.length === 0 ? undefined : v.genotypes ?? genotypesPath(v.parquet)
  const summary = await exportParquet(reader, {
    out: v.parquet, genotypes, include: v.include, exclude: v.exclude, regions: regionsOf(v), samples: samplesOf(v),
    info: v.info?.split(','), onBatch: (n) => { progress.records += n },
  })
  reportEnd(reader, progress)
  if (!v.quiet) {
    process.stderr.write(`export: ${summary.variants} variant rows (${summary.records} records) to ${v.parquet}` +
      (genotypes ? `, ${summary.genotypes} genotype rows to ${genotypes}` : '') + '\n')
  }
  return 0
}

// `vartriage stats`: the SN, TSTV and (with -s) PSC numbers of `bcftools stats`.
import { Output } from '../sink/output.js'
import { formatStats, statsJson, vcfStats } from '../stats/stats.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, regionsOf, reportEnd, samplesOf } from './options.js'

export const STATS_USAGE = `stats: vartriage stats [-i/-e EXPR] [-r REG] [-s LIST|-] [--json] [-o OUT] FILE
       SN (summary numbers) and TSTV lines of bcftools stats; with -s/-S also the PSC per-sample
       counts ('-s -' for every sample); --json prints the same numbers as JSON
`

export const stats = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, { json: { type: 'boolean' } })
  if (v.help) { process.stdout.write(STATS_USAGE); return 0 }
  const file = inputOf(positionals, 'stats')
  const progress = new Progress(v.quiet ?? false)
  const reader = await openReader(file, v, progress)
  // as in bcftools, per-sample (PSC) counts need -s/-S; '-s -' selects every sample
  const result = await vcfStats(reader, {
    include: v.include, exclude: v.exclude, regions: regionsOf(v), samples: samplesOf(v),
    onBatch: (n) => { progress.records += n },
  })
  reportEnd(reader, progress)
  const out = new Output({ path: v.output, type: 'v' })
  out.write(v.json ? statsJson(result, file) : formatStats(result, file))
  out.close()
  return 0
}

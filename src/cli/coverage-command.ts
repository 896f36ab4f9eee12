// `vartriage coverage`: read counts, per-window relative coverage, sex call and coverage flags
// from a .bai/.csi, without reading the alignments.
import { writeFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { Output } from '../sink/output.js'
import { idxstats, readBamIndex, type BamIndexResult } from '../coverage/bam-index.js'
import { inferSex, type SexCall } from '../coverage/sex.js'
import { flagCoverage, type CoverageFlags } from '../coverage/flags.js'
import { coverageSvg } from '../coverage/svg.js'
import { Progress } from './progress.js'
import { inputOf, parse } from './options.js'

export const COVERAGE_USAGE = `coverage: vartriage coverage INDEX|BAM [--bam BAM | --fai FAI] [--idxstats] [--json] [--svg OUT.svg] [-o OUT]
       prints chrom, start, end, normalised coverage per window (TSV); per-chromosome
       summary, sex call and flagged regions go to stderr (all of it to stdout with --json)
       --idxstats   samtools idxstats layout (chrom, length, mapped, unmapped; '*' line last)
`

const num = (v: number, d = 3) => (Number.isNaN(v) ? 'NA' : v.toFixed(d))

export const coverage = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, {
    bam: { type: 'string' },
    fai: { type: 'string' },
    idxstats: { type: 'boolean' },
    json: { type: 'boolean' },
    svg: { type: 'string' },
  })
  if (v.help) { process.stdout.write(COVERAGE_USAGE); return 0 }
  if (v.bam && v.fai) throw new UsageError('coverage: use either --bam or --fai')
  if (v.idxstats && v.json) throw new UsageError('coverage: use either --idxstats or --json')
  if (positionals.length !== 1) throw new UsageError('coverage: expected one .bai/.csi (or BAM) file')
  const progress = new Progress(v.quiet ?? false)
  const result = await readBamIndex(inputOf(positionals, 'coverage'), { bam: v.bam, fai: v.fai })
  const out = new Output({ path: v.output, type: 'v' })
  if (v.idxstats) {
    out.write(idxstats(result))
    out.close()
    return 0
  }
  const sex = inferSex(result)
  const flags = flagCoverage(result, sex)
  if (v.svg) writeFileSync(v.svg, coverageSvg(result, sex, {}, flags))
  if (v.json) out.write(JSON.stringify(toJson(result, sex, flags), null, 1) + '\n')
  else {
    out.write(windowsTsv(result))
    if (!v.quiet) process.stderr.write(summary(result, sex, flags))
  }
  out.close()
  progress.done()
  return 0
}

function windowsTsv(r: BamIndexResult): string {
  const w = r.windows
  const parts: string[] = ['#chrom\tstart\tend\tcoverage\n']
  for (let k = 0; k < w.length; k++) {
    parts.push(`${r.references[w.ref[k]].name}\t${w.start[k]}\t${w.end[k]}\t${num(w.coverage[k])}\n`)
  }
  return parts.join('')
}

function summary(r: BamIndexResult, sex: SexCall, flags: CoverageFlags): string {
  const lines = ['#summary\tchrom\tlength\tmapped\tunmapped\tkind\tmedian_coverage\twindows_with_data']
  for (const ref of r.references) {
    lines.push(`summary\t${ref.name}\t${ref.length}\t${ref.mapped}\t${ref.unmapped}\t${ref.kind}\t${num(ref.median)}\t${num(ref.covered)}`)
  }
  lines.push(`sex\t${sex.call}\tX=${num(sex.xRatio)}\tY=${num(sex.yRatio)}\t${sex.reason}`)
  for (const a of flags.aneuploidy) lines.push(`aneuploidy\t${a.chrom}\t${a.type}\tmedian=${num(a.median)}\texpected=${a.expected}`)
  for (const g of flags.regions) lines.push(`region\t${g.chrom}\t${g.start}\t${g.end}\t${g.type}\twindows=${g.windows}\tcoverage=${num(g.coverage)}`)
  return lines.join('\n') + '\n'
}

function toJson(r: BamIndexResult, sex: SexCall, flags: CoverageFlags): unknown {
  const w = r.windows
  const nan = (x: number) => (Number.isNaN(x) ? null : x)
  return {
    file: r.file, format: r.format, windowSize: r.windowSize, noCoordinate: r.noCoordinate, medianBytes: r.medianBytes,
    references: r.references.map((ref) => ({
      name: ref.name, length: ref.length, mapped: ref.mapped, unmapped: ref.unmapped, kind: ref.kind,
      median: nan(ref.median), covered: ref.covered,
    })),
    sex: { ...sex, xRatio: nan(sex.xRatio), yRatio: nan(sex.yRatio) },
    aneuploidy: flags.aneuploidy,
    regions: flags.regions,
    windows: Array.from({ length: w.length }, (_, k) => [r.references[w.ref[k]].name, w.start[k], w.end[k], nan(Math.round(w.coverage[k] * 1000) / 1000)]),
  }
}

// `vartriage annotate`: bcftools-style (-a SRC -c COLUMNS) or vcfanno TOML (--config)
// annotation from VCF, BED/tab files and precompiled stores.
import { readFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { Output } from '../sink/output.js'
import { parseHeader, type TagDef } from '../header/header.js'
import { Progress } from './progress.js'
import { inputOf, parse, regionsOf, reportCounts } from './options.js'
import { resolvePath } from '../annotate/sources.js'
import { annotateFile } from '../annotate/run.js'
import type { AnnotateSpec } from '../annotate/spec.js'
import { bundleSources } from '../annotate/bundle-sources.js'
import { openResources } from '../resources/bundle.js'
import { jobThreads, threadsOption } from './job-runner.js'

export const ANNOTATE_USAGE = `annotate: vartriage annotate [--resources DIR] (-a SRC -c COLUMNS | --config anno.toml) [-o OUT] [-O v|z] FILE
  -a, --annotations SRC    VCF (.vcf.gz), precompiled store (.store), BED (.bed[.gz]) or tab file
  -c, --columns LIST       bcftools columns: INFO/AF,+INFO/X,INFO/NEW:=OLD,ID for VCF/store sources;
                           CHROM,FROM,TO,INFO/X or CHROM,POS,REF,ALT,INFO/X ('-' skips) for tab files
      --header-lines FILE  ##INFO lines declaring tags taken from tab/BED files
  -H, --header-line STR    one such ##INFO line (repeatable)
      --config FILE        vcfanno TOML ([[annotation]] and [[postannotation]]; expr: instead of lua:)
      --resources DIR      a resource bundle: alone (no -a/--config), annotate with its population,
                           ClinVar and score files (fields in docs/annotate.md); with -a/--config,
                           the directory relative source paths are under
      --threads N          shards on N threads (BGZF input without -r/-R); output identical for any N
  -O, --output-type v|z    plain or BGZF-compressed VCF
      --no-version         no ##vartriage_annotateCommand header line
  -r/-R                    only records in regions (needs an index)
`

const OPTS = {
  annotations: { type: 'string', short: 'a' },
  columns: { type: 'string', short: 'c' },
  'header-lines': { type: 'string' },
  'header-line': { type: 'string', short: 'H', multiple: true },
  config: { type: 'string' },
  resources: { type: 'string' },
  'output-type': { type: 'string', short: 'O' },
  'no-version': { type: 'boolean' },
} as const

/** ##INFO declarations from -H/--header-lines text. */
function extraDefs(lines: string[]): TagDef[] {
  const text = ['##fileformat=VCFv4.2', ...lines.filter((l) => l.startsWith('##')), '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'].join('\n') + '\n'
  return [...parseHeader(text, 'header lines').info.values()]
}

export const annotate = async (argv: string[]): Promise<number> => {
  const { values: v, positionals } = parse(argv, OPTS as unknown as Record<string, { type: 'string' | 'boolean'; short?: string }>) as unknown as {
    values: Record<string, string | boolean | string[] | undefined>; positionals: string[]
  }
  if (v.help) { process.stdout.write(ANNOTATE_USAGE); return 0 }
  const config = v.config as string | undefined, src = v.annotations as string | undefined, cols = v.columns as string | undefined
  const resources = v.resources as string | undefined
  if (!config && !src && !resources) throw new UsageError('annotate: give -a SRC -c COLUMNS, --config FILE or --resources DIR')
  if (src && !cols) throw new UsageError('annotate: -a needs -c COLUMNS')
  const otype = (v['output-type'] as string | undefined) ?? ((v.output as string | undefined)?.endsWith('.gz') ? 'z' : 'v')
  if (otype !== 'v' && otype !== 'z') throw new UsageError(`-O expects v or z, got "${otype}"`)
  const progress = new Progress((v.quiet as boolean | undefined) ?? false)
  const file = inputOf(positionals, 'annotate')
  const regions = regionsOf(v)
  const threads = await jobThreads(file, threadsOption(v as { threads?: string }), !regions)
  const headerLines: string[] = []
  if (v['header-lines']) headerLines.push(...readFileSync(v['header-lines'] as string, 'utf8').split('\n'))
  headerLines.push(...((v['header-line'] as string[] | undefined) ?? []))
  const spec: AnnotateSpec = {
    sources: [],
    headerLines: v['no-version'] ? [] : [`##vartriage_annotateCommand=annotate ${argv.join(' ')}`],
  }
  if (src) spec.sources.push({ kind: 'bcftools', path: resolvePath(src, resources), columns: cols!, defs: extraDefs(headerLines) })
  if (config) spec.sources.push({ kind: 'vcfanno', text: readFileSync(config, 'utf8'), resources, configPath: config })
  // a bundle alone: its population, ClinVar and score files with the default fields
  if (!src && !config) spec.sources.push(...await bundleSources(await openResources({ dir: resources })))
  const out = new Output({ path: v.output as string | undefined, type: otype })
  let skipped = 0, empty = 0
  try {
    for await (const chunk of annotateFile(file, spec, {
      threads, regions,
      reader: { strict: v.strict as boolean | undefined, lenient: v.lenient as boolean | undefined, index: v.index as string | undefined,
        onProgress: (d, t) => progress.update(d, t), overlapInflate: false },
      makePool: async (n) => {
        const { InlineShardPool } = await import('../parallel/pool.js')
        const { runShard } = await import('../parallel/task.js')
        return new InlineShardPool(n, runShard)
      },
      onWarning: (m) => progress.warn(m),
      onProgress: (n, done, shards) => { progress.records = n; if (done !== undefined) progress.update(done, shards) },
      onDone: (c) => { skipped = c.skipped; empty = c.emptySamples },
    })) out.write(chunk)
  } finally {
    out.close()
  }
  progress.done()
  reportCounts(file, skipped, empty, progress)
  return 0
}

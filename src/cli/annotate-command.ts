// `vartriage annotate`: bcftools-style (-a SRC -c COLUMNS) or vcfanno TOML (--config)
// annotation from VCF, BED/tab files and precompiled stores.
import { readFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { Output } from '../sink/output.js'
import { parseHeader, type TagDef } from '../header/header.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, regionsOf, reportEnd } from './options.js'
import { annotateVcf, type AnnotateOptions } from '../annotate/engine.js'
import { bcftoolsSource, resolvePath } from '../annotate/sources.js'
import { loadVcfanno } from '../annotate/vcfanno.js'
import type { Annotator } from '../annotate/annotator.js'

export const ANNOTATE_USAGE = `annotate: vartriage annotate [--resources DIR] (-a SRC -c COLUMNS | --config anno.toml) [-o OUT] [-O v|z] FILE
  -a, --annotations SRC    VCF (.vcf.gz), precompiled store (.store), BED (.bed[.gz]) or tab file
  -c, --columns LIST       bcftools columns: INFO/AF,+INFO/X,INFO/NEW:=OLD,ID for VCF/store sources;
                           CHROM,FROM,TO,INFO/X or CHROM,POS,REF,ALT,INFO/X ('-' skips) for tab files
      --header-lines FILE  ##INFO lines declaring tags taken from tab/BED files
  -H, --header-line STR    one such ##INFO line (repeatable)
      --config FILE        vcfanno TOML ([[annotation]] and [[postannotation]]; expr: instead of lua:)
      --resources DIR      directory that relative source paths (and config files) are under
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
  if (!config && !src) throw new UsageError('annotate: give -a SRC -c COLUMNS or --config FILE')
  if (src && !cols) throw new UsageError('annotate: -a needs -c COLUMNS')
  const otype = (v['output-type'] as string | undefined) ?? ((v.output as string | undefined)?.endsWith('.gz') ? 'z' : 'v')
  if (otype !== 'v' && otype !== 'z') throw new UsageError(`-O expects v or z, got "${otype}"`)
  const progress = new Progress((v.quiet as boolean | undefined) ?? false)
  const file = inputOf(positionals, 'annotate')
  const reader = await openReader(file, v, progress)
  const resources = v.resources as string | undefined
  const headerLines: string[] = []
  if (v['header-lines']) headerLines.push(...readFileSync(v['header-lines'] as string, 'utf8').split('\n'))
  headerLines.push(...((v['header-line'] as string[] | undefined) ?? []))
  const warn = (m: string) => progress.warn(m)
  const sources: Annotator[] = []
  const opts: AnnotateOptions = {
    regions: regionsOf(v),
    onRename: (from, to, label) => warn(`contig ${from} is named ${to} in ${label}; matched as the same contig`),
    onProgress: (n) => { progress.records = n },
  }
  const defs = extraDefs(headerLines)
  if (src) sources.push(await bcftoolsSource(resolvePath(src, resources), cols!, reader.header, defs, { onWarning: warn }))
  if (config) {
    const cfg = await loadVcfanno(readFileSync(config, 'utf8'), { resources, header: reader.header, onWarning: warn, configPath: config })
    sources.push(...cfg.sources)
    opts.post = cfg.post
    opts.info = cfg.reads
  }
  opts.headerLines = v['no-version'] ? [] : [`##vartriage_annotateCommand=annotate ${argv.join(' ')}`]
  const out = new Output({ path: v.output as string | undefined, type: otype })
  for await (const chunk of annotateVcf(reader, sources, opts)) {
    out.write(chunk)
  }
  out.close()
  reportEnd(reader, progress)
  return 0
}

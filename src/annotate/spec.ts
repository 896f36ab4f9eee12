// An annotation run as plain data (which sources, which columns or config), so the same
// sources can be built on the calling thread and again in each worker thread of the
// parallel engine; tables come from a TableCache filled once on the calling thread.
import type { VcfHeader, TagDef } from '../header/header.js'
import type { Annotator } from './annotator.js'
import type { AnnotateOptions, PostAnnotator } from './engine.js'
import { bcftoolsSource } from './sources.js'
import { loadVcfanno } from './vcfanno.js'
import type { TableCache } from './table-cache.js'

export type SourceSpec =
  /** bcftools annotate -a PATH -c COLUMNS (defs: ##INFO declarations for tab/BED columns); PATH as it is opened. */
  | { kind: 'bcftools'; path: string; columns: string; defs?: TagDef[] }
  /** A vcfanno TOML config (its text; relative file= paths under `resources`). */
  | { kind: 'vcfanno'; text: string; resources?: string; configPath?: string }

export interface AnnotateSpec {
  sources: SourceSpec[]
  /** Extra header lines (##vartriage_annotateCommand=…). */
  headerLines?: string[]
}

export interface BuiltAnnotation {
  sources: Annotator[]
  /** Engine options: post-annotators, INFO tags to decode, header lines. */
  options: AnnotateOptions
}

/** Opens the spec's sources in order (a later source's value for a tag replaces an earlier one's). */
export async function buildAnnotation(spec: AnnotateSpec, header: VcfHeader,
  opts: { tables?: TableCache; onWarning?: (m: string) => void } = {}): Promise<BuiltAnnotation> {
  const sources: Annotator[] = []
  const post: PostAnnotator[] = []
  const info: string[] = []
  for (const s of spec.sources) {
    if (s.kind === 'bcftools') {
      sources.push(await bcftoolsSource(s.path, s.columns, header, s.defs ?? [], { onWarning: opts.onWarning, tables: opts.tables }))
    } else {
      const cfg = await loadVcfanno(s.text, { resources: s.resources, header, onWarning: opts.onWarning, configPath: s.configPath, tables: opts.tables })
      sources.push(...cfg.sources)
      post.push(...cfg.post)
      info.push(...cfg.reads)
    }
  }
  return { sources, options: { post, info, headerLines: spec.headerLines ?? [] } }
}

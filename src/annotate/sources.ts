// Opening annotation sources by file type: VCF (.vcf, .vcf.gz), precompiled store (.store,
// .parquet), BED (.bed, .bed.gz) or any other tab-delimited file.
import { UsageError } from '../errors.js'
import type { VcfHeader, TagDef } from '../header/header.js'
import type { Annotator } from './annotator.js'
import { parseColumns } from './columns.js'
import { TabAnnotator, VcfPairAnnotator } from './bcftools.js'
import { loadVcfSource } from './source-vcf.js'
import { parseTab, readTextFile } from './tab.js'
import { readStore } from './store.js'
import type { TableCache } from './table-cache.js'

export type SourceKind = 'vcf' | 'store' | 'bed' | 'tab'

export function sourceKind(path: string): SourceKind {
  const p = path.toLowerCase().replace(/\?.*$/, '')
  if (/\.(store|parquet)$/.test(p)) return 'store'
  if (/\.vcf(\.b?gz)?$/.test(p)) return 'vcf'
  if (/\.bcf$/.test(p)) throw new UsageError(`${path}: BCF annotation sources are not supported; convert with bcftools view -Oz`)
  if (/\.bed(\.b?gz)?$/.test(p)) return 'bed'
  return 'tab'
}

/** A path under --resources unless absolute or a URL. */
export function resolvePath(path: string, resources?: string): string {
  // no node:path here: this module is part of the browser bundle
  if (!resources || path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || /^https?:\/\//.test(path)) return path
  if (resources === '.' || resources === '') return path.replace(/^\.\//, '')
  return `${resources.replace(/\/+$/, '')}/${path.replace(/^\.\//, '')}`
}

/** bcftools-style source: -a SRC -c COLUMNS, with declarations for tab files from -h/-H lines. */
export async function bcftoolsSource(path: string, columns: string, header: VcfHeader, extraDefs: TagDef[] = [],
  opts: { onWarning?: (m: string) => void; tables?: TableCache } = {}): Promise<Annotator> {
  const specs = parseColumns(columns)
  const kind = sourceKind(path)
  if (kind === 'vcf' || kind === 'store') {
    const infos = specs.filter((s) => s.role === 'INFO').map((s) => s.src!)
    const wantId = specs.some((s) => s.role === 'ID')
    const load = () => kind === 'vcf'
      ? loadVcfSource(path, infos, { id: wantId, onWarning: opts.onWarning })
      : readStore(path, { fields: infos, id: wantId })
    const table = opts.tables ? await opts.tables.get(kind, path, infos, wantId, load) : await load()
    return new VcfPairAnnotator(table, specs)
  }
  const defs = new Map<string, TagDef>(header.info)
  for (const d of extraDefs) defs.set(d.id, d)
  const bed = kind === 'bed'
  const col = (role: string) => specs.findIndex((s) => s.role === role)
  const chromCol = col('CHROM')
  let startCol = col('FROM'), endCol = col('TO')
  if (startCol < 0) startCol = col('POS')
  if (endCol < 0) endCol = startCol
  if (chromCol < 0 || startCol < 0) throw new UsageError(`-c for ${path}: name the CHROM and POS (or FROM,TO) columns`)
  const rows = parseTab(await readTextFile(path), path, { bed, chromCol, startCol, endCol, longerFirst: true })
  return new TabAnnotator(rows, specs, defs, bed)
}

// The default annotation of a resource bundle (`annotate --resources DIR` with no -a or
// --config): population frequencies, ClinVar and missense scores, under fixed names that
// later stages read. Fields a file does not declare are left out (real files differ).
import { VcfReader } from '../reader/reader.js'
import type { Bundle } from '../resources/bundle.js'
import type { TagDef } from '../header/header.js'
import type { SourceSpec } from './spec.js'

/** Population fields taken (source name -> output name). */
export const POPULATION_FIELDS: [string, string][] = [
  ['AF', 'POP_AF'], ['AF_grpmax', 'POP_AF_grpmax'], ['grpmax', 'POP_grpmax'], ['nhomalt', 'POP_nhomalt'], ['nhomalt_XY', 'POP_nhomalt_XY'],
]
/** ClinVar fields taken (names kept). */
export const CLINVAR_FIELDS = ['CLNSIG', 'CLNREVSTAT']
/** Score columns taken from the score table (names kept), with their declarations. */
export const SCORE_FIELDS: TagDef[] = [
  { id: 'REVEL', number: '1', type: 'Float', description: 'REVEL score of the missense variant (from the bundle\'s score table)' },
  { id: 'CADD_PHRED', number: '1', type: 'Float', description: 'CADD PHRED-scaled score (from the bundle\'s score table)' },
] as TagDef[]

async function declared(path: string): Promise<Set<string>> {
  const r = await VcfReader.open(path)
  return new Set(r.header.info.keys())
}

/** bcftools-style sources for the bundle's population, clinvar and scores files (those it has). */
export async function bundleSources(bundle: Bundle): Promise<SourceSpec[]> {
  const out: SourceSpec[] = []
  const pop = bundle.get('population')
  if (pop) {
    const have = await declared(pop.path)
    const cols = POPULATION_FIELDS.filter(([src]) => have.has(src)).map(([src, dst]) => `INFO/${dst}:=${src}`)
    if (cols.length) out.push({ kind: 'bcftools', path: pop.path, columns: cols.join(',') })
  }
  const cv = bundle.get('clinvar')
  if (cv) {
    const have = await declared(cv.path)
    const cols = CLINVAR_FIELDS.filter((f) => have.has(f)).map((f) => `INFO/${f}`)
    if (cols.length) out.push({ kind: 'bcftools', path: cv.path, columns: cols.join(',') })
  }
  const sc = bundle.get('scores')
  if (sc) {
    // the manifest names the columns: chrom, pos, ref, alt, then the scores
    const names = sc.columns ?? ['chrom', 'pos', 'ref', 'alt', ...SCORE_FIELDS.map((d) => d.id)]
    const role = (n: string, k: number) => (k < 4 ? ['CHROM', 'POS', 'REF', 'ALT'][k] : SCORE_FIELDS.some((d) => d.id === n) ? `INFO/${n}` : '-')
    const cols = names.map(role)
    if (cols.some((c) => c.startsWith('INFO/'))) out.push({ kind: 'bcftools', path: sc.path, columns: cols.join(','), defs: SCORE_FIELDS })
  }
  return out
}

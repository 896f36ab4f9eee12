// Coverage and sex from dropped .bai files, in the page: the library's readBamIndex (the index's
// per-window byte counts, parsed by the WASM core) with reference names and lengths from a .fai,
// inferSex, and the report's coverage figure (coverageSvg). No read data is needed.
import { readBamIndex } from '../../src/coverage/bam-index.js'
import { inferSex, type SexCall } from '../../src/coverage/sex.js'
import { coverageSvg } from '../../src/coverage/svg.js'

export interface CoverageView { individual: string; sex: SexCall; svg: string }

/** Individual id from an index file name: `NA12878.bam.bai` → `NA12878`. */
export function individualOf(name: string): string {
  return name.replace(/\.bai$/i, '').replace(/\.(bam|cram)$/i, '')
}

export async function coverageOf(bai: File, fai: Blob): Promise<CoverageView> {
  const r = await readBamIndex(bai, { fai })
  const sex = inferSex(r)
  return { individual: individualOf(bai.name), sex, svg: coverageSvg(r, sex) }
}

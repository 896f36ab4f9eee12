// Missense pathogenicity scores (REVEL, CADD_PHRED) for the survivors only. A genome-wide
// score table has millions of rows (4.3 M at the world's wgs scale, ~80 M for real REVEL),
// while a trio leaves a few hundred candidates after the frequency and consequence cuts, so
// the scores are read through the table's tabix index at those positions instead of being
// loaded whole into the join (which would cost seconds and hundreds of MB for nothing).
import { TabixIndexedFile } from '@gmod/tabix'
import { openSource, openSibling, type VcfInput } from '../source/source.js'
import type { GenericFilehandle } from 'generic-filehandle2'
import { paged } from '../source/paged.js'
import { alternateNames } from '../reference/fasta.js'
import { SourceError } from '../errors.js'

export interface ScoreValues { revel?: number; cadd?: number }

/** A score table: its bytes and its .csi/.tbi (a bundle file, or a path with the index beside it). */
export interface ScoreFile { input: VcfInput; path: string; indexInput?(kind: 'csi' | 'tbi'): VcfInput | undefined }

export class ScoreTable {
  private file?: TabixIndexedFile
  private names?: Set<string>
  private columns?: { revel: number; cadd: number }
  readonly path: string

  constructor(private readonly src: ScoreFile | string) {
    this.path = typeof src === 'string' ? src : src.path
  }

  private async open(): Promise<TabixIndexedFile> {
    const s: ScoreFile = typeof this.src === 'string' ? { input: this.src, path: this.src } : this.src
    const src = await openSource(s.input)
    const main = paged(src.handle!, src.location)
    const handle = async (kind: 'csi' | 'tbi'): Promise<GenericFilehandle | undefined> => {
      const given = s.indexInput?.(kind)
      if (given !== undefined) return (await openSource(given)).handle
      return typeof s.input === 'string' ? openSibling(s.input, `.${kind}`) : undefined
    }
    const csi = await handle('csi')
    const tbi = csi ? undefined : await handle('tbi')
    if (!csi && !tbi) throw new SourceError('the score table has no .tbi or .csi index (tabix -s1 -b2 -e2 makes one)', { file: this.path })
    return new TabixIndexedFile({ filehandle: main, ...(csi ? { csiFilehandle: csi } : { tbiFilehandle: tbi }) })
  }

  private async init(): Promise<void> {
    if (this.columns) return
    this.file = await this.open()
    const header = await this.file.getHeader()
    const last = header.trim().split('\n').filter((l) => l.startsWith('#')).pop() ?? ''
    const cols = last.replace(/^#/, '').split('\t').map((c) => c.trim().toUpperCase())
    this.columns = { revel: cols.indexOf('REVEL'), cadd: cols.findIndex((c) => c === 'CADD_PHRED' || c === 'PHRED' || c === 'CADD') }
    this.names = new Set(await this.file.getReferenceSequenceNames())
  }

  private contig(chrom: string): string | undefined {
    if (this.names!.has(chrom)) return chrom
    return alternateNames(chrom).find((n) => this.names!.has(n))
  }

  /** Scores of one allele (1-based position). */
  async lookup(chrom: string, pos: number, ref: string, alt: string): Promise<ScoreValues> {
    await this.init()
    const c = this.contig(chrom)
    const out: ScoreValues = {}
    if (c === undefined) return out
    const { revel, cadd } = this.columns!
    await this.file!.getLines(c, pos - 1, pos, (line: string) => {
      const f = line.split('\t')
      if (Number(f[1]) !== pos || f[2] !== ref || f[3] !== alt) return
      if (revel >= 0 && f[revel] !== '.' && f[revel] !== undefined) out.revel = Number(f[revel])
      if (cadd >= 0 && f[cadd] !== '.' && f[cadd] !== undefined) out.cadd = Number(f[cadd])
    })
    return out
  }
}

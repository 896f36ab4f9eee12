// Missense pathogenicity scores (REVEL, CADD_PHRED) for the survivors only. A genome-wide
// score table has millions of rows (4.3 M at the world's wgs scale, ~80 M for real REVEL),
// while a trio leaves a few hundred candidates after the frequency and consequence cuts, so
// the scores are read through the table's tabix index at those positions instead of being
// loaded whole into the join (which would cost seconds and hundreds of MB for nothing).
import { TabixIndexedFile } from '@gmod/tabix'
import { LocalFile } from 'generic-filehandle2'
import { existsSync } from 'node:fs'
import { alternateNames } from '../reference/fasta.js'

export interface ScoreValues { revel?: number; cadd?: number }

export class ScoreTable {
  private readonly file: TabixIndexedFile
  private names?: Set<string>
  private columns?: { revel: number; cadd: number }

  constructor(readonly path: string) {
    const csi = existsSync(path + '.csi')
    this.file = new TabixIndexedFile({
      filehandle: new LocalFile(path),
      ...(csi ? { csiFilehandle: new LocalFile(path + '.csi') } : { tbiFilehandle: new LocalFile(path + '.tbi') }),
    })
  }

  private async init(): Promise<void> {
    if (this.columns) return
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
    await this.file.getLines(c, pos - 1, pos, (line: string) => {
      const f = line.split('\t')
      if (Number(f[1]) !== pos || f[2] !== ref || f[3] !== alt) return
      if (revel >= 0 && f[revel] !== '.' && f[revel] !== undefined) out.revel = Number(f[revel])
      if (cadd >= 0 && f[cadd] !== '.' && f[cadd] !== undefined) out.cadd = Number(f[cadd])
    })
    return out
  }
}

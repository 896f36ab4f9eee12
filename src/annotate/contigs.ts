// Contig names with and without 'chr' (1 / chr1, MT / chrM) are reconciled automatically:
// a query contig the source lacks is looked up under its alternate names.
import { alternateNames } from '../reference/fasta.js'

export class ContigResolver {
  private readonly index = new Map<string, number>()
  private readonly cache = new Map<string, number>()
  /** Renamings applied (query name -> source name), each reported once. */
  readonly renamed = new Map<string, string>()

  constructor(sourceContigs: string[], private readonly onRename?: (from: string, to: string) => void) {
    sourceContigs.forEach((c, k) => this.index.set(c, k))
  }

  /** The source's index for a query contig name, or -1. */
  resolve(name: string): number {
    const hit = this.cache.get(name)
    if (hit !== undefined) return hit
    let k = this.index.get(name)
    if (k === undefined) {
      for (const alt of alternateNames(name)) {
        const a = this.index.get(alt)
        if (a !== undefined) {
          k = a
          this.renamed.set(name, alt)
          this.onRename?.(name, alt)
          break
        }
      }
    }
    const r = k ?? -1
    this.cache.set(name, r)
    return r
  }
}

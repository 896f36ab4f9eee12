// The filter+rank kernel of the web app: one pass over the store (rows in score order) keeps the rows
// that pass the current cut-offs, a second drops compound-het rows whose partner fell, and the
// first surviving row of each gene slot is that gene's best, so genes come out ranked with no
// sort. Only typed arrays are touched; buffers are reused between calls (no garbage per change).
import { MODES, type ColumnStore } from './columns.js'
import type { InheritanceMode } from '../../src/prioritise/model.js'

export interface FilterParams {
  /** Maximum popmax per mode; a mode left out (or negative) is switched off. */
  cutoffs: Partial<Record<InheritanceMode, number>>
  minGq: number
  minDp: number
  /** Gene slots to keep (1) when a panel restricts, else null (all genes). */
  panel: Uint8Array | null
  /** Consent related+secondary: show ACMG secondary findings. */
  secondary: boolean
}

export interface FilterView {
  /** Surviving rows, best first (a view into a reused buffer). */
  rows: Int32Array
  /** Ranked gene slots, best first; rank within family (secondary findings apart) in `rank`. */
  genes: Int32Array
  rank: Int32Array
  /** Best surviving row of each ranked gene (parallel to `genes`). */
  best: Int32Array
}

export class Refilter {
  private pass: Uint8Array
  private rowBuf: Int32Array
  private geneBuf: Int32Array
  private bestBuf: Int32Array
  private rankBuf: Int32Array
  private seen: Uint8Array
  private famCount: Int32Array
  private cut = new Float32Array(MODES.length)

  constructor(readonly store: ColumnStore) {
    this.pass = new Uint8Array(store.n)
    this.rowBuf = new Int32Array(store.n)
    const g = store.genes.length
    this.geneBuf = new Int32Array(g)
    this.bestBuf = new Int32Array(g)
    this.rankBuf = new Int32Array(g)
    this.seen = new Uint8Array(g)
    // secondary findings are ranked in their own list (as results.json keeps them), per family
    this.famCount = new Int32Array(2 * Math.max(1, store.families.length))
  }

  run(p: FilterParams): FilterView {
    const s = this.store
    const { popmax, modeBits, minGq, minDp, gene, pair, geneSecondary, geneFamily } = s
    const cut = this.cut
    let enabled = 0
    for (let m = 0; m < MODES.length; m++) {
      const c = p.cutoffs[MODES[m]]
      cut[m] = c === undefined ? -1 : c
      if (c !== undefined && c >= 0) enabled |= 1 << m
    }
    const panel = p.panel, showSecondary = p.secondary, gq = p.minGq, dp = p.minDp
    const pass = this.pass
    pass.fill(0)
    const n = s.n
    for (let i = 0; i < n; i++) {
      const bits = modeBits[i] & enabled
      if (bits === 0 || minGq[i] < gq || minDp[i] < dp) continue
      const g = gene[i]
      if ((panel !== null && panel[g] === 0) || (!showSecondary && geneSecondary[g] === 1)) continue
      const af = popmax[i]
      // a row passes when at least one of its modes still admits its frequency
      let ok = 0
      for (let m = 0, b = bits; b !== 0; m++, b >>= 1) if ((b & 1) === 1 && af <= cut[m]) { ok = 1; break }
      pass[i] = ok
    }
    const rows = this.rowBuf, genes = this.geneBuf, best = this.bestBuf, rank = this.rankBuf, seen = this.seen
    seen.fill(0)
    this.famCount.fill(0)
    let nr = 0, ng = 0
    for (let i = 0; i < n; i++) {
      if (pass[i] === 0) continue
      const q = pair[i]
      if (q >= 0 && pass[q] === 0) continue
      rows[nr++] = i
      const g = gene[i]
      if (seen[g] === 0) {
        seen[g] = 1
        genes[ng] = g
        best[ng] = i
        rank[ng] = ++this.famCount[2 * geneFamily[g] + geneSecondary[g]]
        ng++
      }
    }
    return { rows: rows.subarray(0, nr), genes: genes.subarray(0, ng), rank: rank.subarray(0, ng), best: best.subarray(0, ng) }
  }
}

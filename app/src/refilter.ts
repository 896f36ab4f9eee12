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
  private maxCut = new Float32Array(128)
  private geneOk: Uint8Array

  constructor(readonly store: ColumnStore) {
    this.pass = new Uint8Array(store.n)
    this.rowBuf = new Int32Array(store.n)
    const g = store.genes.length
    this.geneBuf = new Int32Array(g)
    this.bestBuf = new Int32Array(g)
    this.rankBuf = new Int32Array(g)
    this.seen = new Uint8Array(g)
    this.geneOk = new Uint8Array(g)
    // secondary findings are ranked in their own list (as results.json keeps them), per family
    this.famCount = new Int32Array(2 * Math.max(1, store.families.length))
  }

  run(p: FilterParams): FilterView {
    const s = this.store
    const { popmax, modeBits, minGq, minDp, gene, pair, geneSecondary, geneFamily } = s
    // "some compatible mode admits this popmax" is "popmax <= the largest cut-off among the
    // row's enabled modes": one lookup in a 128-entry table per row instead of a loop over modes
    const maxCut = this.maxCut
    for (let bits = 0; bits < 128; bits++) {
      let c = -1
      for (let m = 0; m < MODES.length; m++) {
        const v = p.cutoffs[MODES[m]]
        if ((bits >> m) & 1 && v !== undefined && v >= 0 && v > c) c = v
      }
      maxCut[bits] = c
    }
    // panel and consent are per gene: folded into one byte per gene slot
    const geneOk = this.geneOk
    for (let g = 0; g < geneOk.length; g++) {
      geneOk[g] = (p.panel === null || p.panel[g] !== 0) && (p.secondary || geneSecondary[g] === 0) ? 1 : 0
    }
    const gq = p.minGq, dp = p.minDp
    const pass = this.pass
    const n = s.n
    for (let i = 0; i < n; i++) {
      pass[i] = popmax[i] <= maxCut[modeBits[i]] && minGq[i] >= gq && minDp[i] >= dp && geneOk[gene[i]] === 1 ? 1 : 0
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

// The columnar store behind interactive re-filtering: one typed-array slot per annotated
// variant (row), one per (family, gene) "gene slot". Built once after a run; every re-filter
// then reads only these arrays (src/refilter.ts), so changing a cut-off never walks JS objects.
// Row details (HGVS, criteria, genotypes) stay in `detail(row)`, asked for only for the rows
// the virtualised table actually draws.
import type { AcmgClass, GeneResult, InheritanceMode, PrioritisationResult, RankedVariant } from '../../src/prioritise/model.js'

export const MODES: readonly InheritanceMode[] = [
  'de_novo', 'autosomal_dominant', 'autosomal_recessive_hom', 'compound_het',
  'x_linked_recessive', 'x_linked_dominant', 'mitochondrial',
]
export const CLASSES: readonly AcmgClass[] = ['pathogenic', 'likely_pathogenic', 'uncertain_significance', 'likely_benign', 'benign']

export interface GeneSlot { family: string; gene: string }

/** What the table shows for one row, built on demand. */
export interface RowDetail {
  family: string
  gene: string
  key: string
  mode: InheritanceMode
  /** The source object when the store was built from a run (absent for synthetic rows). */
  ranked?: RankedVariant
  geneResult?: GeneResult
  consequence: string
  hgvs: string
}

/** Rows are stored best score first (ties: input order): a front-to-back filter pass yields ranked output unsorted. */
export interface ColumnStore {
  n: number
  /** popmax AF; variants absent from the population file count as 0 (rare), as PM2 does. */
  popmax: Float32Array
  /** Bit i set: compatible with MODES[i]. */
  modeBits: Uint8Array
  /** Lowest GQ / DP over the family's sequenced members; +Infinity when the VCF gave none. */
  minGq: Float32Array
  minDp: Float32Array
  gene: Int32Array
  cls: Uint8Array
  /** The score this row gives its gene when it is the gene's best surviving row. */
  score: Float32Array
  /** Partner row of a compound-het pair (both must survive), else -1. */
  pair: Int32Array
  genes: GeneSlot[]
  /** Per gene slot: 1 when in the run's panel, 1 when an ACMG secondary finding; family index. */
  genePanel: Uint8Array
  geneSecondary: Uint8Array
  geneFamily: Int32Array
  families: string[]
  detail(row: number): RowDetail
}

/**
 * Row order by score, best first, stable (row index breaks ties): an LSD radix sort on the
 * float's bits (two 16-bit passes), O(n) and with no comparator call per pair.
 */
export function scoreOrder(score: Float32Array): Int32Array {
  const n = score.length
  const bits = new Uint32Array(score.buffer, score.byteOffset, n)
  const key = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    const u = bits[i]
    // IEEE order as unsigned: flip all bits of negatives, the sign bit of positives; then
    // invert so that the highest score sorts first
    key[i] = ~((u & 0x80000000) !== 0 ? ~u : (u | 0x80000000)) >>> 0
  }
  let src = new Int32Array(n), dst = new Int32Array(n)
  for (let i = 0; i < n; i++) src[i] = i
  const count = new Int32Array(65536)
  for (const shift of [0, 16]) {
    count.fill(0)
    for (let i = 0; i < n; i++) count[(key[i] >>> shift) & 0xffff]++
    for (let b = 0, sum = 0; b < 65536; b++) { const c = count[b]; count[b] = sum; sum += c }
    for (let k = 0; k < n; k++) { const i = src[k]; dst[count[(key[i] >>> shift) & 0xffff]++] = i }
    const t = src; src = dst; dst = t
  }
  return src
}

type Columns = ReturnType<typeof alloc>

/**
 * The row columns laid out in score order (row r of the result is row order[r] of the input),
 * so that the filter kernel reads every array front to back; pair links are remapped.
 */
export function inScoreOrder(c: Columns, n: number): { cols: Columns; order: Int32Array } {
  const order = scoreOrder(c.score.subarray(0, n))
  const inv = new Int32Array(n)
  for (let r = 0; r < n; r++) inv[order[r]] = r
  const out = alloc(n, 0)
  for (let r = 0; r < n; r++) {
    const i = order[r]
    out.popmax[r] = c.popmax[i]; out.modeBits[r] = c.modeBits[i]; out.minGq[r] = c.minGq[i]; out.minDp[r] = c.minDp[i]
    out.gene[r] = c.gene[i]; out.cls[r] = c.cls[i]; out.score[r] = c.score[i]
    out.pair[r] = c.pair[i] < 0 ? -1 : inv[c.pair[i]]
  }
  return { cols: { ...out, genePanel: c.genePanel, geneSecondary: c.geneSecondary, geneFamily: c.geneFamily }, order }
}

function minOf(values: (number | undefined)[]): number {
  let m = Infinity
  for (const v of values) if (v !== undefined && Number.isFinite(v) && v < m) m = v
  return m
}

/** The store of a finished run: every ranked variant of every visible gene (and secondary ones). */
export function storeFromResult(result: PrioritisationResult): ColumnStore {
  const families = result.case.families.map((f) => f.id)
  for (const g of [...result.genes, ...result.secondary]) if (!families.includes(g.family)) families.push(g.family)
  const genes: GeneSlot[] = []
  const sources: { g: GeneResult; secondary: boolean }[] = []
  const rows: { rv: RankedVariant; slot: number; g: GeneResult }[] = []
  for (const [list, secondary] of [[result.genes, false], [result.secondary, true]] as const) {
    for (const g of list) {
      const slot = genes.length
      genes.push({ family: g.family, gene: g.gene })
      sources.push({ g, secondary: secondary || g.secondary })
      for (const rv of g.variants) rows.push({ rv, slot, g })
    }
  }
  const n = rows.length
  const s = alloc(n, genes.length)
  const firstOfPair = new Map<string, number>()
  rows.forEach(({ rv, slot, g }, i) => {
    const v = rv.candidate.variant
    s.popmax[i] = v.popmax ?? 0
    s.modeBits[i] = 1 << MODES.indexOf(rv.mode)
    const called = rv.candidate.genotypes.filter((x) => x.altCopies >= 0 || x.gq !== undefined)
    s.minGq[i] = minOf(called.map((x) => x.gq))
    s.minDp[i] = minOf(called.map((x) => x.dp))
    s.gene[i] = slot
    s.cls[i] = CLASSES.indexOf(rv.classification.class)
    // the gene's score is what the ranking gave it with this variant (or pair) as its best
    s.score[i] = g.score
    s.pair[i] = -1
    if (rv.mode === 'compound_het' && g.variants.length === 2) {
      const k = `${slot}`
      const other = firstOfPair.get(k)
      if (other === undefined) firstOfPair.set(k, i)
      else { s.pair[i] = other; s.pair[other] = i }
    }
  })
  sources.forEach(({ g, secondary }, slot) => {
    s.genePanel[slot] = g.panel ? 1 : 0
    s.geneSecondary[slot] = secondary ? 1 : 0
    s.geneFamily[slot] = families.indexOf(g.family)
  })
  const { cols, order } = inScoreOrder(s, n)
  return {
    ...cols, n, genes, families,
    detail(row) {
      const { rv, g } = rows[order[row]]
      const v = rv.candidate.variant
      return {
        family: g.family, gene: g.gene, key: v.key, mode: rv.mode, ranked: rv, geneResult: g,
        consequence: v.consequence[0] ?? '', hgvs: [v.hgvsc, v.hgvsp].filter(Boolean).join(' '),
      }
    },
  }
}

export function alloc(n: number, nGenes: number) {
  return {
    popmax: new Float32Array(n), modeBits: new Uint8Array(n), minGq: new Float32Array(n), minDp: new Float32Array(n),
    gene: new Int32Array(n), cls: new Uint8Array(n), score: new Float32Array(n), pair: new Int32Array(n),
    genePanel: new Uint8Array(nGenes), geneSecondary: new Uint8Array(nGenes), geneFamily: new Int32Array(nGenes),
  }
}

// Population frequencies and ClinVar assertions for the records that survived the target cut,
// through the annotate engine's WASM merge-join (src/annotate/join.ts). The core holds one
// table at a time, so the two sources are merged into one table (rows keep their origin by
// which fields they carry) with bare contig names; one `annoJoin` call per batch returns the
// matching rows, and values are read as numbers only for the kept records that matched.
// ClinVar is read whole (its P/LP sites become targets); the population file, given the
// targets, only where they are (population-targets.ts).
import { tableFromReader } from '../annotate/source-vcf.js'
import { JoinMode, WasmJoin } from '../annotate/join.js'
import { TextColumnBuilder, type AnnotationTable, type TableField, type TextColumn } from '../annotate/table.js'
import type { RecordBatch } from '../batch/batch.js'
import type { ClinVarAssertion } from './model.js'
import { bareContig, type TargetRegions } from './targets.js'
import { loadPopulationTable, type PopulationFile } from './population-targets.js'
import { VcfReader } from '../reader/reader.js'
import { inputLabel, type VcfInput } from '../source/source.js'

/** Population fields read, in order of preference for popmax. */
export const POPULATION_FIELDS = ['AF_grpmax', 'AF', 'nhomalt'] as const
export const CLINVAR_FIELDS = ['CLNSIG', 'CLNREVSTAT'] as const

/** P, LP or P/LP as the first (primary) significance; conflicting and risk factors are not. */
export function clinvarPathogenic(clnsig: string): boolean {
  const first = clnsig.split(/[|,]/)[0]
  return first === 'Pathogenic' || first === 'Likely_pathogenic' || first === 'Pathogenic/Likely_pathogenic'
}

/**
 * Per ALT allele of every record of a batch: `alt[i]` is the index of record i's first allele
 * in the value arrays (CSR over the batch's ALT alleles). NaN / -1 mean "no value".
 */
export interface BatchAnnotations {
  altStart: Int32Array
  popmax: Float64Array
  af: Float64Array
  nhomalt: Int32Array
  /** Row of the ClinVar record matched (-1 none) and whether it is P/LP. */
  clinvarRow: Int32Array
  clinvarPathogenic: Uint8Array
}

/** A bundle file: where its bytes are, what messages call it, and its index, if any. */
type FileRef = PopulationFile
function fileRef(x: VcfInput | FileRef | undefined): FileRef | undefined {
  if (x === undefined) return undefined
  if (typeof x === 'object' && 'input' in x && 'path' in x) return x
  return { input: x as VcfInput, path: inputLabel(x as VcfInput) }
}

/** The ClinVar VCF as a table (the whole file: it is small, and its P/LP sites make targets). */
export async function loadClinVarTable(clinvar: VcfInput | FileRef): Promise<AnnotationTable> {
  const reader = await VcfReader.open(fileRef(clinvar)!.input)
  return tableFromReader(reader, CLINVAR_FIELDS.filter((f) => reader.header.info.has(f)), { id: true })
}

/** P/LP sites of a ClinVar table (bare contig names), to keep them through the target cut. */
export function clinvarPathogenicSites(table: AnnotationTable): Array<{ chrom: string; pos: number; len: number }> {
  const sig = table.fields.get('CLNSIG')?.values
  const out: Array<{ chrom: string; pos: number; len: number }> = []
  if (!sig) return out
  for (let r = 0; r < table.pos.length; r++) {
    const v = sig.get(r)
    if (v !== undefined && clinvarPathogenic(v)) out.push({ chrom: bareContig(table.contigs[table.chrom[r]]), pos: table.pos[r], len: table.ref.ends[r] - table.ref.start(r) })
  }
  return out
}

export interface PopulationLoadOptions {
  /**
   * Load only the population records overlapping these targets (through the file's index),
   * which are all that annotating targeted records can match. Build them with the ClinVar P/LP
   * sites first (TargetRegions.build(model, clinvarPathogenicSites(...))).
   */
  targets?: TargetRegions
  /** Where the no-index warning goes. */
  onWarning?: (message: string) => void
}

/** Merges tables (each sorted by contig, position) into one, with bare contig names. */
export function mergeTables(tables: AnnotationTable[], label: string): AnnotationTable {
  const contigs: string[] = []
  const cIndex = new Map<string, number>()
  const maps = tables.map((t) => t.contigs.map((c) => {
    const b = bareContig(c)
    let k = cIndex.get(b)
    if (k === undefined) { k = contigs.length; contigs.push(b); cIndex.set(b, k) }
    return k
  }))
  // row order: contig (merged index), position, then table order: a k-way merge of sorted runs
  const total = tables.reduce((a, t) => a + t.pos.length, 0)
  const src = new Int32Array(total), row = new Int32Array(total)
  const keys: Array<{ c: number; p: number; t: number; r: number }> = []
  for (let t = 0; t < tables.length; t++) {
    const tab = tables[t]
    for (let r = 0; r < tab.pos.length; r++) keys.push({ c: maps[t][tab.chrom[r]], p: tab.pos[r], t, r })
  }
  keys.sort((a, b) => a.c - b.c || a.p - b.p || a.t - b.t || a.r - b.r)
  keys.forEach((k, n) => { src[n] = k.t; row[n] = k.r })
  const chrom = Int32Array.from(keys, (k) => k.c), pos = Int32Array.from(keys, (k) => k.p)
  const gather = (col: (t: AnnotationTable) => TextColumn | undefined): TextColumn => {
    const b = new TextColumnBuilder(1 << 16, total)
    for (let n = 0; n < total; n++) {
      const c = col(tables[src[n]])
      if (!c || !c.has(row[n])) b.pushAbsent()
      else b.push(c.data, c.start(row[n]), c.ends[row[n]])
    }
    return b.finish()
  }
  const fields = new Map<string, TableField>()
  for (const t of tables) {
    for (const [name, f] of t.fields) {
      if (!fields.has(name)) fields.set(name, { ...f, values: gather((x) => x.fields.get(name)?.values) })
    }
  }
  return { contigs, chrom, pos, ref: gather((t) => t.ref), alt: gather((t) => t.alt), id: gather((t) => t.id), fields, label }
}

export class PopulationAnnotator {
  private join?: WasmJoin
  private readonly popmaxF: TextColumn[] = []
  private readonly afF?: TextColumn
  private readonly nhomF?: TextColumn
  private readonly clnsig?: TextColumn
  private readonly pathogenicRow: Uint8Array

  private constructor(readonly table: AnnotationTable) {
    const f = (n: string) => table.fields.get(n)?.values
    for (const n of ['AF_grpmax', 'AF']) { const c = f(n); if (c) this.popmaxF.push(c) }
    this.afF = f('AF')
    this.nhomF = f('nhomalt')
    this.clnsig = f('CLNSIG')
    this.pathogenicRow = new Uint8Array(table.pos.length)
    if (this.clnsig) for (let r = 0; r < table.pos.length; r++) {
      const v = this.clnsig.get(r)
      if (v !== undefined && clinvarPathogenic(v)) this.pathogenicRow[r] = 1
    }
  }

  /** Loads the population and ClinVar VCFs (either may be absent); ClinVar whole, the population maybe restricted to targets. */
  static async load(population: VcfInput | FileRef | undefined, clinvar: VcfInput | FileRef | undefined, opts: PopulationLoadOptions = {}): Promise<PopulationAnnotator> {
    const p = fileRef(population), c = fileRef(clinvar)
    const clinvarTable = c ? await loadClinVarTable(c) : undefined
    const populationTable = p ? await loadPopulationTable(p, POPULATION_FIELDS, opts.targets, opts) : undefined
    return PopulationAnnotator.fromTables(populationTable, clinvarTable, [p?.path, c?.path].filter(Boolean).join(' + '))
  }

  /** One join table of a population table and a ClinVar table (either may be absent). */
  static fromTables(population: AnnotationTable | undefined, clinvar: AnnotationTable | undefined, label: string): PopulationAnnotator {
    return new PopulationAnnotator(mergeTables([population, clinvar].filter((t): t is AnnotationTable => t !== undefined), label))
  }

  static fromTable(table: AnnotationTable): PopulationAnnotator { return new PopulationAnnotator(table) }

  /** ClinVar P/LP sites (bare contig names), to keep them through the target cut. */
  pathogenicSites(): Array<{ chrom: string; pos: number; len: number }> {
    const out: Array<{ chrom: string; pos: number; len: number }> = []
    const t = this.table
    for (let r = 0; r < t.pos.length; r++) {
      if (this.pathogenicRow[r]) out.push({ chrom: t.contigs[t.chrom[r]], pos: t.pos[r], len: t.ref.ends[r] - t.ref.start(r) })
    }
    return out
  }

  /** Binds to the reader's WASM core (loads the join keys); once per reader. */
  bind(batch: RecordBatch): void {
    if (this.join && this.join.core === batch.core) return
    this.join = new WasmJoin(batch.core, this.table)
    this.join.rewind()
  }

  /** Values for the ALT alleles of the records with mask[i] = 1. */
  annotate(batch: RecordBatch, mask: Uint8Array): BatchAnnotations {
    this.bind(batch)
    const n = batch.n, nAllele = batch.nAllele
    const altStart = new Int32Array(n + 1)
    let any = false
    for (let i = 0; i < n; i++) { altStart[i + 1] = altStart[i] + Math.max(nAllele[i] - 1, 1); if (mask[i]) any = true }
    const m = altStart[n]
    const popmax = new Float64Array(m).fill(NaN), af = new Float64Array(m).fill(NaN)
    const nhomalt = new Int32Array(m).fill(-1), clinvarRow = new Int32Array(m).fill(-1)
    const clinvarPath = new Uint8Array(m)
    // most batches of a genome touch no target: no join at all then (the merge cursor only
    // moves forward, so skipping batches of sorted input loses nothing)
    if (!any) return { altStart, popmax, af, nhomalt, clinvarRow, clinvarPathogenic: clinvarPath }
    const { off, rows } = this.join!.join(batch, JoinMode.ALL)
    const t = this.table
    for (let i = 0; i < n; i++) {
      if (!mask[i] || off[i] === off[i + 1]) continue
      const nAlt = altStart[i + 1] - altStart[i]
      const qAlts = batch.alt(i).split(',')
      for (let k = off[i]; k < off[i + 1]; k++) {
        const r = rows[k]
        const rAlts = t.alt.get(r)!.split(',')
        for (let a = 0; a < nAlt; a++) {
          const j = rAlts.indexOf(qAlts[a])
          if (j < 0) continue
          const slot = altStart[i] + a
          if (this.popmaxF.length && Number.isNaN(popmax[slot])) {
            for (const c of this.popmaxF) {
              const v = numberAt(c, r, j)
              if (!Number.isNaN(v)) { popmax[slot] = v; break }
            }
          }
          if (this.afF && Number.isNaN(af[slot])) af[slot] = numberAt(this.afF, r, j)
          if (this.nhomF && nhomalt[slot] < 0) { const v = numberAt(this.nhomF, r, j); if (!Number.isNaN(v)) nhomalt[slot] = v }
          if (this.clnsig?.has(r) && clinvarRow[slot] < 0) { clinvarRow[slot] = r; clinvarPath[slot] = this.pathogenicRow[r] }
        }
      }
    }
    return { altStart, popmax, af, nhomalt, clinvarRow, clinvarPathogenic: clinvarPath }
  }

  /** The ClinVar assertion of a table row (for the few candidates that have one). */
  assertion(row: number): ClinVarAssertion {
    const t = this.table
    const sig = this.clnsig!.get(row) ?? ''
    const rev = t.fields.get('CLNREVSTAT')?.values.get(row)
    const id = t.id?.get(row)
    return { significance: sig, reviewStatus: rev, id: id && id !== '.' ? id : undefined, pathogenic: this.pathogenicRow[row] === 1 }
  }
}

/** Element j of a Number=A value (NaN when absent or '.'). */
function numberAt(c: TextColumn, r: number, j: number): number {
  const v = c.get(r)
  if (v === undefined) return NaN
  const x = j === 0 && v.indexOf(',') < 0 ? v : v.split(',')[j]
  if (x === undefined || x === '.' || x === '') return NaN
  return Number(x)
}

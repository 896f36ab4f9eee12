// bcftools annotate semantics: -a VCF (pairing by CHROM, POS, REF and ALT; Number=A/R values
// moved to the query's alleles; NEW:=OLD; +TAG fills only missing values; ID), and -a tab or
// BED files with a -c column list (intervals CHROM,FROM,TO or sites CHROM,POS[,REF,ALT]).
import { UsageError } from '../errors.js'
import { kputd } from '../format/numbers.js'
import type { RecordBatch } from '../batch/batch.js'
import type { WasmCore } from '../wasm/core.js'
import type { VcfHeader, TagDef } from '../header/header.js'
import type { InfoDeclaration } from '../sink/info-append.js'
import type { Annotator } from './annotator.js'
import { editOf, infoValue, type BatchEdits } from './edits.js'
import { JoinMode, WasmJoin } from './join.js'
import { alleles, TextColumn, type AnnotationTable, type TableField } from './table.js'
import type { ColumnSpec } from './columns.js'
import { ContigResolver } from './contigs.js'
import { canonicalFloat } from './source-vcf.js'
import { IntervalIndex, type TabRows } from './tab.js'

/** True when a value is absent or every element is missing ('.'). */
export function allMissing(v: string | null | undefined): boolean {
  if (v === undefined) return true
  if (v === null) return false
  return v.split(',').every((x) => x === '.' || x === '')
}

/**
 * bcftools' setter_ARinfo_*: per-allele values (Number=A or R) of the paired source record
 * moved to the query's alleles. Alleles the source lacks keep the query's existing value
 * when it has one per allele (else '.'); with `fillMissing` (+TAG) existing non-missing
 * values are kept. `existing` is the query's current value, read as bcftools reads it
 * (undefined when absent or of another type).
 */
export function mapAlleles(value: string, number: string, srcAlt: string, qAlt: string, existing: string | undefined,
  fillMissing: boolean, isString = false): string {
  const vals = value.split(',')
  const src = alleles(srcAlt)
  const q = alleles(qAlt)
  const dstAlleles = number === 'R' ? ['\u0000ref', ...q] : q
  const srcAlleles = number === 'R' ? ['\u0000ref', ...src] : src
  const ndst = dstAlleles.length
  let cur = existing === undefined ? [] : existing.split(',')
  if (isString && (existing === undefined || existing === '.')) cur = new Array(ndst).fill('.')
  const out: string[] = []
  for (let i = 0; i < ndst; i++) {
    const k = srcAlleles.indexOf(dstAlleles[i])
    if (k < 0) { out.push(cur.length >= ndst || isString ? cur[i] ?? '.' : '.'); continue }
    if (fillMissing && cur.length === ndst && cur[i] !== '.' && cur[i] !== undefined) { out.push(cur[i]); continue }
    out.push(vals[k] ?? '.')
  }
  return out.join(',')
}

function declFor(dst: string, def: { number: string; type: string; description?: string }): InfoDeclaration {
  return { id: dst, number: def.number, type: def.type as InfoDeclaration['type'], description: def.description ?? '' }
}

/** -a VCF (or a store) with -c INFO tags / ID. */
export class VcfPairAnnotator implements Annotator {
  private join?: WasmJoin
  private readonly infoSpecs: ColumnSpec[]
  private readonly idSpec?: ColumnSpec
  readonly label: string

  constructor(readonly table: AnnotationTable, specs: ColumnSpec[]) {
    this.label = table.label
    this.infoSpecs = specs.filter((s) => s.role === 'INFO')
    this.idSpec = specs.find((s) => s.role === 'ID')
    for (const s of specs) {
      if (s.role !== 'INFO' && s.role !== 'ID') throw new UsageError(`-c ${s.role}: with a VCF annotation source, -c names INFO tags and ID only`)
      if (s.role === 'INFO' && !table.fields.has(s.src!)) throw new UsageError(`${table.label}: no INFO/${s.src} in the annotation source`)
    }
    if (this.idSpec && !table.id) throw new UsageError(`${table.label}: IDs were not loaded`)
  }

  private header?: VcfHeader

  declarations(header: VcfHeader): InfoDeclaration[] {
    this.header = header
    return this.infoSpecs.filter((s) => !header.info.has(s.dst!)).map((s) => declFor(s.dst!, this.table.fields.get(s.src!)!))
  }

  bind(core: WasmCore, onRename: (from: string, to: string) => void): void {
    this.join = new WasmJoin(core, this.table, onRename)
    this.join.rewind()
  }

  rewind(): void { this.join?.rewind() }

  annotate(b: RecordBatch, edits: BatchEdits): RecordBatch {
    const { off, rows, exact, batch } = this.join!.join(b, JoinMode.PAIR)
    const fields = this.infoSpecs.map((s) => this.table.fields.get(s.src!)!)
    for (const i of batch.indices()) {
      if (off[i] === off[i + 1]) continue
      const r = rows[off[i]]
      let info: string | undefined
      for (let k = 0; k < fields.length; k++) {
        const spec = this.infoSpecs[k], f = fields[k]
        let v = f.values.get(r)
        if (f.type === 'Flag') {
          // bcftools sets the flag as the paired record has it: absent removes it
          if (v !== undefined) editOf(edits, i).set(spec.dst!, null)
          else { info ??= batch.infoText(i); if (infoValue(info, spec.dst!) !== undefined) editOf(edits, i).remove(spec.dst!) }
          continue
        }
        if (v === undefined) continue
        if (f.type === 'Float') v = canonicalFloat(v)
        if (f.number === 'A' || f.number === 'R') {
          // the query's own values matter for alleles the source lacks and for +TAG
          if (!exact[i] || spec.fillMissing) {
            info ??= batch.infoText(i)
            const def = this.header?.info.get(spec.dst!)
            // bcftools reads them with the getter of the source's type: another type reads as absent
            const cur = def && (def.type === f.type || (f.type === 'String' && def.type === 'String')) && f.type !== 'Integer' ? infoValue(info, spec.dst!) : undefined
            const existing = cur === null || cur === undefined ? undefined : f.type === 'Float' ? canonicalFloat(cur) : cur
            v = mapAlleles(v, f.number, this.table.alt.get(r)!, batch.alt(i), existing, spec.fillMissing, f.type === 'String')
          }
        } else if (spec.fillMissing) {
          info ??= batch.infoText(i)
          const cur = infoValue(info, spec.dst!)
          if (cur !== undefined && cur !== null && cur.split(',')[0] !== '.') continue
        }
        editOf(edits, i).set(spec.dst!, v)
      }
      if (this.idSpec) {
        const id = this.table.id!.get(r)!
        if (id !== '.' && !(this.idSpec.fillMissing && batch.id(i) !== '.')) editOf(edits, i).id = id
      }
    }
    return batch
  }
}

/** Formats a tab column's text as its declared type prints in VCF. */
export function formatTyped(v: string, type: string): string {
  if (v === '.' || v === '') return '.'
  if (type === 'Float') {
    return v.split(',').map((x) => {
      if (x === '.') return '.'
      const d = Number(x)
      return Number.isNaN(d) ? x : kputd(Math.fround(d))
    }).join(',')
  }
  if (type === 'Integer') return v.split(',').map((x) => (x === '.' ? '.' : String(Math.trunc(Number(x))))).join(',')
  return v
}

/** -a tab/BED file with a -c column list. */
export class TabAnnotator implements Annotator {
  private readonly intervals?: IntervalIndex
  private join?: WasmJoin
  private resolver?: ContigResolver
  private map: number[] = []
  private readonly table?: AnnotationTable
  private readonly targets: { spec: ColumnSpec; col: number; def?: TagDef }[] = []
  readonly label: string

  /** `defs`: declarations of the tags written (from the query header and -h lines). */
  constructor(readonly rows: TabRows, readonly specs: ColumnSpec[], defs: Map<string, TagDef>, readonly bed: boolean) {
    this.label = rows.label
    const col = (role: string) => specs.findIndex((s) => s.role === role)
    const refCol = col('REF'), altCol = col('ALT')
    specs.forEach((s, k) => {
      if (s.role === 'INFO' || s.role === 'ID') {
        const def = s.role === 'INFO' ? defs.get(s.dst!) : undefined
        if (s.role === 'INFO' && !def) throw new UsageError(`the tag "${s.dst}" is not defined in the VCF header; give its ##INFO line with -h/-H`)
        this.targets.push({ spec: s, col: k, def })
      }
    })
    if (refCol >= 0 && altCol >= 0) {
      const fields = new Map<string, TableField>()
      this.table = {
        contigs: rows.contigs, chrom: rows.chrom, pos: rows.start,
        ref: TextColumn.fromStrings(rows.cols.map((c) => c[refCol])), alt: TextColumn.fromStrings(rows.cols.map((c) => c[altCol])),
        fields, label: rows.label,
      }
    } else this.intervals = new IntervalIndex(rows)
  }

  declarations(header: VcfHeader): InfoDeclaration[] {
    return this.targets.filter((t) => t.def && !header.info.has(t.spec.dst!)).map((t) => declFor(t.spec.dst!, t.def!))
  }

  bind(core: WasmCore, onRename: (from: string, to: string) => void): void {
    if (this.table) { this.join = new WasmJoin(core, this.table, onRename); this.join.rewind() }
    this.resolver = new ContigResolver(this.rows.contigs, onRename)
  }

  rewind(): void { this.join?.rewind() }

  annotate(b: RecordBatch, edits: BatchEdits): RecordBatch {
    let batch = b
    let off: Int32Array | undefined, matches: Int32Array | undefined
    if (this.join) ({ off, rows: matches, batch } = this.join.join(b, JoinMode.ALL))
    const names = batch.core.contigs()
    for (let c = this.map.length; c < names.length; c++) this.map[c] = this.resolver!.resolve(names[c])
    for (const i of batch.indices()) {
      let r: number
      if (off) {
        if (off[i] === off[i + 1]) continue
        r = matches![off[i]]
      } else {
        const pos = batch.pos[i]
        const hits = this.intervals!.overlaps(this.map[batch.chromId[i]], pos, pos + Math.max(batch.rlen[i], 1) - 1)
        if (hits.length === 0) continue
        r = hits[0]
      }
      const cols = this.rows.cols[r]
      let info: string | undefined
      for (const t of this.targets) {
        const raw = cols[t.col]
        if (raw === undefined) continue
        if (t.spec.role === 'ID') {
          if (raw !== '.' && raw !== '' && !(t.spec.fillMissing && batch.id(i) !== '.')) editOf(edits, i).id = raw
          continue
        }
        if (raw === '.' || raw === '') continue
        if (t.spec.fillMissing) {
          info ??= batch.infoText(i)
          if (!allMissing(infoValue(info, t.spec.dst!))) continue
        }
        if (t.def!.type === 'Flag') { editOf(edits, i).set(t.spec.dst!, null); continue }
        editOf(edits, i).set(t.spec.dst!, formatTyped(raw, t.def!.type))
      }
    }
    return batch
  }
}

// A VCF annotation source read into a table: the fields asked for, as VCF text per record.
// The file is read with our own reader (WASM parse, INFO values located by the core); values
// are kept as written (raw text): bcftools-style output formats Float values as htslib
// prints them (canonicalFloat), vcfanno-style output as vcfgo does.
import { VcfReader, type ReaderOptions } from '../reader/reader.js'
import type { RecordBatch } from '../batch/batch.js'
import { Col, type WasmCore } from '../wasm/core.js'

const B_RANGES = 15
import { kputd } from '../format/numbers.js'
import type { VcfInput } from '../source/source.js'
import { UsageError } from '../errors.js'
import { sortTable, TextColumnBuilder, type AnnotationTable, type TableField } from './table.js'
import type { Region } from '../region/region.js'

/** Writes INFO key names for annoInfoRanges (names back to back, then their i32 end offsets); returns the names' length. */
export function putKeys(core: WasmCore, keys: Uint8Array[]): number {
  const keysLen = keys.reduce((a, k) => a + k.length, 0)
  const out = new Uint8Array(keysLen + 4 * keys.length)
  const ends = new Int32Array(keys.length)
  let o = 0
  keys.forEach((k, j) => { out.set(k, o); o += k.length; ends[j] = o })
  out.set(new Uint8Array(ends.buffer), keysLen)
  core.annoPutBytes(out)
  return keysLen
}

/** Value ranges of INFO keys in each record of the batch (annoInfoRanges), copied out: n x keys x [start, end), -1 when absent. */
export function infoRanges(b: RecordBatch, keys: Uint8Array[]): Int32Array {
  const core = b.core
  const keysLen = putKeys(core, keys)
  core.annoInfoRanges(b.n, keys.length, keysLen)
  return core.i32(core.annoPtr(B_RANGES), b.n * keys.length * 2).slice()
}

export interface VcfSourceOptions extends ReaderOptions {
  /** Keep the ID column (for -c ID). */
  id?: boolean
  onProgress?: (done: number, total: number | undefined) => void
}

/**
 * A Float value as htslib prints it (f32, kputd), from the source's text. Short plain
 * decimals are already in that form and are returned as they are.
 */
export function canonicalFloat(text: string): string {
  if (PLAIN.test(text)) return text
  return text.split(',').map((x) => {
    if (x === '.' || PLAIN.test(x)) return x
    const d = Number(x)
    return Number.isNaN(d) ? x : kputd(Math.fround(d))
  }).join(',')
}
// up to 6 significant digits, no exponent, no trailing fraction zeros, within kputd's plain range
const PLAIN = /^-?(?:[1-9]\d{0,5}|0\.0{0,3}[1-9](?:\d{0,4}[1-9])?|(?=[\d.]{1,7}$)[1-9]\d{0,4}\.\d*[1-9])$/

const enc = new TextEncoder()

/** Reads `fields` (INFO tags) of a VCF source into a table (sorted by contig, position). */
export async function loadVcfSource(input: VcfInput, fields: string[], opts: VcfSourceOptions = {}): Promise<AnnotationTable> {
  return tableFromReader(await VcfReader.open(input, { ...opts, onProgress: opts.onProgress }), fields, opts)
}

export interface TableReadOptions {
  id?: boolean
  /** Only the records overlapping these regions, through the reader's index (each once). */
  regions?: Region[]
  /** Of the records read, only those with keep(batch)[i] = 1. */
  keep?: (batch: RecordBatch) => Uint8Array
}

/** Reads `fields` of an opened reader's records (whole file, or `regions`) into a sorted table. */
export async function tableFromReader(reader: VcfReader, fields: string[], opts: TableReadOptions = {}): Promise<AnnotationTable> {
  const label = reader.file
  for (const f of fields) {
    if (!reader.header.info.has(f)) throw new UsageError(`${label}: the annotation source has no INFO/${f} declared in its header`)
  }
  const keyBytes = fields.map((f) => enc.encode(f))
  const contigs: string[] = []
  const contigIndex = new Map<string, number>()
  let chrom = new Int32Array(1 << 16), pos = new Int32Array(1 << 16)
  let n = 0
  const ref = new TextColumnBuilder(1 << 20, 1 << 16), alt = new TextColumnBuilder(1 << 20, 1 << 16)
  const id = opts.id ? new TextColumnBuilder(1 << 20, 1 << 16) : undefined
  const values = fields.map(() => new TextColumnBuilder(1 << 20, 1 << 16))
  // an empty region list means nothing to read (to the reader it means the whole file)
  const batches = opts.regions === undefined ? reader.batches() : opts.regions.length ? reader.batches({ regions: opts.regions }) : noBatches()
  for await (const b of batches) {
    // first the core calls (they may grow memory), then local views of the batch
    const ranges = fields.length > 0 ? infoRanges(b, keyBytes) : undefined
    const sel = b.selected, keep = opts.keep?.(b)
    const names = b.core.contigs()
    if (n + b.n > chrom.length) {
      let c = chrom.length * 2
      while (c < n + b.n) c *= 2
      const c2 = new Int32Array(c); c2.set(chrom); chrom = c2
      const p2 = new Int32Array(c); p2.set(pos); pos = p2
    }
    const bytes = b.bytes
    const refS = b.col(Col.REF_START), refE = b.col(Col.REF_END), altS = b.col(Col.ALT_START), altE = b.col(Col.ALT_END)
    const idS = b.col(Col.ID_START), idE = b.col(Col.ID_END)
    let lastId = -1, lastC = -1
    for (let i = 0; i < b.n; i++) {
      if ((sel && !sel[i]) || (keep && !keep[i])) continue
      const cid = b.chromId[i]
      if (cid !== lastId) {
        const name = names[cid]
        let c = contigIndex.get(name)
        if (c === undefined) { c = contigs.length; contigs.push(name); contigIndex.set(name, c) }
        lastId = cid; lastC = c
      }
      chrom[n] = lastC
      pos[n] = b.pos[i]
      n++
      ref.push(bytes, refS[i], refE[i])
      alt.push(bytes, altS[i], altE[i])
      if (id) id.push(bytes, idS[i], idE[i])
      if (ranges) {
        const base = i * fields.length * 2
        for (let k = 0; k < fields.length; k++) {
          const vs = ranges[base + 2 * k]
          if (vs < 0) values[k].pushAbsent()
          else values[k].push(bytes, vs, ranges[base + 2 * k + 1])
        }
      }
    }
  }
  const fieldMap = new Map<string, TableField>()
  fields.forEach((f, k) => {
    const def = reader.header.info.get(f)!
    fieldMap.set(f, {
      name: f, number: def.number, type: (def.type ?? 'String') as TableField['type'],
      description: def.description ?? '', values: values[k].finish(),
    })
  })
  return sortTable({
    contigs, chrom: chrom.slice(0, n), pos: pos.slice(0, n), ref: ref.finish(), alt: alt.finish(),
    id: id?.finish(), fields: fieldMap, label,
  })
}

async function* noBatches(): AsyncGenerator<RecordBatch> {}

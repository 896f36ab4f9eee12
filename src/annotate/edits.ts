// What annotators produce for a record, and how a record's line is rewritten with it: a
// tag that exists is replaced where it stands (as bcftools does), new tags are appended in
// the order they were set, the ID column may be replaced. Unedited lines are copied as bytes.
import { Col } from '../wasm/core.js'
import type { RecordBatch } from '../batch/batch.js'
import { infoRanges } from './source-vcf.js'

/** INFO entries to set on one record: value text, null for a flag, undefined to remove the key. */
export class RecordEdit {
  readonly info = new Map<string, string | null | undefined>()
  id?: string
  set(key: string, value: string | null): void { this.info.set(key, value) }
  remove(key: string): void { this.info.set(key, undefined) }
}

/** Per-batch edits, by record index. */
export type BatchEdits = (RecordEdit | undefined)[]

export function editOf(edits: BatchEdits, i: number): RecordEdit {
  let e = edits[i]
  if (!e) { e = new RecordEdit(); edits[i] = e }
  return e
}

/** INFO text with the edit applied. */
export function editInfo(info: string, e: RecordEdit): string {
  if (e.info.size === 0) return info
  const parts = info === '.' || info === '' ? [] : info.split(';')
  const done = new Set<string>()
  for (let k = 0; k < parts.length; k++) {
    const eq = parts[k].indexOf('=')
    const key = eq < 0 ? parts[k] : parts[k].slice(0, eq)
    if (!e.info.has(key)) continue
    if (done.has(key)) { parts[k] = ''; continue }
    const v = e.info.get(key)
    parts[k] = v === undefined ? '' : v === null ? key : `${key}=${v}`
    done.add(key)
  }
  for (const [key, v] of e.info) if (!done.has(key) && v !== undefined) parts.push(v === null ? key : `${key}=${v}`)
  const out = parts.filter((p) => p !== '')
  return out.length === 0 ? '.' : out.join(';')
}

/** The value of an INFO key in INFO text: undefined when absent, null for a flag. */
export function infoValue(info: string, key: string): string | null | undefined {
  if (info === '.' || info === '') return undefined
  let s = 0
  while (s <= info.length) {
    let e = info.indexOf(';', s)
    if (e < 0) e = info.length
    const eq = info.indexOf('=', s)
    if (eq >= 0 && eq < e) {
      if (eq - s === key.length && info.startsWith(key, s)) return info.slice(eq + 1, e)
    } else if (e - s === key.length && info.startsWith(key, s)) return null
    s = e + 1
  }
  return undefined
}

/** A growable byte buffer for output lines. */
export class LineBuffer {
  private buf = new Uint8Array(1 << 20)
  private o = 0
  private readonly enc = new TextEncoder()
  private room(n: number) {
    if (this.o + n <= this.buf.length) return
    let c = this.buf.length * 2
    while (c < this.o + n) c *= 2
    const nb = new Uint8Array(c)
    nb.set(this.buf.subarray(0, this.o))
    this.buf = nb
  }
  bytes(b: Uint8Array): void { this.room(b.length); this.buf.set(b, this.o); this.o += b.length }
  text(s: string): void {
    this.room(s.length * 3)
    this.o += this.enc.encodeInto(s, this.buf.subarray(this.o)).written
  }
  byte(c: number): void { this.room(1); this.buf[this.o++] = c }
  /** Bytes [s, e) of src. */
  copy(src: Uint8Array, s: number, e: number): void {
    const n = e - s
    this.room(n)
    if (n < 32) { const b = this.buf; let o = this.o; for (let k = s; k < e; k++) b[o++] = src[k]; this.o = o } else { this.buf.set(src.subarray(s, e), this.o); this.o += n }
  }
  /** A short string, ASCII written directly (anything else through TextEncoder). */
  str(x: string): void {
    const n = x.length
    this.room(n * 3)
    const b = this.buf
    let o = this.o
    for (let k = 0; k < n; k++) {
      const c = x.charCodeAt(k)
      if (c >= 128) { this.o += this.enc.encodeInto(x, b.subarray(this.o)).written; return }
      b[o++] = c
    }
    this.o = o
  }
  /** The bytes so far (a copy), and the buffer is emptied. */
  take(): Uint8Array { const out = this.buf.slice(0, this.o); this.o = 0; return out }
}

const keyCache = new Map<string, Uint8Array>()
const encoder = new TextEncoder()
function keyBytes(k: string): Uint8Array {
  let b = keyCache.get(k)
  if (!b) { b = encoder.encode(k); if (keyCache.size < 4096) keyCache.set(k, b) }
  return b
}

/** Which of `keys` each record of the batch has in its INFO (one core call): n x keys, 1 = present. */
export function infoPresence(b: RecordBatch, keys: string[]): Uint8Array {
  const r = infoRanges(b, keys.map(keyBytes))
  const present = new Uint8Array(b.n * keys.length)
  for (let k = 0; k < present.length; k++) present[k] = r[2 * k] >= 0 ? 1 : 0
  return present
}

/** Selected lines of a batch, each with its edit applied. */
export function writeEdited(batch: RecordBatch, edits: BatchEdits, out: LineBuffer): void {
  // the keys being set, and whether each record already has them (found by the core)
  const keyIndex = new Map<string, number>()
  for (let i = 0; i < edits.length; i++) {
    const e = edits[i]
    if (e) for (const k of e.info.keys()) if (!keyIndex.has(k)) keyIndex.set(k, keyIndex.size)
  }
  const nk = keyIndex.size
  // the core call first; local views of the batch only after it
  const present = nk > 0 ? infoPresence(batch, [...keyIndex.keys()]) : undefined
  const b = batch
  const idS = b.col(Col.ID_START), idE = b.col(Col.ID_END)
  const infoS = b.col(Col.INFO_START), infoE = b.col(Col.INFO_END)
  const bytes = b.bytes
  let runStart = -1, runEnd = -1 // consecutive unedited lines are copied in one run
  const flush = () => { if (runStart >= 0) { out.bytes(bytes.subarray(runStart, runEnd)); runStart = -1 } }
  for (const i of b.indices()) {
    const e = edits[i]
    if (!e || (e.info.size === 0 && e.id === undefined)) {
      const s = b.lineStart[i], end = b.lineEnd[i] + 1 // with the newline
      if (runStart >= 0 && s === runEnd && bytes[end - 1] === 10) runEnd = end
      else {
        flush()
        if (bytes[end - 1] === 10 && end <= bytes.length) { runStart = s; runEnd = end }
        else { out.bytes(bytes.subarray(s, b.lineEnd[i])); out.byte(10) }
      }
      continue
    }
    flush()
    if (e.id !== undefined) {
      out.copy(bytes, b.lineStart[i], idS[i])
      out.text(e.id)
      out.copy(bytes, idE[i], infoS[i])
    } else out.copy(bytes, b.lineStart[i], infoS[i])
    const s = infoS[i], end = infoE[i]
    const empty = end - s === 1 && bytes[s] === 46
    // fast path: only new keys to append (the usual case), no text decoding of INFO
    let append = true
    for (const [k, v] of e.info) {
      if (v === undefined || (!empty && present![i * nk + keyIndex.get(k)!])) { append = false; break }
    }
    if (append) {
      let first = empty
      if (!empty) out.copy(bytes, s, end)
      let wrote = !empty
      for (const [k, v] of e.info) {
        if (!first) out.byte(59)
        first = false
        out.bytes(keyBytes(k))
        if (v !== null) { out.byte(61); out.str(v!) }
        wrote = true
      }
      if (!wrote) out.byte(46)
    } else out.text(editInfo(b.infoText(i), e))
    out.copy(bytes, end, b.lineEnd[i])
    out.byte(10)
  }
  flush()
}

// What annotators produce for a record, and how a record's line is rewritten with it: a
// tag that exists is replaced where it stands (as bcftools does), new tags are appended in
// the order they were set, the ID column may be replaced. Unedited lines are copied as bytes.
import { Col } from '../wasm/core.js'
import type { RecordBatch } from '../batch/batch.js'

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
  /** The bytes so far (a copy), and the buffer is emptied. */
  take(): Uint8Array { const out = this.buf.slice(0, this.o); this.o = 0; return out }
}

/** Selected lines of a batch, each with its edit applied. */
export function writeEdited(b: RecordBatch, edits: BatchEdits, out: LineBuffer): void {
  const idS = b.col(Col.ID_START), idE = b.col(Col.ID_END)
  const infoS = b.col(Col.INFO_START), infoE = b.col(Col.INFO_END)
  let runStart = -1, runEnd = -1 // consecutive unedited lines are copied in one run
  const flush = () => { if (runStart >= 0) { out.bytes(b.bytes.subarray(runStart, runEnd)); runStart = -1 } }
  for (const i of b.indices()) {
    const e = edits[i]
    if (!e || (e.info.size === 0 && e.id === undefined)) {
      const s = b.lineStart[i], end = b.lineEnd[i] + 1 // with the newline
      if (runStart >= 0 && s === runEnd && b.bytes[end - 1] === 10) runEnd = end
      else {
        flush()
        if (b.bytes[end - 1] === 10 && end <= b.bytes.length) { runStart = s; runEnd = end }
        else { out.bytes(b.bytes.subarray(s, b.lineEnd[i])); out.byte(10) }
      }
      continue
    }
    flush()
    if (e.id !== undefined) {
      out.bytes(b.bytes.subarray(b.lineStart[i], idS[i]))
      out.text(e.id)
      out.bytes(b.bytes.subarray(idE[i], infoS[i]))
    } else out.bytes(b.bytes.subarray(b.lineStart[i], infoS[i]))
    out.text(e.info.size ? editInfo(b.infoText(i), e) : b.infoText(i))
    out.bytes(b.bytes.subarray(infoE[i], b.lineEnd[i]))
    out.byte(10)
  }
  flush()
}

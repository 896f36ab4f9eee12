// Annotated VCF output: the header with new ##INFO declarations, and each selected record
// with INFO entries added (csq, annotate). The rest of the line is copied as bytes.
import { Col } from '../wasm/core.js'
import type { VcfHeader } from '../header/header.js'
import type { RecordBatch } from '../batch/batch.js'

export interface InfoDeclaration {
  id: string
  number: string
  type: 'Integer' | 'Float' | 'Flag' | 'String' | 'Character'
  description: string
}

const enc = new TextEncoder()
const quote = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')

/** The ##INFO line for a declaration. */
export function infoLine(d: InfoDeclaration): string {
  return `##INFO=<ID=${d.id},Number=${d.number},Type=${d.type},Description="${quote(d.description)}">`
}

/**
 * Header meta lines with `decls` declared: a declaration of the same ID is replaced in place,
 * new ones go after the last ##INFO line (or before the first ##contig/##FORMAT, else at
 * the end), and `extra` lines (e.g. ##vartriage_csqCommand=…) are appended.
 */
export function declareInfo(h: VcfHeader, decls: InfoDeclaration[], extra: string[] = []): VcfHeader {
  const meta = [...h.meta]
  const byId = new Map(decls.map((d) => [d.id, d]))
  const placed = new Set<string>()
  for (let k = 0; k < meta.length; k++) {
    const m = /^INFO=<ID=([^,>]+)/.exec(meta[k])
    const d = m ? byId.get(m[1]) : undefined
    if (d) { meta[k] = infoLine(d).slice(2); placed.add(d.id) }
  }
  const fresh = decls.filter((d) => !placed.has(d.id)).map((d) => infoLine(d).slice(2))
  let at = -1
  meta.forEach((m, k) => { if (m.startsWith('INFO=')) at = k })
  if (at < 0) at = meta.findIndex((m) => m.startsWith('FORMAT=') || m.startsWith('contig=')) - 1
  if (at < 0 && meta.length > 0 && !meta.some((m) => m.startsWith('FORMAT=') || m.startsWith('contig='))) at = meta.length - 1
  meta.splice(at + 1, 0, ...fresh)
  meta.push(...extra.map((e) => e.replace(/^##/, '')))
  const info = new Map(h.info)
  for (const d of decls) info.set(d.id, { id: d.id, number: d.number, type: d.type, description: d.description })
  return { ...h, meta, info }
}

/**
 * Selected lines of a batch with INFO entries added. `entries(i)` gives the text to add to
 * record i (`KEY=VALUE;FLAG`, without a leading ';') or '' for none; `drop` names existing
 * keys to remove first (so a re-annotated tag is replaced, not duplicated).
 */
export function appendInfo(b: RecordBatch, entries: (i: number) => string, drop?: ReadonlySet<string>): Uint8Array {
  // the additions first (a callback may do anything), then one pass that copies byte runs
  // into one buffer: no per-line decode/encode unless a dropped key is present
  const idx: number[] = []
  const adds: string[] = []
  let cap = 0
  const ls0 = b.lineStart, le0 = b.lineEnd
  for (const i of b.indices()) {
    const add = entries(i)
    idx.push(i)
    adds.push(add)
    cap += le0[i] - ls0[i] + 3 + add.length * 3
  }
  const infoStart = b.col(Col.INFO_START), infoEnd = b.col(Col.INFO_END)
  const bytes = b.bytes, ls = b.lineStart, le = b.lineEnd
  let out = new Uint8Array(cap)
  let o = 0
  const put = (src: Uint8Array) => {
    if (o + src.length > out.length) { const n = new Uint8Array(Math.max(out.length * 2, o + src.length)); n.set(out.subarray(0, o)); out = n }
    out.set(src, o); o += src.length
  }
  const putText = (t: string) => {
    if (o + t.length * 3 > out.length) { const n = new Uint8Array(Math.max(out.length * 2, o + t.length * 3)); n.set(out.subarray(0, o)); out = n }
    // ASCII (the usual case) byte by byte: cheaper than an encodeInto call per short string
    const start = o
    for (let k = 0; k < t.length; k++) {
      const c = t.charCodeAt(k)
      if (c >= 128) { o = start + enc.encodeInto(t, out.subarray(start)).written; return }
      out[o++] = c
    }
  }
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k], add = adds[k]
    const s = infoStart[i], e = infoEnd[i]
    const empty = e === s || (e - s === 1 && bytes[s] === 46)
    let info: string | undefined
    if (drop && drop.size > 0 && !empty) {
      const text = b.infoText(i)
      const kept = text.split(';').filter((kv) => {
        const eq = kv.indexOf('=')
        return !drop.has(eq < 0 ? kv : kv.slice(0, eq))
      })
      if (kept.length !== text.split(';').length) info = kept.join(';')
    }
    if (info !== undefined) {
      // slow path: a key to replace was present
      if (info === '.' || info === '') info = add || '.'
      else if (add) info += ';' + add
      put(bytes.subarray(ls[i], s))
      putText(info)
    } else if (empty) {
      put(bytes.subarray(ls[i], s))
      putText(add || '.')
    } else {
      put(bytes.subarray(ls[i], e))
      if (add) { putText(';'); putText(add) }
    }
    put(bytes.subarray(e, le[i]))
    if (o + 1 > out.length) { const n = new Uint8Array(out.length * 2 + 1); n.set(out.subarray(0, o)); out = n }
    out[o++] = 10
  }
  return out.subarray(0, o)
}

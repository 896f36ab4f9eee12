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
  const infoStart = b.col(Col.INFO_START), infoEnd = b.col(Col.INFO_END)
  const parts: Uint8Array[] = []
  let size = 0
  for (const i of b.indices()) {
    const add = entries(i)
    const s = infoStart[i], e = infoEnd[i]
    let info = b.infoText(i)
    if (drop && drop.size > 0 && info !== '.') {
      info = info.split(';').filter((kv) => {
        const eq = kv.indexOf('=')
        return !drop.has(eq < 0 ? kv : kv.slice(0, eq))
      }).join(';')
    }
    if (info === '.' || info === '') info = add || '.'
    else if (add) info += ';' + add
    const head = b.bytes.subarray(b.lineStart[i], s)
    const mid = enc.encode(info)
    const tail = b.bytes.subarray(e, b.lineEnd[i])
    const line = new Uint8Array(head.length + mid.length + tail.length + 1)
    line.set(head, 0)
    line.set(mid, head.length)
    line.set(tail, head.length + mid.length)
    line[line.length - 1] = 10
    parts.push(line)
    size += line.length
  }
  const out = new Uint8Array(size)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

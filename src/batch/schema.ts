// Which INFO/FORMAT tags exist (from the header) and which the core should decode.
import type { TagDef, VcfHeader } from '../header/header.js'
import { TagKind, WType, N_A, N_R, N_G, N_VAR, type WasmCore } from '../wasm/core.js'

export interface TagInfo {
  index: number
  def: TagDef
  wtype: WType
  wanted: boolean
}

export function numberCode(n: string): number {
  if (n === 'A') return N_A
  if (n === 'R') return N_R
  if (n === 'G') return N_G
  if (/^\d+$/.test(n)) return Number(n)
  return N_VAR
}

function wtypeOf(kind: TagKind, def: TagDef): WType {
  if (kind === TagKind.FORMAT && def.id === 'GT') return WType.GT
  switch (def.type) {
    case 'Flag': return WType.FLAG
    case 'Integer': return WType.INT
    case 'Float': return WType.FLOAT
    default: return WType.STRING
  }
}

export class Schema {
  readonly info = new Map<string, TagInfo>()
  readonly format = new Map<string, TagInfo>()

  constructor(readonly core: WasmCore, readonly header: VcfHeader) {
    for (const def of header.info.values()) this.declare(TagKind.INFO, def, false)
    for (const def of header.format.values()) this.declare(TagKind.FORMAT, def, false)
    // GT's meaning is fixed by the spec; htslib decodes it even when the header omits it
    if (!this.format.has('GT')) this.declare(TagKind.FORMAT, { id: 'GT', number: '1', type: 'String' }, false)
    // END sets the record length (rlen), which region overlap depends on
    const end = this.info.get('END')
    if (end && end.wtype === WType.INT) {
      this.want(TagKind.INFO, 'END')
      core.setEndTag(end.index)
    }
    for (const c of header.contigs) core.contig(c.id)
    core.setSamples(header.samples.length)
  }

  private declare(kind: TagKind, def: TagDef, want: boolean): TagInfo {
    const wtype = wtypeOf(kind, def)
    const index = this.core.declareTag(kind, def.id, wtype, numberCode(def.number), want)
    const t: TagInfo = { index, def, wtype, wanted: want }
    ;(kind === TagKind.INFO ? this.info : this.format).set(def.id, t)
    return t
  }

  /** Asks the core to decode a tag; undefined when the header does not declare it. */
  want(kind: TagKind, id: string): TagInfo | undefined {
    const map = kind === TagKind.INFO ? this.info : this.format
    const t = map.get(id)
    if (!t) return undefined
    if (!t.wanted) {
      this.core.declareTag(kind, id, t.wtype, numberCode(t.def.number), true)
      t.wanted = true
    }
    return t
  }
}

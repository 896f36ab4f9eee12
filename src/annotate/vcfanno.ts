// vcfanno's TOML configuration, run as vcfanno runs it: [[annotation]] blocks (file, fields
// or columns, names, ops) and [[postannotation]] (fields, op, name, type). Values are
// computed the way vcfanno computes them (vcfgo types, float32 arithmetic, vcfgo number
// formatting), so existing configs give vcfanno's values. Lua is replaced by a safe
// expression language (expr.ts): `op="lua:EXPR"` runs when EXPR is a plain Lua expression,
// `op="expr:EXPR"` is the explicit form.
import { parse as parseToml } from 'smol-toml'
import { UsageError } from '../errors.js'
import type { RecordBatch } from '../batch/batch.js'
import type { WasmCore } from '../wasm/core.js'
import type { VcfHeader } from '../header/header.js'
import type { InfoDeclaration } from '../sink/info-append.js'
import type { Annotator } from './annotator.js'
import type { PostAnnotator } from './engine.js'
import { editOf, infoValue, type BatchEdits } from './edits.js'
import { JoinMode, WasmJoin } from './join.js'
import { alleles, type AnnotationTable } from './table.js'
import { loadVcfSource } from './source-vcf.js'
import { readStore } from './store.js'
import type { TableCache } from './table-cache.js'
import { IntervalIndex, parseTab, readTextFile } from './tab.js'
import { ContigResolver } from './contigs.js'
import { resolvePath, sourceKind } from './sources.js'
import { asF32, fromVcf, goShortestF32 as shortestF32, itos, NIL, type GoVal } from './govalues.js'
import { compileExpr, ExprError, type Value } from './expr.js'

const OPS = new Set(['self', 'first', 'max', 'min', 'mean', 'sum', 'concat', 'uniq', 'flag', 'count', 'by_alt'])
const POST_OPS = new Set(['self', 'first', 'max', 'min', 'mean', 'sum', 'concat', 'uniq', 'flag', 'count', 'div2', 'delete'])
const NUMBER_OPS = new Set(['mean', 'max', 'min', 'count', 'median', 'sum'])
const f32 = Math.fround

// ---- reducers (vcfanno api/reducers.go) ----
function strings(vals: GoVal[], uniq: boolean): string[] {
  const out: string[] = []
  const seen = new Set<string>()
  for (const v of vals) {
    if (v.k === 'nil') continue
    const s = v.k === 'str' ? v.v : v.k === 'arr' ? v.v.map((e) => (e.k === 'str' ? e.v : goFmtS(e))).join(',') : v.k === 'strs' ? v.v.join(',') : itos(v)
    if (uniq) { if (seen.has(s)) continue; seen.add(s) }
    out.push(s)
  }
  return out
}
/** fmt.Sprintf("%s", x) of an array element (numbers print as %!s(…) in Go; strings as is). */
function goFmtS(x: GoVal): string {
  if (x.k === 'nil') return '%!s(<nil>)'
  if (x.k === 'f32') return `%!s(float32=${itos(x)})`
  if (x.k === 'int') return `%!s(int=${x.v})`
  return itos(x)
}

function reduce(op: string, vals: GoVal[]): GoVal {
  switch (op) {
    case 'self': return vals.length === 0 ? NIL : vals.length > 1 ? { k: 'strs', v: strings(vals, false) } : vals[0]
    case 'first': return vals[0] ?? NIL
    // by_alt values arrive as one '|'-joined string per query allele
    case 'concat': case 'by_alt': return { k: 'str', v: strings(vals, false).join(',') }
    case 'uniq': return { k: 'str', v: strings(vals, true).join(',') }
    case 'count': return { k: 'int', v: vals.length }
    case 'flag': return { k: 'bool', v: vals.length > 0 }
    case 'mean': { let s = 0; for (const v of vals) s = f32(s + asF32(v)); return { k: 'f32', v: f32(s / vals.length) } }
    case 'sum': { let s = 0; for (const v of vals) s = f32(s + asF32(v)); return { k: 'f32', v: s } }
    case 'max': { let m = -3.4028234663852886e38; for (const v of vals) { const x = asF32(v); if (x > m) m = x } return { k: 'f32', v: m } }
    case 'min': { let m = 3.4028234663852886e38; for (const v of vals) { const x = asF32(v); if (x < m) m = x } return { k: 'f32', v: m } }
    case 'div2': {
      if (vals[0].k === 'int' && vals[0].v === 0) return { k: 'int', v: 0 }
      return { k: 'f32', v: f32(asF32(vals[0]) / asF32(vals[1])) }
    }
  }
  throw new UsageError(`vcfanno: unknown op ${op}`)
}

/** vcfanno handleA: values of an annotation record moved to the query's alleles. */
function handleA(val: GoVal, qAlts: string[], oAlts: string[], out: GoVal[]): void {
  const vals = val.k === 'arr' ? val.v : [val]
  qAlts.forEach((q, i) => {
    const ai = oAlts.indexOf(q)
    if (ai < 0) return
    if (ai >= vals.length) { if (vals.length === 1) out[i] = vals[0]; return }
    out[i] = vals[ai]
  })
}

interface OpSpec {
  /** VCF field (INFO tag, ID) or 1-based column. */
  field?: string
  column?: number
  name: string
  op: string
  numberA: boolean
  type: string
  number: string
}

/** The set value for a reduced Go value: text, null (flag), or undefined (nothing to set). */
function setValue(x: GoVal): string | null | undefined {
  if (x.k === 'bool') return x.v ? null : undefined
  if (x.k === 'nil') return undefined
  return itos(x)
}

/** Header declaration vcfanno writes for an op (api.go UpdateHeader). */
function declaration(s: OpSpec, file: string, htype: string, number: string, desc: string): InfoDeclaration {
  let ntype = 'String'
  let name = s.name
  if (s.op === 'by_alt') { number = 'A'; ntype = 'String' }
  else if (htype !== '' && (s.op === 'self' || s.op === 'first')) ntype = htype
  else {
    if (name.endsWith('_float')) { name = name.slice(0, -6); ntype = 'Float'; number = '1' }
    else if (name.endsWith('_int')) { name = name.slice(0, -4); ntype = 'Integer'; number = '1' }
    else if (name.endsWith('_flag')) { name = name.slice(0, -5); ntype = 'Flag'; number = '0' }
    else if (s.op === 'mean' || s.op === 'max' || s.op === 'min') { ntype = 'Float'; number = '1' }
    else {
      if (s.op === 'flag') { ntype = 'Flag'; number = '0' }
      if (NUMBER_OPS.has(s.op)) ntype = 'Float'
    }
    if (s.op === 'uniq' || s.op === 'concat') number = '.'
  }
  s.name = name
  let description: string
  if ((s.op === 'first' || s.op === 'self') && htype === ntype) description = `${desc} (from ${file})`
  else if (s.field !== undefined) description = `calculated by ${s.op} of overlapping values in field ${s.field} from ${file}`
  else description = `calculated by ${s.op} of overlapping values in column ${s.column} from ${file}`
  return { id: name, number, type: ntype as InfoDeclaration['type'], description }
}

/** One [[annotation]] block: a VCF (or store) or a BED-like file, several ops on it. */
class VcfannoAnnotator implements Annotator {
  private join?: WasmJoin
  private resolver?: ContigResolver
  private map: number[] = []
  private intervals?: IntervalIndex
  private decls: InfoDeclaration[] = []

  constructor(readonly label: string, readonly specs: OpSpec[], readonly table?: AnnotationTable,
    readonly bed?: { rows: ReturnType<typeof parseTab> }) {
    if (bed) this.intervals = new IntervalIndex(bed.rows)
    for (const s of specs) {
      if (table) {
        const f = s.field === 'ID' || s.field === 'FILTER' ? undefined : table.fields.get(s.field!)
        const htype = f ? f.type : ''
        const number = f ? f.number : '1'
        s.numberA = number === 'A'
        s.type = f?.type ?? 'String'
        s.number = number
        this.decls.push(declaration(s, label, htype, number, f?.description ?? ''))
      } else {
        this.decls.push(declaration(s, label, '', '1', ''))
      }
    }
  }

  declarations(): InfoDeclaration[] { return this.decls }

  rewind(): void { this.join?.rewind() }

  bind(core: WasmCore, onRename: (from: string, to: string) => void): void {
    if (this.table) { this.join = new WasmJoin(core, this.table, onRename); this.join.rewind() }
    else this.resolver = new ContigResolver(this.bed!.rows.contigs, onRename)
  }

  annotate(b: RecordBatch, edits: BatchEdits): RecordBatch {
    if (this.table) {
      const { off, rows, batch } = this.join!.join(b, JoinMode.ALL)
      for (const i of batch.indices()) {
        if (off[i] === off[i + 1]) continue
        const qAlts = alleles(batch.alt(i))
        const matched = Array.from(rows.subarray(off[i], off[i + 1]))
        for (const s of this.specs) this.apply(edits, i, s, this.collectVcf(s, matched, qAlts), qAlts)
      }
      return batch
    }
    const names = b.core.contigs()
    for (let c = this.map.length; c < names.length; c++) this.map[c] = this.resolver!.resolve(names[c])
    for (const i of b.indices()) {
      const pos = b.pos[i]
      const hits = this.intervals!.overlaps(this.map[b.chromId[i]], pos, pos + Math.max(b.rlen[i], 1) - 1)
      if (hits.length === 0) continue
      for (const s of this.specs) {
        const vals: GoVal[] = []
        for (const r of hits) {
          const sval = this.bed!.rows.cols[r][s.column! - 1] ?? ''
          if (NUMBER_OPS.has(s.op)) {
            const d = Number(sval)
            vals.push({ k: 'f64', v: sval.trim() === '' || Number.isNaN(d) ? 0 : f32(d) })
          } else vals.push({ k: 'str', v: sval.replace(/;/g, ',') })
        }
        this.apply(edits, i, s, vals, [])
      }
    }
    return b
  }

  private collectVcf(s: OpSpec, matched: number[], qAlts: string[]): GoVal[] {
    const t = this.table!
    const coll: GoVal[] = []
    let byAlt: string[][] | undefined
    let selfA: GoVal[] | undefined
    for (const r of matched) {
      let val: GoVal
      if (s.field === 'ID') {
        const id = t.id!.get(r)!
        if (id === '.' || id === '') continue
        val = { k: 'str', v: id.replace(/;/g, ',') }
      } else {
        const f = t.fields.get(s.field!)!
        const text = f.values.get(r)
        if (f.type === 'Flag') val = { k: 'bool', v: text !== undefined }
        else {
          if (text === undefined || text === '') continue
          val = fromVcf(text, f.type, f.number)
        }
      }
      const oAlts = alleles(t.alt.get(r)!)
      if (s.op === 'by_alt') {
        const out: GoVal[] = qAlts.map(() => NIL)
        handleA(val, qAlts, oAlts, out)
        byAlt ??= qAlts.map(() => [])
        out.forEach((v, k) => { if (v.k !== 'nil' && !(v.k === 'str' && (v.v === '.' || v.v === ''))) byAlt![k].push(itos(v)) })
        continue
      }
      if (s.numberA && s.op === 'self' && s.field !== 'ID') {
        if (!selfA) { selfA = qAlts.map(() => NIL); coll.push({ k: 'arr', v: selfA }) }
        if (qAlts.length === 1 && oAlts.length === 1 && qAlts[0] === oAlts[0]) selfA[0] = val
        else handleA(val, qAlts, oAlts, selfA)
        continue
      }
      if (val.k === 'arr') {
        if (s.op === 'uniq' || s.op === 'concat') coll.push({ k: 'str', v: val.v.map((e) => goV(e)).join(',') })
        else coll.push(...val.v)
      } else coll.push(val)
    }
    if (byAlt) for (const v of byAlt) coll.push({ k: 'str', v: v.length === 0 ? '.' : v.join('|') })
    return coll
  }

  private apply(edits: BatchEdits, i: number, s: OpSpec, vals: GoVal[], _qAlts: string[]): void {
    if (vals.length === 0) return
    // self on Number=A: the per-allele slice is the value
    let out = reduce(s.op, vals)
    if (out.k === 'arr' && out.v.length === 1 && s.numberA && s.op === 'self') out = out.v[0].k === 'nil' ? { k: 'arr', v: out.v } : out.v[0]
    const v = setValue(out)
    if (v === undefined) return
    editOf(edits, i).set(s.name, v)
  }
}

function goV(x: GoVal): string {
  // fmt %v of a slice element (vcfanno joins multi-valued fields so for concat/uniq)
  if (x.k === 'f32') return shortestF32(x.v)
  if (x.k === 'nil') return '<nil>'
  return itos(x)
}

interface PostSpec { fields: string[]; op: string; name: string; type: string; expr?: (vars: (n: string) => Value) => Value }

/** [[postannotation]] blocks, run in order on each record after every source. */
class VcfannoPost implements PostAnnotator {
  private types = new Map<string, { type: string; number: string }>()

  constructor(readonly specs: PostSpec[], private readonly onWarning?: (m: string) => void) {}

  declarations(header: VcfHeader): InfoDeclaration[] {
    return this.specs.filter((p) => p.name !== '' && p.name !== 'ID' && p.name !== 'FILTER' && p.op !== 'delete').map((p) => {
      let number = '.'
      const low = p.name.toLowerCase()
      if (low.includes('af_') || low.includes('_af')) number = 'A'
      if (p.type === 'Flag') number = '0'
      void header
      return { id: p.name, number, type: (p.type || 'String') as InfoDeclaration['type'], description: `calculated field: ${p.name}` }
    })
  }

  /** Declared types of the output header (fields are read typed, as vcfgo reads them). */
  setHeader(h: VcfHeader): void {
    for (const [id, d] of h.info) this.types.set(id, { type: d.type, number: d.number })
  }

  private warned = new Set<string>()

  apply(batch: RecordBatch, edits: BatchEdits): void {
    const names = batch.core.contigs()
    for (const i of batch.indices()) {
      let info: string | undefined
      const get = (field: string): string | null | undefined => {
        const e = edits[i]
        if (e && e.info.has(field)) return e.info.get(field)
        info ??= batch.infoText(i)
        return infoValue(info, field)
      }
      for (const p of this.specs) {
        if (p.expr) {
          const vars = (n: string): Value => {
            if (n === 'chrom') return names[batch.chromId[i]]
            if (n === 'start') return batch.pos[i] - 1
            if (n === 'stop') return batch.pos[i] - 1 + Math.max(batch.rlen[i], 1)
            if (n === 'ID') return batch.id(i)
            const raw = get(n)
            if (raw === undefined) return null
            const t = this.types.get(n)
            if (raw === null) return true
            return luaValue(fromVcf(raw, t?.type ?? 'String', t?.number ?? '1'))
          }
          if (p.fields.length > 0 && p.fields.every((f) => vars(f) === null)) continue
          let value: Value
          try { value = p.expr(vars) } catch (e) {
            if (!(e instanceof ExprError)) throw e
            if (!this.warned.has(p.name)) { this.warned.add(p.name); this.onWarning?.(`postannotation ${p.name}: ${e.message} (at ${names[batch.chromId[i]]}:${batch.pos[i]}; reported once)`) }
            continue
          }
          if (value === null) continue
          const text = goPrint(value)
          if (p.type === 'Flag') {
            if (!(text.toLowerCase() === 'false' || text === '0' || text === '')) editOf(edits, i).set(p.name, null)
          } else if (p.name === 'ID') editOf(edits, i).id = text
          else editOf(edits, i).set(p.name, text)
          continue
        }
        const vals: GoVal[] = []
        for (const f of p.fields) {
          const raw = get(f)
          if (raw === undefined) continue
          const t = this.types.get(f)
          vals.push(raw === null ? { k: 'bool', v: true } : fromVcf(raw, t?.type ?? 'String', t?.number ?? '1'))
        }
        if (vals.length === 0) continue
        if (p.op === 'div2' && vals.length < 2) continue
        if (p.op === 'delete') { for (const f of p.fields) editOf(edits, i).remove(f); continue }
        const out = reduce(p.op, vals)
        if (p.name === 'ID') { editOf(edits, i).id = out.k === 'str' ? out.v : itos(out); continue }
        const v = setValue(out)
        if (v !== undefined) editOf(edits, i).set(p.name, v)
      }
    }
  }
}

function luaValue(x: GoVal): Value {
  switch (x.k) {
    case 'f32': case 'f64': case 'int': return x.v
    case 'str': return x.v
    case 'bool': return x.v
    case 'nil': return null
    case 'strs': return x.v
    case 'arr': return x.v.map(luaValue)
  }
}

/** fmt.Sprintf("%v") of a Lua result as vcfanno prints it (numbers are Go float64). */
function goPrint(v: Value): string {
  if (typeof v === 'number') return goShortestF64(v)
  if (typeof v === 'boolean') return String(v)
  if (v === null) return '<nil>'
  if (Array.isArray(v)) return `[${v.map(goPrint).join(' ')}]`
  return v
}

function goShortestF64(v: number): string {
  if (Number.isNaN(v)) return 'NaN'
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf'
  if (v === 0) return '0'
  const [m, e] = v.toExponential().split('e')
  const exp = Number(e)
  const digits = m.replace('-', '').replace('.', '')
  const neg = v < 0 ? '-' : ''
  if (exp < -4 || exp >= 21) {
    const mm = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits
    return `${neg}${mm}e${exp < 0 ? '-' : '+'}${Math.abs(exp) < 10 ? '0' : ''}${Math.abs(exp)}`
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`
  if (digits.length <= exp + 1) return neg + digits + '0'.repeat(exp + 1 - digits.length)
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`
}

export interface VcfannoConfig {
  sources: Annotator[]
  post: PostAnnotator[]
  /** Query INFO tags the post-annotations read. */
  reads: string[]
}

interface LoadOptions {
  resources?: string
  header: VcfHeader
  onWarning?: (m: string) => void
  configPath?: string
  /** Tables already loaded (shared with worker threads). */
  tables?: TableCache
}

const asList = <T>(x: unknown, what: string): T[] => {
  if (x === undefined) return []
  if (!Array.isArray(x)) throw new UsageError(`vcfanno config: ${what} must be a list`)
  return x as T[]
}

/** Parses a vcfanno TOML config and opens its sources. */
export async function loadVcfanno(text: string, opts: LoadOptions): Promise<VcfannoConfig> {
  let doc: Record<string, unknown>
  try { doc = parseToml(text) as Record<string, unknown> } catch (e) { throw new UsageError(`vcfanno config: ${(e as Error).message}`) }
  const sources: Annotator[] = []
  for (const [k, a] of asList<Record<string, unknown>>(doc.annotation, 'annotation').entries()) {
    const where = `[[annotation]] #${k + 1}`
    const file = a.file as string
    if (typeof file !== 'string') throw new UsageError(`vcfanno config: ${where} needs file=`)
    const names = asList<string>(a.names, 'names')
    const ops = asList<string>(a.ops, 'ops')
    const fields = asList<string>(a.fields, 'fields')
    const columns = asList<number>(a.columns, 'columns')
    const n = fields.length || columns.length
    if (n === 0) throw new UsageError(`vcfanno config: ${where} needs fields= or columns=`)
    if (names.length !== n || ops.length !== n) throw new UsageError(`vcfanno config: ${where}: fields/columns, names and ops must have the same length`)
    for (const op of ops) {
      if (op.startsWith('lua:')) throw new UsageError(`vcfanno config: ${where}: op ${op}: Lua ops on annotations are not run; use a built-in op and a [[postannotation]] with expr:`)
      if (!OPS.has(op)) throw new UsageError(`vcfanno config: ${where}: unknown op "${op}"`)
    }
    const path = resolvePath(file, opts.resources)
    const kind = sourceKind(path)
    const specs: OpSpec[] = ops.map((op, j) => ({
      field: fields.length ? fields[j] : undefined, column: columns.length ? columns[j] : undefined,
      name: names[j], op, numberA: false, type: 'String', number: '1',
    }))
    if (kind === 'vcf' || kind === 'store') {
      if (!fields.length) throw new UsageError(`vcfanno config: ${where}: a VCF source takes fields=, not columns=`)
      if (fields.includes('FILTER')) throw new UsageError(`vcfanno config: ${where}: FILTER as a field is not supported`)
      const infos = [...new Set(fields.filter((f) => f !== 'ID'))]
      const id = fields.includes('ID')
      const load = () => kind === 'vcf'
        ? loadVcfSource(path, infos, { id, onWarning: opts.onWarning })
        : readStore(path, { fields: infos, id })
      const table = opts.tables ? await opts.tables.get(kind, path, infos, id, load) : await load()
      sources.push(new VcfannoAnnotator(path, specs, table))
    } else {
      if (!columns.length) throw new UsageError(`vcfanno config: ${where}: a BED/tab source takes columns=, not fields=`)
      const rows = parseTab(await readTextFile(path), file, { bed: true, chromCol: 0, startCol: 1, endCol: 2 })
      sources.push(new VcfannoAnnotator(path, specs, undefined, { rows }))
    }
  }
  const posts: PostSpec[] = []
  for (const [k, p] of asList<Record<string, unknown>>(doc.postannotation, 'postannotation').entries()) {
    const where = `[[postannotation]] #${k + 1}`
    const op = String(p.op ?? '')
    const spec: PostSpec = { fields: asList<string>(p.fields, 'fields'), op, name: String(p.name ?? ''), type: String(p.type ?? 'String') }
    if (op.startsWith('lua:') || op.startsWith('expr:')) spec.expr = compileExpr(op.slice(op.indexOf(':') + 1))
    else if (!POST_OPS.has(op)) throw new UsageError(`vcfanno config: ${where}: unknown op "${op}"`)
    posts.push(spec)
  }
  const post = posts.length ? [new VcfannoPost(posts, opts.onWarning)] : []
  return { sources, post, reads: [] }
}

export { VcfannoPost }

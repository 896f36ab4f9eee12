// AST -> RPN program for the WASM evaluator (assembly/filter/vm.ts). The opcodes and the
// token semantics mirror bcftools filter.c; what it cannot express fails here, at compile
// time, with the column of the offending token.
import { ExpressionError } from '../errors.js'
import { TagKind, WType } from '../wasm/core.js'
import type { Schema, TagInfo } from '../batch/schema.js'
import { parseExpression, type Node, type CmpOp } from './parse.js'

export const enum Op {
  CONST = 1, QUAL = 2, POS = 3, NALT = 4, NSAMPLES = 5, TYPE = 6, RLEN = 7, INFO = 8, INFO_FLAG = 9, FMT = 10,
  GT_CLASS = 11, CMP = 12, AND = 13, OR = 14, NOT = 15, FILTER = 16, STR = 17, JUMP_IF_FALSE = 18,
}
const CMP_CODE: Record<CmpOp, number> = { '==': 0, '!=': 1, '<': 2, '<=': 3, '>': 4, '>=': 5, '~': 6, '!~': 7 }

const GT_CLASSES: Record<string, [kind: number, code: number]> = {
  mis: [4, 1], alt: [4, 2], ref: [4, 3], hap: [3, 4], hom: [3, 5], het: [3, 6],
  r: [2, 7], a: [2, 8], rr: [2, 9], aa: [2, 10], ra: [2, 11], ar: [2, 11], aA: [2, 12], Aa: [2, 12],
}
// htslib VCF_* type bits, shifted as bcftools does (ref = 1)
const TYPES: Record<string, number> = { ref: 1, snp: 2, snps: 2, mnp: 4, mnps: 4, indel: 8, indels: 8, other: 16, bnd: 32, overlap: 64 }
const STR_FIELDS: Record<string, number> = { ID: 1, CHROM: 2, REF: 3, ALT: 4 }

export interface Program {
  code: Int32Array
  consts: Float64Array
  strings: Uint8Array
  stringIndex: Int32Array
  masks: Uint8Array
  /** Tags the program reads, to be decoded by the parser. */
  info: string[]
  format: string[]
  /** True when any part depends on samples (per-sample semantics). */
  perSample: boolean
}

interface Emitted { perSample: boolean; mask: Uint8Array | null }

/**
 * `samples` (bcftools -s) restricts per-sample terms to those samples, and sample subscripts
 * then count within the subset, as in bcftools where the header is subset first.
 */
export function compileExpression(src: string, schema: Schema, samples?: number[]): Program {
  const root = parseExpression(src)
  const nSamples = schema.header.samples.length
  const code: number[] = []
  const consts: number[] = []
  const strings: string[] = []
  const masks: Uint8Array[] = []
  const info = new Set<string>()
  const format = new Set<string>()
  const err = (msg: string, col: number) => new ExpressionError(msg, src, col)
  const emit = (op: number, a = 0, b = 0, c = 0, d = 0) => code.push(op, a, b, c, d)
  const maskIndex = (m: Uint8Array | null, keep = false): number => {
    if (!m || (!keep && m.every((x) => x === 1))) return -1
    masks.push(m)
    return masks.length - 1
  }
  const union = (x: Uint8Array | null, y: Uint8Array | null): Uint8Array | null => {
    if (!x) return y
    if (!y) return x
    return x.map((v, i) => v | y[i])
  }
  const allMask = () => {
    if (!samples) return new Uint8Array(nSamples).fill(1)
    const m = new Uint8Array(nSamples)
    for (const s of samples) m[s] = 1
    return m
  }
  const pushConst = (values: number[]) => {
    const at = consts.length
    consts.push(...values)
    emit(Op.CONST, at, values.length)
  }
  const pushString = (s: string): number => { strings.push(s); return strings.length - 1 }
  // -s with no sample left: bcftools' subset header has no samples, so FORMAT and GT read as
  // site-level values with nothing in them
  const noSamples = () => samples !== undefined && samples.length === 0

  const lookup = (name: string, col: number): { kind: TagKind; tag: TagInfo } => {
    const m = /^(INFO|FMT|FORMAT)\/(.+)$/i.exec(name)
    const scope = m ? (m[1].toUpperCase() === 'INFO' ? TagKind.INFO : TagKind.FORMAT) : undefined
    const id = m ? m[2] : name
    if (scope !== TagKind.FORMAT && schema.info.has(id)) return { kind: TagKind.INFO, tag: schema.info.get(id)! }
    if (scope !== TagKind.INFO && schema.format.has(id)) return { kind: TagKind.FORMAT, tag: schema.format.get(id)! }
    throw err(`the tag "${id}" is not defined in the VCF header`, col)
  }

  const sampleMask = (sub: { sample?: number | '*'; col: number } | undefined): Uint8Array | null => {
    if (!sub || sub.sample === undefined || sub.sample === '*') return allMask()
    // the subset header keeps the samples in header order, whatever the order of the -s list
    const visible = samples ? [...samples].sort((x, y) => x - y) : schema.header.samples.map((_, i) => i)
    if (sub.sample >= visible.length) throw err(`sample index ${sub.sample} is out of range (${visible.length} samples)`, sub.col)
    const m = new Uint8Array(nSamples)
    m[visible[sub.sample]] = 1
    return m
  }

  /** A value-producing leaf; returns what it pushed. */
  const leaf = (n: Node): Emitted => {
    if (n.kind === 'num') { pushConst([n.value]); return { perSample: false, mask: null } }
    if (n.kind === 'str') {
      if (n.value === '.') { pushConst([NaN]); return { perSample: false, mask: null } }
      const v = Number(n.value)
      if (n.value.trim() !== '' && Number.isFinite(v)) { pushConst([v]); return { perSample: false, mask: null } }
      throw err(`a string (${JSON.stringify(n.value)}) can only be compared with a string field`, n.col)
    }
    if (n.kind !== 'field') return node(n)
    const name = n.name
    switch (name.toUpperCase()) {
      case 'QUAL': emit(Op.QUAL); return { perSample: false, mask: null }
      case 'POS': emit(Op.POS); return { perSample: false, mask: null }
      case 'N_ALT': emit(Op.NALT); return { perSample: false, mask: null }
      case 'N_SAMPLES':
        // with -s (query) bcftools counts the samples of the subset header
        if (samples) pushConst([samples.length]); else emit(Op.NSAMPLES)
        return { perSample: false, mask: null }
      case 'RLEN': emit(Op.RLEN); return { perSample: false, mask: null }
    }
    const { kind, tag } = lookup(name, n.col)
    if (kind === TagKind.INFO) {
      info.add(tag.def.id)
      if (tag.wtype === WType.FLAG) { emit(Op.INFO_FLAG, tag.index); return { perSample: false, mask: null } }
      if (tag.wtype === WType.STRING) throw err(`INFO/${tag.def.id} is a string: compare it with a quoted string`, n.col)
      const vi = n.sub?.sample
      // bcftools reads Number=1 tags as scalars, others as vectors (see vm.ts)
      const mode = tag.def.number === '1' ? 0 : tag.wtype === WType.INT ? 1 : 2
      emit(Op.INFO, tag.index, vi === undefined || vi === '*' ? -1 : vi, mode)
      return { perSample: false, mask: null }
    }
    format.add(tag.def.id)
    if (tag.wtype === WType.GT) throw err('GT can only be compared with "het", "hom", "hap", "ref", "alt", "mis", "rr", "ra", "aa", "aA", "r" or "a"', n.col)
    if (tag.wtype === WType.STRING || tag.wtype === WType.FLAG) throw err(`FORMAT/${tag.def.id} string comparisons are not supported`, n.col)
    // filter.c parse_tag_idx: TAG[n] names a sample, which only makes sense for Number=1
    if (n.sub && n.sub.value === undefined && n.sub.sample !== '*' && tag.def.number !== '1') {
      throw err(`the FORMAT tag ${tag.def.id} can have multiple subfields, write ${tag.def.id}[sample:subfield]`, n.sub.col)
    }
    const mask = sampleMask(n.sub)
    if (noSamples()) { pushConst([]); return { perSample: false, mask: null } }
    // a Number=1 tag is read as its first value per sample (filters_init1 leaves idx=0), even
    // where a record carries more; [*] reads every value
    const vi = n.sub?.value ?? (tag.def.number === '1' && n.sub?.sample !== '*' ? 0 : undefined)
    emit(Op.FMT, tag.index, vi === undefined || vi === '*' ? -1 : vi, maskIndex(mask), samples ? maskIndex(allMask(), true) + 1 : 0)
    return { perSample: true, mask }
  }

  const isStrField = (n: Node): boolean => {
    if (n.kind !== 'field') return false
    const u = n.name.toUpperCase()
    if (u in STR_FIELDS || u === 'FILTER' || u === 'TYPE' || u === 'GT' || /^(FMT|FORMAT)\/GT$/i.test(n.name)) return true
    try {
      const { kind, tag } = lookup(n.name, n.col)
      return kind === TagKind.INFO && tag.wtype === WType.STRING
    } catch { return false }
  }

  const compareStrings = (field: Node & { kind: 'field' }, lit: Node, op: CmpOp, col: number): Emitted => {
    if (lit.kind !== 'str' && lit.kind !== 'num') throw err('expected a quoted string to compare with', lit.col)
    const value = lit.kind === 'str' ? lit.value : String(lit.value)
    const u = field.name.toUpperCase()
    if (u === 'FILTER') {
      if (!['==', '!=', '~', '!~'].includes(op)) throw err('only ==, !=, ~ and !~ work with FILTER', col)
      emit(Op.FILTER, CMP_CODE[op], pushString(value))
      return { perSample: false, mask: null }
    }
    if (u === 'TYPE') {
      const bit = TYPES[value.toLowerCase()]
      if (bit === undefined) throw err(`unknown TYPE "${value}" (snp, mnp, indel, ref, bnd, other, overlap)`, lit.col)
      if (!['==', '!=', '~', '!~'].includes(op)) throw err('only ==, !=, ~ and !~ work with TYPE', col)
      emit(Op.TYPE)
      pushConst([bit])
      emit(Op.CMP, CMP_CODE[op], -1)
      return { perSample: false, mask: null }
    }
    if (u === 'GT' || /^(FMT|FORMAT)\/GT$/i.test(field.name)) {
      const cls = GT_CLASSES[value] ?? GT_CLASSES[value.toLowerCase()]
      if (!cls) throw err(`unsupported genotype "${value}" (het, hom, hap, ref, alt, mis, rr, ra, aa, aA, r, a)`, lit.col)
      if (op !== '==' && op !== '!=') throw err('only == and != work with GT classes', col)
      // the schema always knows GT (htslib decodes it undeclared), but like bcftools a filter
      // on it needs the file to declare it
      const gt = schema.header.format.has('GT') ? schema.format.get('GT') : undefined
      if (!gt) throw err('the tag "GT" is not defined in the VCF header', field.col)
      format.add('GT')
      const mask = sampleMask(field.sub)
      if (noSamples()) {
        pushConst([])
        pushConst([cls[1]])
        emit(Op.CMP, CMP_CODE[op], -1)
        return { perSample: false, mask: null }
      }
      const mi = maskIndex(mask)
      emit(Op.GT_CLASS, cls[0] | (gt.index << 4), mi)
      pushConst([cls[1]])
      emit(Op.CMP, CMP_CODE[op], mi)
      return { perSample: true, mask }
    }
    if (op !== '==' && op !== '!=') throw err('only == and != work with strings', col)
    if (u in STR_FIELDS) {
      emit(Op.STR, STR_FIELDS[u], 0, CMP_CODE[op], pushString(value))
      return { perSample: false, mask: null }
    }
    const { tag } = lookup(field.name, field.col)
    info.add(tag.def.id)
    emit(Op.STR, 0, tag.index, CMP_CODE[op], pushString(value))
    return { perSample: false, mask: null }
  }

  function node(n: Node): Emitted {
    if (n.kind === 'logic') {
      const a = node(n.a)
      // AND fails whenever its left side failed at site level: skip the right side then
      // (not when the right side compares two FORMAT tags: bcftools evaluates it anyway and
      // stops with an error when their numbers of values differ)
      const jump = n.op.startsWith('&') && !hasFormatPair(n.b, schema) ? code.length : -1
      if (jump >= 0) emit(Op.JUMP_IF_FALSE, 0)
      const b = node(n.b)
      const mask = union(a.mask, b.mask)
      if (jump >= 0) {
        // the jump lands past the AND below and leaves what the AND would have produced:
        // bcftools' vector_logic_and with a failed side is a token with pass_site 0 that is
        // per-sample (all samples failed) whenever either side is per-sample. This matters to an
        // enclosing '||': `FMT/GQ>30 || (INFO/DP>1e5 & GT="hom")` selects every sample of a
        // site where the right side failed per-sample, but only the GQ>30 samples where it
        // failed at site level (finding 4).
        code[jump + 1] = code.length / 5 + 1
        code[jump + 2] = a.perSample || b.perSample ? 1 : 0
        code[jump + 3] = maskIndex(mask)
      }
      const vec = n.op === '&&' || n.op === '||' ? 1 : 0
      emit(n.op.startsWith('&') ? Op.AND : Op.OR, vec, maskIndex(mask))
      return { perSample: a.perSample || b.perSample, mask }
    }
    if (n.kind === 'not') {
      const a = node(n.a)
      emit(Op.NOT, maskIndex(a.mask))
      return a
    }
    if (n.kind === 'cmp') {
      if (isStrField(n.a)) return compareStrings(n.a as Node & { kind: 'field' }, n.b, n.op, n.col)
      if (isStrField(n.b)) return compareStrings(n.b as Node & { kind: 'field' }, n.a, flip(n.op), n.col)
      if (n.op === '~' || n.op === '!~') throw err('regular expressions (~) are supported for FILTER and TYPE only', n.col)
      const a = leaf(n.a), b = leaf(n.b)
      const mask = a.perSample && b.perSample ? a.mask!.map((v, i) => v & b.mask![i]) : union(a.mask, b.mask)
      emit(Op.CMP, CMP_CODE[n.op], maskIndex(mask))
      return { perSample: a.perSample || b.perSample, mask }
    }
    if (n.kind === 'field') {
      // bcftools silently evaluates a bare tag as false; say so instead of matching nothing
      const hint = /^(INFO\/)?[A-Za-z_]/.test(n.name) ? ` (to test a flag write ${n.name}=1)` : ''
      throw err(`${n.name} alone is not a test${hint}`, n.col)
    }
    throw err('expected a comparison', n.col)
  }

  const top = node(root)
  const enc = new TextEncoder()
  const bytes = strings.map((s) => enc.encode(s))
  const total = bytes.reduce((s, b) => s + b.length, 0)
  const stringsBuf = new Uint8Array(total)
  const index = new Int32Array(bytes.length * 2)
  let o = 0
  bytes.forEach((b, i) => { stringsBuf.set(b, o); index[2 * i] = o; index[2 * i + 1] = b.length; o += b.length })
  const maskBuf = new Uint8Array(masks.length * nSamples)
  masks.forEach((m, i) => maskBuf.set(m, i * nSamples))
  if (code.length / 5 > 256) throw err('expression too long (max 256 operations)', 1)
  return {
    code: Int32Array.from(code), consts: Float64Array.from(consts), strings: stringsBuf, stringIndex: index, masks: maskBuf,
    info: [...info], format: [...format], perSample: top.perSample,
  }
}

function isFormatField(n: Node, schema: Schema): boolean {
  if (n.kind !== 'field') return false
  const m = /^(INFO|FMT|FORMAT)\/(.+)$/i.exec(n.name)
  if (m) return m[1].toUpperCase() !== 'INFO'
  return !schema.info.has(n.name) && schema.format.has(n.name)
}

/** True when the subtree compares two FORMAT values (a comparison that can fail at run time). */
function hasFormatPair(n: Node, schema: Schema): boolean {
  if (n.kind === 'logic') return hasFormatPair(n.a, schema) || hasFormatPair(n.b, schema)
  if (n.kind === 'not') return hasFormatPair(n.a, schema)
  if (n.kind === 'cmp') return isFormatField(n.a, schema) && isFormatField(n.b, schema)
  return false
}

function flip(op: CmpOp): CmpOp {
  return ({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, CmpOp>)[op] ?? op
}

// A small, safe expression language for [[postannotation]] in place of Lua: the expression
// subset of Lua (so simple vcfanno `lua:` one-liners run unchanged), interpreted over a
// syntax tree. Nothing is evaluated as JavaScript; only whitelisted functions can be called.
//
//   numbers, "strings", true/false/nil, + - * / % ^, .. (concat), == ~= != < <= > >=,
//   and / or / not (Lua semantics: `c and a or b` picks a value), #x, x[i] (1-based),
//   calls: math.max/min/abs/floor/ceil/sqrt/exp/log/log10, tostring, tonumber, string.len,
//   string.upper, string.lower, string.sub; variables: INFO fields, chrom, start, stop.
import { UsageError } from '../errors.js'

export type Value = number | string | boolean | null | Value[]

type Node =
  | { t: 'lit'; v: Value }
  | { t: 'var'; name: string }
  | { t: 'un'; op: string; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node }
  | { t: 'call'; fn: string; args: Node[] }
  | { t: 'index'; a: Node; i: Node }

const FUNCS: Record<string, (...a: Value[]) => Value> = {
  'math.max': (...a) => Math.max(...a.map(num)),
  'math.min': (...a) => Math.min(...a.map(num)),
  'math.abs': (a) => Math.abs(num(a)),
  'math.floor': (a) => Math.floor(num(a)),
  'math.ceil': (a) => Math.ceil(num(a)),
  'math.sqrt': (a) => Math.sqrt(num(a)),
  'math.exp': (a) => Math.exp(num(a)),
  'math.log': (a, b) => (b === undefined || b === null ? Math.log(num(a)) : Math.log(num(a)) / Math.log(num(b))),
  'math.log10': (a) => Math.log10(num(a)),
  tostring: (a) => luaString(a),
  tonumber: (a) => { if (typeof a === 'number') return a; const d = typeof a === 'string' && a.trim() !== '' ? Number(a) : NaN; return Number.isNaN(d) ? null : d },
  'string.len': (a) => str(a).length,
  'string.upper': (a) => str(a).toUpperCase(),
  'string.lower': (a) => str(a).toLowerCase(),
  'string.sub': (s, i, j) => {
    const x = str(s), n = x.length
    let a = i === undefined ? 1 : num(i), b = j === undefined || j === null ? n : num(j)
    if (a < 0) a = Math.max(n + a + 1, 1); else if (a === 0) a = 1
    if (b < 0) b = n + b + 1; else if (b > n) b = n
    return a > b ? '' : x.slice(a - 1, b)
  },
}

export class ExprError extends Error {}

function num(v: Value): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v)
  throw new ExprError(`attempt to perform arithmetic on a ${v === null ? 'nil' : Array.isArray(v) ? 'table' : typeof v} value`)
}
function str(v: Value): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number') return luaString(v)
  throw new ExprError(`attempt to use a ${v === null ? 'nil' : typeof v} value as a string`)
}
const truthy = (v: Value) => v !== null && v !== false

/** Lua's tostring of a number: integers without a fraction, else %.14g. */
export function luaString(v: Value): string {
  if (v === null) return 'nil'
  if (typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return 'table'
  if (typeof v === 'string') return v
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v)
  if (Number.isNaN(v)) return 'nan'
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf'
  const s = v.toPrecision(14)
  if (s.includes('e')) {
    const [m, e] = s.split('e')
    const mm = m.includes('.') ? m.replace(/0+$/, '').replace(/\.$/, '') : m
    const x = Number(e)
    return `${mm}e${x < 0 ? '-' : '+'}${Math.abs(x) < 10 ? '0' : ''}${Math.abs(x)}`
  }
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s
}

// ---- lexer ----
type Tok = { k: 'num' | 'str' | 'name' | 'op' | 'end'; v: string }
const OPS = ['==', '~=', '!=', '<=', '>=', '..', '+', '-', '*', '/', '%', '^', '<', '>', '(', ')', '[', ']', ',', '#', '.']

function lex(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) { i++; continue }
    const numM = /^(0x[0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)/.exec(src.slice(i))
    if (numM && !(c === '.' && src[i + 1] === '.')) { out.push({ k: 'num', v: numM[0] }); i += numM[0].length; continue }
    if (c === '"' || c === "'") {
      let j = i + 1, s = ''
      while (j < src.length && src[j] !== c) {
        if (src[j] === '\\' && j + 1 < src.length) { const e = src[++j]; s += e === 'n' ? '\n' : e === 't' ? '\t' : e } else s += src[j]
        j++
      }
      if (j >= src.length) throw new UsageError(`expression: unterminated string in ${src}`)
      out.push({ k: 'str', v: s })
      i = j + 1
      continue
    }
    const nameM = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))
    if (nameM) { out.push({ k: 'name', v: nameM[0] }); i += nameM[0].length; continue }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (!op) throw new UsageError(`expression: unexpected "${c}" in ${src}`)
    out.push({ k: 'op', v: op })
    i += op.length
  }
  out.push({ k: 'end', v: '' })
  return out
}

// ---- parser (precedence climbing, Lua's levels) ----
const BIN: Record<string, [number, boolean]> = { // precedence, right-assoc
  or: [1, false], and: [2, false],
  '<': [3, false], '>': [3, false], '<=': [3, false], '>=': [3, false], '~=': [3, false], '!=': [3, false], '==': [3, false],
  '..': [4, true], '+': [5, false], '-': [5, false], '*': [6, false], '/': [6, false], '%': [6, false], '^': [8, true],
}
const UNARY_PREC = 7

/** Compiles an expression; throws a UsageError naming the problem. */
export function compileExpr(src: string): (vars: (name: string) => Value) => Value {
  const toks = lex(src)
  let p = 0
  const peek = () => toks[p]
  const next = () => toks[p++]
  const expect = (v: string) => { const t = next(); if (t.v !== v || (t.k !== 'op')) throw new UsageError(`expression: expected "${v}" in ${src}`) }
  const binOp = (t: Tok) => (t.k === 'op' || (t.k === 'name' && (t.v === 'and' || t.v === 'or'))) && BIN[t.v] ? t.v : undefined

  function parseExpr(minPrec: number): Node {
    let left = parseUnary()
    for (;;) {
      const op = binOp(peek())
      if (!op) break
      const [prec, right] = BIN[op]
      if (prec < minPrec) break
      next()
      const rhs = parseExpr(right ? prec : prec + 1)
      left = { t: 'bin', op, a: left, b: rhs }
    }
    return left
  }
  function parseUnary(): Node {
    const t = peek()
    if ((t.k === 'name' && t.v === 'not') || (t.k === 'op' && (t.v === '-' || t.v === '#'))) {
      next()
      return { t: 'un', op: t.v, a: parseExpr(UNARY_PREC) }
    }
    return parsePostfix(parsePrimary())
  }
  function parsePostfix(n: Node): Node {
    while (peek().k === 'op' && peek().v === '[') {
      next()
      const i = parseExpr(1)
      expect(']')
      n = { t: 'index', a: n, i }
    }
    return n
  }
  function parsePrimary(): Node {
    const t = next()
    if (t.k === 'num') return { t: 'lit', v: Number(t.v) }
    if (t.k === 'str') return { t: 'lit', v: t.v }
    if (t.k === 'op' && t.v === '(') { const e = parseExpr(1); expect(')'); return e }
    if (t.k === 'name') {
      if (t.v === 'true') return { t: 'lit', v: true }
      if (t.v === 'false') return { t: 'lit', v: false }
      if (t.v === 'nil') return { t: 'lit', v: null }
      let name = t.v
      while (peek().k === 'op' && peek().v === '.' && toks[p + 1]?.k === 'name') { next(); name += '.' + next().v }
      if (peek().k === 'op' && peek().v === '(') {
        next()
        if (!FUNCS[name]) throw new UsageError(`expression: unknown function ${name}() in ${src} (custom Lua functions are not run; see docs/annotate.md)`)
        const args: Node[] = []
        if (!(peek().k === 'op' && peek().v === ')')) {
          for (;;) { args.push(parseExpr(1)); if (peek().k === 'op' && peek().v === ',') { next(); continue } break }
        }
        expect(')')
        return { t: 'call', fn: name, args }
      }
      if (name.includes('.')) throw new UsageError(`expression: unknown name ${name} in ${src}`)
      return { t: 'var', name }
    }
    throw new UsageError(`expression: unexpected "${t.v || 'end'}" in ${src}`)
  }
  // a Lua chunk may be written as `return EXPR`
  if (peek().k === 'name' && peek().v === 'return') next()
  const tree = parseExpr(1)
  if (peek().k !== 'end') throw new UsageError(`expression: unexpected "${peek().v}" in ${src}`)

  const ev = (n: Node, vars: (name: string) => Value): Value => {
    switch (n.t) {
      case 'lit': return n.v
      case 'var': return vars(n.name)
      case 'index': {
        const a = ev(n.a, vars), i = num(ev(n.i, vars))
        if (!Array.isArray(a)) throw new ExprError('attempt to index a non-table value')
        return a[i - 1] ?? null
      }
      case 'call': return FUNCS[n.fn](...n.args.map((x) => ev(x, vars)))
      case 'un': {
        const a = ev(n.a, vars)
        if (n.op === 'not') return !truthy(a)
        if (n.op === '#') { if (Array.isArray(a) || typeof a === 'string') return a.length; throw new ExprError('attempt to get length of a non-table value') }
        return -num(a)
      }
      case 'bin': {
        if (n.op === 'and') { const a = ev(n.a, vars); return truthy(a) ? ev(n.b, vars) : a }
        if (n.op === 'or') { const a = ev(n.a, vars); return truthy(a) ? a : ev(n.b, vars) }
        const a = ev(n.a, vars), b = ev(n.b, vars)
        switch (n.op) {
          case '+': return num(a) + num(b)
          case '-': return num(a) - num(b)
          case '*': return num(a) * num(b)
          case '/': return num(a) / num(b)
          case '%': { const x = num(a), y = num(b); return x - Math.floor(x / y) * y }
          case '^': return num(a) ** num(b)
          case '..': return str(a) + str(b)
          case '==': return a === b
          case '~=': case '!=': return a !== b
          default: {
            if (typeof a === 'string' && typeof b === 'string') {
              return n.op === '<' ? a < b : n.op === '>' ? a > b : n.op === '<=' ? a <= b : a >= b
            }
            if (typeof a !== 'number' || typeof b !== 'number') throw new ExprError('attempt to compare incompatible values')
            return n.op === '<' ? a < b : n.op === '>' ? a > b : n.op === '<=' ? a <= b : a >= b
          }
        }
      }
    }
  }
  return (vars) => ev(tree, vars)
}

// bcftools filter expressions (-i/-e) -> AST, with 1-based columns for error messages.
import { ExpressionError } from '../errors.js'

export type CmpOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~'
export type LogicOp = '&&' | '&' | '||' | '|'

export type Node =
  | { kind: 'num'; value: number; col: number } // NaN = missing "."
  | { kind: 'str'; value: string; col: number }
  | { kind: 'field'; name: string; col: number; sub?: Subscript }
  | { kind: 'cmp'; op: CmpOp; a: Node; b: Node; col: number }
  | { kind: 'logic'; op: LogicOp; a: Node; b: Node; col: number }
  | { kind: 'not'; a: Node; col: number }

/** FORMAT: [sample] or [sample:value] with '*' for all; INFO: [value]. */
export interface Subscript { sample?: number | '*'; value?: number | '*'; col: number }

interface Tok { t: 'num' | 'str' | 'id' | 'op' | '(' | ')' | 'end'; v: string; col: number; sub?: Subscript }

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '!~', '&', '|', '<', '>', '=', '~', '!', '+', '-', '*', '/']

function lex(src: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  const err = (msg: string, at: number) => new ExpressionError(msg, src, at + 1)
  while (i < src.length) {
    const c = src[i]
    if (/\s/.test(c)) { i++; continue }
    const col = i + 1
    if (c === '(' || c === ')') { out.push({ t: c, v: c, col }); i++; continue }
    if (c === '"' || c === "'") {
      const j = src.indexOf(c, i + 1)
      if (j < 0) throw err('unterminated string', i)
      out.push({ t: 'str', v: src.slice(i + 1, j), col })
      i = j + 1
      continue
    }
    const num = /^(\d+\.?\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?)(?![A-Za-z_])/.exec(src.slice(i))
    if (num) { out.push({ t: 'num', v: num[0], col }); i += num[0].length; continue }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*(\/[A-Za-z0-9_.]+)?/.exec(src.slice(i))
    if (id) {
      i += id[0].length
      let sub: Subscript | undefined
      if (src[i] === '[') {
        const j = src.indexOf(']', i)
        if (j < 0) throw err("missing ']'", i)
        sub = parseSub(src.slice(i + 1, j), i + 1, src)
        i = j + 1
      }
      out.push({ t: 'id', v: id[0], col, sub })
      continue
    }
    if (c === '.') { out.push({ t: 'str', v: '.', col }); i++; continue }
    const op = OPS.find((o) => src.startsWith(o, i))
    if (op) { out.push({ t: 'op', v: op, col }); i += op.length; continue }
    throw err(`unexpected character ${JSON.stringify(c)}`, i)
  }
  out.push({ t: 'end', v: '', col: src.length + 1 })
  return out
}

function parseSub(s: string, col: number, src: string): Subscript {
  const part = (p: string): number | '*' => {
    const q = p.trim()
    if (q === '*' || q === '') return '*'
    if (!/^\d+$/.test(q)) throw new ExpressionError(`unsupported subscript ${JSON.stringify(s)} (expected [n], [n:m] or [*:m])`, src, col + 1)
    return Number(q)
  }
  const bits = s.split(':')
  if (bits.length > 2) throw new ExpressionError(`unsupported subscript ${JSON.stringify(s)}`, src, col + 1)
  return bits.length === 2 ? { sample: part(bits[0]), value: part(bits[1]), col: col + 1 } : { sample: part(bits[0]), col: col + 1 }
}

export function parseExpression(src: string): Node {
  const toks = lex(src)
  let k = 0
  const peek = () => toks[k]
  const err = (msg: string, t: Tok) => new ExpressionError(msg, src, t.col)

  // bcftools' shunting-yard (filters_init) pops an operator only for one of strictly lower
  // precedence, so chains of equal precedence group to the right: `a || b | c` is
  // `a || (b | c)` and `a & b && c` is `a & (b && c)`. The per-sample logic of && and || is not
  // associative, so the grouping matters.
  function or(): Node {
    const a = and()
    if (peek().t === 'op' && (peek().v === '||' || peek().v === '|')) {
      const t = toks[k++]
      return { kind: 'logic', op: t.v as LogicOp, a, b: or(), col: t.col }
    }
    return a
  }
  function and(): Node {
    const a = unary()
    if (peek().t === 'op' && (peek().v === '&&' || peek().v === '&')) {
      const t = toks[k++]
      return { kind: 'logic', op: t.v as LogicOp, a, b: and(), col: t.col }
    }
    return a
  }
  function unary(): Node {
    const t = peek()
    if (t.t === 'op' && t.v === '!') { k++; return { kind: 'not', a: unary(), col: t.col } }
    return cmp()
  }
  function cmp(): Node {
    const a = operand()
    const t = peek()
    if (t.t === 'op' && ['==', '=', '!=', '<', '<=', '>', '>=', '~', '!~'].includes(t.v)) {
      k++
      const b = operand()
      return { kind: 'cmp', op: (t.v === '=' ? '==' : t.v) as CmpOp, a, b, col: t.col }
    }
    if (t.t === 'op' && ['+', '-', '*', '/'].includes(t.v)) throw err(`arithmetic (${t.v}) is not supported`, t)
    return a
  }
  function operand(): Node {
    const t = toks[k++]
    if (t.t === '(') {
      const e = or()
      const c = toks[k++]
      if (c.t !== ')') throw err("expected ')'", c)
      return e
    }
    if (t.t === 'num') return { kind: 'num', value: Number(t.v), col: t.col }
    if (t.t === 'str') return { kind: 'str', value: t.v, col: t.col }
    if (t.t === 'op' && t.v === '-' && peek().t === 'num') {
      const n = toks[k++]
      return { kind: 'num', value: -Number(n.v), col: t.col }
    }
    if (t.t === 'id') {
      if (peek().t === '(') throw err(`function ${t.v}() is not supported`, t)
      return { kind: 'field', name: t.v, col: t.col, sub: t.sub }
    }
    if (t.t === 'end') throw err('unexpected end of expression', t)
    throw err(`unexpected ${JSON.stringify(t.v)}`, t)
  }
  const root = or()
  if (peek().t !== 'end') throw err(`unexpected ${JSON.stringify(peek().v)}`, peek())
  return root
}

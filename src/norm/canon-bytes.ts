// Canonical bytes for records normalisation leaves unchanged: the line as htslib prints it
// after parsing (what bcftools norm writes), produced by copying bytes and rewriting only
// what differs: numbers in Integer/Float fields (GATK's FS=0.000, MQ=60.00; floats are
// float32 printed with kputd), empty INFO entries, samples with fewer fields than FORMAT
// (filled with '.'). No strings are made per record; the output goes into an arena.
import type { VcfHeader } from '../header/header.js'
import type { RecordBatch } from '../batch/batch.js'
import { Col } from '../wasm/core.js'
import { kputd } from '../format/numbers.js'

const OTHER = 0, INT = 1, FLOAT = 2
const typeCode = (t: string | undefined): number => (t === 'Integer' ? INT : t === 'Float' ? FLOAT : OTHER)

const CACHE = 4096

interface KeyType { key: Uint8Array; type: number }

export class ByteCanon {
  private out = new Uint8Array(1 << 16)
  private o = 0
  private readonly infoTypes = new Map<number, KeyType[]>()
  private lastFmt = new Uint8Array(0)
  private fmtTypes: number[] = []
  private readonly fmtCache = new Map<string, number[]>()
  private readonly dec = new TextDecoder()
  // number bytes -> canonical bytes: the same few values (MQ=60.00, FS=0.000) recur
  private readonly cache: Array<{ from: Uint8Array; to: Uint8Array } | undefined> = new Array(CACHE)

  constructor(private readonly header: VcfHeader) {}

  /** A fresh arena for a batch: lines written before stay valid (the sort buffer holds them). */
  reset(capacity: number): void {
    this.out = new Uint8Array(Math.max(capacity, 1 << 16))
    this.o = 0
  }

  private ensure(n: number): void {
    if (this.o + n <= this.out.length) return
    const next = new Uint8Array(Math.max(this.out.length * 2, this.o + n))
    next.set(this.out.subarray(0, this.o))
    // earlier lines keep pointing into the old arena: only what follows goes to the new one
    this.out = next
  }

  private copy(b: Uint8Array, s: number, e: number): void {
    const out = this.out
    let o = this.o
    if (e - s > 64) { out.set(b.subarray(s, e), o); o += e - s } else for (let k = s; k < e; k++) out[o++] = b[k]
    this.o = o
  }

  private put(c: number): void { this.out[this.o++] = c }

  /** Record i of b as htslib prints it, with its newline; a view into the arena. */
  line(b: RecordBatch, i: number): Uint8Array {
    const bytes = b.bytes
    const start = b.lineStart[i], end = b.lineEnd[i]
    const nSamples = b.samples.length
    this.ensure((end - start) * 2 + 64 + nSamples * ((b.col(Col.FMT_END)[i] - b.col(Col.FMT_START)[i]) * 2 + 4))
    const first = this.o
    const qs = b.col(Col.ALT_END)[i] + 1, fs = b.col(Col.FILTER_START)[i]
    this.copy(bytes, start, qs)
    this.number(bytes, qs, fs - 1, FLOAT)
    const is = b.col(Col.INFO_START)[i], ie = b.col(Col.INFO_END)[i]
    this.copy(bytes, fs - 1, is) // the tab, FILTER, the tab
    this.info(bytes, is, ie)
    const ms = b.col(Col.FMT_START)[i], me = b.col(Col.FMT_END)[i]
    if (ie < end && ms < end) {
      this.put(9)
      this.format(bytes, ms, me, end)
    }
    this.put(10)
    return this.out.subarray(first, this.o)
  }

  private info(b: Uint8Array, s: number, e: number): void {
    if (e - s === 1 && b[s] === 46) { this.put(46); return }
    let wrote = false
    let p = s
    while (p <= e) {
      let q = p
      while (q < e && b[q] !== 59) q++
      if (q > p) {
        if (wrote) this.put(59)
        wrote = true
        let eq = p
        while (eq < q && b[eq] !== 61) eq++
        if (eq < q) {
          const t = this.infoType(b, p, eq)
          this.copy(b, p, eq + 1)
          if (t === OTHER) this.copy(b, eq + 1, q)
          else this.values(b, eq + 1, q, t)
        } else this.copy(b, p, q)
      }
      p = q + 1
    }
    if (!wrote) this.put(46)
  }

  private infoType(b: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5
    for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 16777619)
    let list = this.infoTypes.get(h)
    if (list) {
      outer: for (const kt of list) {
        if (kt.key.length !== e - s) continue
        for (let k = 0; k < kt.key.length; k++) if (kt.key[k] !== b[s + k]) continue outer
        return kt.type
      }
    } else {
      list = []
      this.infoTypes.set(h, list)
    }
    const key = b.slice(s, e)
    const type = typeCode(this.header.info.get(this.dec.decode(key))?.type)
    list.push({ key, type })
    return type
  }

  /** Comma-separated numbers of one field. */
  private values(b: Uint8Array, s: number, e: number, t: number): void {
    if (s === e) { this.put(46); return }
    let p = s
    for (;;) {
      let q = p
      while (q < e && b[q] !== 44) q++
      this.number(b, p, q, t)
      if (q >= e) break
      this.put(44)
      p = q + 1
    }
  }

  private number(b: Uint8Array, s: number, e: number, t: number): void {
    if (s === e) { this.put(46); return }
    if (e - s === 1 && b[s] === 46) { this.put(46); return }
    const rewrite = t === FLOAT ? nonCanonicalNumber(b, s, e, true) : nonCanonicalInt(b, s, e)
    if (!rewrite) { this.copy(b, s, e); return }
    // cached by the token's bytes (hash, then compared): no string per token
    let h = t
    for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 16777619)
    h >>>= 0
    const slot = h & (CACHE - 1)
    const hit = this.cache[slot]
    if (hit && hit.from.length === e - s) {
      let k = 0
      while (k < e - s && hit.from[k] === b[s + k]) k++
      if (k === e - s) { this.ensure(hit.to.length); this.copy(hit.to, 0, hit.to.length); return }
    }
    let text = ''
    for (let k = s; k < e; k++) text += String.fromCharCode(b[k])
    const d = Number(text)
    const c = Number.isNaN(d) || (t === INT && !/^[-+]?\d+$/.test(text)) ? text : t === FLOAT ? kputd(Math.fround(d)) : String(d)
    const to = new Uint8Array(c.length)
    for (let k = 0; k < c.length; k++) to[k] = c.charCodeAt(k)
    this.cache[slot] = { from: b.slice(s, e), to }
    this.ensure(to.length)
    this.copy(to, 0, to.length)
  }

  private format(b: Uint8Array, ms: number, me: number, end: number): void {
    const types = this.formatTypes(b, ms, me)
    this.copy(b, ms, me)
    const nk = types.length
    let p = me
    while (p < end) {
      this.put(9)
      p++
      let k = 0
      for (;;) {
        let q = p
        while (q < end && b[q] !== 58 && b[q] !== 9) q++
        if (k < nk) {
          if (k) this.put(58)
          const t = types[k]
          if (t === OTHER || t < 0) { if (q > p) this.copy(b, p, q); else this.put(46) } else this.values(b, p, q, t)
        } else this.copy(b, p - 1, q) // beyond FORMAT's keys: copied (htslib would reject the line anyway)
        k++
        p = q
        if (p >= end || b[p] === 9) break
        p++ // ':'
      }
      // fields the sample left out
      for (; k < nk; k++) { this.put(58); this.put(46) }
    }
  }

  private formatTypes(b: Uint8Array, s: number, e: number): number[] {
    const last = this.lastFmt
    if (last.length === e - s) {
      let k = 0
      while (k < last.length && last[k] === b[s + k]) k++
      if (k === last.length) return this.fmtTypes
    }
    const text = this.dec.decode(b.subarray(s, e))
    let types = this.fmtCache.get(text)
    if (!types) {
      // GT is copied as it is (-1); numbers per the header
      types = text.split(':').map((k) => (k === 'GT' ? -1 : typeCode(this.header.format.get(k)?.type)))
      this.fmtCache.set(text, types)
    }
    this.lastFmt = b.slice(s, e)
    this.fmtTypes = types
    return types
  }
}

/** Integer text htslib prints otherwise: a '+' sign or leading zeros. */
function nonCanonicalInt(b: Uint8Array, s: number, e: number): boolean {
  let p = s
  if (b[p] === 43) return true
  if (b[p] === 45) p++
  return b[p] === 48 && p + 1 < e
}

/**
 * A number token that htslib, after parsing it (floats as float32), would print otherwise:
 * a sign '+', an exponent, a leading zero, a trailing zero or point after the decimal point,
 * more than 6 significant digits around a point, a value below 1e-4, or (floats) an integer
 * of 7 digits or more. Tokens that are not numbers at all return false.
 */
export function nonCanonicalNumber(b: Uint8Array, s: number, e: number, float = false): boolean {
  let p = s
  if (b[p] === 43) return true
  if (b[p] === 45) p++
  const first = p
  let digits = 0, sig = 0, point = -1, zerosAfterPoint = 0
  for (; p < e; p++) {
    const c = b[p]
    if (c >= 48 && c <= 57) {
      digits++
      if (sig > 0 || c !== 48) sig++
      else if (point >= 0) zerosAfterPoint++
    } else if (c === 46 && point < 0) point = p
    else if ((c === 101 || c === 69) && digits > 0) return true
    else return false // not a number
  }
  if (digits === 0) return false
  if (b[first] === 48 && first + 1 < e && b[first + 1] >= 48 && b[first + 1] <= 57) return true // 01
  if (point < 0) return float && digits > 6 // 1000000 prints as 1e+06
  if (b[e - 1] === 48 || b[e - 1] === 46) return true // 0.50, 1.
  return sig > 6 || (sig > 0 && zerosAfterPoint >= 4 && b[first] === 48)
}

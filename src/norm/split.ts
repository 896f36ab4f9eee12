// Splitting a multi-allelic record into bi-allelic ones, as bcftools norm -m- does
// (split_multiallelic_to_biallelics in vcfnorm.c 1.16): Number=A/R/G INFO and FORMAT values
// picked per ALT, GT recoded (the ALT becomes 1, other ALTs 0), wrong value counts an error
// for numbers and a dropped tag for strings.
import type { VcfHeader } from '../header/header.js'
import { VcfParseError } from '../errors.js'
import { alleles2gt } from './alleles.js'
import type { InfoEntry, TextRecord } from './record.js'

const END = undefined

/**
 * bcftools' STR_MOVE_NTH on a comma-separated string: the nth field counted from `from`,
 * and where the scan stopped; undefined when there are fewer fields.
 */
function nth(s: string, from: number, n: number): { field: string; next: number } | undefined {
  let ss = from, se = from, j = 0
  while (se < s.length) {
    if (s.charCodeAt(se) === 44) {
      if (j === n) break
      j++
      ss = se + 1
    }
    se++
  }
  if (j !== n) return undefined
  return { field: s.slice(ss, se), next: se }
}

/** Fields at absolute indices (increasing), stepped the way bcftools steps STR_MOVE_NTH. */
function pickStrings(s: string, idx: number[]): string | undefined {
  const out: string[] = []
  let from = 0, prev = -1
  for (const k of idx) {
    const r = nth(s, from, k - prev - 1)
    if (!r) return undefined
    out.push(r.field)
    from = r.next + 1
    prev = k
  }
  return out.join(',')
}

/** Numbers: picked tokens up to the first absent one (htslib's vector end). */
function pickNumbers(tokens: string[], idx: number[]): string {
  const out: string[] = []
  for (const k of idx) {
    const t = k < tokens.length ? tokens[k] : END
    if (t === END) break
    out.push(t)
  }
  return out.join(',') // nothing when the first pick is absent: htslib prints a vector-end-first value as ''
}

export class Splitter {
  // per record, shared by its ALTs: each FORMAT column's values and number tokens
  private readonly columns = new Map<number, string[]>()
  private readonly tokens = new Map<number, string[][]>()

  constructor(private readonly header: VcfHeader) {}

  private wrong(kind: string, tag: string, r: TextRecord, expected: number, found: number): never {
    throw new VcfParseError(`Error: wrong number of fields in ${kind}/${tag} at ${r.chrom}:${r.pos0 + 1}, expected ${expected}, found ${found}`)
  }

  /** One bi-allelic record per ALT, in ALT order. */
  split(r: TextRecord): TextRecord[] {
    const out: TextRecord[] = []
    this.tokens.clear()
    this.columns.clear()
    for (let ialt = 0; ialt < r.alleles.length - 1; ialt++) {
      const info: InfoEntry[] = []
      for (const e of r.info) {
        const v = this.splitInfo(r, e, ialt)
        if (v) info.push(v === e ? { ...e } : v) // records are edited later (INFO/END): no sharing
      }
      const format: string[] = []
      const cols: string[][] = []
      r.format.forEach((key, k) => {
        const col = this.splitFormat(r, key, k, ialt)
        if (col) { format.push(key); cols.push(col) }
      })
      out.push({
        chrom: r.chrom, pos0: r.pos0, id: r.id, alleles: [r.alleles[0], r.alleles[ialt + 1]], qual: r.qual, filter: r.filter,
        info, format, samples: r.samples.map((_, s) => cols.map((c) => c[s])), hasSamples: r.hasSamples,
      })
    }
    return out
  }

  private splitInfo(r: TextRecord, e: InfoEntry, ialt: number): InfoEntry | undefined {
    const def = this.header.info.get(e.key)
    const type = def?.type ?? 'String'
    if (type === 'Flag' || e.value === undefined) return e
    const number = def?.number ?? '.'
    const nal = r.alleles.length
    const v = e.value
    if (type === 'Integer' || type === 'Float') {
      const t = v.split(',')
      if (number === 'A') {
        if (t.length !== nal - 1) this.wrong('INFO', e.key, r, nal - 1, t.length)
        return { key: e.key, value: t[ialt] }
      }
      if (number === 'R') {
        if (t.length !== nal) this.wrong('INFO', e.key, r, nal, t.length)
        return { key: e.key, value: `${t[0]},${t[ialt + 1]}` }
      }
      if (number === 'G') {
        const ng = (nal * (nal + 1)) / 2
        if (t.length !== ng) this.wrong('INFO', e.key, r, ng, t.length)
        return { key: e.key, value: [t[0], t[alleles2gt(0, ialt + 1)], t[alleles2gt(ialt + 1, ialt + 1)]].join(',') }
      }
      return e
    }
    let picked: string | undefined = v
    if (number === 'A') picked = pickStrings(v, [ialt])
    else if (number === 'R') picked = pickStrings(v, [0, ialt + 1])
    else if (number === 'G') picked = pickStrings(v, [0, alleles2gt(0, ialt + 1), alleles2gt(ialt + 1, ialt + 1)])
    return picked === undefined ? undefined : { key: e.key, value: picked }
  }

  /** The tag's value per sample in the ialt-th record, or undefined when bcftools drops the tag. */
  private splitFormat(r: TextRecord, key: string, k: number, ialt: number): string[] | undefined {
    let vals = this.columns.get(k)
    if (!vals) { vals = r.samples.map((row) => row[k]); this.columns.set(k, vals) }
    if (key === 'GT') return vals.map((g) => recodeGt(g, ialt))
    const def = this.header.format.get(key)
    const type = def?.type ?? 'String'
    const number = def?.number ?? '.'
    const nal = r.alleles.length
    const nsmpl = vals.length
    if (type === 'Integer' || type === 'Float') {
      let toks = this.tokens.get(k)
      if (!toks) { toks = vals.map((v) => v.split(',')); this.tokens.set(k, toks) }
      let max = 0
      for (const t of toks) if (t.length > max) max = t.length
      if (max === 1) return vals // one value per sample (or all missing): copied
      if (number === 'A') {
        if (max !== nal - 1) this.wrong('FMT', key, r, (nal - 1) * nsmpl, max * nsmpl)
        return toks.map((t) => pickNumbers(t, [ialt]))
      }
      if (number === 'R') {
        if (max !== nal) this.wrong('FMT', key, r, nal * nsmpl, max * nsmpl)
        return toks.map((t) => pickNumbers(t, [0, ialt + 1]))
      }
      if (number === 'G') {
        const ng = (nal * (nal + 1)) / 2
        if (max !== ng && max !== nal) throw new VcfParseError(`Error at ${r.chrom}:${r.pos0 + 1}, the tag ${key} has wrong number of fields`)
        const allHaploid = max === nal
        return toks.map((t) => (allHaploid || t.length < max)
          ? pickNumbers(t, [0, ialt + 1])
          : pickNumbers(t, [0, alleles2gt(0, ialt + 1), alleles2gt(ialt + 1, ialt + 1)]))
      }
      return vals
    }
    if (number === 'A' || number === 'R') {
      const idx = number === 'A' ? [ialt] : [0, ialt + 1]
      const out: string[] = []
      for (const v of vals) {
        const p = pickStrings(v, idx)
        if (p === undefined) return undefined // wrong number of fields: bcftools drops the tag
        out.push(p)
      }
      return out
    }
    if (number === 'G') {
      const ng = (nal * (nal + 1)) / 2
      const out: string[] = []
      for (const v of vals) {
        if (v === '.') { out.push(v); continue }
        const nf = v.split(',').length
        if (nf !== ng && nf !== nal) {
          throw new VcfParseError(`Error: wrong number of fields in FMT/${key} at ${r.chrom}:${r.pos0 + 1}, expected ${ng} or ${nal}, found ${nf}`)
        }
        const p = pickStrings(v, nf === nal ? [0, ialt + 1] : [0, alleles2gt(0, ialt + 1), alleles2gt(ialt + 1, ialt + 1)])
        if (p === undefined) return undefined
        out.push(p)
      }
      return out
    }
    return vals
  }
}

/** GT for the ialt-th split record: that ALT becomes 1, other ALTs 0; missing and REF kept. */
export function recodeGt(gt: string, ialt: number): string {
  let out = ''
  let k = 0
  while (k < gt.length) {
    const c = gt.charCodeAt(k)
    if (c >= 48 && c <= 57) {
      let e = k
      while (e < gt.length && gt.charCodeAt(e) >= 48 && gt.charCodeAt(e) <= 57) e++
      const a = Number(gt.slice(k, e))
      out += a === 0 ? '0' : a === ialt + 1 ? '1' : '0'
      k = e
    } else {
      out += gt[k]
      k++
    }
  }
  return out
}

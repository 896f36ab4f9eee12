// A record taken apart into text fields, for the records normalisation changes, and its
// serialisation the way htslib prints a record it has parsed (vcf_format): numbers in
// canonical form (floats as float32 with kputd's 6 significant digits), samples filled
// with '.' up to the FORMAT keys. Records that do not change are never taken apart.
import type { VcfHeader } from '../header/header.js'
import { kputd } from '../format/numbers.js'

export interface InfoEntry { key: string; value?: string }

export interface TextRecord {
  chrom: string
  pos0: number
  id: string
  alleles: string[]
  qual: string
  filter: string
  info: InfoEntry[]
  /** FORMAT keys (empty: no FORMAT column or none left). */
  format: string[]
  /** Per sample, one value per FORMAT key ('.' where the sample left it out). */
  samples: string[][]
  /** The record had FORMAT and sample columns. */
  hasSamples: boolean
}

/** Parses one VCF data line (no newline). */
export function parseRecord(line: string): TextRecord {
  const f = line.split('\t')
  const alt = f[4] ?? '.'
  const info: InfoEntry[] = []
  const it = f[7] ?? '.'
  if (it !== '.' && it !== '') {
    for (const e of it.split(';')) {
      if (e === '') continue
      const eq = e.indexOf('=')
      info.push(eq < 0 ? { key: e } : { key: e.slice(0, eq), value: e.slice(eq + 1) })
    }
  }
  const hasSamples = f.length > 8
  const format = hasSamples && f[8] !== '.' && f[8] !== '' ? f[8].split(':') : []
  const samples: string[][] = []
  for (let s = 9; s < f.length; s++) {
    const v = f[s].split(':')
    const row: string[] = new Array(format.length)
    for (let k = 0; k < format.length; k++) row[k] = k < v.length && v[k] !== '' ? v[k] : '.'
    samples.push(row)
  }
  return {
    chrom: f[0], pos0: Number(f[1]) - 1, id: f[2] ?? '.', alleles: alt === '.' ? [f[3]] : [f[3], ...alt.split(',')],
    qual: f[5] ?? '.', filter: f[6] ?? '.', info, format, samples, hasSamples,
  }
}

/** Canonical number text: Integer and Float values as htslib prints them after parsing. */
export class Canon {
  constructor(private readonly header: VcfHeader) {}

  private typeOf(kind: 'info' | 'format', key: string): string {
    return (kind === 'info' ? this.header.info : this.header.format).get(key)?.type ?? 'String'
  }

  values(kind: 'info' | 'format', key: string, text: string): string {
    const t = this.typeOf(kind, key)
    if (t === 'Float') return text.split(',').map(canonFloat).join(',')
    if (t === 'Integer') return canonInts(text)
    return text
  }

  serialise(r: TextRecord): string {
    const info = r.info.length === 0 ? '.' : r.info.map((e) => e.value === undefined ? e.key : `${e.key}=${this.values('info', e.key, e.value)}`).join(';')
    let line = `${r.chrom}\t${r.pos0 + 1}\t${r.id}\t${r.alleles[0]}\t${r.alleles.length > 1 ? r.alleles.slice(1).join(',') : '.'}\t${canonFloat(r.qual)}\t${r.filter}\t${info}`
    if (r.hasSamples) {
      if (r.format.length === 0) {
        line += '\t.'
        for (let s = 0; s < r.samples.length; s++) line += '\t.'
      } else {
        line += '\t' + r.format.join(':')
        const conv = r.format.map((k) => this.typeOf('format', k))
        for (const row of r.samples) {
          line += '\t'
          for (let k = 0; k < row.length; k++) {
            if (k) line += ':'
            const t = conv[k]
            // '' is a split value whose first element is htslib's vector end: printed as nothing
            line += r.format[k] === 'GT' || row[k] === '' ? row[k] : t === 'Float' ? row[k].split(',').map(canonFloat).join(',')
              : t === 'Integer' ? canonInts(row[k]) : row[k]
          }
        }
      }
    }
    return line
  }
}

// canonical text per number text: files repeat the same few values
const floatCache = new Map<string, string>()

export function canonFloat(s: string): string {
  if (s === '') return '.'
  if (s === '.') return s
  if (canonicalFloatText(s)) return s
  let c = floatCache.get(s)
  if (c === undefined) {
    const d = Number(s)
    c = Number.isNaN(d) ? s : kputd(Math.fround(d))
    if (floatCache.size > 16384) floatCache.clear()
    floatCache.set(s, c)
  }
  return c
}

/** Integer list text: unchanged unless a value is empty or has a '+' or a leading zero. */
function canonInts(s: string): string {
  return /^$|^,|,$|,,|\+|(^|,)-?0\d/.test(s) ? s.split(',').map(canonInt).join(',') : s
}

function canonInt(s: string): string {
  if (s === '') return '.'
  const c0 = s.charCodeAt(0)
  // the usual case: no sign '+' and no leading zero
  if (c0 !== 43 && !(c0 === 48 && s.length > 1) && !(c0 === 45 && s.charCodeAt(1) === 48)) return s
  if (s === '.' || !/^[-+]?\d+$/.test(s)) return s
  return String(Number(s))
}

/** Float text that htslib prints back unchanged (the usual case): no kputd needed. */
function canonicalFloatText(s: string): boolean {
  let p = 0
  const n = s.length
  if (s.charCodeAt(0) === 45) p++
  const first = p
  let digits = 0, sig = 0, point = -1, zeros = 0
  for (; p < n; p++) {
    const c = s.charCodeAt(p)
    if (c >= 48 && c <= 57) {
      digits++
      if (sig > 0 || c !== 48) sig++
      else if (point >= 0) zeros++
    } else if (c === 46 && point < 0) point = p
    else return false
  }
  if (digits === 0) return false
  if (s.charCodeAt(first) === 48 && first + 1 < n && s.charCodeAt(first + 1) !== 46) return false
  if (point < 0) return digits <= 6
  const last = s.charCodeAt(n - 1)
  if (last === 48 || last === 46 || point === first) return false
  return sig <= 6 && !(sig > 0 && zeros >= 4 && s.charCodeAt(first) === 48)
}

// VCF header: meta-information lines and the #CHROM line. We parse declarations
// ourselves rather than through @gmod/vcf because that parser merges in the spec's
// reserved tags, and we must know what the file itself declares (undeclared-tag checks).
import { VcfParseError } from '../errors.js'

export type TagType = 'Integer' | 'Float' | 'Flag' | 'String' | 'Character'

export interface TagDef {
  id: string
  /** As written: a non-negative integer, or A, R, G, '.' */
  number: string
  type: TagType
  description?: string
}

export interface ContigDef {
  id: string
  length?: number
}

export interface VcfHeader {
  /** The header text exactly as read, each line ending in '\n', #CHROM line included. */
  text: string
  fileformat?: string
  /** Meta lines (without the leading ##), in order. */
  meta: string[]
  info: Map<string, TagDef>
  format: Map<string, TagDef>
  filters: Map<string, string>
  contigs: ContigDef[]
  samples: string[]
}

const TYPES = new Set<string>(['Integer', 'Float', 'Flag', 'String', 'Character'])

/** Splits `ID=x,Number=1,Description="a, b"` honouring quotes and backslash escapes. */
export function parseStructured(body: string): Map<string, string> {
  const out = new Map<string, string>()
  let i = 0
  while (i < body.length) {
    const eq = body.indexOf('=', i)
    if (eq < 0) break
    const key = body.slice(i, eq).trim()
    let j = eq + 1
    let value = ''
    if (body[j] === '"') {
      j++
      while (j < body.length && body[j] !== '"') {
        if (body[j] === '\\' && j + 1 < body.length) j++
        value += body[j]
        j++
      }
      j++ // closing quote
      while (j < body.length && body[j] !== ',') j++
    } else {
      const k = body.indexOf(',', j)
      const end = k < 0 ? body.length : k
      value = body.slice(j, end).trim()
      j = end
    }
    out.set(key, value)
    i = j + 1
  }
  return out
}

export function parseHeader(text: string, file?: string): VcfHeader {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const header: VcfHeader = {
    text, meta: [], info: new Map(), format: new Map(), filters: new Map(), contigs: [], samples: [],
  }
  let sawChrom = false
  lines.forEach((raw, idx) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    // htslib ends a line at a NUL (and then fails on it): never keep one in the header
    if (line.includes('\0')) throw new VcfParseError('NUL byte in a header line', { file, line: idx + 1 })
    if (line.startsWith('##')) {
      const meta = line.slice(2)
      header.meta.push(meta)
      const eq = meta.indexOf('=')
      if (eq < 0) return
      const key = meta.slice(0, eq)
      const value = meta.slice(eq + 1)
      if (key === 'fileformat') header.fileformat = value
      if (!value.startsWith('<') || !value.endsWith('>')) return
      const fields = parseStructured(value.slice(1, -1))
      const id = fields.get('ID')
      if (id === undefined) return
      if (key === 'INFO' || key === 'FORMAT') {
        const type = fields.get('Type') ?? 'String'
        if (!TYPES.has(type)) {
          throw new VcfParseError(`${key} ${id} has unknown Type=${type} (expected Integer, Float, Flag, String or Character)`, { file, line: idx + 1 })
        }
        const def: TagDef = { id, number: fields.get('Number') ?? '.', type: type as TagType, description: fields.get('Description') }
        ;(key === 'INFO' ? header.info : header.format).set(id, def)
      } else if (key === 'FILTER') {
        header.filters.set(id, fields.get('Description') ?? '')
      } else if (key === 'contig') {
        const len = fields.get('length')
        header.contigs.push({ id, length: len !== undefined && /^\d+$/.test(len) ? Number(len) : undefined })
      }
    } else if (line.startsWith('#CHROM')) {
      const cols = line.split('\t')
      if (cols.length < 8) {
        throw new VcfParseError(`#CHROM line has ${cols.length} tab-separated columns, expected at least 8`, { file, line: idx + 1 })
      }
      if (cols.length > 8 && cols[8] !== 'FORMAT') {
        throw new VcfParseError(`the 9th column of the #CHROM line is ${JSON.stringify(cols[8].slice(0, 40))}, expected FORMAT (or spaces instead of tabs?)`, { file, line: idx + 1 })
      }
      header.samples = cols.slice(9)
      const seen = new Set<string>()
      for (const s of header.samples) {
        // samples are addressed by name (-s, %SAMPLE, JSON keys): a repeated name is ambiguous
        if (seen.has(s)) throw new VcfParseError(`duplicated sample name ${JSON.stringify(s)} in the #CHROM line`, { file, line: idx + 1 })
        seen.add(s)
      }
      sawChrom = true
    } else if (line.length > 0) {
      throw new VcfParseError(`expected a header line starting with '#', found ${JSON.stringify(line.slice(0, 40))}`, { file, line: idx + 1 })
    }
  })
  if (!sawChrom) throw new VcfParseError('the header has no #CHROM line', { file })
  return header
}

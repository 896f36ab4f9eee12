// Regions as bcftools understands them: "chr", "chr:pos", "chr:beg-end", "chr:beg-",
// comma-separated lists, and region files (BED, 0-based half-open, when named *.bed[.gz];
// otherwise tab-separated CHROM POS [END], 1-based inclusive).
import { RegionError } from '../errors.js'

/** A 1-based, inclusive interval on one contig. */
export interface Region {
  chrom: string
  start: number
  end: number
}

export const MAX_POS = 2 ** 31 - 1

function num(s: string, what: string, region: string): number {
  const v = Number(s.replace(/,/g, ''))
  if (!Number.isInteger(v) || v < 0) throw new RegionError(`bad ${what} ${JSON.stringify(s)} in region ${JSON.stringify(region)}`)
  return v
}

/** Parses one region string; `knownContigs` resolves names that themselves contain ':'. */
export function parseRegion(s: string, knownContigs?: Set<string>): Region {
  const text = s.trim()
  if (text === '') throw new RegionError('empty region')
  if (knownContigs?.has(text)) return { chrom: text, start: 1, end: MAX_POS }
  const m = /^(.+?):([0-9,]+)?(-([0-9,]*))?$/.exec(text)
  if (!m || (m[2] === undefined && m[3] !== undefined)) {
    if (text.includes(':') && !knownContigs?.has(text)) {
      const [, chrom, rest] = /^(.*):(.*)$/.exec(text)!
      if (rest !== '' && !/^[0-9,]+(-[0-9,]*)?$/.test(rest)) throw new RegionError(`cannot parse region ${JSON.stringify(text)}: expected chr, chr:pos or chr:beg-end`)
      if (chrom === '') throw new RegionError(`cannot parse region ${JSON.stringify(text)}: no contig name`)
    }
    return { chrom: text, start: 1, end: MAX_POS }
  }
  const chrom = m[1]
  const start = num(m[2]!, 'start', text)
  let end: number
  if (m[3] === undefined) end = start // bcftools: chr:pos is a single position
  else end = m[4] ? num(m[4], 'end', text) : MAX_POS
  if (start < 1) throw new RegionError(`region ${JSON.stringify(text)}: positions are 1-based`)
  if (end < start) throw new RegionError(`region ${JSON.stringify(text)}: end ${end} is before start ${start}`)
  return { chrom, start, end }
}

/** "-r" value: comma-separated regions (commas inside numbers are thousands separators). */
export function parseRegionList(s: string, knownContigs?: Set<string>): Region[] {
  const parts: string[] = []
  for (const piece of s.split(',')) {
    // "chr1:1,000,000-2,000,000": a piece of only digits (or digits-digits) continues the previous one
    if (parts.length > 0 && /^[0-9]+(-[0-9,]*)?$/.test(piece) && /:[0-9,]*-?[0-9,]*$/.test(parts[parts.length - 1])) {
      parts[parts.length - 1] += ',' + piece
    } else parts.push(piece)
  }
  return parts.filter((p) => p.trim() !== '').map((p) => parseRegion(p, knownContigs))
}

/** Parses the text of a regions file (-R). */
export function parseRegionFile(text: string, file: string): Region[] {
  const bed = /\.bed(\.gz)?$/i.test(file)
  const out: Region[] = []
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '')
    if (line === '' || line.startsWith('#') || line.startsWith('track ') || line.startsWith('browser ')) return
    const f = line.split('\t')
    const bad = (what: string) => new RegionError(`${what}`, { file, line: i + 1 })
    if (f.length < 2) throw bad('expected at least 2 tab-separated columns (CHROM and a position)')
    const a = Number(f[1]), b = f.length > 2 && f[2] !== '' ? Number(f[2]) : undefined
    if (!Number.isInteger(a) || a < 0 || (b !== undefined && (!Number.isInteger(b) || b < 0))) throw bad(`non-numeric position in ${JSON.stringify(line)}`)
    if (bed) {
      if (b === undefined) throw bad('BED lines need CHROM, START and END')
      if (b <= a) return // empty interval
      out.push({ chrom: f[0], start: a + 1, end: b })
    } else {
      if (a < 1) throw bad('positions are 1-based (use a .bed file for 0-based intervals)')
      out.push({ chrom: f[0], start: a, end: b ?? a })
    }
  })
  return out
}

/**
 * Groups regions by contig in the order the list first names them (as bcftools -r/-R visit
 * them), sorts each contig's regions by start and merges overlapping or adjacent ones, so
 * every record is visited once.
 */
export function normalizeRegions(regions: Region[]): Region[] {
  const rank = new Map<string, number>()
  for (const r of regions) if (!rank.has(r.chrom)) rank.set(r.chrom, rank.size)
  const sorted = [...regions].sort((x, y) => {
    const rx = rank.get(x.chrom) ?? Infinity, ry = rank.get(y.chrom) ?? Infinity
    if (rx !== ry) return rx - ry
    if (x.chrom !== y.chrom) return x.chrom < y.chrom ? -1 : 1
    return x.start - y.start || x.end - y.end
  })
  const out: Region[] = []
  for (const r of sorted) {
    const last = out[out.length - 1]
    if (last && last.chrom === r.chrom && r.start <= last.end + 1) last.end = Math.max(last.end, r.end)
    else out.push({ ...r })
  }
  return out
}

// bcftools annotate's -c column list: CHROM, POS, FROM, TO, REF, ALT, ID, '-' (skip a tab
// column), INFO/TAG or TAG, +TAG (only fill what the record lacks), NEW:=OLD (rename).
import { UsageError } from '../errors.js'

export type ColumnRole = 'CHROM' | 'POS' | 'FROM' | 'TO' | 'REF' | 'ALT' | 'SKIP' | 'ID' | 'INFO'

export interface ColumnSpec {
  role: ColumnRole
  /** INFO: the tag written to the output. */
  dst?: string
  /** INFO: the tag (VCF source) it comes from. */
  src?: string
  /** '+': set only when the record has no (or only missing) value. */
  fillMissing: boolean
}

export function parseColumns(list: string): ColumnSpec[] {
  return list.split(',').map((raw) => {
    let s = raw.trim()
    if (s === '') throw new UsageError(`-c: empty column name in "${list}"`)
    let fillMissing = false
    if (s.startsWith('+')) { fillMissing = true; s = s.slice(1) }
    if (s === '-') return { role: 'SKIP', fillMissing }
    const upper = s.toUpperCase()
    if (['CHROM', 'POS', 'FROM', 'TO', 'REF', 'ALT'].includes(upper) && !fillMissing) {
      return { role: (upper === 'BEG' ? 'FROM' : upper) as ColumnRole, fillMissing }
    }
    if (upper === 'BEG') return { role: 'FROM', fillMissing }
    if (upper === 'END') return { role: 'TO', fillMissing }
    if (upper === 'ID') return { role: 'ID', fillMissing }
    if (/^(FORMAT|FMT)\//i.test(s) || upper === 'QUAL' || upper === 'FILTER') {
      throw new UsageError(`-c: ${s} is not supported by vartriage annotate (INFO tags and ID are)`)
    }
    let dst = s, src = s
    const ren = s.indexOf(':=')
    if (ren >= 0) { dst = s.slice(0, ren); src = s.slice(ren + 2) }
    dst = dst.replace(/^INFO\//i, '')
    src = src.replace(/^INFO\//i, '')
    if (!/^[A-Za-z_][0-9A-Za-z_.]*$/.test(dst) || !/^[A-Za-z_][0-9A-Za-z_.]*$/.test(src)) {
      throw new UsageError(`-c: "${raw}" is not a valid INFO tag name`)
    }
    return { role: 'INFO', dst, src, fillMissing }
  })
}

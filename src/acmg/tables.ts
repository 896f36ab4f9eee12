// Readers of the gene-level evidence tables, by column name so the real files drop in:
// gnomAD constraint (v2.1.1 lof_metrics.by_gene: pLI, oe_lof_upper, mis_z; v4.1
// constraint_metrics: lof.pLI, lof.oe_ci.upper, mis.z_score, one row per transcript),
// ClinGen's gene curation list (Gene Symbol, Haploinsufficiency Score) and a PM1 hotspot table
// (gene, protein_start, protein_end). Plain or gzip.
import { EvidenceDataError } from './errors.js'
import { readAllText } from '../source/read.js'
import type { VcfInput } from '../source/source.js'

export interface GeneConstraint { gene: string; transcript?: string; pli?: number; loeuf?: number; misZ?: number }
export interface Haploinsufficiency { gene: string; score: number; description?: string }
export interface Hotspot { gene: string; transcript?: string; start: number; end: number; name: string }

/** A table's text (plain or gzip) from a path, URL or Blob. */
export function readText(input: VcfInput, label?: string): Promise<string> {
  return readAllText(input, label, (m, where) => new EvidenceDataError(m, where))
}

interface Table { header: string[]; headerLine: number; rows: Array<{ line: number; cells: string[] }> }

/**
 * Tab-separated table. The header is the first line not starting with '#', or the last
 * '#' line before the data when `commentHeader` names a column it must contain (ClinGen and
 * our own tables write `#col1\tcol2`).
 */
function parseTable(text: string, file: string, headerHas: string): Table {
  const lines = text.split('\n')
  let header: string[] | undefined, headerLine = 0
  const rows: Table['rows'] = []
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '')
    if (l === '') continue
    if (!header) {
      if (l[0] === '#') {
        const cells = l.slice(1).split('\t')
        if (cells.some((c) => c.trim() === headerHas)) { header = cells.map((c) => c.trim()); headerLine = i + 1 }
        continue
      }
      header = l.split('\t').map((c) => c.trim()); headerLine = i + 1
      if (!header.includes(headerHas)) throw new EvidenceDataError(`header has no "${headerHas}" column`, { file, line: i + 1 })
      continue
    }
    if (l[0] === '#') continue
    rows.push({ line: i + 1, cells: l.split('\t') })
  }
  if (!header) throw new EvidenceDataError(`no header line with a "${headerHas}" column`, { file })
  return { header, headerLine, rows }
}

function column(t: Table, file: string, names: string[], required: boolean): number {
  const i = t.header.findIndex((h) => names.includes(h))
  if (i < 0 && required) throw new EvidenceDataError(`header has none of the columns ${names.map((n) => `"${n}"`).join(', ')}`, { file, line: t.headerLine })
  return i
}

const NA = new Set(['', 'NA', 'NaN', 'nan', '.', 'None'])
function num(cells: string[], i: number, file: string, line: number, what: string): number | undefined {
  if (i < 0 || i >= cells.length || NA.has(cells[i].trim())) return undefined
  const x = Number(cells[i])
  if (!Number.isFinite(x)) throw new EvidenceDataError(`${what} is not a number: ${JSON.stringify(cells[i])}`, { file, line })
  return x
}

/** gnomAD constraint, one entry per gene: the MANE Select row, else the canonical one, else the first. */
export function parseConstraint(text: string, file: string): Map<string, GeneConstraint> {
  const t = parseTable(text, file, 'gene')
  const gi = column(t, file, ['gene'], true), ti = column(t, file, ['transcript'], false)
  const pi = column(t, file, ['pLI', 'lof.pLI', 'lof_hc_lc.pLI'], false)
  const li = column(t, file, ['oe_lof_upper', 'lof.oe_ci.upper', 'lof_hc_lc.oe_ci.upper', 'LOEUF'], false)
  const mi = column(t, file, ['mis_z', 'mis.z_score'], false)
  const mane = column(t, file, ['mane_select'], false), canon = column(t, file, ['canonical'], false)
  if (pi < 0 && li < 0) throw new EvidenceDataError('header has neither a pLI nor a LOEUF (oe_lof_upper / lof.oe_ci.upper) column', { file, line: t.headerLine })
  const out = new Map<string, GeneConstraint & { rank: number }>()
  const truthy = (s: string | undefined) => s === 'true' || s === 'TRUE' || s === 'True'
  for (const { line, cells } of t.rows) {
    if (cells.length < t.header.length) throw new EvidenceDataError(`${cells.length} columns, the header has ${t.header.length}`, { file, line })
    const gene = cells[gi]
    const rank = mane >= 0 && truthy(cells[mane]) ? 2 : canon >= 0 && truthy(cells[canon]) ? 1 : 0
    const prev = out.get(gene)
    if (prev && prev.rank >= rank) continue
    out.set(gene, { gene, transcript: ti >= 0 ? cells[ti] : undefined, pli: num(cells, pi, file, line, 'pLI'), loeuf: num(cells, li, file, line, 'LOEUF'),
      misZ: num(cells, mi, file, line, 'mis_z'), rank })
  }
  return new Map([...out].map(([k, { rank: _r, ...v }]) => [k, v]))
}

/** ClinGen dosage curation: Haploinsufficiency Score 0, 1, 2, 3, 30 (recessive), 40 (unlikely); others skipped. */
export function parseHaploinsufficiency(text: string, file: string): Map<string, Haploinsufficiency> {
  const t = parseTable(text, file, 'Gene Symbol')
  const gi = column(t, file, ['Gene Symbol'], true), si = column(t, file, ['Haploinsufficiency Score'], true)
  const di = column(t, file, ['Haploinsufficiency Description'], false)
  const out = new Map<string, Haploinsufficiency>()
  for (const { line, cells } of t.rows) {
    const raw = (cells[si] ?? '').trim()
    if (raw === '' || /^not yet evaluated$/i.test(raw)) continue
    const score = Number(raw)
    if (![0, 1, 2, 3, 30, 40].includes(score)) throw new EvidenceDataError(`Haploinsufficiency Score must be 0, 1, 2, 3, 30 or 40, got ${JSON.stringify(raw)}`, { file, line })
    out.set(cells[gi], { gene: cells[gi], score, description: di >= 0 ? cells[di] : undefined })
  }
  return out
}

/** PM1 regions by gene, protein positions 1-based inclusive. */
export function parseHotspots(text: string, file: string): Map<string, Hotspot[]> {
  const t = parseTable(text, file, 'gene')
  const gi = column(t, file, ['gene'], true), ti = column(t, file, ['transcript'], false)
  const si = column(t, file, ['protein_start', 'position'], true), ei = column(t, file, ['protein_end', 'position'], true)
  const ni = column(t, file, ['name'], false)
  const out = new Map<string, Hotspot[]>()
  for (const { line, cells } of t.rows) {
    const start = num(cells, si, file, line, 'protein_start'), end = num(cells, ei, file, line, 'protein_end')
    if (start === undefined || end === undefined || !Number.isInteger(start) || !Number.isInteger(end) || start < 1 || end < start) {
      throw new EvidenceDataError(`protein_start/protein_end must be integers with 1 <= start <= end, got ${cells[si]}..${cells[ei]}`, { file, line })
    }
    const gene = cells[gi]
    const h: Hotspot = { gene, transcript: ti >= 0 && cells[ti] ? cells[ti] : undefined, start, end, name: ni >= 0 && cells[ni] ? cells[ni] : `${gene} ${start}-${end}` }
    out.set(gene, [...(out.get(gene) ?? []), h])
  }
  return out
}

// In-silico gene panels: by name from the bundle's `panels` table, or from a file: one symbol
// per line, or a PanelApp-style TSV ("Gene Symbol"/"Entity Name", "Confidence Level"/
// "GEL_Status" 3 green, 2 amber, 1/0 red, "Mode of inheritance"/"Model_Of_Inheritance").
// Symbols the gene models do not know are reported with their line numbers, never dropped
// silently.
import { VartriageError, type ErrorLocation } from '../errors.js'
import type { Bundle } from '../resources/bundle.js'
import type { InheritanceMode } from '../prioritise/model.js'
import { modesOfInheritance } from './moi.js'
import { readAllText } from '../source/read.js'
import type { VcfInput } from '../source/source.js'

export class PanelError extends VartriageError {
  constructor(message: string, where: ErrorLocation = {}) { super(message, where) }
}

export type Confidence = 0 | 1 | 2 | 3

export interface PanelGene {
  symbol: string
  /** PanelApp rating: 3 green (diagnostic grade), 2 amber, 1 or 0 red; undefined for plain lists. */
  confidence?: Confidence
  /** Modes the panel allows (empty: no restriction). */
  modes: InheritanceMode[]
  /** The mode of inheritance as written. */
  moi?: string
  /** Where it was read (1-based line). */
  line: number
}

export interface PanelWarning { code: 'unknown-symbol' | 'duplicate-symbol' | 'below-confidence'; message: string; file: string; line: number; symbol: string }

export interface Panel {
  name: string
  /** File the panel came from. */
  source: string
  genes: Map<string, PanelGene>
  warnings: PanelWarning[]
}

export interface PanelOptions {
  /** Keep genes rated at least this (default 3: green only, PanelApp's diagnostic grade); plain lists have no rating and are kept. */
  minConfidence?: Confidence
  /** Symbols the gene models know; others are warned about (read from the bundle's genes when not given). */
  knownSymbols?: Iterable<string>
}

/** How prioritisation uses a panel: only its genes, or its genes ranked before the others. */
export type PanelUse = 'restrict' | 'rank-first'

const SYMBOL_COLUMNS = ['Gene Symbol', 'Entity Name', 'gene_symbol', 'symbol', 'gene', 'Gene']
const CONFIDENCE_COLUMNS = ['Confidence Level', 'GEL_Status', 'GEL Status', 'confidence_level', 'confidence']
const MOI_COLUMNS = ['Mode of inheritance', 'Model_Of_Inheritance', 'mode_of_inheritance', 'Mode of Inheritance', 'moi']
const TYPE_COLUMNS = ['Entity type', 'entity_type']

function text(input: VcfInput, label: string): Promise<string> {
  return readAllText(input, label, (m, where) => new PanelError(m.replace(/^cannot read:/, 'cannot read the panel:'), where))
}

/** Whether a local file exists (Node; a browser has no paths, so a spec there is always a bundle name). */
async function isLocalFile(spec: string): Promise<boolean> {
  if (typeof process === 'undefined' || !process.versions?.node) return false
  return (await import('node:fs')).existsSync(spec)
}

function confidenceOf(raw: string | undefined, file: string, line: number): Confidence | undefined {
  const t = (raw ?? '').trim().toLowerCase()
  if (t === '') return undefined
  const named: Record<string, Confidence> = { green: 3, amber: 2, red: 1 }
  if (t in named) return named[t]
  const n = Number(t)
  if (n === 0 || n === 1 || n === 2 || n === 3 || n === 4) return Math.min(3, n) as Confidence // GEL_Status 4 is green too
  throw new PanelError(`confidence must be 0-4 or green/amber/red, got ${JSON.stringify(raw)}`, { file, line })
}

/** Parses a panel file: a PanelApp-style TSV when a header names a symbol column, else one symbol per line. */
export function parsePanel(content: string, file: string, name: string, opts: PanelOptions = {}): Panel {
  const min = opts.minConfidence ?? 3
  const lines = content.split('\n').map((l) => l.replace(/\r$/, ''))
  const panel: Panel = { name, source: file, genes: new Map(), warnings: [] }
  const add = (g: PanelGene) => {
    if (panel.genes.has(g.symbol)) {
      panel.warnings.push({ code: 'duplicate-symbol', symbol: g.symbol, file, line: g.line, message: `${g.symbol} is listed again (first on line ${panel.genes.get(g.symbol)!.line})` })
      return
    }
    if (g.confidence !== undefined && g.confidence < min) {
      panel.warnings.push({ code: 'below-confidence', symbol: g.symbol, file, line: g.line, message: `${g.symbol} is rated ${g.confidence}, below ${min}: left out` })
      return
    }
    panel.genes.set(g.symbol, g)
  }
  const first = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('##'))
  const head = first >= 0 ? lines[first].replace(/^#/, '').split('\t').map((c) => c.trim()) : []
  const col = (names: string[]) => head.findIndex((h) => names.includes(h))
  const si = col(SYMBOL_COLUMNS)
  if (head.length > 1 && si >= 0) {
    const ci = col(CONFIDENCE_COLUMNS), mi = col(MOI_COLUMNS), ti = col(TYPE_COLUMNS)
    for (let i = first + 1; i < lines.length; i++) {
      const l = lines[i]
      if (l.trim() === '' || l.startsWith('#')) continue
      const c = l.split('\t')
      if (ti >= 0 && c[ti] && c[ti].toLowerCase() !== 'gene') continue // PanelApp STRs and regions
      const symbol = (c[si] ?? '').trim()
      if (!symbol) throw new PanelError(`no gene symbol in column "${head[si]}"`, { file, line: i + 1 })
      const moi = mi >= 0 ? c[mi]?.trim() : undefined
      add({ symbol, confidence: ci >= 0 ? confidenceOf(c[ci], file, i + 1) : undefined, modes: modesOfInheritance(moi), moi: moi || undefined, line: i + 1 })
    }
  } else {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i].replace(/#.*/, '').trim()
      if (!l) continue
      for (const symbol of l.split(/[\s,;]+/)) if (symbol) add({ symbol, modes: [], line: i + 1 })
    }
  }
  if (panel.genes.size === 0) throw new PanelError(`the panel "${name}" has no genes${min > 0 ? ` rated ${min} or more` : ''}`, { file })
  if (opts.knownSymbols) checkSymbols(panel, new Set(opts.knownSymbols))
  return panel
}

function checkSymbols(panel: Panel, known: Set<string>): void {
  for (const g of panel.genes.values()) {
    if (!known.has(g.symbol)) panel.warnings.push({ code: 'unknown-symbol', symbol: g.symbol, file: panel.source, line: g.line, message: `${g.symbol} is not a gene of the gene models` })
  }
}

/**
 * The bundle's `panels` table (`panel symbol [confidence] [mode_of_inheritance]`, header on a
 * '#' line): panel name → its rows as a panel TSV with a last `bundle_line` column.
 */
export function parsePanelTable(content: string, file: string): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const lines = content.split('\n')
  let extra: string[] = []
  let seenHeader = false
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i].replace(/\r$/, '')
    if (!l.trim()) continue
    if (l.startsWith('#')) { if (!seenHeader) { extra = l.slice(1).split('\t').slice(2); seenHeader = true } continue }
    const c = l.split('\t')
    if (c.length < 2 || !c[0] || !c[1]) throw new PanelError('expected "panel<TAB>symbol"', { file, line: i + 1 })
    let rows = out.get(c[0])
    if (!rows) { rows = [['symbol', ...extra, 'bundle_line'].join('\t')]; out.set(c[0], rows) }
    rows.push([...c.slice(1, 2 + extra.length), ...Array(Math.max(0, 1 + extra.length - (c.length - 1))).fill(''), String(i + 1)].join('\t'))
  }
  return out
}

async function symbolsOfGff(gff: string): Promise<Set<string>> {
  const out = new Set<string>()
  for (const m of gff.matchAll(/\t(?:gene|ncRNA_gene|pseudogene)\t[^\n]*?[\t;]Name=([^;\n]+)/g)) out.add(m[1])
  return out
}

/**
 * A panel by bundle name or by file (names in the bundle win over a same-named path only when
 * no such file exists). Several, joined by commas, make one panel (their union).
 */
export async function loadPanel(spec: string, opts: PanelOptions & { bundle?: Bundle } = {}): Promise<Panel> {
  const known = opts.knownSymbols ?? (opts.bundle?.has('genes') ? await symbolsOfGff(await opts.bundle.text('genes')) : undefined)
  const parts = spec.split(',').map((s) => s.trim()).filter(Boolean)
  if (parts.length === 0) throw new PanelError('no panel named')
  const panels: Panel[] = []
  for (const p of parts) panels.push(await one(p, { ...opts, knownSymbols: known }))
  if (panels.length === 1) return panels[0]
  const u: Panel = { name: panels.map((p) => p.name).join('+'), source: [...new Set(panels.map((p) => p.source))].join(','), genes: new Map(), warnings: panels.flatMap((p) => p.warnings) }
  for (const p of panels) for (const [s, g] of p.genes) if (!u.genes.has(s)) u.genes.set(s, g)
  return u
}

async function one(spec: string, opts: PanelOptions & { bundle?: Bundle }): Promise<Panel> {
  if (await isLocalFile(spec)) return parsePanel(await text(spec, spec), spec, spec.replace(/^.*\//, '').replace(/\.(tsv|txt)(\.gz)?$/, ''), opts)
  const f = opts.bundle?.get('panels')
  if (!f) throw new PanelError(`no such panel file, and no bundle panels table to look "${spec}" up in`, { file: spec })
  const table = parsePanelTable(await text(f.input, f.path), f.path)
  const key = [...table.keys()].find((k) => k.toLowerCase() === spec.toLowerCase())
  if (!key) throw new PanelError(`no panel "${spec}" (the bundle has: ${[...table.keys()].join(', ')})`, { file: f.path })
  // report lines of the bundle file, not of the rows handed to parsePanel
  const rows = table.get(key)!
  const panel = parsePanel(rows.join('\n') + '\n', f.path, key, { ...opts, knownSymbols: undefined })
  const lineOf = (k: number) => Number(rows[k - 1].slice(rows[k - 1].lastIndexOf('\t') + 1))
  for (const g of panel.genes.values()) g.line = lineOf(g.line)
  for (const w of panel.warnings) w.line = lineOf(w.line)
  if (opts.knownSymbols) checkSymbols(panel, new Set(opts.knownSymbols))
  return panel
}

/** Whether a gene is kept and its rank group (0 first) under a panel use. */
export function panelPolicy(panel: Panel | undefined, use: PanelUse = 'restrict'): { keep(symbol: string): boolean; group(symbol: string): number; modes(symbol: string): InheritanceMode[] } {
  return {
    keep: (s) => !panel || use === 'rank-first' || panel.genes.has(s),
    group: (s) => (!panel || panel.genes.has(s) ? 0 : 1),
    modes: (s) => panel?.genes.get(s)?.modes ?? [],
  }
}

// A coverage plot as standalone SVG: one small panel per chromosome (x = position, y = normalised
// coverage clipped to 0..2), a reference line at 1, and the sex call in the title. Text only, no
// dependencies, so the CLI can write it anywhere and a browser can show it as is.
import type { BamIndexResult } from './bam-index.js'
import type { SexCall } from './sex.js'
import type { CoverageFlags } from './flags.js'

export interface SvgOptions {
  /** Panels per row (default 6). */
  columns?: number
  /** References to plot (default: autosomes, X and Y; all when the genome has none of those). */
  include?: (name: string, kind: string) => boolean
}

const PANEL_W = 180, PANEL_H = 90, PAD_L = 28, PAD_T = 18, PAD_B = 6, GAP = 10, TITLE_H = 28
const Y_MAX = 2

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/** `flags` regions are shaded (red: loss, green: gain). */
export function coverageSvg(result: BamIndexResult, sex?: SexCall, opts: SvgOptions = {}, flags?: CoverageFlags): string {
  const cols = opts.columns ?? 6
  const main = result.references.filter((r) => r.kind === 'autosome' || r.kind === 'X' || r.kind === 'Y')
  const refs = opts.include ? result.references.filter((r) => opts.include!(r.name, r.kind)) : main.length > 0 ? main : result.references
  const rows = Math.max(1, Math.ceil(refs.length / cols))
  const cellW = PAD_L + PANEL_W + GAP, cellH = PAD_T + PANEL_H + PAD_B + GAP
  const width = cols * cellW + GAP, height = TITLE_H + rows * cellH
  const out: string[] = []
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="10">`)
  out.push(`<rect width="100%" height="100%" fill="white"/>`)
  const title = `${result.file} — normalised coverage (${result.windowSize / 1024} kb windows)` + (sex ? ` — sex: ${sex.call} (X ${fmt(sex.xRatio)}, Y ${fmt(sex.yRatio)})` : '')
  out.push(`<text x="${GAP}" y="18" font-size="13">${esc(title)}</text>`)
  const w = result.windows
  refs.forEach((ref, i) => {
    const x0 = GAP + (i % cols) * cellW + PAD_L, y0 = TITLE_H + Math.floor(i / cols) * cellH + PAD_T
    const yOf = (v: number) => y0 + PANEL_H - (Math.min(Math.max(v, 0), Y_MAX) / Y_MAX) * PANEL_H
    out.push(`<g><title>${esc(ref.name)}: median ${fmt(ref.median)}</title>`)
    out.push(`<text x="${x0}" y="${y0 - 4}">${esc(ref.name)}</text>`)
    out.push(`<rect x="${x0}" y="${y0}" width="${PANEL_W}" height="${PANEL_H}" fill="none" stroke="#999"/>`)
    for (const t of [0, 1, 2]) out.push(`<text x="${x0 - 4}" y="${yOf(t) + 3}" text-anchor="end" fill="#666">${t}</text>`)
    const xOf = (pos: number) => x0 + (ref.length > 0 ? (pos / ref.length) * PANEL_W : 0)
    for (const g of flags?.regions ?? []) {
      if (g.chrom !== ref.name) continue
      out.push(`<rect x="${xOf(g.start).toFixed(1)}" y="${y0}" width="${Math.max(1, xOf(g.end) - xOf(g.start)).toFixed(1)}" height="${PANEL_H}" fill="${g.type === 'loss' ? '#f4c7c3' : '#c8e6c9'}"><title>${g.type} ${g.start}-${g.end}</title></rect>`)
    }
    out.push(`<line x1="${x0}" x2="${x0 + PANEL_W}" y1="${yOf(1)}" y2="${yOf(1)}" stroke="#d33" stroke-dasharray="3,2"/>`)
    // one point per window, thinned to about two per pixel column
    const n = ref.windowCount
    const step = Math.max(1, Math.floor(n / (2 * PANEL_W)))
    const pts: string[] = []
    for (let k = 0; k < n; k += step) {
      let sum = 0, m = 0
      for (let j = k; j < Math.min(n, k + step); j++) {
        const c = w.coverage[ref.windowStart + j]
        if (!Number.isNaN(c)) { sum += c; m++ }
      }
      if (m === 0) continue
      const last = Math.min(n, k + step) - 1
      const x = xOf((w.start[ref.windowStart + k] + w.end[ref.windowStart + last]) / 2)
      pts.push(`${x.toFixed(1)},${yOf(sum / m).toFixed(1)}`)
    }
    if (pts.length > 0) out.push(`<polyline fill="none" stroke="#1f5fa8" stroke-width="1" points="${pts.join(' ')}"/>`)
    out.push('</g>')
  })
  out.push('</svg>\n')
  return out.join('\n')
}

function fmt(v: number): string { return Number.isNaN(v) ? 'NA' : v.toFixed(2) }

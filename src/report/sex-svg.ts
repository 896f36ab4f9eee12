// The sex-check figures of the report, as inline SVG (no xmlns: inside HTML the parser puts
// <svg> in the SVG namespace itself, and the report must not contain any URL).
// Coverage (bam-index) checks: X against Y relative coverage, one point per individual, with
// the bands inferSex calls one X / two X in. Genotype (x-heterozygosity) checks: the X
// heterozygous fraction on a 0..1 axis with inferSexFromVcf's male and female thresholds.
// The evidence keys read are the coverage modules' own names: xRatio, yRatio, hetFraction.
import type { SexCheck } from '../prioritise/model.js'
import { SEX_THRESHOLDS } from '../coverage/sex.js'
import { VCF_SEX_THRESHOLDS } from '../coverage/vcf-sex.js'
import { escHtml, fmtNum } from './format.js'

const W = 360, H = 240, L = 46, B = 34, T = 14, R = 14

function label(c: SexCheck): string {
  return `${c.family}/${c.individual}: declared ${c.declared}, inferred ${c.inferred}`
}

const short = (id: string): string => (id.length > 16 ? id.slice(0, 15) + '…' : id)

const COLOUR: Record<string, string> = { male: '#1f5fa8', female: '#b0378a', unknown: '#5f6368' }

/** X/Y relative coverage scatter of the checks that have both ratios; '' when none has. */
export function coverageSexSvg(checks: SexCheck[]): string {
  const pts = checks.filter((c) => Number.isFinite(c.evidence.xRatio) && Number.isFinite(c.evidence.yRatio))
  if (pts.length === 0) return ''
  const max = 1.5
  const x = (v: number) => L + (Math.min(Math.max(v, 0), max) / max) * (W - L - R)
  const y = (v: number) => H - B - (Math.min(Math.max(v, 0), max) / max) * (H - B - T)
  const s = SEX_THRESHOLDS
  const out: string[] = [`<svg role="img" aria-labelledby="sexcov-title" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-size="10">`,
    `<title id="sexcov-title">Relative X and Y coverage per individual</title>`,
    `<rect x="${x(s.xOneMin)}" y="${T}" width="${x(s.xOneMax) - x(s.xOneMin)}" height="${H - B - T}" fill="#e3edf7"/>`,
    `<rect x="${x(s.xTwoMin)}" y="${T}" width="${x(s.xTwoMax) - x(s.xTwoMin)}" height="${H - B - T}" fill="#f6e3ef"/>`,
    `<text x="${(x(s.xOneMin) + x(s.xOneMax)) / 2}" y="${T + 10}" text-anchor="middle" fill="#1f5fa8">one X</text>`,
    `<text x="${(x(s.xTwoMin) + x(s.xTwoMax)) / 2}" y="${T + 10}" text-anchor="middle" fill="#b0378a">two X</text>`,
    `<line x1="${L}" x2="${W - R}" y1="${y(s.yPresentRatio)}" y2="${y(s.yPresentRatio)}" stroke="#999" stroke-dasharray="3,2"/>`,
    `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - B - T}" fill="none" stroke="#999"/>`]
  for (const t of [0, 0.5, 1, 1.5]) {
    out.push(`<text x="${x(t)}" y="${H - B + 13}" text-anchor="middle">${t}</text>`, `<text x="${L - 5}" y="${y(t) + 3}" text-anchor="end">${t}</text>`)
  }
  out.push(`<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">X coverage / autosomes</text>`,
    `<text transform="translate(12 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">Y coverage / autosomes</text>`)
  for (const c of pts) {
    out.push(`<circle cx="${x(c.evidence.xRatio).toFixed(1)}" cy="${y(c.evidence.yRatio).toFixed(1)}" r="5" fill="${COLOUR[c.inferred] ?? '#5f6368'}" stroke="${c.declared !== 'unknown' && c.declared !== c.inferred && c.inferred !== 'unknown' ? '#c5221f' : 'white'}" stroke-width="2"><title>${escHtml(label(c))} (X ${fmtNum(c.evidence.xRatio)}, Y ${fmtNum(c.evidence.yRatio)})</title></circle>`,
      `<text x="${(x(c.evidence.xRatio) + 8).toFixed(1)}" y="${(y(c.evidence.yRatio) - 6).toFixed(1)}">${escHtml(short(c.individual))}</text>`)
  }
  out.push('</svg>')
  return out.join('\n')
}

/** X heterozygous fraction strip of the checks that have one; '' when none has. */
export function hetSexSvg(checks: SexCheck[]): string {
  const pts = checks.filter((c) => Number.isFinite(c.evidence.hetFraction))
  if (pts.length === 0) return ''
  const rowH = 18, h = T + pts.length * rowH + B
  const x = (v: number) => L + 100 + Math.min(Math.max(v, 0), 1) * (W - L - 100 - R)
  const t = VCF_SEX_THRESHOLDS
  const out: string[] = [`<svg role="img" aria-labelledby="sexhet-title" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-size="10">`,
    `<title id="sexhet-title">Heterozygous fraction of non-reference X calls per individual (male below ${t.maleMax}, female above ${t.femaleMin})</title>`,
    `<rect x="${x(0)}" y="${T}" width="${x(t.maleMax) - x(0)}" height="${pts.length * rowH}" fill="#e3edf7"/>`,
    `<rect x="${x(t.femaleMin)}" y="${T}" width="${x(1) - x(t.femaleMin)}" height="${pts.length * rowH}" fill="#f6e3ef"/>`]
  pts.forEach((c, i) => {
    const cy = T + i * rowH + rowH / 2
    out.push(`<text x="${x(0) - 6}" y="${cy + 3}" text-anchor="end">${escHtml(short(c.individual))}</text>`,
      `<circle cx="${x(c.evidence.hetFraction).toFixed(1)}" cy="${cy}" r="5" fill="${COLOUR[c.inferred] ?? '#5f6368'}"><title>${escHtml(label(c))} (het fraction ${fmtNum(c.evidence.hetFraction)})</title></circle>`)
  })
  for (const v of [0, t.maleMax, t.femaleMin, 1]) out.push(`<text x="${x(v)}" y="${h - B + 13}" text-anchor="middle">${v}</text>`)
  out.push(`<text x="${(x(0) + x(1)) / 2}" y="${h - 6}" text-anchor="middle">X het fraction</text>`, '</svg>')
  return out.join('\n')
}

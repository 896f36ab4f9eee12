// Sex check of each individual as a small SVG: the X evidence (X/autosome coverage ratio from a
// .bai, or the X heterozygous fraction from the VCF) on a 0..1.5 axis, coloured by the inferred
// sex, with declared/inferred conflicts called out in text (not colour alone).
import type { SexCheck } from '../../src/prioritise/model.js'

const COLOUR: Record<string, string> = { male: '#1f5fa8', female: '#b0378a', unknown: '#5f6368' }

export function SexPlot(props: { checks: SexCheck[] }) {
  const { checks } = props
  if (checks.length === 0) return null
  const W = 420, L = 150, R = 20, rowH = 22, H = 30 + rowH * checks.length
  const x = (v: number) => L + (Math.min(Math.max(v, 0), 1.5) / 1.5) * (W - L - R)
  return (
    <figure class="sexplot">
      <svg role="img" aria-labelledby="sexplot-title" width={W} height={H} viewBox={`0 0 ${W} ${H}`} font-size="11">
        <title id="sexplot-title">Sex check: X coverage ratio or X heterozygous fraction per individual</title>
        {[0, 0.5, 1, 1.5].map((t) => <g><line x1={x(t)} x2={x(t)} y1={10} y2={H - 18} stroke="#ddd" /><text x={x(t)} y={H - 4} text-anchor="middle">{t}</text></g>)}
        {checks.map((c, i) => {
          const v = c.evidence.xRatio ?? c.evidence.hetFraction
          const y = 20 + i * rowH
          const conflict = c.declared !== 'unknown' && c.declared !== c.inferred
          return (
            <g>
              <text x={4} y={y + 4}>{`${c.individual}${conflict ? ' ⚠' : ''}`}</text>
              {Number.isFinite(v) && <circle cx={x(v)} cy={y} r={5} fill={COLOUR[c.inferred] ?? '#555'}><title>{`${c.family}/${c.individual}: declared ${c.declared}, inferred ${c.inferred} (${c.method} ${v})`}</title></circle>}
            </g>
          )
        })}
      </svg>
      <figcaption>{checks.map((c) => `${c.individual}: declared ${c.declared}, inferred ${c.inferred} (${c.method === 'bam-index' ? 'X ratio' : 'X het fraction'})`).join(' · ')}</figcaption>
    </figure>
  )
}

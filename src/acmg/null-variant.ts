// PVS1: a null variant in a gene where loss of function is a known disease mechanism, with
// the strength the ClinGen SVI decision tree gives (Abou Tayoun et al. 2018) where the
// transcript layout lets us answer its questions:
//   nonsense / frameshift: NMD predicted → very strong; NMD escaped (last exon, or within
//     50 nt of the last exon-exon junction) → strong if the lost region holds a PM1 region
//     or is more than 10% of the protein, else moderate;
//   canonical ±1/2 splice sites: skipping the exon shifts the frame and NMD is predicted →
//     very strong; otherwise (in-frame skip, or a frameshift reaching the last two exons) →
//     strong if the lost region is critical or more than 10% of the protein, else moderate;
//   start lost → supporting (we do not search for an alternative in-frame start);
//   transcript ablation → very strong.
// Not answered (no data): whether the exon is absent from other biologically relevant
// transcripts, cryptic splice sites, and frequency of LoF variants in the population.
import type { Candidate, Criterion, Strength } from '../prioritise/model.js'
import { trimAlleles } from '../csq/hgvs.js'
import type { EvidenceContext } from './context.js'
import { escapesNmd, locate, type Layout } from './layout.js'
import { criterion } from './points.js'
import { round } from './util.js'

export const NULL_TERMS = ['transcript_ablation', 'splice_acceptor_variant', 'splice_donor_variant', 'stop_gained', 'frameshift_variant', 'start_lost'] as const
const NULL = new Set<string>(NULL_TERMS)

export function pvs1(c: Candidate, ctx: EvidenceContext): Criterion | undefined {
  const v = c.variant
  const term = v.consequence.find((t) => NULL.has(t))
  if (!term || !v.gene) return undefined
  const mech = ctx.mechanism(v.gene)
  if (!mech.known) return undefined
  const base = { consequence: term, mechanism: mech.source, ...mech.data }
  const say = (strength: Strength, why: string, data: Criterion['data'] = {}) =>
    criterion('PVS1', strength, `${label(term)} in ${v.gene}, where loss of function is a known disease mechanism (${mech.source}); ${why}.`, { ...base, ...data })
  if (term === 'transcript_ablation') return say('very_strong', 'the whole transcript is deleted')
  if (term === 'start_lost') return say('supporting', 'initiation codon lost, alternative start codons not assessed')
  const l = ctx.layout(v.transcript)
  if (!l) return fallback(v.exon, term, say)
  const [s0, r] = trimAlleles(v.pos - 1, v.ref, v.alt)
  const first = r.length ? s0 : s0 - 1 // an insertion: the base before it
  const o = ctx.options
  if (term === 'stop_gained' || term === 'frameshift_variant') {
    const w = locate(l, first)
    if (!w || !('exon' in w)) return fallback(v.exon, term, say)
    if (!escapesNmd(l, w.exon, w.cdna, o.nmdBoundary)) {
      return say('very_strong', `nonsense-mediated decay predicted (exon ${w.exon + 1} of ${l.exons.length}, more than ${o.nmdBoundary} nt 5' of the last exon-exon junction)`, { exon: `${w.exon + 1}/${l.exons.length}` })
    }
    const residue = v.proteinPosition ?? Math.max(1, Math.floor((w.cdna - l.cdsStart) / 3) + 1)
    return lost(ctx, v.gene, v.transcript, l, residue, l.proteinLength, `NMD not predicted (exon ${w.exon + 1} of ${l.exons.length})`, say, { exon: `${w.exon + 1}/${l.exons.length}` })
  }
  // splice donor / acceptor: which exon would be skipped
  const w = locate(l, first)
  if (!w || !('intron' in w)) return fallback(v.exon, term, say)
  const e = term === 'splice_donor_variant' ? w.intron : w.intron + 1
  const coding = l.coding[e]
  if (coding === 0) return undefined // skipping a non-coding exon leaves the protein intact
  const p1 = Math.floor(l.codingBefore[e] / 3) + 1, p2 = Math.min(l.proteinLength, Math.floor((l.codingBefore[e] + coding - 1) / 3) + 1)
  const exon = `${e + 1}/${l.exons.length}`
  if (coding % 3 !== 0) {
    if (e <= l.exons.length - 3) return say('very_strong', `skipping exon ${exon} (${coding} coding bases) shifts the reading frame and NMD is predicted`, { exon, skippedCodingBases: coding })
    return lost(ctx, v.gene, v.transcript, l, p1, l.proteinLength, `skipping exon ${exon} shifts the frame near the 3' end (NMD not predicted)`, say, { exon, skippedCodingBases: coding })
  }
  return lost(ctx, v.gene, v.transcript, l, p1, p2, `skipping exon ${exon} removes ${coding / 3} residues in frame`, say, { exon, skippedCodingBases: coding })
}

function lost(ctx: EvidenceContext, gene: string, transcript: string | undefined, l: Layout, from: number, to: number, what: string,
  say: (s: Strength, why: string, d?: Criterion['data']) => Criterion, data: Criterion['data']): Criterion {
  const fraction = (to - from + 1) / l.proteinLength
  const critical = ctx.hotspots(gene, from, to, transcript)
  const extra = { ...data, lostResidues: `${from}-${to}`, proteinLength: l.proteinLength, lostFraction: round(fraction), ...(critical.length ? { criticalRegion: critical[0].name } : {}) }
  if (critical.length) return say('strong', `${what}, and the lost residues ${from}-${to} include the critical region ${critical[0].name}`, extra)
  if (fraction > ctx.options.pvs1MinLostFraction) return say('strong', `${what}, losing ${pctOf(fraction)} of the protein (more than ${pctOf(ctx.options.pvs1MinLostFraction)})`, extra)
  return say('moderate', `${what}, losing ${pctOf(fraction)} of the protein with no known critical region`, extra)
}

/** Without gene models: the exon number alone ('k/n' from the annotation). */
function fallback(exon: string | undefined, term: string, say: (s: Strength, why: string, d?: Criterion['data']) => Criterion): Criterion {
  const m = exon ? /^(\d+)(?:-\d+)?\/(\d+)$/.exec(exon) : null
  if (term === 'stop_gained' || term === 'frameshift_variant') {
    if (m && m[1] === m[2]) return say('moderate', `in the last exon (${exon}), NMD not predicted; transcript layout unavailable to size the lost region`, { exon: exon! })
    if (m) return say('very_strong', `exon ${exon}, not the last: nonsense-mediated decay predicted (transcript layout unavailable for the 50-nt rule)`, { exon: exon! })
  }
  return say('strong', 'transcript layout unavailable, so the effect on the reading frame and NMD was not assessed', exon ? { exon } : {})
}

const pctOf = (x: number) => `${Math.round(x * 100)}%`
function label(term: string): string {
  return ({ stop_gained: 'Nonsense variant', frameshift_variant: 'Frameshift variant', splice_donor_variant: 'Canonical splice donor variant',
    splice_acceptor_variant: 'Canonical splice acceptor variant', start_lost: 'Start-loss variant', transcript_ablation: 'Transcript ablation' } as Record<string, string>)[term] ?? term
}

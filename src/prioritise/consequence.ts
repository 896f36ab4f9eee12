// Consequences for the survivors of the frequency cut only (ConsequenceCaller, src/csq): gene,
// transcript (MANE Select, else Ensembl canonical, else the most severe), SO terms, impact,
// HGVS and protein position; then the severity cut. Runs on a few hundred variants, so the
// per-record objects here are cheap.
import type { ConsequenceCaller, TranscriptConsequence } from '../csq/caller.js'
import type { Variant } from './model.js'
import { KEPT_LOW_IMPACT, termRank } from './scoring.js'

/** Which transcript speaks for a variant: MANE, then canonical, then severity, then id (stable). */
function pick(entries: TranscriptConsequence[]): TranscriptConsequence | undefined {
  const coding = entries.filter((e) => e.biotype === 'protein_coding')
  const pool = coding.length ? coding : entries
  return [...pool].sort((a, b) =>
    (a.mane ? 0 : 1) - (b.mane ? 0 : 1) || (a.canonical ? 0 : 1) - (b.canonical ? 0 : 1) ||
    termRank(a.terms[0]) - termRank(b.terms[0]) || (a.transcript < b.transcript ? -1 : a.transcript > b.transcript ? 1 : 0))[0]
}

/**
 * Fills gene, transcript, consequence, impact, HGVS and protein fields of each variant (in
 * place). `worst` receives the most severe term over every transcript of the chosen gene (the
 * severity cut uses it: a missense change on an alternative transcript is not thrown away
 * because the MANE transcript sees it as intronic).
 */
export async function addConsequences(caller: ConsequenceCaller, variants: Variant[]): Promise<Map<Variant, string>> {
  const worst = new Map<Variant, string>()
  const order = [...variants].sort((a, b) => (a.chrom < b.chrom ? -1 : a.chrom > b.chrom ? 1 : a.pos - b.pos))
  // one prepare per contig, each followed by its calls: the caller treats its input as one
  // sorted stream and drops the sequences of other contigs at every prepare (a caller shared
  // by several runs would otherwise keep, and then drop unloaded, what a list spanning
  // contigs needs)
  let from = 0
  while (from < order.length) {
    let to = from + 1
    while (to < order.length && order[to].chrom === order[from].chrom) to++
    const group = order.slice(from, to)
    await caller.prepare(group.map((v) => ({ chrom: v.chrom, pos: v.pos, ref: v.ref })))
    for (const v of group) call(v)
    from = to
  }
  return worst

  function call(v: Variant): void {
    const r = caller.callLoaded(0, v.chrom, v.pos, v.ref, [v.alt])
    const chosen = pick(r.transcripts)
    if (!chosen) { v.consequence = [r.mostSevere[0] ?? 'intergenic_variant']; v.impact = 'MODIFIER'; return }
    v.gene = chosen.symbol ?? chosen.geneId
    v.geneId = chosen.geneId
    v.transcript = chosen.version ? `${chosen.transcript}.${chosen.version}` : chosen.transcript
    v.consequence = chosen.terms
    v.impact = chosen.impact
    v.hgvsc = chosen.hgvsc
    v.hgvsp = chosen.hgvsp
    v.exon = chosen.exon
    if (chosen.proteinPosition) v.proteinPosition = Number(chosen.proteinPosition.split('-')[0])
    v.aminoAcids = chosen.aminoAcids
    let best = chosen.terms[0]
    for (const e of r.transcripts) if (e.geneId === chosen.geneId && termRank(e.terms[0]) < termRank(best)) best = e.terms[0]
    worst.set(v, best)
  }
}

/** The severity cut: HIGH or MODERATE impact, the splice-region terms of KEPT_LOW_IMPACT, or ClinVar P/LP. */
export function passesSeverity(v: Variant, worstTerm: string | undefined): boolean {
  if (v.clinvar?.pathogenic) return true
  if (v.impact === 'HIGH' || v.impact === 'MODERATE') return true
  const t = worstTerm ?? v.consequence[0]
  if (t === undefined) return false
  return termRank(t) <= termRank('missense_variant') + 1 || KEPT_LOW_IMPACT.has(t) || v.consequence.some((c) => KEPT_LOW_IMPACT.has(c))
}

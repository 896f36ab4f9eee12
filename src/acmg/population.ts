// Frequency criteria: BA1, BS1, PM2_Supporting (Richards 2015; ClinGen SVI: BA1 at 5% with
// its exception list, PM2 at supporting strength) and BS2 from homozygote counts.
import type { Candidate, Criterion, InheritanceMode } from '../prioritise/model.js'
import type { EvidenceContext } from './context.js'
import { criterion } from './points.js'
import { proteinChange } from './util.js'

const RECESSIVE: ReadonlySet<InheritanceMode> = new Set(['autosomal_recessive_hom', 'compound_het', 'x_linked_recessive'])
const pct = (x: number) => `${+(x * 100).toPrecision(3)}%`

export function frequencyCriteria(c: Candidate, ctx: EvidenceContext, mode?: InheritanceMode): Criterion[] {
  const v = c.variant, o = ctx.options
  const out: Criterion[] = []
  const change = proteinChange(v.hgvsp)
  const exempt = !!v.gene && !!change && o.frequencyExceptions.includes(`${v.gene}:${change}`)
  const pm = v.popmax
  const data = (extra: Criterion['data'] = {}): Criterion['data'] => ({ ...(pm !== undefined ? { popmax: pm } : {}), ...(v.af !== undefined ? { af: v.af } : {}), ...extra })
  if (pm !== undefined && !exempt && pm >= o.ba1MinPopmax) {
    out.push(criterion('BA1', 'stand_alone', `Popmax allele frequency ${pct(pm)} is at or above ${pct(o.ba1MinPopmax)}, too common for a rare Mendelian disorder.`, data({ threshold: o.ba1MinPopmax })))
  } else if (pm !== undefined && !exempt) {
    const own = v.gene !== undefined ? o.bs1PerGene[v.gene] : undefined
    const thr = own ?? o.bs1MinPopmax
    if (pm >= thr) out.push(criterion('BS1', 'strong', `Popmax allele frequency ${pct(pm)} is at or above ${own !== undefined ? `${v.gene}'s threshold` : 'the default threshold'} of ${pct(thr)}, greater than expected for the disorder.`, data({ threshold: thr, perGene: own !== undefined })))
  }
  if (pm === undefined || pm < o.pm2MaxPopmax) {
    out.push(criterion('PM2', 'supporting', pm === undefined ? 'Absent from the population database.' : `Popmax allele frequency ${pct(pm)} is below ${pct(o.pm2MaxPopmax)}.`, data({ threshold: o.pm2MaxPopmax, absent: pm === undefined })))
  }
  const hom = v.nhomalt
  if (hom !== undefined && !exempt && hom >= o.bs2MinHomozygotes) {
    const modes = mode ? [mode] : c.modes
    const hi = v.gene ? ctx.data.haploinsufficiency?.get(v.gene)?.score : undefined
    const recessive = (modes.length > 0 && modes.every((m) => RECESSIVE.has(m))) || (!mode && hi === 30)
    if (recessive) {
      out.push(criterion('BS2', 'strong', `${hom} homozygous or hemizygous individuals in the population database, for a recessive or X-linked disorder expected to be penetrant.`, { nhomalt: hom, threshold: o.bs2MinHomozygotes, mode: modes.join(',') }))
    }
  }
  return out
}

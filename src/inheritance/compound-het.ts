// Compound heterozygous pairs: two compound_het candidates of one family in one gene, on
// different haplotypes. Phase, first rule that decides wins:
//   1. parents: both alleles' origin known (trio) → trans when they came from different
//      parents; cis (same parent) is no pair;
//   2. de novo + inherited: one allele de novo (both parents hom-ref), the other inherited —
//      allowed, though the de novo allele's haplotype is not known without read-backed phase;
//   3. phase sets / phased GT: both proband calls phased ('|') in the same PS (or, without PS,
//      in the chromosome-wide block the VCF spec implies) → trans when the ALTs lie on
//      different haplotypes;
//   4. otherwise 'unphased' (singletons, duos): a possible pair, reported as such.
// Two de novo alleles, or two inherited from the same parent, make no pair.
import type { Candidate, CompoundHetPair, Family } from '../prioritise/model.js'

export function pairCompoundHets(candidates: Candidate[], family: Family): CompoundHetPair[] {
  const byGene = new Map<string, Candidate[]>()
  for (const c of candidates) {
    if (c.family !== family.id || !c.modes.includes('compound_het') || !c.variant.gene) continue
    const list = byGene.get(c.variant.gene) ?? []
    if (!list.some((x) => x.variant.key === c.variant.key)) list.push(c)
    byGene.set(c.variant.gene, list)
  }
  const out: CompoundHetPair[] = []
  for (const [gene, list] of [...byGene].sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) {
    list.sort((a, b) => a.variant.pos - b.variant.pos || (a.variant.key < b.variant.key ? -1 : 1))
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const phase = phaseOf(list[i], list[j], family)
        if (phase) out.push({ family: family.id, gene, first: list[i], second: list[j], phase })
      }
    }
  }
  return out
}

/** How the two are in trans, or undefined when they are in cis or cannot be a pair. */
export function phaseOf(a: Candidate, b: Candidate, family: Family): string | undefined {
  if (a.from && b.from) return a.from !== b.from ? 'parents' : undefined
  const dnA = a.modes.includes('de_novo'), dnB = b.modes.includes('de_novo')
  if ((dnA && b.from) || (dnB && a.from)) return 'de-novo+inherited'
  if (dnA && dnB) return undefined
  const ga = probandCall(a, family), gb = probandCall(b, family)
  if (ga && gb && ga.phased && gb.phased && ga.phaseSet === gb.phaseSet) {
    const ha = altHaplotype(ga.gt), hb = altHaplotype(gb.gt)
    if (ha >= 0 && hb >= 0) return ha !== hb ? (ga.phaseSet !== undefined ? 'phase-set' : 'phased-gt') : undefined
  }
  // a trio with one origin known and the other unknown should not happen (the scanner
  // leaves origin unknown only for de novo alleles); without both parents, unphased
  return 'unphased'
}

function probandCall(c: Candidate, family: Family) {
  return c.genotypes.find((g) => g.individual === family.proband)
}

/** Which haplotype (0 or 1) of a phased diploid call carries the one non-reference allele; -1 otherwise. */
function altHaplotype(gt: string): number {
  const parts = gt.split('|')
  if (parts.length !== 2) return -1
  const alt0 = parts[0] !== '0' && parts[0] !== '.', alt1 = parts[1] !== '0' && parts[1] !== '.'
  return alt0 === alt1 ? -1 : alt0 ? 0 : 1
}

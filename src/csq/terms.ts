// Sequence Ontology consequence terms in Ensembl VEP's order of severity, with VEP's IMPACT,
// and the mapping from bcftools' consequence names.
export type Impact = 'HIGH' | 'MODERATE' | 'LOW' | 'MODIFIER'

/** VEP's ranked list (most severe first), as in Bio::EnsEMBL::Variation::Utils::Constants. */
export const SO_TERMS: Array<[string, Impact]> = [
  ['transcript_ablation', 'HIGH'],
  ['splice_acceptor_variant', 'HIGH'],
  ['splice_donor_variant', 'HIGH'],
  ['stop_gained', 'HIGH'],
  ['frameshift_variant', 'HIGH'],
  ['stop_lost', 'HIGH'],
  ['start_lost', 'HIGH'],
  ['transcript_amplification', 'HIGH'],
  ['feature_elongation', 'HIGH'],
  ['feature_truncation', 'HIGH'],
  ['inframe_insertion', 'MODERATE'],
  ['inframe_deletion', 'MODERATE'],
  ['missense_variant', 'MODERATE'],
  ['protein_altering_variant', 'MODERATE'],
  ['splice_donor_5th_base_variant', 'LOW'],
  ['splice_region_variant', 'LOW'],
  ['splice_donor_region_variant', 'LOW'],
  ['splice_polypyrimidine_tract_variant', 'LOW'],
  ['incomplete_terminal_codon_variant', 'LOW'],
  ['start_retained_variant', 'LOW'],
  ['stop_retained_variant', 'LOW'],
  ['synonymous_variant', 'LOW'],
  ['coding_sequence_variant', 'MODIFIER'],
  ['mature_miRNA_variant', 'MODIFIER'],
  ['5_prime_UTR_variant', 'MODIFIER'],
  ['3_prime_UTR_variant', 'MODIFIER'],
  ['non_coding_transcript_exon_variant', 'MODIFIER'],
  ['intron_variant', 'MODIFIER'],
  ['NMD_transcript_variant', 'MODIFIER'],
  ['non_coding_transcript_variant', 'MODIFIER'],
  ['coding_transcript_variant', 'MODIFIER'],
  ['upstream_gene_variant', 'MODIFIER'],
  ['downstream_gene_variant', 'MODIFIER'],
  ['intergenic_variant', 'MODIFIER'],
]

export const TERM_RANK = new Map<string, number>(SO_TERMS.map(([t], k) => [t, k]))
export const TERM_IMPACT = new Map<string, Impact>(SO_TERMS)

/** bcftools consequence name -> SO term. */
export const BCSQ_TO_SO: Record<string, string> = {
  synonymous: 'synonymous_variant',
  missense: 'missense_variant',
  stop_lost: 'stop_lost',
  stop_gained: 'stop_gained',
  inframe_deletion: 'inframe_deletion',
  inframe_insertion: 'inframe_insertion',
  frameshift: 'frameshift_variant',
  splice_acceptor: 'splice_acceptor_variant',
  splice_donor: 'splice_donor_variant',
  start_lost: 'start_lost',
  splice_region: 'splice_region_variant',
  stop_retained: 'stop_retained_variant',
  '5_prime_utr': '5_prime_UTR_variant',
  '3_prime_utr': '3_prime_UTR_variant',
  non_coding: 'non_coding_transcript_exon_variant',
  intron: 'intron_variant',
  intergenic: 'intergenic_variant',
  inframe_altering: 'protein_altering_variant',
  coding_sequence: 'coding_sequence_variant',
  feature_elongation: 'feature_elongation',
  feature_truncation: 'feature_truncation',
  start_retained: 'start_retained_variant',
}

/** Sorts terms most severe first and removes duplicates. */
export function rankTerms(terms: Iterable<string>): string[] {
  const out: string[] = []
  for (const t of terms) if (!out.includes(t)) out.push(t)
  if (out.length > 1) out.sort((a, b) => (RANK[a] ?? 99) - (RANK[b] ?? 99))
  return out
}
const RANK: Record<string, number> = Object.fromEntries(SO_TERMS.map(([t], k) => [t, k]))

export function impactOf(terms: string[]): Impact {
  let best: Impact = 'MODIFIER'
  const order: Impact[] = ['HIGH', 'MODERATE', 'LOW', 'MODIFIER']
  for (const t of terms) {
    const i = TERM_IMPACT.get(t) ?? 'MODIFIER'
    if (order.indexOf(i) < order.indexOf(best)) best = i
  }
  return best
}

/** The most severe of a set of terms. */
export function mostSevere(terms: Iterable<string>): string | undefined {
  let best: string | undefined
  for (const t of terms) if (best === undefined || (TERM_RANK.get(t) ?? 99) < (TERM_RANK.get(best) ?? 99)) best = t
  return best
}

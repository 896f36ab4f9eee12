// The spike-in case plan: which mode and variant kind each case gets. Deterministic in the
// case index, balanced so every mode gets the same number of cases and a quarter of each
// mode's cases are 1-bp frameshift indels (the rest stop-gain SNVs). The gene and the HPO terms
// come from the trio generator (src/world/trio.ts, trio-causal.ts) under the case's seed.

/** The four modes the issue asks for, in the generator's names. */
export const MODES = ['de_novo', 'autosomal_recessive_hom', 'compound_het', 'x_linked_recessive']

/** Short labels for tables. */
export const MODE_LABEL = {
  de_novo: 'de novo',
  autosomal_recessive_hom: 'AR homozygous',
  compound_het: 'compound het',
  x_linked_recessive: 'X-linked recessive',
}

/**
 * Case i of a run with seed S: mode i mod 4; within a mode every fourth case an indel; the
 * case seed S * 100003 + i decides gene, alleles and HPO terms; the background seed S is
 * shared by every case (the genomes are the same, only the causal records differ).
 */
export function planCases(n, seed) {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`--cases must be a positive integer, got ${n}`)
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 40000) throw new RangeError(`--seed must be an integer 0..40000, got ${seed}`)
  const cases = []
  for (let i = 0; i < n; i++) {
    const mode = MODES[i % MODES.length]
    const k = Math.floor(i / MODES.length)
    cases.push({ index: i, id: `case${String(i + 1).padStart(3, '0')}`, mode, kind: k % 4 === 3 ? 'indel' : 'snv', seed: seed * 100003 + i, backgroundSeed: seed })
  }
  return cases
}

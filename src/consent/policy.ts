// Consent: what a family agreed to learn. Every gene result is related to the indication
// (shown), a secondary finding (an ACMG SF gene unrelated to the indication: shown in its own
// section only with 'related+secondary' consent and only when it meets the gene's SF
// reporting rule), or masked (never written anywhere; only counted).
//
// "Related to the indication": the gene is on the case's panel, or its phenotype score
// reaches `minPhenotypeScore` (the patient's HPO terms point at it). Genes not on the SF list
// are never masked: the indication-driven search is what the family asked for.
import type { AcmgClass, GeneResult, RankedVariant } from '../prioritise/model.js'
import type { SecondaryFindingsGene, SecondaryFindingsList } from './sf-list.js'

export type ConsentLevel = 'related' | 'related+secondary'
export const CONSENT_LEVELS: readonly ConsentLevel[] = ['related', 'related+secondary']

export interface ConsentOptions {
  /** Default 'related': secondary findings masked. */
  level?: ConsentLevel
  /** Genes of the indication's panel(s). */
  panelGenes?: Iterable<string>
  /** A gene whose phenotype score is at least this is related to the indication (default 0.5; needs HPO terms). */
  minPhenotypeScore?: number

  /** A variant counts as P/LP for the SF rule when ClinVar asserts P/LP even if our class is lower (default true). */
  countClinvar?: boolean
}

export type Disposition = 'related' | 'secondary' | 'masked'

export interface Decision {
  disposition: Disposition
  /** Why (for logs of the decision itself: contains the gene symbol, so never write it for masked genes). */
  reason: string
  sf?: SecondaryFindingsGene
}

const PLP: ReadonlySet<AcmgClass> = new Set(['pathogenic', 'likely_pathogenic'])
const TRUNCATING = new Set(['transcript_ablation', 'splice_acceptor_variant', 'splice_donor_variant', 'stop_gained', 'frameshift_variant', 'start_lost'])

const AA3: Record<string, string> = { A: 'Ala', R: 'Arg', N: 'Asn', D: 'Asp', C: 'Cys', E: 'Glu', Q: 'Gln', G: 'Gly', H: 'His', I: 'Ile', L: 'Leu',
  K: 'Lys', M: 'Met', F: 'Phe', P: 'Pro', S: 'Ser', T: 'Thr', W: 'Trp', Y: 'Tyr', V: 'Val', '*': 'Ter' }
/** p.C282Y → p.Cys282Tyr; three-letter forms and accessions (ENSP…:p.) pass through without the accession. */
export function threeLetter(p: string): string {
  const q = p.slice(p.indexOf(':') + 1).replace(/^p\.\((.*)\)$/, 'p.$1')
  return q.replace(/^p\.([A-Z*])(\d+)([A-Z*])$/, (_, a, n, b) => `p.${AA3[a]}${n}${AA3[b]}`)
}

export class ConsentPolicy {
  readonly level: ConsentLevel
  readonly minPhenotypeScore: number
  private readonly panel?: Set<string>
  private readonly countClinvar: boolean

  constructor(readonly list: SecondaryFindingsList, opts: ConsentOptions = {}) {
    this.level = opts.level ?? 'related'
    if (!CONSENT_LEVELS.includes(this.level)) throw new RangeError(`consent must be one of ${CONSENT_LEVELS.join(', ')}, got ${String(opts.level)}`)
    this.panel = opts.panelGenes ? new Set(opts.panelGenes) : undefined
    this.minPhenotypeScore = opts.minPhenotypeScore ?? 0.5
    this.countClinvar = opts.countClinvar ?? true
  }

  /** Related to the indication: on the panel (panelGenes, or the result's own `panel` flag), or phenotype score at least minPhenotypeScore. */
  related(g: Pick<GeneResult, 'gene' | 'phenotypeScore'> & { panel?: boolean }, topK?: number): string | undefined {
    if (this.panel?.has(g.gene) || g.panel === true) return 'on the indication\'s panel'
    if (g.phenotypeScore >= this.minPhenotypeScore) return `phenotype score ${g.phenotypeScore.toFixed(3)} >= ${this.minPhenotypeScore}`
    if (topK !== undefined && g.phenotypeScore > 0 && g.phenotypeScore >= topK) {
      return `phenotype score ${g.phenotypeScore.toFixed(3)}: among the patient's best matches over all genes (>= ${topK.toFixed(3)})`
    }
    return undefined
  }

  /**
   * `topK`: the score of the family's K-th best phenotype match over every annotated gene (the
   * pipeline uses K = 10): an SF gene scoring at least that is among the patient's best
   * matches, so related to the indication even below minPhenotypeScore.
   */
  decide(g: GeneResult, topK?: number): Decision {
    const sf = this.list.get(g.gene)
    if (!sf) return { disposition: 'related', reason: 'not an ACMG secondary-findings gene' }
    const why = this.related(g, topK)
    if (why) return { disposition: 'related', reason: `ACMG SF gene related to the indication (${why})`, sf }
    if (this.level !== 'related+secondary') return { disposition: 'masked', reason: 'ACMG SF gene unrelated to the indication; no consent to secondary findings', sf }
    const meets = this.meetsRule(g, sf)
    return meets === true
      ? { disposition: 'secondary', reason: `ACMG SF ${this.list.version} secondary finding: ${sf.report}`, sf }
      : { disposition: 'masked', reason: `ACMG SF gene unrelated to the indication and not reportable: ${meets}`, sf }
  }

  /** True when the result meets the gene's SF reporting rule, else why not. */
  meetsRule(g: GeneResult, sf: SecondaryFindingsGene): true | string {
    const r = sf.rule
    const counts = (v: RankedVariant): boolean => {
      const plp = PLP.has(v.classification.class) || (this.countClinvar && v.candidate.variant.clinvar?.pathogenic === true)
      if (!plp) return false
      const csq = v.candidate.variant.consequence
      if (r.variants === 'truncating' && !csq.some((t) => TRUNCATING.has(t))) return false
      if (r.variants === 'non-truncating' && csq.some((t) => TRUNCATING.has(t))) return false
      if (r.variant) { const p = v.candidate.variant.hgvsp; if (!p || threeLetter(p) !== threeLetter(r.variant)) return false }
      return true
    }
    const ok = g.variants.filter(counts)
    if (ok.length === 0) return `no variant meets "${sf.report}"`
    if (r.zygosity === 'monoallelic') return true
    const hom = ok.some((v) => v.mode === 'autosomal_recessive_hom')
    if (hom) return true
    if (r.zygosity === 'homozygous') return 'not homozygous'
    const keys = new Set(ok.filter((v) => v.mode === 'compound_het').map((v) => v.candidate.variant.key))
    return keys.size >= 2 ? true : 'one P/LP variant in a gene reported only when biallelic'
  }
}

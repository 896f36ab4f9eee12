// csq as VCF: the INFO declarations and the annotated lines of one batch. Shared by the
// streaming command and the shard job, so both write the same bytes.
import type { RecordBatch } from '../batch/batch.js'
import { appendInfo, type InfoDeclaration } from '../sink/info-append.js'
import { Reference } from '../reference/fasta.js'
import { GeneModel } from './gene-model.js'
import { ConsequenceCaller } from './caller.js'
import { VEP_FIELDS, bcsqText, vepText } from './format.js'
import type { VcfInput } from '../source/source.js'

/** Everything csq needs besides the input, as plain data (it travels to worker threads). */
export interface CsqSpec {
  /** Reference FASTA and GFF3: paths or URLs (a Blob works on one thread). */
  fasta: VcfInput
  gff: string | Blob
  format: 'vep' | 'bcsq'
  /** The INFO tag (CSQ, or BCSQ with format bcsq). */
  tag: string
  geneticCode: number
  force?: boolean
  /** -i/-e given: records that fail are written unchanged rather than dropped. */
  keepUnselected: boolean
  /** Tags already in the input header that re-annotation replaces. */
  drop: string[]
}

export function csqDeclarations(format: 'vep' | 'bcsq', tag: string): InfoDeclaration[] {
  return format === 'bcsq'
    ? [{ id: tag, number: '.', type: 'String', description: 'Local consequence annotation from vartriage csq (bcftools csq -l compatible). Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change' }]
    : [{ id: tag, number: '.', type: 'String', description: `Consequence annotations from vartriage csq (Ensembl VEP style). Format: ${VEP_FIELDS.join('|')}` },
       { id: 'MOST_SEVERE', number: 'A', type: 'String', description: 'Most severe consequence (SO term, Ensembl VEP ranking) per ALT allele' }]
}

/** Loads the gene model and opens the reference (once per thread). */
export async function openCaller(spec: CsqSpec, onWarning: (m: string) => void): Promise<ConsequenceCaller> {
  const model = await GeneModel.load(spec.gff, { force: spec.force, onWarning })
  const reference = await Reference.open(spec.fasta)
  return new ConsequenceCaller(model, reference, { geneticCode: spec.geneticCode, force: spec.force, vep: spec.format === 'vep', onWarning })
}

/** The batch's lines with the consequences of its selected records in INFO. */
export async function csqLines(caller: ConsequenceCaller, b: RecordBatch, spec: CsqSpec, drop: ReadonlySet<string>): Promise<Uint8Array> {
  const res = await caller.callBatch(b) // the selected records
  // records that fail -i/-e are written unchanged (as bcftools csq -i/-e); -r/-R limit the output
  if (spec.keepUnselected) b.selected = undefined
  const byIndex = new Array<string>(b.n).fill('')
  const tag = spec.tag
  for (const r of res) {
    if (spec.format === 'bcsq') { const t = bcsqText(r); if (t) byIndex[r.index] = `${tag}=${t}` } else {
      const t = vepText(r)
      const ms = r.mostSevere.map((m) => m || '.').join(',')
      byIndex[r.index] = (t ? `${tag}=${t};` : '') + `MOST_SEVERE=${ms}`
    }
  }
  return appendInfo(b, (i) => byIndex[i], drop)
}

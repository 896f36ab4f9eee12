// `vartriage csq`: consequence calling. VEP-style CSQ (default) or bcftools' BCSQ string
// (--format bcsq), written into INFO of the input VCF.
import { UsageError } from '../errors.js'
import { select } from '../pipeline/select.js'
import { headerText } from '../sink/vcf.js'
import { declareInfo, appendInfo, type InfoDeclaration } from '../sink/info-append.js'
import { Output, type OutputType } from '../sink/output.js'
import { Reference } from '../reference/fasta.js'
import { GeneModel } from '../csq/gene-model.js'
import { ConsequenceCaller } from '../csq/caller.js'
import { VEP_FIELDS, bcsqText, vepText } from '../csq/format.js'
import { Progress } from './progress.js'
import { inputOf, openReader, parse, regionsOf, reportEnd } from './options.js'

export const CSQ_USAGE = `csq: vartriage csq -f REF.fa -g GENES.gff3 [-l] [--format vep|bcsq] [-o OUT] [-O v|z] FILE
       -f, --fasta-ref FILE     reference FASTA (plain or bgzip; a missing .fai is built in memory)
       -g, --gff-annot FILE     GFF3 gene models (Ensembl; GENCODE/RefSeq mapped, see docs/csq.md)
       -l, --local-csq          per-record consequences, as bcftools csq -l (the only mode: accepted for compatibility)
           --format vep|bcsq    INFO/CSQ with VEP's fields and INFO/MOST_SEVERE (default), or bcftools' INFO/BCSQ
       -c, --custom-tag TAG     INFO tag name (default CSQ, or BCSQ with --format bcsq)
       -O, --output-type v|z    plain or BGZF-compressed VCF
           --genetic-code N     genetic code table (bcftools numbering; default 0)
           --force              skip records whose REF disagrees with the FASTA, and transcripts with broken phases
       -i/-e EXPR, -r/-R REG    annotate only records that pass / lie in the regions (others are written unchanged)
`

const OPTS = {
  'fasta-ref': { type: 'string', short: 'f' },
  'gff-annot': { type: 'string', short: 'g' },
  'local-csq': { type: 'boolean', short: 'l' },
  format: { type: 'string' },
  'custom-tag': { type: 'string', short: 'c' },
  'output-type': { type: 'string', short: 'O' },
  'genetic-code': { type: 'string' },
  force: { type: 'boolean' },
  'no-version': { type: 'boolean' },
} as const

export const csq = async (argv: string[]): Promise<number> => {
  const { values: v, positionals } = parse(argv, OPTS)
  if (v.help) { process.stdout.write(CSQ_USAGE); return 0 }
  if (!v['fasta-ref']) throw new UsageError('csq: -f/--fasta-ref is required')
  if (!v['gff-annot']) throw new UsageError('csq: -g/--gff-annot is required')
  const format = v.format ?? 'vep'
  if (format !== 'vep' && format !== 'bcsq') throw new UsageError(`csq: --format expects vep or bcsq, got "${format}"`)
  const otype = v['output-type'] ?? (v.output?.endsWith('.gz') ? 'z' : 'v')
  if (otype !== 'v' && otype !== 'z') throw new UsageError(`csq: -O expects v or z, got "${otype}"`)
  const gc = v['genetic-code'] === undefined ? 0 : Number(v['genetic-code'])
  if (!Number.isInteger(gc)) throw new UsageError(`csq: --genetic-code expects a table number, got "${v['genetic-code']}"`)
  const tag = v['custom-tag'] ?? (format === 'bcsq' ? 'BCSQ' : 'CSQ')
  const progress = new Progress(v.quiet ?? false)
  const file = inputOf(positionals, 'csq')

  const model = await GeneModel.load(v['gff-annot'], { force: v.force, onWarning: (m) => progress.warn(m) })
  const reference = await Reference.open(v['fasta-ref'])
  const caller = new ConsequenceCaller(model, reference, { geneticCode: gc, force: v.force, vep: format === 'vep', onWarning: (m) => progress.warn(m) })
  const reader = await openReader(file, v, progress)
  const sel = select(reader, { include: v.include, exclude: v.exclude, regions: regionsOf(v) })

  const decls: InfoDeclaration[] = format === 'bcsq'
    ? [{ id: tag, number: '.', type: 'String', description: 'Local consequence annotation from vartriage csq (bcftools csq -l compatible). Format: Consequence|gene|transcript|biotype|strand|amino_acid_change|dna_change' }]
    : [{ id: tag, number: '.', type: 'String', description: `Consequence annotations from vartriage csq (Ensembl VEP style). Format: ${VEP_FIELDS.join('|')}` },
       { id: 'MOST_SEVERE', number: 'A', type: 'String', description: 'Most severe consequence (SO term, Ensembl VEP ranking) per ALT allele' }]
  const command = v['no-version'] ? [] : [`##vartriage_csqCommand=csq ${argv.join(' ')}`]
  const header = declareInfo(reader.header, decls, command)
  const out = new Output({ path: v.output, type: otype as OutputType })
  out.write(headerText(header))
  const drop = new Set(decls.map((d) => d.id).filter((id) => reader.header.info.has(id))) // re-annotation replaces
  const filtered = v.include !== undefined || v.exclude !== undefined
  for await (const b of sel.batches) {
    progress.records += b.n
    const res = await caller.callBatch(b) // the selected records
    // records that fail -i/-e are written unchanged (as bcftools csq -i/-e); -r/-R limit the output
    if (filtered && !regionsOf(v)) b.selected = undefined
    const byIndex = new Array<string>(b.n).fill('')
    for (const r of res) {
      if (format === 'bcsq') { const t = bcsqText(r); if (t) byIndex[r.index] = `${tag}=${t}` } else {
        const t = vepText(r)
        const ms = r.mostSevere.map((m) => m || '.').join(',')
        byIndex[r.index] = (t ? `${tag}=${t};` : '') + `MOST_SEVERE=${ms}`
      }
    }
    out.write(appendInfo(b, (i) => byIndex[i], drop))
  }
  out.close()
  reportEnd(reader, progress)
  return 0
}

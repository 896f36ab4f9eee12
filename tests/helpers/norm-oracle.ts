// Runs bcftools norm and our normaliser on the same files, for record-by-record comparison.
import { spawnSync } from 'node:child_process'
import { VcfReader } from '../../src/reader/reader.js'
import { Reference } from '../../src/reference/fasta.js'
import { Normaliser, type NormOptions, type SplitMode } from '../../src/norm/normalise.js'

export interface NormRun {
  /** Output records (no header). */
  body: string[]
  /** bcftools' summary line(s). */
  summary: string[]
  /** REF_MISMATCH / NON_ACGTN_* / ALT_DUP lines. */
  warnings: string[]
  /** The error message when the run failed. */
  error?: string
}

/** bcftools norm arguments (-m-…, -c X, -w N) as our options. */
export function optionsOf(args: string[]): NormOptions {
  const o: NormOptions = { split: 'none' }
  for (let k = 0; k < args.length; k++) {
    const a = args[k]
    if (a.startsWith('-m-')) o.split = (a === '-m-' ? 'both' : a.slice(3)) as SplitMode
    else if (a === '-c') o.checkRef = args[++k]
    else if (a === '-w') o.siteWindow = Number(args[++k])
    else throw new Error(`optionsOf: unexpected ${a}`)
  }
  return o
}

const WARN = /^(REF_MISMATCH|NON_ACGTN_REF|NON_ACGTN_ALT|ALT_DUP)\t/

export function bcftoolsNorm(vcf: string, fasta: string | undefined, args: string[]): NormRun {
  const r = spawnSync('bcftools', ['norm', '--no-version', ...(fasta ? ['-f', fasta] : []), ...args, vcf], { encoding: 'utf8', maxBuffer: 1 << 30 })
  const err = r.stderr.split('\n').filter(Boolean)
  return {
    body: r.stdout.split('\n').filter((l) => l && !l.startsWith('#')),
    summary: err.filter((l) => l.startsWith('Lines ') || l.startsWith('REF/ALT ')),
    warnings: err.filter((l) => WARN.test(l)),
    error: r.status === 0 ? undefined : err.filter((l) => !l.startsWith('[W::') && !WARN.test(l)).join('\n'),
  }
}

export async function ourNorm(vcf: string, fasta: string | undefined, opts: NormOptions): Promise<NormRun> {
  const warnings: string[] = []
  const chunks: string[] = []
  const dec = new TextDecoder()
  const reader = await VcfReader.open(vcf, { onWarning: () => {} })
  const ref = fasta ? await Reference.open(fasta, { keepCase: true }) : undefined
  const n = new Normaliser(ref, reader.header, { ...opts, onWarning: (w) => warnings.push(w) })
  try {
    for await (const b of reader.batches()) chunks.push(dec.decode(await n.push(b)))
    chunks.push(dec.decode(n.finish()))
  } catch (e) {
    return { body: chunks.join('').split('\n').filter(Boolean), summary: [], warnings, error: (e as Error).message }
  }
  return { body: chunks.join('').split('\n').filter(Boolean), summary: n.summary().split('\n').filter(Boolean), warnings }
}

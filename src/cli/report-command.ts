// `vartriage report`: re-renders a prioritisation run's output directory from its results.json
// (a newer report layout, another evidence limit, the input VCF's header for the contigs), and
// `vartriage report --check DIR --forbid …`: the consent proof on a directory (docs/outputs.md).
import { readFile } from 'node:fs/promises'
import { UsageError } from '../errors.js'
import { parse } from './options.js'

export const REPORT_USAGE = `report: vartriage report RESULTS.json --out DIR [--vcf-header VCF] [--evidence N] [--forbid LIST|--forbid-file FILE]
       writes genes.tsv, variants.tsv, results.json, candidates.vcf.gz + .csi, report.html and
       manifest.json from a run's results.json (--vcf-header: take ##contig lines from this VCF;
       --evidence N: full evidence for the first N genes per family, default 100)
       vartriage report --check DIR (--forbid LIST | --forbid-file FILE)
       the consent proof: exits 1 naming file and byte if any output (decompressed too) names a
       forbidden string (gene symbols, chrom:pos, chrom:pos:ref:alt; comma-separated, or one per line)
`

async function forbiddenOf(v: { forbid?: string; 'forbid-file'?: string }): Promise<string[] | undefined> {
  if (v.forbid !== undefined && v['forbid-file'] !== undefined) throw new UsageError('report: use either --forbid or --forbid-file, not both')
  if (v.forbid !== undefined) return v.forbid.split(',').map((s) => s.trim()).filter(Boolean)
  if (v['forbid-file'] !== undefined) return (await readFile(v['forbid-file'], 'utf8')).split('\n').map((s) => s.trim()).filter(Boolean)
  return undefined
}

export const report = async (args: string[]): Promise<number> => {
  const { values: v, positionals } = parse(args, {
    out: { type: 'string' }, check: { type: 'string' }, 'vcf-header': { type: 'string' }, evidence: { type: 'string' },
    forbid: { type: 'string' }, 'forbid-file': { type: 'string' },
  })
  if (v.help) { process.stdout.write(REPORT_USAGE); return 0 }
  const { writeOutputs, assertNothingMasked, parseResultsJson } = await import('../report/index.js')
  const forbidden = await forbiddenOf(v)
  const say = (s: string) => { if (!v.quiet) process.stderr.write(s) }
  if (v.check !== undefined) {
    if (positionals.length > 0) throw new UsageError(`report --check: unexpected argument "${positionals[0]}"`)
    if (!forbidden?.length) throw new UsageError('report --check DIR needs --forbid LIST or --forbid-file FILE')
    const s = await assertNothingMasked(v.check, forbidden)
    say(`vartriage report: ${v.check}: ${s.files} files, ${s.bytes} bytes (decompressed included): none names any of ${forbidden.length} forbidden strings\n`)
    return 0
  }
  if (positionals.length !== 1) throw new UsageError('report: expected one results.json (or --check DIR)')
  const out = v.out ?? v.output
  if (!out) throw new UsageError('report: --out DIR is required')
  let evidenceLimit: number | undefined
  if (v.evidence !== undefined) {
    evidenceLimit = Number(v.evidence)
    if (!Number.isSafeInteger(evidenceLimit) || evidenceLimit < 0) throw new UsageError(`report: --evidence expects a non-negative integer, got "${v.evidence}"`)
  }
  const result = parseResultsJson(await readFile(positionals[0], 'utf8'), positionals[0])
  let vcfHeader: string | undefined
  if (v['vcf-header'] !== undefined) {
    const { VcfReader } = await import('../reader/reader.js')
    vcfHeader = (await VcfReader.open(v['vcf-header'])).header.text
  }
  const r = await writeOutputs(out, result, { vcfHeader, evidenceLimit, forbidden })
  say(`vartriage report: ${out}: ${r.files.map((f) => f.name).join(', ')}\n`)
  return 0
}

// `vartriage store build SRC... -o NAME.store`: precompiles annotation sources into a
// Parquet store (docs/adr/0006-annotation-store.md); `store info` prints its summary.
import { writeFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { Progress } from './progress.js'
import { parse } from './options.js'
import { loadVcfSource } from '../annotate/source-vcf.js'
import { mergeTables, readStore, writeStore } from '../annotate/store.js'
import { sourceKind } from '../annotate/sources.js'
import { VcfReader } from '../reader/reader.js'

export const STORE_USAGE = `store: vartriage store build [-f FIELDS] [--id] -o NAME.store SRC.vcf.gz...
       vartriage store info NAME.store
  -f, --fields LIST   INFO fields to keep (default: every INFO field declared in each source);
                      SRC:FIELD,... limits a field to the source whose path ends with SRC
      --id            keep the ID column
  Sources with the same CHROM, POS, REF and ALT are merged into one row.
`

export const store = async (argv: string[]): Promise<number> => {
  const [sub, ...rest] = argv
  const { values: v, positionals } = parse(rest, { fields: { type: 'string', short: 'f' }, id: { type: 'boolean' } })
  if (v.help || !sub) { process.stdout.write(STORE_USAGE); return sub ? 0 : 2 }
  const progress = new Progress(v.quiet ?? false)
  if (sub === 'info') {
    if (positionals.length !== 1) throw new UsageError('store info: expected one store')
    const t = await readStore(positionals[0], { id: false })
    const lines = [`rows\t${t.pos.length}`, `contigs\t${t.contigs.join(',')}`]
    for (const f of t.fields.values()) lines.push(`field\t${f.name}\tNumber=${f.number}\tType=${f.type}\t${f.description}`)
    process.stdout.write(lines.join('\n') + '\n')
    return 0
  }
  if (sub !== 'build') throw new UsageError(`store: unknown sub-command "${sub}" (build, info)`)
  if (!v.output) throw new UsageError('store build: -o NAME.store is required')
  if (positionals.length === 0) throw new UsageError('store build: give at least one source VCF')
  const tables = []
  for (const src of positionals) {
    if (sourceKind(src) !== 'vcf') throw new UsageError(`store build: ${src}: only VCF sources can be stored for now`)
    let fields: string[]
    if (v.fields) {
      fields = v.fields.split(',').flatMap((f) => {
        const c = f.lastIndexOf(':')
        if (c < 0) return [f.replace(/^INFO\//, '')]
        return src.endsWith(f.slice(0, c)) ? [f.slice(c + 1).replace(/^INFO\//, '')] : []
      })
    } else {
      const r = await VcfReader.open(src)
      fields = [...r.header.info.keys()]
    }
    tables.push(await loadVcfSource(src, fields, { id: v.id, onWarning: (m) => progress.warn(m), onProgress: (d, t) => progress.update(d, t) }))
  }
  const table = mergeTables(tables)
  writeFileSync(v.output, await writeStore(table))
  progress.done()
  if (!v.quiet) process.stderr.write(`vartriage: wrote ${v.output} (${table.pos.length} rows, ${table.fields.size} fields)\n`)
  return 0
}

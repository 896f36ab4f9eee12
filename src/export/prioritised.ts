// `writePrioritisationParquet`: the ranked variants of a prioritisation run as one Parquet
// table (one row per variant of each ranked gene, both variants of a compound-het pair), for
// `vartriage prioritise --parquet` and for cohort queries across many runs. A result holds a
// few hundred rows at most, so rows are built as objects and written in one row group.
import { ParquetWriter } from 'hyparquet-writer'
import type { GeneResult, PrioritisationResult } from '../prioritise/model.js'
import { openSink, parquetSchema, RowGroupBuffer, type ColumnSpec, type ParquetSink } from './columns.js'

export const PRIORITISED_META_KEY = 'vartriage.prioritised'

export const PRIORITISED_COLUMNS: ColumnSpec[] = [
  { name: 'family', type: 'STRING', nullable: false },
  { name: 'rank', type: 'INT32', nullable: false },
  { name: 'gene', type: 'STRING', nullable: false },
  { name: 'gene_score', type: 'DOUBLE', nullable: false },
  { name: 'phenotype_score', type: 'DOUBLE', nullable: false },
  { name: 'gene_class', type: 'STRING', nullable: false },
  { name: 'mode', type: 'STRING', nullable: false },
  { name: 'panel', type: 'BOOLEAN', nullable: false },
  { name: 'secondary', type: 'BOOLEAN', nullable: false },
  { name: 'key', type: 'STRING', nullable: false },
  { name: 'chrom', type: 'STRING', nullable: false },
  { name: 'pos', type: 'INT64', nullable: false },
  { name: 'ref', type: 'STRING', nullable: false },
  { name: 'alt', type: 'STRING', nullable: false },
  { name: 'variant_mode', type: 'STRING', nullable: false },
  { name: 'variant_score', type: 'DOUBLE', nullable: false },
  { name: 'class', type: 'STRING', nullable: false },
  { name: 'points', type: 'INT32', nullable: false },
  { name: 'criteria', type: 'STRING', nullable: false, list: true },
  { name: 'consequence', type: 'STRING', nullable: true },
  { name: 'impact', type: 'STRING', nullable: true },
  { name: 'transcript', type: 'STRING', nullable: true },
  { name: 'hgvsc', type: 'STRING', nullable: true },
  { name: 'hgvsp', type: 'STRING', nullable: true },
  { name: 'popmax', type: 'DOUBLE', nullable: true },
  { name: 'clinvar', type: 'STRING', nullable: true },
  { name: 'genotypes', type: 'STRING', nullable: true },
]

function rows(genes: GeneResult[], buf: RowGroupBuffer): void {
  for (const g of genes) {
    for (const rv of g.variants) {
      const v = rv.candidate.variant
      const cls = rv.classification
      const values = [
        g.family, g.rank, g.gene, g.score, g.phenotypeScore, g.acmgClass, g.mode, g.panel, g.secondary,
        v.key, v.chrom, BigInt(v.pos), v.ref, v.alt, rv.mode, rv.variantScore, cls.class, cls.points,
        cls.criteria.map((c) => c.code),
        v.consequence.length ? v.consequence.join('&') : null, v.impact ?? null, v.transcript ?? null,
        v.hgvsc ?? null, v.hgvsp ?? null, v.popmax ?? null, v.clinvar?.significance ?? null,
        // 'id:gt' per member, as the reports print it: a query can filter on it with LIKE
        rv.candidate.genotypes.length ? rv.candidate.genotypes.map((m) => `${m.individual}:${m.gt}`).join(',') : null,
      ]
      values.forEach((x, k) => buf.data[k].push(x))
      buf.rows++
    }
  }
}

/**
 * Writes the ranked variants (visible genes, then revealed secondary findings) of `result` to
 * `out` (a path in Node, or a ByteWriter). Masked findings are never written. Returns the rows.
 */
export async function writePrioritisationParquet(result: PrioritisationResult, out: string | ParquetSink): Promise<number> {
  const buf = new RowGroupBuffer(PRIORITISED_COLUMNS)
  rows(result.genes, buf)
  rows(result.secondary, buf)
  const n = buf.rows
  const writer = new ParquetWriter({
    writer: await openSink(out),
    schema: parquetSchema(PRIORITISED_COLUMNS),
    kvMetadata: [{
      key: PRIORITISED_META_KEY,
      value: JSON.stringify({ version: 1, tool: result.tool, started: result.started, masked: result.masked.count, parameters: result.parameters }),
    }],
    createdBy: `${result.tool.name} ${result.tool.version}`,
  })
  await buf.flush(writer)
  await writer.finish()
  return n
}

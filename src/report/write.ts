// writeOutputs: the output directory of `vartriage prioritise` (Node). Everything is built in
// memory first and checked (a sample id VCF cannot hold fails before any file exists), then
// written; manifest.json is built last since it holds the others' sha256. Its 'write' timing
// therefore covers building and hashing, not the final writes to disk.
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BgzfWriter } from '../bgzf/writer.js'
import { IndexBuilder } from '../index/writer.js'
import type { VcfHeader } from '../header/header.js'
import type { PrioritisationResult } from '../prioritise/model.js'
import { reportHtml, type ReportOptions } from './html.js'
import { resultsJson } from './json.js'
import { manifestJson, type OutputEntry } from './manifest.js'
import { genesTsv, variantsTsv } from './tsv.js'
import { candidatesVcf, checkVcfWritable } from './vcf.js'
import { assertContentsMasked } from './consent-proof.js'

export interface OutputOptions extends ReportOptions {
  /** Header of the input VCF: its ##contig lines (order, lengths), ##reference and FILTER descriptions. */
  vcfHeader?: VcfHeader | string
  /**
   * Strings no output may contain (masked gene symbols, variant keys, chrom:pos), as
   * assertNothingMasked understands them: checked on the built outputs before any file is
   * written, so a consent leak fails the run with nothing on disk.
   */
  forbidden?: string[]
  /** Further files written with the others (e.g. variants.parquet): hashed in the manifest and consent-checked too. */
  extra?: { name: string; bytes: Uint8Array }[]
}

export const OUTPUT_NAMES = {
  genes: 'genes.tsv', variants: 'variants.tsv', results: 'results.json', vcf: 'candidates.vcf.gz',
  csi: 'candidates.vcf.gz.csi', html: 'report.html', manifest: 'manifest.json',
} as const

export type OutputFiles = { dir: string; files: OutputEntry[] } & { [K in keyof typeof OUTPUT_NAMES]: string }

const enc = new TextEncoder()

/** candidates.vcf.gz and its .csi, written block by block with the virtual offset of each record. */
export function candidatesVcfGz(result: PrioritisationResult, header?: VcfHeader | string): { vcf: Uint8Array; csi: Uint8Array } {
  const v = candidatesVcf(result, { vcfHeader: header })
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c))
  const idx = new IndexBuilder({ format: 'csi', file: OUTPUT_NAMES.vcf, maxRefLength: v.maxContigLength })
  w.write(enc.encode(v.header))
  for (const r of v.records) {
    const start = w.writeRecord(enc.encode(r.line))
    idx.add(r.chrom, r.pos - 1, r.end, start, w.virtualOffset)
  }
  w.flush()
  // htslib ends the last chunk at the EOF block's offset: the same index bytes bcftools writes
  const csi = idx.finish(w.virtualOffset)
  w.close()
  return { vcf: Buffer.concat(chunks), csi }
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

export async function writeOutputs(dir: string, result: PrioritisationResult, opts: OutputOptions = {}): Promise<OutputFiles> {
  const t0 = performance.now()
  checkVcfWritable(result)
  const { vcf, csi } = candidatesVcfGz(result, opts.vcfHeader)
  const contents: [string, Uint8Array][] = [
    [OUTPUT_NAMES.genes, enc.encode(genesTsv(result))],
    [OUTPUT_NAMES.variants, enc.encode(variantsTsv(result))],
    [OUTPUT_NAMES.results, enc.encode(resultsJson(result))],
    [OUTPUT_NAMES.vcf, vcf],
    [OUTPUT_NAMES.csi, csi],
    [OUTPUT_NAMES.html, enc.encode(reportHtml(result, opts))],
    ...(opts.extra ?? []).map((f): [string, Uint8Array] => [f.name, f.bytes]),
  ]
  const files: OutputEntry[] = contents.map(([name, bytes]) => ({ name, bytes: bytes.length, sha256: sha256(bytes) }))
  // the manifest is built last (it hashes the others) but written with them, after the checks
  const manifest = enc.encode(manifestJson(result, files, {
    runtime: { node: process.versions.node, platform: process.platform, arch: process.arch },
    writeSeconds: (performance.now() - t0) / 1000,
  }))
  contents.push([OUTPUT_NAMES.manifest, manifest])
  if (opts.forbidden?.length) assertContentsMasked(contents, opts.forbidden)
  await mkdir(dir, { recursive: true })
  for (const [name, bytes] of contents) await writeFile(join(dir, name), bytes)
  const paths = Object.fromEntries(Object.entries(OUTPUT_NAMES).map(([k, n]) => [k, join(dir, n)])) as { [K in keyof typeof OUTPUT_NAMES]: string }
  return { dir, files: [...files, { name: OUTPUT_NAMES.manifest, bytes: manifest.length, sha256: sha256(manifest) }], ...paths }
}

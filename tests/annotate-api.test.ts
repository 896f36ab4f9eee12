// The annotation library API: batches in, edits/lines out, the same bytes as the CLI; a store
// read from a Blob (as a browser reads a File or a remote store through byte ranges).
import { describe, expect, it, beforeAll } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VcfReader, annotateVcf, annotateBatches, VcfPairAnnotator, parseColumns, loadVcfSource, readStore, writeStore } from '../src/index.js'
import { requireTools } from './helpers/oracle.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'

const enabled = requireTools('bgzip', 'tabix')
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js')

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const dec = new TextDecoder()
  let s = ''
  for await (const c of chunks) s += dec.decode(c)
  return s
}

describe.runIf(enabled)('annotation API', () => {
  let d: AnnoData
  beforeAll(() => { d = makeAnnoData(mkdtempSync(join(tmpdir(), 'vt-anno-api-')), 3, 1500) })

  it('annotateVcf gives the CLI\'s output, and repeated runs are identical', async () => {
    const cols = 'INFO/AF,INFO/S,+ID'
    const run = async () => {
      const table = await loadVcfSource(d.source, ['AF', 'S'], { id: true })
      const reader = await VcfReader.open(d.query)
      return text(annotateVcf(reader, [new VcfPairAnnotator(table, parseColumns(cols))]))
    }
    const a = await run()
    const cli = (await runAsync(process.execPath, [BIN, 'annotate', '--no-version', '-a', d.source, '-c', cols, d.query])).out
    expect(a).toBe(cli)
    expect(await run()).toBe(a)
  })

  it('annotateBatches exposes per-record edits; a store read from a Blob matches the VCF', async () => {
    const table = await loadVcfSource(d.source, ['AF'])
    const bytes = await writeStore(table)
    const fromBlob = await readStore(new Blob([bytes as BlobPart]), { fields: ['AF'] })
    expect(Array.from(fromBlob.pos)).toEqual(Array.from(table.pos))
    expect(fromBlob.fields.get('AF')!.values.toStrings()).toEqual(table.fields.get('AF')!.values.toStrings())
    const seen: string[][] = []
    for (const t of [table, fromBlob]) {
      const out: string[] = []
      const reader = await VcfReader.open(d.query)
      let progress = 0
      for await (const { batch, edits } of annotateBatches(reader, [new VcfPairAnnotator(t, parseColumns('INFO/AF'))], { onProgress: (n) => { progress = n } })) {
        for (const i of batch.indices()) {
          const e = edits[i]
          if (e?.info.has('AF')) out.push(`${batch.chrom(i)}:${batch.pos[i]}=${e.info.get('AF')}`)
        }
      }
      expect(progress).toBe(1500)
      seen.push(out)
    }
    expect(seen[0].length).toBeGreaterThan(300)
    expect(seen[1]).toEqual(seen[0])
  })
})

// Annotated output read back by bcftools: added INFO entries are seen with their declared
// types, and removing them again with `bcftools annotate -x` restores the original records.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VcfReader } from '../src/reader/reader.js'
import { headerText } from '../src/sink/vcf.js'
import { appendInfo, declareInfo } from '../src/sink/info-append.js'
import { bcftools, requireTools } from './helpers/oracle.js'

const enabled = requireTools('bcftools')
const example = join(process.cwd(), 'test-data', 'example.vcf.gz')

describe.runIf(enabled)('appendInfo / declareInfo', () => {
  it('adds typed INFO entries that bcftools reads, and nothing else changes', async () => {
    const reader = await VcfReader.open(example)
    const header = declareInfo(reader.header, [
      { id: 'VT_N', number: '1', type: 'Integer', description: 'record number "quoted"' },
      { id: 'VT_FLAG', number: '0', type: 'Flag', description: 'every third record' },
      { id: 'DB', number: '0', type: 'Flag', description: 'replaced declaration' },
    ], ['##vartriage_testCommand=append'])
    let out = headerText(header)
    let n = 0
    for await (const b of reader.batches()) {
      const dec = new TextDecoder()
      out += dec.decode(appendInfo(b, (i) => { n++; return `VT_N=${b.recordNumber(i)}${b.recordNumber(i) % 3 === 0 ? ';VT_FLAG' : ''}` }))
    }
    const dir = mkdtempSync(join(tmpdir(), 'vt-append-'))
    const file = join(dir, 'a.vcf')
    writeFileSync(file, out)
    const q = bcftools(['query', '-f', '%INFO/VT_N\t%INFO/VT_FLAG\n', file]).trim().split('\n')
    expect(q.length).toBe(n)
    q.forEach((line, k) => expect(line).toBe(`${k + 1}\t${(k + 1) % 3 === 0 ? 1 : "."}`))
    const back = bcftools(['annotate', '-x', 'INFO/VT_N,INFO/VT_FLAG', '--no-version', file])
    const orig = bcftools(['view', '--no-version', example])
    const body = (s: string) => s.split('\n').filter((l) => !l.startsWith('#'))
    expect(body(back)).toEqual(body(orig))
    expect(out).toContain('##INFO=<ID=VT_N,Number=1,Type=Integer,Description="record number \\"quoted\\"">')
    expect(out.match(/##INFO=<ID=DB,/g)?.length).toBe(1)
  })
})

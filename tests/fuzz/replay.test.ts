// Replays every shrunk fuzzing failure in tests/fuzz/fixtures/ against bcftools, live: the
// fixture holds the input and the query, never an expected output. Each one was a bug (see
// docs/fuzzing.md and the fixture's "found" line); they must all agree with bcftools now.
import { afterAll, describe, expect, it } from 'vitest'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareQuery, loadFixtures, writeBgzipped } from './harness.js'
import { requireTools } from '../helpers/oracle.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const fixtures = loadFixtures()
const dir = mkdtempSync(join(tmpdir(), 'vt-replay-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.runIf(enabled)('fuzzing regression fixtures', () => {
  it('there are fixtures', () => expect(fixtures.length).toBeGreaterThan(0))
  for (const f of fixtures) {
    it(`${f.name}: ${f.found.slice(0, 100)}`, async () => {
      const file = await writeBgzipped(dir, f.name, f.vcf)
      // the CLI too: exit status, one-line errors and byte-identical output
      const m = await compareQuery(f.query, file, true)
      expect(m, m && `${m.kind}: ${m.detail}`).toBeUndefined()
    })
  }
})

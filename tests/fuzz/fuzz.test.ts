// Property-based differential fuzzing against bcftools (fast-check): random VCFs, filter
// expressions, query formats, regions and sample lists; vartriage must print exactly what
// bcftools prints, and fail where bcftools fails.
//
// CI runs a seeded, bounded campaign (FUZZ_SEED, FUZZ_RUNS files with up to 8 queries each).
// `npm run fuzz -- --seed S --minutes M` (scripts/fuzz.mjs, campaign.fuzz.ts) runs long
// campaigns: each failure is shrunk and saved as a fixture.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { caseArb, type FuzzCase } from './gen.js'
import { runCase, type Mismatch } from './harness.js'
import { requireTools } from '../helpers/oracle.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const RUNS = Number(process.env.FUZZ_RUNS ?? 70)
const MAX_SAMPLES = Number(process.env.FUZZ_MAX_SAMPLES ?? 1000)
// CI keeps cohorts small enough for the time budget; campaigns go to 1,000 samples
const CI_MAX_SAMPLES = 120

const describeCase = (c: FuzzCase, m: Mismatch) =>
  `${m.kind}${m.wasmMemory ? ' (stale WASM memory view)' : ''}: ${m.detail}\n  query ${JSON.stringify(m.query)}\n  file ${JSON.stringify(c.file)}`

describe.runIf(enabled)('differential fuzzing against bcftools (seeded)', () => {
  it(`${RUNS} generated files, seed ${SEED}`, async () => {
    let queries = 0
    const t0 = Date.now()
    await fc.assert(
      fc.asyncProperty(caseArb({ maxSamples: Math.min(MAX_SAMPLES, CI_MAX_SAMPLES) }), async (c) => {
        const r = await runCase(c, { cliEvery: 25 })
        queries += r.queries
        if (r.mismatches.length) throw new Error(describeCase(c, r.mismatches[0]))
      }),
      // shrinking re-runs bcftools per step: bounded so a failure is reported in minutes
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: false, endOnFailure: false },
    )
    console.log(`fuzz: ${RUNS} files, ${queries} queries compared in ${((Date.now() - t0) / 1000).toFixed(1)} s (seed ${SEED})`)
    expect(queries).toBeGreaterThanOrEqual(Number(process.env.FUZZ_RUNS ?? 0) > 0 ? RUNS : 300)
  }, 180_000)
})


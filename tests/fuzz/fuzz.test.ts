// Property-based differential fuzzing against bcftools (fast-check): random VCFs, filter
// expressions, query formats, regions and sample lists; vartriage must print exactly what
// bcftools prints, and fail where bcftools fails.
//
// CI runs a seeded, bounded campaign (FUZZ_SEED, FUZZ_RUNS files with up to 8 queries each).
// `npm run fuzz -- --seed S --minutes M` (scripts/fuzz.mjs) runs long campaigns through this
// same file with FUZZ_MINUTES set: each failure is shrunk and saved as a fixture.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { renderVcf, caseArb, type FuzzCase } from './gen.js'
import { reduceText, runCase, saveFixture, type Mismatch } from './harness.js'
import { requireTools } from '../helpers/oracle.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const SEED = Number(process.env.FUZZ_SEED ?? 20261127)
const RUNS = Number(process.env.FUZZ_RUNS ?? 48)
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 0)
const MAX_SAMPLES = Number(process.env.FUZZ_MAX_SAMPLES ?? 1000)
// CI keeps cohorts small enough for the time budget; campaigns go to 1,000 samples
const CI_MAX_SAMPLES = 120

const describeCase = (c: FuzzCase, m: Mismatch) =>
  `${m.kind}${m.wasmMemory ? ' (stale WASM memory view)' : ''}: ${m.detail}\n  query ${JSON.stringify(m.query)}\n  file ${JSON.stringify(c.file)}`

describe.runIf(enabled && MINUTES === 0)('differential fuzzing against bcftools (seeded)', () => {
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
    expect(queries).toBeGreaterThanOrEqual(RUNS)
  }, 180_000)
})

describe.runIf(enabled && MINUTES > 0)('differential fuzzing campaign', () => {
  it(`campaign: seed ${SEED}, ${MINUTES} min`, async () => {
    const stop = Date.now() + MINUTES * 60_000
    let files = 0, queries = 0, found = 0
    const seen = new Set<string>()
    for (let seed = SEED; Date.now() < stop; seed++) {
      const failures: { c: FuzzCase; m: Mismatch }[] = []
      const res = await fc.check(
        fc.asyncProperty(caseArb({ maxSamples: MAX_SAMPLES }), async (c) => {
          const r = await runCase(c)
          files++
          queries += r.queries
          if (r.mismatches.length) { failures.push({ c, m: r.mismatches[0] }); return false }
          return true
        }),
        { seed, numRuns: 20, interruptAfterTimeLimit: Math.max(1000, stop - Date.now()) },
      )
      if (!res.failed || !res.counterexample) continue
      const [c] = res.counterexample as [FuzzCase]
      const last = failures[failures.length - 1]
      const m = last.c === c ? last.m : (await runCase({ file: c.file, queries: c.queries })).mismatches[0]
      if (!m) continue
      // one fixture per distinct symptom (kind + expression/format shape)
      const sig = `${m.kind}|${m.wasmMemory}|${m.detail.replace(/[0-9]+/g, 'N').slice(0, 80)}`
      if (seen.has(sig)) continue
      seen.add(sig)
      const vcf = await reduceText(renderVcf(c.file), m.query, m.kind)
      const path = saveFixture(`seed-${seed}`, vcf, m.query, describeCase(c, m).split('\n')[0])
      found++
      console.log(`fuzz: seed ${seed}: ${describeCase(c, m)}\n  saved ${path}`)
    }
    console.log(`fuzz campaign: seed ${SEED}.., ${MINUTES} min, ${files} files, ${queries} queries, ${found} distinct failures saved`)
  }, (MINUTES + 10) * 60_000)
})

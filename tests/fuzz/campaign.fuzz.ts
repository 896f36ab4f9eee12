// A long differential fuzzing campaign (npm run fuzz -- --seed S --minutes M): successive
// seeds until the time is up; each distinct failure is shrunk and saved as a fixture in
// tests/fuzz/fixtures/ (replayed by replay.test.ts). Not part of the test suite: vitest only
// includes this file when FUZZ_MINUTES is set (vitest.config.ts).
import { describe, it } from 'vitest'
import fc from 'fast-check'
import { renderVcf, caseArb, type FuzzCase } from './gen.js'
import { reduceText, runCase, saveFixture, type Mismatch } from './harness.js'

const SEED = Number(process.env.FUZZ_SEED ?? 1)
const MINUTES = Number(process.env.FUZZ_MINUTES ?? 1)
const MAX_SAMPLES = Number(process.env.FUZZ_MAX_SAMPLES ?? 1000)

const describeCase = (c: FuzzCase, m: Mismatch) =>
  `${m.kind}${m.wasmMemory ? ' (stale WASM memory view)' : ''}: ${m.detail}\n  query ${JSON.stringify(m.query)}\n  file ${JSON.stringify(c.file)}`

describe('differential fuzzing campaign', () => {
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

#!/usr/bin/env node
// Long differential fuzzing campaigns against bcftools.
//
//   npm run fuzz -- --seed S --minutes M [--max-samples N]
//
// Runs tests/fuzz/campaign.fuzz.ts: successive seeds S, S+1, … (20 generated
// files each, up to 8 queries per file) until M minutes have passed. Each distinct failure is
// shrunk (fast-check, then records and sample columns) and written to tests/fuzz/fixtures/ as
// seed-<n>.vcf + seed-<n>.json, which tests/fuzz/replay.test.ts replays. Needs a build
// (`npm run build`: the CLI is checked too) and bcftools, bgzip and tabix on PATH.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    minutes: { type: 'string', default: '10' },
    'max-samples': { type: 'string', default: '1000' },
  },
})
const env = {
  ...process.env,
  FUZZ_SEED: values.seed,
  FUZZ_MINUTES: values.minutes,
  FUZZ_MAX_SAMPLES: values['max-samples'],
}
console.log(`fuzz campaign: seed ${values.seed}, ${values.minutes} min, up to ${values['max-samples']} samples`)
const r = spawnSync('npx', ['vitest', 'run', 'tests/fuzz/campaign.fuzz.ts', '--reporter=verbose', '--silent=false'], { env, stdio: 'inherit' })
process.exit(r.status ?? 1)

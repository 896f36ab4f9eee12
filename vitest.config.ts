import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // FUZZ_MINUTES: a long fuzzing campaign (npm run fuzz), not part of the test suite
    include: process.env.VT_SCRATCH ? ['scratch/**/*.test.ts'] : process.env.FUZZ_MINUTES ? ['tests/fuzz/campaign.fuzz.ts'] : ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
})

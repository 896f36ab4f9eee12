#!/usr/bin/env node
// Checks what `npm pack` would publish: the files a user needs are there (Node entry, types,
// CLI, worker-thread code, browser bundle and its Web Worker), nothing that is not (tests,
// benchmarks, test data, sources, source maps), and the sizes stay within the budget that
// docs/package.md states. `npm run pack:check` (after `npm run build`); tests/package.test.ts
// applies the same checks to the tarball it installs.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** Size budget (bytes). Raise it deliberately, with a line in CHANGELOG.md saying why. */
export const BUDGET = {
  /** the .tgz npm publishes */
  tarball: 1_400_000,
  /** node_modules/vartriage once installed */
  unpacked: 4_200_000,
  /** dist/browser/vartriage.js + vartriage-worker.js, gzipped (what a page downloads) */
  browserGzip: 420_000,
  /** a Vite app's built JS that imports the library (bundle, worker and WASM), gzipped */
  viteAppGzip: 420_000,
}

export const REQUIRED = [
  'package.json', 'README.md', 'CHANGELOG.md',
  'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/bin.js', 'dist/src/parallel/worker.js',
  'dist/src/resources/index.js', 'dist/src/resources/index.d.ts', 'dist/src/export/index.js',
  'dist/browser/vartriage.js', 'dist/browser/vartriage-worker.js',
]

export const FORBIDDEN = [/^tests\//, /^bench\//, /^test-data\//, /^src\//, /^assembly\//, /^scripts\//, /\.map$/, /^docs\/api\//, /^node_modules\//, /\.tgz$/]

/**
 * Problems with one entry of `npm pack --json` (an empty list: all good).
 * @param {{ size: number, unpackedSize: number, files: { path: string }[] }} pack
 */
export function checkPack(pack) {
  const problems = []
  const paths = new Set(pack.files.map((f) => f.path))
  for (const p of REQUIRED) if (!paths.has(p)) problems.push(`missing from the package: ${p}`)
  for (const p of paths) if (FORBIDDEN.some((re) => re.test(p))) problems.push(`should not be published: ${p}`)
  if (pack.size > BUDGET.tarball) problems.push(`tarball ${pack.size} bytes > budget ${BUDGET.tarball}`)
  if (pack.unpackedSize > BUDGET.unpacked) problems.push(`unpacked ${pack.unpackedSize} bytes > budget ${BUDGET.unpacked}`)
  return problems
}

/** Gzipped size of the browser bundle and its worker in a package root (or the repository). */
export function browserGzip(root) {
  return ['vartriage.js', 'vartriage-worker.js']
    .reduce((n, f) => n + gzipSync(readFileSync(join(root, 'dist/browser', f)), { level: 9 }).length, 0)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = dirname(dirname(fileURLToPath(import.meta.url)))
  const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))
  const problems = checkPack(pack)
  const gz = browserGzip(root)
  if (gz > BUDGET.browserGzip) problems.push(`browser bundle + worker ${gz} bytes gzipped > budget ${BUDGET.browserGzip}`)
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`
  console.log(`${pack.name}@${pack.version}: ${pack.files.length} files, tarball ${kb(pack.size)} (budget ${kb(BUDGET.tarball)}), ` +
    `unpacked ${kb(pack.unpackedSize)} (budget ${kb(BUDGET.unpacked)}), browser bundle + worker ${kb(gz)} gzipped (budget ${kb(BUDGET.browserGzip)})`)
  if (problems.length) {
    console.error(`pack-check: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }
}

// Bundles the browser entry (src/browser.ts) into dist/browser/vartriage.js: one ESM file,
// WASM core embedded (src/wasm/binary.generated.ts, so run `npm run build:wasm` first), no
// .wasm fetch at run time.
//
// Node-only modules are reached only behind run-time checks (src/bgzf/inflate.ts and
// src/reader/chunks.ts import node:zlib / node:stream dynamically when running in Node;
// generic-filehandle2's `browser` export condition swaps LocalFile for a stub). `node:*` is
// left external, and this script fails the build if the bundle would load any of them at
// module-evaluation time (a static import) or pulls in any other external module, so the
// bundle can never execute a Node module in a browser.
import { build } from 'esbuild'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const entry = `${root}/src/browser.ts`
const outfile = `${root}/dist/browser/vartriage.js`

if (!existsSync(`${root}/src/wasm/binary.generated.ts`)) {
  console.error('build-browser: src/wasm/binary.generated.ts is missing; run `npm run build:wasm` first')
  process.exit(1)
}
mkdirSync(dirname(outfile), { recursive: true })

const result = await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  external: ['node:*'],
  metafile: true,
  legalComments: 'eof',
  logLevel: 'warning',
})

// Check what the bundle still imports: only node:* modules, and only through import().
const out = result.metafile.outputs[relative(process.cwd(), outfile)] ??
  Object.entries(result.metafile.outputs).find(([p]) => p.endsWith('vartriage.js'))?.[1]
if (!out) throw new Error('build-browser: esbuild metafile has no entry for the bundle')
const problems = []
for (const imp of out.imports) {
  if (!imp.external) continue
  if (!imp.path.startsWith('node:')) problems.push(`external import of ${imp.path} (${imp.kind}): a browser cannot resolve it`)
  else if (imp.kind !== 'dynamic-import') problems.push(`${imp.kind} of ${imp.path}: it would run when the bundle loads in a browser`)
}
if (problems.length > 0) {
  console.error(`build-browser: ${outfile} is not browser-safe:\n  ${problems.join('\n  ')}`)
  process.exit(1)
}

const code = readFileSync(outfile)
const nodeImports = [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))]
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
console.log(`built ${relative(root, outfile)}: ${kib(code.length)} (${code.length} bytes; ${kib(gzipSync(code).length)} gzipped), ` +
  `+ ${relative(root, outfile)}.map; Node-only modules behind run-time checks: ${nodeImports.join(', ') || 'none'}`)

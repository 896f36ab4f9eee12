// Bundles the browser entry (src/browser.ts) into dist/browser/vartriage.js, and the Web Worker
// entry of the parallel engine (src/parallel/web-worker.ts, loaded by WebShardPool) into
// dist/browser/vartriage-worker.js: each one self-contained ESM file, WASM core embedded
// (src/wasm/binary.generated.ts, so run `npm run build:wasm` first), no .wasm fetch at run time.
//
// Node-only modules are reached only behind run-time checks (src/bgzf/inflate.ts and
// src/reader/chunks.ts import node:zlib / node:stream dynamically when running in Node;
// generic-filehandle2's `browser` export condition swaps LocalFile for a stub). `node:*` is
// left external, and this script fails the build if the bundle would load any of them at
// module-evaluation time (a static import) or pulls in any other external module, so the
// bundle can never execute a Node module in a browser.
//
// The parallel engine's default pool (src/parallel/pool.ts: piscina over worker threads) is
// Node's: engine.ts imports it dynamically, only when the caller gives no pool/makePool. Here
// that import is replaced by a stub that throws a UsageError telling the caller to pass a
// WebShardPool, and the build fails if piscina or pool.ts/worker.ts reach a bundle anyway.
import { build } from 'esbuild'
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const bundles = [
  { entry: `${root}/src/browser.ts`, outfile: `${root}/dist/browser/vartriage.js` },
  { entry: `${root}/src/parallel/web-worker.ts`, outfile: `${root}/dist/browser/vartriage-worker.js` },
]

if (!existsSync(`${root}/src/wasm/binary.generated.ts`)) {
  console.error('build-browser: src/wasm/binary.generated.ts is missing; run `npm run build:wasm` first')
  process.exit(1)
}
mkdirSync(`${root}/dist/browser`, { recursive: true })

/** Swaps engine.ts's `import('./pool.js')` (the Node default pool) for a stub that throws. */
const noNodePool = {
  name: 'vartriage-no-node-pool',
  setup(b) {
    b.onResolve({ filter: /^\.\/pool\.js$/ }, (args) => {
      if (args.kind !== 'dynamic-import' || !args.importer.replace(/\\/g, '/').endsWith('/src/parallel/engine.ts')) return undefined
      return { path: 'node-pool-stub', namespace: 'vartriage-stub', pluginData: { resolveDir: dirname(args.importer) } }
    })
    b.onLoad({ filter: /.*/, namespace: 'vartriage-stub' }, (args) => ({
      loader: 'ts',
      resolveDir: args.pluginData.resolveDir,
      contents: `import { UsageError } from '../errors.js'
export class NodeShardPool {
  constructor() {
    throw new UsageError('runParallel in a browser needs a pool: pass { pool: new WebShardPool(threads, workerUrl) } ' +
      '(workerUrl: the URL of dist/browser/vartriage-worker.js) or a makePool function')
  }
}`,
    }))
  },
}

/** Node-only code that must never be bundled, even behind a run-time check. */
const FORBIDDEN_INPUTS = [/(^|\/)node_modules\/piscina\//, /(^|\/)src\/parallel\/pool\.ts$/, /(^|\/)src\/parallel\/worker\.ts$/]

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`
for (const { entry, outfile } of bundles) {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    // class names survive minification: the errors' `name` is `new.target.name` (VcfParseError,
    // …), users match on it, and WebShardPool re-creates a worker's error class by that name
    keepNames: true,
    sourcemap: true,
    external: ['node:*'],
    metafile: true,
    legalComments: 'eof',
    logLevel: 'warning',
    plugins: [noNodePool],
  })

  // Check what the bundle still imports: only node:* modules, and only through import().
  const name = outfile.slice(outfile.lastIndexOf('/') + 1)
  const out = result.metafile.outputs[relative(process.cwd(), outfile)] ??
    Object.entries(result.metafile.outputs).find(([p]) => p.endsWith(`/${name}`) || p === name)?.[1]
  if (!out) throw new Error(`build-browser: esbuild metafile has no entry for ${name}`)
  const problems = []
  for (const imp of out.imports) {
    if (!imp.external) continue
    if (!imp.path.startsWith('node:')) problems.push(`external import of ${imp.path} (${imp.kind}): a browser cannot resolve it`)
    else if (imp.kind !== 'dynamic-import') problems.push(`${imp.kind} of ${imp.path}: it would run when the bundle loads in a browser`)
  }
  const forbidden = Object.keys(out.inputs).filter((input) => FORBIDDEN_INPUTS.some((re) => re.test(input)))
  if (forbidden.length > 0) {
    problems.push(`Node-only code of the parallel engine's default pool is bundled: ${forbidden.slice(0, 4).join(', ')}` +
      (forbidden.length > 4 ? ` and ${forbidden.length - 4} more` : ''))
  }
  if (problems.length > 0) {
    console.error(`build-browser: ${outfile} is not browser-safe:\n  ${problems.join('\n  ')}`)
    process.exit(1)
  }

  const code = readFileSync(outfile)
  const nodeImports = [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))]
  console.log(`built ${relative(root, outfile)}: ${kib(code.length)} (${code.length} bytes; ${kib(gzipSync(code).length)} gzipped), ` +
    `+ ${relative(root, outfile)}.map; Node-only modules behind run-time checks: ${nodeImports.join(', ') || 'none'}`)
}

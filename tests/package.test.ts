// The published package, end to end from the tarball in a temp dir: `npm pack`, install with no
// build step and no network (`npm ci --offline` against the project's locked dependency
// versions, which the npm cache holds), ESM import in Node, types checked by tsc, `npx vartriage
// --version`, and a Vite app that bundles the library for the browser (bundle, Web Worker and
// WASM) and reads test-data/example.vcf.gz in headless Chromium. The size budget of
// scripts/pack-check.mjs is checked on the real tarball and on the built app.
// Needs `npm run build` first (dist/), /usr/bin/chromium and bcftools; a missing one fails.
import { VERSION } from '../src/version.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import { serve } from './helpers/browser.js'
// @ts-expect-error plain .mjs script without type declarations
import { BUDGET, checkPack, browserGzip } from '../scripts/pack-check.mjs'

const exec = promisify(execFile)
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const CHROMIUM = '/usr/bin/chromium'
const EXAMPLE = join(ROOT, 'test-data/example.vcf.gz')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> }
const dir = mkdtempSync(join(tmpdir(), 'vartriage-package-'))
const app = join(dir, 'app')
let tarball = ''
let pack: { size: number; unpackedSize: number; files: { path: string }[]; integrity: string; filename: string }

const run = (cmd: string, args: string[], cwd = app) => exec(cmd, args, { cwd, maxBuffer: 1 << 26, env: { ...process.env, npm_config_update_notifier: 'false' } })

/** A lockfile for the app: the tarball plus the project's locked runtime dependencies. */
function appLock(tgz: string, integrity: string): object {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; link?: boolean }> }
  const packages: Record<string, unknown> = {
    '': { name: 'app', dependencies: { vartriage: `file:${tgz}` } },
    'node_modules/vartriage': {
      version: pkg.version, resolved: `file:${tgz}`, integrity, dependencies: pkg.dependencies,
      bin: { vartriage: 'dist/src/cli/bin.js' }, engines: { node: '>=20' },
    },
  }
  for (const [k, v] of Object.entries(lock.packages)) if (k && !v.dev && !v.link) packages[k] = v
  return { name: 'app', lockfileVersion: 3, requires: true, packages }
}

function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]))
}

beforeAll(async () => {
  for (const f of ['dist/src/index.js', 'dist/browser/vartriage.js', 'dist/browser/vartriage-worker.js']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\` first`)
  }
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is required for the package test (Vite app in Chromium)`)
  const { stdout } = await exec('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 1 << 26 })
  pack = JSON.parse(stdout)[0]
  tarball = join(dir, pack.filename)
  mkdirSync(app)
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module', dependencies: { vartriage: `file:../${pack.filename}` } }))
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify(appLock(`../${pack.filename}`, integrity), null, 2))
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'])
}, 120_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('npm package from the tarball', () => {
  it('ships what is needed and nothing big, within the size budget', () => {
    expect(checkPack(pack)).toEqual([])
    const installed = walk(join(app, 'node_modules/vartriage')).reduce((n, f) => n + statSync(f).size, 0)
    const gz = browserGzip(join(app, 'node_modules/vartriage'))
    console.log(`package: tarball ${pack.size} B, unpacked ${pack.unpackedSize} B (installed ${installed} B), browser bundle + worker ${gz} B gzipped`)
    expect(installed).toBeLessThan(BUDGET.unpacked)
    expect(gz).toBeLessThan(BUDGET.browserGzip)
    // installed with no build step: the package has no install scripts to run one
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/vartriage/package.json'), 'utf8'))
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?install$|^prepare$/.test(s))).toEqual([])
  })

  it('imports in Node (ESM) and reads a VCF as bcftools does', async () => {
    writeFileSync(join(app, 'read.mjs'), `import { VcfReader, exportParquet, collect, query } from 'vartriage'
const reader = await VcfReader.open(process.argv[2])
let n = 0
for await (const b of reader.batches()) n += b.n
const text = await collect(query(process.argv[2], '%CHROM:%POS[ %GT]\\n', { include: 'QUAL>=30' }))
console.log(JSON.stringify({ n, samples: reader.header.samples, lines: text.split('\\n').length - 1, first: text.split('\\n')[0], exportParquet: typeof exportParquet }))
`)
    const { stdout } = await run(process.execPath, ['read.mjs', EXAMPLE])
    const got = JSON.parse(stdout)
    const want = (await exec('bcftools', ['query', '-i', 'QUAL>=30', '-f', '%CHROM:%POS[ %GT]\\n', EXAMPLE])).stdout.split('\n')
    expect(got).toEqual({ n: 5000, samples: ['S0001', 'S0002', 'S0003'], lines: want.length - 1, first: want[0], exportParquet: 'function' })
    const sub = await run(process.execPath, ['--input-type=module', '-e', "import * as r from 'vartriage/resources'; console.log(Object.keys(r).length > 0)"])
    expect(sub.stdout.trim()).toBe('true')
  })

  it('types are included: a small .ts file type-checks against the installed package, and a wrong use does not', async () => {
    writeFileSync(join(app, 'ok.ts'), `import { VcfReader, Filter, exportParquet, type RecordBatch, type ExportSummary } from 'vartriage'
export async function count(path: string): Promise<number> {
  const reader: VcfReader = await VcfReader.open(path)
  let n = 0
  for await (const b of reader.batches()) { const batch: RecordBatch = b; n += batch.n }
  const s: ExportSummary = await exportParquet(path, { out: 'x.parquet' })
  return n + s.variants + (Filter.name ? 0 : 1)
}
`)
    writeFileSync(join(app, 'bad.ts'), `import { VcfReader } from 'vartriage'
export const n: number = VcfReader.open('x.vcf')
`)
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc')
    const opts = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--skipLibCheck', '--typeRoots', join(ROOT, 'node_modules/@types'), '--types', 'node']
    // one tsc run over both files (it is the slow step): the only error is the wrong use in bad.ts
    const out = await run(process.execPath, [tsc, ...opts, 'ok.ts', 'bad.ts']).then(() => '', (e: { stdout: string }) => e.stdout)
    expect(out.split('\n').filter((l) => /error TS/.test(l))).toEqual([
      "bad.ts(2,14): error TS2322: Type 'Promise<VcfReader>' is not assignable to type 'number'.",
    ])
  }, 60_000)

  it('npx vartriage --version prints the package version', async () => {
    const { stdout } = await run('npx', ['--offline', '--no-install', 'vartriage', '--version'])
    expect(stdout.trim()).toBe(`vartriage ${pkg.version}`)
    // results written where package.json cannot be read (browsers) carry src/version.ts's copy
    expect(VERSION).toBe(pkg.version)
  })

  it('a Vite app bundles it for the browser and reads example.vcf.gz in Chromium, on Web Workers', async () => {
    mkdirSync(join(app, 'public'))
    writeFileSync(join(app, 'public/example.vcf.gz'), readFileSync(EXAMPLE))
    writeFileSync(join(app, 'index.html'), `<!doctype html><html><head><meta charset="utf-8"><title>vartriage in Vite</title></head>
<body><script type="module" src="./main.js"></script></body></html>`)
    writeFileSync(join(app, 'main.js'), `import { VcfReader, WebShardPool, runParallel, query, collect } from 'vartriage'
import workerUrl from 'vartriage/worker?url'
const FORMAT = '%CHROM:%POS[ %GT]\\n'
async function main() {
  const blob = await (await fetch('./example.vcf.gz')).blob()
  const reader = await VcfReader.open(blob)
  let n = 0
  for await (const b of reader.batches()) n += b.n
  const single = await collect(query(blob, FORMAT, { include: 'QUAL>=30' }))
  const pool = new WebShardPool(2, new URL(workerUrl, location.href))
  let parallel = '', shards = 0
  const dec = new TextDecoder()
  try {
    for await (const r of runParallel(blob, reader.header.text, { kind: 'query', format: FORMAT }, { include: 'QUAL>=30' },
      { threads: 2, pool, onPlan: (p) => { shards = p.shards.length } })) parallel += dec.decode(r.bytes)
  } finally { await pool.destroy() }
  return { n, single, parallel, shards, workerUrl }
}
main().then((r) => { window.result = r }, (e) => { window.result = { error: String(e && e.stack || e) } })
`)
    const vite = join(ROOT, 'node_modules/vite/bin/vite.js')
    await run(process.execPath, [vite, 'build', '--logLevel', 'warn'])
    const built = walk(join(app, 'dist'))
    const js = built.filter((f) => f.endsWith('.js'))
    // the library bundle (WASM embedded) and the worker bundle are both in the app's output
    expect(js.length).toBeGreaterThanOrEqual(2)
    expect(js.some((f) => readFileSync(f, 'utf8').includes('WebAssembly'))).toBe(true)
    const jsGzip = js.reduce((n, f) => n + gzipSync(readFileSync(f), { level: 9 }).length, 0)
    console.log(`package: Vite app JS ${js.length} files, ${jsGzip} B gzipped`)
    expect(jsGzip).toBeLessThan(BUDGET.viteAppGzip)

    const files = new Map(built.map((f) => [`/${relative(join(app, 'dist'), f)}`, f]))
    files.set('/', '')
    const server: Server = await serve(files, readFileSync(join(app, 'dist/index.html'), 'utf8'))
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] })
    try {
      const page = await browser.newPage()
      const errors: string[] = []
      const offsite: string[] = []
      page.on('pageerror', (e) => errors.push(String(e)))
      page.on('request', (r) => { if (!r.url().startsWith('http://127.0.0.1:')) offsite.push(r.url()) })
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
      await page.waitForFunction(() => (window as unknown as { result?: unknown }).result !== undefined, undefined, { timeout: 30_000 })
      const r = await page.evaluate(() => (window as unknown as { result: Record<string, unknown> }).result)
      expect(r.error).toBeUndefined()
      const want = (await exec('bcftools', ['query', '-i', 'QUAL>=30', '-f', '%CHROM:%POS[ %GT]\\n', EXAMPLE])).stdout
      expect(r.n).toBe(5000)
      expect(r.single).toBe(want)
      expect(r.parallel).toBe(want)
      expect(r.shards as number).toBeGreaterThanOrEqual(1)
      expect(String(r.workerUrl)).toMatch(/vartriage-worker.*\.js$/)
      expect(errors).toEqual([])
      expect(offsite).toEqual([])
    } finally {
      await browser.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }, 90_000)
})

// The parallel engine in a real browser: headless Chromium loads dist/browser/vartriage.js from
// a local node:http server, fetches a bgzipped VCF as a Blob, and runs runParallel on a
// WebShardPool of module Web Workers (dist/browser/vartriage-worker.js, one WASM instance
// each). The concatenated shard outputs must equal single-threaded query() in the page and
// `bcftools query` on the same file, for any number of workers; faults surface as errors
// naming the shard, aborts as AbortError, and the pool stays usable afterwards. No request
// may leave 127.0.0.1.
//
// The test builds nothing: `npm test` runs `npm run build` first. Chromium is required in CI
// (CI=1) and skipped with a notice elsewhere when /usr/bin/chromium is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { execFileSync } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'
import { bcftools, requireTools } from './helpers/oracle.js'
import { generateVcf } from '../bench/generate-vcf.mjs'
import { pageHtml, serve } from './helpers/browser.js'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist/browser/vartriage.js')
const WORKER = join(ROOT, 'dist/browser/vartriage-worker.js')
const TIMEOUT = 120_000

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && !process.env.CI) console.warn(`NOTICE: skipping browser parallel tests: ${CHROMIUM} is not installed`)
// requireTools throws in CI when a tool is missing, and prints a notice elsewhere
const haveTools = haveChromium || process.env.CI ? requireTools('bcftools', 'bgzip') : false
const enabled = (haveChromium && haveTools) || !!process.env.CI

const FILTER = 'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"'
const FORMAT = '%CHROM\\t%POS\\t%ID\\t%REF\\t%ALT\\t%QUAL\\t%FILTER\\t%INFO/AF[\\t%SAMPLE=%GT:%GQ]\\n'
const LONG_FORMAT = '%CHROM\\t%POS\\t%QUAL\\t%INFO/N\\n'

/** Records longer than a BGZF block (70 kB INFO strings): some shards hold no line start. */
function makeLongVcf(): string {
  const head = '##fileformat=VCFv4.2\n##INFO=<ID=X,Number=1,Type=String,Description="x">\n' +
    '##INFO=<ID=N,Number=1,Type=Integer,Description="n">\n##contig=<ID=1,length=1000>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
  let body = ''
  for (let i = 1; i <= 60; i++) body += `1\t${i * 10}\t.\tA\tG\t${i}\tPASS\tN=${i};X=${'ACGT'.repeat(i % 3 === 0 ? 18000 : 5)}\n`
  return head + body
}

let dir = ''
let server: Server | undefined
let browser: Browser | undefined
let page: Page | undefined
let base = ''
let gz = ''
let longGz = ''
const pageErrors: string[] = []
const offsiteRequests: string[] = []

const HTML = pageHtml('vartriage parallel browser test')

/** No uncaught page (or worker) errors, and no request left 127.0.0.1. */
function clean(): void {
  expect(pageErrors).toEqual([])
  expect(offsiteRequests).toEqual([])
}


type Vt = typeof import('../src/browser.js')

describe.skipIf(!enabled)('parallel engine on Web Workers in headless Chromium', () => {
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI requires ${CHROMIUM} for the browser tests`)
    for (const f of [BUNDLE, WORKER]) {
      if (!existsSync(f)) {
        throw new Error(`${f} is missing: build it first with \`npm run build\` (or \`npm run build:wasm && npm run build:browser\`); \`npm test\` does this`)
      }
    }
    dir = mkdtempSync(join(tmpdir(), 'vt-browser-par-'))
    const plain = join(dir, 'calls.vcf')
    // ~3 MB of text: about 45 BGZF blocks, so up to 16 shards, most records not block-aligned
    writeFileSync(plain, [...generateVcf({ records: 12000, samples: 4, seed: 21, contigs: 'small' })].join(''))
    execFileSync('bgzip', ['-f', plain])
    gz = `${plain}.gz`
    const long = join(dir, 'long.vcf')
    writeFileSync(long, makeLongVcf())
    execFileSync('bgzip', ['-f', long])
    longGz = `${long}.gz`
    const files = new Map<string, string>([
      ['/', ''],
      ['/vartriage.js', BUNDLE],
      ['/vartriage.js.map', `${BUNDLE}.map`],
      ['/vartriage-worker.js', WORKER],
      ['/vartriage-worker.js.map', `${WORKER}.map`],
      ['/data/calls.vcf.gz', gz],
      ['/data/long.vcf.gz', longGz],
    ])
    server = await serve(files, HTML)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    page = await browser.newPage()
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(`console: ${m.text()}`) })
    page.on('response', (r) => { if (r.status() >= 400) pageErrors.push(`HTTP ${r.status()} for ${r.url()}`) })
    // workers' own uncaught errors and console errors (the injected crash is expected there)
    page.on('worker', (w) => w.on('console', (m) => {
      if (m.type() === 'error' && !m.text().includes('injected crash')) pageErrors.push(`worker console: ${m.text()}`)
    }))
    // nothing but the local server may be reached (worker scripts included)
    await page.context().route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(`${base}/`)) return route.continue()
      offsiteRequests.push(url)
      return route.abort()
    })
    await page.goto(`${base}/`)
    const ready = await page.waitForFunction(() => (window as unknown as { vtReady?: string }).vtReady, undefined, { timeout: 20_000 })
      .then((h) => h.jsonValue(), (e: Error) => `${e.message}; page errors: ${pageErrors.join(' | ') || 'none'}`)
    if (ready !== 'ok') throw new Error(`the browser bundle did not load: ${ready}`)
    // helpers shared by the tests below
    await page.evaluate(() => {
      const w = window as unknown as { vt: Vt; par: unknown; blobs: Record<string, Blob> }
      w.blobs = {}
      const { VcfReader, runParallel } = w.vt
      w.par = async (name: string, op: Parameters<typeof runParallel>[2], select: Parameters<typeof runParallel>[3],
        opts: Parameters<typeof runParallel>[4]) => {
        w.blobs[name] ??= await (await fetch(`./data/${name}`)).blob()
        const blob = w.blobs[name]
        const header = (await VcfReader.open(blob)).header.text
        const dec = new TextDecoder()
        let text = ''
        let shards = 0
        const indices: number[] = []
        let records = 0, kept = 0
        for await (const r of runParallel(blob, header, op, select, { ...opts, onPlan: (p) => { shards = p.shards.length } })) {
          if (!(r.bytes instanceof Uint8Array)) throw new Error('result bytes are not a Uint8Array')
          text += dec.decode(r.bytes)
          indices.push(r.index)
          records += r.records
          kept += r.kept
        }
        return { text, shards, indices, records, kept }
      }
    })
  }, TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()))
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, TIMEOUT)

  it('exports the parallel API from the browser bundle', async () => {
    const exports = await page!.evaluate(() => Object.keys((window as unknown as { vt: Vt }).vt).sort())
    for (const name of ['runParallel', 'planShards', 'WebShardPool', 'ShardError', 'WebWorkerError', 'openSource']) expect(exports).toContain(name)
    clean()
  }, TIMEOUT)

  it('runParallel on 3 Web Workers equals query() in the page and bcftools query', async () => {
    const got = await page!.evaluate(async ({ FILTER, FORMAT }) => {
      const w = window as unknown as { vt: Vt; par: Function; blobs: Record<string, Blob> }
      const { WebShardPool, query, collect } = w.vt
      const pool = new WebShardPool(3, new URL('./vartriage-worker.js', location.href))
      try {
        const par = await w.par('calls.vcf.gz', { kind: 'query', format: FORMAT }, { include: FILTER }, { threads: 3, pool })
        const single = await collect(query(w.blobs['calls.vcf.gz'], FORMAT, { include: FILTER }))
        return { ...par, single }
      } finally { await pool.destroy() }
    }, { FILTER, FORMAT })
    const want = bcftools(['query', '-f', FORMAT, '-i', FILTER, gz])
    expect(want.split('\n').length).toBeGreaterThan(1000) // the comparison is not vacuous
    expect(got.shards).toBe(12) // 3 threads x 4 shards each
    expect(got.indices).toEqual([...Array(12).keys()])
    expect(got.records).toBe(12000)
    expect(got.kept).toBe(want.split('\n').length - 1)
    expect(got.single).toBe(want)
    expect(got.text).toBe(want)
    clean()
  }, TIMEOUT)

  it('gives identical output for 1, 2 and 4 workers (query, view, VCF lines, JSON lines, long records)', async () => {
    const cases = [
      { file: 'calls.vcf.gz', op: { kind: 'query', format: FORMAT }, select: { include: FILTER } },
      { file: 'calls.vcf.gz', op: { kind: 'query', format: FORMAT }, select: { exclude: 'QUAL<30 || FILTER!="PASS"', samples: ['^S0002'] } },
      { file: 'calls.vcf.gz', op: { kind: 'view' }, select: { include: FILTER } },
      { file: 'calls.vcf.gz', op: { kind: 'view', json: true }, select: { include: 'INFO/DP>100' } },
      { file: 'long.vcf.gz', op: { kind: 'query', format: LONG_FORMAT }, select: { include: 'QUAL>10' } },
    ] as const
    for (const c of cases) {
      const runs = await page!.evaluate(async ({ c }) => {
        const w = window as unknown as { vt: Vt; par: Function }
        const { WebShardPool } = w.vt
        const out: Record<string, { text: string; shards: number; kept: number }> = {}
        // 1 thread without a pool runs inline in the page; with a pool, on one worker
        out.inline = await w.par(c.file, c.op, c.select, { threads: 1 })
        for (const threads of [1, 2, 4]) {
          const pool = new WebShardPool(threads, new URL('./vartriage-worker.js', location.href))
          try { out[`t${threads}`] = await w.par(c.file, c.op, c.select, { threads, pool }) } finally { await pool.destroy() }
        }
        return out
      }, { c })
      const label = `${c.file} ${JSON.stringify(c.op)} ${JSON.stringify(c.select)}`
      expect(runs.inline.text.length, label).toBeGreaterThan(100)
      expect(runs.t4.shards, label).toBeGreaterThan(4)
      for (const k of ['t1', 't2', 't4']) {
        expect(runs[k].text, `${label}: ${k}`).toBe(runs.inline.text)
        expect(runs[k].kept, `${label}: ${k}`).toBe(runs.inline.kept)
      }
      if (c.op.kind === 'query') {
        const args = ['query', '-f', c.op.format]
        if ('include' in c.select) args.push('-i', c.select.include)
        if ('exclude' in c.select) args.push('-e', c.select.exclude)
        if ('samples' in c.select) args.push('-s', c.select.samples.join(','))
        expect(runs.inline.text, label).toBe(bcftools([...args, c.file === 'long.vcf.gz' ? longGz : gz]))
      }
    }
    clean()
  }, 2 * TIMEOUT) // 20 runs; the JSON case is the slowest (~1.5 s a run on 2 cores)

  it('a fault names the shard, typed errors cross the worker boundary, and the pool stays usable', async () => {
    const r = await page!.evaluate(async ({ FILTER, FORMAT }) => {
      const w = window as unknown as { vt: Vt; par: Function }
      const { WebShardPool, ShardError, UsageError, WebWorkerError } = w.vt
      const pool = new WebShardPool(3, new URL('./vartriage-worker.js', location.href))
      const op = { kind: 'query', format: FORMAT }
      const attempt = async (select: object, opts: object) => {
        try {
          await w.par('calls.vcf.gz', op, select, { threads: 3, pool, ...opts })
          return { ok: true }
        } catch (e) {
          const err = e as Error & { shard?: number; cause?: Error }
          return {
            ok: false, name: err.name, message: err.message, isShardError: e instanceof ShardError, shard: err.shard,
            causeName: err.cause?.name, causeMessage: err.cause?.message,
            causeIsUsageError: err.cause instanceof UsageError, causeIsWorkerError: err.cause instanceof WebWorkerError,
          }
        }
      }
      try {
        const before = await w.par('calls.vcf.gz', op, { include: FILTER }, { threads: 3, pool })
        const thrown = await attempt({ include: FILTER }, { failAt: 5, failMode: 'throw' })
        const afterThrow = await w.par('calls.vcf.gz', op, { include: FILTER }, { threads: 3, pool })
        // the worker dies (an uncaught error: an `error` event on the Worker); it is replaced
        const crashed = await attempt({ include: FILTER }, { failAt: 2, failMode: 'exit' })
        const afterCrash = await w.par('calls.vcf.gz', op, { include: FILTER }, { threads: 3, pool })
        // an error thrown inside the worker keeps its class (UsageError: unknown sample)
        const typed = await attempt({ samples: ['NOPE'] }, {})
        // abort mid-run: AbortError, busy workers are terminated and replaced
        const ac = new AbortController()
        let abortName = ''
        try {
          const blob = await (await fetch('./data/calls.vcf.gz')).blob()
          const header = (await w.vt.VcfReader.open(blob)).header.text
          let n = 0
          for await (const _ of w.vt.runParallel(blob, header, op as never, { include: FILTER }, { threads: 3, pool, signal: ac.signal })) {
            if (++n === 2) ac.abort()
          }
          abortName = 'not aborted'
        } catch (e) { abortName = `${(e as Error).name}${e instanceof DOMException ? ' (DOMException)' : ''}` }
        const afterAbort = await w.par('calls.vcf.gz', op, { include: FILTER }, { threads: 3, pool })
        return {
          thrown, crashed, typed, abortName,
          same: [afterThrow.text, afterCrash.text, afterAbort.text].map((t) => t === before.text),
          lines: before.text.split('\n').length, queued: pool.queued,
        }
      } finally { await pool.destroy() }
    }, { FILTER, FORMAT })
    expect(r.thrown).toMatchObject({ ok: false, name: 'ShardError', isShardError: true, shard: 5, causeMessage: 'injected fault in shard 5' })
    expect(r.thrown.message).toMatch(/^<blob>: shard 5 \(bytes \d+-\d+\) failed: injected fault in shard 5$/)
    expect(r.crashed).toMatchObject({ ok: false, name: 'ShardError', isShardError: true, shard: 2, causeName: 'WebWorkerError', causeIsWorkerError: true })
    expect(r.crashed.message).toMatch(/^<blob>: shard 2 \(bytes \d+-\d+\) failed: web worker \d failed: .*injected crash of the web worker in shard 2/)
    expect(r.typed).toMatchObject({ ok: false, isShardError: true, shard: 0, causeName: 'UsageError', causeIsUsageError: true })
    expect(r.typed.causeMessage).toBe('sample "NOPE" is not in the VCF header')
    expect(r.abortName).toBe('AbortError (DOMException)')
    expect(r.same).toEqual([true, true, true])
    expect(r.lines).toBeGreaterThan(1000)
    expect(r.queued).toBe(0)
    clean()
  }, TIMEOUT)

  it('workers read a URL (a URL object or its href) with range requests, and refuse a filehandle', async () => {
    const r = await page!.evaluate(async ({ FILTER, FORMAT }) => {
      const { WebShardPool, runParallel, VcfReader, UsageError } = (window as unknown as { vt: Vt }).vt
      const url = new URL('./data/calls.vcf.gz', location.href)
      const blob = await (await fetch(url)).blob()
      const header = (await VcfReader.open(blob)).header.text
      const pool = new WebShardPool(2, new URL('./vartriage-worker.js', location.href))
      const run = async (input: Parameters<typeof runParallel>[0]) => {
        const dec = new TextDecoder()
        let text = ''
        for await (const x of runParallel(input, header, { kind: 'query', format: FORMAT }, { include: FILTER }, { threads: 2, pool })) text += dec.decode(x.bytes)
        return text
      }
      try {
        const fromBlob = await run(blob)
        const fromUrl = await run(url)
        const fromHref = await run(url.href)
        let handle = ''
        try { await run({ read: (n: number, p: number) => blob.slice(p, p + n).bytes(), stat: async () => ({ size: blob.size }) } as never) }
        catch (e) { handle = e instanceof UsageError || (e as Error & { cause?: Error }).cause instanceof UsageError ? 'UsageError' : String(e) }
        return { lines: fromBlob.split('\n').length, url: fromUrl === fromBlob, href: fromHref === fromBlob, handle }
      } finally { await pool.destroy() }
    }, { FILTER, FORMAT })
    expect(r).toEqual({ lines: expect.any(Number), url: true, href: true, handle: 'UsageError' })
    expect(r.lines).toBeGreaterThan(1000)
    clean()
  }, TIMEOUT)

  it('needs a pool in a browser: no Node default pool is bundled', async () => {
    const r = await page!.evaluate(async ({ FORMAT }) => {
      const w = window as unknown as { vt: Vt; par: Function }
      try {
        await w.par('calls.vcf.gz', { kind: 'query', format: FORMAT }, {}, { threads: 2 })
        return 'no error'
      } catch (e) { return `${(e as Error).name}: ${(e as Error).message}` }
    }, { FORMAT })
    expect(r).toMatch(/^UsageError: runParallel in a browser needs a pool: pass \{ pool: new WebShardPool/)
    clean()
  }, TIMEOUT)
})

// The browser bundle (dist/browser/vartriage.js) in a real browser: headless Chromium loads
// it from a local node:http server, reads a bgzipped VCF and its .tbi/.csi as Blobs (and a
// URL over HTTP range requests), filters, queries regions through the index, formats records,
// and the output is compared with `bcftools query` on the same file. Whole-file reads of
// Blobs (BGZF, plain gzip, uncompressed) need no index. No request may leave 127.0.0.1.
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
import { pageHtml, serve } from './helpers/browser.js'
import { generateVcf } from '../bench/generate-vcf.mjs'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist/browser/vartriage.js')
const TIMEOUT = 60_000

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && !process.env.CI) console.warn(`NOTICE: skipping browser tests: ${CHROMIUM} is not installed`)
// requireTools throws in CI when a tool is missing, and prints a notice elsewhere
const haveTools = haveChromium || process.env.CI ? requireTools('bcftools', 'bgzip', 'tabix') : false
const enabled = (haveChromium && haveTools) || !!process.env.CI

const FILTER = 'GT="het" && QUAL>20'
const FORMAT = '%CHROM\\t%POS\\t%ID\\t%REF\\t%ALT\\t%QUAL\\t%FILTER\\t%INFO/DP\\t%INFO/AF[\\t%SAMPLE=%GT:%DP:%GQ]\\n'
// Given unsorted and overlapping: like bcftools -r, the library visits contigs in the order the
// list names them, and returns each record once.
const REGIONS = 'chr2:30000-52000,chr1:1-9000,chrX:70000-80000,chr1:5000-12000'
const REGIONS_SORTED = REGIONS
const SAMPLES = ['NA001', 'NA002', 'NA003', 'NA004']
const CONTIGS: [string, number][] = [['chr1', 250_000], ['chr2', 200_000], ['chrX', 150_000], ['chrM', 16_569]]

/**
 * A deterministic VCF with several contigs, samples, BGZF blocks and a mix of genotypes
 * (multi-allelics, indels, phased, haploid chrX, missing calls, '.' QUAL and FILTER): the
 * project's generator, gatk shape, on these contigs.
 */
function makeVcf(): string {
  return [...generateVcf({ shape: 'gatk', records: 3640, seed: 12345, sampleNames: SAMPLES, contigs: CONTIGS })].join('')
}

let dir = ''
let server: Server | undefined
let browser: Browser | undefined
let page: Page | undefined
let base = ''
let gz = ''
let vcfText = ''
const pageErrors: string[] = []
const offsiteRequests: string[] = []

const HTML = pageHtml('vartriage browser test')

/** No uncaught page errors, and no request left 127.0.0.1 (no downloads, no telemetry). */
function clean(): void {
  expect(pageErrors).toEqual([])
  expect(offsiteRequests).toEqual([])
}


/** bcftools query output; `regions` goes through the index (-r). */
function oracle(file: string, opts: { include?: string; regions?: string } = {}): string {
  const args = ['query', '-f', FORMAT]
  if (opts.include) args.push('-i', opts.include)
  if (opts.regions) args.push('-r', opts.regions)
  return bcftools([...args, file])
}

describe.skipIf(!enabled)('browser bundle in headless Chromium', () => {
  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI requires ${CHROMIUM} for the browser tests`)
    if (!existsSync(BUNDLE)) {
      throw new Error(`${BUNDLE} is missing: build it first with \`npm run build\` (or \`npm run build:wasm && npm run build:browser\`); \`npm test\` does this`)
    }
    dir = mkdtempSync(join(tmpdir(), 'vt-browser-'))
    const plain = join(dir, 'calls.vcf')
    vcfText = makeVcf()
    writeFileSync(plain, vcfText)
    execFileSync('bgzip', ['-k', '-f', plain])
    gz = `${plain}.gz`
    execFileSync('tabix', ['-f', '-p', 'vcf', gz])
    execFileSync('sh', ['-c', `gzip -c '${plain}' > '${plain}.plain.gz'`]) // plain (non-BGZF) gzip
    execFileSync('cp', [gz, join(dir, 'csi.vcf.gz')])
    execFileSync('tabix', ['-f', '-C', '-p', 'vcf', join(dir, 'csi.vcf.gz')]) // a .csi index
    const files = new Map<string, string>([
      ['/', ''],
      ['/vartriage.js', BUNDLE],
      ['/vartriage.js.map', `${BUNDLE}.map`],
      ['/data/calls.vcf', plain],
      ['/data/calls.vcf.gz', gz],
      ['/data/calls.vcf.gz.tbi', `${gz}.tbi`],
      ['/data/calls.vcf.plain.gz', `${plain}.plain.gz`],
      ['/data/csi.vcf.gz', join(dir, 'csi.vcf.gz')],
      ['/data/csi.vcf.gz.csi', join(dir, 'csi.vcf.gz.csi')],
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
    page.on('console', (m) => {
      // HTTP failures are checked below by response, where the expected ones can be told apart
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`)
    })
    page.on('response', (r) => {
      // the only expected failure: probing for FILE.csi before FILE.tbi (there is no .csi)
      if (r.status() >= 400 && !r.url().endsWith('/data/calls.vcf.gz.csi')) pageErrors.push(`HTTP ${r.status()} for ${r.url()}`)
    })
    // nothing but the local server may be reached
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(`${base}/`)) return route.continue()
      offsiteRequests.push(url)
      return route.abort()
    })
    await page.goto(`${base}/`)
    const ready = await page.waitForFunction(() => (window as unknown as { vtReady?: string }).vtReady, undefined, { timeout: 20_000 })
      .then((h) => h.jsonValue(), (e: Error) => `${e.message}; page errors: ${pageErrors.join(' | ') || 'none'}`)
    if (ready !== 'ok') throw new Error(`the browser bundle did not load: ${ready}`)
  }, TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()))
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, TIMEOUT)

  it('loads as an ES module in a real browser, without Node', async () => {
    const info = await page!.evaluate(() => {
      const w = window as unknown as { vt: Record<string, unknown> }
      return {
        hasProcess: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        hasBuffer: typeof (globalThis as { Buffer?: unknown }).Buffer !== 'undefined',
        exports: Object.keys(w.vt).sort(),
      }
    })
    expect(info.hasProcess).toBe(false) // so the node:zlib / node:stream branches are not taken
    expect(info.hasBuffer).toBe(false)
    for (const name of ['VcfReader', 'select', 'Filter', 'QueryFormatter', 'query', 'view', 'collect', 'parseRegion',
      'parseRegionList', 'VcfParseError', 'IndexError', 'ExpressionError', 'RegionError']) {
      expect(info.exports).toContain(name)
    }
    clean()
  }, TIMEOUT)

  it('filters a region query through a .tbi (both Blobs) like bcftools query -r -i', async () => {
    const out = await page!.evaluate(async ({ FILTER, FORMAT, REGIONS }) => {
      const { VcfReader, QueryFormatter, select, parseRegionList } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
      const blob = await (await fetch('./data/calls.vcf.gz')).blob()
      const tbi = await (await fetch('./data/calls.vcf.gz.tbi')).blob()
      const reader = await VcfReader.open(blob, { index: tbi })
      const regions = parseRegionList(REGIONS)
      const run = async (include?: string) => {
        const fmt = new QueryFormatter(FORMAT, reader.schema)
        const sel = select(reader, { include, regions }, { query: { formatFields: fmt.formatTags.length > 0 } })
        let text = ''
        for await (const b of sel.batches) text += fmt.format(b)
        return text
      }
      // region reads may be repeated on one reader
      const filtered = await run(FILTER)
      const all = await run()
      return { filtered, all, samples: reader.header.samples }
    }, { FILTER, FORMAT, REGIONS })
    expect(out.samples).toEqual(SAMPLES)
    const want = oracle(gz, { include: FILTER, regions: REGIONS_SORTED })
    expect(want.split('\n').length).toBeGreaterThan(20) // the comparison is not vacuous
    expect(out.filtered).toBe(want)
    expect(out.all).toBe(oracle(gz, { regions: REGIONS_SORTED }))
    clean()
  }, TIMEOUT)

  it('reads whole Blobs without an index (BGZF, plain gzip, uncompressed) like bcftools query -i', async () => {
    const want = oracle(gz, { include: FILTER })
    expect(want.split('\n').length).toBeGreaterThan(100)
    for (const name of ['calls.vcf.gz', 'calls.vcf.plain.gz', 'calls.vcf']) {
      const got = await page!.evaluate(async ({ name, FILTER, FORMAT }) => {
        const { query, collect } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
        const blob = await (await fetch(`./data/${name}`)).blob()
        return collect(query(blob, FORMAT, { include: FILTER }))
      }, { name, FILTER, FORMAT })
      expect(got, name).toBe(want)
    }
    clean()
  }, TIMEOUT)

  it('uses a .csi index as well as a .tbi', async () => {
    const got = await page!.evaluate(async ({ FILTER, FORMAT, REGIONS }) => {
      const { query, collect, parseRegionList } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
      const blob = await (await fetch('./data/csi.vcf.gz')).blob()
      const csi = await (await fetch('./data/csi.vcf.gz.csi')).blob()
      return collect(query(blob, FORMAT, { include: FILTER, regions: parseRegionList(REGIONS), index: csi }))
    }, { FILTER, FORMAT, REGIONS })
    expect(got).toBe(oracle(gz, { include: FILTER, regions: REGIONS_SORTED }))
    clean()
  }, TIMEOUT)

  it('writes the records bcftools view -i keeps with view(), as their original lines', async () => {
    const got = await page!.evaluate(async ({ FILTER }) => {
      const { view, collect } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
      const blob = await (await fetch('./data/calls.vcf.gz')).blob()
      return collect(view(blob, { include: FILTER, header: false }))
    }, { FILTER })
    // view() copies the kept records' original bytes (it does not re-serialise like bcftools)
    const keep = new Set(bcftools(['query', '-i', FILTER, '-f', '%CHROM:%POS\\n', gz]).split('\n'))
    const want = vcfText.split('\n').filter((l) => l && !l.startsWith('#') && keep.has(l.split('\t', 2).join(':')))
      .map((l) => l + '\n').join('')
    expect(want.split('\n').length).toBeGreaterThan(100)
    expect(got).toBe(want)
    clean()
  }, TIMEOUT)

  it('reads a URL with range requests, finding the .tbi next to it', async () => {
    const got = await page!.evaluate(async ({ FILTER, FORMAT, REGIONS }) => {
      const { query, collect, parseRegionList } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
      const url = new URL('./data/calls.vcf.gz', location.href).href
      return collect(query(url, FORMAT, { include: FILTER, regions: parseRegionList(REGIONS) }))
    }, { FILTER, FORMAT, REGIONS })
    expect(got).toBe(oracle(gz, { include: FILTER, regions: REGIONS_SORTED }))
    clean()
  }, TIMEOUT)

  it('reports errors with the library\'s typed errors', async () => {
    const r = await page!.evaluate(async () => {
      const { VcfReader, select, IndexError, ExpressionError } = (window as unknown as { vt: typeof import('../src/browser.js') }).vt
      const blob = await (await fetch('./data/calls.vcf.gz')).blob()
      const reader = await VcfReader.open(blob)
      let noIndex = ''
      try {
        for await (const _ of reader.batches({ regions: [{ chrom: 'chr1', start: 1, end: 10 }] })) { /* none */ }
      } catch (e) { noIndex = e instanceof IndexError ? 'IndexError' : String(e) }
      let badExpr = ''
      try { select(reader, { include: 'QUAL>>3' }) } catch (e) { badExpr = e instanceof ExpressionError ? 'ExpressionError' : String(e) }
      return { noIndex, badExpr }
    })
    expect(r).toEqual({ noIndex: 'IndexError', badExpr: 'ExpressionError' })
    clean()
  }, TIMEOUT)
})

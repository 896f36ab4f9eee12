// annotate and csq from the browser bundle in headless Chromium, compared byte for byte with
// the Node CLI on the same files: annotation against a precompiled store read by HTTP range
// requests and against a VCF source by URL (one thread, and on Web Workers), consequences
// from a GFF3 Blob and a FASTA by URL. No request may leave 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { requireTools } from './helpers/oracle.js'
import { pageHtml, serve } from './helpers/browser.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'
import { corpus } from './helpers/csq-corpus.js'

const CHROMIUM = '/usr/bin/chromium'
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BUNDLE = join(ROOT, 'dist/browser/vartriage.js')
const WORKER = join(ROOT, 'dist/browser/vartriage-worker.js')
const BIN = join(ROOT, 'dist/src/cli/bin.js')
const TIMEOUT = 90_000
const CSQ_CASE = join(corpus, 'csq', 'ENST00000341065')
const CSQ_VCF = join(CSQ_CASE, 'splice-acceptor-donor1.vcf')

const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && !process.env.CI) console.warn(`NOTICE: skipping browser annotate tests: ${CHROMIUM} is not installed`)
const enabled = (haveChromium && requireTools('bgzip', 'tabix')) || !!process.env.CI
const haveCsqCase = existsSync(CSQ_VCF)
if (!haveCsqCase) console.warn(`NOTICE: skipping the browser csq test: ${CSQ_CASE} not found (set VARTRIAGE_SHARED)`)

type Vt = typeof import('../src/browser.js')
const cli = async (args: string[]) => {
  const r = await runAsync(process.execPath, [BIN, ...args])
  if (r.status !== 0) throw new Error(`vartriage ${args.join(' ')}: ${r.err}`)
  return r.out
}

describe.skipIf(!enabled)('annotate and csq in the browser bundle', () => {
  let dir = ''
  let d: AnnoData
  let server: Server | undefined
  let browser: Browser | undefined
  let page: Page | undefined
  let base = ''
  const pageErrors: string[] = []
  const offsite: string[] = []

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`CI requires ${CHROMIUM} for the browser tests`)
    dir = mkdtempSync(join(tmpdir(), 'vt-browser-anno-'))
    d = makeAnnoData(dir, 31, 2400)
    await cli(['store', 'build', '-q', '--id', '-o', join(dir, 'source.store'), d.source])
    const files = new Map<string, string>([
      ['/', ''], ['/vartriage.js', BUNDLE], ['/vartriage.js.map', `${BUNDLE}.map`],
      ['/vartriage-worker.js', WORKER], ['/vartriage-worker.js.map', `${WORKER}.map`],
      ['/data/query.vcf.gz', d.query], ['/data/source.vcf.gz', d.source], ['/data/source.store', join(dir, 'source.store')],
    ])
    if (haveCsqCase) {
      copyFileSync(join(CSQ_CASE, 'ENST00000341065.fa'), join(dir, 'ref.fa'))
      copyFileSync(join(CSQ_CASE, 'ENST00000341065.gff'), join(dir, 'genes.gff3'))
      files.set('/data/ref.fa', join(dir, 'ref.fa')).set('/data/genes.gff3', join(dir, 'genes.gff3')).set('/data/csq.vcf', CSQ_VCF)
    }
    server = await serve(files, pageHtml('vartriage annotate test'))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    page = await browser.newPage()
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(`console: ${m.text()}`) })
    await page.route('**/*', (route) => {
      const url = route.request().url()
      if (url.startsWith(`${base}/`)) return route.continue()
      offsite.push(url)
      return route.abort()
    })
    await page.goto(`${base}/`)
    const ready = await page.waitForFunction(() => (window as unknown as { vtReady?: string }).vtReady, undefined, { timeout: 20_000 }).then((h) => h.jsonValue())
    if (ready !== 'ok') throw new Error(`the browser bundle did not load: ${ready}`)
  }, TIMEOUT)

  afterAll(async () => {
    await browser?.close()
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()))
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, TIMEOUT)

  it('annotates against a store read by byte ranges and a VCF by URL, on one thread and on Web Workers, as Node does', async () => {
    const cols = 'INFO/AF,+INFO/S,INFO/DB,ID'
    const got = await page!.evaluate(async ({ cols }) => {
      const vt = (window as unknown as { vt: Vt }).vt
      const text = async (source: string, threads = 1) => {
        const blob = await (await fetch('./data/query.vcf.gz')).blob()
        const pool = threads > 1 ? new vt.WebShardPool(threads, new URL('./vartriage-worker.js', location.href)) : undefined
        const dec = new TextDecoder()
        let out = ''
        try {
          for await (const c of vt.annotateFile(blob, { sources: [{ kind: 'bcftools', path: new URL(source, location.href).href, columns: cols }] }, { threads, pool })) out += dec.decode(c, { stream: true })
        } finally { await pool?.destroy() }
        return out
      }
      return { store: await text('./data/source.store'), vcf: await text('./data/source.vcf.gz'), workers: await text('./data/source.store', 3) }
    }, { cols })
    const want = await cli(['annotate', '--no-version', '-a', join(dir, 'source.store'), '-c', cols, d.query])
    expect(want.split('\n').filter((l) => l.includes('S=')).length).toBeGreaterThan(100)
    // the source's label (its URL or path) is not in the output: the bytes compare directly
    expect(got.store).toBe(want)
    expect(got.vcf).toBe(want)
    expect(got.workers).toBe(want)
    expect(pageErrors).toEqual([])
    expect(offsite).toEqual([])
  }, TIMEOUT)

  it.runIf(haveCsqCase)('calls consequences from a GFF3 Blob and a FASTA URL (VEP CSQ and BCSQ) as Node does', async () => {
    const got = await page!.evaluate(async () => {
      const vt = (window as unknown as { vt: Vt }).vt
      const run = async (format: 'vep' | 'bcsq') => {
        const vcf = await (await fetch('./data/csq.vcf')).blob()
        const gff = await (await fetch('./data/genes.gff3')).blob()
        const dec = new TextDecoder()
        let out = ''
        for await (const c of vt.csqFile(vcf, { fasta: new URL('./data/ref.fa', location.href).href, gff, format })) out += dec.decode(c, { stream: true })
        return out
      }
      return { vep: await run('vep'), bcsq: await run('bcsq') }
    })
    const args = ['-f', join(dir, 'ref.fa'), '-g', join(dir, 'genes.gff3')]
    const vcf = CSQ_VCF
    expect(got.vep).toBe(await cli(['csq', '--no-version', ...args, vcf]))
    expect(got.bcsq).toBe(await cli(['csq', '--no-version', '--format', 'bcsq', ...args, vcf]))
    expect(got.vep).toMatch(/CSQ=/)
    expect(pageErrors).toEqual([])
    expect(offsite).toEqual([])
  }, TIMEOUT)
})

// The web app end to end on the demo trio, in Debian's Chromium (playwright-core): the static
// build (vite build into a temp dir) served with the synthetic world beside it (world/, read
// by HTTP byte ranges as any static host serves it); pick the trio's VCF, index, PED and
// phenopacket, run: the whole prioritisation runs in the tab's Web Worker. The known diagnosis
// is ranked first; the run equals `prioritise()` in Node on the same files (results.json
// exported from the page); re-filtering moves it; a picked bundle folder works as the served
// one; no request leaves the page's origin. VT_SCREENSHOTS=1 rewrites docs/img/app-run.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:http'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, normalize } from 'node:path'
import type { AddressInfo } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { CHROMIUM, ROOT, openAppPage, runCommand } from './helpers/app-page.js'
import { sharedWorld } from './helpers/prioritise-world.js'
import { generateTrio, type TrioResult } from '../src/world/trio.js'
import { prioritise } from '../src/prioritise/api.js'
import { parseResultsJson } from '../src/report/pure.js'
import type { PrioritisationResult } from '../src/prioritise/model.js'
import { comparableResult } from './helpers/results-compare.js'

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' }


/** A static server: `/world/…` and `/bundles/demo/…` from the bundle, the rest from the app build; byte ranges honoured. */
function serve(app: string, world: string, ranged: string[]): Promise<Server> {
  const srv = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const mount = ['/world/', '/bundles/demo/'].find((m) => url.startsWith(m))
    const [dir, rel] = mount ? [world, url.slice(mount.length - 1)] : [app, url.endsWith('/') ? `${url}index.html` : url]
    const file = normalize(join(dir, rel))
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) { res.writeHead(404).end(); return }
    const body = readFileSync(file)
    const head = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', 'Accept-Ranges': 'bytes' }
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (!m) { res.writeHead(200, { ...head, 'Content-Length': body.length }).end(body); return }
    ranged.push(url)
    const start = Number(m[1]), end = Math.min(m[2] ? Number(m[2]) : body.length - 1, body.length - 1)
    res.writeHead(206, { ...head, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 }).end(body.subarray(start, end + 1))
  })
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(srv)))
}


// parameters the page's export adds or sets for itself
const PAGE_ONLY = ['panelMode', 'refilteredInBrowser']

const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) console.warn(`tests/app-run.test.ts: ${CHROMIUM} is missing; the web app test is skipped`)

describe.skipIf(!hasChromium && !process.env.CI)('web app: the demo trio run in the page (Chromium)', () => {
  let server: Server, browser: Browser, page: Page, base = '', dist = '', world = ''
  let trio: TrioResult, node: PrioritisationResult
  let requests: string[] = [], errors: string[] = []
  const ranged: string[] = []

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'vt-app-run-'))
    world = await sharedWorld()
    // the demo's trio (`vartriage demo`: world seed 1, small; trio seed 1)
    const [t] = await Promise.all([
      generateTrio({ resources: world, out: join(dist, 'trio'), seed: 1 }),
      runCommand('npx', ['vite', 'build', '--config', 'app/vite.config.mjs', '--outDir', join(dist, 'site'), '--emptyOutDir', '--logLevel', 'error']),
    ])
    trio = t
    node = await prioritise({ vcf: trio.vcf, ped: trio.ped, phenopacket: trio.phenopackets[0], resources: world })
    server = await serve(join(dist, 'site'), world, ranged)
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    ;({ browser, page, requests, errors } = await openAppPage(`${base}/`))
  }, 180_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    if (dist) rmSync(dist, { recursive: true, force: true })
  })

  const geneRows = () => page.$$eval('[data-testid=results] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-gene')))
  const runAndWait = async () => {
    await page.click('[data-testid=run]')
    await page.waitForSelector('[data-testid=progress]:not([hidden])', { timeout: 10_000 }).catch(() => undefined)
    // the table appears once the run is in memory (it may have no row under the chosen panel)
    await page.waitForFunction(() => document.querySelector('[data-testid=results]') !== null || document.querySelector('[data-testid=error]') !== null, undefined, { timeout: 120_000 })
    const err = await page.$('[data-testid=error]')
    if (err) throw new Error(`the app said: ${await err.textContent()}; page errors: ${errors.join(' | ')}`)
  }
  const exported = async (): Promise<PrioritisationResult> => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-results.json"]')])
    return parseResultsJson(readFileSync(await dl.path(), 'utf8'))
  }

  it('runs the demo trio in the page: the known diagnosis first, the same result as Node', async () => {
    const truth = trio.cases[0]
    expect(node.genes[0].gene).toBe(truth.gene)
    await page.setInputFiles('[data-testid=files]', [trio.vcf, `${trio.vcf}.tbi`, trio.ped, trio.phenopackets[0]])
    // progress is reported while the worker reads the VCF
    const labels: string[] = []
    await page.exposeFunction('vtLabel', (s: string) => { labels.push(s) })
    await page.evaluate(() => {
      new MutationObserver(() => { const s = document.querySelector('[role=status]')?.textContent; if (s) (window as unknown as { vtLabel(s: string): void }).vtLabel(s) })
        .observe(document.body, { subtree: true, childList: true, characterData: true })
    })
    await runAndWait()
    expect(labels.some((l) => /reading the VCF|reading trio\.vcf\.gz/.test(l))).toBe(true)
    const genes = await geneRows()
    expect(genes[0]).toBe(truth.gene)
    expect(genes).toEqual([...node.genes, ...node.secondary].map((g) => g.gene))
    // the page's own results.json (nothing re-filtered yet) is Node's run
    expect(comparableResult(await exported(), PAGE_ONLY)).toEqual(comparableResult(node, PAGE_ONLY))
    // the evidence of the diagnosis: criteria with reasons and the family's genotypes
    await page.click('[data-testid=results] tbody tr:first-child button')
    const ev = await page.textContent('[data-testid=evidence]')
    expect(ev).toContain(truth.gene)
    for (const c of node.genes[0].variants[0].classification.criteria.filter((x) => x.met)) expect(ev).toContain(c.code)
    // the reference and the score table were read by byte ranges, not downloaded whole
    const manifest = JSON.parse(readFileSync(join(world, 'resources.json'), 'utf8')) as { files: { role: string; path: string }[] }
    expect(ranged).toContain(`/world/${manifest.files.find((f) => f.role === 'reference')!.path}`)
    if (process.env.VT_SCREENSHOTS) {
      mkdirSync(join(ROOT, 'docs/img'), { recursive: true })
      await page.screenshot({ path: join(ROOT, 'docs/img/app-run.png') })
    }
  }, 180_000)

  it('re-filters the run from memory: without its mode the diagnosis leaves the top', async () => {
    const before = await geneRows()
    const mode = node.genes[0].mode
    await page.uncheck(`[data-testid=mode-${mode}]`)
    expect((await geneRows())[0]).not.toBe(before[0])
    await page.check(`[data-testid=mode-${mode}]`)
    expect(await geneRows()).toEqual(before)
  })

  it('runs on a bundle folder the user picks, with typed HPO terms and a panel', async () => {
    const want = await prioritise({ vcf: trio.vcf, ped: trio.ped, hpo: ['HP:0001250'], resources: world, panel: 'epilepsy', panelMode: 'first', consent: 'related+secondary' })
    await page.reload()
    await page.setInputFiles('[data-testid=files]', [trio.vcf, `${trio.vcf}.tbi`, trio.ped])
    await page.setInputFiles('[data-testid=bundle]', readdirSync(world).map((n) => join(world, n)))
    await page.fill('[data-testid=hpo]', 'HP:0001250')
    await page.press('[data-testid=hpo]', 'Enter')
    await page.selectOption('[data-testid=panel]', 'epilepsy')
    await page.selectOption('[data-testid=consent]', 'related+secondary')
    ranged.length = 0
    await runAndWait()
    expect(ranged).toEqual([]) // the picked files, not the served bundle
    // the panel also filters the view: the diagnosis (an X-linked gene outside the epilepsy
    // panel, and on the ACMG SF list) shows once the view has all genes again
    expect(await geneRows()).toEqual([...want.genes, ...want.secondary].filter((g) => g.panel).map((g) => g.gene))
    await page.selectOption('[data-testid=panel]', '')
    expect(await geneRows()).toEqual([...want.genes, ...want.secondary].map((g) => g.gene))
    expect(await geneRows()).toContain(trio.cases[0].gene)
    expect(comparableResult(await exported(), PAGE_ONLY)).toEqual(comparableResult(want, PAGE_ONLY))
  }, 180_000)

  it('runs on a bundle at another URL of the site, typed in', async () => {
    await page.reload()
    await page.setInputFiles('[data-testid=files]', [trio.vcf, `${trio.vcf}.tbi`, trio.ped, trio.phenopackets[0]])
    await page.fill('[data-testid=bundle-url]', 'bundles/demo/resources.json')
    ranged.length = 0
    await runAndWait()
    expect((await geneRows())[0]).toBe(trio.cases[0].gene)
    expect(ranged.length).toBeGreaterThan(0)
    expect(ranged.every((u) => u.startsWith('/bundles/demo/'))).toBe(true)
  }, 180_000)

  it('made no request outside the page origin and no page error', () => {
    const foreign = requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('blob:') && !u.startsWith('data:'))
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
  })
})

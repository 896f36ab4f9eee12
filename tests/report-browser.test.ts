// report.html in real headless Chromium, opened from disk in an offline context: the ranked
// table sorts (mouse and keyboard, aria-sort kept current) and filters (text, family, class),
// with no page error and no request other than the file itself. Then the browser bundle
// (dist/browser/vartriage.js, built by `npm test`) builds the same report, tables and VCF text
// from results.json in the page as Node does. Skipped with a notice when /usr/bin/chromium is
// missing (required in CI).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { writeOutputs, reportHtml, genesTsv, variantsTsv, candidatesVcfText, parseResultsJson } from '../src/report/index.js'
import { pageHtml, serve } from './helpers/browser.js'
import { makeResult, HOSTILE_GENE } from './helpers/report-fixture.js'

const CHROMIUM = '/usr/bin/chromium'
const haveChromium = existsSync(CHROMIUM)
if (!haveChromium && !process.env.CI) console.warn(`NOTICE: skipping the report browser test: ${CHROMIUM} is not installed`)

const BUNDLE = join(fileURLToPath(new URL('..', import.meta.url)), 'dist/browser/vartriage.js')
let dir = ''
let server: Server | undefined
let browser: Browser | undefined
let page: Page
const errors: string[] = []
const requests: string[] = []

/** The text of one column of the visible rows. */
const column = (i: number): Promise<string[]> =>
  page.$$eval('#ranked tbody tr:not([hidden])', (rows, i) => rows.map((r) => (r as HTMLTableRowElement).cells[i].textContent ?? ''), i)

describe.skipIf(!haveChromium && !process.env.CI)('report.html in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vt-report-browser-'))
    const r = makeResult({ extra: 12, secondary: true })
    r.genes[3].gene = HOSTILE_GENE // markup in a name must stay text in the live DOM too
    const out = await writeOutputs(dir, r)
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    })
    const context = await browser.newContext({ offline: true, javaScriptEnabled: true })
    page = await context.newPage()
    page.on('pageerror', (e) => errors.push(String(e)))
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`) })
    const url = pathToFileURL(out.html).href
    page.on('request', (q) => { if (q.url() !== url) requests.push(q.url()) })
    await page.goto(url)
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('sorts by a numeric column with the mouse, and back with the keyboard', async () => {
    const n = (await column(0)).length
    expect(n).toBe(17)
    await page.click('#ranked thead th:nth-child(4) button') // Score
    const asc = (await column(3)).map(Number)
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    expect(await page.getAttribute('#ranked thead th:nth-child(4)', 'aria-sort')).toBe('ascending')
    await page.focus('#ranked thead th:nth-child(4) button')
    await page.keyboard.press('Enter')
    const desc = (await column(3)).map(Number)
    expect(desc).toEqual([...asc].reverse())
    expect(desc[0]).toBe(0.9731)
    expect(await page.getAttribute('#ranked thead th:nth-child(4)', 'aria-sort')).toBe('descending')
    await page.keyboard.press('Tab') // to the next header button
    await page.keyboard.press('Space') // Mode, a text column
    expect(await page.getAttribute('#ranked thead th:nth-child(5)', 'aria-sort')).toBe('ascending')
    expect(await page.getAttribute('#ranked thead th:nth-child(4)', 'aria-sort')).toBe('none')
    await page.click('#ranked thead th:nth-child(9) button') // ACMG class: by severity, not label
    const classes = await column(8)
    expect(classes.slice(0, 2)).toEqual(['Pathogenic', 'Likely pathogenic'])
    expect(classes[classes.length - 1]).toBe('VUS')
    await page.click('#ranked thead th:nth-child(5) button')
    const modes = await column(4)
    expect(modes).toEqual([...modes].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)))
  })

  it('filters by text, family and class, announcing the count', async () => {
    await page.fill('#filter', 'abca4')
    expect(await column(2)).toEqual(['ABCA4'])
    expect(await page.textContent('#shown')).toBe('1 of 17 genes shown')
    await page.fill('#filter', '')
    await page.selectOption('#family-filter', 'FAM2')
    const fam = await column(1)
    expect(fam.length).toBeGreaterThan(0)
    expect(new Set(fam)).toEqual(new Set(['FAM2']))
    await page.selectOption('#family-filter', '')
    await page.selectOption('#class-filter', 'likely_pathogenic')
    expect((await column(2)).sort()).toEqual(['ABCA4', 'DMD'])
    await page.selectOption('#class-filter', '')
    expect((await column(0)).length).toBe(17)
    // the hostile name is a text node, not an element
    expect(await page.$$eval('#ranked img', (x) => x.length)).toBe(0)
    expect(await page.textContent('#ranked')).toContain('<img src=x onerror="alert(1)">')
    // labelled controls
    expect(await page.$$eval('label[for]', (ls) => ls.map((l) => l.getAttribute('for')))).toEqual(['filter', 'family-filter', 'class-filter'])
  })

  it('loaded nothing else and raised no error', () => {
    expect(requests).toEqual([])
    expect(errors).toEqual([])
  })

  it('the browser bundle builds the same outputs from results.json', async () => {
    if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build (npm test does)`)
    server = await serve(new Map([['/', ''], ['/vartriage.js', BUNDLE]]), pageHtml('report outputs'))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const p = await browser!.newPage()
    const errs: string[] = []
    p.on('pageerror', (e) => errs.push(String(e)))
    p.on('console', (m) => { if (m.type() === 'error') errs.push('console: ' + m.text()) })
    p.on('requestfailed', (q) => errs.push('failed: ' + q.url() + ' ' + q.failure()?.errorText))
    await p.goto(`${base}/`)
    await p.waitForFunction(() => (window as unknown as { vtReady?: string }).vtReady, undefined, { timeout: 20_000 }).catch((e: Error) => { throw new Error(e.message + ' ' + errs.join(' / ')) })
    expect(await p.evaluate(() => (window as unknown as { vtReady: string }).vtReady)).toBe('ok')
    const json = readFileSync(join(dir, 'results.json'), 'utf8')
    type Vt = Record<string, (...a: unknown[]) => string> & { parseResultsJson: (t: string) => unknown }
    const got = await p.evaluate((t) => {
      const vt = (window as unknown as { vt: Vt }).vt
      const r = vt.parseResultsJson(t)
      return [vt.reportHtml(r), vt.genesTsv(r), vt.variantsTsv(r), vt.candidatesVcfText(r)]
    }, json)
    const r = parseResultsJson(json)
    // booleans: a mismatch of megabyte strings would drown the report (rebuild a stale bundle first)
    const want = [reportHtml(r), genesTsv(r), variantsTsv(r), candidatesVcfText(r)]
    ;['reportHtml', 'genesTsv', 'variantsTsv', 'candidatesVcfText'].forEach((name, i) => expect(got[i] === want[i], `${name} in the bundle`).toBe(true))
    expect(got[0] === readFileSync(join(dir, 'report.html'), 'utf8'), 'report.html').toBe(true)
    expect(errs).toEqual([])
    await p.close()
  })
})

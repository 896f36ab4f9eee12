// Re-filter benchmark of the web app in Chromium: builds app/ (vite build), serves app/dist on
// 127.0.0.1, opens bench.html in Debian's /usr/bin/chromium (playwright-core), which builds a
// store of N synthetic annotated variants and times each kind of re-filter change (frequency
// cut-off, mode, panel, quality, consent): median / p95 / max ms over --runs repetitions.
// Usage: node bench/refilter.mjs [--rows 1000000] [--runs 30] [--no-build]
import { spawnSync } from 'node:child_process'
import { createServer } from 'node:http'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const arg = (k, d) => { const i = process.argv.indexOf(k); return i < 0 ? d : Number(process.argv[i + 1]) }
const rows = arg('--rows', 1_000_000), runs = arg('--runs', 30)
const dist = join(root, 'app/dist')
if (!process.argv.includes('--no-build') || !existsSync(join(dist, 'bench.html'))) {
  const b = spawnSync('npx', ['vite', 'build', '--config', 'app/vite.config.mjs', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' })
  if (b.status !== 0) process.exit(b.status ?? 1)
}
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }
const srv = createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  if (p.endsWith('/')) p += 'index.html'
  const f = normalize(join(dist, p))
  if (!f.startsWith(dist) || !existsSync(f) || !statSync(f).isFile()) { res.writeHead(404).end(); return }
  res.writeHead(200, { 'Content-Type': types[extname(f)] ?? 'application/octet-stream' }).end(readFileSync(f))
})
await new Promise((r) => srv.listen(0, '127.0.0.1', r))
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
})
try {
  const page = await browser.newPage()
  await page.goto(`http://127.0.0.1:${srv.address().port}/bench.html?rows=${rows}&runs=${runs}`)
  const r = await (await page.waitForFunction(() => window.benchResult, undefined, { timeout: 300_000 })).jsonValue()
  console.log(`Chromium ${browser.version()}, ${r.rows.toLocaleString('en')} rows, ${r.genes.toLocaleString('en')} gene slots, ` +
    `store built in ${r.buildMs.toFixed(0)} ms; ${r.runs} runs per change; calibration (one compare pass over one 1M f32 column): ${r.calibrationMs.toFixed(1)} ms`)
  console.log('| change | median ms | p95 ms | max ms | rows kept | genes kept |\n|---|---|---|---|---|---|')
  for (const x of r.results) {
    console.log(`| ${x.change} | ${x.median.toFixed(1)} | ${x.p95.toFixed(1)} | ${x.max.toFixed(1)} | ${x.rows.toLocaleString('en')} | ${x.genes.toLocaleString('en')} |`)
  }
} finally {
  await browser.close()
  srv.close()
}

// The web app's end-to-end tests share this: Debian's Chromium through playwright-core, one
// page at the laptop size the app is designed for, every request and page error recorded
// (the tests require all requests to stay on the page's origin and no error).
import { spawn } from 'node:child_process'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM = '/usr/bin/chromium'
export const ROOT = new URL('../..', import.meta.url).pathname

export interface AppPage { browser: Browser; page: Page; requests: string[]; errors: string[] }

export async function openAppPage(url: string): Promise<AppPage> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  const page = await browser.newPage({ viewport: { width: 1366, height: 820 }, acceptDownloads: true })
  const requests: string[] = [], errors: string[] = []
  page.on('request', (r) => requests.push(r.url()))
  page.on('pageerror', (e) => errors.push(String(e)))
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()) })
  await page.goto(url)
  return { browser, page, requests, errors }
}

/** Runs a command in the repository root; rejects with its output when it fails. */
export function runCommand(cmd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    p.stdout.on('data', (d) => (out += d)); p.stderr.on('data', (d) => (out += d))
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out}`))))
  })
}

// Shared by the browser tests: a page that loads the bundle, and a local static server
// (127.0.0.1 only) with HTTP range requests for the URL-input tests.
import { createServer, type Server } from 'node:http'
import { readFileSync } from 'node:fs'

/** A page importing ./vartriage.js into window.vt (window.vtReady says how it went). */
export function pageHtml(title: string): string {
  // the grow-stress test mode (ADR 0005) reaches the page, and through the pool its workers
  const stress = process.env.VARTRIAGE_GROW_STRESS ? 'globalThis.VARTRIAGE_GROW_STRESS = 1\n' : ''
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
<script type="module">
  ${stress}
  import('./vartriage.js').then(
    (vt) => { window.vt = vt; window.vtReady = 'ok' },
    (e) => { window.vtReady = 'failed to load the bundle: ' + (e && e.stack || e) })
</script></body></html>`
}

/** Serves `files` (URL path -> file on disk) and `html` at '/'. */
export function serve(files: Map<string, string>, html: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' }
  const srv = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    if (path === '/favicon.ico') { res.writeHead(204).end(); return }
    const file = files.get(path)
    if (file === undefined) { res.writeHead(404).end('not found'); return }
    const body = path === '/' ? Buffer.from(html) : readFileSync(file)
    const ext = path === '/' ? '.html' : path.slice(path.lastIndexOf('.'))
    const headers: Record<string, string | number> = {
      'Content-Type': types[ext] ?? 'application/octet-stream', 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store',
    }
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (m) { // range requests, for the URL (RemoteFile) tests
      const start = Number(m[1]), end = Math.min(m[2] ? Number(m[2]) : body.length - 1, body.length - 1)
      if (start >= body.length) { res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end(); return }
      res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 })
      res.end(body.subarray(start, end + 1))
      return
    }
    res.writeHead(200, { ...headers, 'Content-Length': body.length }).end(body)
  })
  return new Promise((resolve, reject) => {
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => resolve(srv))
  })
}

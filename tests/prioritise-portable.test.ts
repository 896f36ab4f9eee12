// Prioritisation without a file system (src/prioritise/portable.ts, what the web app's worker
// runs): the family's files as Files and the bundle opened from picked Files or from a URL
// (an HTTP server that honours byte ranges, as static hosts do) give the same ranked genes,
// variants, evidence and masking as Node's `prioritise` on paths; input digests are the files'.
import { describe, it, expect, beforeAll, afterAll } from 'vitest'
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sharedWorld } from './helpers/prioritise-world.js'
import { generateTrio, type TrioResult } from '../src/world/trio.js'
import { prioritise } from '../src/prioritise/api.js'
import { openBundleFiles, openBundleUrl, prioritiseFiles } from '../src/prioritise/portable.js'
import { comparableResult } from './helpers/results-compare.js'

let world: string, trio: TrioResult, server: Server, base: string
const ranges: string[] = []

const file = (path: string) => new File([readFileSync(path)], path.replace(/^.*\//, ''))


beforeAll(async () => {
  world = await sharedWorld()
  trio = await generateTrio({ resources: world, out: mkdtempSync(join(tmpdir(), 'vt-portable-')), seed: 3, mode: 'compound_het', variants: 10_000 })
  // a static server with byte ranges (206), like any static host
  server = createServer((req, res) => {
    const path = join(world, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname))
    if (!path.startsWith(world)) { res.writeHead(403).end(); return }
    let body: Buffer
    try { body = readFileSync(path) } catch { res.writeHead(404).end(); return }
    const m = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
    if (!m) { res.writeHead(200, { 'Content-Length': body.length }).end(body); return }
    ranges.push(path)
    const start = Number(m[1]), end = Math.min(m[2] ? Number(m[2]) : body.length - 1, body.length - 1)
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${body.length}`, 'Content-Length': end - start + 1 }).end(body.subarray(start, end + 1))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}, 120_000)

afterAll(() => { server?.close() })

describe('prioritise on Files and URLs', () => {
  it('equals the path-based run: bundle from picked files, family files as Files', async () => {
    const want = await prioritise({ vcf: trio.vcf, ped: trio.ped, phenopacket: trio.phenopackets[0], resources: world, consent: 'related+secondary' })
    expect(want.genes[0].gene).toBe(trio.cases[0].gene)
    const picked = readdirSync(world).map((n) => file(join(world, n)))
    const got = await prioritiseFiles({
      vcf: file(trio.vcf), ped: file(trio.ped), phenopacket: file(trio.phenopackets[0]), consent: 'related+secondary',
      resources: await openBundleFiles(picked),
    })
    expect(comparableResult(got)).toEqual(comparableResult(want))
    // the digest of a File is the file's
    const vcfInput = got.inputs.find((x) => x.role === 'vcf')!
    expect(vcfInput).toMatchObject({ path: 'trio.vcf.gz', bytes: statSync(trio.vcf).size, sha256: createHash('sha256').update(readFileSync(trio.vcf)).digest('hex') })
  }, 120_000)

  it('equals the path-based run with the bundle served over HTTP, indexed files read by byte ranges', async () => {
    const want = await prioritise({ vcf: trio.vcf, ped: trio.ped, hpo: ['HP:0001250'], resources: world, panel: 'epilepsy', panelMode: 'first' })
    ranges.length = 0
    const got = await prioritiseFiles({ vcf: file(trio.vcf), ped: file(trio.ped), hpo: ['HP:0001250'], resources: await openBundleUrl(base), panel: 'epilepsy', panelMode: 'first' })
    expect(comparableResult(got)).toEqual(comparableResult(want))
    // the reference FASTA and the score table are never fetched whole
    const manifest = JSON.parse(readFileSync(join(world, 'resources.json'), 'utf8')) as { files: { role: string; path: string }[] }
    const ref = join(world, manifest.files.find((f) => f.role === 'reference')!.path)
    expect(ranges).toContain(ref)
  }, 120_000)

  it('names the missing file of a picked bundle, and a bundle URL that is not one', async () => {
    const picked = readdirSync(world).filter((n) => !n.startsWith('hp.obo')).map((n) => file(join(world, n)))
    await expect(openBundleFiles(picked)).rejects.toThrow(/resources\.json: file listed in the manifest is missing: hp\.obo \(role phenotypes\)/)
    await expect(openBundleFiles([file(trio.vcf)])).rejects.toThrow(/no resources\.json among the 1 files picked/)
    await expect(openBundleUrl(`${base}nothing/`)).rejects.toThrow(/nothing\/resources\.json: cannot fetch the bundle manifest: HTTP 404/)
  })
})

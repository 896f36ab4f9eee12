// The consent proof: no byte of an output directory may name a masked finding. Every file is
// read whole (and, when it is gzip/BGZF, decompressed as well), and each forbidden string is
// looked for in every spelling an output could give it: as is, HTML-escaped, JSON-escaped,
// TSV-escaped, VCF percent-encoded, and for a position 'chrom:pos[:ref:alt]' also as the
// tab-separated columns of a VCF or TSV line. A match counts only at a token boundary (no
// letter or digit on either side), so 'chr1:123' does not match 'chr1:1234' and a masked RET
// does not match 'PRETTY'; a neighbouring gene such as TTN-AS1 does match (better a false
// alarm than a leak).
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { ConsentViolationError, ReportError } from './errors.js'
import { escHtml, tsvField, vcfInfoValue } from './format.js'

export interface ScanSummary {
  files: number
  /** Bytes looked at, decompressed streams included. */
  bytes: number
}

function spellings(s: string): [string, string][] {
  const out: [string, string][] = [
    ['plain', s], ['HTML-escaped', escHtml(s)], ['JSON-escaped', JSON.stringify(s).slice(1, -1)],
    ['TSV-escaped', tsvField(s)], ['percent-encoded', vcfInfoValue(s)],
  ]
  const m = /^([^:\s]+):(\d+)(?::([^:\s]+):([^:\s]+))?$/.exec(s)
  if (m) out.push(['tab-separated columns', `${m[1]}\t${m[2]}\t`])
  const seen = new Set<string>()
  return out.filter(([, t]) => (seen.has(t) ? false : (seen.add(t), true)))
}

const alnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const d of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, d.name)
    if (d.isDirectory()) out.push(...(await listFiles(p)))
    else out.push(p)
  }
  return out
}

interface Needle { found: string; how: string; text: string }

function needlesOf(forbidden: string[]): Needle[] {
  return forbidden.filter((f) => f.length > 0).flatMap((f) => spellings(f).map(([how, t]) =>
    ({ found: f, how, text: Buffer.from(t, 'utf8').toString('latin1') })))
}

/** Throws at the first forbidden spelling in `data` (`label` names it in the error). */
function scan(label: string, data: Uint8Array, needles: Needle[]): void {
  const hay = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1')
  for (const n of needles) {
    for (let at = hay.indexOf(n.text); at >= 0; at = hay.indexOf(n.text, at + 1)) {
      const before = at > 0 ? hay.charCodeAt(at - 1) : 0
      const after = at + n.text.length < hay.length ? hay.charCodeAt(at + n.text.length) : 0
      if (alnum(before) || (!n.text.endsWith('\t') && alnum(after))) continue
      throw new ConsentViolationError(`names the masked finding ${JSON.stringify(n.found)} (${n.how})`, n.found, n.how, { file: label, offset: at })
    }
  }
}

/**
 * The same check on outputs still in memory (writeOutputs' `forbidden` option), so that a leak
 * stops the run before any file exists. `contents`: file name → bytes as they will be written;
 * gzip data is checked decompressed too.
 */
export function assertContentsMasked(contents: [name: string, bytes: Uint8Array][], forbidden: string[]): void {
  const needles = needlesOf(forbidden)
  if (needles.length === 0) return
  for (const [name, bytes] of contents) {
    scan(`${name} (file name)`, Buffer.from(name, 'utf8'), needles)
    scan(name, bytes, needles)
    if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) scan(`${name} (decompressed)`, gunzipSync(bytes), needles)
  }
}

/**
 * Throws ConsentViolationError (file, byte offset, which string in which spelling) at the first
 * output byte that names a forbidden string; returns what was scanned otherwise.
 */
export async function assertNothingMasked(dir: string, forbidden: string[]): Promise<ScanSummary> {
  const needles = needlesOf(forbidden)
  const files = await listFiles(dir)
  let bytes = 0
  for (const f of files) {
    const rel = relative(dir, f)
    scan(`${rel} (file name)`, Buffer.from(rel, 'utf8'), needles)
    const data = await readFile(f)
    bytes += data.length
    scan(rel, data, needles)
    if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) {
      let inflated: Buffer
      try {
        inflated = gunzipSync(data)
      } catch (e) {
        // an output we cannot read is one we cannot vouch for
        throw new ReportError(`gzip data that does not decompress: ${(e as Error).message}`, { file: rel })
      }
      bytes += inflated.length
      scan(`${rel} (decompressed)`, inflated, needles)
    }
  }
  return { files: files.length, bytes }
}

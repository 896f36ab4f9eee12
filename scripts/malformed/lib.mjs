// The malformed-input campaign: seeded mutations of real and generated VCFs (compressed
// stream, inflated text, indexes) and the checks every run of the CLI must pass on them.
// Used by tests/malformed/*.test.ts (a bounded, fixed set of seeds) and by
// scripts/malformed.mjs (long runs). See docs/malformed-input.md.
//
// The contract checked for every case and command (view, query, stats, --threads 2, --lenient):
// - the run ends (timeout) with bounded memory (max RSS), exit code 0 or 1;
// - stderr holds only `vartriage: ...` lines: never a stack trace; on exit 1 exactly one error
//   line that names the file and a line (record errors: line and record) or a byte offset;
// - on exit 0: no `undefined`/`NaN` that the input did not have, and when bcftools accepts the
//   same input, the same records and values as bcftools;
// - --lenient: the skipped count equals the number of damaged records bcftools rejects, and
//   the other records are all there;
// - --threads 2 prints exactly what --threads 1 prints (or the same error).
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync, existsSync, rmSync, readdirSync, openSync, closeSync } from 'node:fs'
import { gzipSync, gunzipSync, deflateRawSync, crc32 as zcrc32 } from 'node:zlib'
import { join, resolve, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const BIN = join(ROOT, 'dist/src/cli/bin.js')
const RSS_WRAP = join(ROOT, 'scripts/malformed/cli-rss.mjs')
const { generateVcf } = await import(join(ROOT, 'bench/generate-vcf.mjs'))
const { BgzfWriter } = await import(join(ROOT, 'dist/src/bgzf/writer.js'))
const { scanBlocks } = await import(join(ROOT, 'dist/src/bgzf/blocks.js'))

export const LIMITS = {
  /** per command run */
  timeoutMs: 90_000,
  /** max resident set size of one CLI run, bytes */
  maxRss: 1536 << 20,
}

// ------------------------------------------------------------------------------------------
// random numbers and small helpers

export function rng(seed) {
  let a = seed >>> 0
  const r = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  r.int = (n) => Math.floor(r() * n)
  r.pick = (xs) => xs[r.int(xs.length)]
  return r
}

const enc = new TextEncoder()
const latin1 = (b) => Buffer.from(b).toString('latin1')

export function bgzf(bytes, { eof = true } = {}) {
  const chunks = []
  const w = new BgzfWriter((c) => chunks.push(c))
  w.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes)
  w.close()
  const all = Buffer.concat(chunks)
  return eof ? all : all.subarray(0, all.length - 28)
}

export function blocksOf(buf) { return scanBlocks(buf, 0, 'x').blocks }

/** A BGZF block of `data` (at most 64 KiB), with a correct CRC32 and ISIZE. */
function bgzfBlock(data) {
  const def = deflateRawSync(data, { level: 6 })
  const size = 18 + def.length + 8
  const b = Buffer.alloc(size)
  b.set([0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, 0x42, 0x43, 2, 0])
  b.writeUInt16LE(size - 1, 16)
  b.set(def, 18)
  b.writeUInt32LE(zcrc32(data) >>> 0, size - 8)
  b.writeUInt32LE(data.length, size - 4)
  return b
}

/** Runs a command synchronously (building cases). */
export function runSync(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30, encoding: 'latin1', timeout: LIMITS.timeoutMs, ...opts })
  return { code: r.status, signal: r.signal, out: r.stdout ?? '', err: r.stderr ?? '', error: r.error }
}

/** State and kernel wait channel of each thread of a process (R running, S sleeping …), for stall reports. */
function procStates(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map((t) => {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8')
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
      let wchan = ''
      try { wchan = readFileSync(`/proc/${pid}/task/${t}/wchan`, 'utf8').trim() } catch { /* not everywhere */ }
      return `${t}:${state}${wchan && wchan !== '0' ? `/${wchan}` : ''}`
    }).join(',')
  } catch (e) { return `unknown (${e.code ?? e})` }
}

/** Runs a command without blocking the event loop; kills it after LIMITS.timeoutMs. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve_) => {
    const { stdinFile, ...rest } = opts
    const fd = stdinFile ? openSync(stdinFile, 'r') : 'ignore'
    // The CLI wrapper (cli-rss.mjs) writes a diagnostic report (JS stack, libuv handles) on
    // SIGUSR2, so that a stall past the bound says where it waits: no report within 2 s means
    // a busy loop. See docs/malformed-input.md.
    const reportDir = process.env.VARTRIAGE_STALL_REPORTS ?? tmpdir()
    const env = { ...process.env, ...rest.env, VT_STALL_REPORTS: reportDir }
    const child = spawn(cmd, args, { stdio: [fd, 'pipe', 'pipe'], ...rest, env })
    if (typeof fd === 'number') closeSync(fd)
    const out = [], err = []
    let timedOut = false
    const started = Date.now()
    const timer = setTimeout(() => {
      timedOut = true
      const threads = procStates(child.pid)
      child.kill('SIGUSR2')
      setTimeout(() => child.kill('SIGKILL'), 2000)
      const got = out.reduce((n, c) => n + c.length, 0)
      process.stderr.write(`malformed: stall after ${Date.now() - started} ms: ${cmd} ${args.join(' ')}; ${got} stdout bytes received; threads ${threads} (diagnostic report, if the CLI's event loop answers, in ${reportDir})\n`)
    }, LIMITS.timeoutMs)
    child.stdout.on('data', (c) => out.push(c))
    child.stderr.on('data', (c) => err.push(c))
    child.on('error', (e) => { clearTimeout(timer); resolve_({ code: null, signal: null, out: '', err: String(e), error: e }) })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve_({ code, signal, out: Buffer.concat(out).toString('latin1'), err: Buffer.concat(err).toString('latin1'), timedOut, command: `${cmd} ${args.join(' ')}`, ms: Date.now() - started })
    })
  })
}

// ------------------------------------------------------------------------------------------
// base inputs

/** The text of a base input: 'gen:SEED' (generated), 'example', or a path bcftools reads. */
export function baseText(name, { records = 1500, samples = 3 } = {}) {
  if (name.startsWith('gen:')) {
    let s = ''
    for (const c of generateVcf({ records, samples, seed: Number(name.slice(4)), contigs: 'small' })) s += c
    return s
  }
  const path = name === 'example' ? join(ROOT, 'test-data/example.vcf.gz') : name
  const r = runSync('bcftools', ['view', '--no-version', path])
  if (r.code !== 0) throw new Error(`bcftools cannot read base ${name}: ${r.err}`)
  return r.out
}

/** Real third-party files used as bases (those present on this machine). */
export const REAL_BASES = [
  '/usr/share/doc/python-pysam/tests/cbcf_data/example_vcf42.vcf',
  '/usr/share/doc/python-pysam/tests/cbcf_data/gnomad.vcf.gz',
  '/usr/share/doc/python-pysam/tests/pysam_data/ex1.vcf.gz',
  '/usr/share/htslib-test/test/formatcols.vcf',
  '/usr/share/htslib-test/test/index.vcf',
].filter((p) => existsSync(p))

function split(text) {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  const h = lines.findIndex((l) => l.startsWith('#CHROM'))
  return { header: lines.slice(0, h + 1), body: lines.slice(h + 1), nSamples: Math.max(0, lines[h].split('\t').length - 9) }
}
const join_ = (header, body) => [...header, ...body].join('\n') + '\n'

// ------------------------------------------------------------------------------------------
// mutation classes. Each returns a case:
//   { cls, what, container: 'bgzf'|'plain'|'gzip', bytes (Buffer, the file), text (the inflated
//     text when the damage is textual), damaged?: [body line indices] (record damage: the
//     --lenient count is checked), index?: { ext, bytes }, region?, clean?: text }

const BYTES = [0, 9, 10, 13, 32, 35, 44, 46, 58, 59, 61, 0x80, 0xc3, 0xff]

function recordDamage(base, r, damageLine, what, k = 1 + r.int(3)) {
  const { header, body } = split(base)
  const at = new Set()
  while (at.size < Math.min(k, body.length)) at.add(r.int(body.length))
  const damaged = [...at].sort((a, b) => a - b)
  const out = body.slice()
  for (const i of damaged) out[i] = damageLine(out[i], r)
  return { what: `${what} in records ${damaged.map((i) => i + 1).join(',')}`, text: join_(header, out), damaged }
}

function container(r, c, text) {
  const which = c ?? r.pick(['bgzf', 'bgzf', 'plain'])
  const bytes = which === 'bgzf' ? bgzf(text) : which === 'gzip' ? gzipSync(Buffer.from(text, 'latin1')) : Buffer.from(text, 'latin1')
  return { container: which, bytes }
}

export const CLASSES = {
  /** one random byte of one data line replaced (tab, newline, separators, NUL, high bytes …) */
  'text-flip'(base, r) {
    const { header, body } = split(base)
    const i = r.int(body.length)
    const line = body[i]
    const p = r.int(line.length)
    const ch = r() < 0.7 ? r.pick(BYTES) : r.int(256)
    body[i] = line.slice(0, p) + String.fromCharCode(ch) + line.slice(p + 1)
    return { what: `byte ${p} of record ${i + 1} -> 0x${ch.toString(16)}`, text: join_(header, body) }
  },
  /** one random byte of a header line replaced */
  'header-flip'(base, r) {
    const { header, body } = split(base)
    const i = r.int(header.length)
    const p = r.int(header[i].length)
    const ch = r.pick(BYTES)
    header[i] = header[i].slice(0, p) + String.fromCharCode(ch) + header[i].slice(p + 1)
    return { what: `byte ${p} of header line ${i + 1} -> 0x${ch.toString(16)}`, text: join_(header, body) }
  },
  /** the inflated text cut: in the header, between header and body, at a line end, mid-line, mid-field */
  'text-truncate'(base, r) {
    const { header } = split(base)
    const hlen = header.join('\n').length + 1
    const kinds = ['mid-header', 'before-#CHROM-newline', 'after-header', 'line-end', 'mid-line', 'after-tab', 'mid-sample']
    const kind = r.pick(kinds)
    let cut
    const bodyText = base.slice(hlen)
    const lineStarts = [0]
    for (let i = bodyText.indexOf('\n'); i >= 0 && i < bodyText.length - 1; i = bodyText.indexOf('\n', i + 1)) lineStarts.push(i + 1)
    const li = r.int(lineStarts.length)
    const ls = hlen + lineStarts[li]
    const le = base.indexOf('\n', ls)
    const line = base.slice(ls, le)
    const tabs = [...line.matchAll(/\t/g)].map((m) => m.index)
    switch (kind) {
      case 'mid-header': cut = 1 + r.int(hlen - 2); break
      case 'before-#CHROM-newline': cut = hlen - 1; break
      case 'after-header': cut = hlen; break
      case 'line-end': cut = le + 1; break
      case 'mid-line': cut = ls + 1 + r.int(Math.max(1, line.length - 1)); break
      case 'after-tab': cut = ls + r.pick(tabs) + 1; break
      case 'mid-sample': cut = ls + (tabs.length > 9 ? tabs[9 + r.int(tabs.length - 9)] + 2 : r.pick(tabs) + 2); break
    }
    return { what: `text cut at ${cut} (${kind}, record ${li + 1})`, text: base.slice(0, cut) }
  },
  /** a column deleted in 1-3 records */
  'delete-column'(base, r) {
    const col = r.int(split(base).body[0].split('\t').length)
    return recordDamage(base, r, (l) => { const c = l.split('\t'); c.splice(Math.min(col, c.length - 1), 1); return c.join('\t') }, `column ${col + 1} deleted`)
  },
  /** a column duplicated in 1-3 records */
  'duplicate-column'(base, r) {
    const col = r.int(split(base).body[0].split('\t').length)
    return recordDamage(base, r, (l) => { const c = l.split('\t'); const k = Math.min(col, c.length - 1); c.splice(k, 0, c[k]); return c.join('\t') }, `column ${col + 1} duplicated`)
  },
  /** a column emptied in 1-3 records (an empty sample column is Strelka's finding 3) */
  'empty-column'(base, r) {
    const n = split(base).body[0].split('\t').length
    const col = n > 9 && r() < 0.5 ? 9 + r.int(n - 9) : r.int(n)
    return recordDamage(base, r, (l) => { const c = l.split('\t'); c[Math.min(col, c.length - 1)] = ''; return c.join('\t') }, `column ${col + 1} emptied`)
  },
  /** records swapped (view/query/stats read them as they are; `index` must refuse) */
  unsorted(base, r) {
    const { header, body } = split(base)
    const i = r.int(body.length - 1), j = r() < 0.5 ? i + 1 : r.int(body.length)
    ;[body[i], body[j]] = [body[j], body[i]]
    return { what: `records ${i + 1} and ${j + 1} swapped`, text: join_(header, body), unsorted: i !== j }
  },
  /** CRLF line endings, everywhere or on some lines */
  crlf(base, r) {
    const all = r() < 0.5
    const lines = base.split('\n')
    const text = lines.map((l, i) => (l && (all || r() < 0.2) ? l + '\r' : l)).join('\n')
    return { what: all ? 'CRLF everywhere' : 'CRLF on some lines', text }
  },
  /** non-ASCII: UTF-8 text, a BOM, or invalid UTF-8 in IDs, INFO strings and sample names */
  'non-ascii'(base, r) {
    const { header, body } = split(base)
    const kind = r.pick(['id', 'sample-name', 'info-string', 'invalid-utf8-id', 'bom', 'chrom'])
    const u8 = (s) => latin1(enc.encode(s))
    if (kind === 'bom') return { what: 'UTF-8 BOM before ##fileformat', text: '\xef\xbb\xbf' + join_(header, body) }
    if (kind === 'sample-name') {
      const h = header[header.length - 1].split('\t')
      if (h.length > 9) h[9] = u8('Échantillon_中文_🧬')
      header[header.length - 1] = h.join('\t')
      return { what: 'UTF-8 sample name', text: join_(header, body) }
    }
    const i = r.int(body.length)
    const c = body[i].split('\t')
    if (kind === 'id') c[2] = u8('rs_é中🧬')
    if (kind === 'invalid-utf8-id') c[2] = 'rs\xff\xfe\x80'
    if (kind === 'info-string') c[7] = (c[7] === '.' ? '' : c[7] + ';') + u8('NOTE=café_☕')
    if (kind === 'chrom') c[0] = u8('chré')
    body[i] = c.join('\t')
    return { what: `${kind} in record ${i + 1}`, text: join_(header, body) }
  },
  /** a NUL byte inside a field of 1-3 records */
  nul(base, r) {
    return recordDamage(base, r, (l, rr) => { const p = rr.int(l.length); return l.slice(0, p) + '\0' + l.slice(p) }, 'NUL inserted')
  },
  /** one record with a 10 MB INFO value */
  'long-line'(base, r) {
    const { header, body } = split(base)
    const i = r.int(body.length)
    const c = body[i].split('\t')
    const big = 'A'.repeat(10 << 20)
    if (!header.some((h) => h.startsWith('##INFO=<ID=BIG,'))) header.splice(1, 0, '##INFO=<ID=BIG,Number=1,Type=String,Description="long">')
    c[7] = (c[7] === '.' ? '' : c[7] + ';') + 'BIG=' + big
    body[i] = c.join('\t')
    return { what: `10 MB INFO value in record ${i + 1}`, text: join_(header, body) }
  },
  /** a header with 100,000 samples and records with as many sample columns */
  'wide-header'(base, r) {
    const n = 100_000
    const names = Array.from({ length: n }, (_, i) => `W${i}`)
    const lines = ['##fileformat=VCFv4.2', '##contig=<ID=1,length=100000>', '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
      ['#CHROM', 'POS', 'ID', 'REF', 'ALT', 'QUAL', 'FILTER', 'INFO', 'FORMAT', ...names].join('\t')]
    const gts = ['0/0', '0/1', '1/1', './.', '0|1']
    for (let p = 1; p <= 6; p++) {
      const s = Array.from({ length: n }, () => r.pick(gts))
      lines.push(['1', String(p * 100), '.', 'A', 'G', '50', 'PASS', '.', 'GT', ...s].join('\t'))
    }
    return { what: '100,000 samples', text: lines.join('\n') + '\n' }
  },
  /** header lines removed or misplaced */
  'header-damage'(base, r) {
    const { header, body } = split(base)
    const kind = r.pick(['no-#CHROM', 'no-fileformat', 'meta-in-body', 'blank-line-in-body', 'no-header', 'chrom-short', 'duplicate-sample', 'no-FORMAT-column'])
    if (kind === 'no-#CHROM') header.pop()
    if (kind === 'no-fileformat') header.shift()
    if (kind === 'meta-in-body') body.splice(r.int(body.length), 0, '##INFO=<ID=LATE,Number=1,Type=Integer,Description="late">')
    if (kind === 'blank-line-in-body') body.splice(1 + r.int(body.length - 1), 0, '')
    if (kind === 'no-header') header.length = 0
    if (kind === 'chrom-short') header[header.length - 1] = '#CHROM\tPOS\tID\tREF\tALT'
    const chrom = header[header.length - 1]?.split('\t') ?? []
    if (kind === 'duplicate-sample' && chrom.length > 10) { chrom[10] = chrom[9]; header[header.length - 1] = chrom.join('\t') }
    if (kind === 'no-FORMAT-column' && chrom.length > 9) { chrom.splice(8, 1); header[header.length - 1] = chrom.join('\t') }
    return { what: kind, text: join_(header, body) }
  },
  /** one byte of the BGZF stream flipped: header fields, deflate data, CRC32, ISIZE, EOF block */
  'bgzf-flip'(base, r) {
    const bytes = bgzf(base)
    const blocks = blocksOf(bytes)
    const k = r.int(blocks.length)
    const b = blocks[k]
    const region = r.pick(['magic', 'flags', 'mtime/xfl/os', 'xlen', 'bsize', 'deflate', 'crc32', 'isize'])
    const off = { magic: r.int(3), flags: 3, 'mtime/xfl/os': 4 + r.int(6), xlen: 10 + r.int(2), bsize: 12 + r.int(6),
      deflate: 18 + r.int(b.csize - 26), crc32: b.csize - 8 + r.int(4), isize: b.csize - 4 + r.int(4) }[region]
    const c = Buffer.from(bytes)
    const mask = 1 << r.int(8)
    c[b.coff + off] ^= mask
    // sometimes read through an index of the undamaged file (-r): the damage may be in a chunk
    const ix = r() < 0.35 ? withIndex(bytes, base, r) : {}
    return { what: `block ${k}/${blocks.length} (byte ${b.coff}) ${region} byte ${b.coff + off} ^= ${mask}${ix.region ? `, -r ${ix.region}` : ''}`, container: 'bgzf', bytes: c, blockOffset: b.coff, ...ix }
  },
  /** the BGZF file cut: inside a block header, deflate data or footer, at a block boundary, in or before the EOF block */
  'bgzf-truncate'(base, r) {
    const bytes = bgzf(base)
    const blocks = blocksOf(bytes)
    const kind = r.pick(['in-header', 'in-deflate', 'in-footer', 'at-boundary', 'in-eof', 'no-eof'])
    const k = kind === 'in-eof' || kind === 'no-eof' ? blocks.length - 1 : r.int(blocks.length - 1)
    const b = blocks[k]
    const at = { 'in-header': b.coff + 1 + r.int(17), 'in-deflate': b.coff + 18 + r.int(b.csize - 26), 'in-footer': b.coff + b.csize - 1 - r.int(7),
      'at-boundary': b.coff, 'in-eof': b.coff + 1 + r.int(26), 'no-eof': b.coff }[kind]
    return { what: `cut at byte ${at} (${kind}, block ${k}/${blocks.length})`, container: 'bgzf', bytes: bytes.subarray(0, at), blockOffset: b.coff }
  },
  /** a whole BGZF block removed or repeated (undetectable in BGZF itself: the text changes) */
  'bgzf-block-drop'(base, r) {
    const bytes = bgzf(base)
    const blocks = blocksOf(bytes)
    const k = r.int(blocks.length - 1)
    const b = blocks[k]
    const dup = r() < 0.5
    const c = dup ? Buffer.concat([bytes.subarray(0, b.coff + b.csize), bytes.subarray(b.coff)])
      : Buffer.concat([bytes.subarray(0, b.coff), bytes.subarray(b.coff + b.csize)])
    return { what: `block ${k} ${dup ? 'repeated' : 'removed'}`, container: 'bgzf', bytes: c }
  },
  /** a block whose CRC32 and ISIZE are consistent with damaged content (the text inside is damaged) */
  'bgzf-recompressed-flip'(base, r) {
    const bytes = bgzf(base)
    const blocks = blocksOf(bytes)
    const k = r.int(blocks.length - 1)
    const b = blocks[k]
    const data = gunzipSync(bytes.subarray(b.coff, b.coff + b.csize))
    data[r.int(data.length)] = r.pick(BYTES)
    const block = bgzfBlock(data)
    const c = Buffer.concat([bytes.subarray(0, b.coff), block, bytes.subarray(b.coff + b.csize)])
    // through -r, the index of the undamaged file still fits when the block keeps its size
    const ix = r() < 0.35 && block.length === b.csize ? withIndex(bytes, base, r) : {}
    return { what: `block ${k}'s text damaged, CRC32 valid${ix.region ? `, -r ${ix.region}` : ''}`, container: 'bgzf', bytes: c, ...ix }
  },
  /** .tbi/.csi damaged: flipped compressed or inflated bytes, truncated, or the index of an older file */
  'index-damage'(base, r) {
    const { header, body } = split(base)
    const kind = r.pick(['flip-compressed', 'flip-inflated', 'truncate', 'stale-shorter', 'stale-longer', 'stale-shifted'])
    const ext = r.pick(['tbi', 'csi'])
    let text = base
    let indexed = base
    if (kind === 'stale-shorter') indexed = join_(header, body.slice(0, Math.floor(body.length * 0.6)))
    if (kind === 'stale-longer') text = join_(header, body.slice(0, Math.floor(body.length * 0.6)))
    if (kind === 'stale-shifted') text = join_(header, body.slice(1 + r.int(20)))
    const ibytes = bgzf(indexed)
    const tmp = `/tmp/vt-malformed-index-${process.pid}-${r.int(1e9)}.vcf.gz`
    writeFileSync(tmp, ibytes)
    const ix = runSync('bcftools', ['index', ext === 'tbi' ? '-t' : '-c', '-f', tmp])
    if (ix.code !== 0) throw new Error(`bcftools index failed: ${ix.err}`)
    let index = readFileSync(`${tmp}.${ext}`)
    rmSync(tmp); rmSync(`${tmp}.${ext}`)
    if (kind === 'flip-compressed') { index = Buffer.from(index); index[r.int(index.length - 28)] ^= 1 << r.int(8) }
    if (kind === 'flip-inflated') {
      const raw = gunzipSync(index)
      raw[r.int(raw.length)] ^= 1 << r.int(8)
      index = bgzf(raw)
    }
    if (kind === 'truncate') index = index.subarray(0, r.int(index.length))
    const recs = split(text).body
    const rec = recs[r.int(recs.length)].split('\t')
    const pos = Number(rec[1])
    const region = r.pick([`${rec[0]}`, `${rec[0]}:${Math.max(1, pos - 5000)}-${pos + 5000}`, `${rec[0]}:${pos}`])
    return { what: `${ext} ${kind}, -r ${region}`, container: 'bgzf', bytes: bgzf(text), text, index: { ext, bytes: index }, region, indexDamaged: true }
  },
  /** a gzip bomb: a few MB compressed, gigabytes inflated, as one endless line (memory must stay bounded) */
  'gzip-bomb'(base, r) {
    const kind = r.pick(['bgzf-line', 'gzip-line', 'bgzf-header', 'bgzf-nul'])
    const head = kind === 'bgzf-header' ? '##fileformat=VCFv4.2\n##' : split(base).header.join('\n') + '\n1\t1\t.\tA\tC\t.\tPASS\tX='
    const fill = Buffer.alloc(0xff00, kind === 'bgzf-nul' ? 0 : 0x41)
    const n = 24_000 // ~1.5 GB inflated
    if (kind === 'gzip-line') {
      const member = gzipSync(Buffer.alloc(1 << 20, 0x41), { level: 9 })
      const parts = [gzipSync(Buffer.from(head, 'latin1'))]
      for (let i = 0; i < 1500; i++) parts.push(member)
      return { what: 'gzip members: 1.5 GB line', container: 'gzip', bytes: Buffer.concat(parts), bomb: true }
    }
    const block = bgzfBlock(fill)
    const parts = [bgzf(head, { eof: false })]
    for (let i = 0; i < n; i++) parts.push(block)
    parts.push(bgzf(''))
    return { what: `${kind}: ${(n * 0xff00 / 1e9).toFixed(1)} GB inflated`, container: 'bgzf', bytes: Buffer.concat(parts), bomb: true }
  },
}

/** An index of `bytes` (bcftools) and a region with records, for damage read through -r. */
function withIndex(bytes, text, r) {
  const ext = r.pick(['tbi', 'csi'])
  const tmp = `/tmp/vt-malformed-index-${process.pid}-${r.int(1e9)}.vcf.gz`
  writeFileSync(tmp, bytes)
  const ix = runSync('bcftools', ['index', ext === 'tbi' ? '-t' : '-c', '-f', tmp])
  if (ix.code !== 0) throw new Error(`bcftools index failed: ${ix.err}`)
  const index = readFileSync(`${tmp}.${ext}`)
  rmSync(tmp); rmSync(`${tmp}.${ext}`)
  const recs = split(text).body
  const rec = recs[r.int(recs.length)].split('\t')
  const pos = Number(rec[1])
  return { index: { ext, bytes: index }, region: r.pick([rec[0], `${rec[0]}:${Math.max(1, pos - 20000)}-${pos + 20000}`]) }
}

/** Builds case `i` of a seed: a base, a class and its mutation, deterministically. */
export function makeCase(seed, i, { classes = Object.keys(CLASSES), bases } = {}) {
  const r = rng((seed * 1000003) ^ (i * 7919))
  const cls = classes[r.int(classes.length)]
  const baseName = r.pick(bases ?? ['gen:' + (seed + i), 'gen:' + (seed + i), 'example', ...REAL_BASES])
  return buildCase(cls, baseName, r)
}

const baseCache = new Map()
export function buildCase(cls, baseName, r) {
  if (!baseCache.has(baseName)) baseCache.set(baseName, baseText(baseName))
  const base = baseCache.get(baseName)
  const m = CLASSES[cls](base, r)
  const c = m.bytes ? m : { ...m, ...container(r, m.container, m.text) }
  return { cls, base: baseName, clean: base, ...c }
}

// ------------------------------------------------------------------------------------------
// running and checking

const ERR_LINE = /^vartriage: (.+?)(?:, line (\d+))?(?:, record (\d+))?(?:, byte (\d+))?: (.*)$/
const RECORD_MESSAGES = /too few columns|POS is not|QUAL is not|sample columns|empty CHROM|FORMAT value|INFO value|empty sample column|NUL byte|is not defined in the header|incomplete last line/

function writeCase(c, dir, id) {
  mkdirSync(dir, { recursive: true })
  const name = join(dir, `${id}.${c.container === 'plain' ? 'vcf' : 'vcf.gz'}`)
  writeFileSync(name, c.bytes)
  if (c.index) writeFileSync(`${name}.${c.index.ext}`, c.index.bytes)
  return name
}

let runs = 0
async function ours(args, stdinFile) {
  const rssFile = `/tmp/vt-malformed-rss-${process.pid}-${runs++}`
  const t0 = Date.now()
  const r = await run(process.execPath, [RSS_WRAP, ...args], { env: { ...process.env, VT_RSS_OUT: rssFile }, stdinFile })
  const ms = Date.now() - t0
  let rss = 0
  try { rss = Number(readFileSync(rssFile, 'utf8')); rmSync(rssFile) } catch { /* killed */ }
  return { ...r, ms, rss }
}

function bcfAccepts(r) { return r.code === 0 && !/\[E::|Error|Failed/.test(r.err) }

/** bcftools view -H, normalised (records as htslib re-serialises them). */
function bcfView(file, extra = []) { return run('bcftools', ['view', '--no-version', '-H', ...extra, file]) }
let norms = 0
function normalise(vcfText, dir) {
  const p = join(dir, `norm${norms++}.vcf`)
  writeFileSync(p, vcfText, 'latin1')
  return bcfView(p)
}

function queryFormat(clean) {
  const { header, nSamples } = split(clean)
  const gt = nSamples > 0 && header.some((h) => h.startsWith('##FORMAT=<ID=GT,'))
  return '%CHROM\\t%POS\\t%ID\\t%REF\\t%ALT\\t%QUAL\\t%FILTER' + (gt ? '[\\t%GT]' : '') + '\\n'
}

/**
 * Runs the CLI on a case and checks the contract. Returns { problems: string[], outcome, runs }.
 * `full` adds --threads 2 and stats.
 */
export async function checkCase(c, { dir, id = 'case', threads = true, stats = true, lenient = true, stdin = false } = {}) {
  const problems = []
  const file = writeCase(c, dir, id)
  const region = c.region ? ['-r', c.region] : []
  const fmt = queryFormat(c.clean)
  const runs = {}
  const inputText = c.text ?? ''
  const noise = ['undefined', 'NaN'].filter((w) => !inputText.includes(w) && !c.clean.includes(w))

  const check = (name, r, { expectRecordCount } = {}) => {
    runs[name] = r
    const tag = `${name}:`
    if (r.timedOut) { problems.push(`${tag} did not finish within ${LIMITS.timeoutMs} ms: ${r.command}`); return }
    if (r.rss > LIMITS.maxRss) problems.push(`${tag} max RSS ${(r.rss / 2 ** 20).toFixed(0)} MiB over ${LIMITS.maxRss / 2 ** 20} MiB`)
    if (r.code !== 0 && r.code !== 1) problems.push(`${tag} exit ${r.code} (signal ${r.signal}): ${r.err.slice(0, 300)}`)
    const lines = r.err.split('\n').filter(Boolean)
    const stray = lines.filter((l) => !l.startsWith('vartriage: '))
    if (stray.length) problems.push(`${tag} stray stderr (stack trace?): ${stray.slice(0, 3).join(' | ').slice(0, 300)}`)
    if (/\bat .*\.(js|mjs|ts):\d+/.test(r.err) || /(TypeError|RangeError|ReferenceError|SyntaxError|AssertionError)\b/.test(r.err)) problems.push(`${tag} JavaScript error in stderr: ${r.err.slice(0, 300)}`)
    if (/aborted at|unreachable|detached ArrayBuffer|out of bounds/i.test(r.err)) problems.push(`${tag} internal error: ${r.err.slice(0, 300)}`)
    if (r.code === 1) {
      const errs = lines.filter((l) => !l.startsWith('vartriage: warning:'))
      if (errs.length !== 1) problems.push(`${tag} expected one error line, got ${errs.length}: ${errs.join(' | ').slice(0, 300)}`)
      const m = ERR_LINE.exec(errs[0] ?? '')
      if (!m) problems.push(`${tag} error line has no location: ${errs[0]}`)
      else {
        const [, where, line, record, byte, msg] = m
        if (!where.startsWith(file)) problems.push(`${tag} error does not name the file: ${errs[0]}`)
        else if (line === undefined && byte === undefined && !/no #CHROM|empty input|not a VCF|index|BGZF|gzip/i.test(msg)) problems.push(`${tag} error names neither a line nor a byte offset: ${errs[0]}`)
        if (RECORD_MESSAGES.test(msg) && (line === undefined || record === undefined)) problems.push(`${tag} record error without line and record: ${errs[0]}`)
        if (/undefined|NaN/.test(msg)) problems.push(`${tag} undefined/NaN in the message: ${errs[0]}`)
      }
      if (r.out.length > 0 && name.startsWith('view')) { /* partial output before the error is allowed (exit 1 says so) */ }
    }
    if (r.code === 0) for (const w of noise) if (r.out.includes(w)) problems.push(`${tag} "${w}" in the output`)
  }

  // strict-ish default runs
  const [view, query, bv] = await Promise.all([
    ours(['view', '--no-version', ...region, '--threads', '1', file]),
    ours(['query', '-f', fmt, ...region, '--threads', '1', file]),
    c.bomb ? undefined : bcfView(file, region),
  ])
  check('view', view)
  check('query', query)
  if (threads && c.container === 'bgzf' && !c.region) {
    const [v2, q2] = await Promise.all([
      ours(['view', '--no-version', '--threads', '2', file]),
      ours(['query', '-f', fmt, '--threads', '2', file]),
    ])
    check('view --threads 2', v2)
    if (v2.code !== view.code) problems.push(`view --threads 2: exit ${v2.code}, --threads 1 exit ${view.code}: ${v2.err.slice(0, 200)} / ${view.err.slice(0, 200)}`)
    else if (v2.code === 0 && v2.out !== view.out) problems.push('view --threads 2: output differs from --threads 1')
    else if (v2.code === 1 && lastLine(v2.err) !== lastLine(view.err)) problems.push(`view --threads 2: error differs: ${lastLine(v2.err)} vs ${lastLine(view.err)}`)
    check('query --threads 2', q2)
    if (q2.code !== query.code || (q2.code === 0 && q2.out !== query.out)) problems.push(`query --threads 2 differs from --threads 1 (exit ${q2.code} vs ${query.code})`)
  }
  // standard input: the same result (the error names <stdin> instead of the file)
  if (stdin && !c.region) {
    const si = await ours(['view', '--no-version', '-'], file)
    runs['view -'] = si
    const same = si.code === view.code && (si.code !== 0 || si.out === view.out) &&
      (si.code !== 1 || lastLine(si.err).replace('<stdin>', file) === lastLine(view.err))
    if (!same) problems.push(`view - (stdin): exit ${si.code} vs ${view.code}: ${lastLine(si.err).slice(0, 200)} / ${lastLine(view.err).slice(0, 200)}`)
    if (/\bat .*\.(js|mjs|ts):\d+|TypeError|RangeError/.test(si.err)) problems.push(`view - (stdin): JavaScript error: ${si.err.slice(0, 300)}`)
  }
  let st
  if (stats && !c.region) { st = await ours(['stats', file]); check('stats', st) }

  // the oracle (not for bombs: bcftools would inflate gigabytes; they are judged by bounds)
  if (c.bomb) {
    if (view.code !== 1) problems.push(`view: a gzip bomb must end in an error, got exit ${view.code}`)
    return { problems, outcome: `${view.code === 0 ? 'ok' : 'error'}/bomb`, file, runs }
  }
  let accepts = bcfAccepts(bv)
  if (c.indexDamaged) {
    // the truth is the data file read through a fresh index, not bcftools on the damaged one
    accepts = false
    const truth = join(dir, `${id}.truth.vcf.gz`)
    writeFileSync(truth, c.bytes)
    await run('bcftools', ['index', '-f', truth])
    const tv = await bcfView(truth, region)
    for (const [name, r] of [['view', view], ['query', query]]) {
      if (r.code !== 0) continue
      const got = name === 'view' ? (await normalise(r.out, dir)).out
        : (await run('bcftools', ['query', '-f', fmt.replace(/\\t/g, '\t').replace(/\\n/g, '\n'), ...region, truth])).out
      const want = name === 'view' ? tv.out : r.out
      if (got !== want) problems.push(`${name}: exit 0 through a damaged index, but not the records a fresh index gives${firstDiff(name === 'view' ? got : r.out, name === 'view' ? want : got)}`)
    }
  }
  let outcome = `${view.code === 0 ? 'ok' : 'error'}/bcftools-${accepts ? 'ok' : 'error'}`
  if (view.code === 0 && accepts) {
    const nv = await normalise(view.out, dir)
    if (nv.code !== 0) problems.push(`view: bcftools cannot read our output: ${nv.err.slice(0, 200)}`)
    else if (nv.out !== bv.out) problems.push(`view: records differ from bcftools (${countLines(nv.out)} vs ${countLines(bv.out)} records)${firstDiff(nv.out, bv.out)}`)
  }
  if (query.code === 0 && accepts) {
    const bq = await run('bcftools', ['query', '-f', fmt.replace(/\\t/g, '\t').replace(/\\n/g, '\n'), ...region, file])
    if (bcfAccepts(bq) && bq.out !== query.out) problems.push(`query: differs from bcftools (${countLines(query.out)} vs ${countLines(bq.out)} lines)${firstDiff(query.out, bq.out)}`)
  }
  if (st && st.code === 0 && accepts) {
    const bs = await run('bcftools', ['stats', file])
    const keep = (s) => s.split('\n').filter((l) => /^(SN|TSTV)\t0\t/.test(l)).join('\n')
    if (bcfAccepts(bs) && keep(bs.out) !== keep(st.out)) problems.push(`stats: SN/TSTV differ from bcftools${firstDiff(keep(st.out), keep(bs.out))}`)
  }
  if (view.code === 0 && !accepts) outcome = `ok/bcftools-error (${firstLine(bv.err)})`
  if (view.code === 1 && accepts) outcome = `error/bcftools-ok (${lastLine(view.err).replace(/^vartriage: [^:]*: /, '')})`
  // unsorted input: `index` must refuse, as bcftools index does
  if (c.unsorted && c.container === 'bgzf') {
    const ix = await ours(['index', '-f', file])
    check('index', ix)
    const bi = await run('bcftools', ['index', '-f', '-o', `${file}.bcf.csi`, file])
    if ((ix.code === 0) !== (bi.code === 0)) problems.push(`index: exit ${ix.code}, bcftools index exit ${bi.code}: ${lastLine(ix.err)}`)
  }
  // --lenient: record damage is skipped and counted exactly
  if (lenient && c.damaged) {
    const lv = await ours(['view', '--no-version', '--lenient', '--threads', '1', file])
    check('view --lenient', lv)
    // each damaged record on its own: does our strict reading reject it, does bcftools?
    const judged = []
    for (const i of c.damaged) judged.push({ i, ...(await judgeLine(c, i, dir)) })
    for (const j of judged) {
      if (j.ours && !j.bcftools) problems.push(`record ${j.i + 1}: we accept a damaged record bcftools rejects (${j.why})`)
    }
    const rejectedList = judged.filter((j) => !j.ours).map((j) => j.i)
    const expectedSkips = rejectedList.length
    const m = /skipped (\d+) malformed record/.exec(lv.err)
    const skipped = m ? Number(m[1]) : 0
    if (lv.code === 0) {
      if (skipped !== expectedSkips) problems.push(`view --lenient: skipped ${skipped}, expected ${expectedSkips} (damaged ${c.damaged.length}, each rejected on its own: ${expectedSkips})`)
      else {
        // the other records are exactly bcftools' reading of the file without the rejected lines
        const { header, body } = split(c.text)
        const rejected = new Set(rejectedList)
        const keptText = join_(header, body.filter((_, i) => !rejected.has(i)))
        const want = await normalise(keptText, dir)
        const got = await normalise(lv.out, dir)
        if (want.code === 0 && got.out !== want.out) problems.push(`view --lenient: records differ from bcftools on the file without the rejected records${firstDiff(got.out, want.out)}`)
      }
    }
    if (c.container === 'bgzf' && threads) {
      const l2 = await ours(['view', '--no-version', '--lenient', '--threads', '2', file])
      check('view --lenient --threads 2', l2)
      const m2 = /skipped (\d+) malformed record/.exec(l2.err)
      if (l2.code !== lv.code || (l2.code === 0 && (l2.out !== lv.out || (m2 ? Number(m2[1]) : 0) !== skipped))) problems.push(`view --lenient --threads 2 differs from --threads 1 (exit ${l2.code}/${lv.code}, skipped ${m2?.[1]}/${skipped})`)
    }
  }
  return { problems, outcome, file, runs }
}

/** Whether we (without --lenient) and bcftools accept damaged record i on its own (header + that line). */
async function judgeLine(c, i, dir) {
  const { header, body } = split(c.text)
  const p = join(dir, `one${i}.vcf`)
  writeFileSync(p, join_(header, [body[i]]), 'latin1')
  const b = await bcfView(p)
  const o = await ours(['view', '-H', p])
  // a record kept with a warning that --lenient skips (an empty sample column) counts as rejected
  return { ours: o.code === 0 && !/empty sample column/.test(o.err), bcftools: bcfAccepts(b), why: firstLine(b.err) }
}
const firstLine = (s) => (s.split('\n').find((l) => /\[E::|Error|Failed/.test(l)) ?? s.split('\n')[0] ?? '').slice(0, 160)

const lastLine = (s) => s.split('\n').filter(Boolean).pop() ?? ''
const countLines = (s) => s.split('\n').filter(Boolean).length
function firstDiff(a, b) {
  const x = a.split('\n'), y = b.split('\n')
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `; first difference at line ${i + 1}: ours ${JSON.stringify((x[i] ?? '<none>').slice(0, 160))} bcftools ${JSON.stringify((y[i] ?? '<none>').slice(0, 160))}`
  }
  return ''
}

export function cleanDir(dir) {
  if (!existsSync(dir)) return
  for (const f of readdirSync(dir)) rmSync(join(dir, f), { recursive: true, force: true })
}

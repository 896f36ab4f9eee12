// End-to-end tests of the command line (`node dist/src/cli/bin.js`, so run `tsc` first):
// view to stdout and to files (plain and BGZF, with an index written on the fly), reading
// standard input, plain and gzip inputs, query -f/-H, index (.csi default, .tbi with -t, no
// silent overwrite), --help. Outputs are checked against bcftools, tabix and bgzip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { copyFileSync, readdirSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { gzipSync, gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { BgzfWriter } from '../src/bgzf/writer.js'
import { requireTools } from './helpers/oracle.js'
import { generateRecords, prng, type GenRecord } from '../bench/generate-vcf.mjs'

const enabled = requireTools('bcftools', 'tabix', 'bgzip')
const BIN = resolve('dist/src/cli/bin.js')

function cli(args: string[], input?: string | Uint8Array): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: input ?? '', encoding: 'utf8', maxBuffer: 1 << 30, timeout: 120_000 })
  if (r.error) throw r.error
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr }
}
/** Runs and expects success. */
function ok(args: string[], input?: string | Uint8Array): string {
  const r = cli(args, input)
  expect(r.code, `vartriage ${args.join(' ')}: ${r.err}`).toBe(0)
  return r.out
}
function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}
function shBytes(cmd: string, args: string[]): Buffer {
  const r = spawnSync(cmd, args, { maxBuffer: 1 << 30 })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`)
  return r.stdout
}
/** Equality of long texts without printing 100 kB lines when they differ. */
function expectSame(got: string, want: string, what: string): void {
  if (got === want) return
  const a = got.split('\n'), b = want.split('\n')
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  const cut = (s: string | undefined) => (s === undefined ? '<none>' : s.length > 120 ? s.slice(0, 120) + '…' : s)
  expect.fail(`${what}: ${a.length} lines vs ${b.length} expected; first difference at line ${i + 1}:\n  got:  ${cut(a[i])}\n  want: ${cut(b[i])}`)
}

function bgzf(text: string): Buffer {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c))
  w.write(new TextEncoder().encode(text))
  w.close()
  return Buffer.concat(chunks)
}

let dir = ''
let text = ''
let header = ''
let records: GenRecord[] = []
let body = ''
let plain = ''
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'vartriage-cli-'))
  const g = generateRecords({
    contigs: [['chr1', 2_000_000, 3000], ['chr2', 600_000, 800], ['chrX', 400_000, 300]],
    seed: 21, samples: ['NA1', 'NA2', 'NA3'], hugeFraction: 0.002,
  })
  text = g.text
  header = g.header
  records = g.records
  body = records.map((r) => r.line).join('')
  plain = join(dir, 'in.vcf')
  writeFileSync(plain, text)
})
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }) })

describe('CLI basics (no external tools)', () => {
  it('--help, -h, help and no arguments print the usage and exit 0', () => {
    for (const args of [['--help'], ['-h'], ['help'], [], ['view', '--help'], ['query', '-h'], ['index', '--help']]) {
      const r = cli(args)
      expect(r.code, args.join(' ')).toBe(0)
      expect(r.out, args.join(' ')).toMatch(/^vartriage: fast VCF/)
      expect(r.out).toMatch(/Usage: vartriage <command>/)
      expect(r.err).toBe('')
    }
  })

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }
    expect(ok(['--version'])).toBe(`vartriage ${pkg.version}\n`)
  })

  it('view to stdout: the input unchanged (--no-version), or with the command line in the header', () => {
    expect(records.some((r) => r.line.length > 65536)).toBe(true)
    expectSame(ok(['view', '--no-version', plain]), text, 'view --no-version')
    const withCmd = ok(['view', plain])
    const chrom = header.lastIndexOf('#CHROM')
    expectSame(withCmd, header.slice(0, chrom) + `##vartriage_viewCommand=vartriage view ${plain}\n` + header.slice(chrom) + body, 'view')
    expectSame(ok(['view', '-H', plain]), body, 'view -H')
  })

  it('view -o FILE writes what stdout would get; -o x.vcf.gz compresses', () => {
    const out = join(dir, 'out.vcf')
    expect(ok(['view', '--no-version', '-o', out, plain])).toBe('')
    expectSame(readFileSync(out, 'utf8'), text, '-o FILE')
    const gz = join(dir, 'out-by-name.vcf.gz')
    ok(['view', '--no-version', '-o', gz, plain])
    expect(readFileSync(gz).subarray(0, 4)).toEqual(Buffer.from([0x1f, 0x8b, 8, 4]))
    expectSame(gunzipSync(readFileSync(gz)).toString('utf8'), text, '-o x.vcf.gz')
    // and it reads back
    expectSame(ok(['view', '-H', gz]), body, 'read back')
  })

  it('reads standard input: "-" and no file, plain, BGZF and gzip', () => {
    expectSame(ok(['view', '-H', '-'], text), body, 'stdin plain')
    expectSame(ok(['view', '-H'], text), body, 'implicit stdin')
    expectSame(ok(['view', '-H', '-'], bgzf(text)), body, 'stdin BGZF')
    expectSame(ok(['view', '-H', '-'], gzipSync(text)), body, 'stdin gzip')
    expectSame(ok(['view', '--no-version', '-'], text), text, 'stdin with header')
    // a multi-member plain gzip (concatenated .gz files)
    const half = text.indexOf('\n', text.length >> 1) + 1
    expectSame(ok(['view', '-H', '-'], Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))])), body, 'stdin multi-member gzip')
  })

  it('reads plain uncompressed and plain (non-BGZF) gzip files', () => {
    const gz = join(dir, 'plain-gzip.vcf.gz')
    writeFileSync(gz, gzipSync(text))
    expectSame(ok(['view', '-H', gz]), body, 'gzip file')
    expectSame(ok(['view', '-H', plain]), body, 'plain file')
    // CRLF line ends (Windows editors) come out as LF
    const crlf = join(dir, 'crlf.vcf')
    writeFileSync(crlf, text.replace(/\n/g, '\r\n'))
    expectSame(ok(['view', '--no-version', crlf]), text, 'CRLF file')
  })

  it('query -f FORMAT with and without -H, from a file and stdin', () => {
    const fmt = '%CHROM\\t%POS\\t%REF\\t%ALT\\t%INFO/DP\\n'
    const lines = records.map((r) => {
      const f = r.line.split('\t')
      const dp = /(?:^|;)DP=(\d+)/.exec(f[7])![1]
      return `${f[0]}\t${f[1]}\t${f[3]}\t${f[4]}\t${dp}\n`
    }).join('')
    expectSame(ok(['query', '-f', fmt, plain]), lines, 'query')
    expectSame(ok(['query', '-H', '-f', fmt, plain]), '# [1]CHROM\t[2]POS\t[3]REF\t[4]ALT\t[5]DP\n' + lines, 'query -H')
    expectSame(ok(['query', '-f', fmt, '-'], bgzf(text)), lines, 'query stdin')
  })

  it('index: .csi by default, .tbi with -t; no overwrite without -f', () => {
    const d = join(dir, 'ix')
    mkdirSync(d)
    const f = join(d, 'x.vcf.gz')
    writeFileSync(f, bgzf(text))
    const r = cli(['index', f])
    expect(r.code, r.err).toBe(0)
    expect(r.err).toBe(`vartriage: wrote ${f}.csi\n`)
    expect(readFileSync(f + '.csi').length).toBeGreaterThan(28)
    expect(gunzipSync(readFileSync(f + '.csi')).subarray(0, 4).toString('latin1')).toBe('CSI\x01')
    expect(cli(['index', '-t', '-q', f]).code).toBe(0)
    expect(gunzipSync(readFileSync(f + '.tbi')).subarray(0, 4).toString('latin1')).toBe('TBI\x01')

    for (const args of [['index', f], ['index', '-c', f], ['index', '-t', f], ['index', '--tbi', f]]) {
      const before = readFileSync(args.includes('-t') || args.includes('--tbi') ? f + '.tbi' : f + '.csi')
      const again = cli(args)
      expect(again.code, args.join(' ')).toBe(2)
      expect(again.err).toMatch(/^vartriage: .*\.(csi|tbi) already exists \(use -f to overwrite\)\n$/)
      expect(readFileSync(args.includes('-t') || args.includes('--tbi') ? f + '.tbi' : f + '.csi')).toEqual(before)
    }
    // -f overwrites (make the old one recognisably different first)
    writeFileSync(f + '.csi', 'old')
    writeFileSync(f + '.tbi', 'old')
    expect(cli(['index', '-f', f]).code).toBe(0)
    expect(cli(['index', '-f', '-t', f]).code).toBe(0)
    expect(statSync(f + '.csi').size).toBeGreaterThan(28)
    expect(statSync(f + '.tbi').size).toBeGreaterThan(28)
    // the new indexes answer region queries
    const rec = records[1234]
    expectSame(ok(['view', '-H', '--index', f + '.tbi', '-r', `${rec.chrom}:${rec.pos}`, f]).split('\n')[0] + '\n', rec.line, 'query via new .tbi')
    expectSame(ok(['view', '-H', '-r', `${rec.chrom}:${rec.pos}`, f]).split('\n')[0] + '\n', rec.line, 'query via new .csi')
    // both -t and -c: usage error
    expect(cli(['index', '-t', '-c', '-f', f]).code).toBe(2)
    // standard input: the index needs -o (it once went to a file named "-.csi"); with it, the
    // index is the one made from the file
    const before = readdirSync(process.cwd())
    const anon = cli(['index', '-'], readFileSync(f))
    expect(anon.code).toBe(2)
    expect(anon.err).toMatch(/^vartriage: index: reading standard input, the index needs a name: -o FILE\.csi/)
    expect(readdirSync(process.cwd())).toEqual(before)
    expect(cli(['index', '-o', join(d, 'stdin.csi'), '-'], readFileSync(f)).code).toBe(0)
    expect(gunzipSync(readFileSync(join(d, 'stdin.csi')))).toEqual(gunzipSync(readFileSync(f + '.csi')))
  })
})

describe.runIf(enabled)('CLI against bcftools / tabix / bgzip', () => {
  it('view -H equals bcftools view -H', () => {
    expectSame(ok(['view', '-H', plain]), sh('bcftools', ['view', '-H', plain]), 'view -H vs bcftools')
  })

  for (const kind of ['tbi', 'csi'] as const) {
    it(`view -O z -o x.vcf.gz --write-index=${kind}: bgzip, bcftools and tabix read it back identically`, () => {
      const d = join(dir, `w-${kind}`)
      mkdirSync(d)
      const out = join(d, 'x.vcf.gz')
      expect(ok(['view', '--no-version', '-O', 'z', '-o', out, `--write-index=${kind}`, plain])).toBe('')
      sh('bgzip', ['-t', out])
      expectSame(shBytes('bgzip', ['-dc', out]).toString('utf8'), text, 'bgzip -dc')
      expectSame(sh('bcftools', ['view', '-H', out]), body, 'bcftools view -H')
      expectSame(sh('tabix', ['-l', out]), 'chr1\nchr2\nchrX\n', 'tabix -l')
      // the index equals htslib's for the same file, byte for byte (decompressed)
      const copy = join(d, 'h.vcf.gz')
      copyFileSync(out, copy)
      if (kind === 'tbi') sh('tabix', ['-p', 'vcf', copy])
      else sh('bcftools', ['index', '-c', copy])
      expect(gunzipSync(readFileSync(`${out}.${kind}`)).equals(gunzipSync(readFileSync(`${copy}.${kind}`))), `${kind} bytes equal htslib's`).toBe(true)
      // tabix answers from our index exactly what a scan says
      const rnd = prng(kind === 'tbi' ? 1 : 2)
      for (let i = 0; i < 40; i++) {
        const r = records[Math.floor(rnd() * records.length)]
        const beg = Math.max(1, r.pos - Math.floor(rnd() * 20_000)), end = beg + Math.floor(rnd() * 40_000)
        const want = records.filter((x) => x.chrom === r.chrom && x.pos <= end && x.end >= beg).map((x) => x.line).join('')
        expectSame(sh('tabix', [out, `${r.chrom}:${beg}-${end}`]), want, `tabix ${r.chrom}:${beg}-${end}`)
        if (i % 4 === 0) expectSame(ok(['view', '-H', '-r', `${r.chrom}:${beg}-${end}`, out]), want, `vartriage -r ${r.chrom}:${beg}-${end}`)
      }
    })
  }

  it('-W (no value) writes a .csi; -Oz with a filter and regions writes a readable, indexed subset', () => {
    const d = join(dir, 'w-default')
    mkdirSync(d)
    const src = join(d, 'src.vcf.gz')
    writeFileSync(src, bgzf(text))
    sh('tabix', ['-p', 'vcf', src])
    const out = join(d, 'sub.vcf.gz')
    ok(['view', '-Oz', '-W', '-o', out, '-r', 'chr1:100000-900000,chr2', '-i', 'INFO/DP>50', src])
    expect(statSync(out + '.csi').size).toBeGreaterThan(28)
    const want = sh('bcftools', ['view', '-H', '-r', 'chr1:100000-900000,chr2', '-i', 'INFO/DP>50', src])
    expect(want.length).toBeGreaterThan(0)
    expectSame(sh('bcftools', ['view', '-H', out]), want, 'subset')
    expectSame(sh('bcftools', ['view', '-H', '-r', 'chr2:1-300000', out]), sh('bcftools', ['view', '-H', '-r', 'chr2:1-300000', '-i', 'INFO/DP>50', src]), 'subset, via its .csi')
  })

  it('reading `-` from stdin equals bcftools reading the file', () => {
    const want = sh('bcftools', ['view', '-H', plain])
    expectSame(ok(['view', '-H', '-'], bgzf(text)), want, 'stdin bgzf')
    expectSame(ok(['view', '-H', '-'], text), want, 'stdin plain')
  })

  const formats = [
    '%CHROM\\t%POS\\t%ID\\t%REF\\t%ALT\\t%QUAL\\t%FILTER\\t%INFO/DP\\n',
    '%CHROM:%POS[\\t%GT]\\n',
    '%POS[ %DP]\\n',
    '%CHROM\\t%INFO/END\\t%INFO/DB\\t%INFO/SVTYPE\\n',
    '%CHROM %FIRST_ALT %POS0 %END\\n',
  ]
  it('query -f and query -H -f equal bcftools query', () => {
    const gz = join(dir, 'q.vcf.gz')
    writeFileSync(gz, bgzf(text))
    for (const f of formats) {
      const bf = f.replace(/\\t/g, '\t').replace(/\\n/g, '\n')
      expectSame(ok(['query', '-f', f, plain]), sh('bcftools', ['query', '-f', bf, plain]), `query -f ${f}`)
      expectSame(ok(['query', '-H', '-f', f, gz]), sh('bcftools', ['query', '-H', '-f', bf, gz]), `query -H -f ${f}`)
    }
  })

  // inside [...] bcftools 1.16 names %SAMPLE columns "SAMPLE" (no "NA1:" prefix) and %TGT
  // columns "NA1:GT"
  it('query -H names [%SAMPLE] and [%TGT] columns as bcftools does', () => {
    for (const f of ['%CHROM[\\t%SAMPLE=%GT]\\n', '%POS[\\t%TGT]\\n']) {
      const bf = f.replace(/\\t/g, '\t').replace(/\\n/g, '\n')
      expectSame(ok(['query', '-H', '-f', f, plain]).split('\n')[0], sh('bcftools', ['query', '-H', '-f', bf, plain]).split('\n')[0], `query -H -f ${f}`)
    }
  })

  it('index: the .csi and .tbi equal bcftools index -c / tabix -p vcf, and tabix uses them', () => {
    const d = join(dir, 'ix-htslib')
    mkdirSync(d)
    const f = join(d, 'x.vcf.gz')
    writeFileSync(f, shBytes('bgzip', ['-c', plain])) // bgzip's own blocks this time
    const h = join(d, 'h.vcf.gz')
    copyFileSync(f, h)
    expect(cli(['index', '-q', f]).code).toBe(0)
    expect(cli(['index', '-q', '-t', f]).code).toBe(0)
    sh('bcftools', ['index', '-c', h])
    sh('tabix', ['-p', 'vcf', h])
    for (const k of ['csi', 'tbi']) {
      expect(gunzipSync(readFileSync(`${f}.${k}`)).equals(gunzipSync(readFileSync(`${h}.${k}`))), `${k} bytes`).toBe(true)
    }
    for (const reg of ['chr1:1000-50000', 'chr2', 'chrX:100000-']) expectSame(sh('tabix', [f, reg]), sh('tabix', [h, reg]), `tabix ${reg}`)
  })
})

// annotate on the parallel engine and from a resource bundle: --threads 1, 2 and 3 write the
// same bytes, records equal to bcftools annotate's, on a query written in small BGZF blocks
// (many shards, same-position groups and multi-allelic records among them); and
// `--resources DIR` alone annotates with the bundle's population, ClinVar and score files as
// the equivalent chain of bcftools annotate calls does.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { execFileSync } from 'node:child_process'
import { gunzipSync } from 'node:zlib'
import { requireTools } from './helpers/oracle.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'
import { blockCount, body, sameForThreads, smallBlocks } from './helpers/small-blocks.js'
import { writeManifest } from '../src/resources/bundle.js'
import { annotateFile } from '../src/annotate/run.js'
import { NodeShardPool } from '../src/parallel/pool.js'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const BIN = resolve('dist/src/cli/bin.js')
const vt = (args: string[]) => runAsync(process.execPath, [BIN, ...args])
const same = (args: string[]) => sameForThreads(BIN, args)

describe.runIf(enabled)('annotate --threads', () => {
  let d: AnnoData
  let dir: string
  let query: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-annopar-'))
    d = makeAnnoData(dir, 23, 4500)
    query = smallBlocks(gunzipSync(readFileSync(d.query)).toString('utf8'), join(dir, 'query-small.vcf.gz'), 1500)
  })

  it('-a VCF -c: the same bytes for 1, 2 and 3 threads, records as bcftools annotate', async () => {
    expect(await blockCount(query)).toBeGreaterThan(40)
    const cols = 'INFO/AF,INFO/AC,+INFO/S,INFO/DB,INFO/NEWX:=X,ID'
    const r = await same(['annotate', '--no-version', '-a', d.source, '-c', cols, query])
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', d.source, '-c', cols, d.query])
    expect(body(r.out)).toEqual(body(want.out))
  })

  it('a vcfanno config with a VCF and a BED source, and a tab file with -c: any thread count', async () => {
    writeFileSync(join(dir, 'two.toml'), `[[annotation]]\nfile = "source.vcf.gz"\nfields = ["AF", "S"]\nnames = ["af_max", "s_uniq"]\nops = ["max", "uniq"]\n\n` +
      `[[annotation]]\nfile = "regions.bed.gz"\ncolumns = [4]\nnames = ["bed_score"]\nops = ["mean"]\n\n` +
      `[[postannotation]]\nfields = ["af_max", "bed_score"]\nop = "max"\nname = "pmax"\ntype = "Float"\n`)
    const r = await same(['annotate', '--no-version', '--resources', dir, '--config', join(dir, 'two.toml'), query])
    expect(body(r.out).filter((l) => l.includes('af_max=')).length).toBeGreaterThan(100)
    expect(body(r.out).filter((l) => l.includes('bed_score=')).length).toBeGreaterThan(100)
    const cols = 'CHROM,POS,REF,ALT,INFO/TS,INFO/TL'
    const t = await same(['annotate', '--no-version', '-a', d.tab, '-c', cols, '--header-lines', d.headerLines, query])
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', d.tab, '-c', cols, '-h', d.headerLines, d.query])
    expect(body(t.out)).toEqual(body(want.out))
  })

  it('library: annotateFile with threads and a pool gives the one-thread bytes; renames reported once', async () => {
    const spec = { sources: [{ kind: 'bcftools' as const, path: d.sourceNoChr, columns: 'INFO/AF,ID' }] }
    const text = async (threads: number, pool?: NodeShardPool) => {
      const warnings: string[] = []
      const parts: Buffer[] = []
      for await (const c of annotateFile(query, spec, { threads, pool, onWarning: (m) => warnings.push(m) })) parts.push(Buffer.from(c))
      return { out: Buffer.concat(parts).toString('utf8'), warnings }
    }
    const one = await text(1)
    const pool = new NodeShardPool(2)
    try {
      const two = await text(2, pool)
      expect(two.out).toBe(one.out)
      expect(two.warnings).toEqual(one.warnings)
    } finally { await pool.destroy() }
    expect(one.warnings.filter((w) => w.includes('matched as the same contig')).length).toBe(3)
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', d.source, '-c', 'INFO/AF,ID', d.query])
    expect(body(one.out)).toEqual(body(want.out))
  })
})

describe.runIf(enabled)('annotate --resources DIR (bundle defaults)', () => {
  it('population, ClinVar and score files, with the documented fields, as bcftools annotate would add them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-annobundle-'))
    const d = makeAnnoData(dir, 29, 1500)
    // a ClinVar-like VCF (CLNSIG, CLNREVSTAT) and a score table from the generated sources
    const src = gunzipSync(readFileSync(d.source)).toString('utf8').split('\n')
    const cv = src.map((l) => {
      if (l.startsWith('##INFO=<ID=S,')) return '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Clinical significance">\n##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="Review status">'
      if (!l || l.startsWith('#')) return l
      const f = l.split('\t')
      const s = /(?:^|;)S=([^;]*)/.exec(f[7])
      f[7] = s ? `CLNSIG=${s[1]};CLNREVSTAT=criteria_provided,_single_submitter` : '.'
      return f.join('\t')
    }).filter((l) => !l.startsWith('##INFO=<ID=') || l.includes('CLN')).join('\n')
    writeFileSync(join(dir, 'clinvar.vcf'), cv)
    execFileSync('bgzip', ['-f', join(dir, 'clinvar.vcf')])
    execFileSync('tabix', ['-f', '-p', 'vcf', join(dir, 'clinvar.vcf.gz')])
    const tab = gunzipSync(readFileSync(d.tab)).toString('utf8').split('\n').filter(Boolean)
      .map((l) => { const f = l.split('\t'); return [...f.slice(0, 4), f[4], (Number(f[4]) * 1.5).toFixed(2)].join('\t') })
    writeFileSync(join(dir, 'scores.tsv'), '#chrom\tpos\tref\talt\tREVEL\tCADD_PHRED\n' + tab.join('\n') + '\n')
    execFileSync('bgzip', ['-f', join(dir, 'scores.tsv')])
    execFileSync('tabix', ['-f', '-s1', '-b2', '-e2', join(dir, 'scores.tsv.gz')])
    const entry = (role: string, path: string, format: 'vcf' | 'tsv', extra: object = {}) =>
      ({ role, path: basename(path), format, compression: 'bgzf' as const, name: role, version: '1', build: 'test',
        indexes: [{ kind: 'tbi' as const, path: `${basename(path)}.tbi` }], ...extra })
    await writeManifest(dir, {
      name: 'test', build: 'test', version: '1', files: [
        entry('population', d.source, 'vcf'), entry('clinvar', join(dir, 'clinvar.vcf.gz'), 'vcf'),
        entry('scores', join(dir, 'scores.tsv.gz'), 'tsv', { columns: ['chrom', 'pos', 'ref', 'alt', 'REVEL', 'CADD_PHRED'] }),
      ],
    })
    const r = await vt(['annotate', '--no-version', '--resources', dir, d.query])
    expect(r.status, r.err).toBe(0)
    const hdr = join(dir, 'scores.hdr')
    writeFileSync(hdr, '##INFO=<ID=REVEL,Number=1,Type=Float,Description="x">\n##INFO=<ID=CADD_PHRED,Number=1,Type=Float,Description="x">\n')
    const step1 = join(dir, 'step1.vcf.gz'), step2 = join(dir, 'step2.vcf.gz')
    execFileSync('bcftools', ['annotate', '--no-version', '-a', d.source, '-c', 'INFO/POP_AF:=AF', '-Oz', '-o', step1, d.query])
    execFileSync('tabix', ['-f', '-p', 'vcf', step1])
    execFileSync('bcftools', ['annotate', '--no-version', '-a', join(dir, 'clinvar.vcf.gz'), '-c', 'INFO/CLNSIG,INFO/CLNREVSTAT', '-Oz', '-o', step2, step1])
    execFileSync('tabix', ['-f', '-p', 'vcf', step2])
    const want = await runAsync('bcftools', ['annotate', '--no-version', '-a', join(dir, 'scores.tsv.gz'), '-c', 'CHROM,POS,REF,ALT,INFO/REVEL,INFO/CADD_PHRED', '-h', hdr, step2])
    expect(body(r.out)).toEqual(body(want.out))
    for (const tag of ['POP_AF', 'CLNSIG', 'CLNREVSTAT', 'REVEL', 'CADD_PHRED']) {
      expect(r.out).toContain(`##INFO=<ID=${tag},`)
      expect(body(r.out).some((l) => l.includes(`${tag}=`))).toBe(true)
    }
    // -a still wins over the bundle's defaults: the directory is then only where paths are
    const a = await vt(['annotate', '--no-version', '--resources', dir, '-a', 'source.vcf.gz', '-c', 'INFO/AF', d.query])
    expect(a.status, a.err).toBe(0)
    expect(a.out).not.toContain('CLNSIG=')
  })
})

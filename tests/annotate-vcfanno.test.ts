// vartriage annotate --config against vcfanno (the oracle) on generated, decomposed data:
// every op on VCF fields and BED columns, [[postannotation]] built-ins and Lua one-liners
// (run by vcfanno's Lua, by our expression interpreter here). Records are compared whole.
import { describe, expect, it, beforeAll } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { requireTools } from './helpers/oracle.js'
import { makeAnnoData, runAsync, type AnnoData } from './helpers/annotate-data.js'

// vcfanno prints its usage and exits 255 when asked for a version: check it runs at all
const vcfannoRuns = spawnSync('vcfanno', [], { stdio: 'ignore' }).error === undefined
if (!vcfannoRuns && process.env.CI) throw new Error('CI requires vcfanno for the differential tests')
if (!vcfannoRuns) console.warn('NOTICE: skipping vcfanno differential tests: vcfanno not installed')
const enabled = vcfannoRuns && requireTools('bgzip', 'tabix')
const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js')
// vcfgo re-prints QUAL with one decimal ("50" -> "50.0"); vartriage copies unchanged fields
// byte for byte, so QUAL is compared as a number and everything else as text
const body = (s: string) => s.split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => {
  const f = l.split('\t')
  if (f[5] !== '.') f[5] = String(Number(f[5]))
  return f.join('\t')
})
const infoDecls = (s: string) => s.split('\n').filter((l) => l.startsWith('##INFO=')).sort()

async function vcfanno(config: string, query: string, dir: string): Promise<string> {
  // vcfanno runs lua: ops only with a -lua file (ours has no functions: expressions only)
  const lua = join(dir, 'empty.lua')
  writeFileSync(lua, 'function vt_unused() return 0 end\n') // vcfanno refuses an empty file
  const r = await runAsync('vcfanno', ['-p', '1', '-lua', lua, '-base-path', dir, config, query])
  if (r.status !== 0) throw new Error(`vcfanno failed: ${r.err}`)
  return r.out
}
const vt = (args: string[]) => runAsync(process.execPath, [BIN, ...args])

const CONFIG = `
[[annotation]]
file = "source.vcf.gz"
fields = ["AF", "AF", "AF", "AF", "AF", "AF", "AF", "AF", "AF", "AC", "S", "S", "DB", "X", "SC", "SC", "ID", "AF", "AC", "X", "SC", "SC"]
names = ["af_self", "af_first", "af_max", "af_min", "af_mean", "af_sum", "af_count", "af_concat", "af_uniq", "ac_self", "s_first", "s_uniq", "db_flag", "x_self", "sc_mean", "sc_by_alt", "rsid", "af_by_alt", "ac_concat", "x_uniq", "sc_float", "sc_any_flag"]
ops = ["self", "first", "max", "min", "mean", "sum", "count", "concat", "uniq", "self", "first", "uniq", "flag", "self", "mean", "by_alt", "self", "by_alt", "concat", "uniq", "max", "flag"]

[[annotation]]
file = "regions.bed.gz"
columns = [4, 5, 4, 4, 4, 4, 5, 5, 5]
names = ["bed_score", "bed_gene", "bed_max", "bed_min", "bed_mean", "bed_sum", "bed_count", "bed_first", "bed_concat"]
ops = ["self", "uniq", "max", "min", "mean", "sum", "count", "first", "concat"]

[[postannotation]]
fields = ["af_max", "bed_max"]
op = "max"
name = "pmax"
type = "Float"

[[postannotation]]
fields = ["af_sum", "af_count"]
op = "div2"
name = "af_avg"
type = "Float"

[[postannotation]]
fields = ["af_mean", "sc_mean"]
op = "lua:af_mean * 2 + sc_mean"
name = "combo"
type = "Float"

[[postannotation]]
fields = ["af_max"]
op = "lua:af_max < 0.01"
name = "rare"
type = "Flag"

[[postannotation]]
fields = ["s_first", "bed_gene"]
op = "lua:s_first .. '|' .. (bed_gene or 'none')"
name = "label"
type = "String"

[[postannotation]]
fields = ["sc_mean"]
op = "lua:sc_mean > 20 and 'high' or 'low'"
name = "sc_class"
type = "String"

[[postannotation]]
fields = ["bed_count"]
op = "delete"
`

describe.runIf(enabled)('annotate --config vs vcfanno', () => {
  let d: AnnoData
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vt-vcfanno-'))
    d = makeAnnoData(dir, 11, 3000, true)
    writeFileSync(join(dir, 'anno.toml'), CONFIG)
  })

  it('every op, BED columns and post-annotations give vcfanno\'s records', async () => {
    const want = await vcfanno(join(dir, 'anno.toml'), d.query, dir)
    const got = await vt(['annotate', '--resources', dir, '--config', join(dir, 'anno.toml'), d.query])
    expect(got.status).toBe(0)
    expect(body(got.out)).toEqual(body(want))
    expect(infoDecls(got.out)).toEqual(infoDecls(want))
  })

  it('a store in place of the VCF gives the same records', async () => {
    const store = join(dir, 'source.store')
    expect((await vt(['store', 'build', '--id', '-q', '-o', store, d.source])).status).toBe(0)
    writeFileSync(join(dir, 'store.toml'), CONFIG.replace('file = "source.vcf.gz"', 'file = "source.store"'))
    const want = await vcfanno(join(dir, 'anno.toml'), d.query, dir)
    const got = await vt(['annotate', '--resources', dir, '--config', join(dir, 'store.toml'), d.query])
    expect(body(got.out)).toEqual(body(want))
  })

  it('Lua code outside the expression subset is refused with a message', async () => {
    writeFileSync(join(dir, 'bad.toml'), '[[postannotation]]\nfields=["x"]\nop="lua:myfunc(x)"\nname="y"\ntype="Float"\n')
    const got = await vt(['annotate', '--config', join(dir, 'bad.toml'), d.query])
    expect(got.status).toBe(2)
    expect(got.err).toContain('unknown function myfunc()')
  })
})

// Somatic selection and TMB on a generated tumour/normal pair: the selection equals
// `bcftools view -i` with the same thresholds (FORMAT/AF, and AD-derived fractions when AF is
// stripped), the generator's truth is recovered exactly, and the TMB count equals one from
// `bcftools csq -l` + `bcftools query` over the same target. Tiers and errors:
// somatic-tiers.test.ts; the command: somatic-cli.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { somatic, type SomaticResult } from '../src/somatic/somatic.js'
import { NONSYNONYMOUS_TERMS } from '../src/somatic/tiers.js'
import { inTarget, targetFromBed } from '../src/somatic/target.js'
import { runAsync } from './helpers/annotate-data.js'
import { requireTools } from './helpers/oracle.js'
import { keyOf, makeSomaticBundle, type SomaticBundle } from './somatic-bundle.js'
import { generateTumour } from '../src/world/tumour.js'

const tools = requireTools('bcftools', 'tabix')
let B: SomaticBundle
let R: SomaticResult
let tmp: string

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'vartriage-somatic-'))
  B = await makeSomaticBundle(tmp)
  R = await somatic({ vcf: B.vcf, resources: B.dir })
}, 60_000)

async function bcftools(args: string[]): Promise<string> {
  const r = await runAsync('bcftools', args)
  if (r.status !== 0) throw new Error(`bcftools ${args.join(' ')}: ${r.err}`)
  return r.out
}
const keys = (text: string) => new Set(text.split('\n').filter(Boolean).map((l) => { const [c, p, r, a] = l.split('\t'); return `${c}:${p}:${r}:${a}` }))
const ours = (r: SomaticResult) => new Set(r.variants.map((v) => v.variant.key))
// NORMAL is sample 0 and TUMOUR sample 1 in the generated VCF
const AF_EXPR = (t = 0.05, td = 20, n = 0.01, nd = 10) => `FMT/AF[1:0]>=${t} && FMT/DP[1]>=${td} && FMT/AF[0:0]<=${n} && FMT/DP[0]>=${nd}`

describe.runIf(tools)('somatic selection = bcftools view -i', () => {
  it('FORMAT/AF thresholds, multi-allelic records split (bcftools norm -m-)', async () => {
    const split = join(tmp, 'split.vcf.gz')
    await bcftools(['norm', '-m-', '-Oz', '-o', split, B.vcf])
    const want = keys(await bcftools(['query', '-i', AF_EXPR(), '-f', '%CHROM\t%POS\t%REF\t%ALT\n', split]))
    expect(want.size).toBeGreaterThan(100)
    expect(ours(R)).toEqual(want)
  })

  it('other thresholds give the same as bcftools too', async () => {
    const split = join(tmp, 'split.vcf.gz')
    for (const [t, td, n, nd] of [[0.02, 50, 0.05, 0]]) {
      const r = await somatic({ vcf: B.vcf, resources: B.dir, thresholds: { minTumourAf: t, minTumourDp: td, maxNormalAf: n, minNormalDp: nd } })
      const want = keys(await bcftools(['query', '-i', AF_EXPR(t, td, n, nd), '-f', '%CHROM\t%POS\t%REF\t%ALT\n', split]))
      expect(ours(r)).toEqual(want)
    }
  }, 30_000)

  it('without FORMAT/AF the fraction comes from AD (bi-allelic records against bcftools, the rest against the truth)', async () => {
    const noAf = join(tmp, 'no-af.vcf.gz')
    await bcftools(['annotate', '-x', 'FORMAT/AF', '-Oz', '-o', noAf, B.vcf])
    const r = await somatic({ vcf: noAf, resources: B.dir })
    expect(r.variants.every((v) => v.tumour.afFrom === 'AD' && v.normal.afFrom === 'AD')).toBe(true)
    const frac = (s: number) => `FMT/AD[${s}:1]/(FMT/AD[${s}:0]+FMT/AD[${s}:1])`
    const expr = `N_ALT=1 && ${frac(1)}>=0.05 && FMT/DP[1]>=20 && ${frac(0)}<=0.01 && FMT/DP[0]>=10`
    const want = keys(await bcftools(['query', '-i', expr, '-f', '%CHROM\t%POS\t%REF\t%ALT\n', noAf]))
    const multi = new Set(B.truth.variants.filter((v) => B.truth.variants.some((w) => w !== v && w.pos === v.pos && w.chrom === v.chrom)).map(keyOf))
    expect(new Set([...ours(r)].filter((k) => !multi.has(k)))).toEqual(want)
    expect(ours(r)).toEqual(ours(R))
  })
})

describe('the generator\'s truth', () => {
  it('every designed somatic allele is selected, every germline and failing one rejected', () => {
    const want = new Set(B.truth.variants.filter((v) => v.somatic).map(keyOf))
    const classes = new Set(B.truth.variants.map((v) => v.class))
    for (const c of ['somatic', 'somatic-hotspot', 'somatic-boundary', 'germline-het', 'germline-hom', 'low-tumour-af', 'low-tumour-dp', 'low-normal-dp', 'normal-alt-reads', 'normal-missing']) expect(classes).toContain(c)
    expect(ours(R)).toEqual(want)
    // values reported are the ones designed
    const byKey = new Map(B.truth.variants.map((v) => [keyOf(v), v]))
    for (const c of R.variants) {
      const t = byKey.get(c.variant.key)!
      expect(c.tumour.af).toBeCloseTo(t.tumour.af, 6)
      expect(c.tumour.dp).toBe(t.tumour.dp)
      expect(c.normal.dp).toBe(t.normal!.dp)
      expect(c.tumour.altReads).toBe(t.tumour.ad[1])
    }
  })

  it('designed coding changes get their consequence; hotspots their protein change', () => {
    const byKey = new Map(R.variants.map((v) => [v.variant.key, v]))
    const term: Record<string, string> = { missense: 'missense_variant', stop_gained: 'stop_gained', synonymous: 'synonymous_variant', frameshift: 'frameshift_variant' }
    let n = 0
    for (const t of B.truth.variants.filter((v) => v.somatic && v.design)) {
      const c = byKey.get(keyOf(t))!
      expect(c.variant.gene).toBe(t.gene)
      if (t.class === 'somatic-hotspot') { expect(c.protein).toBe(t.design); expect(c.variant.consequence[0]).toBe('missense_variant') } else expect(c.variant.consequence).toContain(term[t.design!])
      n++
    }
    expect(n).toBeGreaterThan(50)
  })

  it('the same seed designs the same VCF; another seed another', async () => {
    const again = await generateTumour({ resources: B.dir, out: join(tmp, 'again'), seed: 7 })
    expect(readFileSync(again.vcf)).toEqual(readFileSync(B.vcf))
    expect(readFileSync(`${again.vcf}.tbi`)).toEqual(readFileSync(`${B.vcf}.tbi`))
    const other = await generateTumour({ resources: B.dir, out: join(tmp, 'other'), seed: 8 })
    expect(gunzipSync(readFileSync(other.vcf)).equals(gunzipSync(readFileSync(B.vcf)))).toBe(false)
  })
})

describe.runIf(tools)('TMB', () => {
  const NONSYN_BCSQ = new Set(['missense', 'stop_gained', 'stop_lost', 'start_lost', 'frameshift', 'inframe_insertion', 'inframe_deletion', 'inframe_altering'])

  /** Canonical protein-coding CDS of the GFF3 as BED, from its text (not from our gene model). */
  function canonicalBed(): { path: string; bases: number } {
    const text = gunzipSync(readFileSync(B.gff)).toString('utf8')
    const canon = new Set<string>()
    const cds: [string, number, number, string][] = []
    for (const line of text.split('\n')) {
      const f = line.split('\t')
      if (f.length < 9) continue
      if (f[2] === 'mRNA' && /tag=[^;]*Ensembl_canonical/.test(f[8]) && /biotype=protein_coding/.test(f[8])) canon.add(/ID=transcript:([^;]+)/.exec(f[8])![1])
      if (f[2] === 'CDS') cds.push([f[0], Number(f[3]) - 1, Number(f[4]), /Parent=transcript:([^;]+)/.exec(f[8])![1]])
    }
    const rows = cds.filter((c) => canon.has(c[3])).map((c) => `${c[0]}\t${c[1]}\t${c[2]}`)
    const path = join(tmp, 'canonical-cds.bed')
    writeFileSync(path, rows.join('\n') + '\n')
    // merged size
    const by = new Map<string, [number, number][]>()
    for (const c of cds.filter((x) => canon.has(x[3]))) by.set(c[0], [...(by.get(c[0]) ?? []), [c[1], c[2]]])
    let bases = 0
    for (const iv of by.values()) {
      iv.sort((a, b) => a[0] - b[0])
      let [s, e] = iv[0]
      for (const [a, b] of iv.slice(1)) { if (a <= e) e = Math.max(e, b); else { bases += e - s; s = a; e = b } }
      bases += e - s
    }
    return { path, bases }
  }

  it('equals a count from bcftools csq -l and bcftools query over the same target (default: canonical CDS)', async () => {
    const bed = canonicalBed()
    expect(R.tmb.bases).toBe(bed.bases)
    expect(R.tmb.target.source).toBe('canonical-cds')
    // somatic alleles (bcftools' selection), consequences by bcftools csq, then the target
    const sel = join(tmp, 'selected.vcf.gz'), csq = join(tmp, 'selected.csq.vcf.gz')
    await bcftools(['norm', '-m-', '-Ou', '-o', join(tmp, 'split.bcf'), B.vcf])
    await bcftools(['view', '-i', AF_EXPR(), '-Oz', '-o', sel, join(tmp, 'split.bcf')])
    await bcftools(['csq', '-s', '-', '-l', '-f', B.fasta, '-g', B.gff, '-Oz', '-o', csq, sel])
    await bcftools(['index', '-t', csq])
    const rows = (await bcftools(['query', '-R', bed.path, '--regions-overlap', '1', '-f', '%CHROM\t%POS\t%REF\t%ALT\t%BCSQ\n', csq])).split('\n').filter(Boolean)
    const counted = new Set(rows.filter((l) => l.split('\t')[4].split(',').some((e) => e.split('|')[0].split('&').some((t) => NONSYN_BCSQ.has(t))))
      .map((l) => l.split('\t').slice(0, 4).join(':')))
    expect(counted.size).toBeGreaterThan(20)
    expect(new Set(R.variants.filter((v) => v.tmb).map((v) => v.variant.key))).toEqual(counted)
    expect(R.tmb.count).toBe(counted.size)
    expect(R.tmb.tmb).toBeCloseTo(counted.size / (bed.bases / 1e6), 9)
    // and every counted variant is non-synonymous by our own consequences too
    for (const v of R.variants.filter((x) => x.tmb)) expect(v.variant.consequence.some((t) => NONSYNONYMOUS_TERMS.has(t)) || v.nonSynonymous).toBe(true)
  }, 30_000)

  it('a BED target (merged) or a size in Mb', async () => {
    const bed = canonicalBed()
    const whole = targetFromBed(bed.path)
    expect(whole.bases).toBe(bed.bases)
    expect(R.variants.every((v) => v.inTarget === inTarget(whole, v.variant.chrom, v.variant.pos, v.variant.pos + v.variant.ref.length - 1))).toBe(true)
    // a target of one gene's CDS: only its variants count
    const kras = readFileSync(bed.path, 'utf8').split('\n').filter((l) => l.startsWith('12\t'))
    const one = join(tmp, 'chr12.bed')
    writeFileSync(one, kras.join('\n') + '\n')
    const r12 = await somatic({ vcf: B.vcf, resources: B.dir, targetBed: one })
    expect(r12.tmb.count).toBe(R.variants.filter((v) => v.tmb && v.variant.chrom === '12').length)
    const mb = await somatic({ vcf: B.vcf, resources: B.dir, targetMb: 2.5 })
    expect(mb.tmb.count).toBe(R.variants.filter((v) => v.nonSynonymous).length)
    expect(mb.tmb.tmb).toBeCloseTo(mb.tmb.count / 2.5, 9)
  }, 30_000)
})


// Differential tests against bcftools on seeded generated data: multi-allelics, indels,
// missing and partially missing calls, phased and haploid (chrX/chrY males) genotypes,
// percent-escaped strings. Several seeds and shapes; every record compared.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { query, collect } from '../src/api.js'
import { requireTools } from './helpers/oracle.js'
import { generateVcf } from '../bench/generate-vcf.mjs'

const enabled = requireTools('bcftools', 'bgzip', 'tabix')
const dir = mkdtempSync(join(tmpdir(), 'vt-gen-'))

interface Case { name: string; records: number; samples: number; seed: number; shape?: 'gatk' | 'lean' | 'wide'; file?: string }
const CASES: Case[] = [
  { name: 'trio', records: 4000, samples: 3, seed: 1 },
  { name: 'cohort', records: 600, samples: 60, seed: 7 },
  { name: 'single', records: 3000, samples: 1, seed: 99 },
  // sites-only, without ##FORMAT lines, as gnomAD-style files are: bcftools prints nothing
  // for [ ] blocks there and does not check their tags
  { name: 'sites', records: 2000, samples: 0, seed: 23 },
  { name: 'lean', records: 4000, samples: 3, seed: 3, shape: 'lean' },
  { name: 'wide', records: 400, samples: 80, seed: 13, shape: 'wide' },
]

function bcf(args: string[]): { ok: boolean; out: string; err: string } {
  const r = spawnSync('bcftools', args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  return { ok: r.status === 0, out: r.stdout, err: r.stderr }
}

const COMMON_FORMATS = [
  '%CHROM\t%POS\t%ID\t%REF\t%ALT\t%QUAL\t%FILTER\n',
  '%POS\t%INFO/AF{0}\t%INFO/AC{1}\n',
  '%CHROM:%POS[\t%SAMPLE=%GT]\n',
  '%POS[\t%TGT]\n',
  '%INFO\n',
]
// bcftools rejects a format naming a tag the header lacks: each shape gets its own tags
const FORMATS: Record<NonNullable<Case['shape']>, string[]> = {
  gatk: [
    ...COMMON_FORMATS,
    '%CHROM\t%POS\t%INFO/AC\t%INFO/AF\t%INFO/AN\t%INFO/DP\t%INFO/DB\t%INFO/MQ\t%INFO/QD\t%INFO/FS\t%INFO/ANN\n',
    '%POS[\t%AD|%DP|%GQ|%PL]\n',
    '%POS[\t%AD{1}]\t%FIRST_ALT\t%END\n',
  ],
  lean: [
    ...COMMON_FORMATS,
    '%CHROM\t%POS\t%INFO/AC\t%INFO/AF\t%INFO/AN\t%INFO/DP\t%INFO/MQ\t%INFO/QD\t%INFO/FS\t%INFO/SOR\n',
    '%POS[\t%AD|%DP|%GQ|%PL]\n',
    '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n',
  ],
  wide: [
    ...COMMON_FORMATS,
    '%POS\t%INFO/DP\t%INFO/DB[\t%AD|%DP|%GQ]\n',
    '%POS[\t%GD|%GL|%OG]\n',
    '%POS[\t%GL{0}:%GL{2}]\t%END\n',
  ],
}

const EXPRESSIONS = [
  'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"',
  'INFO/AF<0.01 & FMT/GQ>=20 & GT="alt"',
  'QUAL>=30', 'QUAL<30 || FILTER="LowQual"', 'FILTER="PASS"', 'FILTER!="PASS"', 'FILTER="."', 'FILTER~"LowQual"',
  'TYPE="snp"', 'TYPE="indel"', 'TYPE~"indel"', 'TYPE!="snp"', 'N_ALT>1', 'N_ALT=1 && TYPE="snp"',
  'INFO/DP>100', 'INFO/DP="."', 'INFO/DP!="."', 'INFO/MQ<59.5', 'INFO/AC>2', 'INFO/AC[1]>0', 'INFO/AF[0]<=0.001',
  'INFO/DB=1', 'INFO/DB=0', 'ID="."', 'ID!="."',
  'GT="het"', 'GT="hom"', 'GT="hap"', 'GT="mis"', 'GT!="mis"', 'GT="ref"', 'GT="alt"', 'GT="aa"', 'GT="ra"', 'GT="rr"',
  'GT="r"', 'GT="a"', 'GT="aA"', 'GT[0]="het"', 'GT[2]="alt"',
  'FMT/DP>30', 'FMT/DP<10 | FMT/GQ<10', 'FMT/DP<10 || FMT/GQ<10', 'FMT/GQ="."', 'FMT/DP[0]>=20', 'FMT/AD[*:1]>5',
  'FMT/AD[0:1]>0', 'FMT/PL[*:0]>0', 'GT="het" & FMT/AD[*:1]<3', '(GT="het" && QUAL>50) || (GT="hom" && FMT/DP<20)',
  'N_SAMPLES>1 && GT="het"', 'POS>1000000', 'INFO/ANN="."',
  'INFO/SOR>2', 'FMT/GD>0.5', 'FMT/GL[*:0]<-10 && GT="alt"', 'FMT/GL[*:1]="."',
]

beforeAll(() => {
  if (!enabled) return
  for (const c of CASES) {
    let text = [...generateVcf({ shape: c.shape ?? 'gatk', records: c.records, samples: c.samples, seed: c.seed, contigs: 'small' })].join('')
    if (c.samples === 0) text = text.replace(/^##FORMAT=.*\n/gm, '')
    const plain = join(dir, `${c.name}.vcf`)
    writeFileSync(plain, text)
    const gz = `${plain}.gz`
    spawnSync('sh', ['-c', `bgzip -c ${plain} > ${gz} && tabix -p vcf ${gz}`])
    c.file = gz
  }
})

describe.runIf(enabled)('bcftools differential, generated data', () => {
  for (const c of CASES) {
    it(`query -f: ${c.name}`, async () => {
      for (const f of FORMATS[c.shape ?? 'gatk']) {
        const want = bcf(['query', '-f', f, c.file!])
        expect(want.ok, want.err).toBe(true)
        const got = await collect(query(c.file!, f))
        expect(got, `format ${JSON.stringify(f)}`).toBe(want.out)
      }
    })
    it(`query -i/-e: ${c.name}`, async () => {
      const fmt = '%CHROM\t%POS\t%REF\t%ALT[\t%SAMPLE:%GT]\n'
      for (const e of EXPRESSIONS) {
        for (const flag of ['-i', '-e'] as const) {
          const want = bcf(['query', flag, e, '-f', fmt, c.file!])
          const run = () => collect(query(c.file!, fmt, flag === '-i' ? { include: e } : { exclude: e }))
          if (!want.ok) { // bcftools rejects it (e.g. a sample index past the last sample): so must we
            await expect(run(), `${e}: ${want.err}`).rejects.toThrow()
            continue
          }
          const got = await run()
          expect(got, `${flag} '${e}'`).toBe(want.out)
        }
      }
    })
    it(`view -i/-e and -s: ${c.name}`, async () => {
      // view semantics: whole records are kept or dropped; compare record identities
      for (const e of EXPRESSIONS.slice(0, 12)) {
        const want = bcf(['view', '-H', '-i', e, c.file!])
        if (!want.ok) { // e.g. a FORMAT tag in a sites-only file: bcftools rejects it, so must we
          await expect(collect(query(c.file!, '%POS\n', { include: e })), `${e}: ${want.err}`).rejects.toThrow()
          continue
        }
        const keys = want.out.split('\n').filter(Boolean).map((l) => l.split('\t').slice(0, 5).filter((_, k) => k !== 2).join('\t'))
        const got = await collect(query(c.file!, '%CHROM\t%POS\t%REF\t%ALT\n', { include: e }))
        const gotKeys = got.split('\n').filter(Boolean)
        expect(gotKeys, `view -i '${e}'`).toEqual(keys)
      }
      if (c.samples === 0) return
      const first = c.samples > 1 ? 'S0002' : 'S0001'
      const want = bcf(['query', '-s', first, '-i', 'GT="alt"', '-f', '%POS[\t%SAMPLE=%GT]\n', c.file!])
      const got = await collect(query(c.file!, '%POS[\t%SAMPLE=%GT]\n', { samples: [first], include: 'GT="alt"' }))
      expect(got).toBe(want.out)
    })
  }
})

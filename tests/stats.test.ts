// Differential tests of `vartriage stats` against `bcftools stats` on the real third-party VCFs:
// the SN, TSTV and PSC lines must be identical. Our side runs in-process (vcfStats + formatStats).
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { VcfReader } from '../src/reader/reader.js'
import { classifyGt, formatStats, Gt, printfFixed, vcfStats, type StatsOptions } from '../src/stats/stats.js'
import { parseRegionList } from '../src/region/region.js'
import { requireTools, thirdPartyVcfs } from './helpers/oracle.js'

const enabled = requireTools('bcftools')
const files = enabled ? thirdPartyVcfs() : []
const KEEP = /^(SN|TSTV|PSC)\t0\t/

/** bcftools stats' SN/TSTV/PSC lines, or undefined when bcftools refuses the file. */
function bcftoolsStats(file: string, args: string[] = []): string[] | undefined {
  const r = spawnSync('bcftools', ['stats', ...args, file], { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0) return undefined
  return r.stdout.split('\n').filter((l) => KEEP.test(l))
}

async function ours(file: string, opts: StatsOptions = {}): Promise<string[]> {
  const reader = await VcfReader.open(file, { onWarning: () => {} })
  return formatStats(await vcfStats(reader, opts), file).split('\n').filter((l) => KEEP.test(l))
}

const samplesOf = (file: string) => spawnSync('bcftools', ['query', '-l', file], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)

/** Column 10 of a PSC line (average depth) replaced, to compare the rest. */
const withoutDepth = (l: string) => (l.startsWith('PSC') ? l.split('\t').map((c, k) => (k === 9 ? '*' : c)).join('\t') : l)

describe('stats helpers', () => {
  it('prints %.Nf like C: exact ties round to even', () => {
    expect(printfFixed(4.25, 1)).toBe('4.2')
    expect(printfFixed(4.75, 1)).toBe('4.8')
    expect(printfFixed(1.125, 2)).toBe('1.12')
    expect(printfFixed(4.26, 1)).toBe('4.3')
    expect(printfFixed(Math.fround(2 / 3), 2)).toBe('0.67')
    expect(printfFixed(0, 2)).toBe('0.00')
  })
  it('classifies genotypes as htslib bcf_gt_type', () => {
    const out = new Int32Array(2)
    const enc = (...a: number[]) => Int32Array.from(a.map((x) => (x < 0 ? (x === -1 ? 0 : -2147483647) : (x + 1) << 1)))
    expect(classifyGt(enc(0, 0), 0, 2, out)).toBe(Gt.HOM_RR)
    expect(classifyGt(enc(2, 1), 0, 2, out)).toBe(Gt.HET_AA)
    expect([...out]).toEqual([1, 2])
    expect(classifyGt(enc(0, -1), 0, 2, out)).toBe(Gt.UNKN) // 0/.: any missing allele
    expect(classifyGt(enc(1, -2), 0, 2, out)).toBe(Gt.HAPL_A) // haploid in a diploid record
    expect(classifyGt(enc(0, 1, 2), 0, 3, out)).toBe(Gt.HET_RA)
  })
})

describe.runIf(enabled)('bcftools stats differential, third-party files', () => {
  it('finds the Debian test corpus', () => {
    expect(files.length).toBeGreaterThan(20)
  })

  let compared = 0
  for (const file of files) {
    const short = file.replace(/^.*\/tests?\//, '')
    it(`SN/TSTV: ${short}`, async () => {
      const want = bcftoolsStats(file)
      if (!want) return
      expect(await ours(file)).toEqual(want)
      compared++
    })
    it(`SN/TSTV/PSC with -s -: ${short}`, async () => {
      if (samplesOf(file).length === 0) return // bcftools: "No sample columns"
      const want = bcftoolsStats(file, ['-s', '-'])
      if (!want) return
      expect(await ours(file, { samples: ['-'] })).toEqual(want)
    })
  }
  it('compared every file bcftools accepts', () => {
    expect(compared).toBeGreaterThan(30)
  })

  // a few files with more samples, genotype variety or FORMAT/DP gaps
  const picks = files.filter((f) => /example_vcf42\.vcf|missing_genotypes|vcf\/10\.vcf|vcf\/22\.vcf|formatmissing\.vcf|ex1\.vcf/.test(f))
  for (const file of picks) {
    const short = file.replace(/^.*\/tests?\//, '')
    it(`-s subsets: ${short}`, async () => {
      const all = samplesOf(file)
      const full = bcftoolsStats(file, ['-s', '-'])!
      const depth = new Map(full.filter((l) => l.startsWith('PSC')).map((l) => [l.split('\t')[2], l.split('\t')[9]]))
      // htslib 1.16 bcf_sr_set_samples cannot exclude: it reads '^A,B' as the names "^A" and "B"
      // and fails ("Unable to parse the samples"), so '^' is compared with the explicit complement
      const some = [...all].reverse().slice(0, Math.max(1, all.length - 1)) // out of header order
      const subsets = [[some, some], [[`^${all[0]}`], all.slice(1)]]
      for (const [ourList, theirList] of subsets) {
        if (theirList.length === 0) continue
        const want = bcftoolsStats(file, ['-s', theirList.join(',')])!
        const got = await ours(file, { samples: ourList })
        // bcftools 1.16 reads FORMAT/DP by position in the -s list, not by sample (vcfstats.c
        // do_sample_stats), so its depth column is wrong for subsets: compare depth with the
        // `-s -` run instead, where position and sample agree
        expect(got.map(withoutDepth), `-s ${ourList}`).toEqual(want.map(withoutDepth))
        for (const l of got.filter((x) => x.startsWith('PSC'))) {
          const c = l.split('\t')
          expect(c[9], `depth of ${c[2]}`).toBe(depth.get(c[2]))
        }
      }
    })
    it(`-i/-e: ${short}`, async () => {
      const exprs = ['QUAL>20', 'TYPE="snp"', 'N_ALT>1', 'GT="het"', 'GT="alt" && QUAL<50', 'FMT/DP>3']
      let n = 0
      for (const e of exprs) {
        for (const flag of ['-i', '-e'] as const) {
          const direct = bcftoolsStats(file, [flag, e])
          if (!direct) continue
          const got = await ours(file, { samples: ['-'], ...(flag === '-i' ? { include: e } : { exclude: e }) })
          expect(got.filter((l) => !l.startsWith('PSC')), `${flag} '${e}'`).toEqual(direct)
          // bcftools 1.16 stats with -s and -i/-e: when the expression reads no FORMAT field,
          // init_stats ORs filter_max_unpack() into max_unpack (0 = everything), so FORMAT is
          // never unpacked and every PSC count is 0. Filter with `bcftools view` instead.
          const kept = spawnSync('bcftools', ['view', flag, e, file], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout
          const piped = spawnSync('bcftools', ['stats', '-s', '-', '-'], { input: kept, encoding: 'utf8', maxBuffer: 1 << 30 })
          expect(got.filter((l) => l.startsWith('PSC')), `${flag} '${e}' PSC`)
            .toEqual(piped.stdout.split('\n').filter((l) => l.startsWith('PSC\t0\t')))
          n++
        }
      }
      expect(n).toBeGreaterThan(4)
    })
  }

  it('synthetic corner cases: AD depth, haploid/triploid, N/lowercase, <*>, *, C>C,T, printf ties', async () => {
    // one line per record: REF ALT FORMAT S1 S2 S3
    const recs = [
      'A G GT:AD 0/1:3,4 1/1:0,5 ./.:.', 'A C GT:AD 0|1:1,1 0:2,. 1:.,.', 'C T,A GT:AD 1/2:1,2,3 0/2:4,.,1 2/2:.,.,.',
      'AC A GT:AD 0/1:2,2 1/1:0,3 0/0:5,0', 'AC TG GT 0/1 1/1 0/0', 'A <*> GT:AD 1/1:0,2 0/1:1,1 0/0:3,0',
      'N A GT 0/1 0/0 0/0', 'a g GT 0/1 0/0 1/1', 'A G,AT GT:AD 1/2:0,1,1 0/2:1,0,1 2/2:0,0,4', 'ACT TCGA GT 0/1 0/0 ./1',
      'A * GT 0/1 0/0 0/0', 'G A,<DEL> GT 1/2 0/2 0/1', 'G A GT:AD:DP 0/1:3,3:10 0/0:4,0:. 1/1:0,9:9', 'CA CT GT 0/1 1/1 0/0',
      'T A,C GT 1/2 0/1 0/2', 'C C,T GT 0/1 0/2 0/0', 'T C GT:DP 0/0/1:4 0/1:. 0:3', 'G T GT:DP 1/1:4 0/1:1 0:1',
      'A N GT 0/1 1/1 0/0', 'T . GT:DP 0/0:4 ./.:2 0:3', 'A G GT:DP 0/1 0/1:5 1:2', 'C T GT:DP:AD 0/1:.:3,4 0/1:5:1,1 1:2:.,.',
      'A AGG,G GT 1/2 0/1 2/2', 'G GA,GAA GT 1/2 2/2 0/1',
      // ts/tv becomes 17/8 = 2.125 and S1's depth 85/20 = 4.25: C prints 2.12 and 4.2
      ...Array(5).fill('A G GT:DP 0/1:4 0/0:. ./.:.'), ...Array(4).fill('A C GT:DP 0/1:4 0/0:. ./.:.'), 'A . GT:DP 0/0:4 0/0:. ./.:.',
    ]
    const file = join(mkdtempSync(join(tmpdir(), 'vt-stats-')), 'syn.vcf')
    writeFileSync(file, '##fileformat=VCFv4.2\n##contig=<ID=1,length=100000>\n' +
      '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n' +
      '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n' +
      '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n' +
      '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\n' +
      recs.map((r, k) => { const [ref, alt, ...rest] = r.split(' '); return ['1', 100 * (k + 1), '.', ref, alt, 30, 'PASS', '.', ...rest].join('\t') }).join('\n') + '\n')
    const want = bcftoolsStats(file, ['-s', '-'])!
    expect(want).toContain('TSTV\t0\t17\t8\t2.12\t14\t7\t2.00')
    expect(want.find((l) => l.startsWith('PSC\t0\tS1'))?.split('\t')[9]).toBe('4.2')
    expect(await ours(file, { samples: ['-'] })).toEqual(want)
  })

  it('-r through an index', async () => {
    const src = files.find((f) => f.endsWith('tabix_data/vcf/10.vcf.gz')) // gzip, not BGZF: recompress
    if (!src) return
    const file = join(mkdtempSync(join(tmpdir(), 'vt-stats-')), 'in.vcf.gz')
    expect(spawnSync('bcftools', ['view', '-Oz', '-o', file, src]).status).toBe(0)
    expect(spawnSync('bcftools', ['index', file]).status).toBe(0)
    const first = spawnSync('bcftools', ['query', '-f', '%CHROM\t%POS\n', file], { encoding: 'utf8' }).stdout.split('\n')[5].split('\t')
    const reg = `${first[0]}:1-${Number(first[1]) + 100000}`
    const want = bcftoolsStats(file, ['-r', reg, '-s', '-'])!
    expect(want.find((l) => l.includes('number of records'))).not.toMatch(/\t0$/)
    expect(await ours(file, { regions: parseRegionList(reg), samples: ['-'] })).toEqual(want)
  })
})

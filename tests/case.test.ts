// Case description: PED and phenopacket readers (typed errors with file and line), HPO lists,
// and buildCase on a generated two-family genome: sample mapping, sex inferred or in
// conflict, Mendelian-error rates (against bcftools +mendelian) and wrong parentage.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { Rng } from '../src/world/rng.js'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CaseError, buildCase, parseHpoList, parsePed, parsePhenopacket, phenopacketJson, MendelianCounter, MENDELIAN_ERROR_THRESHOLD } from '../src/case/index.js'
import { VcfReader } from '../src/reader/reader.js'
import { generateTrio, type TrioResult } from '../src/world/trio.js'
import { miniBundle } from './helpers/trio-world.js'
import { requireTools } from './helpers/oracle.js'
import { sh } from './helpers/exec.js'

const tools = requireTools('bcftools')
const samtools = requireTools('samtools')

function caseError(f: () => unknown): CaseError {
  try { f() } catch (e) { expect(e).toBeInstanceOf(CaseError); return e as CaseError }
  throw new Error('expected a CaseError')
}

describe('PED', () => {
  it('reads tabs or spaces, comments, sex and affection codes, extra columns', () => {
    const ped = '# family id father mother sex phenotype\nF1\tdad\t0\t0\t1\t1\nF1  mum 0 0 2 -9\n\nF1\tkid\tdad\tmum\t0\t2\tA\tG\nF2 x 0 0 other 0\n'
    expect(parsePed(ped)).toEqual([
      { family: 'F1', id: 'dad', sex: 'male', affected: false, sample: -1 },
      { family: 'F1', id: 'mum', sex: 'female', affected: undefined, sample: -1 },
      { family: 'F1', id: 'kid', father: 'dad', mother: 'mum', sex: 'unknown', affected: true, sample: -1 },
      { family: 'F2', id: 'x', sex: 'unknown', affected: undefined, sample: -1 },
    ])
  })
  it.each([
    ['F1 a 0 0 1\n', 1, /expected 6 columns/],
    ['F1 a 0 0 1 1\n#\nF1 a 0 0 1 1\n', 3, /listed twice \(first on line 1\)/],
    ['F1 a 0 0 1 1\nF1 b a c 1 2\n', 2, /mother "c" of "b" is not listed in family "F1"/],
    ['F1 a 0 0 3 1\n', 1, /sex must be 1 \(male\), 2 \(female\) or 0/],
    ['F1 a 0 0 1 7\n', 1, /phenotype must be 2 \(affected\)/],
    ['F1 a 0 0 2 1\nF1 m 0 0 2 1\nF1 b a m 1 2\n', 3, /father "a" of "b" is declared female/],
    ['F1 a a 0 1 1\n', 1, /its own parent/],
  ])('error: %j → line %i', (text, line, msg) => {
    const e = caseError(() => parsePed(text, 'fam.ped'))
    expect(e.line).toBe(line)
    expect(e.file).toBe('fam.ped')
    expect(e.message).toMatch(msg)
    expect(e.message.startsWith(`fam.ped, line ${line}: `)).toBe(true)
  })
})

describe('HPO lists', () => {
  it('splits on commas and spaces, drops duplicates, rejects other ids', () => {
    expect(parseHpoList('HP:0001250, HP:0004322,HP:0001250')).toEqual(['HP:0001250', 'HP:0004322'])
    expect(() => parseHpoList('HP:0001250,OMIM:1234')).toThrow(/"OMIM:1234" is not an HPO term id/)
  })
})

describe('phenopackets', () => {
  const members = [
    { family: 'FAM', id: 'dad', sex: 'male' as const, affected: false, sample: -1 },
    { family: 'FAM', id: 'mum', sex: 'female' as const, affected: false, sample: -1 },
    { family: 'FAM', id: 'kid', father: 'dad', mother: 'mum', sex: 'female' as const, affected: true, sample: -1 },
  ]
  it('reads a family phenopacket (pedigree, proband, observed and excluded features)', () => {
    const text = phenopacketJson('FAM', members, 'kid', ['HP:0001250', 'HP:0004322'], ['HP:0000365'])
    const p = parsePhenopacket(text, 'fam.json')
    expect(p).toEqual({ family: 'FAM', individuals: members, proband: 'kid', hpo: ['HP:0001250', 'HP:0004322'], excludedHpo: ['HP:0000365'] })
  })
  it('reads a single phenopacket: one affected subject', () => {
    const doc = { id: 'p1', subject: { id: 'P1', sex: 'MALE' }, phenotypicFeatures: [{ type: { id: 'HP:0001250', label: 'Seizure' } }, { type: { id: 'HP:0000365' }, excluded: true }] }
    expect(parsePhenopacket(JSON.stringify(doc))).toEqual({ family: 'P1', proband: 'P1', hpo: ['HP:0001250'], excludedHpo: ['HP:0000365'],
      individuals: [{ family: 'P1', id: 'P1', sex: 'male', affected: true, sample: -1 }] })
  })
  it('errors name the file and the JSON path, or the line of a syntax error', () => {
    const bad = caseError(() => parsePhenopacket('{\n  "subject": {\n    "id": "x",,\n  }\n}', 'p.json'))
    expect(bad.message).toMatch(/^p\.json, line 3: not valid JSON/)
    expect(caseError(() => parsePhenopacket('{"id":"x"}', 'p.json')).message).toMatch(/^p\.json: \$\.subject: missing/)
    expect(caseError(() => parsePhenopacket('{"subject":{"id":"x"},"phenotypicFeatures":[{"type":{"id":"HP:12"}}]}', 'p.json')).message)
      .toMatch(/\$\.phenotypicFeatures\[0\]\.type\.id: "HP:12" is not an HPO term id/)
    expect(caseError(() => parsePhenopacket('{"subject":{"id":"x","sex":"M"}}')).message).toMatch(/unknown sex "M"/)
    const noProband = { proband: { subject: { id: 'kid' } }, pedigree: { persons: [{ individualId: 'dad', sex: 'MALE' }] } }
    expect(caseError(() => parsePhenopacket(JSON.stringify(noProband))).message).toMatch(/the proband "kid" is not in the pedigree/)
  })
})

describe('buildCase on a generated genome', () => {
  let dir: string
  let trio: TrioResult
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vt-case-'))
    await miniBundle(join(dir, 'world'))
    trio = await generateTrio({ resources: join(dir, 'world'), out: join(dir, 'trio'), seed: 4, families: 2, modes: ['x_linked_recessive', 'de_novo'], variants: 12000 })
  }, 60_000)

  it('maps samples, picks the proband, merges phenopacket and command-line HPO terms', async () => {
    const c = await buildCase({ ped: trio.ped, phenopacket: trio.phenopackets[0], hpo: 'HP:0001250', vcf: trio.vcf, sexCheck: 'none', mendelian: false })
    expect(c.families.map((f) => f.id)).toEqual(['FAM1', 'FAM2'])
    const f1 = c.families[0]
    expect(f1.proband).toBe('FAM1_proband')
    expect(f1.members.map((m) => [m.id, m.sample])).toEqual([['FAM1_father', 0], ['FAM1_mother', 1], ['FAM1_proband', 2]])
    expect(f1.hpo).toEqual([...trio.cases[0].hpo, 'HP:0001250'].filter((t, k, a) => a.indexOf(t) === k))
    expect(c.families[1].hpo).toEqual(['HP:0001250'])
    expect(c.warnings).toEqual([])
  })

  it('infers a missing sex from X heterozygosity, warns on conflicts and on individuals without a column', async () => {
    const ped = trio.ped.replace(/\.ped$/, '.sex.ped')
    const sexOf = trio.cases[0].sex // FAM1's proband (X-linked: a son)
    const text = (await import('node:fs')).readFileSync(trio.ped, 'utf8').split('\n').map((l) => {
      const c = l.split('\t')
      if (c[1] === 'FAM1_proband') c[4] = '0'
      if (c[1] === 'FAM2_proband') c[4] = trio.cases[1].sex === 'male' ? '2' : '1'
      return c.join('\t')
    }).join('\n') + 'FAM2\tFAM2_uncle\t0\t0\t1\t1\n'
    writeFileSync(ped, text)
    const c = await buildCase({ ped, vcf: trio.vcf, mendelian: false })
    const codes = c.warnings.map((w) => `${w.code}:${w.individual}`)
    expect(codes).toEqual(['not-in-vcf:FAM2_uncle', 'sex-inferred:FAM1_proband', 'sex-conflict:FAM2_proband'])
    expect(c.families[0].members.find((m) => m.id === 'FAM1_proband')!.sex).toBe(sexOf)
    expect(c.sexChecks).toHaveLength(6)
    for (const s of c.sexChecks) expect(s.inferred, s.individual).toBe(s.individual.endsWith('father') ? 'male' : s.individual.endsWith('mother') ? 'female' : trio.cases[s.family === 'FAM1' ? 0 : 1].sex)
    expect(c.sexChecks[0]).toMatchObject({ method: 'x-heterozygosity', evidence: { het: 0 } })
  })

  it('Mendelian errors: a low rate confirms parentage; a wrong father is flagged', async () => {
    const ok = await buildCase({ ped: trio.ped, vcf: trio.vcf, sexCheck: 'none' })
    expect(ok.warnings).toEqual([])
    expect(ok.families.map((f) => f.parentageConfirmed)).toEqual([true, true])
    for (const r of ok.mendelian) {
      expect(r.informative).toBeGreaterThan(1000)
      expect(r.rate).toBeLessThan(0.01)
    }
    // FAM1's child with FAM2's father; a father without a sample column makes no trio
    const swapped = trio.ped.replace(/\.ped$/, '.swap.ped')
    const kid = `FAM1\tFAM1_proband\tFAM2_father\tFAM1_mother\t${trio.cases[0].sex === 'male' ? 1 : 2}\t2\n`
    writeFileSync(swapped, `FAM1\tFAM2_father\t0\t0\t1\t1\nFAM1\tFAM1_mother\t0\t0\t2\t1\n${kid}`)
    writeFileSync(swapped + '2', `FAM1\tnobody\t0\t0\t1\t1\nFAM1\tFAM1_mother\t0\t0\t2\t1\n${kid.replace('FAM2_father', 'nobody')}`)
    const none = await buildCase({ ped: swapped + '2', vcf: trio.vcf, sexCheck: 'none' })
    expect(none.families[0].parentageConfirmed).toBeUndefined()
    expect(none.warnings.map((w) => w.code)).toEqual(['not-in-vcf'])
    const bad = await buildCase({ ped: swapped, vcf: trio.vcf, sexCheck: 'none' })
    const w = bad.warnings.find((x) => x.code === 'mendelian-errors')
    expect(w, JSON.stringify(bad.warnings)).toBeDefined()
    expect(w!.family).toBe('FAM1')
    expect(bad.families[0].parentageConfirmed).toBe(false)
    expect(bad.mendelian.find((r) => r.family === 'FAM1')!.rate).toBeGreaterThan(MENDELIAN_ERROR_THRESHOLD)
  })

  it.runIf(samtools)('a .bai decides sex from X/Y coverage instead of X heterozygosity', async () => {
    // a male's BAM: X and Y at half the autosomes' depth (reads simulated, sorted and indexed by samtools)
    const refs: [string, number][] = [['chr1', 200_000], ['chr2', 200_000], ['chrX', 200_000], ['chrY', 100_000]]
    const rng = new Rng(9)
    const lines = refs.map(([n, l]) => `@SQ\tSN:${n}\tLN:${l}\n`)
    let seq = ''
    for (let k = 0; k < 400; k++) seq += 'ACGT'[rng.int(0, 3)]
    for (const [chrom, len] of refs) {
      const reads = Math.round(len * 20 * (chrom === 'chrX' || chrom === 'chrY' ? 0.5 : 1) / 400)
      const starts = Array.from({ length: reads }, () => rng.int(1, len - 400)).sort((a, b) => a - b)
      for (const [k, p] of starts.entries()) lines.push(`${chrom}.${k}\t0\t${chrom}\t${p}\t60\t400M\t*\t0\t0\t${seq}\t*\n`)
    }
    const bam = join(dir, 'male.bam')
    writeFileSync(join(dir, 'male.sam'), lines.join(''))
    await sh('sh', ['-c', `samtools view -b -o "${bam}" "${join(dir, 'male.sam')}" && samtools index -b "${bam}"`])
    const c = await buildCase({
      individuals: [
        { family: 'B', id: 'FAM1_mother', sex: 'female', affected: true, sample: -1 },
        { family: 'C', id: 'FAM2_mother', sex: 'unknown', affected: true, sample: -1 },
      ],
      vcf: trio.vcf, mendelian: false, bai: { FAM1_mother: { index: `${bam}.bai`, bam }, FAM2_mother: { index: `${bam}.bai`, bam } },
    })
    expect(c.sexChecks.map((x) => [x.individual, x.method, x.inferred])).toEqual([['FAM1_mother', 'bam-index', 'male'], ['FAM2_mother', 'bam-index', 'male']])
    expect(c.sexChecks[0].evidence.xRatio).toBeGreaterThan(0.3)
    expect(c.sexChecks[0].evidence.xRatio).toBeLessThan(0.7)
    expect(c.warnings.map((w) => `${w.code}:${w.individual}`)).toEqual(['sex-conflict:FAM1_mother', 'sex-inferred:FAM2_mother'])
    expect(c.families[1].members[0].sex).toBe('male')
  })

  it.runIf(tools)('error counts equal bcftools +mendelian without quality filters', async () => {
    const reader = await VcfReader.open(trio.vcf)
    const trios = [
      { family: 'FAM1', child: 'FAM1_proband', father: 'FAM1_father', mother: 'FAM1_mother', samples: [2, 0, 1] as [number, number, number] },
      { family: 'FAM2', child: 'FAM2_proband', father: 'FAM2_father', mother: 'FAM2_mother', samples: [5, 3, 4] as [number, number, number] },
    ]
    const counter = new MendelianCounter(reader.header, trios, { minGq: 0, minDp: 0 })
    for await (const b of reader.batches({ format: ['GT', 'GQ', 'DP'] })) counter.add(b)
    const auto = join(dir, 'autosomes.vcf.gz')
    await sh('bcftools', ['view', '-t', '^chrX,chrY,chrM', '-Oz', '-o', auto, trio.vcf])
    for (const [k, t] of trios.entries()) {
      const out = await sh('bcftools', ['+mendelian', '-m', 'c', '-t', `${t.mother},${t.father},${t.child}`, auto])
      const [nOk, nBad] = out.split('\n').find((l) => !l.startsWith('#') && l !== '')!.split('\t').map(Number)
      const allRef = (await sh('bcftools', ['view', '-H', '-i', `GT[${t.samples[0]}]="RR" && GT[${t.samples[1]}]="RR" && GT[${t.samples[2]}]="RR"`, auto]))
        .split('\n').filter((l) => l !== '').length
      expect(counter.errors[k], t.family).toBe(nBad)
      // bcftools skips a trio only when the child is missing, and counts a missing parent as OK
      const parentMissing = (await sh('bcftools', ['view', '-H', '-i', `(GT[${t.samples[1]}]="mis" || GT[${t.samples[2]}]="mis") && GT[${t.samples[0]}]!="mis"`, auto]))
        .split('\n').filter((l) => l !== '').length
      expect(counter.informative[k], t.family).toBe(nOk + nBad - allRef - parentMissing)
      expect(nBad).toBeGreaterThan(5)
    }
  })
})

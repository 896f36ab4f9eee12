// Seeded query/annotation VCFs for the annotate differential tests: many shared positions
// with same, partly shared and different allele lists, multi-allelic records on both sides,
// split source records at one position, missing values, flags, renames and chr-less names.
import { execFileSync, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { prng } from '../../bench/generate-vcf.mjs'

export interface AnnoData {
  query: string
  source: string
  /** the source with contigs named without 'chr' */
  sourceNoChr: string
  bed: string
  tab: string
  headerLines: string
}

const BASES = 'ACGT'

/** Writes bgzipped + indexed files into dir. `biallelic` keeps both sides decomposed (vcfanno). */
export function makeAnnoData(dir: string, seed: number, n: number, biallelic = false): AnnoData {
  const rnd = prng(seed)
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]
  const base = () => BASES[Math.floor(rnd() * 4)]
  const other = (b: string) => pick(BASES.split('').filter((x) => x !== b))
  const float = () => pick([
    () => (rnd() * 0.5).toFixed(7), () => (rnd()).toFixed(3), () => (rnd() * 1e-4).toExponential(2),
    () => String(Math.floor(rnd() * 100)), () => (rnd() * 0.03).toPrecision(6), () => (rnd() * 5000).toFixed(2),
  ])()
  const contigs: [string, number][] = [['chr1', 200000], ['chr2', 150000], ['chrX', 100000]]
  const q: string[] = [], s: string[] = [], bed: string[] = [], tab: string[] = []
  for (const [chrom] of contigs) {
    let pos = 100
    for (let k = 0; k < n / contigs.length; k++) {
      pos += 1 + Math.floor(rnd() * 60)
      const ref = rnd() < 0.85 ? base() : base() + base() + base()
      const alt1 = ref.length > 1 && rnd() < 0.5 ? ref[0] : other(ref[0])
      const nq = biallelic ? 1 : rnd() < 0.15 ? 2 : 1
      const qAlts = [alt1]
      while (qAlts.length < nq) { const a = rnd() < 0.5 ? other(ref[0]) : ref + base(); if (!qAlts.includes(a) && a !== ref) qAlts.push(a) }
      const qinfo: string[] = []
      if (rnd() < 0.3) qinfo.push(`AF=${qAlts.map(() => (rnd() < 0.2 ? '.' : String(Number(rnd().toFixed(2))))).join(',')}`)
      if (rnd() < 0.7) qinfo.push(`DP=${Math.floor(rnd() * 100)}`)
      q.push([chrom, pos, rnd() < 0.2 ? `rsq${k}` : '.', ref, qAlts.join(','), '50', 'PASS', qinfo.join(';') || '.'].join('\t'))
      // annotation records at this position
      const r = rnd()
      const srcRecs: string[][] = []
      if (r < 0.45) srcRecs.push(qAlts)
      else if (r < 0.6 && !biallelic) srcRecs.push([...qAlts.slice(0, 1), ref[0] === 'A' ? 'C' : 'A'].filter((a, i, xs) => a !== ref && xs.indexOf(a) === i))
      else if (r < 0.7 && !biallelic) srcRecs.push(...qAlts.map((a) => [a]).reverse())
      else if (r < 0.8) srcRecs.push([other(ref[0]) === qAlts[0] ? other(qAlts[0]) === ref[0] ? 'N' : other(qAlts[0]) : other(ref[0])].filter((a) => a !== ref))
      for (const alts of srcRecs) {
        if (alts.length === 0) continue
        const info: string[] = []
        if (rnd() < 0.9) info.push(`AF=${alts.map(() => (rnd() < 0.05 && !biallelic ? '.' : float())).join(',')}`)
        if (rnd() < 0.8) info.push(`AC=${[0, ...alts].map(() => Math.floor(rnd() * 50)).join(',')}`)
        if (rnd() < 0.7) info.push(`S=${pick(['benign', 'likely_benign', 'VUS', 'pathogenic', 'a%3Bb'])}`)
        if (rnd() < 0.4) info.push('DB')
        if (rnd() < 0.5) info.push(`X=${Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => Math.floor(rnd() * 9)).join(',')}`)
        if (rnd() < 0.6) info.push(`SC=${(rnd() * 40).toFixed(3)}`)
        s.push([chrom, pos, rnd() < 0.5 ? `rs${pos}` : '.', ref, alts.join(','), '.', '.', info.join(';') || '.'].join('\t'))
      }
      if (rnd() < 0.1) {
        const p2 = pos + 1 + Math.floor(rnd() * 3)
        s.push([chrom, p2, '.', 'G', 'T', '.', '.', `AF=${float()}`].join('\t'))
      }
      if (rnd() < 0.25) {
        const a = Math.max(1, pos - Math.floor(rnd() * 40)), b = pos + Math.floor(rnd() * 40)
        bed.push([chrom, a - 1, b, (rnd() * 10).toFixed(2), pick(['geneA', 'geneB', 'geneC'])].join('\t'))
      }
      if (rnd() < 0.4) tab.push([chrom, pos, ref, rnd() < 0.7 ? qAlts[0] : other(ref[0]), (rnd() * 30).toFixed(3), pick(['x', 'y'])].join('\t'))
    }
  }
  const hdr = (extra: string[], ctg: (c: string) => string) => [
    '##fileformat=VCFv4.2',
    ...contigs.map(([c, l]) => `##contig=<ID=${ctg(c)},length=${l}>`),
    ...extra,
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO',
  ].join('\n') + '\n'
  const srcInfo = [
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Population allele frequency">',
    '##INFO=<ID=AC,Number=R,Type=Integer,Description="Allele counts">',
    '##INFO=<ID=S,Number=1,Type=String,Description="Significance">',
    '##INFO=<ID=DB,Number=0,Type=Flag,Description="In the database">',
    '##INFO=<ID=X,Number=.,Type=Integer,Description="Some integers">',
    '##INFO=<ID=SC,Number=1,Type=Float,Description="A score">',
  ]
  const qInfo = [
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Query allele frequency">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
  ]
  const write = (name: string, text: string, preset: string[]) => {
    const p = join(dir, name)
    writeFileSync(p.replace(/\.gz$/, ''), text)
    execFileSync('bgzip', ['-f', p.replace(/\.gz$/, '')])
    execFileSync('tabix', ['-f', ...preset, p])
    return p
  }
  const sortLines = (xs: string[]) => xs.sort((a, b) => {
    const fa = a.split('\t'), fb = b.split('\t')
    return contigs.findIndex((c) => c[0] === fa[0]) - contigs.findIndex((c) => c[0] === fb[0]) || Number(fa[1]) - Number(fb[1])
  })
  const sorted = sortLines(s)
  const query = write('query.vcf.gz', hdr(qInfo, (c) => c) + q.join('\n') + '\n', ['-p', 'vcf'])
  const source = write('source.vcf.gz', hdr(srcInfo, (c) => c) + sorted.join('\n') + '\n', ['-p', 'vcf'])
  const sourceNoChr = write('source-nochr.vcf.gz', hdr(srcInfo, (c) => c.replace(/^chr/, '')) + sorted.map((l) => l.replace(/^chr/, '')).join('\n') + '\n', ['-p', 'vcf'])
  const bedFile = write('regions.bed.gz', sortLines(bed).join('\n') + '\n', ['-p', 'bed'])
  const tabFile = write('scores.tab.gz', sortLines(tab).join('\n') + '\n', ['-s1', '-b2', '-e2'])
  const headerLines = join(dir, 'hdr.txt')
  writeFileSync(headerLines, [
    '##INFO=<ID=BS,Number=1,Type=Float,Description="BED score">',
    '##INFO=<ID=BG,Number=1,Type=String,Description="BED gene">',
    '##INFO=<ID=TS,Number=1,Type=Float,Description="Tab score">',
    '##INFO=<ID=TL,Number=1,Type=String,Description="Tab label">',
  ].join('\n') + '\n')
  return { query, source, sourceNoChr, bed: bedFile, tab: tabFile, headerLines }
}

/**
 * Runs a tool without blocking the test worker (a synchronous spawn of a slow tool starves
 * vitest's worker RPC on a loaded machine): stdout, stderr and the exit status.
 */
export function runAsync(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ out: string; err: string; status: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] })
    const out: Buffer[] = [], err: Buffer[] = []
    child.stdout.on('data', (b: Buffer) => out.push(b))
    child.stderr.on('data', (b: Buffer) => err.push(b))
    child.on('error', reject)
    child.on('close', (code) => resolve({ out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8'), status: code ?? -1 }))
  })
}

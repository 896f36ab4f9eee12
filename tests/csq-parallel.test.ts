// csq on the parallel engine and from a resource bundle: --threads 1, 2 and 3 write the same
// bytes (VEP-style CSQ and bcftools BCSQ), and `--resources DIR` (the bundle's reference and
// genes) writes what -f/-g write. Gene models: a real Ensembl excerpt from the bcftools csq
// corpus (read where the other csq tests read it), with random variants around its exons.
import { describe, expect, it } from 'vitest'
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { corpus } from './helpers/csq-corpus.js'
import { requireTools } from './helpers/oracle.js'
import { runAsync } from './helpers/annotate-data.js'
import { blockCount, body, sameForThreads, smallBlocks } from './helpers/small-blocks.js'
import { prng } from '../bench/generate-vcf.mjs'
import { GeneModel } from '../src/csq/gene-model.js'
import { writeManifest } from '../src/resources/bundle.js'

const CASE = 'ENST00000580206' // several transcripts, NMD among them
const caseDir = join(corpus, 'csq', CASE)
const enabled = existsSync(caseDir) && requireTools('bcftools')
if (!enabled) console.warn(`NOTICE: skipping csq --threads tests: ${caseDir} not found (set VARTRIAGE_SHARED) or bcftools missing`)
const BIN = resolve('dist/src/cli/bin.js')

function readFasta(path: string): Map<string, string> {
  const m = new Map<string, string>()
  let name = '', seq: string[] = []
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line[0] === '>') { if (name) m.set(name, seq.join('').toUpperCase()); name = line.slice(1).split(/\s/)[0]; seq = [] } else seq.push(line.trim())
  }
  if (name) m.set(name, seq.join('').toUpperCase())
  return m
}

/** Random SNVs and indels near exon ends, CDS ends and in introns, sorted, with three samples. */
async function variants(gff: string, fa: string, n: number): Promise<string> {
  const model = await GeneModel.load(gff)
  const seqs = readFasta(fa)
  const rnd = prng(77)
  const spots: Array<[string, number]> = []
  for (const tr of model.transcripts) {
    for (const e of tr.exons) spots.push([tr.chrom, e.beg], [tr.chrom, e.end])
    for (const c of tr.cds) spots.push([tr.chrom, c.beg], [tr.chrom, c.beg + c.len - 1])
  }
  const recs = new Map<number, string>()
  const B = 'ACGT'
  while (recs.size < n) {
    const [chrom, at] = spots[Math.floor(rnd() * spots.length)]
    const seq = seqs.get(chrom)!
    const p0 = at + Math.floor(rnd() * 60) - 30
    if (p0 < 1 || p0 + 10 >= seq.length || recs.has(p0)) continue
    const k = rnd()
    let ref = seq[p0], alt: string
    if (k < 0.6) { do alt = B[Math.floor(rnd() * 4)]; while (alt === ref) } else if (k < 0.8) { ref = seq.slice(p0, p0 + 2 + Math.floor(rnd() * 4)); alt = ref[0] } else alt = ref + B[Math.floor(rnd() * 4)].repeat(1 + Math.floor(rnd() * 3))
    recs.set(p0, `${chrom}\t${p0 + 1}\t.\t${ref}\t${alt}\t50\tPASS\tDP=${10 + (p0 % 50)}\tGT\t0/1\t0/0\t${rnd() < 0.5 ? '0/1' : '1/1'}`)
  }
  const chrom = spots[0][0]
  return ['##fileformat=VCFv4.2', `##contig=<ID=${chrom},length=${seqs.get(chrom)!.length}>`,
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">', '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tkid\tmum\tdad',
    ...[...recs.keys()].sort((a, b) => a - b).map((p) => recs.get(p)!)].join('\n') + '\n'
}

describe.runIf(enabled)('csq --threads and --resources', () => {
  it('VEP-style CSQ and BCSQ: the same bytes for 1, 2 and 3 threads; a bundle gives what -f/-g give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vt-csqpar-'))
    const fa = join(dir, 'ref.fa'), gff = join(dir, 'genes.gff3')
    copyFileSync(join(caseDir, `${CASE}.fa`), fa)
    copyFileSync(join(caseDir, `${CASE}.gff`), gff)
    const vcf = smallBlocks(await variants(gff, fa, 1200), join(dir, 'in.vcf.gz'), 1200)
    expect(await blockCount(vcf)).toBeGreaterThan(30)
    const vep = await sameForThreads(BIN, ['csq', '--no-version', '-f', fa, '-g', gff, vcf])
    expect(body(vep.out).filter((l) => /;CSQ=.*missense_variant/.test(l)).length).toBeGreaterThan(10)
    // -i: records that fail are written unchanged, on threads too
    const snps = await sameForThreads(BIN, ['csq', '--no-version', '-i', 'TYPE="snp"', '-f', fa, '-g', gff, vcf], ['1', '2'])
    expect(body(snps.out).length).toBe(body(vep.out).length)
    expect(body(snps.out).filter((l) => !/\tCSQ=|;CSQ=|MOST_SEVERE=/.test(l)).length).toBeGreaterThan(100) // the indels, unchanged
    const bcsq = await sameForThreads(BIN, ['csq', '--no-version', '-l', '--format', 'bcsq', '-f', fa, '-g', gff, vcf], ['1', '3'])
    // per-record consequences: the one-thread streaming path is the reference here, and the
    // BCSQ strings agree with bcftools csq -l (the differential suite checks them in depth)
    const live = await runAsync('bcftools', ['csq', '-l', '-f', fa, '-g', gff, vcf])
    expect(live.status, live.err).toBe(0)
    const tag = (l: string) => /(?:^|;)BCSQ=([^;\t]*)/.exec(l.split('\t')[7])?.[1] ?? ''
    const ours = body(bcsq.out).map(tag), theirs = body(live.out).map(tag)
    expect(ours.length).toBe(theirs.length)
    const agree = ours.filter((b, k) => b.replace(/&NMD_transcript/g, '') === theirs[k]).length
    expect(agree / ours.length).toBeGreaterThan(0.95)
    // the bundle's reference and genes
    await writeManifest(dir, {
      name: 'csq test', build: 'GRCh38', version: '1', files: [
        { role: 'reference', path: 'ref.fa', format: 'fasta', compression: 'none', name: 'excerpt', version: '1', build: 'GRCh38' },
        { role: 'genes', path: 'genes.gff3', format: 'gff3', compression: 'none', name: 'Ensembl excerpt', version: '1', build: 'GRCh38' },
      ],
    })
    const viaBundle = await sameForThreads(BIN, ['csq', '--no-version', '--resources', dir, vcf], ['2'])
    expect(viaBundle.out).toBe(vep.out)
    const norm = await runAsync(process.execPath, [BIN, 'norm', '--no-version', '--resources', dir, vcf])
    const normF = await runAsync(process.execPath, [BIN, 'norm', '--no-version', '-f', fa, vcf])
    expect(norm.status, norm.err).toBe(0)
    expect(norm.out).toBe(normF.out)
  })
})

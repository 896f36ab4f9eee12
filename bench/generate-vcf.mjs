#!/usr/bin/env node
// The one seeded VCF generator of the project, for benchmarks and tests, with named shapes.
//
//   import { generateVcf, generateRecords } from './generate-vcf.mjs'
//   for (const chunk of generateVcf({ shape: 'lean', records: 1e6, samples: 3, seed: 1 })) out.write(chunk)
//   const { header, records, text } = generateRecords({ contigs: [['1', 2e6, 6000]], seed: 3 })
//
//   node bench/generate-vcf.mjs [--shape gatk|lean|wide|features] --records N --samples S --seed X
//        [--out FILE.vcf.gz|FILE.vcf] [--contigs human|small] [--no-haploid-xy]
//
// Output is a pure function of the options (mulberry32 PRNG, never Math.random).
// Shapes:
// - gatk (default): a GATK joint-called file with dbSNP IDs and an ANN annotation (below).
// - lean: a lean GATK trio, the same records with only AC;AF;AN;DP;FS;MQ;QD;SOR in INFO, no
//   IDs and no annotation: ~185 bytes a line at 3 samples (1M x 3 is ~56 MB bgzipped).
// - wide: a cohort in the 1000 Genomes pilot layout, numeric FORMAT tags for every sample:
//   GT:AD:DP:GD:GL:GQ:OG (GL Number=G floats), INFO AC;AF;AN;DP;DB; hundreds of samples.
// - features (generateRecords; generateVcf yields its text): the edge cases index, region and
//   error tests need: long deletions (REF spanning many 16 kb windows), symbolic <DEL> with
//   INFO/END, repeated positions, records longer than a 64 KiB BGZF block, samples with GT:DP.
// `contigs` may also be an explicit list of [name, length] (gatk, lean, wide) or
// [name, length, records] (features); `sampleNames` replaces the default S0001... names.
//
// What the gatk shape contains (approximate shares; lean and wide draw the same records):
// - 85% SNVs, 10% indels (1-30 bp insertions/deletions, REF's first base shared with ALT),
//   5% multi-allelic (2-3 ALTs mixing SNVs and indels). REF bases come from a hashed
//   pseudo-reference (exported as pseudoReference, so a FASTA can be written for
//   `bcftools norm -f ref.fa -c e`); indels are left-aligned, as GATK writes them.
// - Contigs: GRCh38-like chr1..chr22, chrX, chrY ('human', default) or four small ones
//   ('small', lengthened when needed); records spread in proportion to contig length,
//   positions strictly increasing.
// - ID: ~30% rs numbers (with INFO/DB), else '.'. QUAL with 2 decimals, ~2% '.'.
//   FILTER: LowQual when QUAL<30 (~9%), '.' ~4%, else PASS.
// - INFO: AC/AN counted from the genotypes in the file; AF is a population frequency (like a
//   gnomAD annotation; genotypes are drawn from it, so AF ~ AC/AN only in large cohorts),
//   drawn so that INFO/AF<0.01 keeps ~40% of records. DP = sum of FORMAT/DP. DP/QD/FS/MQ each
//   sometimes absent, ~0.5% of records have INFO '.', ~40% carry an ANN-like annotation
//   (Number=.) of which some contain %3B / %2C percent escapes. END is declared, never used.
// - FORMAT GT:AD:DP:GQ:PL, consistent (DP >= sum(AD), called genotype's PL is 0,
//   GQ = min(99, second-smallest PL)). ~3% missing calls ('./.', './.:.:.:.:.' or
//   './.:0,0:0:.:.'), ~0.5% partially missing ('./1'), ~10% of diploid calls phased.
//   FMT/GQ>=20 keeps ~70% of called genotypes. Every record has at least one carrier.
// - With haploidXY (default), odd-indexed samples (S0002, S0004, ...) are male: haploid GT on
//   chrX outside the PARs and on chrY; females get '.' on chrY.
import { spawn, spawnSync } from 'node:child_process'
import { createWriteStream, openSync, closeSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { once } from 'node:events'

const HUMAN = [
  ['chr1', 248956422], ['chr2', 242193529], ['chr3', 198295559], ['chr4', 190214555],
  ['chr5', 181538259], ['chr6', 170805979], ['chr7', 159345973], ['chr8', 145138636],
  ['chr9', 138394717], ['chr10', 133797422], ['chr11', 135086622], ['chr12', 133275309],
  ['chr13', 114364328], ['chr14', 107043718], ['chr15', 101991189], ['chr16', 90338345],
  ['chr17', 83257441], ['chr18', 80373285], ['chr19', 58617616], ['chr20', 64444167],
  ['chr21', 46709983], ['chr22', 50818468], ['chrX', 156040895], ['chrY', 57227415],
]
// GRCh38 pseudo-autosomal regions of chrX (1-based, inclusive).
const HUMAN_PAR = [[10001, 2781479], [155701383, 156030895]]
const SMALL = [['chr1', 2000000], ['chr2', 1500000], ['chrX', 1000000], ['chrY', 400000]]
const SMALL_PAR = [[1, 60000]]

const CHUNK = 1 << 20

function mulberry32(seed) {
  let a = seed >>> 0
  return function rand() {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seeded PRNG (mulberry32) every shape uses, for tests that draw their own values. */
export function prng(seed) {
  return mulberry32(seed)
}

/** The named shapes: `generateVcf({ shape })`. */
export const SHAPES = ['gatk', 'lean', 'wide', 'features']

/** Sizes the benchmark uses per shape (`--records`/`--samples` override them). */
export const SHAPE_DEFAULTS = {
  gatk: { records: 1_000_000, samples: 3 },
  lean: { records: 1_000_000, samples: 3 },
  wide: { records: 50_000, samples: 200 },
  features: { records: 5000, samples: 0 },
}

/**
 * The `features` shape, for index, region and error tests: a sorted VCF with SNPs, short
 * indels, deletions with a long REF (spanning many 16 kb index windows), symbolic <DEL>s with
 * INFO/END, repeated positions, and a few records larger than a 64 KiB BGZF block (a long
 * INFO string), so records straddle block boundaries. Returns the records as well as the text.
 * @param {{contigs?: [string, number, number][], records?: number, seed?: number|string,
 *   samples?: string[]|number, sampleNames?: string[], hugeFraction?: number}} o
 *   contigs: [name, length, records] per contig in file order (default one contig '1' holding
 *   `records` records); samples get GT:DP.
 * @returns {{header: string, records: {chrom: string, pos: number, end: number, line: string}[], text: string}}
 */
export function generateRecords(o) {
  const rnd = mulberry32(typeof o.seed === 'number' ? o.seed : seedFrom(o.seed ?? 1))
  const base = () => 'ACGT'[Math.floor(rnd() * 4)]
  const samples = o.sampleNames ?? (Array.isArray(o.samples) ? o.samples
    : Array.from({ length: Math.max(0, Math.floor(o.samples ?? 0)) }, (_, i) => 'S' + String(i + 1).padStart(4, '0')))
  const n = Math.max(0, Math.floor(o.records ?? SHAPE_DEFAULTS.features.records))
  const contigs = Array.isArray(o.contigs) ? o.contigs : [['1', Math.max(2_000_000, n * 400), n]]
  let header = '##fileformat=VCFv4.2\n'
  header += '##FILTER=<ID=PASS,Description="All filters passed">\n'
  header += '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
  header += '##INFO=<ID=END,Number=1,Type=Integer,Description="End position">\n'
  header += '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">\n'
  header += '##INFO=<ID=BLOB,Number=1,Type=String,Description="Padding">\n'
  header += '##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">\n'
  if (samples.length) {
    header += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    header += '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
  }
  for (const [name, length] of contigs) header += `##contig=<ID=${name},length=${length}>\n`
  header += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO' + (samples.length ? '\tFORMAT\t' + samples.join('\t') : '') + '\n'
  const huge = o.hugeFraction ?? 0.002
  const records = []
  for (const [chrom, length, count] of contigs) {
    const step = Math.max(1, Math.floor((length - 60_000) / Math.max(count, 1)))
    let pos = 1 + Math.floor(rnd() * 50)
    for (let i = 0; i < count; i++) {
      if (rnd() > 0.05) pos = Math.min(pos + Math.floor(rnd() * 2 * step), length - 50_000) // else: same POS again
      const r = rnd()
      let ref = base()
      let alt = ref === 'A' ? 'C' : 'A'
      let info = `DP=${Math.floor(rnd() * 100)}`
      let end = pos
      if (r < 0.01) ref = base() + 'T'.repeat(1000 + Math.floor(rnd() * 40_000)) // long deletion
      else if (r < 0.05) ref = base() + 'AC'.repeat(1 + Math.floor(rnd() * 5)) // short deletion
      else if (r < 0.08) alt = ref + 'G'.repeat(1 + Math.floor(rnd() * 5)) // insertion
      else if (r < 0.1) { alt = '<DEL>'; end = pos + Math.floor(rnd() * 30_000); info += `;SVTYPE=DEL;END=${end}` }
      if (rnd() < 0.2) info += ';DB'
      if (rnd() < huge) info += ';BLOB=' + 'x'.repeat(70_000 + Math.floor(rnd() * 70_000)) // > 64 KiB record
      if (alt !== '<DEL>') end = pos + ref.length - 1
      let line = `${chrom}\t${pos}\t.\t${ref}\t${alt}\t${Math.floor(rnd() * 100)}\tPASS\t${info}`
      if (samples.length) {
        line += '\tGT:DP'
        for (let s = 0; s < samples.length; s++) line += `\t${['0/0', '0/1', '1/1', './.'][Math.floor(rnd() * 4)]}:${Math.floor(rnd() * 50)}`
      }
      records.push({ chrom, pos, end, line: line + '\n' })
    }
  }
  return { header, records, text: header + records.map((r) => r.line).join('') }
}

function seedFrom(x) {
  // Numbers and strings both give a 32-bit seed.
  const s = String(x)
  let h = 2166136261
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619)
  return h >>> 0
}

const BASES = 'ACGT'
/** Pseudo-reference base at (contig, pos): a hash, so any record spanning pos agrees. */
function refBase(cseed, pos) {
  let h = Math.imul(pos ^ cseed, 0x9e3779b1)
  h ^= h >>> 15
  h = Math.imul(h, 0x85ebca77)
  h ^= h >>> 13
  return BASES[h & 3]
}

/**
 * The pseudo-reference the generator's REF alleles agree with (1-based, inclusive), e.g. to
 * write a FASTA for `bcftools norm -f ref.fa -c e`.
 */
export function pseudoReference(chrom, start, end) {
  const cseed = seedFrom(chrom) ^ 0x5bd1e995
  let s = ''
  for (let p = start; p <= end; p++) s += refBase(cseed, p)
  return s
}

function header(contigs, sampleNames, shape = 'gatk') {
  if (shape === 'lean') return leanHeader(contigs, sampleNames)
  if (shape === 'wide') return wideHeader(contigs, sampleNames)
  const h = [
    '##fileformat=VCFv4.2',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##FILTER=<ID=LowQual,Description="Low quality">',
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count in genotypes, for each ALT allele, in the same order as listed">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Population allele frequency, for each ALT allele, in the same order as listed">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called genotypes">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
    '##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP Membership">',
    '##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS Mapping Quality">',
    '##INFO=<ID=QD,Number=1,Type=Float,Description="Variant Confidence/Quality by Depth">',
    '##INFO=<ID=FS,Number=1,Type=Float,Description="Phred-scaled p-value using Fisher\'s exact test to detect strand bias">',
    '##INFO=<ID=END,Number=1,Type=Integer,Description="Stop position of the interval">',
    '##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations: \'Allele | Annotation | Annotation_Impact | Gene_Name | Gene_ID | Feature_Type | Feature_ID | Transcript_BioType | Rank | HGVS.c | HGVS.p | Note\'">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
    '##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Normalized, Phred-scaled likelihoods for genotypes as defined in the VCF specification">',
  ]
  for (const [name, len] of contigs) h.push(`##contig=<ID=${name},length=${len},assembly=synthetic>`)
  h.push('##source=vartriage/bench/generate-vcf.mjs')
  h.push('#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO' + (sampleNames.length ? '\tFORMAT\t' + sampleNames.join('\t') : ''))
  return h.join('\n') + '\n'
}

const CONTIG_LINES = (contigs) => contigs.map(([name, len]) => `##contig=<ID=${name},length=${len},assembly=synthetic>`)
const COLUMNS = (sampleNames, fmt) => '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO' + (sampleNames.length ? '\tFORMAT\t' + sampleNames.join('\t') : '')

/** A lean GATK trio: 8 INFO tags, no annotation, no dbSNP IDs (~185 bytes a line at 3 samples). */
function leanHeader(contigs, sampleNames) {
  return [
    '##fileformat=VCFv4.2',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##FILTER=<ID=LowQual,Description="Low quality">',
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count in genotypes, for each ALT allele, in the same order as listed">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Population allele frequency, for each ALT allele, in the same order as listed">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called genotypes">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth; some reads may have been filtered">',
    '##INFO=<ID=FS,Number=1,Type=Float,Description="Phred-scaled p-value using Fisher\'s exact test to detect strand bias">',
    '##INFO=<ID=MQ,Number=1,Type=Float,Description="RMS Mapping Quality">',
    '##INFO=<ID=QD,Number=1,Type=Float,Description="Variant Confidence/Quality by Depth">',
    '##INFO=<ID=SOR,Number=1,Type=Float,Description="Symmetric Odds Ratio of 2x2 contingency table to detect strand bias">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths for the ref and alt alleles in the order listed">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Approximate read depth (reads with MQ=255 or with bad mates are filtered)">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
    '##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Normalized, Phred-scaled likelihoods for genotypes as defined in the VCF specification">',
    ...CONTIG_LINES(contigs),
    '##source=vartriage/bench/generate-vcf.mjs --shape lean',
    COLUMNS(sampleNames),
  ].join('\n') + '\n'
}

/** A 1000 Genomes-like cohort: numeric FORMAT tags GT:AD:DP:GD:GL:GQ:OG for every sample. */
function wideHeader(contigs, sampleNames) {
  return [
    '##fileformat=VCFv4.2',
    '##FILTER=<ID=PASS,Description="All filters passed">',
    '##FILTER=<ID=LowQual,Description="Low quality">',
    '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count in genotypes">',
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Population allele frequency">',
    '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles in called genotypes">',
    '##INFO=<ID=DP,Number=1,Type=Integer,Description="Total read depth">',
    '##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP Membership">',
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
    '##FORMAT=<ID=GD,Number=1,Type=Float,Description="Genotype dosage">',
    '##FORMAT=<ID=GL,Number=G,Type=Float,Description="Genotype likelihoods (log10)">',
    '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype Quality">',
    '##FORMAT=<ID=OG,Number=1,Type=String,Description="Original genotype">',
    ...CONTIG_LINES(contigs),
    '##source=vartriage/bench/generate-vcf.mjs --shape wide',
    COLUMNS(sampleNames),
  ].join('\n') + '\n'
}

/** Byte writer for ASCII text: no intermediate strings on the per-record path. */
class Out {
  constructor(size) {
    this.b = Buffer.allocUnsafe(size)
    this.o = 0
  }
  /** Makes room for n more bytes (grows for very wide lines). */
  need(n) {
    if (this.o + n > this.b.length) {
      const nb = Buffer.allocUnsafe(Math.max(this.b.length * 2, this.o + n))
      this.b.copy(nb, 0, 0, this.o)
      this.b = nb
    }
  }
  c(ch) { this.b[this.o++] = ch }
  /** Short ASCII string. */
  s(str) {
    const b = this.b
    let o = this.o
    for (let i = 0; i < str.length; i++) b[o++] = str.charCodeAt(i)
    this.o = o
  }
  /** Non-negative integer. */
  u(n) {
    const b = this.b
    if (n < 10) { b[this.o++] = 48 + n; return }
    let len = 1
    for (let t = n; t >= 10; t = Math.floor(t / 10)) len++
    let o = this.o + len
    this.o = o
    while (n >= 10) { const q = Math.floor(n / 10); b[--o] = 48 + n - q * 10; n = q }
    b[--o] = 48 + n
  }
  /** Zero-padded non-negative integer. */
  z(n, width) {
    let len = 1
    for (let t = n; t >= 10; t = Math.floor(t / 10)) len++
    for (; len < width; len++) this.b[this.o++] = 48
    this.u(n)
  }
  /** Non-negative number with `dec` decimals (like toFixed). */
  f(x, dec) {
    const p = dec === 2 ? 100 : dec === 3 ? 1000 : 10 ** dec
    const m = Math.round(x * p)
    const ip = Math.floor(m / p)
    this.u(ip)
    this.b[this.o++] = 46
    this.z(m - ip * p, dec)
  }
  /** Allele frequency in (0, 1] with 3 significant digits, never exponential. */
  af(x) {
    if (x >= 0.9995) { this.s('1.00'); return }
    let e = 0 // x = m * 10^-(e+3), 100 <= m < 1000
    let m = x
    while (m < 0.1) { m *= 10; e++ }
    m = Math.round(m * 1000)
    if (m >= 1000) { m = 100; e-- }
    this.c(48); this.c(46)
    for (let i = 0; i < e; i++) this.c(48)
    this.u(m)
  }
}

const EFFECTS = [
  ['missense_variant', 'MODERATE'], ['synonymous_variant', 'LOW'], ['intron_variant', 'MODIFIER'],
  ['upstream_gene_variant', 'MODIFIER'], ['stop_gained', 'HIGH'], ['3_prime_UTR_variant', 'MODIFIER'],
]
const NOTES = ['', '', '', 'Likely_benign%3Bcriteria_provided%2Cmultiple_submitters', 'Uncertain_significance%3Bno_assertion', 'see%2Creview']

const TAB = 9, NL = 10, COMMA = 44, COLON = 58, DOT = 46, SLASH = 47, PIPE = 124

/**
 * Yields VCF text in chunks of about 1 MB (the header starts the first chunk).
 * @param {{records: number, samples: number, seed: number|string, contigs?: 'human'|'small', haploidXY?: boolean}} opts
 * @returns {Generator<string>}
 */
export function* generateVcf(opts) {
  const shape = opts.shape ?? 'gatk'
  if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape} (one of ${SHAPES.join(', ')})`)
  if (shape === 'features') { yield generateRecords(opts).text; return }
  const nRec = Math.max(0, Math.floor(opts.records ?? 0))
  const nS = opts.sampleNames ? opts.sampleNames.length : Math.max(0, Math.floor(opts.samples ?? 0))
  const rand = mulberry32(seedFrom(opts.seed ?? 1))
  const explicit = Array.isArray(opts.contigs)
  const small = opts.contigs === 'small' || explicit
  let contigs = explicit ? opts.contigs.map(([n, l]) => [n, l]) : small ? SMALL : HUMAN
  if (small && !explicit) {
    // Grow the small genome when needed so that positions stay strictly increasing and sparse.
    const total = contigs.reduce((a, c) => a + c[1], 0)
    const f = Math.max(1, Math.ceil((nRec * 40) / total))
    contigs = contigs.map(([n, l]) => [n, l * f])
  }
  const sampleNames = opts.sampleNames ? [...opts.sampleNames] : []
  if (!opts.sampleNames) for (let i = 0; i < nS; i++) sampleNames.push('S' + String(i + 1).padStart(4, '0'))

  // Records per contig, proportional to length (largest remainder).
  const total = contigs.reduce((a, c) => a + c[1], 0)
  const counts = contigs.map(([, l]) => Math.floor((nRec * l) / total))
  let left = nRec - counts.reduce((a, b) => a + b, 0)
  const rema = contigs.map(([, l], i) => [((nRec * l) / total) - counts[i], i]).sort((a, b) => b[0] - a[0])
  for (let k = 0; left > 0; k++, left--) counts[rema[k % rema.length][1]]++

  // Lines are written as bytes straight into a buffer (building them as strings makes
  // millions of short-lived ropes and the GC then dominates); a chunk is yielded once
  // CHUNK bytes are full. The text is ASCII, so latin1 is byte-exact.
  const w = new Out(CHUNK + (CHUNK >> 1))
  const hdr = header(contigs, sampleNames, shape)
  w.need(hdr.length)
  w.o = w.b.latin1Write(hdr, 0)

  const record = recordWriter(w, rand, nS, opts.haploidXY ?? true, small ? SMALL_PAR : HUMAN_PAR, shape)
  for (let ci = 0; ci < contigs.length; ci++) {
    const [chrom, clen] = contigs[ci]
    const n = counts[ci]
    if (n === 0) continue
    const cseed = seedFrom(chrom) ^ 0x5bd1e995 // as in pseudoReference
    const stride = (clen - 40) / n
    for (let r = 0; r < n; r++) {
      // Strictly increasing positions, one per stride window (leaving room for deletions).
      const lo = Math.floor(r * stride) + 1
      const hi = Math.floor((r + 1) * stride)
      const pos = lo + Math.floor(rand() * Math.max(1, hi - lo + 1) * 0.999)
      record(chrom, cseed, pos)
      if (w.o >= CHUNK) { yield w.b.latin1Slice(0, w.o); w.o = 0 }
    }
  }
  if (w.o) yield w.b.latin1Slice(0, w.o)
}

/**
 * Returns record(chrom, cseed, pos), which writes one VCF line into w. The work is split
 * into small functions on purpose: V8 optimises them quickly and separately, where one
 * big generator body took seconds of (re)compilation.
 */
function recordWriter(w, rand, nS, haploidXY, par, shape) {
  const lean = shape === 'lean'
  const wide = shape === 'wide'
  const male = new Uint8Array(nS)
  for (let i = 0; i < nS; i++) male[i] = i & 1
  // Per-sample scratch: genotypes are drawn first (INFO/AC, AN and DP need them).
  const ga = new Int8Array(nS) // first allele, -1 missing
  const gb = new Int8Array(nS) // second allele, -1 missing, -2 haploid
  const kind = new Uint8Array(nS) // 0 called, 1 missing, 2 partially missing
  const dps = new Int32Array(nS) // FORMAT/DP
  const alleleCount = new Int32Array(4)
  const af = new Float64Array(4)
  let alts = []
  let ref = ''
  let nA = 1
  let afSum = 0
  let rsNext = 1000 + Math.floor(rand() * 5000)

  const randSeq = (n) => {
    let s = ''
    for (let i = 0; i < n; i++) s += BASES[(rand() * 4) | 0]
    return s
  }
  const drawGQ = () => {
    const u = rand()
    if (u < 0.3) return (rand() * 20) | 0
    if (u < 0.58) return 99
    return 20 + ((rand() * 79) | 0)
  }
  const drawDP = () => 2 + ((rand() * 30 + rand() * 30) | 0)
  const drawAllele = () => {
    let v = rand()
    if (v >= afSum) return 0
    for (let k = 0; k < nA; k++) { v -= af[k]; if (v < 0) return k + 1 }
    return nA
  }
  // PL of a non-called genotype: the first one written sets GQ (capped at 99).
  const otherPL = (gq, first) => first ? (gq < 99 ? gq : 99 + ((rand() * 300) | 0)) : gq + 10 + ((rand() * 600) | 0)
  const snvBase = (r0) => BASES[(BASES.indexOf(r0) + 1 + ((rand() * 3) | 0)) & 3]

  function drawAlleles(cseed, pos) {
    const u = rand()
    const r0 = refBase(cseed, pos)
    ref = r0
    alts = []
    if (u < 0.85) {
      alts.push(snvBase(r0))
    } else if (u < 0.95) {
      // Left-aligned, as GATK writes them: an indel could shift left only if its last
      // inserted/deleted base equalled the anchor base, so that never happens here.
      let len = 1 + Math.floor(rand() * rand() * 30)
      if (rand() < 0.5) {
        let last = BASES[(rand() * 4) | 0]
        if (last === r0) last = snvBase(r0)
        alts.push(r0 + randSeq(len - 1) + last)
      } else {
        while (len < 31 && refBase(cseed, pos + len) === r0) len++
        if (refBase(cseed, pos + len) === r0) len = 1 + ((len + 1) % 31)
        for (let i = 1; i <= len; i++) ref += refBase(cseed, pos + i)
        alts.push(r0)
      }
    } else {
      // Multi-allelic: SNVs, insertions and a deletion (REF spans the deletion).
      const na = rand() < 0.75 ? 2 : 3
      if (rand() < 0.4) {
        // Left-aligned as above: REF's last base differs from the anchor.
        let len = 1 + Math.floor(rand() * 8)
        while (len < 12 && refBase(cseed, pos + len) === r0) len++
        if (refBase(cseed, pos + len) === r0) len = 1 + ((len + 1) % 12)
        for (let i = 1; i <= len; i++) ref += refBase(cseed, pos + i)
        alts.push(r0)
      }
      const rest = ref.slice(1)
      const ins = () => {
        const s = r0 + randSeq((rand() * 6) | 0)
        const last = BASES[(rand() * 4) | 0]
        return s + (rest === '' && last === r0 ? snvBase(r0) : last) + rest
      }
      for (let guard = 0; alts.length < na && guard < 20; guard++) {
        const a = rand() < 0.6 ? snvBase(r0) + rest : ins()
        if (a !== ref && !alts.includes(a)) alts.push(a)
      }
    }
    nA = alts.length
    // Population allele frequencies (INFO/AF); genotypes are drawn from them.
    const v = rand()
    let p
    if (v < 0.4) p = Math.pow(10, -5 + 3 * rand())
    else if (v < 0.75) p = 0.01 + 0.04 * rand()
    else { const x = rand(); p = 0.05 + 0.95 * x * x }
    af[0] = p
    afSum = p
    for (let k = 1; k < nA; k++) { af[k] = Math.max(1e-5, p * rand() * 0.9); afSum += af[k] }
  }

  function drawGenotypes(hapRegion, isY) {
    let carriers = 0
    for (let s = 0; s < nS; s++) {
      const hap = hapRegion && male[s] === 1
      if (hapRegion && isY && male[s] === 0) { kind[s] = 1; ga[s] = -1; gb[s] = -2; continue }
      const m = rand()
      if (m < 0.03) { kind[s] = 1; ga[s] = -1; gb[s] = hap ? -2 : -1; continue }
      const a = drawAllele()
      if (hap) { kind[s] = 0; ga[s] = a; gb[s] = -2; if (a) carriers++; continue }
      const b = drawAllele()
      if (m < 0.035) { kind[s] = 2; ga[s] = -1; gb[s] = b || 1; carriers++; continue }
      kind[s] = 0
      if (a <= b) { ga[s] = a; gb[s] = b } else { ga[s] = b; gb[s] = a }
      if (a || b) carriers++
    }
    if (carriers === 0 && nS > 0) {
      // Joint-called sites have at least one carrier: make one called sample heterozygous.
      let s = Math.floor(rand() * nS)
      for (let t = 0; t < nS && kind[s] !== 0; t++) s = (s + 1) % nS
      if (kind[s] === 0) {
        const alt = 1 + Math.floor(rand() * rand() * nA)
        if (gb[s] === -2) ga[s] = alt
        else { ga[s] = 0; gb[s] = alt }
      }
    }
    alleleCount.fill(0)
    let an = 0
    let dpSum = 0
    for (let s = 0; s < nS; s++) {
      const a = ga[s], b = gb[s]
      if (a >= 0) { alleleCount[a]++; an++ }
      if (b >= 0) { alleleCount[b]++; an++ }
      if (kind[s] !== 1) { const d = drawDP(); dps[s] = d; dpSum += d }
    }
    return { an, dpSum }
  }

  function writeAnn() {
    w.s(';ANN=')
    for (let k = 0; k < nA; k++) {
      const alt = alts[k]
      const e = EFFECTS[(rand() * EFFECTS.length) | 0]
      const g = 1 + ((rand() * 20000) | 0)
      const c = 1 + ((rand() * 3000) | 0)
      const note = NOTES[(rand() * NOTES.length) | 0]
      w.need(256 + alt.length + ref.length)
      if (k) w.c(COMMA)
      w.s(alt); w.c(PIPE); w.s(e[0]); w.c(PIPE); w.s(e[1]); w.s('|GENE'); w.u(g); w.s('|ENSG'); w.z(g, 11)
      w.s('|transcript|ENST'); w.z(g * 7, 11); w.s('|protein_coding|'); w.u(1 + (c % 12)); w.s('/12|c.'); w.u(c)
      if (ref.length === 1 && alt.length === 1) { w.s(ref); w.c(62); w.s(alt) } else w.s(ref.length > alt.length ? 'del' : 'ins')
      w.s('||'); w.s(note)
    }
  }

  function writeInfo(an, dpSum, hasId) {
    if (lean) return writeLeanInfo(an, dpSum)
    if (wide) return writeWideInfo(an, dpSum, hasId)
    if (rand() < 0.005) { w.c(DOT); return }
    w.s('AC=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.u(alleleCount[k + 1]) }
    w.s(';AF=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.af(af[k]) }
    w.s(';AN='); w.u(an)
    if (hasId) w.s(';DB')
    if (rand() > 0.01) { w.s(';DP='); w.u(nS ? dpSum + ((rand() * 3) | 0) : drawDP()) }
    if (rand() > 0.03) { w.s(';FS='); if (rand() < 0.5) w.s('0.000'); else w.f(rand() * 60, 3) }
    if (rand() > 0.03) { w.s(';MQ='); if (rand() < 0.7) w.s('60.00'); else w.f(40 + rand() * 20, 2) }
    if (rand() > 0.03) { w.s(';QD='); w.f(1 + rand() * 34, 2) }
    if (rand() < 0.4) writeAnn()
  }

  // lean: AC;AF;AN;DP;FS;MQ;QD;SOR, always all eight (GATK's minimal annotation set).
  function writeLeanInfo(an, dpSum) {
    w.s('AC=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.u(alleleCount[k + 1]) }
    w.s(';AF=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.af(af[k]) }
    w.s(';AN='); w.u(an)
    w.s(';DP='); w.u(nS ? dpSum + ((rand() * 3) | 0) : drawDP())
    w.s(';FS='); if (rand() < 0.5) w.s('0.000'); else w.f(rand() * 60, 3)
    w.s(';MQ='); if (rand() < 0.7) w.s('60.00'); else w.f(40 + rand() * 20, 2)
    w.s(';QD='); w.f(1 + rand() * 34, 2)
    w.s(';SOR='); w.f(rand() * 4, 3)
  }

  // wide: a cohort's INFO, AC;AF;AN;DP and DB for rs IDs.
  function writeWideInfo(an, dpSum, hasId) {
    w.s('AC=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.u(alleleCount[k + 1]) }
    w.s(';AF=')
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.af(af[k]) }
    w.s(';AN='); w.u(an)
    w.s(';DP='); w.u(dpSum)
    if (hasId) w.s(';DB')
  }

  /** Negative log10 likelihood with 2 decimals ("-0.00" never: a called genotype prints 0). */
  const gl = (v) => { if (v <= 0.004) { w.s('0.00'); return } w.c(45); w.f(v, 2) }

  // wide: GT:AD:DP:GD:GL:GQ:OG, the 1000 Genomes pilot layout. GD is the ALT dosage,
  // GL has one value per genotype (Number=G), OG repeats the genotype unphased.
  function writeWideSample(s, nAll) {
    const a = ga[s], b = gb[s]
    const k = kind[s]
    if (k === 1) {
      if (b === -2) { w.c(DOT); return }
      if (rand() < 0.5) w.s('./.')
      else w.s('./.:.:.:.:.:.:./.')
      return
    }
    const dp = dps[s]
    if (k === 2) {
      w.s('./'); w.u(b); w.c(COLON)
      for (let i = 0; i < nAll; i++) { if (i) w.c(COMMA); w.u(i === b ? dp : 0) }
      w.c(COLON); w.u(dp); w.s(':.:.:.:./'); w.u(b)
      return
    }
    const gq = drawGQ()
    const hap = b === -2
    const phased = !hap && rand() < 0.5
    if (hap) w.u(a)
    else { w.u(a); w.c(phased ? PIPE : SLASH); w.u(b) }
    w.c(COLON)
    const nb = Math.round(dp * (hap || a === b ? 1 : 0.3 + 0.4 * rand()))
    for (let i = 0; i < nAll; i++) {
      if (i) w.c(COMMA)
      w.u(hap ? (i === a ? dp : 0) : i === b ? nb : i === a && a !== b ? dp - nb : 0)
    }
    w.c(COLON); w.u(dp); w.c(COLON)
    const dosage = (a > 0 ? 1 : 0) + (!hap && b > 0 ? 1 : 0)
    w.f(dosage > 0 ? dosage - rand() * 0.05 : rand() * 0.05, 2)
    w.c(COLON)
    if (hap) {
      for (let i = 0; i < nAll; i++) { if (i) w.c(COMMA); gl(i === a ? 0 : gq / 10 + rand() * 3) }
    } else {
      for (let j = 0; j < nAll; j++) {
        for (let i = 0; i <= j; i++) {
          if (i || j) w.c(COMMA)
          gl(i === a && j === b ? 0 : gq / 10 + rand() * (3 + dp))
        }
      }
    }
    w.c(COLON); w.u(gq); w.c(COLON)
    if (hap) w.u(a)
    else { w.u(a); w.c(SLASH); w.u(b) }
  }

  function writeSample(s, nAll) {
    if (wide) return writeWideSample(s, nAll)
    const a = ga[s], b = gb[s]
    const k = kind[s]
    if (k === 1) {
      if (b === -2) { w.c(DOT); return }
      const v = rand()
      if (v < 0.5) w.s('./.')
      else if (v < 0.75) w.s('./.:.:.:.:.')
      else { w.s('./.:0'); for (let i = 1; i < nAll; i++) w.s(',0'); w.s(':0:.:.') }
      return
    }
    const dp = dps[s]
    if (k === 2) {
      const alt = Math.round(dp * (0.3 + 0.4 * rand()))
      w.s('./'); w.u(b); w.c(COLON)
      for (let i = 0; i < nAll; i++) { if (i) w.c(COMMA); w.u(i === 0 ? dp - alt : i === b ? alt : 0) }
      w.c(COLON); w.u(dp); w.s(':.:.')
      return
    }
    const gq = drawGQ()
    if (b === -2) {
      // Haploid call: AD all on the called allele, PL has one value per allele.
      w.u(a); w.c(COLON)
      for (let i = 0; i < nAll; i++) { if (i) w.c(COMMA); w.u(i === a ? dp : 0) }
      w.c(COLON); w.u(dp); w.c(COLON); w.u(gq); w.c(COLON)
      let first = true
      for (let i = 0; i < nAll; i++) {
        if (i) w.c(COMMA)
        if (i === a) w.c(48)
        else { w.u(otherPL(gq, first)); first = false }
      }
      return
    }
    if (a === 0 && b === 0 && nAll === 2) {
      // The common case in cohorts: biallelic hom-ref, PL grows with depth.
      const pl1 = gq < 99 ? gq : 99 + dp * 3
      w.c(48); w.c(rand() < 0.1 ? PIPE : SLASH); w.s('0:'); w.u(dp); w.s(',0:'); w.u(dp); w.c(COLON); w.u(gq)
      w.s(':0,'); w.u(pl1); w.c(COMMA); w.u(pl1 + 10 + dp * 30)
      return
    }
    // Diploid call with an ALT: reads split between the called alleles, a few stray reads.
    const phased = rand() < 0.1
    if (phased && a !== b && rand() < 0.5) { w.u(b); w.c(PIPE); w.u(a) } // haplotype order may be 1|0
    else { w.u(a); w.c(phased ? PIPE : SLASH); w.u(b) }
    w.c(COLON)
    const nb = Math.round(dp * (a === b ? 1 : 0.3 + 0.4 * rand()))
    let adSum = 0
    for (let i = 0; i < nAll; i++) {
      let v = 0
      if (i === b) v = nb
      if (i === a && a !== b) v = dp - nb
      if (i !== a && i !== b && rand() < 0.1) v = 1
      adSum += v
      if (i) w.c(COMMA)
      w.u(v)
    }
    w.c(COLON); w.u(dp > adSum ? dp : adSum); w.c(COLON); w.u(gq); w.c(COLON)
    let first = true
    for (let j = 0; j < nAll; j++) {
      for (let i = 0; i <= j; i++) {
        if (i || j) w.c(COMMA)
        if (i === a && j === b) w.c(48)
        else { w.u(otherPL(gq, first)); first = false }
      }
    }
  }

  return function record(chrom, cseed, pos) {
    drawAlleles(cseed, pos)
    const isX = chrom === 'chrX'
    const isY = chrom === 'chrY'
    const hapRegion = haploidXY && (isY || (isX && !par.some(([a, b]) => pos >= a && pos <= b)))
    const { an, dpSum } = drawGenotypes(hapRegion, isY)

    w.need(1024 + ref.length * 8)
    w.s(chrom); w.c(TAB); w.u(pos); w.c(TAB)
    const hasId = !lean && rand() < 0.3
    if (hasId) { w.s('rs'); w.u(rsNext) } else w.c(DOT)
    if (!lean) rsNext += 1 + ((rand() * 4000) | 0)
    w.c(TAB); w.s(ref); w.c(TAB)
    for (let k = 0; k < nA; k++) { if (k) w.c(COMMA); w.s(alts[k]) }
    w.c(TAB)
    const qv = Math.pow(10, 1.2 + 3 * rand())
    const qualMissing = rand() < 0.02
    if (qualMissing) w.c(DOT)
    else w.f(qv, 2)
    w.c(TAB)
    if (rand() < 0.04) w.c(DOT)
    else w.s(!qualMissing && qv < 30 ? 'LowQual' : 'PASS')
    w.c(TAB)
    writeInfo(an, dpSum, hasId)
    if (nS) {
      w.s(wide ? '\tGT:AD:DP:GD:GL:GQ:OG' : '\tGT:AD:DP:GQ:PL')
      const nAll = nA + 1
      for (let s = 0; s < nS; s++) {
        w.need(96 + nAll * 48)
        w.c(TAB)
        writeSample(s, nAll)
      }
    }
    w.c(NL)
  }
}

function parseArgs(argv) {
  const o = { shape: 'gatk', records: undefined, samples: undefined, seed: 1, contigs: 'human', haploidXY: true, out: undefined }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const val = () => { if (i + 1 >= argv.length) throw new Error(`${a} needs a value`); return argv[++i] }
    if (a === '--shape') o.shape = val()
    else if (a === '--records') o.records = Number(val())
    else if (a === '--samples') o.samples = Number(val())
    else if (a === '--seed') o.seed = val()
    else if (a === '--out') o.out = val()
    else if (a === '--contigs') o.contigs = val()
    else if (a === '--no-haploid-xy') o.haploidXY = false
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node bench/generate-vcf.mjs [--shape gatk|lean|wide|features] --records N --samples S --seed X [--out FILE.vcf.gz|FILE.vcf] [--contigs human|small] [--no-haploid-xy]\n')
      process.exit(0)
    } else throw new Error(`unknown argument ${a}`)
  }
  if (!SHAPES.includes(o.shape)) throw new Error(`--shape must be one of ${SHAPES.join(', ')}`)
  o.records ??= SHAPE_DEFAULTS[o.shape].records
  o.samples ??= SHAPE_DEFAULTS[o.shape].samples
  if (!Number.isFinite(o.records) || !Number.isFinite(o.samples)) throw new Error('--records and --samples must be numbers')
  if (o.contigs !== 'human' && o.contigs !== 'small') throw new Error('--contigs must be human or small')
  if (/^-?\d+$/.test(String(o.seed))) o.seed = Number(o.seed)
  return o
}

async function writeAll(stream, gen) {
  for (const chunk of gen) {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const gen = generateVcf(o)
  if (!o.out) {
    process.stdout.on('error', (e) => { if (e.code === 'EPIPE') process.exit(0); throw e })
    await writeAll(process.stdout, gen)
    return
  }
  if (o.out.endsWith('.vcf.gz')) {
    const fd = openSync(o.out, 'w')
    const threads = String(Math.max(1, availableParallelism()))
    const child = spawn('bgzip', ['-c', '-@', threads], { stdio: ['pipe', fd, 'inherit'] })
    const done = new Promise((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`bgzip exited with ${code}`))))
    })
    await writeAll(child.stdin, gen)
    child.stdin.end()
    await done
    closeSync(fd)
    const t = spawnSync('tabix', ['-f', '-p', 'vcf', o.out], { stdio: 'inherit' })
    if (t.status !== 0) throw new Error(`tabix exited with ${t.status}`)
  } else if (o.out.endsWith('.vcf')) {
    const ws = createWriteStream(o.out)
    await writeAll(ws, gen)
    ws.end()
    await once(ws, 'finish')
  } else {
    throw new Error('--out must end in .vcf or .vcf.gz')
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => { process.stderr.write(`generate-vcf: ${e.message}\n`); process.exit(1) })
}

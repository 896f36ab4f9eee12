// `bcftools stats` summary numbers (SN, TSTV, PSC) from columnar batches. Every counter follows
// bcftools 1.16 vcfstats.c (do_vcf_stats, do_snp_stats, do_sample_stats) and htslib's
// bcf_set_variant_type / bcf_gt_type, quirks included, so the numbers can be diffed exactly.
import { GT_VECTOR_END, type RecordBatch } from '../batch/batch.js'
import { Col, WType } from '../wasm/core.js'
import { resolveSamples, select, type SelectOptions } from '../pipeline/select.js'
import type { VcfReader } from '../reader/reader.js'

// htslib VCF_* variant type bits (the batch's vtype column uses the same ones)
const SNP = 1, MNP = 2, INDEL = 4, OTHER = 8, BND = 16, OVERLAP = 32

// htslib vcfutils.h genotype classes
export const enum Gt { HOM_RR = 0, HOM_AA = 1, HET_RA = 2, HET_AA = 3, HAPL_R = 4, HAPL_A = 5, UNKN = 6 }

export interface SampleStats {
  sample: string
  nRefHom: number
  nNonRefHom: number
  nHets: number
  nTransitions: number
  nTransversions: number
  nIndels: number
  /** As bcftools prints it: a float average rounded to one decimal (0 when no depth was seen). */
  averageDepth: number
  nSingletons: number
  nHapRef: number
  nHapAlt: number
  nMissing: number
}

export interface StatsResult {
  /** Samples in the header (bcftools reports these, whatever -s selects). */
  samples: number
  records: number
  noAlts: number
  snps: number
  mnps: number
  indels: number
  others: number
  multiallelicSites: number
  multiallelicSnpSites: number
  ts: number
  tv: number
  tsAlt1: number
  tvAlt1: number
  /** Per-sample counts; present only when samples were selected (bcftools stats -s). */
  perSample?: SampleStats[]
}

/** bcf_acgt2int: A C G T (any case) -> 0..3, else -1. */
function acgt(c: number): number {
  if (c > 96) c -= 32
  return c === 65 ? 0 : c === 67 ? 1 : c === 71 ? 2 : c === 84 ? 3 : -1
}
const up = (c: number) => (c >= 97 && c <= 122 ? c - 32 : c)
const NON_REF = [...'NON_REF>'].map((c) => c.charCodeAt(0))
function isNonRef(b: Uint8Array, p: number): boolean {
  for (let k = 0; k < NON_REF.length; k++) if (b[p + k] !== NON_REF[k]) return false
  return true
}

/**
 * htslib bcf_set_variant_type for one ALT allele b[a, a+al) against REF b[r, r+rl): VCF_* bits
 * without INS/DEL. The WASM core ORs the same over all alleles into vtype; stats needs each one.
 */
export function alleleType(b: Uint8Array, r: number, rl: number, a: number, al: number): number {
  if (al === 0) return 0 // empty allele ("A,,C"): the core skips it too
  const a0 = b[a]
  if (a0 === 42 /* * */ && al === 1) return OVERLAP
  if (rl === 1 && al === 1) return a0 === 46 /* . */ || b[r] === a0 || a0 === 88 /* X */ ? 0 : SNP
  if (a0 === 60 /* < */) {
    // htslib tests prefixes here: "<X>" and "<*>", and NON_REF exactly
    if (al >= 3 && (b[a + 1] === 88 || b[a + 1] === 42) && b[a + 2] === 62) return 0
    if (al === 9 && isNonRef(b, a + 1)) return 0
    return OTHER
  }
  if (a0 === 93 || a0 === 91) return BND // "joined before" breakend
  let i = 0
  while (i < rl && i < al && up(b[r + i]) === up(b[a + i])) i++
  if (i < al && i === rl) return b[a + i] === 93 || b[a + i] === 91 ? BND : INDEL
  if (i < rl && i === al) return INDEL
  if (i === rl && i === al) return 0
  // first mismatch at i: trim the common suffix
  let re = rl - 1, ae = al - 1
  while (re > i && ae > i && up(b[r + re]) === up(b[a + ae])) { re--; ae-- }
  if (ae === i) return re === i ? SNP : up(b[r + re]) === up(b[a + ae]) ? INDEL : OTHER
  if (re === i) return up(b[r + re]) === up(b[a + ae]) ? INDEL : OTHER
  return re - i === ae - i ? MNP : OTHER
}

/**
 * htslib bcf_gt_type over one sample's BCF-encoded GT values i32[base, base+stride).
 * Writes the allele indices (ial <= jal, 0 = ref) to out[0], out[1]. Any missing allele makes
 * the whole genotype unknown, as in htslib. Hot: runs samples x records times (a candidate
 * for the WASM core).
 */
export function classifyGt(i32: Int32Array, base: number, stride: number, out: Int32Array): Gt {
  let nals = 0, hasRef = false, hasAlt = 0, ial = 0, jal = 0
  for (let k = 0; k < stride; k++) {
    const v = i32[base + k]
    if (v === GT_VECTOR_END) break // smaller ploidy
    const t = v >> 1
    if (t === 0) { out[0] = out[1] = 0; return Gt.UNKN }
    if (t > 1) {
      if (!ial) { ial = t; hasAlt = 1 }
      else if (t !== ial) {
        if (t < ial) { jal = ial; ial = t } else jal = t
        hasAlt = 2
      }
    } else hasRef = true
    nals++
  }
  out[0] = ial > 0 ? ial - 1 : 0
  out[1] = jal > 0 ? jal - 1 : 0
  if (!nals) return Gt.UNKN
  if (nals === 1) return hasRef ? Gt.HAPL_R : Gt.HAPL_A
  if (!hasRef) return hasAlt === 1 ? Gt.HOM_AA : Gt.HET_AA
  return hasAlt ? Gt.HET_RA : Gt.HOM_RR
}

/** Accumulates bcftools stats counters over batches; add() every batch, then result(). */
export class VcfStats {
  /** FORMAT tags add() reads: request them from the reader when per-sample stats are wanted. */
  static readonly FORMAT = ['GT', 'DP', 'AD']
  private records = 0; private noAlts = 0; private snps = 0; private mnps = 0; private indels = 0
  private others = 0; private mals = 0; private snpMals = 0
  private ts = 0; private tv = 0; private tsAlt1 = 0; private tvAlt1 = 0
  // per selected sample (index into `samples`, not the header)
  private readonly homRR: Int32Array; private readonly homAA: Int32Array; private readonly hets: Int32Array
  private readonly sTs: Int32Array; private readonly sTv: Int32Array; private readonly sIndels: Int32Array
  private readonly sngl: Int32Array; private readonly hapRef: Int32Array; private readonly hapAlt: Int32Array
  private readonly missing: Int32Array; private readonly ndp: Int32Array
  private readonly dp: Float64Array // sums (exact below 2^53; bcftools uses unsigned long)
  // per-allele scratch of the current record: type bits and first base
  private types = new Int32Array(16)
  private first = new Int32Array(16)
  private readonly gtOut = new Int32Array(2)

  /**
   * @param sampleNames all header samples
   * @param samples header indices for per-sample stats (bcftools -s), or undefined for none
   */
  constructor(private readonly sampleNames: string[], private readonly samples?: number[]) {
    const n = samples?.length ?? 0
    this.homRR = new Int32Array(n); this.homAA = new Int32Array(n); this.hets = new Int32Array(n)
    this.sTs = new Int32Array(n); this.sTv = new Int32Array(n); this.sIndels = new Int32Array(n)
    this.sngl = new Int32Array(n); this.hapRef = new Int32Array(n); this.hapAlt = new Int32Array(n)
    this.missing = new Int32Array(n); this.ndp = new Int32Array(n); this.dp = new Float64Array(n)
  }

  add(batch: RecordBatch): void {
    const generation = batch.generation // columns below are views: no core call may follow
    const perSample = this.samples !== undefined && this.samples.length > 0
    const gt = perSample ? batch.formatColumn('GT') : undefined
    const dpCol = perSample ? batch.formatColumn('DP') : undefined
    const adCol = perSample ? batch.formatColumn('AD') : undefined
    // bcftools aborts on non-integer DP/AD ("todo"); we ignore them instead
    const dp = dpCol?.tag.wtype === WType.INT ? dpCol : undefined
    const ad = adCol?.tag.wtype === WType.INT ? adCol : undefined
    const sel = batch.selected, vtype = batch.vtype, nAllele = batch.nAllele
    for (let i = 0; i < batch.n; i++) {
      if (sel && !sel[i]) continue
      const t = vtype[i], na = nAllele[i]
      this.records++
      if (t === 0) this.noAlts++
      const gtStride = gt ? gt.stride[i] : 0
      if (t & SNP || gtStride > 0) this.alleles(batch, i, na)
      if (t & SNP) { this.snps++; this.snpStats(batch, i, na) }
      if (t & INDEL) this.indels++
      if (t & MNP) this.mnps++
      if (t & OTHER) this.others++
      if (na > 2) {
        this.mals++
        if (t === SNP) this.snpMals++ // bcftools: "fooled by C>C,T"
      }
      if (gtStride > 0) this.genotypes(batch, i, na, gt!.at[i], gtStride)
      if (perSample) {
        if (dp && dp.stride[i] > 0) this.depth(batch, dp.at[i], dp.stride[i], true)
        else if (ad && ad.stride[i] > 0) this.depth(batch, ad.at[i], ad.stride[i], false)
      }
    }
    batch.checkGeneration(generation)
  }

  /** Fills types[1..na) and first[0..na) for record i by scanning REF/ALT bytes. */
  private alleles(batch: RecordBatch, i: number, na: number): void {
    if (na > this.types.length) {
      this.types = new Int32Array(na * 2)
      this.first = new Int32Array(na * 2)
    }
    const b = batch.bytes
    const r = batch.col(Col.REF_START)[i], rl = batch.col(Col.REF_END)[i] - r
    const end = batch.col(Col.ALT_END)[i]
    this.first[0] = b[r]
    let a = batch.col(Col.ALT_START)[i]
    for (let k = 1; k < na; k++) {
      let c = a
      while (c < end && b[c] !== 44 /* , */) c++
      this.types[k] = alleleType(b, r, rl, a, c - a)
      this.first[k] = c > a ? b[a] : 0
      a = c + 1
    }
  }

  /** do_snp_stats: ts/tv by the first bases of REF and each SNP allele (bcftools' shortcut). */
  private snpStats(batch: RecordBatch, i: number, na: number): void {
    const ref = acgt(this.first[0])
    if (ref < 0) return
    for (let k = 1; k < na; k++) {
      if (!(this.types[k] & SNP)) continue
      const alt = acgt(this.first[k])
      if (alt < 0 || alt === ref) continue
      if (Math.abs(ref - alt) === 2) { this.ts++; if (k === 1) this.tsAlt1++ }
      else { this.tv++; if (k === 1) this.tvAlt1++ }
    }
  }

  /** Type of allele k; htslib exits on an out-of-range allele, we call it a reference allele. */
  private typeOf(k: number, na: number): number { return k > 0 && k < na ? this.types[k] : 0 }

  /** do_sample_stats, genotype part. Hot: samples x records. */
  private genotypes(batch: RecordBatch, i: number, na: number, at: number, stride: number): void {
    const samples = this.samples!, i32 = batch.i32, out = this.gtOut
    const ref = acgt(this.first[0])
    let nNref = 0, iNref = 0
    for (let j = 0; j < samples.length; j++) {
      const g = classifyGt(i32, at + samples[j] * stride, stride, out)
      if (g === Gt.UNKN) { this.missing[j]++; continue }
      if (g === Gt.HAPL_R) { this.hapRef[j]++; continue }
      if (g === Gt.HAPL_A) { this.hapAlt[j]++; continue }
      if (g !== Gt.HOM_RR) { nNref++; iNref = j }
      const ial = out[0], jal = out[1]
      const vt = this.typeOf(ial, na) | this.typeOf(jal, na)
      if (vt & SNP || vt === 0) { // bcftools counts ALT=. as SNP
        if (g === Gt.HET_RA || g === Gt.HET_AA) this.hets[j]++
        else if (g === Gt.HOM_RR) this.homRR[j]++
        else this.homAA[j]++
        if (g !== Gt.HOM_RR && this.typeOf(ial, na) & SNP) {
          const alt = acgt(this.first[ial])
          if (alt < 0) continue // as bcftools: this also skips the indel count below
          if (Math.abs(ref - alt) === 2) this.sTs[j]++
          else this.sTv[j]++
        }
      }
      if (vt & INDEL && g !== Gt.HOM_RR) this.sIndels[j]++
    }
    if (nNref === 1) this.sngl[iNref]++
  }

  /**
   * do_sample_stats, depth part: FORMAT/DP's first value, else the sum of FORMAT/AD.
   * bcftools 1.16 reads these by position in the selection, not by sample (wrong depths with
   * a -s subset); we read each selected sample's own values.
   */
  private depth(batch: RecordBatch, at: number, stride: number, first: boolean): void {
    const samples = this.samples!
    for (let j = 0; j < samples.length; j++) {
      const base = at + samples[j] * stride
      let sum = 0, has = false
      for (let k = 0; k < (first ? 1 : stride); k++) {
        if (batch.isVectorEnd(base + k)) break
        if (batch.isMissing(base + k)) continue
        has = true
        sum += batch.f64[base + k]
      }
      if (has) { this.ndp[j]++; this.dp[j] += sum }
    }
  }

  result(): StatsResult {
    const r: StatsResult = {
      samples: this.sampleNames.length, records: this.records, noAlts: this.noAlts, snps: this.snps,
      mnps: this.mnps, indels: this.indels, others: this.others, multiallelicSites: this.mals,
      multiallelicSnpSites: this.snpMals, ts: this.ts, tv: this.tv, tsAlt1: this.tsAlt1, tvAlt1: this.tvAlt1,
    }
    if (this.samples) {
      r.perSample = this.samples.map((s, j) => ({
        sample: this.sampleNames[s], nRefHom: this.homRR[j], nNonRefHom: this.homAA[j], nHets: this.hets[j],
        nTransitions: this.sTs[j], nTransversions: this.sTv[j], nIndels: this.sIndels[j],
        // bcftools: smpl_dp / (float)smpl_ndp, a float quotient
        averageDepth: Number(printfFixed(this.ndp[j] ? Math.fround(Math.fround(this.dp[j]) / Math.fround(this.ndp[j])) : 0, 1)),
        nSingletons: this.sngl[j], nHapRef: this.hapRef[j], nHapAlt: this.hapAlt[j], nMissing: this.missing[j],
      }))
    }
    return r
  }
}

/** C printf("%.Nf", x) for x >= 0: JavaScript's toFixed rounds exact ties up, C to even. */
export function printfFixed(x: number, digits: number): string {
  const s = x.toFixed(digits)
  const long = x.toFixed(digits + 25) // exact expansion: a tie shows as 5000…
  const tail = long.slice(long.length - 25)
  if (!/^50*$/.test(tail)) return s
  const kept = long.slice(0, long.length - 25)
  return Number(kept[kept.length - 1]) % 2 === 0 ? kept.replace(/\.$/, '') : s
}

/** bcftools' ts/tv: (float)ts/tv, 0 when tv is 0. */
function ratio(ts: number, tv: number): string {
  return printfFixed(tv ? Math.fround(Math.fround(ts) / Math.fround(tv)) : 0, 2)
}

/** The SN, TSTV and PSC sections laid out as `bcftools stats` prints them. */
export function formatStats(r: StatsResult, file: string): string {
  const sn = (key: string, v: number) => `SN\t0\t${key}:\t${v}\n`
  let out = '# This file was produced by vartriage stats (bcftools stats compatible SN, TSTV and PSC sections).\n' +
    `# Definition of sets:\n# ID\t[2]id\t[3]tab-separated file names\nID\t0\t${file === '-' ? '<STDIN>' : file}\n` +
    '# SN, Summary numbers:\n# SN\t[2]id\t[3]key\t[4]value\n' +
    sn('number of samples', r.samples) + sn('number of records', r.records) + sn('number of no-ALTs', r.noAlts) +
    sn('number of SNPs', r.snps) + sn('number of MNPs', r.mnps) + sn('number of indels', r.indels) +
    sn('number of others', r.others) + sn('number of multiallelic sites', r.multiallelicSites) +
    sn('number of multiallelic SNP sites', r.multiallelicSnpSites) +
    '# TSTV, transitions/transversions:\n# TSTV\t[2]id\t[3]ts\t[4]tv\t[5]ts/tv\t[6]ts (1st ALT)\t[7]tv (1st ALT)\t[8]ts/tv (1st ALT)\n' +
    `TSTV\t0\t${r.ts}\t${r.tv}\t${ratio(r.ts, r.tv)}\t${r.tsAlt1}\t${r.tvAlt1}\t${ratio(r.tsAlt1, r.tvAlt1)}\n`
  if (r.perSample) {
    out += '# PSC, Per-sample counts. Note that the ref/het/hom counts include only SNPs, for indels see PSI. The rest include both SNPs and indels.\n' +
      '# PSC\t[2]id\t[3]sample\t[4]nRefHom\t[5]nNonRefHom\t[6]nHets\t[7]nTransitions\t[8]nTransversions\t[9]nIndels\t[10]average depth\t[11]nSingletons\t[12]nHapRef\t[13]nHapAlt\t[14]nMissing\n'
    for (const s of r.perSample) {
      out += `PSC\t0\t${s.sample}\t${s.nRefHom}\t${s.nNonRefHom}\t${s.nHets}\t${s.nTransitions}\t${s.nTransversions}\t` +
        `${s.nIndels}\t${s.averageDepth.toFixed(1)}\t${s.nSingletons}\t${s.nHapRef}\t${s.nHapAlt}\t${s.nMissing}\n`
    }
  }
  return out
}

/** The same numbers as JSON, with the ratios bcftools prints. */
export function statsJson(r: StatsResult, file: string): string {
  return JSON.stringify({
    file, ...r, tstv: Number(ratio(r.ts, r.tv)), tstvAlt1: Number(ratio(r.tsAlt1, r.tvAlt1)),
  }, null, 1) + '\n'
}

export interface StatsOptions extends Omit<SelectOptions, 'samples'> {
  /** Samples for per-sample stats, bcftools -s style: names, '^' to exclude, or ['-'] for all. */
  samples?: string[]
  /** Called with the records seen (selected or not) after each batch. */
  onBatch?: (records: number) => void
}

/**
 * `bcftools stats` over a reader: regions, then -i/-e (which, as in bcftools stats, sees all
 * samples whatever -s selects), then the counters.
 */
export async function vcfStats(reader: VcfReader, opts: StatsOptions = {}): Promise<StatsResult> {
  const all = reader.header.samples
  const samples = opts.samples?.length === 1 && opts.samples[0] === '-' ? all.map((_, i) => i) : resolveSamples(all, opts.samples)
  const stats = new VcfStats(all, samples)
  const sel = select(reader, { include: opts.include, exclude: opts.exclude, regions: opts.regions },
    { format: samples?.length ? VcfStats.FORMAT : undefined })
  for await (const b of sel.batches) {
    stats.add(b)
    opts.onBatch?.(b.n)
  }
  return stats.result()
}

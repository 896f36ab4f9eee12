// Gene and transcript models of the synthetic world: designed in transcript orientation
// (so every coding sequence starts with ATG, ends with a stop, has no premature stop and
// every intron is GT…AG), then placed on a chromosome and strand.
import type { Rng } from './rng.js'
import { randomCds, randomDna } from './code.js'

export type Scale = 'small' | 'wgs'
export type GeneBiotype = 'protein_coding' | 'lncRNA' | 'miRNA'

export interface ScaleParams {
  intronMedian: number
  intronSigma: number
  intronMax: number
  maxExons: number
  flank: number
  lastExonMax: number
}

export const SCALE_PARAMS: Record<Scale, ScaleParams> = {
  small: { intronMedian: 800, intronSigma: 1.0, intronMax: 6000, maxExons: 30, flank: 1000, lastExonMax: 2500 },
  wgs: { intronMedian: 1500, intronSigma: 1.2, intronMax: 80000, maxExons: 60, flank: 2000, lastExonMax: 5000 },
}

/** An interval [start, end) in transcript-oriented offsets of a gene's region sequence. */
interface Span { s: number; e: number }

export interface TranscriptDesign {
  biotype: string
  gffType: 'mRNA' | 'lnc_RNA' | 'miRNA'
  exons: Span[]
  /** [first base of ATG, one past the stop codon) in oriented offsets. */
  cds?: Span
  canonical: boolean
}

/** A gene before placement: its region sequence in transcript orientation, flanks included. */
export interface GeneDesign {
  symbol?: string
  biotype: GeneBiotype
  /** Upstream flank + gene body + downstream flank, 5'→3' on the gene's strand. */
  seq: string
  /** The gene body [s, e) within seq. */
  body: Span
  transcripts: TranscriptDesign[]
}

const POLY_PY = (rng: Rng, n: number) => { let s = ''; for (let i = 0; i < n; i++) s += rng.chance(0.55) ? 'T' : 'C'; return s }

/** An intron of length n: a GT donor with consensus, random middle, a polypyrimidine tract and an AG acceptor. */
function intron(rng: Rng, n: number): string {
  const donor = 'GT' + rng.pick(['AAGT', 'GAGT', 'AAGA', 'GAGG', 'AAGG'])
  const acceptor = POLY_PY(rng, 16) + rng.pick(['C', 'C', 'T']) + 'AG'
  return donor + randomDna(rng, n - donor.length - acceptor.length, 0.4) + acceptor
}

function intronLength(rng: Rng, p: ScaleParams): number {
  return rng.lognormal(p.intronMedian, p.intronSigma, 80, p.intronMax)
}

/** Joins exon and intron sequences, recording exon spans (offsets within the body). */
function assemble(rng: Rng, p: ScaleParams, exonSeqs: string[]): { body: string; exons: Span[] } {
  const parts: string[] = []
  const exons: Span[] = []
  let o = 0
  exonSeqs.forEach((x, i) => {
    if (i > 0) { const n = intron(rng, intronLength(rng, p)); parts.push(n); o += n.length }
    exons.push({ s: o, e: o + x.length })
    parts.push(x)
    o += x.length
  })
  return { body: parts.join(''), exons }
}

function withFlanks(rng: Rng, p: ScaleParams, body: string): { seq: string; offset: number } {
  const up = randomDna(rng, p.flank, 0.45), down = randomDna(rng, p.flank, 0.4)
  return { seq: up + body + down, offset: up.length }
}

const shift = (xs: Span[], d: number): Span[] => xs.map((x) => ({ s: x.s + d, e: x.e + d }))

/** Splits transcript text into exon texts of the given lengths. */
function cut(tx: string, lens: number[]): string[] {
  const out: string[] = []
  let o = 0
  for (const n of lens) { out.push(tx.slice(o, o + n)); o += n }
  return out
}

/** A codon the design must hold (1-based codon number, transcript strand). */
export interface FixedCodon { codon: number; seq: string }

export function designCoding(rng: Rng, p: ScaleParams, symbol: string, fixed: readonly FixedCodon[] = []): GeneDesign {
  for (;;) {
    const n = rng.chance(0.05) ? 1 : rng.lognormal(8, 0.65, 2, p.maxExons)
    const lens: number[] = []
    for (let i = 0; i < n; i++) {
      if (n === 1) lens.push(rng.lognormal(1800, 0.5, 600, 5000))
      else if (i === 0) lens.push(rng.lognormal(220, 0.6, 60, 1500))
      else if (i === n - 1) lens.push(rng.lognormal(1000, 0.7, 200, p.lastExonMax))
      else lens.push(rng.lognormal(125, 0.45, 40, 700))
    }
    const total = () => lens.reduce((a, b) => a + b, 0)
    const u5 = n === 1 ? rng.lognormal(120, 0.6, 20, 400) : rng.chance(0.2) ? lens[0] + rng.lognormal(40, 0.5, 10, Math.max(10, lens[1] - 40)) : rng.lognormal(110, 0.7, 15, lens[0] - 10)
    let u3 = n === 1 ? rng.lognormal(600, 0.6, 80, 1500) : Math.min(lens[n - 1] - 20, rng.lognormal(700, 0.8, 60, p.lastExonMax))
    // one internal exon made skippable in frame (starts on a codon boundary, whole codons)
    let skip = -1
    if (n >= 4) {
      const k = rng.int(1, n - 2)
      const before = lens.slice(0, k).reduce((a, b) => a + b, 0)
      const c0 = before - u5
      if (c0 > 0) {
        lens[k - 1] += (3 - (c0 % 3)) % 3
        lens[k] -= lens[k] % 3
        skip = k
      }
    }
    let cdsLen = total() - u5 - u3
    u3 += cdsLen % 3
    cdsLen -= cdsLen % 3
    if (cdsLen < 150 || u3 < 10 || fixed.some((f) => f.codon > cdsLen / 3 - 20)) continue
    if (skip >= 0) {
      const start = lens.slice(0, skip).reduce((a, b) => a + b, 0) - u5
      if (start + lens[skip] > cdsLen - 3 || lens[skip] < 30) skip = -1
    }
    const utr5 = u5 >= 8 ? randomDna(rng, u5 - 6, 0.55) + 'GCCACC' : randomDna(rng, u5, 0.55)
    const utr3 = u3 >= 40 ? randomDna(rng, u3 - 30, 0.42) + 'AATAAA' + randomDna(rng, 24, 0.4) : randomDna(rng, u3, 0.42)
    let cds = randomCds(rng, cdsLen / 3)
    for (const f of fixed) cds = cds.slice(0, (f.codon - 1) * 3) + f.seq + cds.slice(f.codon * 3)
    const tx = utr5 + cds + utr3
    const { body, exons } = assemble(rng, p, cut(tx, lens))
    const { seq, offset } = withFlanks(rng, p, body)
    const ex = shift(exons, offset)
    const cdsSpan = txSpanToBody(ex, u5, u5 + cdsLen)
    const transcripts: TranscriptDesign[] = [{ biotype: 'protein_coding', gffType: 'mRNA', exons: ex, cds: cdsSpan, canonical: true }]
    if (skip >= 0 && rng.chance(0.7)) {
      transcripts.push({ biotype: 'protein_coding', gffType: 'mRNA', exons: ex.filter((_, i) => i !== skip), cds: cdsSpan, canonical: false })
    }
    const inFirst = Math.min(u5, lens[0])
    if (n >= 2 && inFirst >= 60 && rng.chance(0.4)) { // alternative transcription start inside exon 1
      const alt = ex.map((x) => ({ ...x }))
      alt[0].s += rng.int(20, inFirst - 30)
      transcripts.push({ biotype: 'protein_coding', gffType: 'mRNA', exons: alt, cds: cdsSpan, canonical: false })
    }
    if (n >= 3 && rng.chance(0.3)) { // a retained-intron transcript, non-coding
      const k = rng.int(0, n - 3)
      const kept = ex.slice(k, Math.min(n, k + 3)).map((x) => ({ ...x }))
      kept[0].e = kept[1].e
      kept.splice(1, 1)
      transcripts.push({ biotype: 'retained_intron', gffType: 'lnc_RNA', exons: kept, canonical: false })
    }
    return { symbol, biotype: 'protein_coding', seq, body: { s: offset, e: offset + body.length }, transcripts }
  }
}

/** Maps [a, b) of transcript (spliced) offsets to body offsets: first base and one past the last. */
function txSpanToBody(exons: Span[], a: number, b: number): Span {
  const at = (t: number): number => {
    let o = 0
    for (const x of exons) {
      const len = x.e - x.s
      if (t < o + len) return x.s + (t - o)
      o += len
    }
    throw new Error(`transcript offset ${t} beyond the exons`)
  }
  return { s: at(a), e: at(b - 1) + 1 }
}

export function designLnc(rng: Rng, p: ScaleParams, symbol: string | undefined): GeneDesign {
  const n = rng.chance(0.15) ? 1 : rng.int(2, 5)
  const exonSeqs: string[] = []
  for (let i = 0; i < n; i++) exonSeqs.push(randomDna(rng, rng.lognormal(n === 1 ? 1500 : 300, 0.7, 80, 4000), 0.46))
  const { body, exons } = assemble(rng, p, exonSeqs)
  const { seq, offset } = withFlanks(rng, p, body)
  const ex = shift(exons, offset)
  const transcripts: TranscriptDesign[] = [{ biotype: 'lncRNA', gffType: 'lnc_RNA', exons: ex, canonical: true }]
  if (n >= 3 && rng.chance(0.3)) transcripts.push({ biotype: 'lncRNA', gffType: 'lnc_RNA', exons: ex.filter((_, i) => i !== 1), canonical: false })
  return { symbol, biotype: 'lncRNA', seq, body: { s: offset, e: offset + body.length }, transcripts }
}

export function designMirna(rng: Rng, p: ScaleParams, symbol: string): GeneDesign {
  // a pre-miRNA hairpin: arm, loop, reverse-complement arm
  const arm = randomDna(rng, rng.int(25, 35), 0.5)
  const loop = randomDna(rng, rng.int(8, 14), 0.4)
  const comp: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' }
  const hairpin = randomDna(rng, 6, 0.5) + arm + loop + [...arm].reverse().map((b) => comp[b]).join('') + randomDna(rng, 6, 0.5)
  const { seq, offset } = withFlanks(rng, { ...p, flank: Math.min(p.flank, 500) }, hairpin)
  const ex = [{ s: offset, e: offset + hairpin.length }]
  return { symbol, biotype: 'miRNA', seq, body: ex[0], transcripts: [{ biotype: 'miRNA', gffType: 'miRNA', exons: ex, canonical: true }] }
}

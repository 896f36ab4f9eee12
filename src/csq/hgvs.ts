// Transcript geometry (exon/intron numbers, cDNA/CDS/protein positions) and HGVS c./n./p.
// notation with the 3' rule: indels are shifted towards the transcript's 3' end before
// they are described, insertions that repeat the preceding sequence become dup.
import { STRAND_FWD, type Transcript } from './gene-model.js'
import { AA3, Codons, revcomp } from './codon.js'
import { N_REF_PAD, type TranscriptSeq } from './local.js'

export interface Place {
  /** 'exon' with a cDNA position, or 'intron' anchored at an exon boundary with an offset. */
  exon: number // 0-based exon index in transcript order, -1 in an intron
  intron: number // 0-based intron index in transcript order, -1 in an exon
  cdna: number // 1-based cDNA position (exon) or of the anchor base (intron)
  offset: number // intron: signed distance from the anchor (+ after an exon end, - before an exon start)
}

/** Per-transcript coordinates, built once per transcript. */
export class TranscriptGeometry {
  /** Exons in transcript order: [beg, end] genomic, 0-based inclusive. */
  readonly exons: Array<[number, number]>
  /** cDNA offset (bases before) of each exon in transcript order. */
  readonly before: number[]
  readonly cdnaLen: number
  /** cDNA positions (1-based) of the first and last coding bases; 0 when non-coding. */
  readonly cdsStart: number
  readonly cdsEnd: number
  readonly fwd: boolean
  private protein?: string
  private cdsSeq?: string

  constructor(readonly tr: Transcript, readonly seq: TranscriptSeq | undefined, private readonly codons: Codons) {
    this.fwd = tr.strand === STRAND_FWD
    let ex: Array<[number, number]> = tr.exons.map((e) => [e.beg, e.end])
    if (!ex.length) ex = tr.cds.length ? tr.cds.map((c) => [c.beg, c.beg + c.len - 1]) : [[tr.beg, tr.end]]
    if (!this.fwd) ex.reverse()
    this.exons = ex
    this.before = []
    let n = 0
    for (const [b, e] of ex) { this.before.push(n); n += e - b + 1 }
    this.cdnaLen = n
    if (tr.cds.length && tr.cdsLen > 0) {
      const first = this.fwd ? tr.cds[0].beg : tr.cds[tr.cds.length - 1].beg + tr.cds[tr.cds.length - 1].len - 1
      const p = this.place(first)
      this.cdsStart = p.exon >= 0 ? p.cdna : 0
      this.cdsEnd = this.cdsStart ? this.cdsStart + tr.cdsLen - 1 : 0
    } else { this.cdsStart = 0; this.cdsEnd = 0 }
  }

  get coding(): boolean { return this.cdsStart > 0 }

  /** Where genomic position g (0-based) falls on the transcript. */
  place(g: number): Place {
    const ex = this.exons
    for (let k = 0; k < ex.length; k++) {
      const [b, e] = ex[k]
      if (g >= b && g <= e) return { exon: k, intron: -1, cdna: this.before[k] + (this.fwd ? g - b : e - g) + 1, offset: 0 }
    }
    // intron (or outside): find the neighbouring exons in transcript order
    for (let k = 0; k + 1 < ex.length; k++) {
      const [b1, e1] = ex[k], [b2, e2] = ex[k + 1]
      const inside = this.fwd ? g > e1 && g < b2 : g < b1 && g > e2
      if (!inside) continue
      const d1 = this.fwd ? g - e1 : b1 - g // after exon k's 3' end
      const d2 = this.fwd ? b2 - g : g - e2 // before exon k+1's 5' start
      const endCdna = this.before[k] + (e1 - b1 + 1)
      if (d1 <= d2) return { exon: -1, intron: k, cdna: endCdna, offset: d1 }
      return { exon: -1, intron: k, cdna: endCdna + 1, offset: -d2 }
    }
    // outside the transcript
    const [fb, fe] = ex[0], [lb, le] = ex[ex.length - 1]
    const up = this.fwd ? fb - g : g - fe
    if (up > 0) return { exon: -1, intron: -1, cdna: 1, offset: -up }
    const down = this.fwd ? g - le : lb - g
    return { exon: -1, intron: -1, cdna: this.cdnaLen, offset: down }
  }

  /** HGVS coordinate text of a genomic position: c.123, c.-5, c.*7, c.88+2 (n. for non-coding). */
  coord(g: number): string {
    const p = this.place(g)
    let base: string
    const c = p.cdna
    if (!this.coding) base = String(c)
    else if (c < this.cdsStart) base = `-${this.cdsStart - c}`
    else if (c > this.cdsEnd) base = `*${c - this.cdsEnd}`
    else base = String(c - this.cdsStart + 1)
    if (p.offset > 0) return `${base}+${p.offset}`
    if (p.offset < 0) return `${base}${p.offset}`
    return base
  }

  /** Coding sequence on the transcript strand (from the spliced reference). */
  cds(): string {
    if (this.cdsSeq === undefined) {
      const s = this.seq?.sref ?? ''
      const g = s.slice(N_REF_PAD, s.length - N_REF_PAD)
      this.cdsSeq = this.fwd ? g : revcomp(g)
    }
    return this.cdsSeq
  }

  proteinSeq(): string {
    if (this.protein === undefined) this.protein = translateToStop(this.codons, this.cds())
    return this.protein
  }

  /** 1-based CDS position of genomic g when g is coding, else 0. */
  cdsPos(g: number): number {
    if (!this.coding) return 0
    const p = this.place(g)
    if (p.exon < 0 || p.cdna < this.cdsStart || p.cdna > this.cdsEnd) return 0
    return p.cdna - this.cdsStart + 1
  }
}

export function translateToStop(codons: Codons, s: string): string {
  let out = ''
  for (let i = 0; i + 3 <= s.length; i += 3) {
    const a = codons.aa(s, i)
    out += a
    if (a === '*') break
  }
  return out
}

const aa3 = (a: string) => AA3[a] ?? 'Xaa'

export interface Hgvs {
  hgvsc?: string
  hgvsp?: string
  cdnaPosition?: string
  cdsPosition?: string
  proteinPosition?: string
  aminoAcids?: string
  codons?: string
}

/** Trims a REF/ALT pair: common suffix, then common prefix. Returns [start0, ref, alt]. */
export function trimAlleles(pos: number, ref: string, alt: string): [number, string, string] {
  let e = 0
  while (e < ref.length && e < alt.length && ref[ref.length - 1 - e] === alt[alt.length - 1 - e]) e++
  ref = ref.slice(0, ref.length - e); alt = alt.slice(0, alt.length - e)
  let b = 0
  while (b < ref.length && b < alt.length && ref[b] === alt[b]) b++
  return [pos + b, ref.slice(b), alt.slice(b)]
}

function range(a: number, b: number): string { return a === b ? String(a) : `${a}-${b}` }

/**
 * HGVS and positions for one allele on one transcript. `pos` is 0-based; alleles are
 * VCF alleles. Returns what applies (nothing outside the transcript).
 */
export function describe(geo: TranscriptGeometry, codons: Codons, pos: number, vref: string, valt: string): Hgvs {
  const out: Hgvs = {}
  const seq = geo.seq
  if (!seq || valt[0] === '<' || valt === '*') return out
  const tr = geo.tr
  let [s, ref, alt] = trimAlleles(pos, vref, valt)
  if (!ref.length && !alt.length) return out
  const R = seq.ref
  const off = N_REF_PAD - tr.beg // genomic g -> R index g + off
  const at = (g: number) => R[g + off] ?? 'N'
  // positions (unshifted, VEP style)
  const e = ref.length ? s + ref.length - 1 : s - 1 // insertion: between e=s-1 and s
  const p1 = geo.place(ref.length ? s : s - 1), p2 = geo.place(ref.length ? e : s)
  const lo = geo.fwd ? p1 : p2, hi = geo.fwd ? p2 : p1
  if (lo.exon >= 0 || hi.exon >= 0) {
    const a = lo.exon >= 0 ? lo.cdna : '?', b = hi.exon >= 0 ? hi.cdna : '?'
    out.cdnaPosition = a === b ? String(a) : `${a}-${b}`
    if (geo.coding) {
      const c1 = geo.cdsPos(geo.fwd ? (ref.length ? s : s - 1) : (ref.length ? e : s))
      const c2 = geo.cdsPos(geo.fwd ? (ref.length ? e : s) : (ref.length ? s : s - 1))
      if (c1 || c2) {
        out.cdsPosition = c1 && c2 ? range(c1, c2) : `${c1 || '?'}-${c2 || '?'}`
        if (c1 && c2) out.proteinPosition = range(Math.ceil(c1 / 3), Math.ceil(c2 / 3))
      }
    }
  }
  // 3' shift on the transcript strand (bounded by the cached transcript sequence)
  let hs = s, href = ref, halt = alt
  const minG = tr.beg - N_REF_PAD + 1, maxG = tr.end + N_REF_PAD - 1
  if (!href.length || !halt.length) {
    const ins = !href.length
    let x = ins ? halt : href
    if (geo.fwd) {
      // shift right: the base after the event equals the event's first base
      let nxt = ins ? hs : hs + x.length
      while (nxt <= maxG && at(nxt) === x[0]) { x = x.slice(1) + x[0]; hs++; nxt++ }
    } else {
      let prv = hs - 1
      while (prv >= minG && at(prv) === x[x.length - 1]) { x = x[x.length - 1] + x.slice(0, -1); hs--; prv-- }
    }
    if (ins) halt = x; else href = x
  }
  const tx = (g: string) => (geo.fwd ? g : revcomp(g))
  const prefix = geo.coding ? 'c.' : 'n.'
  const span = (a: number, b: number) => {
    const ca = geo.coord(geo.fwd ? a : b), cb = geo.coord(geo.fwd ? b : a)
    return ca === cb ? ca : `${ca}_${cb}`
  }
  let c: string
  if (href.length === 1 && halt.length === 1) c = `${geo.coord(hs)}${tx(href)}>${tx(halt)}`
  else if (!halt.length) c = `${span(hs, hs + href.length - 1)}del`
  else if (!href.length) {
    const L = halt.length
    // dup: the inserted bases repeat the bases just 5' of the insertion on the transcript strand
    const before = geo.fwd ? rangeSeq(at, hs - L, hs - 1) : rangeSeq(at, hs, hs + L - 1)
    if (before === halt) c = geo.fwd ? `${span(hs - L, hs - 1)}dup` : `${span(hs, hs + L - 1)}dup`
    else c = `${geo.fwd ? `${geo.coord(hs - 1)}_${geo.coord(hs)}` : `${geo.coord(hs)}_${geo.coord(hs - 1)}`}ins${tx(halt)}`
  } else c = `${span(hs, hs + href.length - 1)}delins${tx(halt)}`
  out.hgvsc = `${tr.id}${tr.version ? '.' + tr.version : ''}:${prefix}${c}`

  // protein level: only for changes inside one CDS piece
  if (!geo.coding) return out
  const piece = tr.cds.find((cd) => (ref.length ? s >= cd.beg && e <= cd.beg + cd.len - 1 : s - 1 >= cd.beg && s <= cd.beg + cd.len - 1))
  if (!piece) return out
  const k = piece.pos + (s - piece.beg)
  const refC = geo.cds()
  const altT = geo.fwd ? alt : revcomp(alt) // the change on the transcript strand
  // codons and amino acids around the change (transcript strand)
  const cb = geo.fwd ? k : tr.cdsLen - (k + ref.length) // 0-based CDS start of the change
  const c0 = Math.floor((ref.length ? cb : Math.max(cb - 1, 0)) / 3) * 3
  const rEnd = Math.max(cb + ref.length, c0 + 3)
  const c1 = Math.ceil(rEnd / 3) * 3
  const refCod = refC.slice(c0, c1)
  const aEnd = c1 + (alt.length - ref.length)
  const head = refC.slice(c0, cb) + altT
  const altCod = (head + refC.slice(cb + ref.length, cb + ref.length + Math.max(0, aEnd - c0 - head.length))).slice(0, Math.max(aEnd - c0, 0))
  const mark = (cod: string, from: number, len: number) => cod.slice(0, from).toLowerCase() + cod.slice(from, from + len).toUpperCase() + cod.slice(from + len).toLowerCase()
  out.codons = `${mark(refCod, cb - c0, ref.length)}/${mark(altCod, cb - c0, alt.length) || '-'}`
  const refAa = translateCodons(codons, refCod), altAa = translateCodons(codons, altCod)
  out.aminoAcids = refAa === altAa ? refAa : `${refAa}/${altAa || '-'}`
  // the changed protein: unchanged up to the first affected codon; an in-frame change rejoins
  // the reference frame after its codons, a frameshift is translated until its first stop
  const P = geo.proteinSeq()
  const frameshift = (alt.length - ref.length) % 3 !== 0
  let A: string
  if (frameshift) A = P.slice(0, c0 / 3) + translateToStop(codons, head + refC.slice(cb + ref.length))
  else {
    const we = Math.ceil((cb + ref.length) / 3) * 3
    const seg = translateToStop(codons, head + refC.slice(cb + ref.length, Math.max(we, cb + ref.length)))
    A = P.slice(0, c0 / 3) + seg
    if (!seg.endsWith('*')) A += P.slice(we / 3)
  }
  const pid = tr.proteinId ?? `${tr.id}${tr.version ? '.' + tr.version : ''}`
  let hp = proteinChange(P, A, frameshift)
  // synonymous: the residue and '=' (VEP writes p.Ala2=)
  if (!hp && P === A && Math.floor(cb / 3) < P.length) hp = `${aa3(P[Math.floor(cb / 3)])}${Math.floor(cb / 3) + 1}=`
  if (hp) out.hgvsp = `${pid}:p.${hp}`
  return out
}

function rangeSeq(at: (g: number) => string, a: number, b: number): string {
  let s = ''
  for (let g = a; g <= b; g++) s += at(g)
  return s
}

function translateCodons(codons: Codons, s: string): string {
  let out = ''
  for (let i = 0; i < s.length; i += 3) out += i + 3 <= s.length ? codons.aa(s.toUpperCase(), i) : 'X'
  return out
}

/** HGVS p. (three-letter) of a change from protein P to protein A (both up to their first stop). */
export function proteinChange(P: string, A: string, frameshift: boolean): string | undefined {
  let i = 0
  while (i < P.length && i < A.length && P[i] === A[i]) i++
  if (i === P.length && i === A.length) {
    return undefined
  }
  if (i === 0 && P[0] === 'M' && A[0] !== 'M') return 'Met1?'
  if (i >= P.length) return undefined // change after the reference stop
  if (frameshift) {
    if (i < A.length && A[i] === '*') return `${aa3(P[i])}${i + 1}Ter`
    const t = A.indexOf('*', i)
    const alt1 = i < A.length ? aa3(A[i]) : 'Xaa'
    return `${aa3(P[i])}${i + 1}${alt1}fsTer${t >= 0 ? t - i + 1 : '?'}`
  }
  if (A[i] === '*' && P[i] !== '*') return `${aa3(P[i])}${i + 1}Ter` // nonsense
  // common suffix (not crossing i)
  let j = 0
  while (j < P.length - i && j < A.length - i && P[P.length - 1 - j] === A[A.length - 1 - j]) j++
  let r = P.slice(i, P.length - j), a = A.slice(i, A.length - j)
  if (P[i] === '*') {
    // stop lost: extension
    const t = A.indexOf('*', i + 1)
    return `Ter${i + 1}${aa3(A[i] ?? 'X')}extTer${t >= 0 ? t - i : '?'}`
  }
  if (r.length === 1 && a.length === 1) return `${aa3(r)}${i + 1}${aa3(a)}`
  if (a.includes('*')) a = a.slice(0, a.indexOf('*') + 1)
  if (!a.length) {
    // deletion, shifted 3' while the next residue equals the first deleted one
    let st = i
    while (st + r.length < P.length && P[st + r.length] === P[st] && P[st] !== '*') st++
    r = P.slice(st, st + r.length)
    return r.length === 1 ? `${aa3(r)}${st + 1}del` : `${aa3(r[0])}${st + 1}_${aa3(r[r.length - 1])}${st + r.length}del`
  }
  if (!r.length) {
    let st = i // inserted before P[st]
    let ins = a
    while (st < P.length && P[st] === ins[0] && P[st] !== '*') { ins = ins.slice(1) + ins[0]; st++ }
    const L = ins.length
    if (st - L >= 0 && P.slice(st - L, st) === ins) {
      return L === 1 ? `${aa3(ins)}${st}dup` : `${aa3(ins[0])}${st - L + 1}_${aa3(ins[L - 1])}${st}dup`
    }
    if (st === 0 || st >= P.length) return undefined
    return `${aa3(P[st - 1])}${st}_${aa3(P[st])}${st + 1}ins${[...ins].map(aa3).join('')}`
  }
  if (a[0] === '*' && a.length === 1) return `${aa3(r[0])}${i + 1}Ter`
  const head = r.length === 1 ? `${aa3(r)}${i + 1}` : `${aa3(r[0])}${i + 1}_${aa3(r[r.length - 1])}${i + r.length}`
  return `${head}delins${[...a].map(aa3).join('')}`
}

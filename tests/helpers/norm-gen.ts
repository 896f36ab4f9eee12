// Seeded FASTA + VCF generator for the normalisation differential tests: a reference built
// from repeats (homopolymers, di- and trinucleotide repeats, a 150 bp and a 2.5 kb repeat),
// soft-masked stretches and IUPAC codes, and a VCF of indels placed anywhere inside those
// repeats (not left-aligned), indels with extra context, at contig starts, multi-allelic
// records mixing SNVs, MNPs and indels (Number=A/R/G INFO and FORMAT values, haploid and
// missing genotypes), complex MNPs, symbolic alleles (<DEL>, <*>) and '*'. Optionally
// deliberately wrong REF alleles and ALTs equal to REF, for --check-ref.
import { prng } from '../../bench/generate-vcf.mjs'

export interface NormGenOptions {
  seed: number
  /** Records per contig (about). */
  records?: number
  /** Fraction of records with a REF that does not match the reference. */
  wrongRef?: number
}

interface Repeat { start: number; end: number; unit: number }

const BASES = 'ACGT'

export function generateNormCase(o: NormGenOptions): { fasta: string; vcf: string } {
  const rnd = prng(o.seed)
  const int = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1))
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]
  const base = () => pick(BASES.split(''))
  const contigs: { name: string; seq: string; repeats: Repeat[] }[] = []
  for (let c = 0; c < 3; c++) {
    let seq = ''
    const repeats: Repeat[] = []
    const target = 12000 + int(0, 8000)
    let longDone = c !== 1
    while (seq.length < target) {
      const r = rnd()
      let piece: string
      let unit = 0
      if (!longDone && seq.length > 5000) { unit = pick([1, 2]); piece = (unit === 1 ? base() : base() + base()).repeat(unit === 1 ? 2500 : 1250); longDone = true }
      else if (r < 0.3) piece = Array.from({ length: int(3, 40) }, base).join('')
      else if (r < 0.5) { unit = 1; piece = base().repeat(rnd() < 0.05 ? 150 : int(3, 25)) }
      else if (r < 0.7) { unit = 2; piece = (base() + base()).repeat(int(3, 15)) }
      else if (r < 0.85) { unit = 3; piece = (base() + base() + base()).repeat(int(3, 10)) }
      else if (r < 0.95) { unit = 4; piece = (base() + base() + base() + base()).repeat(int(2, 6)) }
      else piece = rnd() < 0.5 ? 'N'.repeat(int(1, 5)) : pick(['R', 'Y', 'K', 'M'])
      if (rnd() < 0.15) piece = piece.toLowerCase()
      if (unit) repeats.push({ start: seq.length, end: seq.length + piece.length, unit })
      seq += piece
    }
    contigs.push({ name: `ctg${c + 1}`, seq, repeats })
  }
  const fasta = contigs.map((c) => `>${c.name} generated\n${c.seq.replace(/(.{60})/g, '$1\n').replace(/\n$/, '')}\n`).join('')

  let vcf = '##fileformat=VCFv4.2\n'
  vcf += '##FILTER=<ID=PASS,Description="All filters passed">\n##FILTER=<ID=q10,Description="Quality below 10">\n'
  vcf += '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
  vcf += '##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">\n'
  vcf += '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">\n'
  vcf += '##INFO=<ID=RC,Number=R,Type=Integer,Description="Read count per allele">\n'
  vcf += '##INFO=<ID=GL3,Number=G,Type=Float,Description="Site likelihoods">\n'
  vcf += '##INFO=<ID=TAG,Number=A,Type=String,Description="Per-ALT label">\n'
  vcf += '##INFO=<ID=RTAG,Number=R,Type=String,Description="Per-allele label">\n'
  vcf += '##INFO=<ID=DB,Number=0,Type=Flag,Description="dbSNP">\n'
  vcf += '##INFO=<ID=END,Number=1,Type=Integer,Description="End position">\n'
  vcf += '##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">\n'
  vcf += '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
  vcf += '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths">\n'
  vcf += '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
  vcf += '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">\n'
  vcf += '##FORMAT=<ID=PL,Number=G,Type=Integer,Description="Phred-scaled likelihoods">\n'
  vcf += '##FORMAT=<ID=VAF,Number=A,Type=Float,Description="Allele fraction">\n'
  vcf += '##FORMAT=<ID=FT,Number=A,Type=String,Description="Per-ALT filter">\n'
  for (const c of contigs) vcf += `##contig=<ID=${c.name},length=${c.seq.length}>\n`
  vcf += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\n'

  const AF = ['0.5', '0.25', '0.125', '0.1', '0.333333', '0.01', '1', '0']
  const lines: { chrom: number; pos: number; text: string }[] = []
  const samples = (nal: number, haploidS3: boolean): string => {
    const ng = (nal * (nal + 1)) / 2
    const out: string[] = []
    for (let s = 0; s < 3; s++) {
      const hap = s === 2 && haploidS3
      const r = rnd()
      if (r < 0.06) { out.push(pick(['./.', '.', './.:.:.:.:.:.:.'])); continue }
      const a = () => (rnd() < 0.05 ? '.' : String(int(0, nal - 1)))
      const gt = hap ? a() : `${a()}${rnd() < 0.2 ? '|' : '/'}${a()}`
      const ad = Array.from({ length: nal }, () => (rnd() < 0.05 ? '.' : String(int(0, 30)))).join(',')
      const pl = rnd() < 0.05 ? '.' : Array.from({ length: hap ? nal : ng }, () => String(int(0, 99))).join(',')
      const vaf = Array.from({ length: nal - 1 }, () => pick(AF)).join(',')
      const ft = Array.from({ length: nal - 1 }, () => pick(['P', 'F'])).join(',')
      out.push(`${gt}:${ad}:${int(0, 90)}:${int(0, 99)}:${pl}:${vaf}:${ft}`)
    }
    return out.join('\t')
  }
  const info = (nal: number): string => {
    const parts = [`DP=${int(1, 300)}`]
    const n = nal - 1
    if (n > 0) {
      if (rnd() < 0.8) parts.push(`AC=${Array.from({ length: n }, () => int(0, 6)).join(',')}`)
      if (rnd() < 0.8) parts.push(`AF=${Array.from({ length: n }, () => pick(AF)).join(',')}`)
      if (rnd() < 0.5) parts.push(`RC=${Array.from({ length: nal }, () => int(0, 50)).join(',')}`)
      if (rnd() < 0.4) parts.push(`GL3=${Array.from({ length: (nal * (nal + 1)) / 2 }, () => pick(['-0.5', '-1.25', '-10', '0'])).join(',')}`)
      if (rnd() < 0.4) parts.push(`TAG=${Array.from({ length: n }, () => pick(['x', 'y'])).join(',')}`)
      if (rnd() < 0.3) parts.push(`RTAG=${Array.from({ length: nal }, () => pick(['r', 's'])).join(',')}`)
    }
    if (rnd() < 0.2) parts.push('DB')
    return parts.join(';')
  }
  const up = (s: string) => (rnd() < 0.05 ? s.toLowerCase() : s.toUpperCase())
  const mutate = (b: string) => { let x = base(); while (x === b.toUpperCase()) x = base(); return x }

  contigs.forEach((c, ci) => {
    const seq = c.seq
    const at = (p0: number, len: number) => seq.slice(p0, p0 + len)
    const clean = (s: string) => /^[ACGTacgt]+$/.test(s)
    const add = (p0: number, ref: string, alts: string[], extraInfo = '') => {
      alts = alts.map((a) => (a[0] === '<' || a === '*' ? a : a.toUpperCase()))
      if (!clean(ref) && !ref.startsWith('N')) return
      if (alts.some((a) => !/^([ACGTN]+|<DEL>|<\*>|\*)$/.test(a))) return
      if (new Set(alts).size !== alts.length) return
      let r = up(ref)
      if (o.wrongRef && rnd() < o.wrongRef) r = r.length > 1 && rnd() < 0.5 ? r.slice(0, -1) + mutate(r[r.length - 1]) : mutate(r[0]) + r.slice(1)
      const nal = alts.length + 1
      const qual = rnd() < 0.1 ? '.' : String(int(1, 999))
      const filter = pick(['PASS', 'PASS', '.', 'q10'])
      const id = rnd() < 0.3 ? `rs${int(1, 1e6)}` : '.'
      lines.push({ chrom: ci, pos: p0 + 1, text: `${c.name}\t${p0 + 1}\t${id}\t${r}\t${alts.join(',')}\t${qual}\t${filter}\t${info(nal)}${extraInfo}\tGT:AD:DP:GQ:PL:VAF:FT\t${samples(nal, ci === 2)}` })
    }
    const n = o.records ?? 150
    // contig starts: deletions and insertions at the first bases
    add(0, at(0, 3), [at(2, 1)])
    add(0, at(0, 1), [at(0, 1) + at(0, 2)])
    add(1, at(1, 2), [at(1, 1)])
    add(0, at(0, 2), [at(1, 1), mutate(at(0, 1)) + at(1, 1)])
    for (let k = 0; k < n; k++) {
      const rep = c.repeats.length && rnd() < 0.8 ? pick(c.repeats) : undefined
      const p0 = rep ? int(Math.max(1, rep.start), rep.end - 1) : int(1, seq.length - 40)
      const u = rep ? Math.max(1, rep.unit) : int(1, 3)
      const kind = rnd()
      const ref1 = at(p0 - 1, 1)
      if (kind < 0.2) add(p0 - 1, at(p0 - 1, u + 1), [ref1]) // deletion of one unit
      else if (kind < 0.35) add(p0 - 1, ref1, [ref1 + at(p0, u)]) // insertion of one unit
      else if (kind < 0.45) add(p0 - 1, at(p0 - 1, u + 3), [ref1 + at(p0 + u, 2)]) // deletion with right context
      else if (kind < 0.5) add(p0 - 1, at(p0 - 1, 3), [at(p0 - 1, 1) + at(p0, u) + at(p0, 2)]) // insertion with right context
      else if (kind < 0.65) {
        // multi-allelic: SNV, deletion, insertion and sometimes an MNP or a '*'
        const ref = at(p0 - 1, u + 1)
        const alts = [mutate(ref[0]) + ref.slice(1), ref1, ref + at(p0, u)]
        if (rnd() < 0.3) alts.push(mutate(ref[0]) + (ref.length > 1 ? mutate(ref[1]) + ref.slice(2) : ''))
        if (rnd() < 0.2) alts.push('*')
        const m = alts.filter((a) => a !== ref)
        add(p0 - 1, ref, m.sort(() => rnd() - 0.5).slice(0, int(2, m.length)))
      } else if (kind < 0.75) {
        const ref = at(p0 - 1, 4)
        const mnp = mutate(ref[0]) + ref.slice(1, 3) + mutate(ref[3])
        add(p0 - 1, ref, rnd() < 0.5 ? [mnp] : [mnp, ref.slice(0, 2) + mutate(ref[2]) + ref[3]]) // complex MNPs, shared middle
      } else if (kind < 0.8) add(p0 - 1, at(p0 - 1, 3), [mutate(ref1) + at(p0, 2), at(p0 - 1, 1)]) // MNP-like with shared suffix + deletion
      else if (kind < 0.84) add(p0 - 1, ref1, ['<DEL>'], `;SVTYPE=DEL;END=${p0 + int(10, 200)}`)
      else if (kind < 0.86) add(p0 - 1, ref1, ['<*>'])
      else if (kind < 0.88) add(p0 - 1, ref1, [mutate(ref1), '*'])
      else if (kind < 0.9) add(p0 - 1, at(p0 - 1, u + 1), [ref1, '<DEL>'], `;END=${p0 + u}`)
      else if (kind < 0.92 && o.wrongRef) add(p0 - 1, ref1, [ref1.toUpperCase()]) // ALT equal to REF
      else add(p0 - 1, ref1, [mutate(ref1)]) // SNV
    }
  })
  lines.sort((a, b) => a.chrom - b.chrom || a.pos - b.pos)
  vcf += lines.map((l) => l.text + '\n').join('')
  return { fasta, vcf }
}

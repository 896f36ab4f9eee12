// Deterministic synthetic VCFs for the error, region and CLI tests (written to temp dirs only).

/** Deterministic PRNG (mulberry32) so failures reproduce. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GenRecord {
  chrom: string
  /** 1-based POS */
  pos: number
  /** 1-based inclusive end (REF length, or INFO/END for symbolic alleles) */
  end: number
  /** The line, with its newline. */
  line: string
}

export interface GenOptions {
  /** [name, length, records] per contig, in file order. */
  contigs: [string, number, number][]
  seed: number
  /** Samples (GT:DP per sample); none by default. */
  samples?: string[]
  /** Fraction of records carrying an INFO string longer than a BGZF block (default 0.002). */
  hugeFraction?: number
}

/**
 * A sorted VCF with SNPs, short indels, deletions with a long REF (spanning many 16 kb index
 * windows), symbolic <DEL>s with INFO/END, repeated positions, and a few records larger than
 * a 64 KiB BGZF block (a long INFO string), so records straddle block boundaries.
 */
export function generateVcf(o: GenOptions): { header: string; records: GenRecord[]; text: string } {
  const rnd = prng(o.seed)
  const base = () => 'ACGT'[Math.floor(rnd() * 4)]
  const samples = o.samples ?? []
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
  for (const [name, length] of o.contigs) header += `##contig=<ID=${name},length=${length}>\n`
  header += '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO' + (samples.length ? '\tFORMAT\t' + samples.join('\t') : '') + '\n'
  const huge = o.hugeFraction ?? 0.002
  const records: GenRecord[] = []
  for (const [chrom, length, count] of o.contigs) {
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

// Gene models as Ensembl GFF3 (the shape of Ensembl's Homo_sapiens.GRCh38.*.gff3): a
// ##sequence-region per chromosome, chromosome lines, then per gene the gene /
// ncRNA_gene line, its transcripts (mRNA, lnc_RNA, miRNA) and their exon, CDS (with phase),
// five_prime_UTR and three_prime_UTR features, each gene closed by ###.
import type { Gene, Transcript, World } from './world.js'

interface Seg { start: number; end: number }

/** GFF3 column-9 escaping of a value (RFC 3986 style for the reserved characters). */
const esc = (v: string) => v.replace(/[;=,&%\t\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`)
const attrs = (kv: [string, string | number | undefined][]) => kv.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${k === 'tag' ? v : esc(String(v))}`).join(';')

/** A transcript's CDS pieces in transcript order (5'→3'), with GFF3 phases. */
export function cdsSegments(t: Transcript, strand: 1 | -1): (Seg & { phase: number })[] {
  if (!t.cds) return []
  const out: (Seg & { phase: number })[] = []
  let done = 0
  for (const x of t.exons) {
    const start = Math.max(x.start, t.cds.start), end = Math.min(x.end, t.cds.end)
    if (start > end) continue
    out.push({ start, end, phase: (3 - (done % 3)) % 3 })
    done += end - start + 1
  }
  return out // exons are in transcript order already
}

function utrs(t: Transcript, strand: 1 | -1): { five: Seg[]; three: Seg[] } {
  const five: Seg[] = [], three: Seg[] = []
  if (!t.cds) return { five, three }
  const { start: cs, end: ce } = t.cds
  for (const x of t.exons) {
    const left = x.start < cs ? { start: x.start, end: Math.min(x.end, cs - 1) } : undefined
    const right = x.end > ce ? { start: Math.max(x.start, ce + 1), end: x.end } : undefined
    if (left) (strand === 1 ? five : three).push(left)
    if (right) (strand === 1 ? three : five).push(right)
  }
  return { five, three }
}

function geneLines(g: Gene, chrom: string): string[] {
  const s = g.strand === 1 ? '+' : '-'
  const coding = g.biotype === 'protein_coding'
  const source = coding ? 'ensembl_havana' : g.biotype === 'miRNA' ? 'mirbase' : 'havana'
  const lines: string[] = []
  const row = (type: string, start: number, end: number, phase: string, a: string) => `${chrom}\t${source}\t${type}\t${start}\t${end}\t.\t${s}\t${phase}\t${a}`
  const description = g.symbol ? `${g.acmg ? g.acmg.phenotype : g.biotype === 'protein_coding' ? 'protein-coding gene' : g.biotype} (synthetic ${g.symbol} model, vartriage world)` : undefined
  lines.push(row(coding ? 'gene' : 'ncRNA_gene', g.start, g.end, '.', attrs([
    ['ID', `gene:${g.id}`], ['Name', g.symbol], ['biotype', g.biotype], ['description', description], ['gene_id', g.id],
    ['logic_name', coding ? 'ensembl_havana_gene_homo_sapiens' : g.biotype === 'miRNA' ? 'mirbase_gene' : 'havana_homo_sapiens'], ['version', 1]])))
  const exonUse = new Map<string, number>()
  for (const t of g.transcripts) for (const x of t.exons) exonUse.set(x.id, (exonUse.get(x.id) ?? 0) + 1)
  for (const t of g.transcripts) {
    const tStart = Math.min(...t.exons.map((x) => x.start)), tEnd = Math.max(...t.exons.map((x) => x.end))
    lines.push(row(t.gffType, tStart, tEnd, '.', attrs([
      ['ID', `transcript:${t.id}`], ['Parent', `gene:${g.id}`], ['Name', t.name], ['biotype', t.biotype],
      ['tag', t.tags.join(',')], ['transcript_id', t.id], ['transcript_support_level', t.canonical ? '1' : '2'], ['version', 1]])))
    const feats: { start: number; line: string; order: number }[] = []
    const parent = `transcript:${t.id}`
    // Ensembl's exon phases: the CDS frame at the exon's 5' and 3' ends, -1 where that end is not coding
    let cdsBefore = 0
    const cdsLen = (x: Seg) => t.cds ? Math.max(0, Math.min(x.end, t.cds.end) - Math.max(x.start, t.cds.start) + 1) : 0
    t.exons.forEach((x, k) => {
      const five = g.strand === 1 ? x.start : x.end, three = g.strand === 1 ? x.end : x.start
      const inCds = (p: number) => t.cds !== undefined && p >= t.cds.start && p <= t.cds.end
      const n = cdsLen(x)
      const phase = inCds(five) ? cdsBefore % 3 : -1
      const endPhase = inCds(three) ? (cdsBefore + n) % 3 : -1
      cdsBefore += n
      feats.push({ start: x.start, order: 1, line: row('exon', x.start, x.end, '.', attrs([
        ['Parent', parent], ['Name', x.id], ['constitutive', exonUse.get(x.id) === g.transcripts.length ? 1 : 0],
        ['ensembl_end_phase', endPhase], ['ensembl_phase', phase], ['exon_id', x.id], ['rank', k + 1], ['version', 1]])) })
    })
    for (const c of cdsSegments(t, g.strand)) {
      feats.push({ start: c.start, order: 2, line: row('CDS', c.start, c.end, String(c.phase), attrs([
        ['ID', `CDS:${t.cds!.proteinId}`], ['Parent', parent], ['protein_id', t.cds!.proteinId]])) })
    }
    const u = utrs(t, g.strand)
    for (const x of u.five) feats.push({ start: x.start, order: 0, line: row('five_prime_UTR', x.start, x.end, '.', `Parent=${parent}`) })
    for (const x of u.three) feats.push({ start: x.start, order: 3, line: row('three_prime_UTR', x.start, x.end, '.', `Parent=${parent}`) })
    feats.sort((a, b) => a.start - b.start || a.order - b.order)
    for (const f of feats) lines.push(f.line)
  }
  lines.push('###')
  return lines
}

/** The whole GFF3 text; genes in chromosome order, by start. */
export function gff3Text(world: World): string {
  const out: string[] = ['##gff-version 3']
  for (const c of world.contigs) out.push(`##sequence-region   ${c.name} 1 ${c.length}`)
  out.push('#!genome-build vartriage-world GRCh38', '#!genome-version GRCh38', `#!genebuild-last-updated synthetic seed ${world.seed} scale ${world.scale}`)
  for (const c of world.contigs) {
    out.push(`${c.name}\tGRCh38\tchromosome\t1\t${c.length}\t.\t.\t.\tID=chromosome:${c.name};Alias=${c.genbank},${c.name === 'MT' ? 'chrM' : `chr${c.name}`},${c.refseq}`)
    const genes = world.genes.filter((g) => g.chrom === c.name).sort((a, b) => a.start - b.start)
    for (const g of genes) out.push(...geneLines(g, c.name))
  }
  return out.join('\n') + '\n'
}

// csq library and CLI: HGVS and positions on a synthetic model laid out on both strands (a
// transcript and its mirror image must describe the same changes identically), GENCODE /
// RefSeq attribute mapping, VEP's own output in the corpus (ENST00000318249/start-lost.vep)
// as an oracle for the VEP-style fields, and the CLI's VCF read back by bcftools
// (view, +split-vep) with BCSQ identical to `bcftools csq -l`.
import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import { GeneModel, ConsequenceCaller, Reference, SO_TERMS, rankTerms, mostSevere, VcfReader, vepText, VEP_FIELDS } from '../src/index.js'
import { corpus, liveBcftools, compareBcsq } from './helpers/csq-corpus.js'
import { have } from './helpers/oracle.js'
import { prng } from '../bench/generate-vcf.mjs'

const tmp = mkdtempSync(join(tmpdir(), 'vt-csq-unit-'))
const comp: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' }
const rc = (s: string) => [...s].reverse().map((c) => comp[c]).join('')

// A 400 bp contig with one transcript: exons 51-100, 201-260, 301-350; CDS 71-100, 201-260,
// 301-330 (40 codons: ATG GCT AAA AAG TGG … TAA). Its mirror image is the same transcript on
// the minus strand.
const L = 400
function build(): { seq: string; cds: string } {
  const rnd = prng(42)
  const b = [...Array(L)].map(() => 'ACGT'[Math.floor(rnd() * 4)])
  const codons = ['ATG', 'GCT', 'AAA', 'AAG', 'TGG']
  const sense = ['GCC', 'CTG', 'GAT', 'CGA', 'TCT', 'GGT', 'ACC', 'TTC', 'CAG', 'ATC']
  while (codons.length < 39) codons.push(sense[Math.floor(rnd() * sense.length)])
  codons.push('TAA')
  const cds = codons.join('')
  const pieces: Array<[number, number]> = [[71, 100], [201, 260], [301, 330]]
  let k = 0
  for (const [s, e] of pieces) for (let p = s; p <= e; p++) b[p - 1] = cds[k++]
  b[100] = 'G'; b[101] = 'T'; b[198] = 'A'; b[199] = 'G' // GT…AG introns
  b[260] = 'G'; b[261] = 'T'; b[298] = 'A'; b[299] = 'G'
  return { seq: b.join(''), cds }
}
const { seq, cds } = build()
const mseq = rc(seq)
const M = (p: number) => L - p + 1

function gff(strand: '+' | '-', style: 'ensembl' | 'gencode' | 'refseq' = 'ensembl'): string {
  const iv = (s: number, e: number) => (strand === '+' ? `${s}\t${e}` : `${M(e)}\t${M(s)}`)
  const [gene, tr, par] = style === 'ensembl' ? ['ID=gene:G1;Name=SYN1;biotype=protein_coding', 'ID=transcript:T1;Parent=gene:G1;biotype=protein_coding;version=2;tag=basic,Ensembl_canonical', 'Parent=transcript:T1']
    : style === 'gencode' ? ['ID=ENSG1.1;gene_id=ENSG1.1;gene_type=protein_coding;gene_name=SYN1', 'ID=T1;Parent=ENSG1.1;transcript_type=protein_coding;transcript_name=SYN1-201;tag=Ensembl_canonical', 'Parent=T1']
      : ['ID=gene-SYN1;Name=SYN1;gene_biotype=protein_coding', 'ID=rna-T1;Parent=gene-SYN1;transcript_id=T1;gene=SYN1', 'Parent=rna-T1']
  const trType = style === 'refseq' ? 'mRNA' : 'transcript'
  const lines = [`c\t.\tgene\t${iv(51, 350)}\t.\t${strand}\t.\t${gene}`, `c\t.\t${trType}\t${iv(51, 350)}\t.\t${strand}\t.\t${tr}`]
  for (const [s, e] of [[51, 100], [201, 260], [301, 350]]) lines.push(`c\t.\texon\t${iv(s, e)}\t.\t${strand}\t.\t${par}`)
  let off = 0
  for (const [s, e] of [[71, 100], [201, 260], [301, 330]]) {
    lines.push(`c\t.\tCDS\t${iv(s, e)}\t.\t${strand}\t${(3 - (off % 3)) % 3}\tID=CDS:P1;${par}`)
    off += e - s + 1
  }
  return '##gff-version 3\n' + lines.join('\n') + '\n'
}

/** A change described on the plus-strand layout: replace [beg, end] (1-based; end = beg-1 for an insertion after beg-1) by `ins`. */
interface Change { beg: number; end: number; ins: string }
function vcfRecord(c: Change, strand: '+' | '-'): [number, string, string] {
  const s = strand === '+' ? seq : mseq
  let beg = c.beg, end = c.end, ins = c.ins
  if (strand === '-') { const b2 = M(end), e2 = M(beg); beg = b2; end = e2; ins = rc(ins) }
  const del = s.slice(beg - 1, end)
  if (del.length === ins.length) return [beg, del, ins]
  const anchor = s[beg - 2]
  return [beg - 1, anchor + del, anchor + ins]
}

async function callAll(strand: '+' | '-', changes: Change[], style: 'ensembl' | 'gencode' | 'refseq' = 'ensembl') {
  const fa = join(tmp, `c${strand === '+' ? 'p' : 'm'}.fa`)
  writeFileSync(fa, `>c\n${strand === '+' ? seq : mseq}\n`)
  const model = GeneModel.fromText(gff(strand, style))
  const caller = new ConsequenceCaller(model, await Reference.open(fa))
  const out = []
  for (const c of changes) {
    const [pos, ref, alt] = vcfRecord(c, strand)
    out.push(await caller.call('c', pos, ref, [alt]))
  }
  return out
}

// cds offsets (1-based c.) -> genomic (plus layout)
const g = (c: number) => (c <= 30 ? 70 + c : c <= 90 ? 200 + c - 30 : 300 + c - 90)
const AA3: Record<string, string> = { M: 'Met', A: 'Ala', K: 'Lys', W: 'Trp', L: 'Leu', D: 'Asp', R: 'Arg', S: 'Ser', G: 'Gly', T: 'Thr', F: 'Phe', Q: 'Gln', I: 'Ile', P: 'Pro', '*': 'Ter', N: 'Asn', E: 'Glu', V: 'Val', H: 'His', Y: 'Tyr', C: 'Cys' }
const CODE: Record<string, string> = {}
{
  const aa = 'FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG'
  let k = 0
  for (const a of 'TCAG') for (const b of 'TCAG') for (const c of 'TCAG') CODE[a + b + c] = aa[k++]
}

describe('csq: HGVS, positions and terms on both strands', () => {
  const snvAt = 14 // c.14: codon 5 (TGG, Trp)
  const refBase = cds[snvAt - 1]
  const altBase = refBase === 'G' ? 'A' : 'G'
  const altCodon = cds.slice(12, 15).split('').map((b, k) => (k === 1 ? altBase : b)).join('')
  const changes: Array<{ c: Change; hgvsc: string; hgvsp?: string; terms: string[]; exon?: string; intron?: string }> = [
    { c: { beg: g(snvAt), end: g(snvAt), ins: altBase }, hgvsc: `T1.2:c.${snvAt}${refBase}>${altBase}`, hgvsp: `P1:p.Trp5${AA3[CODE[altCodon]]}`, terms: [CODE[altCodon] === '*' ? 'stop_gained' : 'missense_variant'], exon: '1/3' },
    // synonymous: third base of codon 2 (GCT -> GCC)
    { c: { beg: g(6), end: g(6), ins: 'C' }, hgvsc: 'T1.2:c.6T>C', hgvsp: 'P1:p.Ala2=', terms: ['synonymous_variant'], exon: '1/3' },
    // one A deleted from the run c.7-c.11 (AAAAA): described at its 3' end
    { c: { beg: g(7), end: g(7), ins: '' }, hgvsc: 'T1.2:c.11del', hgvsp: 'P1:p.Lys4SerfsTer', terms: ['frameshift_variant'] },
    // an A inserted into the same run: a duplication of its last base
    { c: { beg: g(8), end: g(7), ins: 'A' }, hgvsc: 'T1.2:c.11dup', terms: ['frameshift_variant'] },
    // in-frame deletion of codon 3 (AAA): three As of the run, shifted 3' to c.9_11
    { c: { beg: g(7), end: g(9), ins: '' }, hgvsc: 'T1.2:c.9_11del', hgvsp: 'P1:p.Lys4del', terms: ['inframe_deletion'] },
    // intron 1, 2nd base (donor)
    { c: { beg: 102, end: 102, ins: 'A' }, hgvsc: 'T1.2:c.30+2T>A', terms: ['splice_donor_variant'], intron: '1/2' },
    // intron 1, 5th base: donor 5th base, donor region and splice region
    { c: { beg: 105, end: 105, ins: seq[104] === 'A' ? 'C' : 'A' }, hgvsc: `T1.2:c.30+5${seq[104]}>${seq[104] === 'A' ? 'C' : 'A'}`, terms: ['splice_donor_5th_base_variant', 'splice_region_variant', 'splice_donor_region_variant', 'intron_variant'], intron: '1/2' },
    // 5' UTR (cDNA 10, CDS starts at cDNA 21) and 3' UTR (10 bases after the stop)
    { c: { beg: 60, end: 60, ins: seq[59] === 'A' ? 'C' : 'A' }, hgvsc: `T1.2:c.-11${seq[59]}>${seq[59] === 'A' ? 'C' : 'A'}`, terms: ['5_prime_UTR_variant'], exon: '1/3' },
    { c: { beg: 340, end: 340, ins: seq[339] === 'A' ? 'C' : 'A' }, hgvsc: `T1.2:c.*10${seq[339]}>${seq[339] === 'A' ? 'C' : 'A'}`, terms: ['3_prime_UTR_variant'], exon: '3/3' },
    // start codon
    { c: { beg: g(2), end: g(2), ins: 'C' }, hgvsc: 'T1.2:c.2T>C', hgvsp: 'P1:p.Met1?', terms: ['start_lost'] },
  ]

  for (const strand of ['+', '-'] as const) {
    it(`describes each change as HGVS requires (${strand} strand)`, async () => {
      const res = await callAll(strand, changes.map((x) => x.c))
      res.forEach((r, k) => {
        const want = changes[k]
        const t = r.transcripts.find((x) => x.transcript === 'T1')!
        expect(t, `change ${k}`).toBeDefined()
        expect(t.hgvsc, `change ${k}`).toBe(want.hgvsc)
        if (want.hgvsp) expect(t.hgvsp?.startsWith(want.hgvsp), `change ${k}: ${t.hgvsp}`).toBe(true)
        expect(t.terms, `change ${k}`).toEqual(rankTerms(want.terms))
        if (want.exon) expect(t.exon).toBe(want.exon)
        if (want.intron) expect(t.intron).toBe(want.intron)
        expect(t.strand).toBe(strand === '+' ? 1 : -1)
        expect(t.canonical).toBe(true)
        expect(r.mostSevere[0]).toBe(t.terms[0])
      })
    })
  }

  it('reports up/downstream within 5 kb by strand, and intergenic beyond', async () => {
    const far: Change[] = [{ beg: 20, end: 20, ins: seq[19] === 'A' ? 'C' : 'A' }, { beg: 380, end: 380, ins: seq[379] === 'A' ? 'C' : 'A' }]
    const plus = await callAll('+', far)
    expect(plus[0].transcripts[0].terms).toEqual(['upstream_gene_variant'])
    expect(plus[0].transcripts[0].distance).toBe(31)
    expect(plus[1].transcripts[0].terms).toEqual(['downstream_gene_variant'])
    const minus = await callAll('-', far)
    expect(minus[0].transcripts[0].terms).toEqual(['upstream_gene_variant'])
    const fa = join(tmp, 'far.fa')
    writeFileSync(fa, `>c\n${seq}${'A'.repeat(6000)}\n`)
    const caller = new ConsequenceCaller(GeneModel.fromText(gff('+')), await Reference.open(fa))
    const r = await caller.call('c', 6000, 'A', ['C'])
    expect(r.transcripts).toEqual([])
    expect(r.mostSevere).toEqual(['intergenic_variant'])
    expect(vepText(r).split('|').slice(0, 3)).toEqual(['C', 'intergenic_variant', 'MODIFIER'])
  })

  it('reads GENCODE and RefSeq GFF3 through the documented mapping with the same results', async () => {
    const ens = await callAll('+', changes.map((x) => x.c), 'ensembl')
    for (const style of ['gencode', 'refseq'] as const) {
      const other = await callAll('+', changes.map((x) => x.c), style)
      other.forEach((r, k) => {
        const a = ens[k].transcripts[0], b = r.transcripts[0]
        expect(b.transcript).toBe('T1')
        expect(b.symbol).toBe('SYN1')
        expect(b.biotype).toBe('protein_coding')
        expect(b.terms).toEqual(a.terms)
        expect(b.hgvsc?.replace('T1:', 'T1.2:')).toBe(a.hgvsc)
        expect(b.hgvsp).toBe(a.hgvsp)
        expect(r.local.length).toBe(ens[k].local.length)
      })
    }
  })

  it('ranks terms as VEP and takes the most severe', () => {
    expect(SO_TERMS[0][0]).toBe('transcript_ablation')
    expect(mostSevere(['intron_variant', 'splice_region_variant', 'missense_variant'])).toBe('missense_variant')
    expect(rankTerms(['3_prime_UTR_variant', 'stop_gained', 'splice_acceptor_variant'])).toEqual(['splice_acceptor_variant', 'stop_gained', '3_prime_UTR_variant'])
  })
})

const caseDir = join(corpus, 'csq', 'ENST00000318249')
describe.runIf(existsSync(caseDir))('csq: Ensembl VEP output in the corpus', () => {
  it('matches VEP on ENST00000318249/start-lost (positions, codons, amino acids, terms)', async () => {
    const vepLine = readFileSync(join(caseDir, 'start-lost.vep'), 'utf8').split('\n')[0].split('\t')[3].split('|')
    const vepFields = ['Allele', 'Consequence', 'IMPACT', 'SYMBOL', 'Gene', 'Feature_type', 'Feature', 'BIOTYPE', 'EXON', 'INTRON', 'HGVSc', 'HGVSp',
      'cDNA_position', 'CDS_position', 'Protein_position', 'Amino_acids', 'Codons', 'Existing_variation', 'DISTANCE', 'STRAND']
    const vep = Object.fromEntries(vepFields.map((f, k) => [f, vepLine[k]]))
    const caller = new ConsequenceCaller(await GeneModel.load(join(caseDir, 'ENST00000318249.gff')), await Reference.open(join(caseDir, 'ENST00000318249.fa')))
    const reader = await VcfReader.open(join(caseDir, 'start-lost.vcf'))
    let ours: Record<string, string> | undefined
    for await (const b of reader.batches()) {
      const [r] = await caller.callBatch(b)
      const entry = vepText(r).split(',').find((e) => e.includes('ENST00000318249'))!.split('|')
      ours = Object.fromEntries(VEP_FIELDS.map((f, k) => [f, entry[k]]))
    }
    for (const f of ['Allele', 'Consequence', 'IMPACT', 'SYMBOL', 'Gene', 'Feature_type', 'Feature', 'BIOTYPE', 'EXON', 'INTRON', 'cDNA_position', 'CDS_position', 'Protein_position', 'Amino_acids', 'Codons', 'STRAND']) {
      expect(ours![f], f).toBe(vep[f])
    }
  })
})

const bin = join(process.cwd(), 'dist', 'src', 'cli', 'bin.js')
const cli = join(corpus, 'csq', 'ENST00000341065')
describe.runIf(existsSync(cli) && existsSync(bin) && have('bcftools'))('csq: CLI output read back by bcftools', () => {
  it('--format bcsq -l: BCSQ identical to bcftools csq -l, and a valid VCF', () => {
    for (const k of [1, 2, 3, 4, 5, 6, 7, 8, 9]) {
      const vcf = join(cli, `splice-acceptor-donor${k}.vcf`)
      const out = join(tmp, `sad${k}.vcf`)
      execFileSync('node', [bin, 'csq', '-q', '-l', '--format', 'bcsq', '-f', join(cli, 'ENST00000341065.fa'), '-g', join(cli, 'ENST00000341065.gff'), '-o', out, vcf])
      const ours = execFileSync('bcftools', ['query', '-f', '%BCSQ\\n', out], { encoding: 'utf8' }).trim().split('\n')
      const theirs = liveBcftools({ name: '', dir: cli, vcf, gff: join(cli, 'ENST00000341065.gff'), fa: join(cli, 'ENST00000341065.fa') })!
      ours.forEach((o, i) => expect(compareBcsq(theirs[i], o).exact, `${k}:${i} ${theirs[i]} vs ${o}`).toBe(true))
    }
  })

  it('default (VEP-style): CSQ declared with its fields, readable by bcftools +split-vep', () => {
    const out = join(tmp, 'vep.vcf')
    execFileSync('node', [bin, 'csq', '-q', '-f', join(cli, 'ENST00000341065.fa'), '-g', join(cli, 'ENST00000341065.gff'), '-o', out, join(cli, 'frame1.vcf')])
    const r = spawnSync('bcftools', ['+split-vep', '-f', '%POS\\t%Consequence\\t%IMPACT\\t%SYMBOL\\t%Feature\\t%HGVSc\\t%HGVSp\\t%MOST_SEVERE\\n', '-d', out], { encoding: 'utf8' })
    expect(r.status, r.stderr).toBe(0)
    const row = r.stdout.trim().split('\n').find((l) => l.includes('ENST00000341065'))!.split('\t')
    expect(row.slice(0, 5)).toEqual(['19030', 'inframe_deletion&splice_region_variant', 'MODERATE', 'SAMD11', 'ENST00000341065'])
    expect(row[5]).toMatch(/^ENST00000341065\.4:c\.\d+_\d+del$/)
    expect(row[7]).toBe('inframe_deletion')
  })
})

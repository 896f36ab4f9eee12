// Gene models from GFF3 (Ensembl; GENCODE and RefSeq through the mapping in docs/csq.md).
// The parsing rules follow bcftools csq (gff.c) so consequences agree with it: genes are lines
// whose ID starts with `gene:` or that have no Parent; transcripts are other lines with a
// Parent and a supported biotype; exon/CDS/UTR lines hang off transcripts. CDS phases trim
// incomplete 5' codons, a CDS length that is not a multiple of 3 trims the 3' end.
import { IntervalIndex } from './interval.js'

export const STRAND_REV = 0
export const STRAND_FWD = 1
export const STRAND_UNK = 2
export const TRIM_5PRIME = 1
export const TRIM_3PRIME = 2
export const N_SPLICE_DONOR = 2
export const N_SPLICE_REGION_EXON = 3
export const N_SPLICE_REGION_INTRON = 8

const CODING_BIT = 1 << 6
export const isCoding = (t: number): boolean => (t & CODING_BIT) !== 0

const NONCODING = ['MT_rRNA', 'MT_tRNA', 'lincRNA', 'miRNA', 'misc_RNA', 'rRNA', 'snRNA', 'snoRNA', 'processed_transcript',
  'antisense', 'macro_lncRNA', 'ribozyme', 'sRNA', 'scRNA', 'scaRNA', 'sense_intronic', 'sense_overlapping',
  'pseudogene', 'processed_pseudogene', 'artifact', 'IG_pseudogene', 'IG_C_pseudogene', 'IG_J_pseudogene',
  'IG_V_pseudogene', 'TR_V_pseudogene', 'TR_J_pseudogene', 'MT_tRNA_pseudogene', 'misc_RNA_pseudogene',
  'miRNA_pseudogene', 'ribozyme', 'retained_intron', 'retrotransposed', 'Trna_pseudogene', 'transcribed_processed_pseudogene',
  'transcribed_unprocessed_pseudogene', 'transcribed_unitary_pseudogene', 'translated_unprocessed_pseudogene',
  'translated_processed_pseudogene', 'known_ncRNA', 'unitary_pseudogene', 'unprocessed_pseudogene',
  'LRG_gene', '3_prime_overlapping_ncRNA', 'disrupted_domain', 'vaultRNA', 'bidirectional_promoter_lncRNA', 'ambiguous_orf',
  'lncRNA']
const CODING = ['protein_coding', 'polymorphic_pseudogene', 'IG_C', 'IG_D', 'IG_J', 'IG_LV', 'IG_V', 'TR_C', 'TR_D', 'TR_J', 'TR_V', 'NMD', 'non_stop_decay']
export const GF_NMD = 12 | CODING_BIT
export const GF_PROTEIN_CODING = 1 | CODING_BIT

/** The biotype name bcftools prints for a biotype code. */
export function biotypeName(t: number): string {
  return isCoding(t) ? CODING[(t & (CODING_BIT - 1)) - 1] : NONCODING[t - 1]
}

const nc = (name: string) => NONCODING.indexOf(name) + 1
const cd = (name: string) => (CODING.indexOf(name) + 1) | CODING_BIT
// bcftools' biotype table: prefix matches in this order ('=' marks names matched with their
// terminator, as bcftools compares one byte past the name: they only match at the end of the value)
const BIOTYPES: Array<[string, number]> = [
  ['protein_coding', cd('protein_coding')], ['pseudogene', nc('pseudogene')], ['processed_transcript', nc('processed_transcript')],
  ['processed_pseudogene', nc('processed_pseudogene')], ['polymorphic_pseudogene', cd('polymorphic_pseudogene')],
  ['artifact', nc('artifact')], ['antisense', nc('antisense')], ['ambiguous_orf', nc('ambiguous_orf')],
  ['IG_pseudogene', nc('IG_pseudogene')], ['IG_C_pseudogene', nc('IG_C_pseudogene')], ['IG_J_pseudogene', nc('IG_J_pseudogene')],
  ['IG_V_pseudogene', nc('IG_V_pseudogene')], ['IG_C', cd('IG_C')], ['IG_D', cd('IG_D')], ['IG_J', cd('IG_J')], ['IG_V', cd('IG_V')],
  ['IG_LV', cd('IG_LV')], ['TR_V_pseudogene', nc('TR_V_pseudogene')], ['TR_J_pseudogene', nc('TR_J_pseudogene')],
  ['TR_C', cd('TR_C')], ['TR_D', cd('TR_D')], ['TR_J', cd('TR_J')], ['TR_V', cd('TR_V')],
  ['Mt_tRNA_pseudogene', nc('MT_tRNA_pseudogene')], ['~Mt_tRNA', nc('MT_tRNA')], ['~Mt_rRNA', nc('MT_tRNA')], ['~MRNA', cd('protein_coding')],
  ['lincRNA', nc('lincRNA')], ['=lncRNA', nc('lncRNA')], ['macro_lncRNA', nc('macro_lncRNA')],
  ['misc_RNA_pseudogene', nc('misc_RNA_pseudogene')], ['miRNA_pseudogene', nc('miRNA_pseudogene')], ['miRNA', nc('miRNA')],
  ['misc_RNA', nc('misc_RNA')], ['~mRNA', cd('protein_coding')], ['rRNA', nc('rRNA')], ['ribozyme', nc('ribozyme')],
  ['retained_intron', nc('retained_intron')], ['retrotransposed', nc('retrotransposed')], ['snRNA', nc('snRNA')], ['sRNA', nc('sRNA')],
  ['scRNA', nc('scRNA')], ['scaRNA', nc('scaRNA')], ['snoRNA', nc('snoRNA')], ['sense_intronic', nc('sense_intronic')],
  ['sense_overlapping', nc('sense_overlapping')], ['tRNA_pseudogene', nc('Trna_pseudogene')],
  ['transcribed_processed_pseudogene', nc('transcribed_processed_pseudogene')],
  ['transcribed_unprocessed_pseudogene', nc('transcribed_unprocessed_pseudogene')],
  ['transcribed_unitary_pseudogene', nc('transcribed_unitary_pseudogene')],
  ['translated_unprocessed_pseudogene', nc('translated_unprocessed_pseudogene')],
  ['translated_processed_pseudogene', nc('translated_processed_pseudogene')],
  ['nonsense_mediated_decay', GF_NMD], ['non_stop_decay', cd('non_stop_decay')], ['NMD', GF_NMD], ['known_ncrna', nc('known_ncRNA')],
  ['unitary_pseudogene', nc('unitary_pseudogene')], ['unprocessed_pseudogene', nc('unprocessed_pseudogene')], ['LRG_gene', nc('LRG_gene')],
  ['~3prime_overlapping_ncRNA', nc('3_prime_overlapping_ncRNA')], ['~3_prime_overlapping_ncRNA', nc('3_prime_overlapping_ncRNA')],
  ['disrupted_domain', nc('disrupted_domain')], ['vaultRNA', nc('vaultRNA')], ['bidirectional_promoter_lncRNA', nc('bidirectional_promoter_lncRNA')],
]

/** bcftools' biotype code of a biotype value (`rest` is the text after the value, '' at line end); 0 if unsupported. */
export function parseBiotype(value: string, atEnd: boolean): number {
  for (const [pat, code] of BIOTYPES) {
    if (pat[0] === '=') { if (atEnd && value === pat.slice(1)) return code; continue }
    if (pat[0] === '~') { if (value.slice(0, pat.length - 1).toLowerCase() === pat.slice(1).toLowerCase()) return code; continue }
    if (value.startsWith(pat)) return code
  }
  return 0
}

/** RefSeq GFF3 transcript feature types and the biotypes they stand for. */
const REFSEQ_TYPES: Record<string, string> = {
  lnc_RNA: 'lncRNA', snoRNA: 'snoRNA', snRNA: 'snRNA', miRNA: 'miRNA', rRNA: 'rRNA', scRNA: 'scRNA', antisense_RNA: 'antisense',
  primary_transcript: 'misc_RNA', ncRNA: 'misc_RNA', V_gene_segment: 'IG_V', C_gene_segment: 'IG_C',
}

export interface Gene {
  /** Gene ID without the `gene:` prefix (Ensembl ENSG…). */
  id: string
  /** Name= (the symbol), or the ID when absent; undefined when the gene line is missing. */
  name?: string
  chrom: string
  beg: number
  end: number
  strand: number
  biotype?: string
  defined: boolean
}

export interface Cds { tr: Transcript; beg: number; len: number; phase: number; icds: number; pos: number }
export interface Feature { tr: Transcript; beg: number; end: number }
export interface Utr extends Feature { which: 5 | 3 }

export interface Transcript {
  /** Transcript ID as bcftools prints it (ID= without `transcript:`). */
  id: string
  /** Registration order (bcftools' numeric id). */
  num: number
  chrom: string
  strand: number
  /** bcftools biotype code (see isCoding, biotypeName). */
  type: number
  biotype: string
  beg: number
  end: number
  gene: Gene
  /** CDS pieces sorted by position (after phase trimming); empty for non-coding. */
  cds: Cds[]
  /** Exons sorted by position. */
  exons: Feature[]
  utrs: Utr[]
  trim: number
  /** Ensembl_canonical / MANE tags from the GFF3. */
  canonical: boolean
  mane?: string
  version?: string
  /** Whether the CDS passed bcftools' phase checks (is indexed for coding consequences). */
  codingOk: boolean
  /** Sum of CDS lengths (after trimming). */
  cdsLen: number
  /** Protein ID (CDS ID=CDS:… or protein_id=), for HGVS p. */
  proteinId?: string
  /** Not seen by bcftools (its biotype parsing skips it): left out of the BCSQ indexes. */
  hidden: boolean
}

export interface GeneModelOptions {
  /** Skip transcripts whose CDS phases disagree (bcftools --force) instead of failing. */
  force?: boolean
  onWarning?: (msg: string) => void
}

interface Ftr { type: 'CDS' | 'exon' | 'UTR3' | 'UTR5'; beg: number; end: number; trid: number; strand: number; phase: number; chrom: string; protein?: string }

function decodeAttr(s: string): string {
  return s.indexOf('%') < 0 ? s : s.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
}

export class GeneModel {
  readonly transcripts: Transcript[] = []
  readonly genes = new Map<string, Gene>()
  readonly seqs: string[] = []
  readonly idxCds = new Map<string, IntervalIndex<Cds>>()
  readonly idxUtr = new Map<string, IntervalIndex<Utr>>()
  readonly idxExon = new Map<string, IntervalIndex<Feature>>()
  readonly idxTscript = new Map<string, IntervalIndex<Transcript>>()
  /** Every transcript, including those bcftools skips (VEP-style output). */
  readonly idxAll = new Map<string, IntervalIndex<Transcript>>()
  /** Biotypes of skipped transcripts, with counts. */
  readonly ignoredBiotypes = new Map<string, number>()

  /**
   * Loads GFF3 (plain or gzip) from a path (Node), bytes or a Blob (browsers too). Node-only
   * modules are imported only for paths and gzip.
   */
  static async load(input: string | Uint8Array | Blob, opts: GeneModelOptions = {}): Promise<GeneModel> {
    let bytes: Uint8Array
    if (typeof input === 'string') bytes = await (await import('node:fs/promises')).readFile(input)
    else if (input instanceof Uint8Array) bytes = input
    else bytes = new Uint8Array(await input.arrayBuffer())
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = await gunzip(bytes)
    return GeneModel.fromText(new TextDecoder().decode(bytes), opts)
  }

  /** Parses GFF3 text. */
  static fromText(text: string, opts: GeneModelOptions = {}): GeneModel {
    const m = new GeneModel()
    m.parse(text, opts)
    return m
  }

  private parse(text: string, opts: GeneModelOptions): void {
    const trIds = new Map<string, number>()
    const trNames: string[] = []
    const trByNum = new Map<number, Transcript>()
    const geneById = this.genes
    const ftrs: Ftr[] = []
    const seqSet = new Set<string>()
    const regId = (id: string) => {
      let n = trIds.get(id)
      if (n === undefined) { n = trNames.length; trNames.push(id); trIds.set(id, n) }
      return n
    }
    const addSeq = (c: string) => { if (!seqSet.has(c)) { seqSet.add(c); this.seqs.push(c) } }
    const geneOf = (id: string): Gene => {
      let g = geneById.get(id)
      if (!g) { g = { id, chrom: '', beg: 0, end: 0, strand: STRAND_UNK, defined: false }; geneById.set(id, g) }
      return g
    }
    let p = 0
    const n = text.length
    while (p < n) {
      let e = text.indexOf('\n', p)
      if (e < 0) e = n
      let line = text.slice(p, e)
      p = e + 1
      if (line.endsWith('\r')) line = line.slice(0, -1)
      if (!line || line[0] === '#') continue
      const f = line.split('\t')
      if (f.length < 9) {
        if (f.length < 8) throw new Error(`GFF: could not parse the line: ${line}`)
      }
      const chrom = f[0], ftype = f[2]
      if (ftype === 'biological_region') continue
      const beg = Number(f[3]) - 1, end = Number(f[4]) - 1
      if (!Number.isFinite(beg) || !Number.isFinite(end)) throw new Error(`GFF: could not parse the line: ${line}`)
      const strand = f[6] === '+' ? STRAND_FWD : f[6] === '-' ? STRAND_REV : STRAND_UNK
      const phase = f[7] === '0' ? 0 : f[7] === '1' ? 1 : f[7] === '2' ? 2 : 3
      let isGene = ftype === 'gene'
      let id: string | undefined, name: string | undefined, parent: string | undefined, biotype: string | undefined
      let biotypeAtEnd = false
      const attrs = f[8] ?? ''
      const kv = attrs.split(';')
      let protein: string | undefined, ttype: string | undefined
      let tag = '', mane: string | undefined, version: string | undefined, tid: string | undefined, gname: string | undefined
      for (let k = 0; k < kv.length; k++) {
        const a = kv[k]
        if (a.startsWith('ID=')) {
          id = a.slice(3)
          if (id.startsWith('gene:')) { id = id.slice(5); isGene = true } else if (id.startsWith('transcript:')) id = id.slice(11)
        } else if (a.startsWith('Name=')) name = a.slice(5)
        else if (a.startsWith('Parent=')) {
          parent = a.slice(7)
          if (parent.startsWith('gene:')) parent = parent.slice(5)
          else if (parent.startsWith('transcript:')) parent = parent.slice(11)
        } else if (a.startsWith('biotype=')) { biotype = a.slice(8); biotypeAtEnd = k === kv.length - 1 }
        else if (a.startsWith('gene_biotype=')) { biotype = a.slice(13); biotypeAtEnd = k === kv.length - 1 }
        else if (a.startsWith('tag=')) tag += ',' + a.slice(4)
        else if (a.startsWith('version=')) version = a.slice(8)
        else if (a.startsWith('transcript_id=')) tid = a.slice(14)
        else if (a.startsWith('gene_name=')) gname = a.slice(10)
        else if (a.startsWith('MANE_Select=') || a.startsWith('mane_select=')) mane = a.slice(12)
        else if (a.startsWith('protein_id=')) protein = a.slice(11)
        else if (a.startsWith('transcript_type=')) ttype = a.slice(16)
        else if (a.startsWith('transcript_biotype=')) ttype = a.slice(19)
        else if (a.startsWith('gene=')) gname ??= a.slice(5)
      }
      if (!id && tid && ftype !== 'exon' && ftype !== 'CDS') id = tid
      if (ftype === 'CDS' && !protein && id) protein = id.startsWith('CDS:') ? id.slice(4) : undefined
      const featType: Ftr['type'] | undefined = ftype === 'exon' ? 'exon' : ftype === 'CDS' ? 'CDS'
        : ftype === 'three_prime_UTR' ? 'UTR3' : ftype === 'five_prime_UTR' ? 'UTR5' : undefined
      if (isGene || parent === undefined) {
        if (!id) continue
        const g = geneOf(id)
        if (g.defined) { opts.onWarning?.(`The GFF contains features with duplicate id .. ${line}`); continue }
        addSeq(chrom)
        g.defined = true
        g.chrom = chrom; g.beg = beg; g.end = end; g.strand = strand
        g.name = name !== undefined ? decodeAttr(name) : gname !== undefined ? decodeAttr(gname) : id
        g.biotype = biotype
        continue
      }
      if (featType) {
        // the first parent only (bcftools takes the whole Parent value: comma lists name one transcript)
        ftrs.push({ type: featType, beg, end, trid: regId(parent), strand, phase, chrom, protein })
        addSeq(chrom)
        continue
      }
      // transcript line
      // bcftools' reading (including its quirk: `lncRNA` matches only as the line's last attribute)
      let bt = biotype !== undefined ? parseBiotype(biotype, biotypeAtEnd) : -1
      if (bt <= 0) bt = parseBiotype(ftype, true)
      // ours: the biotype as written; GENCODE (transcript_type=) and RefSeq (feature types
      // lnc_RNA, …) through the mapping in docs/csq.md
      let type = bt
      if (type <= 0 && biotype !== undefined) type = parseBiotype(biotype, true)
      if (type <= 0 && biotype === undefined && ttype !== undefined) type = parseBiotype(ttype, true)
      if (type <= 0 && biotype === undefined) type = parseBiotype(REFSEQ_TYPES[ftype] ?? '', true)
      // an Ensembl-style transcript bcftools would skip stays out of the bcftools-compatible (BCSQ) indexes
      const hidden = bt <= 0 && biotype !== undefined
      if (type <= 0) {
        if (biotype !== undefined) this.ignoredBiotypes.set(biotype, (this.ignoredBiotypes.get(biotype) ?? 0) + 1)
        continue
      }
      if (!id) throw new Error(`GFF: could not parse the line, neither "ID=transcript:" nor "ID=" substring is present: ${line}`)
      const num = regId(id)
      if (id.startsWith('rna-') && tid) id = tid
      const tags = tag.split(',')
      const tr: Transcript = {
        id, num, chrom, strand, type, biotype: biotypeName(type), beg, end, gene: geneOf(parent), cds: [], exons: [], utrs: [], trim: 0,
        canonical: tags.includes('Ensembl_canonical') || tags.includes('canonical'),
        mane: mane ?? (tags.includes('MANE_Select') ? (tid ?? id) : undefined), version, codingOk: false, cdsLen: 0, hidden,
      }
      trByNum.set(num, tr)
    }

    const cdsPush: Array<{ chrom: string; c: Cds }> = []
    const utrPush = new Map<string, Utr[]>()
    const exonPush = new Map<string, Feature[]>()
    const push = <T>(m: Map<string, T[]>, k: string, v: T) => { let a = m.get(k); if (!a) m.set(k, a = []); a.push(v) }
    const chromOf = (tr: Transcript) => (tr.gene.defined ? tr.gene.chrom : this.seqs[0])
    for (const ft of ftrs) {
      const tr = trByNum.get(ft.trid)
      if (!tr) continue
      if (ft.beg < tr.beg || ft.end > tr.end) {
        if (ft.beg < tr.beg) tr.beg = ft.beg
        if (ft.end > tr.end) tr.end = ft.end
      }
      if (ft.type === 'CDS') {
        if (tr.strand !== ft.strand) throw new Error(`Conflicting strand in transcript ${tr.id}`)
        tr.cds.push({ tr, beg: ft.beg, len: ft.end - ft.beg + 1, phase: ft.phase, icds: 0, pos: 0 })
        if (ft.protein && !tr.proteinId) tr.proteinId = ft.protein
      } else if (ft.type === 'exon') {
        const ex = { tr, beg: ft.beg, end: ft.end }
        tr.exons.push(ex)
        if (!tr.hidden) push(exonPush, chromOf(tr), ex)
      } else {
        const u: Utr = { tr, beg: ft.beg, end: ft.end, which: ft.type === 'UTR3' ? 3 : 5 }
        tr.utrs.push(u)
        if (!tr.hidden) push(utrPush, chromOf(tr), u)
      }
    }
    const trs = [...trByNum.values()].sort((a, b) => a.num - b.num)
    const tsPush = new Map<string, Transcript[]>()
    const allPush = new Map<string, Transcript[]>()
    for (const tr of trs) {
      tr.chrom = chromOf(tr)
      tr.exons.sort((a, b) => a.beg - b.beg)
      this.transcripts.push(tr)
      push(allPush, tr.chrom, tr)
      if (!tr.hidden) push(tsPush, tr.chrom, tr)
      if (!tr.cds.length) continue
      tr.cds.sort((a, b) => a.beg - b.beg)
      if (!this.initCds(tr, opts)) { tr.cds = []; continue }
      tr.codingOk = true
      if (!tr.hidden) for (const c of tr.cds) cdsPush.push({ chrom: tr.chrom, c })
    }
    const cdsBy = new Map<string, Cds[]>()
    for (const { chrom, c } of cdsPush) push(cdsBy, chrom, c)
    for (const [k, v] of cdsBy) this.idxCds.set(k, new IntervalIndex(v, (c) => c.beg, (c) => c.beg + c.len - 1))
    for (const [k, v] of utrPush) this.idxUtr.set(k, new IntervalIndex(v, (c) => c.beg, (c) => c.end))
    for (const [k, v] of exonPush) this.idxExon.set(k, new IntervalIndex(v, (c) => c.beg - N_SPLICE_REGION_INTRON, (c) => c.end + N_SPLICE_REGION_INTRON))
    for (const [k, v] of tsPush) this.idxTscript.set(k, new IntervalIndex(v, (c) => c.beg, (c) => c.end))
    for (const [k, v] of allPush) this.idxAll.set(k, new IntervalIndex(v, (c) => c.beg, (c) => c.end))
  }

  /** bcftools tscript_init_cds: phase trimming and checks. Returns false to skip the transcript. */
  private initCds(tr: Transcript, opts: GeneModelOptions): boolean {
    const cds = tr.cds
    let len = 0
    const phaseFail = (c: Cds, phase: number) => {
      const msg = `GFF3 assumption failed for transcript ${tr.id}, CDS=${c.beg + 1}: phase!=len%3 (phase=${phase}, len=${len})`
      if (!opts.force) throw new Error(`${msg}. Use the --force option to proceed anyway (at your own risk).`)
      opts.onWarning?.(`The GFF has inconsistent phase column in transcript ${tr.id}, skipping`)
      return false
    }
    if (tr.strand === STRAND_FWD) {
      if (cds[0].phase !== 3) {
        if (cds[0].phase) tr.trim |= TRIM_5PRIME
        cds[0].beg += cds[0].phase
        cds[0].len -= cds[0].phase
        cds[0].phase = 0
      }
      for (let i = 0; i < cds.length; i++) {
        if (cds[i].phase === 3) { len += cds[i].len; continue }
        const phase = cds[i].phase ? 3 - cds[i].phase : 0
        if (phase !== len % 3) return phaseFail(cds[i], phase)
        len += cds[i].len
      }
    } else if (tr.strand === STRAND_REV) {
      if (cds[cds.length - 1].phase !== 3) {
        let i = cds.length - 1
        let phase = cds[i].phase
        if (phase) tr.trim |= TRIM_5PRIME
        while (i >= 0 && phase > cds[i].len) { phase -= cds[i].len; cds[i].phase = 0; cds[i].len = 0; i-- }
        cds[i].len -= cds[i].phase
        cds[i].phase = 0
      }
      for (let i = cds.length - 1; i >= 0; i--) {
        if (cds[i].phase === 3) { len += cds[i].len; continue }
        const phase = cds[i].phase ? 3 - cds[i].phase : 0
        if (phase !== len % 3) return phaseFail(cds[i], phase)
        len += cds[i].len
      }
    } else return false
    len = 0
    for (let i = 0; i < cds.length; i++) { cds[i].icds = i; len += cds[i].len }
    if (len % 3 !== 0) {
      tr.trim |= TRIM_3PRIME
      if (tr.strand === STRAND_FWD) {
        let i = cds.length - 1
        while (i >= 0 && len % 3) {
          const d = cds[i].len >= len % 3 ? len % 3 : cds[i].len
          cds[i].len -= d; len -= d; i--
        }
      } else {
        let i = 0
        while (i < cds.length && len % 3) {
          const d = cds[i].len >= len % 3 ? len % 3 : cds[i].len
          cds[i].len -= d; cds[i].beg += d; len -= d; i++
        }
      }
    }
    len = 0
    for (const c of cds) { c.pos = len; len += c.len }
    tr.cdsLen = len
    return true
  }
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  if (typeof process !== 'undefined' && process.versions?.node) return (await import('node:zlib')).gunzipSync(bytes)
  const ds = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(ds).arrayBuffer())
}

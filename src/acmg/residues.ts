// The ClinVar residue index for PS1 and PM5: every ClinVar P/LP variant is run once through the
// consequence caller against the bundle's gene models and reference, and each missense change
// on a canonical transcript is indexed by gene and protein position with its amino acids.
// Built once per (ClinVar, genes, reference) and cached as a small TSV keyed by a fingerprint
// of the three inputs.
import { VcfReader } from '../reader/reader.js'
import { ConsequenceCaller } from '../csq/caller.js'
import type { GeneModel } from '../csq/gene-model.js'
import type { Reference } from '../reference/fasta.js'
import { EvidenceDataError } from './errors.js'
import type { VcfInput } from '../source/source.js'
import { sizeOf } from '../source/read.js'

export interface ResidueEntry {
  gene: string
  transcript: string
  /** Protein position (1-based). */
  position: number
  /** Reference and alternate amino acid (one letter). */
  refAa: string
  altAa: string
  /** `chrom:pos:ref:alt` of the ClinVar record. */
  key: string
  clinvarId: string
  significance: string
  hgvsp?: string
}

const PLP = /^(Pathogenic|Likely_pathogenic|Pathogenic\/Likely_pathogenic)(_low_penetrance)?$/

/** Whether a CLNSIG value asserts P or LP (the first of `|`-separated values; conflicting is not). */
export function isPathogenicClnsig(clnsig: string): boolean {
  return PLP.test(clnsig.split(/[|,]/)[0])
}

export class ResidueIndex {
  private readonly byResidue = new Map<string, ResidueEntry[]>()
  constructor(readonly entries: readonly ResidueEntry[], readonly fingerprint = '') {
    for (const e of entries) {
      const k = `${e.gene}:${e.position}`
      const list = this.byResidue.get(k)
      if (list) list.push(e)
      else this.byResidue.set(k, [e])
    }
  }

  get size(): number { return this.entries.length }

  /** ClinVar P/LP missense changes at a residue. */
  at(gene: string, position: number): readonly ResidueEntry[] {
    return this.byResidue.get(`${gene}:${position}`) ?? []
  }

  static readonly HEADER = '#gene\ttranscript\tposition\tref_aa\talt_aa\tkey\tclinvar_id\tsignificance\thgvsp'

  toTsv(): string {
    const rows = this.entries.map((e) => [e.gene, e.transcript, e.position, e.refAa, e.altAa, e.key, e.clinvarId, e.significance, e.hgvsp ?? ''].join('\t'))
    return [`##vartriage-clinvar-residues\tv1\t${this.fingerprint}`, ResidueIndex.HEADER, ...rows].join('\n') + '\n'
  }

  static fromTsv(text: string, file: string): ResidueIndex {
    const lines = text.split('\n')
    const m = /^##vartriage-clinvar-residues\tv1\t(\S*)$/.exec(lines[0] ?? '')
    if (!m || lines[1] !== ResidueIndex.HEADER) throw new EvidenceDataError('not a vartriage ClinVar residue index (v1)', { file, line: 1 })
    const out: ResidueEntry[] = []
    for (let i = 2; i < lines.length; i++) {
      if (lines[i] === '') continue
      const c = lines[i].split('\t')
      const position = Number(c[2])
      if (c.length !== 9 || !Number.isInteger(position)) throw new EvidenceDataError('expected 9 columns with an integer position', { file, line: i + 1 })
      out.push({ gene: c[0], transcript: c[1], position, refAa: c[3], altAa: c[4], key: c[5], clinvarId: c[6], significance: c[7], hgvsp: c[8] || undefined })
    }
    return new ResidueIndex(out, m[1])
  }
}

interface PlpRecord { chrom: string; pos: number; ref: string; alts: string[]; id: string; clnsig: string }

async function readPlp(input: VcfInput): Promise<PlpRecord[]> {
  const reader = await VcfReader.open(input)
  const out: PlpRecord[] = []
  for await (const batch of reader.batches({ info: ['CLNSIG'] })) {
    for (const i of batch.indices()) {
      const s = batch.info(i, 'CLNSIG')
      if (typeof s !== 'string' || !isPathogenicClnsig(s)) continue
      out.push({ chrom: batch.chrom(i), pos: batch.pos[i], ref: batch.ref(i), alts: batch.alt(i).split(','), id: batch.id(i), clnsig: s })
    }
  }
  return out
}

/** Runs the consequence caller over ClinVar's P/LP records and indexes their canonical missense changes. */
export async function buildResidueIndex(clinvar: VcfInput, model: GeneModel, reference: Reference, fingerprint = ''): Promise<ResidueIndex> {
  const recs = await readPlp(clinvar)
  const caller = new ConsequenceCaller(model, reference, { force: true })
  const entries: ResidueEntry[] = []
  const CHUNK = 256
  for (let s = 0; s < recs.length; s += CHUNK) {
    const chunk = recs.slice(s, s + CHUNK)
    await caller.prepare(chunk)
    for (const r of chunk) {
      const res = caller.callLoaded(0, r.chrom, r.pos, r.ref, r.alts)
      for (const t of res.transcripts) {
        if (!t.canonical || !t.terms.includes('missense_variant') || !t.aminoAcids || !t.proteinPosition || !t.symbol) continue
        const [refAa, altAa] = t.aminoAcids.split('/')
        const position = Number(t.proteinPosition.split('-')[0])
        if (refAa?.length !== 1 || altAa?.length !== 1 || !Number.isInteger(position)) continue
        entries.push({ gene: t.symbol, transcript: t.transcript, position, refAa, altAa, key: `${r.chrom}:${r.pos}:${r.ref}:${r.alts[t.altIndex - 1]}`,
          clinvarId: r.id, significance: r.clnsig, hgvsp: t.hgvsp })
      }
    }
  }
  return new ResidueIndex(entries, fingerprint)
}

/** Where a file's bytes are, its name, and what its manifest records. */
export interface FingerprintFile { path: string; input?: VcfInput; sha256?: string; bytes?: number }

/**
 * A fingerprint of input files (a cache key, not a security check): their manifest sha256 when
 * known, else name, size and (Node) modification time. Pure JS (FNV-1a, 4 lanes) so that
 * browsers compute the same key.
 */
export async function fingerprintOf(files: FingerprintFile[]): Promise<string> {
  let text = 'clinvar-residues v1\n'
  for (const f of files) {
    if (f.sha256) { text += `sha256 ${f.sha256}\n`; continue }
    let mtime = 0
    if (typeof f.input !== 'object' && typeof process !== 'undefined' && process.versions?.node) {
      mtime = Math.floor((await import('node:fs')).statSync(f.path).mtimeMs)
    }
    text += `stat ${f.path} ${f.bytes ?? await sizeOf(f.input ?? f.path)} ${mtime}\n`
  }
  return fnv128(text)
}

function fnv128(text: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    for (let k = 0; k < 4; k++) lanes[k] = Math.imul(lanes[k] ^ (c + k * 0x9e), 0x01000193) >>> 0
  }
  return lanes.map((x) => x.toString(16).padStart(8, '0')).join('')
}

const memo = new Map<string, Promise<ResidueIndex>>()

/**
 * The residue index for these inputs: from this process's memo, else from `cacheDir` when a
 * cache file with the same fingerprint is there, else built (and written to `cacheDir`).
 */
export async function residueIndex(inputs: { clinvar: FingerprintFile; genes: FingerprintFile; reference: FingerprintFile },
  load: () => Promise<{ model: GeneModel; reference: Reference }>, cacheDir?: string): Promise<ResidueIndex> {
  const fp = await fingerprintOf([inputs.clinvar, inputs.genes, inputs.reference])
  let p = memo.get(fp)
  if (!p) {
    p = (async () => {
      // the file cache is Node's (cacheDir); node:fs is imported only then, so browsers load this module
      const fs = cacheDir ? await import('node:fs') : undefined
      const file = cacheDir ? `${cacheDir.replace(/\/+$/, '')}/clinvar-residues.${fp}.tsv` : undefined
      if (fs && file && fs.existsSync(file)) return ResidueIndex.fromTsv(fs.readFileSync(file, 'utf8'), file)
      const { model, reference } = await load()
      const idx = await buildResidueIndex(inputs.clinvar.input ?? inputs.clinvar.path, model, reference, fp)
      if (fs && file) {
        fs.mkdirSync(cacheDir!, { recursive: true })
        const tmp = `${file}.${process.pid}.tmp`
        fs.writeFileSync(tmp, idx.toTsv())
        fs.renameSync(tmp, file) // atomic: a concurrent reader never sees half a file
      }
      return idx
    })()
    p.catch(() => memo.delete(fp))
    memo.set(fp, p)
  }
  return p
}

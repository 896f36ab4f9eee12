// The ClinVar residue index for PS1 and PM5: every ClinVar P/LP variant is run once through the
// consequence caller against the bundle's gene models and reference, and each missense change
// on a canonical transcript is indexed by gene and protein position with its amino acids.
// Built once per (ClinVar, genes, reference) and cached as a small TSV keyed by a fingerprint
// of the three inputs.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { VcfReader } from '../reader/reader.js'
import { ConsequenceCaller } from '../csq/caller.js'
import type { GeneModel } from '../csq/gene-model.js'
import type { Reference } from '../reference/fasta.js'
import { EvidenceDataError } from './errors.js'

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

async function readPlp(path: string): Promise<PlpRecord[]> {
  const reader = await VcfReader.open(path)
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
export async function buildResidueIndex(clinvar: string, model: GeneModel, reference: Reference, fingerprint = ''): Promise<ResidueIndex> {
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

/** A fingerprint of input files: their manifest sha256 when known, else size and modification time. */
export function fingerprintOf(files: Array<{ path: string; sha256?: string }>): string {
  const h = createHash('sha256').update('clinvar-residues v1\n')
  for (const f of files) {
    if (f.sha256) h.update(`sha256 ${f.sha256}\n`)
    else { const s = statSync(f.path); h.update(`stat ${s.size} ${Math.floor(s.mtimeMs)}\n`) }
  }
  return h.digest('hex').slice(0, 32)
}

const memo = new Map<string, Promise<ResidueIndex>>()

/**
 * The residue index for these inputs: from this process's memo, else from `cacheDir` when a
 * cache file with the same fingerprint is there, else built (and written to `cacheDir`).
 */
export function residueIndex(inputs: { clinvar: { path: string; sha256?: string }; genes: { path: string; sha256?: string }; reference: { path: string; sha256?: string } },
  load: () => Promise<{ model: GeneModel; reference: Reference }>, cacheDir?: string): Promise<ResidueIndex> {
  const fp = fingerprintOf([inputs.clinvar, inputs.genes, inputs.reference])
  let p = memo.get(fp)
  if (!p) {
    p = (async () => {
      const file = cacheDir ? join(cacheDir, `clinvar-residues.${fp}.tsv`) : undefined
      if (file && existsSync(file)) return ResidueIndex.fromTsv(readFileSync(file, 'utf8'), file)
      const { model, reference } = await load()
      const idx = await buildResidueIndex(inputs.clinvar.path, model, reference, fp)
      if (file) {
        mkdirSync(cacheDir!, { recursive: true })
        const tmp = `${file}.${process.pid}.tmp`
        writeFileSync(tmp, idx.toTsv())
        renameSync(tmp, file) // atomic: a concurrent reader never sees half a file
      }
      return idx
    })()
    p.catch(() => memo.delete(fp))
    memo.set(fp, p)
  }
  return p
}

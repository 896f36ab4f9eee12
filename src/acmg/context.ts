// What the evidence rules read besides the candidate: gene constraint and ClinGen dosage
// (PVS1's "LoF is a known mechanism"), PM1 hotspots, the ClinVar residue index (PS1/PM5),
// transcript layouts (PVS1's NMD and lost-fraction questions) and, for in-frame indels, the
// reference around them (BP3/PM4). Load it from a bundle or from files, once per run.
import type { Bundle } from '../resources/bundle.js'
import { GeneModel } from '../csq/gene-model.js'
import { Reference } from '../reference/fasta.js'
import type { Candidate } from '../prioritise/model.js'
import { evidenceOptions, type EvidenceOptions } from './options.js'
import { parseConstraint, parseHaploinsufficiency, parseHotspots, readText, type GeneConstraint, type Haploinsufficiency, type Hotspot } from './tables.js'
import { residueIndex, type ResidueIndex } from './residues.js'
import { layoutOf, type Layout } from './layout.js'
import { tandemCopies } from './repeats.js'
import { readAllBytes } from '../source/read.js'
import type { VcfInput } from '../source/source.js'

export interface EvidenceFiles {
  constraint?: string
  haploinsufficiency?: string
  hotspots?: string
  /** ClinVar VCF (bgzip) + genes GFF3 + reference FASTA: the residue index for PS1/PM5. */
  clinvar?: string
  genes?: string
  reference?: string
}

export interface EvidenceLoadOptions {
  options?: Partial<EvidenceOptions>
  /** Where the ClinVar residue index is cached between runs (default: only in this process). */
  cacheDir?: string
  /** Already loaded gene models / reference, to share with other stages. */
  geneModel?: GeneModel
  reference?: Reference
}

export interface EvidenceData {
  constraint?: Map<string, GeneConstraint>
  haploinsufficiency?: Map<string, Haploinsufficiency>
  hotspots?: Map<string, Hotspot[]>
  residues?: ResidueIndex
  geneModel?: GeneModel
  reference?: Reference
}

/** Whether loss of function causes disease in a gene, and on what the answer rests. */
export interface Mechanism { known: boolean; source: string; data: Record<string, string | number> }

/** A file the evidence reads: where its bytes are, what messages call it, what the manifest records. */
interface EvidenceFile { path: string; input: VcfInput; sha256?: string; bytes?: number; fai?: VcfInput; gzi?: VcfInput }

const INFRAME = new Set(['inframe_insertion', 'inframe_deletion'])

export class EvidenceContext {
  readonly options: EvidenceOptions
  private readonly layouts = new Map<string, Layout | null>()
  private readonly transcripts = new Map<string, import('../csq/gene-model.js').Transcript>()
  private readonly repeats = new Map<string, { unit: string; copies: number } | null>()

  constructor(readonly data: EvidenceData = {}, options: Partial<EvidenceOptions> = {}) {
    this.options = evidenceOptions(options)
    for (const t of data.geneModel?.transcripts ?? []) this.transcripts.set(t.id, t)
  }

  /** From a bundle (roles constraint, haploinsufficiency, hotspots, clinvar + genes + reference) or from files; every part is optional. */
  static async load(src: Bundle | EvidenceFiles, opts: EvidenceLoadOptions = {}): Promise<EvidenceContext> {
    const isBundle = (x: Bundle | EvidenceFiles): x is Bundle => typeof (x as Bundle).get === 'function'
    const file = (role: keyof EvidenceFiles): EvidenceFile | undefined => {
      if (isBundle(src)) {
        const f = src.get(role)
        return f ? { path: f.path, input: f.input, sha256: f.sha256, bytes: f.bytes, fai: f.indexInput('fai'), gzi: f.indexInput('gzi') } : undefined
      }
      const p = src[role]
      return p ? { path: p, input: p } : undefined
    }
    const data: EvidenceData = {}
    const c = file('constraint'), h = file('haploinsufficiency'), s = file('hotspots')
    if (c) data.constraint = parseConstraint(await readText(c.input, c.path), c.path)
    if (h) data.haploinsufficiency = parseHaploinsufficiency(await readText(h.input, h.path), h.path)
    if (s) data.hotspots = parseHotspots(await readText(s.input, s.path), s.path)
    const g = file('genes'), r = file('reference'), cv = file('clinvar')
    if (g) data.geneModel = opts.geneModel ?? await GeneModel.load(typeof g.input === 'string' ? g.input : await readAllBytes(g.input, g.path), { force: true })
    if (r) data.reference = opts.reference ?? await Reference.open(r.input, { fai: r.fai, gzi: r.gzi })
    if (cv && g && r) {
      data.residues = await residueIndex({ clinvar: cv, genes: g, reference: r },
        async () => ({ model: data.geneModel!, reference: data.reference! }), opts.cacheDir)
    }
    return new EvidenceContext(data, opts.options)
  }

  /** LoF as a disease mechanism: ClinGen haploinsufficiency score (3, or 30 for recessive genes), else LOEUF when allowed. */
  mechanism(gene: string): Mechanism {
    const hi = this.data.haploinsufficiency?.get(gene)
    const k = this.data.constraint?.get(gene)
    const data: Record<string, string | number> = {}
    if (k?.loeuf !== undefined) data.loeuf = k.loeuf
    if (k?.pli !== undefined) data.pLI = k.pli
    if (hi) {
      data.haploinsufficiencyScore = hi.score
      if (this.options.pvs1HaploinsufficiencyScores.includes(hi.score)) {
        return { known: true, source: hi.score === 30 ? 'ClinGen: gene associated with an autosomal recessive phenotype' : `ClinGen haploinsufficiency score ${hi.score}`, data }
      }
      return { known: false, source: `ClinGen haploinsufficiency score ${hi.score}`, data }
    }
    const max = this.options.pvs1MaxLoeuf
    if (max !== null && k?.loeuf !== undefined && k.loeuf < max) return { known: true, source: `LOEUF ${k.loeuf} < ${max}`, data }
    return { known: false, source: 'no dosage curation for the gene', data }
  }

  /** Layout of a transcript of the gene models (undefined without gene models or for a non-coding one). */
  layout(transcript: string | undefined): Layout | undefined {
    if (!transcript) return undefined
    const id = transcript.replace(/\.\d+$/, '')
    let l = this.layouts.get(id)
    if (l === undefined) {
      const t = this.transcripts.get(id) ?? this.transcripts.get(transcript)
      l = (t && layoutOf(t)) ?? null
      this.layouts.set(id, l)
    }
    return l ?? undefined
  }

  /** PM1 regions holding a protein position (matching the transcript when both name one). */
  hotspots(gene: string, start: number, end = start, transcript?: string): Hotspot[] {
    const tx = transcript?.replace(/\.\d+$/, '')
    return (this.data.hotspots?.get(gene) ?? []).filter((h) => h.start <= end && start <= h.end && (!tx || !h.transcript || h.transcript.replace(/\.\d+$/, '') === tx))
  }

  get residues(): ResidueIndex | undefined { return this.data.residues }

  /** Criteria this context cannot assess, and why (for reports: "not assessed" is not "not met"). */
  unavailable(): Array<{ codes: string[]; reason: string }> {
    const out: Array<{ codes: string[]; reason: string }> = []
    const d = this.data
    if (!d.haploinsufficiency && (!d.constraint || this.options.pvs1MaxLoeuf === null)) out.push({ codes: ['PVS1'], reason: 'no dosage-sensitivity (haploinsufficiency) table' })
    else if (!d.geneModel) out.push({ codes: ['PVS1'], reason: 'no gene models: PVS1 strength from the exon number only' })
    if (!d.residues) out.push({ codes: ['PS1', 'PM5'], reason: 'no ClinVar residue index (needs clinvar, genes and reference)' })
    if (!d.hotspots) out.push({ codes: ['PM1'], reason: 'no hotspot table' })
    if (!d.reference) out.push({ codes: ['BP3'], reason: 'no reference to find repeats: in-frame indels get PM4' })
    return out
  }

  /** Fetches the reference around in-frame indels (BP3/PM4); classify() works without it, calling every one non-repetitive. */
  async prepare(candidates: Iterable<Candidate>): Promise<void> {
    const ref = this.data.reference
    if (!ref) return
    const FLANK = 120
    for (const c of candidates) {
      const v = c.variant
      if (this.repeats.has(v.key) || !v.consequence.some((t) => INFRAME.has(t))) continue
      const start = Math.max(0, v.pos - 1 - FLANK)
      const win = await ref.fetch(v.chrom, start, v.pos - 1 + v.ref.length + FLANK)
      this.repeats.set(v.key, win ? tandemCopies(v.pos, v.ref, v.alt, win, start) ?? null : null)
    }
  }

  /** Tandem-repeat context of a prepared in-frame indel (undefined: not prepared or not a pure indel). */
  repeat(key: string): { unit: string; copies: number } | undefined {
    return this.repeats.get(key) ?? undefined
  }
}

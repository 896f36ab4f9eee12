// The bcftools csq corpus as test cases, and record-by-record comparison of BCSQ strings.
// Oracles, in order: the case's `.txt-l` (bcftools csq -l output stored with the corpus),
// else its `.txt` (bcftools' haplotype-aware output; records whose answer is a compound of
// several records are not comparable in per-record mode), else the VCF's INFO/EXP (the
// same kind of expectation, written by hand), else a live `bcftools csq -l` run.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { spawnSync } from 'node:child_process'
import { VcfReader } from '../../src/reader/reader.js'
import { Reference } from '../../src/reference/fasta.js'
import { GeneModel } from '../../src/csq/gene-model.js'
import { ConsequenceCaller } from '../../src/csq/caller.js'
import { bcsqText } from '../../src/csq/format.js'

export const shared = process.env.VARTRIAGE_SHARED ?? join(process.cwd(), '..', 'shared')
export const corpus = join(shared, 'conformance', 'bcftools-csq')

export interface CsqCase { name: string; dir: string; vcf: string; gff: string; fa: string }

export function corpusCases(): CsqCase[] {
  const root = join(corpus, 'csq')
  if (!existsSync(root)) return []
  const out: CsqCase[] = []
  for (const d of readdirSync(root).sort()) {
    const dir = join(root, d)
    for (const f of readdirSync(dir).sort()) {
      if (!f.endsWith('.vcf')) continue
      const base = f.slice(0, -4)
      // as bcftools' test.pl: <dir>/<dir>.gff (a case-named .gff where the case brings its own)
      const gff = existsSync(join(dir, `${base}.gff`)) ? join(dir, `${base}.gff`) : join(dir, `${d}.gff`)
      out.push({ name: `${d}/${base}`, dir, vcf: join(dir, f), gff, fa: join(dir, `${d}.fa`) })
    }
  }
  const top = corpus
  out.push({ name: 'csq', dir: top, vcf: join(top, 'csq.vcf'), gff: join(top, 'csq.gff3'), fa: join(top, 'csq.fa') })
  out.push({ name: 'csq (chr-prefixed GFF)', dir: top, vcf: join(top, 'csq.vcf'), gff: join(top, 'csq.chr.gff3'), fa: join(top, 'csq.fa') })
  return out
}

export type Oracle = 'txt-l' | 'txt' | 'EXP' | 'bcftools'

export interface RecordResult {
  pos: number; ref: string; alt: string
  expected: string; got: string
  /** Live bcftools -l (when run). */
  live?: string
  comparable: boolean
  pass: Record<Category, boolean>
}

export const CATEGORIES = ['consequence', 'gene', 'transcript', 'protein', 'dna', 'exact'] as const
export type Category = (typeof CATEGORIES)[number]

export interface CaseResult { c: CsqCase; oracle: Oracle; records: RecordResult[]; error?: string; note?: string }

function field(list: string, k: number): string {
  if (list === '.' || list === '') return ''
  return list.split(',').map((e) => {
    const f = e.split('|')
    // keyed by transcript so multisets line up
    return k === 2 ? f[2] ?? '' : `${f[2] ?? ''}:${f[1] ?? ''}:${f[k] ?? ''}`
  }).sort().join(',')
}

/** Per-category agreement of two BCSQ values (entry order is not significant: bcftools' tests sort it). */
export function compareBcsq(exp: string, got: string): Record<Category, boolean> {
  const norm = (s: string) => (s === '.' ? '' : s.split(',').sort().join(','))
  return {
    consequence: field(exp, 0) === field(got, 0),
    gene: field(exp, 1) === field(got, 1),
    transcript: field(exp, 2) === field(got, 2),
    protein: field(exp, 5) === field(got, 5),
    dna: field(exp, 6) === field(got, 6),
    exact: norm(exp) === norm(got),
  }
}

/** The second line of each block of a .txt-l file: POS REF ALT BCSQ. */
function readTxtL(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n\n').filter((b) => b.trim()).map((b) => b.split('\n')[1]?.split('\t')[3] ?? '.')
}

export function liveBcftools(c: CsqCase): string[] | undefined {
  const r = spawnSync('bcftools', ['csq', '-l', '-s', '-', '-f', c.fa, '-g', c.gff, c.vcf], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (r.status !== 0) return undefined
  return r.stdout.split('\n').filter((l) => l && l[0] !== '#').map((l) => /(?:^|;)BCSQ=([^;\t]*)/.exec(l.split('\t')[7])?.[1] ?? '.')
}

/** Runs our caller over a case through the public reader + caller API. */
export async function runCase(c: CsqCase): Promise<{ records: Array<{ pos: number; ref: string; alt: string; info: string; bcsq: string }> }> {
  const model = await GeneModel.load(c.gff)
  const ref = await Reference.open(c.fa)
  const caller = new ConsequenceCaller(model, ref, { force: true })
  const reader = await VcfReader.open(c.vcf, { onWarning: () => {} })
  const records: Array<{ pos: number; ref: string; alt: string; info: string; bcsq: string }> = []
  for await (const b of reader.batches()) {
    const res = await caller.callBatch(b)
    for (const r of res) records.push({ pos: r.pos, ref: r.ref, alt: r.alts.join(',') || '.', info: b.infoText(r.index), bcsq: bcsqText(r) || '.' })
  }
  return { records }
}

/** A haplotype-aware expectation that per-record calling cannot reproduce: references another record or joins several. */
export function compoundExpectation(exp: string): boolean {
  return exp.split(',').some((e) => e.startsWith('@') || (e.split('|')[6] ?? '').includes('+'))
}

export async function evaluateCase(c: CsqCase, withLive: boolean): Promise<CaseResult> {
  let ours
  try {
    ours = await runCase(c)
  } catch (e) {
    return { c, oracle: 'bcftools', records: [], error: (e as Error).message }
  }
  const txtl = c.vcf.replace(/\.vcf$/, '.txt-l')
  let oracle: Oracle
  let expected: string[]
  const live = withLive ? liveBcftools(c) : undefined
  const txt = c.vcf.replace(/\.vcf$/, '.txt')
  const sites = !/^#CHROM(\t[^\t\n]*){9}/m.test(readFileSync(c.vcf, 'utf8'))
  if (existsSync(txtl)) { oracle = 'txt-l'; expected = readTxtL(txtl) } else if (existsSync(txt) && sites) { oracle = 'txt'; expected = readTxtL(txt) } else if (ours.records.some((r) => /(?:^|;)EXP=/.test(r.info))) {
    oracle = 'EXP'
    expected = ours.records.map((r) => /(?:^|;)EXP=([^;]*)/.exec(r.info)?.[1] ?? '.')
  } else {
    oracle = 'bcftools'
    if (!live) return { c, oracle, records: [], note: 'no stored expectation, and bcftools csq -l (1.16) rejects the case' }
    expected = live
  }
  const records = ours.records.map((r, k) => {
    const exp = expected[k] ?? '.'
    const comparable = !((oracle === 'EXP' || oracle === 'txt') && compoundExpectation(exp))
    return { pos: r.pos, ref: r.ref, alt: r.alt, expected: exp, got: r.bcsq, live: live?.[k], comparable, pass: compareBcsq(exp, r.bcsq) }
  })
  return { c, oracle, records }
}

/** Why a record disagrees with its oracle, when the reason is one we know. */
export function reasonOf(c: CaseResult, r: RecordResult): string {
  if (r.live !== undefined && compareBcsq(r.live, r.got).exact && c.oracle !== 'bcftools') {
    return 'the haplotype-aware expectation differs from per-record calling; identical to `bcftools csq -l`'
  }
  if (c.oracle === 'bcftools') {
    const v = versionDifference(r.expected, r.got, r.ref, r.alt.split(',')[0], false)
    if (v) return `bcftools 1.16 (the live oracle) predates a change vartriage follows: ${v}`
    return 'bcftools 1.16 (the live oracle) differs: vartriage follows current bcftools (csq.c at de0606d1), whose stored corpus outputs it matches'
  }
  return 'unexplained'
}

const entries = (s: string) => (s === '.' || !s ? [] : s.split(','))
const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',')

/**
 * Recognises the changes in bcftools csq between 1.16 (the installed oracle) and the current
 * source that vartriage follows (and the corpus' stored outputs reflect). Returns the change,
 * or undefined when the difference is not one of them.
 */
export function versionDifference(live: string, got: string, ref: string, alt: string, nearContigStart: boolean): string | undefined {
  const L = entries(live), G = entries(got.replace(/&NMD_transcript/g, ''))
  if (sameSet(L, G)) return 'NMD_transcript suffix (bcftools 3e88429f)'
  // fe0dfe3f: an MNV whose codons gain a stop is stop_gained, not missense
  if (sameSet(L, G.map((e) => e.replace(/^stop_gained\|/, 'missense|')))) return 'MNV reported by its most severe codon change (bcftools fe0dfe3f)'
  // an MNV across an exon boundary is no longer given a coding consequence
  if (ref.length === alt.length && ref.length > 1 && G.every((e) => L.includes(e)) && L.filter((e) => !G.includes(e)).every((e) => e.split('|').length > 5)) {
    return 'MNV across an exon boundary: splice consequence only (bcftools 8c1deeaa)'
  }
  // start_lost now comes with the protein change (1.16 returned early for start_lost)
  const key = (e: string) => e.split('|').slice(1, 3).join('|')
  const lStart = L.filter((e) => /^start_lost\|[^|]*\|[^|]*\|[^|]*\|[+-]$/.test(e))
  if (lStart.length && lStart.every((e) => G.some((g) => key(g) === key(e) && /(^|&)start_lost/.test(g.split('|')[0]) && g.split('|').length > 5)) &&
    sameSet(L.filter((e) => !lStart.includes(e)), G.filter((g) => !lStart.some((e) => key(e) === key(g))))) {
    return 'start_lost with its protein change (bcftools ccffa427)'
  }
  // 8c1deeaa: complex substitutions (both alleles longer than one base after trimming) are feature_elongation/truncation
  const plain = (e: string) => {
    const f = e.split('|')
    f[0] = f[0].split('&').filter((t) => t !== 'feature_elongation' && t !== 'feature_truncation').join('&')
    return (f.length === 5 ? f.slice(0, 4) : f).join('|')
  }
  if (G.some((e) => /feature_(elongation|truncation)/.test(e.split('|')[0])) && sameSet(L.map(plain), G.map(plain))) {
    return 'complex substitution reported as feature_elongation/truncation (bcftools 8c1deeaa)'
  }
  // regidx now swaps reversed intervals: an exon starting within 8 bp of the contig start is indexed
  if (nearContigStart && L.some((e) => e.startsWith('intron|')) && G.some((g) => /^splice_(region|acceptor|donor)/.test(g))) {
    return 'exon within 8 bp of the contig start now indexed for splice checks (bcftools e9a12b90, regidx)'
  }
  return undefined
}

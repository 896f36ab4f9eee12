// The ACMG secondary-findings list (SF v3.2, Miller et al. 2023) as data: the bundle's
// `secondary-findings` TSV (`symbol category inheritance phenotype report rule`), or the
// built-in copy. `rule` is the reporting rule in machine-readable form; a table without it
// (an older or hand-made file) has the rule derived from `report` and `inheritance`.
import { VartriageError, type ErrorLocation } from '../errors.js'
import type { Bundle } from '../resources/bundle.js'
import { acmgSfTsv, ACMG_SF_VERSION } from '../world/genes/acmg-sf.js'
import { readAllText } from '../source/read.js'

export class ConsentDataError extends VartriageError {
  constructor(message: string, where: ErrorLocation = {}) { super(message, where) }
}

export type Zygosity = 'monoallelic' | 'biallelic' | 'homozygous'

export interface ReportingRule {
  /** monoallelic: one P/LP variant; biallelic: two (compound het) or a homozygote; homozygous: a homozygote only. */
  zygosity: Zygosity
  /** Which variants count: all P/LP, truncating ones only (TTN, FLNC), non-truncating (PCSK9 gain of function). */
  variants: 'any' | 'truncating' | 'non-truncating'
  /** A single reportable variant, HGVS p. (HFE p.Cys282Tyr). */
  variant?: string
}

export interface SecondaryFindingsGene {
  symbol: string
  category: string
  inheritance: string
  phenotype: string
  report: string
  rule: ReportingRule
}

/** Parses `zygosity[;truncating|;non-truncating|;variant=p.X]`. */
export function parseRule(text: string, where: ErrorLocation = {}): ReportingRule {
  const parts = text.split(';').map((s) => s.trim()).filter(Boolean)
  const z = parts.shift()
  if (z !== 'monoallelic' && z !== 'biallelic' && z !== 'homozygous') throw new ConsentDataError(`reporting rule must start with monoallelic, biallelic or homozygous, got ${JSON.stringify(text)}`, where)
  const rule: ReportingRule = { zygosity: z, variants: 'any' }
  for (const p of parts) {
    if (p === 'truncating' || p === 'non-truncating') rule.variants = p
    else if (p.startsWith('variant=p.')) rule.variant = p.slice('variant='.length)
    else throw new ConsentDataError(`unknown reporting-rule term ${JSON.stringify(p)} in ${JSON.stringify(text)}`, where)
  }
  return rule
}

/** The rule a free-text `report` column implies (tables without a `rule` column). */
export function ruleFromReport(report: string, inheritance: string): ReportingRule {
  const m = /(p\.[A-Za-z]+\d+[A-Za-z]+) homozygotes only/.exec(report)
  if (m) return { zygosity: 'homozygous', variants: 'any', variant: m[1] }
  const zygosity: Zygosity = /biallelic|two variants/i.test(report) || inheritance === 'AR' ? 'biallelic' : 'monoallelic'
  return { zygosity, variants: /truncating variants only/i.test(report) ? 'truncating' : /gain-of-function/i.test(report) ? 'non-truncating' : 'any' }
}

export class SecondaryFindingsList {
  private constructor(readonly version: string, readonly genes: ReadonlyMap<string, SecondaryFindingsGene>, readonly source: string) {}

  has(symbol: string | undefined): boolean { return symbol !== undefined && this.genes.has(symbol) }
  get(symbol: string | undefined): SecondaryFindingsGene | undefined { return symbol === undefined ? undefined : this.genes.get(symbol) }

  static parse(text: string, file: string): SecondaryFindingsList {
    const lines = text.split('\n')
    let header: string[] | undefined, version = ''
    const genes = new Map<string, SecondaryFindingsGene>()
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i].replace(/\r$/, '')
      if (!l.trim()) continue
      if (l.startsWith('#')) {
        const v = /ACMG SF (v[\d.]+)/.exec(l)
        if (v) version = v[1]
        const cells = l.slice(1).split('\t')
        if (cells.includes('symbol')) header = cells
        continue
      }
      if (!header) throw new ConsentDataError('no "#symbol\\t…" header line before the first gene', { file, line: i + 1 })
      const c = l.split('\t')
      const get = (k: string) => { const j = header!.indexOf(k); return j >= 0 ? (c[j] ?? '').trim() : '' }
      const symbol = get('symbol')
      if (!symbol) throw new ConsentDataError('no gene symbol', { file, line: i + 1 })
      const report = get('report'), inheritance = get('inheritance'), ruleText = get('rule')
      genes.set(symbol, { symbol, category: get('category'), inheritance, phenotype: get('phenotype'), report,
        rule: ruleText ? parseRule(ruleText, { file, line: i + 1 }) : ruleFromReport(report, inheritance) })
    }
    if (genes.size === 0) throw new ConsentDataError('the secondary-findings list has no genes', { file })
    return new SecondaryFindingsList(version, genes, file)
  }

  /** The bundle's `secondary-findings` file, or a file path, or the built-in ACMG SF v3.2 list. */
  static async load(src?: Bundle | string): Promise<SecondaryFindingsList> {
    const f = typeof src === 'string' ? { input: src, path: src } : src?.get('secondary-findings')
    if (!f) return SecondaryFindingsList.builtin()
    const text = await readAllText(f.input, f.path, (m, where) => new ConsentDataError(m, where))
    return SecondaryFindingsList.parse(text, f.path)
  }

  static builtin(): SecondaryFindingsList {
    return SecondaryFindingsList.parse(acmgSfTsv(), `<built-in ACMG SF ${ACMG_SF_VERSION}>`)
  }
}

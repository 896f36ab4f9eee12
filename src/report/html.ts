// report.html: one standalone page (inline CSS, JS and SVG; no URL of any kind) that a lab can
// open offline, archive and print. Every piece of text from the run goes through escHtml.
import type { BamIndexResult } from '../coverage/bam-index.js'
import type { SexCall } from '../coverage/sex.js'
import type { CoverageFlags } from '../coverage/flags.js'
import { coverageSvg } from '../coverage/svg.js'
import type { Criterion, GeneResult, PrioritisationResult, RankedVariant, SexCheck } from '../prioritise/model.js'
import { criterionLabel, escHtml as e, fmtNum, orderedGenes } from './format.js'
import { REPORT_CSS, REPORT_JS } from './html-assets.js'
import { sortKeys } from './json.js'
import { coverageSexSvg, hetSexSvg } from './sex-svg.js'

export interface CoveragePlot {
  /** Whose coverage: the individual's id (and family). */
  individual: string
  family?: string
  index: BamIndexResult
  sex?: SexCall
  flags?: CoverageFlags
}

export interface ReportOptions {
  /** HPO term labels (id → name) to show beside the ids. */
  hpoLabels?: Record<string, string>
  /** Per-individual coverage from readBamIndex, drawn with coverageSvg. */
  coverage?: CoveragePlot[]
  /**
   * Genes per family whose full evidence is written (default 100): a genome-wide run can rank
   * thousands, and the ranked table lists them all while results.json keeps every detail.
   */
  evidenceLimit?: number
  /** Overrides parameters.panel / parameters.consent for the summary. */
  panel?: string
  consent?: string
}

const CLASS_LABEL: Record<string, string> = {
  pathogenic: 'Pathogenic', likely_pathogenic: 'Likely pathogenic', uncertain_significance: 'VUS',
  likely_benign: 'Likely benign', benign: 'Benign',
}
const MODE_LABEL: Record<string, string> = {
  de_novo: 'de novo', autosomal_dominant: 'autosomal dominant', autosomal_recessive_hom: 'autosomal recessive (homozygous)',
  compound_het: 'compound heterozygous', x_linked_recessive: 'X-linked recessive', x_linked_dominant: 'X-linked dominant',
  mitochondrial: 'mitochondrial',
}
// the class column sorts by severity (pathogenic first), not by its label
const classRank = (c: string): number => { const i = Object.keys(CLASS_LABEL).indexOf(c); return i < 0 ? 9 : i }
const modeLabel = (m: string): string => MODE_LABEL[m] ?? m
const classLabel = (c: string): string => CLASS_LABEL[c] ?? c

function paramText(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined
  // sorted keys: the same parameters read back from results.json must render the same
  return typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object') ? v.map(String).join(', ') : JSON.stringify(sortKeys(v))
}

/** Short name of a variant for tables: protein change, else coding change, else chrom:pos ref>alt. */
function variantName(rv: RankedVariant): string {
  const v = rv.candidate.variant
  return v.hgvsp ?? v.hgvsc ?? `${v.chrom}:${v.pos} ${v.ref}>${v.alt}`
}

function dl(items: [string, string][]): string {
  return `<dl class="kv">${items.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('')}</dl>`
}

function table(caption: string, head: string[], rows: string[][], cls = ''): string {
  return `<table${cls ? ` class="${cls}"` : ''}><caption class="muted">${e(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`
}

function summary(r: PrioritisationResult, o: ReportOptions): string {
  const panel = o.panel ?? paramText(r.parameters.panel) ?? 'none (genome-wide)'
  const consent = o.consent ?? paramText(r.parameters.consent) ?? 'related'
  const nVariants = new Set(r.genes.flatMap((g) => g.variants.map((v) => v.candidate.variant.key))).size
  const label = (t: string) => (o.hpoLabels?.[t] ? `${e(t)} ${e(o.hpoLabels[t])}` : e(t))
  const fams = r.case.families.map((f) => [
    e(f.id),
    f.members.map((m) => `${e(m.id)}${m.id === f.proband ? ' (proband)' : ''}`).join(', '),
    f.hpo.map(label).join('<br>') || '<span class="muted">none</span>',
    f.excludedHpo.map(label).join('<br>') || '<span class="muted">none</span>',
  ])
  const members = r.case.families.flatMap((f) => f.members.map((m) => [
    e(f.id), e(m.id), e(m.father ?? '.'), e(m.mother ?? '.'), e(m.sex),
    m.affected === undefined ? 'unknown' : m.affected ? 'affected' : 'unaffected', m.sample >= 0 ? 'yes' : 'no',
  ]))
  const counts = Object.keys(r.counts).sort().map((k) => [e(k), `<span class="num">${e(fmtNum(r.counts[k]))}</span>`])
  return `<section id="summary" aria-labelledby="h-summary"><h2 id="h-summary">Summary</h2>` +
    dl([
      ['Tool', e(`${r.tool.name} ${r.tool.version}`)], ['Run started', e(r.started)],
      ['Families', e(String(r.case.families.length))], ['Panel', e(panel)], ['Consent', e(consent)],
      ['Candidate genes', e(String(r.genes.length))], ['Candidate variants', e(String(nVariants))],
      ['Secondary findings shown', e(String(r.secondary.length))], ['Findings masked', e(String(r.masked.count))],
    ]) +
    table('Families and phenotype', ['Family', 'Members', 'HPO terms', 'Excluded terms'], fams) +
    table('Pedigree', ['Family', 'Individual', 'Father', 'Mother', 'Sex (declared)', 'Status', 'In VCF'], members) +
    (counts.length ? `<details><summary>Counts</summary>${table('Counts', ['What', 'Number'], counts)}</details>` : '') +
    `<details><summary>Parameters</summary>${table('Parameters as resolved', ['Parameter', 'Value'],
      Object.keys(r.parameters).sort().map((k) => [`<code>${e(k)}</code>`, `<code>${e(paramText(r.parameters[k]) ?? '.')}</code>`]))}</details>` +
    `</section>`
}

function conflict(c: SexCheck): boolean {
  return c.declared !== 'unknown' && c.inferred !== 'unknown' && c.declared !== c.inferred
}

function notices(r: PrioritisationResult, o: ReportOptions): string {
  const consent = o.consent ?? paramText(r.parameters.consent) ?? 'related'
  const masked = r.masked.count > 0
    ? `<p class="notice" id="masked">${e(String(r.masked.count))} finding${r.masked.count === 1 ? '' : 's'} outside the consent (${e(consent)}) ${r.masked.count === 1 ? 'was' : 'were'} masked: ${r.masked.count === 1 ? 'it is' : 'they are'} not named in this report or in any other output of the run.</p>`
    : `<p class="notice" id="masked">No findings were masked under the consent (${e(consent)}).</p>`
  const warnings: string[] = r.case.warnings.map((w) =>
    `<li><strong>${e(w.code)}</strong> — family ${e(w.family)}${w.individual ? `, ${e(w.individual)}` : ''}: ${e(w.message)}</li>`)
  for (const c of r.sexChecks) {
    const listed = r.case.warnings.some((w) => w.code === 'sex-conflict' && w.individual === c.individual && w.family === c.family)
    if (conflict(c) && !listed) warnings.push(`<li><strong>sex-conflict</strong> — family ${e(c.family)}, ${e(c.individual)}: declared ${e(c.declared)}, inferred ${e(c.inferred)} (${e(c.method)})</li>`)
  }
  return `<section id="notices" aria-labelledby="h-notices"><h2 id="h-notices">Notices</h2>${masked}` +
    (warnings.length ? `<div class="notice warning" role="alert"><p><strong>Warnings</strong></p><ul>${warnings.join('')}</ul></div>` : '<p>No warnings.</p>') +
    `</section>`
}

function geneRow(g: GeneResult, anchor: string | undefined): string {
  const vs = g.variants.map((v) => e(variantName(v))).join('<br>')
  const cells: [string, string?][] = [
    [e(String(g.rank)), String(g.rank)], [e(g.family)], [anchor ? `<a href="#${anchor}">${e(g.gene)}</a>` : e(g.gene), g.gene],
    [e(fmtNum(g.score)), numSort(g.score)], [e(modeLabel(g.mode))], [e(fmtNum(g.phenotypeScore)), numSort(g.phenotypeScore)],
    [e(fmtNum(g.variantScore)), numSort(g.variantScore)], [vs], [`<span class="class-${e(g.acmgClass)}">${e(classLabel(g.acmgClass))}</span>`, String(classRank(g.acmgClass))],
    [g.panel ? 'yes' : 'no'],
  ]
  return `<tr data-family="${e(g.family)}" data-class="${e(g.acmgClass)}">` +
    cells.map(([html, sort], i) => `<td${[0, 3, 5, 6].includes(i) ? ' class="num"' : ''}${sort !== undefined ? ` data-sort="${e(sort)}"` : ''}>${html}</td>`).join('') + '</tr>'
}

const numSort = (x: number): string => (Number.isFinite(x) ? String(x) : '')

function ranked(genes: GeneResult[], detailed: Set<GeneResult>): string {
  const cols: [string, boolean][] = [['Rank', true], ['Family', false], ['Gene', false], ['Score', true], ['Mode', false],
    ['Phenotype', true], ['Variant score', true], ['Variants', false], ['ACMG class', true], ['Panel', false]]
  const fams = [...new Set(genes.map((g) => g.family))]
  const classes = [...new Set(genes.map((g) => g.acmgClass))].sort()
  return `<section id="ranking" aria-labelledby="h-ranking"><h2 id="h-ranking">Ranked genes</h2>` +
    `<div class="controls" role="search">` +
    `<label for="filter">Filter</label><input id="filter" type="search" placeholder="gene, variant, mode …" autocomplete="off">` +
    `<label for="family-filter">Family</label><select id="family-filter"><option value="">all</option>${fams.map((f) => `<option value="${e(f)}">${e(f)}</option>`).join('')}</select>` +
    `<label for="class-filter">Class</label><select id="class-filter"><option value="">all</option>${classes.map((c) => `<option value="${e(c)}">${e(classLabel(c))}</option>`).join('')}</select>` +
    `<span id="shown" aria-live="polite">${genes.length} of ${genes.length} genes shown</span></div>` +
    `<table id="ranked"><caption class="muted">Candidate genes, ranked within each family. Sort with the column buttons.</caption><thead><tr>` +
    cols.map(([c, num]) => `<th scope="col"${num ? ' data-type="num"' : ''} aria-sort="none"><button type="button">${e(c)}</button></th>`).join('') +
    `</tr></thead><tbody>${genes.map((g, i) => geneRow(g, detailed.has(g) ? `g-${i + 1}` : undefined)).join('')}</tbody></table>` +
    (genes.length === 0 ? '<p>No candidate genes passed the selection.</p>' : '') + `</section>`
}

function dataText(c: Criterion): string {
  return Object.keys(c.data).sort().map((k) => {
    const v = c.data[k]
    return `${k}=${typeof v === 'number' ? fmtNum(v) : String(v)}`
  }).join('; ')
}

function variantEvidence(rv: RankedVariant): string {
  const v = rv.candidate.variant
  const cl = rv.classification
  const facts: [string, string][] = [
    ['Position', `<code>${e(v.chrom)}:${e(String(v.pos))}</code> <code>${e(v.ref)}</code> &gt; <code>${e(v.alt)}</code>${v.id ? ` (${e(v.id)})` : ''}`],
    ['Consequence', `${e(v.consequence.join(', ') || '.')} (${e(v.impact)})`],
    ['Transcript', e([v.gene, v.transcript].filter(Boolean).join(' ') || '.')],
    ['HGVS', e([v.hgvsc, v.hgvsp].filter(Boolean).join(' ') || '.')],
    ['Population', e(`popmax ${fmtNum(v.popmax)}, AF ${fmtNum(v.af)}, homozygotes ${fmtNum(v.nhomalt)}`)],
    ['ClinVar', v.clinvar ? e([v.clinvar.significance, v.clinvar.reviewStatus, v.clinvar.id].filter(Boolean).join(', ')) : 'not in ClinVar'],
    ['Scores', e(`REVEL ${fmtNum(v.revel)}, CADD ${fmtNum(v.cadd)}`)],
    ['Mode', e(modeLabel(rv.mode) + (rv.candidate.from ? ` (allele from the ${rv.candidate.from})` : '') +
      (rv.candidate.parentageConfirmed !== undefined ? ` (parentage ${rv.candidate.parentageConfirmed ? 'confirmed' : 'not confirmed'})` : ''))],
    ['Classification', `<span class="class-${e(cl.class)}">${e(classLabel(cl.class))}</span> (${e(fmtNum(cl.points))} points), variant score ${e(fmtNum(rv.variantScore))}`],
  ]
  const crit = cl.criteria.map((c) => [`<code>${e(criterionLabel(c))}</code>`, e(c.strength.replace('_', ' ')), e(c.direction),
    `<span class="num">${e(fmtNum(c.points))}</span>`, e(c.reason), `<code>${e(dataText(c))}</code>`])
  const gts = rv.candidate.genotypes.map((m) => [e(m.individual), `<code>${e(m.gt)}</code>`, e(fmtNum(m.gq)), e(fmtNum(m.dp)),
    e(m.ad ? `${fmtNum(m.ad[0])},${fmtNum(m.ad[1])}` : '.'), m.pass ? 'yes' : 'no', m.phased ? `yes${m.phaseSet !== undefined ? ` (PS ${e(String(m.phaseSet))})` : ''}` : 'no'])
  return `<div class="variant"><h4>${e(variantName(rv))}</h4>${dl(facts)}` +
    (crit.length ? table('ACMG/AMP criteria applied', ['Criterion', 'Strength', 'Direction', 'Points', 'Reason', 'Data'], crit) : '<p>No ACMG/AMP criteria applied.</p>') +
    table('Family genotypes', ['Individual', 'GT', 'GQ', 'DP', 'AD', 'Passed quality', 'Phased'], gts) + `</div>`
}

/** The first `limit` genes of each family (genes in report order). */
function topPerFamily(genes: GeneResult[], limit: number): Set<GeneResult> {
  const seen = new Map<string, number>()
  const out = new Set<GeneResult>()
  for (const g of genes) {
    const n = seen.get(g.family) ?? 0
    if (n < limit) out.add(g)
    seen.set(g.family, n + 1)
  }
  return out
}

function evidence(genes: GeneResult[], prefix: string, title: string, id: string, detailed?: Set<GeneResult>, limit?: number): string {
  if (genes.length === 0) return ''
  const note = detailed && detailed.size < genes.length
    ? `<p class="muted">Evidence for the first ${e(String(limit))} genes of each family; results.json holds it for all ${e(String(genes.length))}.</p>` : ''
  return `<section id="${id}" aria-labelledby="h-${id}"><h2 id="h-${id}">${e(title)}</h2>${note}` + genes.map((g, i) => detailed && !detailed.has(g) ? '' :
    `<article id="${prefix}-${i + 1}"><h3>Family ${e(g.family)} · #${e(String(g.rank))} ${e(g.gene)} — ${e(modeLabel(g.mode))}</h3>` +
    `<p>Score ${e(fmtNum(g.score))} (phenotype ${e(fmtNum(g.phenotypeScore))}, variant ${e(fmtNum(g.variantScore))}); ` +
    `<span class="class-${e(g.acmgClass)}">${e(classLabel(g.acmgClass))}</span>; ${g.panel ? 'in the panel' : 'not in the panel'}.</p>` +
    g.variants.map(variantEvidence).join('') + `</article>`).join('') + `</section>`
}

function secondaryTable(genes: GeneResult[]): string {
  return table('Secondary findings revealed with consent (ACMG SF)', ['Family', 'Gene', 'Mode', 'Variants', 'ACMG class'],
    genes.map((g, i) => [e(g.family), `<a href="#s-${i + 1}">${e(g.gene)}</a>`, e(modeLabel(g.mode)), g.variants.map((v) => e(variantName(v))).join('<br>'),
      `<span class="class-${e(g.acmgClass)}">${e(classLabel(g.acmgClass))}</span>`]))
}

function sexSection(r: PrioritisationResult, o: ReportOptions): string {
  if (r.sexChecks.length === 0 && !o.coverage?.length) return ''
  const rows = r.sexChecks.map((c) => [e(c.family), e(c.individual), e(c.declared), e(c.inferred), e(c.method),
    `<code>${e(Object.keys(c.evidence).sort().map((k) => `${k}=${fmtNum(c.evidence[k])}`).join('; '))}</code>`,
    conflict(c) ? '<strong>conflict</strong>' : c.declared === 'unknown' ? (c.inferred === 'unknown' ? 'unknown' : 'inferred') : c.inferred === 'unknown' ? 'not confirmed' : 'agrees'])
  // inline SVG needs no namespace declaration, and the report must name no URL
  const plots = (o.coverage ?? []).map((p) => `<figure><figcaption>Coverage of ${e(p.family ? `${p.family}/` : '')}${e(p.individual)}</figcaption>` +
    coverageSvg(p.index, p.sex, {}, p.flags).replace(/ xmlns="[^"]*"/, '') + `</figure>`)
  return `<section id="sex" aria-labelledby="h-sex"><h2 id="h-sex">Sex check and coverage</h2>` +
    (rows.length ? table('Declared and inferred sex', ['Family', 'Individual', 'Declared', 'Inferred', 'Method', 'Evidence', 'Result'], rows) : '') +
    coverageSexSvg(r.sexChecks) + hetSexSvg(r.sexChecks) + plots.join('') + `</section>`
}

/** The whole report as one HTML string (what writeOutputs saves as report.html). */
export function reportHtml(result: PrioritisationResult, opts: ReportOptions = {}): string {
  const genes = orderedGenes(result, result.genes)
  const secondary = orderedGenes(result, result.secondary)
  const families = result.case.families.map((f) => f.id).join(', ')
  const limit = opts.evidenceLimit ?? 100
  const detailed = topPerFamily(genes, limit)
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${e(`${result.tool.name} ${result.tool.version}`)}">
<title>Prioritisation report — ${e(families || 'no families')}</title>
<style>${REPORT_CSS}</style></head>
<body><header><h1>Prioritisation report</h1><p class="muted">${e(result.tool.name)} ${e(result.tool.version)} · run started ${e(result.started)} · families ${e(families || 'none')}</p></header>
<main>
${summary(result, opts)}
${notices(result, opts)}
${ranked(genes, detailed)}
${evidence(genes, 'g', 'Evidence per candidate', 'evidence', detailed, limit)}
${secondary.length ? `<section id="secondary-findings" aria-labelledby="h-secondary-findings"><h2 id="h-secondary-findings">Secondary findings</h2>` +
    `<p>These variants are in ACMG SF v3.2 genes unrelated to the indication, shown because the consent includes secondary findings.</p>${secondaryTable(secondary)}</section>` +
    evidence(secondary, 's', 'Evidence per secondary finding', 'secondary-evidence') : ''}
${sexSection(result, opts)}
</main>
<script>${REPORT_JS}</script>
</body></html>
`
}

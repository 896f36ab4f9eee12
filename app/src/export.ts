// Exports of the current (re-filtered) view through the CLI's own builders (src/report/pure.ts),
// so a file saved from the app is the file `vartriage prioritise` writes for the same genes.
import type { GeneResult, PrioritisationResult } from '../../src/prioritise/model.js'
import { genesTsv, variantsTsv, resultsJson, reportHtml } from '../../src/report/pure.js'
import type { ColumnStore } from './columns.js'
import type { FilterView } from './refilter.js'
import type { FilterParams } from './refilter.js'

/** The run's result restricted to the genes the filter kept, re-ranked within each family. */
export function filteredResult(result: PrioritisationResult, store: ColumnStore, view: FilterView, p: FilterParams, panelName: string): PrioritisationResult {
  const genes: GeneResult[] = []
  const secondary: GeneResult[] = []
  for (let k = 0; k < view.genes.length; k++) {
    const g = store.detail(view.best[k]).geneResult
    if (!g) continue
    const copy = { ...g, rank: view.rank[k] }
    if (store.geneSecondary[view.genes[k]] === 1) secondary.push(copy)
    else genes.push(copy)
  }
  // families in the run's order, then rank: the order the CLI writes
  const fam = (g: GeneResult) => store.families.indexOf(g.family)
  const order = (a: GeneResult, b: GeneResult) => fam(a) - fam(b) || a.rank - b.rank
  genes.sort(order)
  secondary.sort(order)
  return {
    ...result,
    genes,
    secondary,
    parameters: {
      ...result.parameters,
      consent: p.secondary ? 'related+secondary' : 'related',
      panel: panelName || result.parameters.panel,
      quality: { ...(result.parameters.quality as object | undefined), minGq: p.minGq, minDp: p.minDp },
      frequency: p.cutoffs,
      refilteredInBrowser: true,
    },
  }
}

export type ExportKind = 'genes.tsv' | 'variants.tsv' | 'results.json' | 'report.html'

export function exportText(kind: ExportKind, r: PrioritisationResult, hpoLabels: Record<string, string>): { text: string; type: string } {
  switch (kind) {
    case 'genes.tsv': return { text: genesTsv(r), type: 'text/tab-separated-values' }
    case 'variants.tsv': return { text: variantsTsv(r), type: 'text/tab-separated-values' }
    case 'results.json': return { text: resultsJson(r), type: 'application/json' }
    case 'report.html': return { text: reportHtml(r, { hpoLabels }), type: 'text/html' }
  }
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

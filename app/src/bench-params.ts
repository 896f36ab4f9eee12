// The re-filter changes the benchmarks time (Node: bench/refilter-node.mjs; Chromium:
// bench/refilter.mjs through app/bench.html): one per kind of control the app offers.
import { DEFAULT_FREQUENCY, DEFAULT_QUALITY } from '../../src/prioritise/model.js'
import type { ColumnStore } from './columns.js'
import type { FilterParams } from './refilter.js'

export function paramsVariants(store: ColumnStore): [string, FilterParams][] {
  const base: FilterParams = { cutoffs: { ...DEFAULT_FREQUENCY }, minGq: DEFAULT_QUALITY.minGq, minDp: DEFAULT_QUALITY.minDp, panel: null, secondary: false }
  const loose: FilterParams = { ...base, cutoffs: Object.fromEntries(Object.keys(DEFAULT_FREQUENCY).map((m) => [m, 0.05])) }
  const { de_novo: _d, ...noDeNovo } = DEFAULT_FREQUENCY
  return [
    ['defaults', base],
    ['frequency cut-off 0.05', loose],
    ['mode off (de novo)', { ...base, cutoffs: noDeNovo }],
    ['panel', { ...base, panel: store.genePanel }],
    ['quality GQ>=40 DP>=15', { ...base, minGq: 40, minDp: 15 }],
    ['consent related+secondary', { ...base, secondary: true }],
  ]
}

// results.json: the whole PrioritisationResult, every criterion with its reason and data.
// Deterministic: object keys sorted (at every depth, so the order the pipeline built an object
// in does not matter), numbers in ECMAScript's shortest round-trip form, 2-space indent.
// Non-finite numbers (an X ratio without an X) have no JSON spelling and are written as null.
// The run's timings sit under the one top-level key "timings", which tests drop to compare runs.
import type { PrioritisationResult } from '../prioritise/model.js'
import { ReportError } from './errors.js'

export const RESULTS_SCHEMA = 'vartriage.results/1'

/** JSON with sorted keys; undefined members dropped as JSON.stringify drops them. */
export function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value), null, 2) + '\n'
}

/** A copy with object keys sorted at every depth, non-finite numbers as null, undefined dropped. */
export function sortKeys(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? (Object.is(v, -0) ? 0 : v) : null
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v instanceof Map) return sortKeys(Object.fromEntries(v))
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k]
      if (x !== undefined && typeof x !== 'function') out[k] = sortKeys(x)
    }
    return out
  }
  return v
}

export function resultsJson(result: PrioritisationResult): string {
  return stableJson({ schema: RESULTS_SCHEMA, ...result })
}

const REQUIRED: (keyof PrioritisationResult)[] = ['tool', 'started', 'case', 'sexChecks', 'parameters', 'genes', 'secondary', 'masked', 'inputs', 'timings', 'counts']

/** Reads results.json back (the web app opens a run's results this way). */
export function parseResultsJson(text: string, file = 'results.json'): PrioritisationResult {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new ReportError(`not JSON: ${(e as Error).message}`, { file })
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new ReportError('expected a JSON object', { file })
  const o = doc as Record<string, unknown>
  if (o.schema !== RESULTS_SCHEMA) throw new ReportError(`schema is ${JSON.stringify(o.schema)}, expected ${JSON.stringify(RESULTS_SCHEMA)}`, { file })
  const missing = REQUIRED.filter((k) => !(k in o))
  if (missing.length > 0) throw new ReportError(`missing ${missing.join(', ')}`, { file })
  delete o.schema
  return o as unknown as PrioritisationResult
}

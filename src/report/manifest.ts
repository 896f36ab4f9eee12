// manifest.json: what a lab needs to trace a report back to its inputs (ISO 15189): the tool
// and its version, when the run started, every input and resource file with its size and
// sha256, the parameters as resolved, the timings, and the size and sha256 of every other file
// of the output directory. Pure: the caller hashes (node:crypto, or SubtleCrypto in a browser).
import type { PrioritisationResult } from '../prioritise/model.js'
import { cmp } from './format.js'
import { stableJson } from './json.js'

export const MANIFEST_SCHEMA = 'vartriage.manifest/1'

export interface OutputEntry {
  /** File name within the output directory. */
  name: string
  bytes: number
  sha256: string
}

export interface ManifestExtras {
  /** Where the run happened (Node version, platform), when known. */
  runtime?: Record<string, string>
  /** Seconds spent writing the outputs, added to the run's timings as 'write'. */
  writeSeconds?: number
}

export function manifestJson(result: PrioritisationResult, outputs: OutputEntry[], extras: ManifestExtras = {}): string {
  const timings = { ...result.timings }
  if (extras.writeSeconds !== undefined) timings.write = Math.round(extras.writeSeconds * 1000) / 1000
  return stableJson({
    schema: MANIFEST_SCHEMA,
    tool: result.tool,
    started: result.started,
    runtime: extras.runtime,
    inputs: [...result.inputs].sort((a, b) => cmp(a.role, b.role) || cmp(a.path, b.path)),
    parameters: result.parameters,
    timings,
    outputs: [...outputs].sort((a, b) => cmp(a.name, b.name)),
  })
}

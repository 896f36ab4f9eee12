// What src/index.ts exports of prioritisation. The run reads files (node:fs, the report
// writers), and src/browser.ts re-exports from src/index.ts: so the entry points load the
// Node-only modules on call (dynamic import), and the browser bundle never contains them.
import type { Bundle } from '../resources/bundle.js'
import type { PrioritisationResult } from './model.js'
import type { PrioritiseOptions } from './pipeline.js'
import type { PrioritisationResources } from './resources.js'
import type { TargetOptions } from './targets.js'

export type { PrioritiseOptions, PipelineStages, Classifier } from './pipeline.js'
export type { PrioritisationResources } from './resources.js'

/** Ranks the genes of every family of a VCF; writes the outputs when `out` is given (see api.ts). */
export async function prioritise(opts: PrioritiseOptions): Promise<PrioritisationResult> {
  return (await import('./api.js')).prioritise(opts)
}

/** Loads a bundle's resources once, for several runs (`PrioritiseOptions.loaded`). */
export async function loadResources(bundle: Bundle, opts: TargetOptions = {}): Promise<PrioritisationResources> {
  return (await import('./resources.js')).loadResources(bundle, opts)
}

/** A run with other stages (see pipeline.ts). */
export async function runPrioritisation(opts: PrioritiseOptions, stages: import('./pipeline.js').PipelineStages, bundle: Bundle): Promise<PrioritisationResult> {
  return (await import('./pipeline.js')).runPrioritisation(opts, stages, bundle)
}

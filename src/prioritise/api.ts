// The library entry: `prioritise(options)` with the project's own stages (case, inheritance,
// evidence, panels, consent, outputs). `runPrioritisation` (pipeline.ts) takes other stages.
import { openBundle, openResources, type Bundle } from '../resources/bundle.js'
import type { PrioritisationResult } from './model.js'
import { runPrioritisation, type PrioritiseOptions } from './pipeline.js'
import { defaultStages } from './stages.js'

export type { PrioritiseOptions }
export { loadResources, type PrioritisationResources } from './resources.js'

async function bundleOf(opts: PrioritiseOptions): Promise<Bundle> {
  if (typeof opts.resources !== 'string') return opts.resources
  const files = opts.files && Object.keys(opts.files).length ? opts.files : undefined
  if (!files) return openBundle(opts.resources, { verify: opts.verifyResources })
  return openResources({ dir: opts.resources || undefined, files, verify: opts.verifyResources })
}

/** Ranks the genes of every family of a VCF; writes the outputs when `out` is given. */
export async function prioritise(opts: PrioritiseOptions): Promise<PrioritisationResult> {
  return runPrioritisation(opts, defaultStages(), opts.loaded?.bundle ?? await bundleOf(opts))
}

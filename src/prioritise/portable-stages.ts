// The project's own stages for `prioritise()` that need no file system, so browsers and Web
// Workers run them too: case building (src/case), the inheritance scan, frequency cut-offs and
// compound-het pairs (src/inheritance), ACMG/AMP evidence (src/acmg), panels (src/panels) and
// consent (src/consent). stages.ts adds Node's output directory (src/report).
import { buildCase } from '../case/build.js'
import { InheritanceScanner } from '../inheritance/scanner.js'
import { applyFrequencyCutoffs } from '../inheritance/frequency.js'
import { pairCompoundHets } from '../inheritance/compound-het.js'
import { EvidenceContext } from '../acmg/context.js'
import { classify } from '../acmg/classify.js'
import { loadPanel } from '../panels/panel.js'
import { ConsentPolicy } from '../consent/policy.js'
import { maskResults } from '../consent/mask.js'
import { SecondaryFindingsList } from '../consent/sf-list.js'
import type { PipelineStages } from './pipeline.js'

export function portableStages(): PipelineStages {
  return {
    buildCase: (o) => buildCase({ vcf: o.vcf, ped: o.ped, phenopacket: o.phenopacket, hpo: o.hpo, bai: o.bai, quality: o.quality }),
    scanner: (kase, header, quality) => new InheritanceScanner(kase, header, { quality }),
    applyFrequencyCutoffs,
    pairCompoundHets,
    classifier: async (resources, candidates, cacheDir) => {
      const ctx = await EvidenceContext.load(resources.bundle, { geneModel: resources.model, reference: resources.caller.reference, cacheDir })
      await ctx.prepare(candidates)
      return (c, mode, pair, partner) => classify(c, ctx, { mode, pair, partnerClass: partner?.class })
    },
    panel: async (spec, bundle) => new Set((await loadPanel(spec, { bundle })).genes.keys()),
    mask: async (genes, o) => {
      const policy = new ConsentPolicy(await SecondaryFindingsList.load(o.bundle), { level: o.consent, panelGenes: o.panel })
      const m = maskResults(genes, policy, o.candidates, o.phenotypeBest)
      return {
        genes: m.visible, secondary: m.secondary, masked: m.masked, forbidden: [...m.mask.genes, ...m.mask.variants, ...m.mask.ids],
        redact: (text) => m.mask.redact(text),
      }
    },
  }
}

// Command-line options every annotation command shares: `--resources DIR` (a bundle) and one
// option per role to name a file on its own (it replaces the bundle's file of that role).
import { KNOWN_ROLES, openResources, type Bundle, type KnownRole } from './bundle.js'

export const RESOURCE_OPTIONS = {
  resources: { type: 'string' },
  'verify-resources': { type: 'boolean' },
  reference: { type: 'string' },
  genes: { type: 'string' },
  population: { type: 'string' },
  clinvar: { type: 'string' },
  scores: { type: 'string' },
  phenotypes: { type: 'string' },
  'phenotype-annotations': { type: 'string' },
  'genes-to-phenotype': { type: 'string' },
  'genes-to-disease': { type: 'string' },
  panels: { type: 'string' },
  'secondary-findings': { type: 'string' },
  constraint: { type: 'string' },
  haploinsufficiency: { type: 'string' },
  hotspots: { type: 'string' },
} as const

export const RESOURCE_USAGE = `Resources: --resources DIR   a resource bundle (resources.json; see docs/resource-bundle.md)
           --reference FA --genes GFF3 --population VCF --clinvar VCF --scores TSV
           --phenotypes hp.obo --phenotype-annotations phenotype.hpoa --genes-to-phenotype FILE
           --genes-to-disease FILE --panels TSV --secondary-findings TSV
           --constraint TSV --haploinsufficiency TSV --hotspots TSV   name one file on its own
           --verify-resources  recompute every sha256 against the manifest
`

export type ResourceValues = { [K in KnownRole | 'resources']?: string } & { 'verify-resources'?: boolean }

/** Opens what the options name; roles a command needs are then taken with bundle.require(role). */
export async function resourcesFrom(v: ResourceValues): Promise<Bundle> {
  const files: Partial<Record<KnownRole, string>> = {}
  for (const role of KNOWN_ROLES) {
    const path = v[role]
    if (path) files[role] = path
  }
  return openResources({ dir: v.resources, files, verify: v['verify-resources'] })
}

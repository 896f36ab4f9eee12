// Test data for the somatic tests: the parts of a world bundle they read (reference FASTA,
// GFF3, CIViC-style evidence; a manifest naming the generator seed and scale) written straight
// from the in-memory world — the full `vartriage world` (population, scores, HPO) is not
// needed — and a tumour/normal pair from src/world/tumour.ts.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { buildWorld, type World } from '../src/world/world.js'
import { writeFasta } from '../src/world/fasta.js'
import { gff3Text } from '../src/world/gff3.js'
import { civicTsv } from '../src/world/civic.js'
import { FILES } from '../src/world/index.js'
import { generateTumour, type TumourTruth } from '../src/world/tumour.js'
import { Output } from '../src/sink/output.js'
import { writeManifest } from '../src/resources/bundle.js'

export interface SomaticBundle { dir: string; world: World; fasta: string; gff: string; evidence: string; vcf: string; truth: TumourTruth }

export async function makeSomaticBundle(root: string, worldSeed = 1, tumourSeed = 7): Promise<SomaticBundle> {
  const dir = join(root, 'bundle')
  mkdirSync(dir, { recursive: true })
  const world = buildWorld(worldSeed, 'small')
  const fasta = join(dir, FILES.reference), gff = join(dir, FILES.genes), evidence = join(dir, FILES.somaticEvidence)
  const fa = await writeFasta(world, fasta)
  writeFileSync(`${fasta}.fai`, fa.fai)
  writeFileSync(`${fasta}.gzi`, fa.gzi)
  const g = new Output({ path: gff, type: 'z' })
  g.write(gff3Text(world))
  g.close()
  writeFileSync(evidence, civicTsv(world))
  await writeManifest(dir, {
    name: 'somatic-test', build: 'GRCh38', version: 'test', generator: { tool: 'vartriage world', seed: worldSeed, scale: 'small' },
    files: [
      { role: 'reference', path: FILES.reference, format: 'fasta', compression: 'bgzf', name: 'world', version: 'test', build: 'GRCh38',
        indexes: [{ kind: 'fai', path: `${FILES.reference}.fai` }, { kind: 'gzi', path: `${FILES.reference}.gzi` }] },
      { role: 'genes', path: FILES.genes, format: 'gff3', compression: 'bgzf', name: 'world', version: 'test', build: 'GRCh38' },
      { role: 'somatic-evidence', path: FILES.somaticEvidence, format: 'tsv', compression: 'none', name: 'world', version: 'test', build: 'GRCh38' },
    ],
  })
  const t = await generateTumour({ resources: dir, out: join(root, 'tumour'), seed: tumourSeed })
  return { dir, world, fasta, gff, evidence, vcf: t.vcf, truth: t.truth }
}

export const keyOf = (v: { chrom: string; pos: number; ref: string; alt: string }) => `${v.chrom}:${v.pos}:${v.ref}:${v.alt}`

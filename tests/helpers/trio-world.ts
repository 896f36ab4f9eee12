// A minimal world bundle for the trio generator's tests: the manifest (seed and scale, from
// which the world's sequence and genes are rebuilt), a population VCF (the world's designed
// sites, AF only) and genes_to_phenotype.txt. A full `vartriage world` takes ~30 s; this ~2 s.
import { join } from 'node:path'
import { mkdirSync, writeFileSync } from 'node:fs'
import { Rng } from '../../src/world/rng.js'
import { buildWorld } from '../../src/world/world.js'
import { designClinvar } from '../../src/world/clinvar.js'
import { designPopulation } from '../../src/world/population.js'
import { generateSyntheticHpo } from '../../src/world/hpo.js'
import { ucscName } from '../../src/world/genome.js'
import { Output } from '../../src/sink/output.js'
import { writeManifest } from '../../src/resources/bundle.js'

const CATEGORIES = ['neurodevelopmental', 'epilepsy', 'cardiomyopathy', 'retinal', 'hearing', 'neuromuscular', 'renal', 'skeletal']

export async function miniBundle(dir: string, seed = 1): Promise<string> {
  mkdirSync(dir, { recursive: true })
  const world = buildWorld(seed, 'small')
  const rng = new Rng(seed).fork('variants')
  const pop = designPopulation(rng.fork('population'), world, designClinvar(rng.fork('clinvar'), world))
  const r = new Rng(seed).fork('af')
  const out = new Output({ path: join(dir, 'pop.vcf.gz'), type: 'z', index: 'tbi' })
  out.write(['##fileformat=VCFv4.2', ...world.contigs.map((c) => `##contig=<ID=${ucscName(c.name)},length=${c.length}>`),
    '##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">', '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'].join('\n') + '\n')
  const enc = new TextEncoder()
  for (const v of pop) {
    // mostly rare, some common: the generator draws founders' genotypes from AF
    const af = v.target?.af ?? (r.chance(0.1) ? 0.05 + 0.5 * r.next() : 1e-5 * (1 + 50 * r.next()))
    const chrom = ucscName(v.chrom)
    out.writeRecord(enc.encode(`${chrom}\t${v.pos}\t.\t${v.ref}\t${v.alt}\t.\tPASS\tAF=${af.toPrecision(3)}\n`), chrom, v.pos - 1, v.pos - 1 + v.ref.length)
  }
  out.close()
  const genes = world.genes.filter((g) => g.symbol && g.biotype === 'protein_coding').map((g, k) => ({ symbol: g.symbol!, ncbiGeneId: g.ncbiId, categories: [CATEGORIES[k % CATEGORIES.length]] }))
  const hpo = generateSyntheticHpo({ seed, genes, terms: 600 })
  writeFileSync(join(dir, 'g2p.txt'), hpo.genesToPhenotype)
  await writeManifest(dir, {
    name: 'mini-world', build: 'GRCh38', version: '1', generator: { tool: 'vartriage world', seed, scale: 'small' },
    files: [
      { role: 'population', path: 'pop.vcf.gz', format: 'vcf', compression: 'bgzf', name: 'pop', version: '1', build: 'GRCh38', indexes: [{ kind: 'tbi', path: 'pop.vcf.gz.tbi' }] },
      { role: 'genes-to-phenotype', path: 'g2p.txt', format: 'tsv', compression: 'none', name: 'g2p', version: '1', build: 'GRCh38' },
    ],
  })
  return dir
}

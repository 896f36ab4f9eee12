#!/usr/bin/env node
// vartriage norm vs bcftools norm on a generated VCF and its pseudo-reference:
//
//   node bench/norm.mjs [--records 1000000] [--samples 3] [--dir bench/data/norm] [--runs 3]
//
// Writes in.vcf.gz (bench/generate-vcf.mjs, small contigs) and ref.fa (pseudoReference, the
// bases the generator's REF alleles agree with), checks that both tools write the same
// records, then times them with hyperfine (needs `npm run build` first).
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { generateVcf, pseudoReference } from './generate-vcf.mjs'

const args = process.argv.slice(2)
const opt = (name, dflt) => { const k = args.indexOf(`--${name}`); return k >= 0 ? args[k + 1] : dflt }
const records = Number(opt('records', 1e6)), samples = Number(opt('samples', 3)), runs = opt('runs', '3')
const dir = resolve(opt('dir', 'bench/data/norm'))
mkdirSync(dir, { recursive: true })
const vcf = join(dir, `in.${records}.vcf`), fa = join(dir, `ref.${records}.fa`)

if (!existsSync(`${vcf}.gz`)) {
  const out = createWriteStream(vcf)
  for (const chunk of generateVcf({ records, samples, seed: 7, contigs: 'small' })) if (!out.write(chunk)) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
  spawnSync('bgzip', ['-f', vcf], { stdio: 'inherit' })
}
if (!existsSync(fa)) {
  const head = spawnSync('bash', ['-c', `zcat ${vcf}.gz | head -100`], { encoding: 'utf8' }).stdout
  const parts = []
  for (const m of head.matchAll(/##contig=<ID=([^,>]+),length=(\d+)/g)) {
    const [name, len] = [m[1], Number(m[2])]
    parts.push(`>${name}\n`)
    for (let s = 1; s <= len; s += 600000) {
      parts.push(pseudoReference(name, s, Math.min(len, s + 599999)).replace(/(.{60})/g, '$1\n').replace(/\n$/, '') + '\n')
    }
  }
  writeFileSync(fa, parts.join(''))
  spawnSync('samtools', ['faidx', fa], { stdio: 'inherit' })
}

const bin = resolve('dist/src/cli/bin.js')
const body = (cmd) => spawnSync('bash', ['-c', `${cmd} | grep -v '^#' | md5sum`], { encoding: 'utf8', maxBuffer: 1 << 30 }).stdout
const ours = body(`node ${bin} norm -m- -f ${fa} ${vcf}.gz 2>/dev/null`)
const theirs = body(`bcftools norm -m- -f ${fa} ${vcf}.gz 2>/dev/null`)
console.log(`records identical: ${ours === theirs} (${ours.trim()})`)
spawnSync('hyperfine', ['--runs', runs, '--export-markdown', join(dir, 'norm.md'),
  '-n', 'bcftools norm -m- -f', `bcftools norm -m- -f ${fa} ${vcf}.gz -o /dev/null`,
  '-n', 'vartriage norm -m- -f', `node ${bin} norm -m- -f ${fa} ${vcf}.gz -o /dev/null`], { stdio: 'inherit' })
console.log(readFileSync(join(dir, 'norm.md'), 'utf8'))

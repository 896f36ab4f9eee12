#!/usr/bin/env node
// Every genotype of every sample of a bgzipped VCF, classified (hom-ref, het, hom-alt,
// missing) and counted, three ways that do the same work and print the same counts:
//   node bench/gt-scan.mjs FILE.vcf.gz vartriage   # columnar genotypeMatrix() per batch
//   node bench/gt-scan.mjs FILE.vcf.gz strings     # vartriage batch.genotype(i, s) strings
//   node bench/gt-scan.mjs FILE.vcf.gz gmod        # node:zlib lines + @gmod/vcf parseLine().GENOTYPES()
// A call is missing when any allele is '.', hom-ref when all alleles are 0, hom-alt when all
// are the same non-0 allele, else het (haploid calls: ref or alt).
import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'

const [file, how = 'vartriage'] = process.argv.slice(2)
const counts = { homRef: 0, het: 0, homAlt: 0, missing: 0 }

function classifyText(g) {
  // "0/1", "1|1", "./.", ".", "0", "./1"
  let first = -2, same = true, ref = true
  for (let k = 0; k < g.length; k++) {
    const c = g.charCodeAt(k)
    if (c === 47 || c === 124) continue
    if (c === 46) { counts.missing++; return }
    let a = c - 48
    while (k + 1 < g.length && g.charCodeAt(k + 1) >= 48 && g.charCodeAt(k + 1) <= 57) a = a * 10 + g.charCodeAt(++k) - 48
    if (a !== 0) ref = false
    if (first === -2) first = a
    else if (a !== first) same = false
  }
  if (ref) counts.homRef++
  else if (same) counts.homAlt++
  else counts.het++
}

if (how === 'gmod') {
  const { default: VCFParser } = await import('@gmod/vcf')
  let parser
  let header = ''
  let rest = ''
  for await (const chunk of createReadStream(file).pipe(createGunzip())) {
    const text = rest + chunk.toString('latin1')
    let p = 0
    for (let nl = text.indexOf('\n', p); nl >= 0; nl = text.indexOf('\n', p)) {
      const line = text.slice(p, nl)
      p = nl + 1
      if (!parser) {
        header += line + '\n'
        if (line.startsWith('#CHROM')) parser = new VCFParser({ header })
        continue
      }
      const gts = parser.parseLine(line).GENOTYPES()
      for (const s in gts) classifyText(gts[s])
    }
    rest = text.slice(p)
  }
} else {
  const { VcfReader, genotypeMatrix } = await import('../dist/src/index.js')
  const reader = await VcfReader.open(file)
  const nS = reader.header.samples.length
  for await (const b of reader.batches({ format: ['GT'] })) {
    if (how === 'strings') {
      const c = b.formatColumn('GT')
      for (let i = 0; i < b.n; i++) for (let s = 0; s < nS; s++) classifyText(b.genotype(i, s, c) ?? '.')
      continue
    }
    const { n, ploidy, offset, gt } = genotypeMatrix(b)
    let homRef = 0, het = 0, homAlt = 0, missing = 0
    for (let i = 0; i < n; i++) {
      const p = ploidy[i]
      let o = offset[i]
      if (p === 2) {
        // the common case, unrolled: BCF alleles (a+1)<<1|phased, 0 missing, vector end < 0
        for (let s = 0; s < nS; s++, o += 2) {
          const a = gt[o] >> 1, c = gt[o + 1]
          if (a === 0) { missing++; continue }
          if (c < 0) { if (a === 1) homRef++; else homAlt++; continue } // haploid
          const bb = c >> 1
          if (bb === 0) missing++
          else if (a === bb) { if (a === 1) homRef++; else homAlt++ }
          else het++
        }
        continue
      }
      for (let s = 0; s < nS; s++, o += p) {
        let first = -1, same = true, miss = false, k = 0
        for (; k < p; k++) {
          const v = gt[o + k]
          if (v < 0) break
          const a = v >> 1
          if (a === 0) { miss = true; break }
          if (first < 0) first = a
          else if (a !== first) same = false
        }
        if (miss || first < 0) missing++
        else if (same) { if (first === 1) homRef++; else homAlt++ }
        else het++
      }
    }
    counts.homRef += homRef; counts.het += het; counts.homAlt += homAlt; counts.missing += missing
  }
}
process.stdout.write(`homRef ${counts.homRef} het ${counts.het} homAlt ${counts.homAlt} missing ${counts.missing}\n`)

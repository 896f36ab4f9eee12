#!/usr/bin/env node
// The @gmod baseline: @gmod/tabix streams every line of a bgzipped, indexed VCF and
// @gmod/vcf parses each into a Variant with its genotypes, then the same filter as the
// benchmark expression is applied in plain JS. What a JS app does without vartriage.
//   node bench/gmod-read.mjs FILE.vcf.gz
import { TabixIndexedFile } from '@gmod/tabix'
import VCFParser from '@gmod/vcf'

const file = process.argv[2]
const tbx = new TabixIndexedFile({ path: file, tbiPath: `${file}.tbi` })
const parser = new VCFParser({ header: await tbx.getHeader() })
let records = 0
let kept = 0
for (const ref of (await tbx.getMetadata()).refIdToName) {
  await tbx.getLines(ref, 0, undefined, (line) => {
    const v = parser.parseLine(line)
    records++
    // INFO/AF<0.01 && FMT/GQ>=20 && GT="alt" (any sample, as bcftools' &&)
    const af = v.INFO.AF
    if (!Array.isArray(af) || !af.some((x) => typeof x === 'number' && x < 0.01)) return
    const samples = v.SAMPLES()
    let gq = false
    let alt = false
    for (const s of Object.values(samples)) {
      if (s.GQ?.some((x) => typeof x === 'number' && x >= 20)) gq = true
      const gt = s.GT?.[0]
      if (typeof gt === 'string') {
        const al = gt.split(/[/|]/)
        if (!al.includes('.') && al.some((a) => a !== '0')) alt = true
      }
    }
    if (gq && alt) kept++
  })
}
process.stdout.write(`${records}\t${kept}\n`)

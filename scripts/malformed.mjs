#!/usr/bin/env node
// Long runs of the malformed-input campaign (docs/malformed-input.md):
//
//   npm run malformed -- --seed 1 --minutes 10 [--classes a,b] [--out DIR] [--no-threads]
//
// Builds seeded cases (scripts/malformed/lib.mjs), runs view/query/stats/--threads 2/--lenient
// on each and checks the contract. Failing cases are kept in DIR (default
// /tmp/vartriage-malformed) with a .txt describing the problems; exit 1 if any failed.
import { parseArgs } from 'node:util'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CLASSES, makeCase, checkCase, cleanDir } from './malformed/lib.mjs'

const { values: v } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' }, minutes: { type: 'string', default: '5' }, classes: { type: 'string' },
    out: { type: 'string', default: '/tmp/vartriage-malformed' }, 'no-threads': { type: 'boolean' }, cases: { type: 'string' },
  },
})
const seed = Number(v.seed)
const deadline = Date.now() + Number(v.minutes) * 60_000
const classes = v.classes ? v.classes.split(',') : Object.keys(CLASSES)
for (const c of classes) if (!CLASSES[c]) { console.error(`unknown class ${c}; classes: ${Object.keys(CLASSES).join(', ')}`); process.exit(2) }
const work = join(v.out, 'work')
mkdirSync(work, { recursive: true })
const maxCases = v.cases ? Number(v.cases) : Infinity
const tally = new Map()
let failed = 0
let i = 0
for (; i < maxCases && Date.now() < deadline; i++) {
  let c
  try { c = makeCase(seed, i, { classes }) } catch (e) { console.error(`case ${seed}/${i}: cannot build: ${e.message}`); failed++; continue }
  const id = `s${seed}-c${i}-${c.cls}`
  cleanDir(work)
  const t0 = Date.now()
  const r = await checkCase(c, { dir: work, id, threads: !v['no-threads'], stdin: true })
  const key = `${c.cls} ${r.outcome}`
  tally.set(key, (tally.get(key) ?? 0) + 1)
  const line = `${id} [${c.base.replace(/.*\//, '')}] ${c.what}: ${r.outcome} (${Date.now() - t0} ms)`
  if (r.problems.length) {
    failed++
    const keep = join(v.out, id)
    mkdirSync(keep, { recursive: true })
    await checkCase(c, { dir: keep, id, threads: false, stats: false, lenient: false }) // leaves the input files there
    writeFileSync(join(keep, 'problems.txt'), `${line}\n${r.problems.join('\n')}\n`)
    console.log(`FAIL ${line}\n  ${r.problems.join('\n  ')}`)
  } else console.log(`ok   ${line}`)
}
console.log(`\n${i} cases, ${failed} failed (seed ${seed})`)
for (const [k, n] of [...tally].sort()) console.log(`  ${k}: ${n}`)
process.exit(failed ? 1 : 0)

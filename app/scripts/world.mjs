// npm run app:world [-- --from DIR]: puts the resource files the app reads in the page (hp.obo
// for HPO autocomplete, panels.tsv for the panel list, resources.json, the reference's .fai as
// reference.fa.fai for .bai coverage) into app/public/world/,
// which Vite serves in dev and copies into app/dist. They come from DIR, an existing bundle,
// or from a fresh `vartriage world --seed 1` (needs `npm run build`). Only these small text
// files are copied: the app never needs the genome-sized files in the page (a run reads the
// user's own files), and app/public/world/ is git-ignored.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
const i = process.argv.indexOf('--from')
let from = i >= 0 ? process.argv[i + 1] : undefined
let tmp
if (!from) {
  tmp = mkdtempSync(join(tmpdir(), 'vt-app-world-'))
  const r = spawnSync(process.execPath, [join(root, 'dist/src/cli/bin.js'), 'world', '--out', tmp, '--seed', '1'], { stdio: 'inherit' })
  if (r.status !== 0) { console.error('app:world: `vartriage world` failed (run `npm run build` first?)'); process.exit(1) }
  from = tmp
}
const out = join(root, 'app/public/world')
mkdirSync(out, { recursive: true })
for (const f of ['hp.obo', 'panels.tsv', 'resources.json']) {
  if (existsSync(join(from, f))) { copyFileSync(join(from, f), join(out, f)); console.log(`app:world: ${f}`) }
  else console.warn(`app:world: ${from} has no ${f}`)
}
// the reference's .fai (names and lengths) lets the page read dropped .bai files
const fai = readdirSync(from).find((f) => f.endsWith('.fa.gz.fai') || f.endsWith('.fa.fai'))
if (fai) { copyFileSync(join(from, fai), join(out, 'reference.fa.fai')); console.log(`app:world: ${fai} as reference.fa.fai`) }
if (tmp) rmSync(tmp, { recursive: true, force: true })

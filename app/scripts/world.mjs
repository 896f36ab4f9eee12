// npm run app:world [-- --from DIR]: puts a resource bundle beside the app, in app/public/world/
// (Vite serves it in dev and copies it into app/dist): resources.json and every file it names,
// which a run in the page reads (indexed files by HTTP byte ranges: reference, score table),
// plus the reference's .fai as reference.fa.fai for .bai coverage. hp.obo and panels.tsv also
// feed the HPO autocomplete and the panel list. The bundle comes from DIR or from a fresh
// `vartriage world --seed 1` (small scale, ~22 MB; needs `npm run build`). app/public/world/ is
// git-ignored. Without it the page still works on a bundle folder the user picks.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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
if (!existsSync(join(from, 'resources.json'))) { console.error(`app:world: ${from} has no resources.json (not a bundle)`); process.exit(1) }
const manifest = JSON.parse(readFileSync(join(from, 'resources.json'), 'utf8'))
const names = ['resources.json', ...manifest.files.flatMap((f) => [f.path, ...(f.indexes ?? []).map((x) => x.path)])]
let bytes = 0
for (const f of names) {
  mkdirSync(dirname(join(out, f)), { recursive: true })
  copyFileSync(join(from, f), join(out, f))
  bytes += statSync(join(out, f)).size
}
console.log(`app:world: ${names.length} files (${(bytes / 1e6).toFixed(1)} MB) into ${out}`)
// the reference's .fai (names and lengths) lets the page read dropped .bai files
const fai = readdirSync(from).find((f) => f.endsWith('.fa.gz.fai') || f.endsWith('.fa.fai'))
if (fai) { copyFileSync(join(from, fai), join(out, 'reference.fa.fai')); console.log(`app:world: ${fai} as reference.fa.fai`) }
if (tmp) rmSync(tmp, { recursive: true, force: true })

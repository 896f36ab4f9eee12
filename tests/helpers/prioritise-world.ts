// One synthetic world (seed 1, small) per build of the world generator, shared by the
// prioritisation test files: generated once into the temp dir under a key made of the
// generator's built code, and renamed into place atomically (two files racing both build it,
// one wins; neither sees a half-written bundle).
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateWorld } from '../../src/world/index.js'

export async function sharedWorld(seed = 1): Promise<string> {
  const h = createHash('sha256')
  const dir = new URL('../../src/world/', import.meta.url).pathname
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(d, e.name))
      else { h.update(e.name); h.update(readFileSync(join(d, e.name))) }
    }
  }
  walk(dir)
  const final = join(tmpdir(), `vartriage-prio-world-${seed}-${h.digest('hex').slice(0, 16)}`)
  if (existsSync(join(final, 'resources.json'))) return final
  const work = mkdtempSync(join(tmpdir(), 'vartriage-prio-world-tmp-'))
  await generateWorld({ out: work, seed, scale: 'small' })
  try {
    renameSync(work, final)
  } catch {
    rmSync(work, { recursive: true, force: true }) // another file won the race
  }
  return final
}

// Test files for the parallel engine: BGZF written with a block every few kB of text, so a
// file of a few thousand records has many blocks and the shard plan cuts it in many places.
import { writeFileSync } from 'node:fs'
import { BgzfWriter } from '../../src/bgzf/writer.js'
import { scanBlockStarts } from '../../src/parallel/plan.js'
import { openSource } from '../../src/source/source.js'
import { runAsync } from './annotate-data.js'
import { expect } from 'vitest'

export function smallBlocks(text: string, path: string, every = 3000): string {
  const chunks: Uint8Array[] = []
  const w = new BgzfWriter((c) => chunks.push(c.slice()))
  const bytes = new TextEncoder().encode(text)
  for (let o = 0; o < bytes.length; o += every) { w.write(bytes.subarray(o, o + every)); w.flush() }
  w.close()
  writeFileSync(path, Buffer.concat(chunks))
  return path
}

export async function blockCount(path: string): Promise<number> {
  return (await scanBlockStarts(await openSource(path))).starts.length
}

export const body = (t: string): string[] => t.split('\n').filter((l) => l && !l.startsWith('#'))

/** A vartriage command at --threads 1, 2 and 3 (spawned, not blocking): identical stdout and stderr; returns the first. */
export async function sameForThreads(bin: string, args: string[], threads = ['1', '2', '3']): Promise<{ out: string; err: string }> {
  const runs = []
  for (const t of threads) runs.push(await runAsync(process.execPath, [bin, ...args, '--threads', t]))
  for (const r of runs) expect(r.status, r.err).toBe(0)
  for (const r of runs.slice(1)) {
    expect(r.out).toBe(runs[0].out)
    expect(r.err).toBe(runs[0].err)
  }
  return runs[0]
}

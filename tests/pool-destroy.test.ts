// NodeShardPool.destroy waits for workers that are still starting (module loading, WASM
// compilation) before terminating them: terminating a worker thread in that state could
// abort the whole process inside Node/V8 (a fatal error, not an exception). Pools created
// and destroyed at once, or at any moment of their workers' start-up, end cleanly.
import { describe, expect, it } from 'vitest'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { NodeShardPool } from '../src/parallel/pool.js'

const POOL = fileURLToPath(new URL('../dist/src/parallel/pool.js', import.meta.url))

interface Internals { pool: { threads: { threadId: number }[] }; ready: Set<number> }

describe('NodeShardPool.destroy', () => {
  it('50 pools destroyed during their workers\' start-up, without any task: the process exits 0', () => {
    // in a child process: a crash there must fail this test, not take the test runner down
    const script = `
      import { NodeShardPool } from ${JSON.stringify(POOL)}
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
      for (let i = 0; i < 50; i++) {
        const pool = new NodeShardPool(2)
        // 0 to 294 ms, spread: from before the workers load their module to after they are
        // ready. (Without the start-up wait this aborted the process in about half the runs
        // on a loaded 2-core machine: a fatal error from a worker terminated in its require.)
        await sleep((i * 7) % 300)
        await pool.destroy()
      }
      console.log('destroyed 50 pools')`
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 100_000 })
    expect(r.stderr).toBe('')
    expect(r.signal).toBeNull()
    expect(r.status).toBe(0)
    expect(r.stdout).toBe('destroyed 50 pools\n')
  }, 120_000)

  it('every worker has said it is ready (core instantiated) before it is terminated; destroy is idempotent', async () => {
    const pool = new NodeShardPool(3)
    const x = pool as unknown as Internals
    const ids = x.pool.threads.map((w) => w.threadId)
    expect(ids.length).toBe(3)
    const d = pool.destroy()
    expect(pool.destroy()).toBe(d)
    await d
    for (const id of ids) expect(x.ready.has(id), `thread ${id}`).toBe(true)
    expect(x.pool.threads.length).toBe(0)
  })
})

// Worker pools. Node: piscina over worker threads. Each worker instantiates its own WASM
// core (the AssemblyScript runtime is not thread-safe); tasks and results are plain data,
// result bytes are transferred, not copied.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import type { ShardResult, ShardTask } from './task.js'

export interface ShardPool {
  readonly threads: number
  run(task: ShardTask, signal?: AbortSignal): Promise<ShardResult>
  destroy(): Promise<void>
}

/** The compiled worker: next to this module in dist/, or dist/ itself when running from sources. */
function workerFile(): string {
  for (const rel of ['./worker.js', '../../dist/src/parallel/worker.js']) {
    const p = fileURLToPath(new URL(rel, import.meta.url))
    if (existsSync(p)) return p
  }
  throw new Error('worker thread code not found: run `npm run build` first (dist/src/parallel/worker.js)')
}

export class NodeShardPool implements ShardPool {
  private readonly pool: Piscina

  constructor(readonly threads: number) {
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 5_000,
      // bounded queue: the engine keeps at most 2 tasks per thread in flight anyway
      maxQueue: threads * 4,
    })
  }

  run(task: ShardTask, signal?: AbortSignal): Promise<ShardResult> {
    return this.pool.run(task, { signal }) as Promise<ShardResult>
  }

  destroy(): Promise<void> { return this.pool.destroy() }
}

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

interface Queued { task: ShardTask; signal?: AbortSignal; resolve: (r: ShardResult) => void; reject: (e: unknown) => void }

/**
 * `threads` threads of work: threads - 1 worker threads plus the calling thread, which runs
 * one shard at a time inline. The calling thread otherwise mostly waits for results (it only
 * writes them), and running shards itself saves starting and warming up one more isolate
 * (module loading, JIT, WASM compilation: ~0.2 s of CPU and ~40 MB each). Shards wait in one
 * queue and go to whichever of the two sides is free first.
 */
export class InlineShardPool implements ShardPool {
  private readonly workers: NodeShardPool
  private readonly queue: Queued[] = []
  private inlineBusy = false
  private workersBusy = 0

  constructor(readonly threads: number, private readonly runInline: (task: ShardTask) => Promise<ShardResult>) {
    if (threads < 2) throw new Error('InlineShardPool needs at least 2 threads')
    this.workers = new NodeShardPool(threads - 1)
  }

  run(task: ShardTask, signal?: AbortSignal): Promise<ShardResult> {
    return new Promise<ShardResult>((resolve, reject) => {
      this.queue.push({ task, signal, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.queue.length > 0 && this.workersBusy < this.workers.threads) {
      const q = this.queue.shift()!
      this.workersBusy++
      this.workers.run(q.task, q.signal).then(q.resolve, q.reject).finally(() => { this.workersBusy--; this.pump() })
    }
    if (this.queue.length > 0 && !this.inlineBusy) {
      const q = this.queue.shift()!
      this.inlineBusy = true
      // after the current turn, so the engine can queue the rest first
      setImmediate(() => {
        const go = async () => {
          q.signal?.throwIfAborted()
          return this.runInline(q.task)
        }
        go().then(q.resolve, q.reject).finally(() => { this.inlineBusy = false; this.pump() })
      })
    }
  }

  destroy(): Promise<void> {
    for (const q of this.queue.splice(0)) q.reject(new Error('pool destroyed'))
    return this.workers.destroy()
  }
}

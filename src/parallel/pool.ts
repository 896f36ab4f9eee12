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

/** A worker's message once it has loaded and instantiated the WASM core: `{ [WORKER_READY]: threadId }`. */
export const WORKER_READY = 'vartriageWorkerReady'
/** What NodeShardPool hands each worker: `stop[0]` becomes 1 when the pool is being destroyed. */
export interface WorkerData { stop: Int32Array }

/**
 * How long destroy() waits for workers still starting (module loading, WASM compilation)
 * before it terminates them anyway: a stuck worker must not hang the caller.
 */
export const DESTROY_READY_WAIT_MS = 5_000

export class NodeShardPool implements ShardPool {
  private readonly pool: Piscina
  /** Shared with the workers: set by destroy(), read with Atomics in worker.ts. */
  private readonly stop = new Int32Array(new SharedArrayBuffer(4))
  /** threadIds of the workers that have said WORKER_READY. */
  private readonly ready = new Set<number>()
  private destroying?: Promise<void>

  constructor(readonly threads: number) {
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 5_000,
      // bounded queue: the engine keeps at most 2 tasks per thread in flight anyway
      maxQueue: threads * 4,
      workerData: { stop: this.stop } satisfies WorkerData,
    })
    // piscina re-emits a worker's own messages on the pool; listening from here on misses
    // none (messages are delivered on this thread's event loop, after this constructor)
    this.pool.on('message', (m: unknown) => {
      const id = (m as Record<string, unknown> | null)?.[WORKER_READY]
      if (typeof id === 'number') this.ready.add(id)
    })
  }

  run(task: ShardTask, signal?: AbortSignal): Promise<ShardResult> {
    // (already aborted: piscina rejects it without handing it to a worker)
    if (!signal || signal.aborted) return this.pool.run(task, { signal }) as Promise<ShardResult>
    // Piscina aborts a task that a worker has been given by terminating that worker, and it
    // gives tasks to workers that are still starting (it counts the first workers ready at
    // once): an abort soon after the pool was made terminated a worker inside its module
    // loading and took the process down (see destroy). So the abort reaches piscina only
    // once the workers have started (bounded like destroy); a task that finishes meanwhile
    // resolves as usual.
    const inner = new AbortController()
    const onAbort = () => { void this.startedUp(DESTROY_READY_WAIT_MS).then(() => inner.abort(signal.reason)) }
    signal.addEventListener('abort', onAbort, { once: true })
    return (this.pool.run(task, { signal: inner.signal }) as Promise<ShardResult>)
      .finally(() => signal.removeEventListener('abort', onAbort))
  }

  /**
   * Terminates the workers, but only once each has finished starting (or after
   * DESTROY_READY_WAIT_MS). Terminating a worker thread while it is still loading its module
   * or compiling the WASM core can abort the whole process inside Node/V8 (seen here: the
   * fatal "v8::Module::IsGraphAsync must be used on an instantiated module" from require(esm)
   * in a terminated worker; and "NodePlatform::ForIsolate ... data.first != nullptr" when
   * V8 (WASM compilation, cppgc) asks for the task runner of a worker isolate being disposed:
   * nodejs/node#31752, v8/node#208; that Node race is narrowed here, not removed).
   * Workers are started with the pool, so a pool destroyed soon after creation, or one whose
   * workers never got a task (more threads than shards), has workers in exactly that state.
   * The stop flag is set first: workers that have not begun compiling skip it and answer at
   * once, and none starts a task.
   */
  destroy(): Promise<void> {
    this.destroying ??= (async () => {
      Atomics.store(this.stop, 0, 1)
      await this.startedUp(DESTROY_READY_WAIT_MS)
      await this.pool.destroy()
    })()
    return this.destroying
  }

  /** Resolves when every live worker has said WORKER_READY, or after `ms` (never rejects). */
  private startedUp(ms: number): Promise<void> {
    const deadline = Date.now() + ms
    return new Promise<void>((resolve) => {
      const check = () => {
        // a worker that has exited (threadId -1) has nothing left to wait for
        const starting = this.pool.threads.some((w) => w.threadId >= 0 && !this.ready.has(w.threadId))
        if (!starting || Date.now() >= deadline) resolve()
        else setTimeout(check, 5)
      }
      check()
    })
  }
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

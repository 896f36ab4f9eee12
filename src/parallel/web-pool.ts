// Browser worker pool: N module Web Workers running the same shard task code as the Node
// worker threads (web-worker.ts, bundled to dist/browser/vartriage-worker.js). Each worker has
// its own WASM instance and handles one task at a time; further tasks wait in a FIFO queue.
// Inputs are structured-cloned (Blobs are cheap to clone: they share the underlying data);
// output bytes come back transferred, not copied.
//
// No Node imports here, and pool.ts (node:fs, piscina) only as a type: this module is part of
// the browser bundle.
import {
  VartriageError, VcfParseError, BgzfError, IndexError, ExpressionError, UsageError, SourceError, RegionError, BamIndexError,
} from '../errors.js'
import type { ShardPool } from './pool.js'
import { growStressEnabled } from '../wasm/core.js'
import type { ShardResult, ShardTask } from './task.js'

/** An error as posted back by web-worker.ts. */
export interface WorkerErrorData {
  name: string
  message: string
  stack?: string
  /** Primitive own fields of the error (file, record, line, offset, expression, column …). */
  fields?: Record<string, string | number | boolean>
}

/** What web-worker.ts posts back for a task. */
export type WorkerReply =
  | { id: number; result: ShardResult }
  | { id: number; error: WorkerErrorData }

/** What WebShardPool posts to a worker. */
/** `growStress` carries the page's grow-stress test mode (ADR 0005) into the worker. */
export interface WorkerRequest { id: number; task: ShardTask; growStress?: boolean }

/**
 * A Web Worker failed: its script could not be loaded or evaluated, it threw outside a task,
 * a message could not be deserialised, or (when re-created from a worker's report) the task
 * threw an error that is not one of the library's or a built-in error class. `remoteName`
 * is the name of the original error when there was one.
 */
export class WebWorkerError extends VartriageError {
  readonly remoteName?: string
  constructor(message: string, remoteName?: string) {
    super(message)
    this.remoteName = remoteName
  }
}

type ErrorClass = new (...args: never[]) => Error
const KNOWN: Record<string, ErrorClass> = {
  VartriageError, VcfParseError, BgzfError, IndexError, ExpressionError, UsageError, SourceError, RegionError, BamIndexError,
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
}

/**
 * Re-creates an error reported by a worker as an instance of the same class when it is one of
 * the library's typed errors or a built-in error (so `instanceof` works across the worker
 * boundary), else as a WebWorkerError. The message is kept exactly (it already names the
 * location), and so are location fields such as `record` and `offset`.
 */
export function reviveError(data: WorkerErrorData): Error {
  const Cls = Object.hasOwn(KNOWN, data.name) ? KNOWN[data.name] : undefined
  let err: Error
  if (Cls) {
    // Error's constructor with Cls's prototype: no re-formatting of the message by Cls
    err = Reflect.construct(Error, [data.message], Cls) as Error
    Object.defineProperty(err, 'name', { value: data.name, writable: true, configurable: true, enumerable: false })
  } else {
    err = new WebWorkerError(data.message, data.name)
  }
  for (const [k, v] of Object.entries(data.fields ?? {})) {
    if (k === 'name' || k === 'message' || k === 'stack') continue
    Object.defineProperty(err, k, { value: v, writable: false, configurable: true, enumerable: true })
  }
  if (data.stack) err.stack = `${err.stack ?? ''}\n    --- in the web worker ---\n${data.stack}`
  return err
}

function abortError(signal: AbortSignal): Error {
  const r: unknown = signal.reason
  if (r instanceof Error && r.name === 'AbortError') return r
  return new DOMException('the operation was aborted', 'AbortError')
}

interface Job {
  id: number
  task: ShardTask
  signal?: AbortSignal
  onAbort?: () => void
  resolve: (r: ShardResult) => void
  reject: (e: unknown) => void
}

interface Slot {
  worker: Worker
  job?: Job
}

export class WebShardPool implements ShardPool {
  readonly threads: number
  private readonly url: string | URL
  /** One entry per thread; undefined until a worker is (re)started there. */
  private readonly slots: (Slot | undefined)[]
  private readonly queue: Job[] = []
  private nextId = 1
  private destroyed = false

  /**
   * @param threads number of Web Workers (each holds its own WASM instance)
   * @param workerUrl URL of the worker bundle, dist/browser/vartriage-worker.js, e.g.
   *   `new URL('./vartriage-worker.js', import.meta.url)`; it is loaded as a module worker.
   */
  constructor(threads: number, workerUrl: string | URL) {
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`the number of threads must be a positive integer, got ${threads}`)
    if (typeof Worker === 'undefined') throw new UsageError('WebShardPool needs Web Workers (a browser); in Node use NodeShardPool')
    this.threads = threads
    this.url = workerUrl
    this.slots = Array.from({ length: threads }, () => undefined)
    // start them now: loading the bundle and compiling its WASM takes a moment
    for (let i = 0; i < threads; i++) this.slots[i] = this.spawn(i)
  }

  run(task: ShardTask, signal?: AbortSignal): Promise<ShardResult> {
    if (this.destroyed) return Promise.reject(new UsageError('the WebShardPool has been destroyed'))
    if (signal?.aborted) return Promise.reject(abortError(signal))
    const input = task.input
    if (input instanceof URL) task = { ...task, input: input.href } // URL objects cannot be cloned
    else if (typeof input !== 'string' && !(input instanceof Blob)) {
      return Promise.reject(new UsageError('a Web Worker can only read a Blob/File or an http(s) URL: ' +
        'a filehandle object cannot be sent to it (run with threads: 1 and no pool to read it in the page)'))
    }
    return new Promise<ShardResult>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, signal, resolve, reject }
      if (signal) {
        job.onAbort = () => this.abort(job)
        signal.addEventListener('abort', job.onAbort, { once: true })
      }
      this.queue.push(job)
      this.dispatch()
    })
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return
    this.destroyed = true
    const err = new UsageError('the WebShardPool was destroyed before the task finished')
    for (let i = 0; i < this.slots.length; i++) {
      const s = this.slots[i]
      if (!s) continue
      s.worker.terminate()
      this.slots[i] = undefined
      if (s.job) this.settle(s.job, err)
    }
    for (const job of this.queue.splice(0)) this.settle(job, err)
  }

  /** Number of tasks waiting for a worker (for tests and diagnostics). */
  get queued(): number { return this.queue.length }

  private spawn(i: number): Slot {
    const worker = new Worker(this.url, { type: 'module', name: `vartriage-${i}` })
    const slot: Slot = { worker }
    worker.onmessage = (e: MessageEvent<WorkerReply>) => this.onMessage(i, slot, e.data)
    worker.onerror = (e: Event) => {
      e.preventDefault() // reported through the task's rejection, not as an uncaught error
      const detail = e instanceof ErrorEvent && e.message
        ? `${e.message}${e.filename ? ` (${e.filename}:${e.lineno})` : ''}`
        : `the worker script ${String(this.url)} could not be loaded or evaluated`
      this.fail(i, slot, new WebWorkerError(`web worker ${i} failed: ${detail}`))
    }
    worker.onmessageerror = () => {
      this.fail(i, slot, new WebWorkerError(`web worker ${i} sent a message that could not be deserialised`))
    }
    return slot
  }

  private onMessage(i: number, slot: Slot, msg: WorkerReply): void {
    const job = slot.job
    if (this.slots[i] !== slot || !job || msg?.id !== job.id) return // stale: a terminated worker's or an aborted task's
    slot.job = undefined
    if ('error' in msg) this.settle(job, reviveError(msg.error))
    else this.settle(job, undefined, msg.result)
    this.dispatch()
  }

  /** A worker failed: terminate it; replace it now if it was busy, else when next needed. */
  private fail(i: number, slot: Slot, err: Error): void {
    if (this.slots[i] !== slot) return
    slot.worker.terminate()
    const job = slot.job
    slot.job = undefined
    // an idle worker that fails (e.g. its script does not load) is not restarted in a loop:
    // its slot stays empty until a task needs it
    this.slots[i] = job && !this.destroyed ? this.spawn(i) : undefined
    if (job) this.settle(job, err)
    this.dispatch()
  }

  private abort(job: Job): void {
    const q = this.queue.indexOf(job)
    if (q >= 0) this.queue.splice(q, 1)
    const i = this.slots.findIndex((s) => s?.job === job)
    if (i >= 0) {
      // the task cannot be interrupted inside the worker: end the worker and start a fresh one
      this.slots[i]!.worker.terminate()
      this.slots[i] = this.destroyed ? undefined : this.spawn(i)
    }
    this.settle(job, abortError(job.signal!))
    this.dispatch()
  }

  private settle(job: Job, err: unknown, result?: ShardResult): void {
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort)
    job.onAbort = undefined
    if (err !== undefined) job.reject(err)
    else job.resolve(result!)
  }

  private dispatch(): void {
    if (this.destroyed) return
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      let slot = this.slots[i]
      if (slot?.job) continue
      slot ??= this.slots[i] = this.spawn(i)
      const job = this.queue.shift()!
      slot.job = job
      try {
        slot.worker.postMessage({ id: job.id, task: job.task, growStress: growStressEnabled() } satisfies WorkerRequest)
      } catch (e) { // DataCloneError: something in the task cannot be cloned
        slot.job = undefined
        this.settle(job, e)
        i-- // the worker is still free for the next queued task
      }
    }
  }
}

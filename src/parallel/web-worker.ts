// Web Worker entry (bundled by scripts/build-browser.mjs into dist/browser/vartriage-worker.js,
// loaded by WebShardPool as a module worker): runs one shard task per message with its own
// WASM instance, and posts the result back with the output bytes transferred, not copied.
import { runShard } from './task.js'
import type { WorkerErrorData, WorkerReply, WorkerRequest } from './web-pool.js'

/** The parts of DedicatedWorkerGlobalScope used here (tsconfig has the DOM lib, not WebWorker). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null
  postMessage(message: WorkerReply, transfer: Transferable[]): void
}
const scope = globalThis as unknown as WorkerScope

function errorData(err: unknown): WorkerErrorData {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) }
  const fields: Record<string, string | number | boolean> = {}
  for (const [k, v] of Object.entries(err)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v
  }
  return { name: err.name, message: err.message, stack: err.stack, fields }
}

scope.onmessage = async (e) => {
  const { id, task } = e.data
  if (e.data.growStress) (globalThis as { VARTRIAGE_GROW_STRESS?: unknown }).VARTRIAGE_GROW_STRESS = 1
  // Test hook (ShardTask.failMode 'exit'): a worker cannot end itself observably (self.close()
  // raises no event in the page), so crash the way an uncaught error does: the page's pool
  // sees an `error` event on the Worker, as it would for a failure outside any task.
  if (task.failMode === 'exit' && task.failAt === task.shard.index) {
    setTimeout(() => { throw new Error(`injected crash of the web worker in shard ${task.shard.index}`) })
    return
  }
  try {
    const r = await runShard(task)
    // transfer exactly the output: copy first if the view does not span its whole buffer
    const bytes = r.bytes.byteOffset === 0 && r.bytes.byteLength === r.bytes.buffer.byteLength ? r.bytes : r.bytes.slice()
    scope.postMessage({ id, result: { ...r, bytes } }, [bytes.buffer as ArrayBuffer])
  } catch (err) {
    scope.postMessage({ id, error: errorData(err) }, [])
  }
}

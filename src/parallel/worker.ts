// Node worker-thread entry (piscina): each worker has its own WASM instance via runShard.
import { parentPort, threadId, workerData } from 'node:worker_threads'
import { Piscina } from 'piscina'
import { runShard, type ShardTask } from './task.js'
import { WasmCore } from '../wasm/core.js'
import { WORKER_READY, type WorkerData } from './pool.js'

// Start-up handshake with NodeShardPool.destroy (see there for the why): the pool sets `stop`
// when it is being destroyed; this thread then starts no more WASM compilation or tasks.
const stop = (workerData as WorkerData | undefined)?.stop
const stopped = () => stop !== undefined && Atomics.load(stop, 0) !== 0

// Compile and instantiate the core now, while loading, not in the first task: then "ready"
// below means no compilation is left in flight, and the pool terminates only ready threads.
// (Synchronous: V8 has finished with the module when this returns. The compiled module is
// cached for runShard.) A failure here is left for the first task to report as usual.
if (!stopped()) {
  try { new WasmCore() } catch { /* runShard meets it again and reports it */ }
}
parentPort?.postMessage({ [WORKER_READY]: threadId })

export default async function (task: ShardTask): Promise<unknown> {
  // a task that reaches a pool being destroyed is not started (it would build a reader,
  // i.e. instantiate the core, in a thread about to be terminated)
  if (stopped()) throw new Error('pool destroyed')
  const r = await runShard(task)
  // hand the output buffer over instead of copying it back to the main thread
  return Piscina.move({
    [Piscina.transferableSymbol]: r.bytes.buffer,
    [Piscina.valueSymbol]: r,
  } as never)
}

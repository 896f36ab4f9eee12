// Node worker-thread entry (piscina): each worker has its own WASM instance via runShard.
import { Piscina } from 'piscina'
import { runShard, type ShardTask } from './task.js'

export default async function (task: ShardTask): Promise<unknown> {
  const r = await runShard(task)
  // hand the output buffer over instead of copying it back to the main thread
  return Piscina.move({
    [Piscina.transferableSymbol]: r.bytes.buffer,
    [Piscina.valueSymbol]: r,
  } as never)
}

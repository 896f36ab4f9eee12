// The stages of Node's `prioritise()`: the portable ones (portable-stages.ts) plus the output
// directory (src/report/write.ts: node:fs, BGZF + CSI) and the optional variants.parquet.
import { ByteWriter } from 'hyparquet-writer'
import { writeOutputs } from '../report/write.js'
import { writePrioritisationParquet } from '../export/prioritised.js'
import type { PipelineStages } from './pipeline.js'
import { portableStages } from './portable-stages.js'

export function defaultStages(): PipelineStages {
  return {
    ...portableStages(),
    write: async (dir, result, o) => {
      const extra: { name: string; bytes: Uint8Array }[] = []
      if (o.parquet) {
        const w = new ByteWriter()
        await writePrioritisationParquet(result, w)
        extra.push({ name: 'variants.parquet', bytes: new Uint8Array(w.getBuffer()) })
      }
      await writeOutputs(dir, result, { vcfHeader: o.header, forbidden: o.forbidden, extra })
    },
  }
}

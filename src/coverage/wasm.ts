// Host side of assembly/bamindex: copies the inflated index into the core, parses it there
// and copies the tables out. One instance, kept for the next index: its buffers only grow
// (the stub runtime never frees), so a cohort of indices reuses the memory of the largest
// (~30 MB for a 30x genome) instead of faulting in fresh pages for every file. Parsing is
// synchronous and the results are copied out, so calls never overlap.
import { BamIndexError } from '../errors.js'
import { WasmCore } from '../wasm/core.js'

/** Info ids; must match assembly/bamindex/index.ts bamIndexInfo. */
const enum Info { FORMAT = 0, N_REF = 1, NO_COOR = 2, MIN_SHIFT = 3, DEPTH = 4, ERR_AT = 5, N_WIN = 6, REFS = 7, WINDOWS = 8 }
const REF_FIELDS = 8

const ERRORS: Record<number, string> = {
  [-1]: 'not a BAM index: expected the magic BAI\\1 or CSI\\1',
  [-2]: 'truncated index: the data ends inside a structure',
  [-3]: 'corrupt index: a count or bin number no valid index contains',
  [-4]: 'unsupported CSI parameters (min_shift must be 1..30, depth 0..9)',
}

export interface RawRef {
  mapped: number
  unmapped: number
  /** The index has the metadata pseudo-bin (counts) for this reference. */
  hasStats: boolean
  /** Windows the index describes (may be fewer than the reference has: trailing empty ones). */
  windowCount: number
  windowStart: number
  bins: number
}

export interface RawIndex {
  format: 'bai' | 'csi'
  minShift: number
  depth: number
  /** n_no_coor; undefined when the index omits it. */
  noCoordinate: number | undefined
  refs: RawRef[]
  /** Compressed bytes per window, all references concatenated (see RawRef.windowStart). */
  windowBytes: Float64Array
}

let cached: WasmCore | undefined

function core(): WasmCore {
  cached ??= new WasmCore()
  return cached
}

/**
 * Parses an inflated .bai/.csi. `file` names it in errors. `lengths` (reference lengths, when
 * known) let a .csi report trailing windows whose bins htslib merged away.
 */
export function parseIndexBytes(bytes: Uint8Array, file: string, lengths?: number[]): RawIndex {
  const x = core()
  // window width: 2^min_shift, which a .csi stores right after its magic
  const isCsi = bytes.length >= 8 && bytes[0] === 0x43 && bytes[1] === 0x53 && bytes[2] === 0x49 && bytes[3] === 1
  const shift = isCsi ? new DataView(bytes.buffer, bytes.byteOffset, 8).getInt32(4, true) : 14
  const use = lengths !== undefined && shift >= 1 && shift <= 30
  x.bamIndexLengths(use ? Int32Array.from(lengths, (l) => Math.min(Math.ceil(l / 2 ** shift), 2 ** 30)) : undefined)
  const n = x.bamIndexParse(bytes)
  const format = x.bamIndexInfo(Info.FORMAT) === 2 ? 'csi' : 'bai'
  if (n < 0) {
    const at = x.bamIndexInfo(Info.ERR_AT)
    // a .bai is read as is, so the offset is a file offset; a .csi's is inside the inflated data
    const where = n !== -1 && format === 'csi' ? ` (at byte ${at} of the inflated index)` : ''
    throw new BamIndexError(`${ERRORS[n] ?? `index parse error ${n}`}${where}`, { file, offset: format === 'bai' || n === -1 ? at : undefined })
  }
  const table = x.f64(x.bamIndexInfo(Info.REFS), n * REF_FIELDS)
  const refs: RawRef[] = []
  for (let r = 0; r < n; r++) {
    const o = r * REF_FIELDS
    refs.push({
      mapped: table[o], unmapped: table[o + 1], hasStats: table[o + 2] !== 0,
      windowCount: table[o + 3], windowStart: table[o + 4], bins: table[o + 5],
    })
  }
  const nWin = x.bamIndexInfo(Info.N_WIN)
  const noCoor = x.bamIndexInfo(Info.NO_COOR)
  return {
    format,
    minShift: x.bamIndexInfo(Info.MIN_SHIFT),
    depth: x.bamIndexInfo(Info.DEPTH),
    noCoordinate: noCoor < 0 ? undefined : noCoor,
    refs,
    windowBytes: x.f64(x.bamIndexInfo(Info.WINDOWS), nWin).slice(),
  }
}

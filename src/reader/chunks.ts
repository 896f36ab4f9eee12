// Whole-file streaming: raw bytes -> inflated text chunks, for BGZF, plain gzip and
// uncompressed input alike. BGZF chunks carry their block table so callers that need
// virtual offsets (indexing) can compute them.
import { BgzfError, SourceError } from '../errors.js'
import { BGZF_EOF, blockGroups, isBgzf, isGzip, scanBlocks, type Block } from '../bgzf/blocks.js'
import { inflateBlocks, inflateBlocksAsync } from '../bgzf/inflate.js'
import type { ByteSource } from '../source/source.js'

export interface TextChunk {
  /** Inflated text, in order (one part per BGZF block, or arbitrary pieces otherwise). */
  parts: Uint8Array[]
  /** BGZF only: the blocks whose inflated bytes make up `parts`, in order. */
  blocks?: Block[]
}

export interface ChunkOptions {
  /** Compressed bytes per read (default 4 MiB). */
  readSize?: number
  signal?: AbortSignal
  onWarning?: (message: string) => void
  /** Called with compressed bytes read so far and the total when known (progress bars). */
  onProgress?: (done: number, total: number | undefined) => void
  /** BGZF only: the blocks of each chunk, before its text is handed on (for indexing). */
  onBlocks?: (blocks: Block[]) => void
  /**
   * BGZF on Node: inflate the next run of blocks on libuv's thread pool while the caller
   * parses this one (default false: everything on the calling thread).
   */
  overlapInflate?: boolean
}

const READ_SIZE = 1 << 20

async function* rawChunks(src: ByteSource, opts: ChunkOptions): AsyncGenerator<Uint8Array> {
  if (src.stream) {
    for await (const c of src.stream) yield c instanceof Uint8Array ? c : new Uint8Array(c as ArrayBuffer)
    return
  }
  const h = src.handle!
  let size: number
  try {
    size = (await h.stat()).size
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message
    throw new SourceError(`cannot open: ${why}`, { file: src.label }, { cause: e })
  }
  const step = opts.readSize ?? READ_SIZE
  // read ahead: the next read is in flight while the caller inflates and parses this one
  let next = size > 0 ? h.read(Math.min(step, size), 0) : undefined
  for (let pos = 0; pos < size && next; pos += step) {
    opts.signal?.throwIfAborted()
    const buf = await next
    const after = pos + step
    next = after < size ? h.read(Math.min(step, size - after), after) : undefined
    opts.onProgress?.(pos + buf.length, size)
    if (buf.length === 0) break
    yield buf
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

/** Inflated text of the whole source, in order. */
export async function* textChunks(src: ByteSource, opts: ChunkOptions = {}): AsyncGenerator<TextChunk> {
  const it = rawChunks(src, opts)[Symbol.asyncIterator]()
  let first = await it.next()
  // sniff on at least 18 bytes (a BGZF header) when the first read is tiny (pipes)
  let head = first.done ? new Uint8Array(0) : first.value
  while (head.length < 18) {
    const more = await it.next()
    if (more.done) break
    head = concat(head, more.value)
  }
  const rest = async function* () {
    if (head.length) yield head
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value
  }
  if (isBgzf(head)) yield* bgzfChunks(rest(), src.label, opts)
  else if (isGzip(head)) yield* gzipChunks(rest(), src.label)
  else for await (const c of rest()) yield { parts: [c] }
}

async function* bgzfChunks(raw: AsyncIterable<Uint8Array>, file: string, opts: ChunkOptions): AsyncGenerator<TextChunk> {
  let pending: Uint8Array = new Uint8Array(0)
  let base = 0
  let lastBlock: Uint8Array | undefined
  // with overlapInflate: the run inflating on the thread pool while the caller parses
  let ahead: { parts: Promise<Uint8Array[]>; blocks: Block[] } | undefined
  let lastByte = 10 // last inflated byte: a file cut at a block boundary usually ends mid-line
  const track = (parts: Uint8Array[]) => { for (const p of parts) if (p.length > 0) lastByte = p[p.length - 1] }
  for await (const c of raw) {
    pending = concat(pending, c)
    const { blocks, used } = scanBlocks(pending, base, file)
    if (used === 0) continue
    const members = pending.subarray(0, used)
    const last = blocks[blocks.length - 1]
    lastBlock = members.subarray(last.coff - base)
    // at most MAX_CHUNK_INFLATED per inflate call (a gzip bomb inflates 600:1): a read of
    // several groups goes the synchronous way, group by group
    const groups = blockGroups(blocks)
    const async = opts.overlapInflate && groups.length === 1 ? inflateBlocksAsync(members, blocks, file, base) : undefined
    if (async) {
      async.catch(() => {}) // surfaced when its turn comes
      pending = pending.slice(used)
      base += used
      if (ahead) {
        const parts = await ahead.parts
        opts.onBlocks?.(ahead.blocks)
        const b = ahead.blocks
        ahead = { parts: async, blocks }
        track(parts)
        yield { parts, blocks: b }
      } else ahead = { parts: async, blocks }
      continue
    }
    if (ahead) {
      const parts = await ahead.parts
      opts.onBlocks?.(ahead.blocks)
      track(parts)
      yield { parts, blocks: ahead.blocks }
      ahead = undefined
    }
    for (const group of groups) {
      const parts = await inflateBlocks(members, group, file, base)
      track(parts)
      opts.onBlocks?.(group)
      yield { parts, blocks: group }
    }
    pending = pending.slice(used)
    base += used
  }
  if (ahead) {
    const parts = await ahead.parts
    opts.onBlocks?.(ahead.blocks)
    track(parts)
    yield { parts, blocks: ahead.blocks }
  }
  if (pending.length > 0) {
    throw new BgzfError(`truncated BGZF block (${pending.length} bytes at the end of the file)`, { file, offset: base })
  }
  const hasEof = lastBlock !== undefined && lastBlock.length === BGZF_EOF.length && lastBlock.every((b, i) => b === BGZF_EOF[i])
  if (!hasEof && lastByte !== 10) {
    // htslib only warns about the missing marker, and then reads the cut line as a record
    throw new BgzfError('truncated file: no BGZF EOF marker and the text ends in the middle of a line', { file, offset: base })
  }
  if (!hasEof) opts.onWarning?.(`${file}: no BGZF EOF marker; the file may be truncated`)
}

async function* gzipChunks(raw: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<TextChunk> {
  // plain gzip: one stream, possibly multi-member; Node's zlib handles members, browsers
  // get DecompressionStream
  const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string'
  if (isNode) {
    const zlib = await import('node:zlib')
    const { Readable } = await import('node:stream')
    const gunzip = zlib.createGunzip()
    const out = Readable.from(raw).pipe(gunzip)
    try {
      for await (const c of out) yield { parts: [c as Uint8Array] }
    } catch (e) {
      throw new BgzfError(`corrupt gzip data: ${(e as Error).message}`, { file }, { cause: e })
    }
    return
  }
  const stream = new ReadableStream<Uint8Array>({
    async start(ctl) { for await (const c of raw) ctl.enqueue(c); ctl.close() },
  }).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
  const reader = stream.getReader()
  for (let r = await reader.read(); !r.done; r = await reader.read()) yield { parts: [r.value] }
}

// Node output: stdout or a file, plain or BGZF, optionally indexed as it is written.
// Writes are synchronous: output order is file order and memory stays bounded.
import { closeSync, openSync, writeSync } from 'node:fs'
import { BgzfWriter } from '../bgzf/writer.js'
import { IndexBuilder, type TabixConf } from '../index/writer.js'
import { UsageError } from '../errors.js'

const PAUSE = new Int32Array(new SharedArrayBuffer(4))

export type OutputType = 'v' | 'z'

export interface OutputOptions {
  path?: string
  type?: OutputType
  /** Write an index next to a BGZF output (needs a path). */
  index?: 'tbi' | 'csi'
  /** Longest contig (from the header): deepens a .csi as htslib does. */
  maxRefLength?: number
  /** The index's tabix columns for a non-VCF table (default: the VCF preset). */
  tabix?: TabixConf
}

class BrokenPipe extends Error {}

export class Output {
  private fd: number
  private bgzf?: BgzfWriter
  private indexer?: IndexBuilder
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  private readonly enc = new TextEncoder()

  constructor(readonly opts: OutputOptions) {
    const path = opts.path && opts.path !== '-' ? opts.path : undefined
    if (opts.index && (!path || opts.type !== 'z')) throw new UsageError('--write-index needs -O z and -o FILE')
    this.fd = path ? openSync(path, 'w') : 1
    if (opts.type === 'z') this.bgzf = new BgzfWriter((c) => this.raw(c))
    if (opts.index) this.indexer = new IndexBuilder({ format: opts.index, file: path, maxRefLength: opts.maxRefLength, tabix: opts.tabix })
  }

  get indexing(): boolean { return this.indexer !== undefined }

  private raw(bytes: Uint8Array): void {
    let off = 0
    while (off < bytes.length) {
      try {
        off += writeSync(this.fd, bytes, off, bytes.length - off)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        // A full non-blocking pipe (stdout read by a slow consumer): sleep 1 ms and retry. A
        // busy retry held the CPU the reader needed; on a loaded machine the campaign saw
        // such runs pass their 90 s bound (docs/malformed-input.md).
        if (code === 'EAGAIN') { Atomics.wait(PAUSE, 0, 0, 1); continue }
        if (code === 'EPIPE') throw new BrokenPipe()
        throw e
      }
    }
  }

  /** Buffers small writes into ~1 MiB system calls. */
  write(data: Uint8Array | string): void {
    const bytes = typeof data === 'string' ? this.enc.encode(data) : data
    if (this.bgzf) { this.bgzf.write(bytes); return }
    this.pending.push(bytes)
    this.pendingBytes += bytes.length
    if (this.pendingBytes >= 1 << 20) this.flush()
  }

  /** One record (with its newline) for an indexed BGZF output. */
  writeRecord(line: Uint8Array, chrom: string, beg0: number, end0: number): void {
    const w = this.bgzf!
    const start = w.writeRecord(line) // the record's own start: it may open a new block
    this.indexer!.add(chrom, beg0, end0, start, w.virtualOffset)
  }

  flush(): void {
    if (this.pending.length === 0) return
    const all = this.pending.length === 1 ? this.pending[0] : concatAll(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    this.raw(all)
  }

  close(): void {
    this.flush()
    // htslib ends the last chunk where the EOF block starts: flush first to know that offset
    this.bgzf?.flush()
    const end = this.bgzf?.virtualOffset
    this.bgzf?.close()
    if (this.fd !== 1) closeSync(this.fd)
    if (this.indexer && this.opts.path) {
      const bytes = this.indexer.finish(end)
      const fd = openSync(`${this.opts.path}.${this.opts.index}`, 'w')
      writeSync(fd, bytes)
      closeSync(fd)
    }
  }

  static isBrokenPipe(e: unknown): boolean { return e instanceof BrokenPipe }
}

function concatAll(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

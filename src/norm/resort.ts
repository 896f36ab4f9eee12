// bcftools norm's local re-sort: realigned records can move left past records already read,
// so output waits in a buffer ordered by position (stable) until a later record is a site
// window (-w) further on; a new contig flushes everything.
export interface Pending { pos0: number; out: Uint8Array | string }

/** Where the normaliser puts records (the re-sort buffer, or a log replayed elsewhere). */
export interface NormSink {
  /** A record for `chrom` (none: only the contig change counts, as for a left-out record). */
  place(chrom: string, p: Pending | undefined): void
  /** The end of one input line's records: what is a window behind is final. */
  window(): void
}

const enc = new TextEncoder()

export class Resorter implements NormSink {
  private buf: Pending[] = []
  private head = 0
  private bufChrom: string | undefined
  private emitted: Array<Uint8Array | string> = []

  constructor(private readonly siteWindow: number) {}

  place(chrom: string, p: Pending | undefined): void {
    if (this.bufChrom !== chrom) {
      if (this.bufChrom !== undefined) this.flush(this.buf.length - this.head)
      this.bufChrom = chrom
    }
    if (!p) return
    const buf = this.buf
    buf.push(p)
    let k = buf.length - 1
    while (k > this.head && buf[k - 1].pos0 > buf[k].pos0) {
      const t = buf[k - 1]; buf[k - 1] = buf[k]; buf[k] = t
      k--
    }
  }

  /** Records a site window behind the last one are final (after all records of one input line, as bcftools). */
  window(): void {
    const buf = this.buf
    if (buf.length === this.head) return
    const last = buf[buf.length - 1].pos0
    let j = this.head
    while (j < buf.length && last - buf[j].pos0 >= this.siteWindow) j++
    if (j > this.head) this.flush(j - this.head)
  }

  /** Everything still buffered is final (end of input). */
  finish(): void { this.flush(this.buf.length - this.head) }

  private flush(n: number): void {
    const buf = this.buf
    for (let k = 0; k < n; k++) this.emitted.push(buf[this.head + k].out)
    this.head += n
    if (this.head === buf.length) { buf.length = 0; this.head = 0 }
    else if (this.head > 4096) { this.buf = buf.slice(this.head); this.head = 0 }
  }

  /** The lines made final since the last take, as one byte array. */
  take(): Uint8Array {
    const parts = this.emitted
    this.emitted = []
    // adjacent lines of one arena are copied as one run
    const runs: Uint8Array[] = []
    let size = 0
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k]
      let x = typeof p === 'string' ? enc.encode(p) : p
      if (typeof p !== 'string') {
        let j = k
        while (j + 1 < parts.length) {
          const q = parts[j + 1]
          const last = parts[j] as Uint8Array
          if (typeof q === 'string' || q.buffer !== x.buffer || q.byteOffset !== last.byteOffset + last.length) break
          j++
        }
        if (j > k) {
          const last = parts[j] as Uint8Array
          x = new Uint8Array(x.buffer, x.byteOffset, last.byteOffset + last.length - x.byteOffset)
          k = j
        }
      }
      runs.push(x)
      size += x.length
    }
    if (runs.length === 1) return runs[0]
    const all = new Uint8Array(size)
    let o = 0
    for (const x of runs) { all.set(x, o); o += x.length }
    return all
  }
}

// A page cache in front of a random-access handle. The reference FASTA (bgzip + .gzi) and the
// tabix score table are read in many small, nearby pieces (a BGZF block, a .gzi entry, a few
// kb of sequence). On a local file each piece is a cheap pread; over HTTP each is a request and
// in a browser each Blob slice is an IPC round trip, which made the evidence stage ten times
// slower in Chromium than in Node. Reading aligned pages and keeping the last few turns
// thousands of small reads into a few large ones.
import type { GenericFilehandle, Stats } from 'generic-filehandle2'

export class PagedHandle implements GenericFilehandle {
  private readonly pages = new Map<number, Promise<Uint8Array>>() // insertion-ordered: LRU
  constructor(private readonly inner: GenericFilehandle, private readonly pageSize = 1 << 20, private readonly maxPages = 24) {}

  private page(k: number): Promise<Uint8Array> {
    let p = this.pages.get(k)
    if (p) { this.pages.delete(k); this.pages.set(k, p); return p }
    p = this.inner.read(this.pageSize, k * this.pageSize)
    p.catch(() => this.pages.delete(k))
    this.pages.set(k, p)
    while (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value!)
    return p
  }

  async read(length: number, position: number): Promise<Uint8Array<ArrayBuffer>> {
    const out = new Uint8Array(Math.max(0, length))
    let got = 0
    while (got < length) {
      const at = position + got
      const k = Math.floor(at / this.pageSize)
      const buf = await this.page(k)
      const start = at - k * this.pageSize
      const take = Math.min(buf.length - start, length - got)
      if (take <= 0) break
      out.set(buf.subarray(start, start + take), got)
      got += take
      if (buf.length < this.pageSize) break // end of file
    }
    return got < length ? out.slice(0, got) : out
  }

  // whole-file reads bypass the pages (the same overloads as the inner handle's)
  readonly readFile = ((options?: never) => this.inner.readFile(options as never)) as GenericFilehandle['readFile']

  stat(): Promise<Stats> { return this.inner.stat() }
  close(): Promise<void> { this.pages.clear(); return this.inner.close() }
}

/** Pages a handle unless it is a local file (where small reads are already cheap). */
export function paged(h: GenericFilehandle, location: string | undefined): GenericFilehandle {
  const local = location !== undefined && !/^https?:\/\//i.test(location)
  return local ? h : new PagedHandle(h)
}

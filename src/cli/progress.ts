// A progress line on stderr, only when stderr is a terminal and the work takes a while.
export class Progress {
  private readonly enabled: boolean
  private started = Date.now()
  private last = 0
  private shown = false
  records = 0

  constructor(quiet: boolean, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.enabled = !quiet && stream.isTTY === true
    this.quiet = quiet
  }
  private readonly quiet: boolean

  update(done: number, total: number | undefined): void {
    if (!this.enabled) return
    const now = Date.now()
    if (now - this.started < 1000 || now - this.last < 200) return
    this.last = now
    const secs = (now - this.started) / 1000
    const mb = done / 1e6
    const pct = total ? ` ${((100 * done) / total).toFixed(1)}%` : ''
    const width = 30
    const bar = total ? '[' + '#'.repeat(Math.round((width * done) / total)).padEnd(width, '.') + ']' : ''
    this.stream.write(`\r${bar}${pct} ${mb.toFixed(0)} MB read, ${(mb / secs).toFixed(0)} MB/s, ${this.records.toLocaleString('en')} records`)
    this.shown = true
  }

  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K')
    this.shown = false
  }

  warn(message: string): void {
    if (this.quiet) return
    this.done()
    this.stream.write(`vartriage: warning: ${message}\n`)
  }
}

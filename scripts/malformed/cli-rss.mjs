// Runs the vartriage CLI and, at exit, writes its peak resident set size (bytes) to
// $VT_RSS_OUT: the malformed-input campaign bounds memory with it.
import { writeFileSync } from 'node:fs'
process.on('exit', () => {
  if (process.env.VT_RSS_OUT) try { writeFileSync(process.env.VT_RSS_OUT, String(process.resourceUsage().maxRSS * 1024)) } catch { /* ignore */ }
})
// Asked by the campaign when a run passes its time bound: where is it waiting?
process.on('SIGUSR2', () => {
  const dir = process.env.VT_STALL_REPORTS
  if (dir) process.report.writeReport(`${dir}/stall-${process.pid}-${Date.now()}.json`)
})
await import('../../dist/src/cli/bin.js')

// Standard input copied to a temporary file, for commands that must read their input more
// than once (prioritise reads the VCF for the case checks and again for the scan) but should
// still take `-` in a pipe (Nextflow, Cromwell, Spark's pipe; docs/cluster.md). The bytes are
// copied as they come, so bgzip, gzip and plain text stay what they were (readers sniff the
// compression, not the name). The file is removed when the process exits.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { UsageError } from '../errors.js'

export async function spoolStdin(cmd: string): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError(`${cmd}: '-' reads standard input, but it is a terminal`)
  const dir = mkdtempSync(join(tmpdir(), 'vartriage-stdin-'))
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
  const path = join(dir, 'stdin')
  await pipeline(process.stdin, createWriteStream(path))
  return path
}

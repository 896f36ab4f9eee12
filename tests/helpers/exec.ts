// Child processes for tests, spawned asynchronously (the test machine's cores are shared).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const pexec = promisify(execFile)

export async function sh(cmd: string, args: string[]): Promise<string> {
  const { stdout } = await pexec(cmd, args, { maxBuffer: 1 << 30, encoding: 'utf8' })
  return stdout
}

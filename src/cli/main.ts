// The vartriage command line. Output goes to stdout unless -o is given; '-' reads stdin;
// failures print one line to stderr and exit non-zero.
import { readFileSync } from 'node:fs'
import { UsageError } from '../errors.js'
import { COMMANDS, usage } from './commands.js'

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...args] = argv
  if (!cmd || cmd === '-h' || cmd === '--help' || cmd === 'help') { process.stdout.write(usage()); return 0 }
  if (cmd === '--version' || cmd === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
    process.stdout.write(`vartriage ${pkg.version}\n`)
    return 0
  }
  const run = COMMANDS[cmd]
  if (!run) throw new UsageError(`unknown command "${cmd}" (try: vartriage --help)`)
  return run(args)
}

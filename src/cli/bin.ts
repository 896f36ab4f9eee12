#!/usr/bin/env node
import { main } from './main.js'
import { Output } from '../sink/output.js'
import { UsageError, VartriageError } from '../errors.js'

main(process.argv.slice(2)).then((code) => { process.exitCode = code }, (e: unknown) => {
  if (Output.isBrokenPipe(e)) { process.exitCode = 0; return }
  const msg = e instanceof VartriageError ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : String(e)
  process.stderr.write(`vartriage: ${msg.replace(/\n/g, ' ')}\n`)
  process.exitCode = e instanceof UsageError ? 2 : 1
})

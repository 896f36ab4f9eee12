// HPO term lists given on the command line: `HP:0001250,HP:0004322` (commas, spaces or both).
import { CaseError } from './errors.js'

const TERM = /^HP:\d{7}$/

export function parseHpoList(text: string, label = '--hpo'): string[] {
  const out: string[] = []
  for (const t of text.split(/[,\s]+/)) {
    if (t === '') continue
    if (!TERM.test(t)) throw new CaseError(`${label}: "${t}" is not an HPO term id (HP: and 7 digits)`)
    if (!out.includes(t)) out.push(t)
  }
  return out
}

export const isHpoId = (s: string): boolean => TERM.test(s)

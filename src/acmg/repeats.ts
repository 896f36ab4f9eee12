// Whether an in-frame indel sits in a tandem repeat (BP3 vs PM4). Richards 2015 leaves
// "repetitive region" undefined; we call a change repetitive when its repeat unit (the
// shortest period of the inserted or deleted bases) occurs at least N times in tandem in the
// reference at that place, counting the copies the deletion removes.
import { trimAlleles } from '../csq/hgvs.js'

/** Shortest period p of s (s is p-periodic and p divides its length). */
export function repeatUnit(s: string): string {
  for (let p = 1; p <= s.length; p++) {
    if (s.length % p !== 0) continue
    let ok = true
    for (let i = p; i < s.length && ok; i++) ok = s[i] === s[i - p]
    if (ok) return s.slice(0, p)
  }
  return s
}

/**
 * Tandem copies of the change's unit in `window` (reference bases starting at 0-based
 * `windowStart`) around a change at 1-based `pos`; undefined for a change that is not a pure
 * insertion or deletion.
 */
export function tandemCopies(pos: number, ref: string, alt: string, window: string, windowStart: number): { unit: string; copies: number } | undefined {
  const [s0, r, a] = trimAlleles(pos - 1, ref, alt)
  if ((r.length === 0) === (a.length === 0)) return undefined
  const unit = repeatUnit(r || a)
  const at = s0 - windowStart // index in window of the first base after the insertion point / first deleted base
  let right = 0
  for (let i = at; i + unit.length <= window.length && window.slice(i, i + unit.length) === unit; i += unit.length) right++
  let left = 0
  for (let i = at - unit.length; i >= 0 && window.slice(i, i + unit.length) === unit; i -= unit.length) left++
  return { unit, copies: left + right }
}

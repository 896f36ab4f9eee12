// --check-ref s: setting REF from the reference, a port of bcftools norm's fix_ref() and
// fix_dup_alt() (vcfnorm.c 1.16): a missing REF is filled, IUPAC codes and N bases are
// replaced, a REF/ALT swap is undone (genotypes and INFO/AC follow), else REF is replaced.
import { iupacToN } from './alleles.js'
import type { SequenceFn } from './realign.js'
import type { TextRecord } from './record.js'

export interface FixCounts { total: number; swapped: number; set: number }

const lowerEq = (a: string, b: string, n: number): boolean => {
  // strncasecmp(a, b, n) == 0 over NUL-terminated strings
  for (let k = 0; k < n; k++) {
    const x = k < a.length ? a.charCodeAt(k) | 0x20 : 0, y = k < b.length ? b.charCodeAt(k) | 0x20 : 0
    if (x !== y) return false
    if (x === 0) return true
  }
  return true
}

/** Fixes r in place; returns true when the record's text changed. */
export function fixRef(r: TextRecord, seq: SequenceFn, counts: FixCounts): boolean {
  const al = r.alleles
  const reflen = al[0].length
  let maxlen = reflen
  for (let i = 1; i < al.length; i++) if (al[i].length > maxlen) maxlen = al[i].length
  const ref = iupacToN(seq(r.pos0, r.pos0 + maxlen))
  counts.total++
  if (lowerEq(al[0], ref, reflen)) return false
  if (reflen === 1 && al[0] === '.') {
    al[0] = ref[0]
    counts.set++
    return true
  }
  let nonAcgtn = false
  for (let i = 0; i < al.length; i++) {
    if (al[i][0] === '<') continue
    const fixed = iupacToN(al[i])
    if (fixed !== al[i]) { al[i] = fixed; nonAcgtn = true }
  }
  if (nonAcgtn) {
    counts.set++
    if (lowerEq(al[0], ref, reflen)) return true
  }
  let fix = 0
  for (let i = 0; i < reflen; i++) {
    if (al[0][i] !== 'N' || ref[i] === 'N') continue
    al[0] = al[0].slice(0, i) + ref[i] + al[0].slice(i + 1)
    fix++
    for (let j = 1; j < al.length; j++) {
      if (al[j].length <= i || al[j][i] !== 'N') continue
      al[j] = al[j].slice(0, i) + ref[i] + al[j].slice(i + 1)
      fix++
    }
  }
  if (fix) {
    counts.set++
    if (lowerEq(al[0], ref, reflen)) return true
  }
  let sw = 1
  for (; sw < al.length; sw++) if (lowerEq(al[sw], ref, al[sw].length)) break
  if (sw === al.length) {
    counts.set++
    al[0] = ref.slice(0, reflen)
    return true
  }
  // a swap: REF and that ALT trade places, genotypes 0 <-> sw, INFO/AC[sw-1] = swapped count
  const old = al[0]
  al[0] = al[sw]
  al[sw] = old
  counts.swapped++
  const gi = r.format.indexOf('GT')
  let ni = 0
  if (gi >= 0) {
    for (const row of r.samples) {
      row[gi] = row[gi].replace(/\d+/g, (d) => {
        const a = Number(d)
        if (a === 0) { ni++; return String(sw) }
        return a === sw ? '0' : d
      })
    }
  }
  const ac = r.info.find((e) => e.key === 'AC')
  if (ac?.value !== undefined) {
    const v = ac.value.split(',')
    if (sw <= v.length) { v[sw - 1] = String(ni); ac.value = v.join(',') }
  }
  return true
}

/** --check-ref s on duplicate alleles: ALTs equal to REF are removed, genotypes remapped. */
export function fixDupAlt(r: TextRecord): void {
  const al = r.alleles
  const map: number[] = [0]
  const kept = [al[0]]
  for (let i = 1; i < al.length; i++) {
    if (al[i].toUpperCase() === al[0].toUpperCase()) { map.push(0); continue }
    map.push(kept.length)
    kept.push(al[i])
  }
  r.alleles = kept
  const gi = r.format.indexOf('GT')
  if (gi < 0) return
  for (const row of r.samples) {
    row[gi] = row[gi].replace(/\d+/g, (d) => {
      const a = Number(d)
      return String(a < map.length ? map[a] : 0)
    })
  }
}

// A Case's families as flat typed arrays, so the scanner touches no object per record:
// for family f, its sequenced members are sample[start[f] .. start[f + 1]), with their
// affection status, sex and relation to the proband.
import type { Case, Individual } from '../prioritise/model.js'

export const AFF_UNKNOWN = 0, AFF_YES = 1, AFF_NO = 2
export const SEX_UNKNOWN = 0, SEX_MALE = 1, SEX_FEMALE = 2
export const REL_OTHER = 0, REL_PROBAND = 1, REL_FATHER = 2, REL_MOTHER = 3

export interface FamilyLayout {
  families: number
  /** Offsets into the member arrays, families + 1 long. */
  start: Int32Array
  sample: Int32Array
  affected: Int8Array
  sex: Int8Array
  relation: Int8Array
  /** Member index (into the member arrays) of the proband, father and mother; -1 when not sequenced. */
  proband: Int32Array
  father: Int32Array
  mother: Int32Array
  /** The Individual of each member, for materialising candidates. */
  individuals: Individual[]
}

export function layoutFamilies(kase: Case): FamilyLayout {
  const members: Individual[] = []
  const start = new Int32Array(kase.families.length + 1)
  const proband = new Int32Array(kase.families.length).fill(-1)
  const father = new Int32Array(kase.families.length).fill(-1)
  const mother = new Int32Array(kase.families.length).fill(-1)
  const relation: number[] = []
  kase.families.forEach((f, k) => {
    start[k] = members.length
    const seq = f.members.filter((m) => m.sample >= 0)
    const p = f.members.find((m) => m.id === f.proband)
    for (const m of seq) {
      const idx = members.length
      members.push(m)
      let rel = REL_OTHER
      if (p && m.id === p.id) { rel = REL_PROBAND; proband[k] = idx }
      else if (p && m.id === p.father) { rel = REL_FATHER; father[k] = idx }
      else if (p && m.id === p.mother) { rel = REL_MOTHER; mother[k] = idx }
      relation.push(rel)
    }
  })
  start[kase.families.length] = members.length
  return {
    families: kase.families.length, start, proband, father, mother, individuals: members,
    sample: Int32Array.from(members, (m) => m.sample),
    affected: Int8Array.from(members, (m) => m.affected === true ? AFF_YES : m.affected === false ? AFF_NO : AFF_UNKNOWN),
    sex: Int8Array.from(members, (m) => m.sex === 'male' ? SEX_MALE : m.sex === 'female' ? SEX_FEMALE : SEX_UNKNOWN),
    relation: Int8Array.from(relation),
  }
}

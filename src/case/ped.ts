// PED files (PLINK/GATK/slivar): family, individual, father, mother, sex, phenotype; columns
// split on tabs or runs of spaces; `#` starts a comment line. Extra columns (genotypes in
// PLINK's .ped) are ignored. Every problem is a CaseError naming the file and line.
import type { Individual, Sex } from '../prioritise/model.js'
import { CaseError } from './errors.js'

const SEX: Record<string, Sex> = { 1: 'male', 2: 'female', 0: 'unknown', '-9': 'unknown', other: 'unknown' }
const AFFECTED: Record<string, boolean | undefined> = { 2: true, 1: false, 0: undefined, '-9': undefined }

/** Parses PED text; `file` only labels errors. Individuals come back with sample -1 (not yet mapped). */
export function parsePed(text: string, file = '<ped>'): Individual[] {
  const out: Individual[] = []
  const seen = new Map<string, number>() // family\tid → line
  const lineOf = new Map<Individual, number>()
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, k) => {
    const line = k + 1
    const t = raw.trim()
    if (t === '' || t.startsWith('#')) return
    const cols = t.split(/[\t ]+/)
    if (cols.length < 6) throw new CaseError(`expected 6 columns (family, individual, father, mother, sex, phenotype), found ${cols.length}`, { file, line })
    const [family, id, father, mother, sex, pheno] = cols
    const key = `${family}\t${id}`
    if (seen.has(key)) throw new CaseError(`individual "${id}" of family "${family}" is listed twice (first on line ${seen.get(key)})`, { file, line })
    seen.set(key, line)
    if (!(sex in SEX)) throw new CaseError(`sex must be 1 (male), 2 (female) or 0 (unknown), found "${sex}"`, { file, line })
    if (!(pheno in AFFECTED)) throw new CaseError(`phenotype must be 2 (affected), 1 (unaffected), 0 or -9 (unknown), found "${pheno}"`, { file, line })
    if (father === id || mother === id) throw new CaseError(`individual "${id}" is named as its own parent`, { file, line })
    const ind: Individual = {
      family, id, sex: SEX[sex], affected: AFFECTED[pheno], sample: -1,
      ...(father !== '0' ? { father } : {}), ...(mother !== '0' ? { mother } : {}),
    }
    out.push(ind)
    lineOf.set(ind, line)
  })
  checkPedigree(out, (ind) => ({ file, line: lineOf.get(ind) }))
  return out
}

/** Parents must be listed in the same family, with a compatible sex. */
export function checkPedigree(individuals: Individual[], where: (ind: Individual) => { file?: string; line?: number }): void {
  const byKey = new Map(individuals.map((i) => [`${i.family}\t${i.id}`, i]))
  for (const ind of individuals) {
    for (const [role, pid, bad] of [['father', ind.father, 'female'], ['mother', ind.mother, 'male']] as const) {
      if (pid === undefined) continue
      const p = byKey.get(`${ind.family}\t${pid}`)
      if (!p) throw new CaseError(`${role} "${pid}" of "${ind.id}" is not listed in family "${ind.family}"`, where(ind))
      if (p.sex === bad) throw new CaseError(`${role} "${pid}" of "${ind.id}" is declared ${bad}`, where(ind))
    }
  }
}

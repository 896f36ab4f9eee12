// GA4GH Phenopacket v2 JSON: a single Phenopacket (subject, sex, phenotypicFeatures) or a
// Family (proband + relatives phenopackets + pedigree.persons). Only the fields a
// prioritisation needs are read; anything else is ignored. Structural problems are
// CaseErrors naming the file and the JSON path (and the line, for JSON syntax errors).
import type { Individual, Sex } from '../prioritise/model.js'
import { CaseError } from './errors.js'
import { isHpoId } from './hpo.js'
import { checkPedigree } from './ped.js'

export interface PhenopacketCase {
  family: string
  individuals: Individual[]
  proband?: string
  hpo: string[]
  excludedHpo: string[]
}

const SEX: Record<string, Sex> = { MALE: 'male', FEMALE: 'female', UNKNOWN_SEX: 'unknown', OTHER_SEX: 'unknown' }
const AFFECTED: Record<string, boolean | undefined> = { AFFECTED: true, UNAFFECTED: false, MISSING: undefined }

type Json = Record<string, unknown>
const isObj = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x)

export function parsePhenopacket(text: string, file = '<phenopacket>'): PhenopacketCase {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    const msg = (e as Error).message
    const m = /position (\d+)/.exec(msg)
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined
    throw new CaseError(`not valid JSON: ${msg}`, { file, line })
  }
  const fail = (path: string, what: string): never => { throw new CaseError(`${path}: ${what}`, { file }) }
  if (!isObj(raw)) return fail('$', 'a phenopacket must be a JSON object')
  const packet = isObj(raw.proband) ? raw.proband : raw
  const ppath = packet === raw ? '$' : '$.proband'
  const subject = packet.subject
  if (!isObj(subject)) return fail(`${ppath}.subject`, 'missing (the individual the phenotypes describe)')
  const sid = subject.id
  if (typeof sid !== 'string' || sid === '') return fail(`${ppath}.subject.id`, 'must be a non-empty string')
  const { hpo, excludedHpo } = features(packet.phenotypicFeatures, `${ppath}.phenotypicFeatures`, fail)
  const sexOf = (x: unknown, path: string): Sex => {
    if (x === undefined) return 'unknown'
    if (typeof x !== 'string' || !(x in SEX)) return fail(path, `unknown sex ${JSON.stringify(x)} (MALE, FEMALE, UNKNOWN_SEX, OTHER_SEX)`)
    return SEX[x]
  }
  const pedigree = raw.pedigree
  let individuals: Individual[]
  let family = typeof raw.id === 'string' && raw !== packet ? raw.id : sid
  if (isObj(pedigree) && Array.isArray(pedigree.persons)) {
    individuals = pedigree.persons.map((p, k) => {
      const path = `$.pedigree.persons[${k}]`
      if (!isObj(p)) return fail(path, 'must be an object')
      const id = p.individualId
      if (typeof id !== 'string' || id === '') return fail(`${path}.individualId`, 'must be a non-empty string')
      const aff = p.affectedStatus
      if (aff !== undefined && (typeof aff !== 'string' || !(aff in AFFECTED))) return fail(`${path}.affectedStatus`, `unknown status ${JSON.stringify(aff)}`)
      const parent = (x: unknown) => typeof x === 'string' && x !== '' && x !== '0' ? x : undefined
      const fam = typeof p.familyId === 'string' && p.familyId !== '' ? p.familyId : family
      const ind: Individual = { family: fam, id, sex: sexOf(p.sex, `${path}.sex`), affected: aff === undefined ? undefined : AFFECTED[aff as string], sample: -1 }
      const f = parent(p.paternalId), m = parent(p.maternalId)
      if (f) ind.father = f
      if (m) ind.mother = m
      return ind
    })
    const ids = new Set<string>()
    individuals.forEach((i, k) => { if (ids.has(i.id)) fail(`$.pedigree.persons[${k}]`, `individual "${i.id}" is listed twice`); ids.add(i.id) })
    if (!ids.has(sid)) return fail('$.pedigree.persons', `the proband "${sid}" is not in the pedigree`)
    family = individuals.find((i) => i.id === sid)!.family
    for (const i of individuals) i.family = family
    checkPedigree(individuals, () => ({ file }))
    // the subject's own sex, when the pedigree leaves it unknown
    const me = individuals.find((i) => i.id === sid)!
    if (me.sex === 'unknown') me.sex = sexOf(subject.sex, `${ppath}.subject.sex`)
  } else {
    individuals = [{ family, id: sid, sex: sexOf(subject.sex, `${ppath}.subject.sex`), affected: true, sample: -1 }]
  }
  return { family, individuals, proband: sid, hpo, excludedHpo }
}

function features(x: unknown, path: string, fail: (p: string, w: string) => never): { hpo: string[]; excludedHpo: string[] } {
  const hpo: string[] = [], excludedHpo: string[] = []
  if (x === undefined) return { hpo, excludedHpo }
  if (!Array.isArray(x)) return fail(path, 'must be an array')
  x.forEach((f, k) => {
    const at = `${path}[${k}]`
    if (!isObj(f) || !isObj(f.type)) return fail(`${at}.type`, 'missing (an OntologyClass with id and label)')
    const id = f.type.id
    if (typeof id !== 'string' || !isHpoId(id)) return fail(`${at}.type.id`, `${JSON.stringify(id)} is not an HPO term id`)
    const list = f.excluded === true ? excludedHpo : hpo
    if (!list.includes(id)) list.push(id)
  })
  return { hpo, excludedHpo }
}

/** Writes a phenopacket v2 (Family when there are relatives) for a family: what the trio generator ships. */
export function phenopacketJson(family: string, members: Individual[], proband: string, hpo: string[], excluded: string[] = [],
  labels: Map<string, string> = new Map()): string {
  const sexName = (s: Sex) => s === 'male' ? 'MALE' : s === 'female' ? 'FEMALE' : 'UNKNOWN_SEX'
  const me = members.find((m) => m.id === proband)!
  const feature = (id: string, excludedFlag: boolean) => ({ type: { id, label: labels.get(id) ?? id }, ...(excludedFlag ? { excluded: true } : {}) })
  const packet = (m: Individual, withFeatures: boolean) => ({
    id: `${family}-${m.id}`,
    subject: { id: m.id, sex: sexName(m.sex) },
    ...(withFeatures ? { phenotypicFeatures: [...hpo.map((t) => feature(t, false)), ...excluded.map((t) => feature(t, true))] } : {}),
    metaData: { created: '2024-01-01T00:00:00Z', createdBy: 'vartriage world trio', phenopacketSchemaVersion: '2.0',
      resources: [{ id: 'hp', name: 'human phenotype ontology', url: 'http://purl.obolibrary.org/obo/hp.owl', version: 'synthetic', namespacePrefix: 'HP', iriPrefix: 'http://purl.obolibrary.org/obo/HP_' }] },
  })
  const persons = members.map((m) => ({
    familyId: family, individualId: m.id, paternalId: m.father ?? '0', maternalId: m.mother ?? '0', sex: sexName(m.sex),
    affectedStatus: m.affected === true ? 'AFFECTED' : m.affected === false ? 'UNAFFECTED' : 'MISSING',
  }))
  const doc = {
    id: family,
    proband: packet(me, true),
    relatives: members.filter((m) => m.id !== proband).map((m) => packet(m, false)),
    pedigree: { persons },
    metaData: packet(me, false).metaData,
  }
  return JSON.stringify(doc, null, 2) + '\n'
}

// Per-variant evidence: ACMG criteria with their reasons, frequencies, consequence and the
// family's genotypes, for the selected row.
import type { ColumnStore } from './columns.js'
import { CLASSES } from './columns.js'

export function Evidence(props: { store: ColumnStore; row: number }) {
  const { store, row } = props
  if (row < 0 || row >= store.n) return <section class="evidence" aria-label="Evidence"><p>Select a variant to see its evidence.</p></section>
  const d = store.detail(row)
  const rv = d.ranked
  const v = rv?.candidate.variant
  return (
    <section class="evidence" aria-label="Evidence" data-testid="evidence">
      <h3>{d.gene} · {d.key}</h3>
      <p>{d.mode} · {d.consequence} {d.hgvs} · class <b>{CLASSES[store.cls[row]]}</b>{rv ? ` (${rv.classification.points} points)` : ''}</p>
      <h4>Frequencies</h4>
      <p>popmax {v?.popmax ?? store.popmax[row]}{v?.af !== undefined ? ` · AF ${v.af}` : ''}{v?.nhomalt !== undefined ? ` · nhomalt ${v.nhomalt}` : ''}
        {v?.clinvar ? ` · ClinVar ${v.clinvar.significance}${v.clinvar.id ? ` (${v.clinvar.id})` : ''}` : ''}
        {v?.revel !== undefined ? ` · REVEL ${v.revel}` : ''}{v?.cadd !== undefined ? ` · CADD ${v.cadd}` : ''}</p>
      {rv && <>
        <h4>Criteria</h4>
        <ul class="criteria">{rv.classification.criteria.map((c) => <li><b>{c.code}</b> <i>{c.strength}</i> ({c.points > 0 ? '+' : ''}{c.points}): {c.reason}</li>)}</ul>
        <h4>Genotypes</h4>
        <table class="small">
          <thead><tr><th scope="col">individual</th><th scope="col">GT</th><th scope="col">GQ</th><th scope="col">DP</th><th scope="col">AD</th><th scope="col">pass</th></tr></thead>
          <tbody>{rv.candidate.genotypes.map((g) => <tr><td>{g.individual}</td><td>{g.gt}</td><td>{g.gq ?? '.'}</td><td>{g.dp ?? '.'}</td><td>{g.ad ? g.ad.join(',') : '.'}</td><td>{g.pass ? 'yes' : 'no'}</td></tr>)}</tbody>
        </table>
      </>}
    </section>
  )
}

// The variants table, virtualised: only the rows in view (plus a few) exist in the DOM, so
// 1,000,000 rows scroll as smoothly as 100. Rows have one fixed height, so the window is plain
// arithmetic on scrollTop. (@tanstack/virtual-core was the first choice and was measured: its
// measurement cache builds one object per row whenever the row count changes, i.e. ~450,000
// objects on every re-filter of a 1M-row store, which alone cost more than the filter.)
// Rows are a `grid`; arrow keys, PageUp/PageDown, Home/End move the selection.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { CLASSES, type ColumnStore } from './columns.js'

const ROW = 28
const OVERSCAN = 10
const CLASS_SHORT = ['P', 'LP', 'VUS', 'LB', 'B']

/** First and last index (exclusive) of the rows to draw for a viewport. */
export function windowOf(scrollTop: number, height: number, count: number): [number, number] {
  const first = Math.max(0, Math.floor(scrollTop / ROW) - OVERSCAN)
  const last = Math.min(count, Math.ceil((scrollTop + height) / ROW) + OVERSCAN)
  return [first, Math.max(first, last)]
}

export function VariantTable(props: { store: ColumnStore; rows: Int32Array; selected: number; onSelect: (row: number) => void }) {
  const { store, rows, selected, onSelect } = props
  const scroller = useRef<HTMLDivElement>(null)
  const [view, setView] = useState({ top: 0, height: 320 })
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    const update = () => setView({ top: el.scrollTop, height: el.clientHeight })
    update()
    el.addEventListener('scroll', update, { passive: true })
    const ro = new ResizeObserver(update)
    ro.observe(el)
    return () => { el.removeEventListener('scroll', update); ro.disconnect() }
  }, [])
  // position of a row in the current view, looked up only for the selected row
  const positionOf = useMemo(() => (row: number) => (row < 0 ? -1 : rows.indexOf(row)), [rows])
  useEffect(() => {
    const el = scroller.current, p = positionOf(selected)
    if (!el || p < 0) return
    if (p * ROW < el.scrollTop) el.scrollTop = p * ROW
    else if ((p + 1) * ROW > el.scrollTop + el.clientHeight) el.scrollTop = (p + 1) * ROW - el.clientHeight
  }, [selected, positionOf])

  const key = (e: KeyboardEvent) => {
    const p = Math.max(0, positionOf(selected))
    const page = Math.max(1, Math.floor(view.height / ROW) - 1)
    const q = e.key === 'ArrowDown' ? p + 1 : e.key === 'ArrowUp' ? p - 1 : e.key === 'PageDown' ? p + page : e.key === 'PageUp' ? p - page
      : e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : NaN
    if (!Number.isNaN(q) && rows.length > 0) { e.preventDefault(); onSelect(rows[Math.min(rows.length - 1, Math.max(0, q))]) }
  }
  const [first, last] = windowOf(view.top, view.height, rows.length)
  const drawn = []
  for (let k = first; k < last; k++) {
    const r = rows[k]
    const d = store.detail(r)
    drawn.push(
      <div role="row" id={`vrow-${r}`} key={r} aria-rowindex={k + 2} aria-selected={r === selected}
        class={r === selected ? 'vt-row sel' : 'vt-row'} style={{ transform: `translateY(${k * ROW}px)`, height: `${ROW}px` }}
        onClick={() => onSelect(r)}>
        <span role="gridcell">{d.family}</span><span role="gridcell">{d.gene}</span><span role="gridcell">{d.key}</span>
        <span role="gridcell">{d.mode}</span><span role="gridcell">{d.consequence}</span><span role="gridcell">{d.hgvs}</span>
        <span role="gridcell">{store.popmax[r].toPrecision(3)}</span>
        <span role="gridcell">{Number.isFinite(store.minGq[r]) ? store.minGq[r] : '.'}</span>
        <span role="gridcell" title={CLASSES[store.cls[r]]}>{CLASS_SHORT[store.cls[r]]}</span>
        <span role="gridcell">{store.score[r].toFixed(3)}</span>
      </div>,
    )
  }
  return (
    <div class="vt" role="grid" aria-label="Variants" aria-rowcount={rows.length + 1} data-testid="variants">
      <div role="row" class="vt-row vt-head" aria-rowindex={1}>
        {['family', 'gene', 'variant', 'mode', 'consequence', 'HGVS', 'popmax', 'min GQ', 'class', 'score'].map((h) => <span role="columnheader">{h}</span>)}
      </div>
      <div class="vt-scroll" ref={scroller} tabIndex={0} onKeyDown={key} aria-label="Variant rows (arrow keys move the selection)"
        aria-activedescendant={selected >= 0 && positionOf(selected) >= first && positionOf(selected) < last ? `vrow-${selected}` : undefined}>
        <div style={{ height: `${rows.length * ROW}px`, position: 'relative' }}>{drawn}</div>
      </div>
    </div>
  )
}

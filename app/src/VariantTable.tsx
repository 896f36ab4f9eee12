// The variants table, virtualised with @tanstack/virtual-core: only the rows in view (plus a
// few) exist in the DOM, so 1,000,000 rows scroll as smoothly as 100. Rows are a `grid`;
// arrow keys move the selection, Enter/Space opens the evidence.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core'
import { CLASSES, type ColumnStore } from './columns.js'

const ROW = 28
const CLASS_SHORT = ['P', 'LP', 'VUS', 'LB', 'B']

export function VariantTable(props: { store: ColumnStore; rows: Int32Array; selected: number; onSelect: (row: number) => void }) {
  const { store, rows, selected, onSelect } = props
  const scroller = useRef<HTMLDivElement>(null)
  const [, tick] = useState(0)
  const v = useMemo(() => new Virtualizer<HTMLDivElement, Element>({
    count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 12,
    observeElementRect, observeElementOffset, scrollToFn: elementScroll, onChange: () => tick((x) => x + 1),
  }), [])
  v.setOptions({ ...v.options, count: rows.length })
  useLayoutEffect(() => v._didMount(), [])
  useLayoutEffect(() => { v._willUpdate() })
  const pos = useMemo(() => { const m = new Map<number, number>(); return m }, [rows])
  const at = (row: number) => { let p = pos.get(row); if (p === undefined) { p = rows.indexOf(row); pos.set(row, p) } return p }
  useEffect(() => { const p = at(selected); if (p >= 0) v.scrollToIndex(p, { align: 'auto' }) }, [selected])

  const key = (e: KeyboardEvent) => {
    const p = Math.max(0, at(selected))
    let q = -1
    if (e.key === 'ArrowDown') q = Math.min(rows.length - 1, p + 1)
    else if (e.key === 'ArrowUp') q = Math.max(0, p - 1)
    else if (e.key === 'PageDown') q = Math.min(rows.length - 1, p + 20)
    else if (e.key === 'PageUp') q = Math.max(0, p - 20)
    else if (e.key === 'Home') q = 0
    else if (e.key === 'End') q = rows.length - 1
    if (q >= 0 && rows.length > 0) { e.preventDefault(); onSelect(rows[q]) }
  }
  const items = v.getVirtualItems()
  return (
    <div class="vt" role="grid" aria-label="Variants" aria-rowcount={rows.length + 1} data-testid="variants">
      <div role="row" class="vt-row vt-head" aria-rowindex={1}>
        {['family', 'gene', 'variant', 'mode', 'consequence', 'HGVS', 'popmax', 'min GQ', 'class', 'score'].map((h) => <span role="columnheader">{h}</span>)}
      </div>
      <div class="vt-scroll" ref={scroller} tabIndex={0} onKeyDown={key} aria-activedescendant={selected >= 0 ? `vrow-${selected}` : undefined}>
        <div style={{ height: `${v.getTotalSize()}px`, position: 'relative' }}>
          {items.map((it) => {
            const r = rows[it.index]
            const d = store.detail(r)
            return (
              <div role="row" id={`vrow-${r}`} key={r} aria-rowindex={it.index + 2} aria-selected={r === selected}
                class={r === selected ? 'vt-row sel' : 'vt-row'} style={{ transform: `translateY(${it.start}px)`, height: `${ROW}px` }}
                onClick={() => onSelect(r)}>
                <span role="gridcell">{d.family}</span><span role="gridcell">{d.gene}</span><span role="gridcell">{d.key}</span>
                <span role="gridcell">{d.mode}</span><span role="gridcell">{d.consequence}</span><span role="gridcell">{d.hgvs}</span>
                <span role="gridcell">{store.popmax[r].toPrecision(3)}</span>
                <span role="gridcell">{Number.isFinite(store.minGq[r]) ? store.minGq[r] : '.'}</span>
                <span role="gridcell" title={CLASSES[store.cls[r]]}>{CLASS_SHORT[store.cls[r]]}</span>
                <span role="gridcell">{store.score[r].toFixed(3)}</span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}

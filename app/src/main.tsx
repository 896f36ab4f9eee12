// The triage page: pick files, set HPO terms, panel and consent, run; then re-filter the ranked
// genes and variants from the columnar store in memory, inspect evidence, export. Everything is
// read from the user's own files (File/Blob) or from the page's own origin; nothing is sent.
import { render } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { DEFAULT_FREQUENCY, DEFAULT_QUALITY, type PrioritisationResult } from '../../src/prioritise/model.js'
import { parseResultsJson } from '../../src/report/pure.js'
import { MODES, storeFromResult, type ColumnStore } from './columns.js'
import { Refilter, type FilterParams, type FilterView } from './refilter.js'
import { classify, parsePanels, servedBundle } from './files.js'
import { hpoIds, parseObo, searchHpo, type HpoTerm } from './hpo.js'
import { VariantTable } from './VariantTable.js'
import { Evidence } from './Evidence.js'
import { SexPlot } from './SexPlot.js'
import { download, exportText, filteredResult, type ExportKind } from './export.js'
import { syntheticStore } from './synthetic.js'
import { coverageOf, type CoverageView } from './coverage.js'
import type { RunMessage, RunRequest } from './prioritise-worker.js'

// genes drawn at first (more on request): the table must redraw within the re-filter budget
const GENE_PAGE = 100
const tickle = () => new Promise((r) => setTimeout(r, 0))

/** Runs the prioritisation in a Web Worker; resolves with the run's results.json text. */
function runInWorker(q: RunRequest, onProgress: (value: number, label: string) => void): Promise<string> {
  const w = new Worker(new URL('./prioritise-worker.ts', import.meta.url), { type: 'module' })
  return new Promise<string>((resolve, reject) => {
    w.onmessage = (e: MessageEvent<RunMessage>) => {
      const m = e.data
      if (m.type === 'progress') onProgress(m.value, m.label)
      else { w.terminate(); if (m.type === 'done') resolve(m.json); else reject(new Error(m.message)) }
    }
    w.onerror = (e) => { w.terminate(); reject(new Error(`the prioritisation worker failed: ${e.message || 'could not start'}`)) }
    w.postMessage(q)
  })
}

function App() {
  const [files, setFiles] = useState<File[]>([])
  const [bundleFiles, setBundleFiles] = useState<File[]>([])
  const [bundleUrl, setBundleUrl] = useState('world/resources.json')
  const [ontology, setOntology] = useState<HpoTerm[]>([])
  const [panels, setPanels] = useState<Map<string, Set<string>>>(new Map())
  const [servedFai, setServedFai] = useState<string | undefined>()
  const [coverage, setCoverage] = useState<CoverageView[]>([])
  const [hpoText, setHpoText] = useState('')
  const [hpo, setHpo] = useState<string[]>([])
  const [panel, setPanel] = useState('')
  const [consent, setConsent] = useState('related')
  const [progress, setProgress] = useState<{ value: number; label: string } | null>(null)
  const [error, setError] = useState('')
  const [result, setResult] = useState<PrioritisationResult | null>(null)
  const [store, setStore] = useState<ColumnStore | null>(null)
  const [cutoffs, setCutoffs] = useState<Record<string, number>>({ ...DEFAULT_FREQUENCY })
  const [enabled, setEnabled] = useState<Record<string, boolean>>(Object.fromEntries(MODES.map((m) => [m, true])))
  const [minGq, setMinGq] = useState(DEFAULT_QUALITY.minGq)
  const [minDp, setMinDp] = useState(DEFAULT_QUALITY.minDp)
  const [selected, setSelected] = useState(-1)
  const [geneLimit, setGeneLimit] = useState(GENE_PAGE)
  // the kernel's time, kept in a ref: setting state from inside the memo would render twice
  const ms = useRef(0)
  const kernel = useRef<Refilter | null>(null)

  useEffect(() => {
    servedBundle().then((b) => {
      if (b.obo?.includes('[Term]')) setOntology(parseObo(b.obo))
      if (b.panels && !b.panels.trimStart().startsWith('<')) setPanels(parsePanels(b.panels))
      if (b.fai && !b.fai.trimStart().startsWith('<')) setServedFai(b.fai)
    })
    const n = Number(new URLSearchParams(location.search).get('synthetic'))
    if (n > 0) loadSynthetic(n)
  }, [])

  async function loadSynthetic(n: number) {
    setProgress({ value: 0.1, label: `building ${n.toLocaleString('en')} synthetic rows` })
    await tickle()
    const s = syntheticStore(n)
    kernel.current = new Refilter(s)
    setResult(null); setStore(s); setProgress(null)
  }

  async function onFiles(list: FileList | null) {
    const fs = [...(list ?? [])]
    setFiles(fs)
    const d = await classify(fs)
    if (d.obo) setOntology(parseObo(await d.obo.text()))
    if (d.panels) setPanels(parsePanels(await d.panels.text()))
  }

  async function run() {
    setError('')
    try {
      const d = await classify(files)
      let r: PrioritisationResult
      if (d.vcf) {
        // a family's files: the whole prioritisation runs here, in a Web Worker
        setProgress({ value: 0, label: 'starting' })
        const json = await runInWorker({
          vcf: d.vcf, ped: d.ped, phenopacket: d.phenopacket, hpo, panel: panel && panel !== '@run' ? panel : undefined, consent: consent as RunRequest['consent'],
          bundleFiles: bundleFiles.length ? bundleFiles : undefined, bundleUrl: new URL(bundleUrl, document.baseURI).href,
        }, (value, label) => setProgress({ value, label }))
        r = parseResultsJson(json, `${d.vcf.name} (run in this tab)`)
      } else if (d.results) {
        setProgress({ value: 0.2, label: `reading ${d.results.name}` })
        await tickle()
        r = parseResultsJson(await d.results.text(), d.results.name)
      } else throw new Error('pick a family\'s VCF (bgzipped, with its .tbi/.csi) and its PED or phenopacket, or a run\'s results.json')
      setProgress({ value: 0.6, label: 'building the columnar store' })
      await tickle()
      const s = storeFromResult(r)
      kernel.current = new Refilter(s)
      if (hpo.length === 0 && Array.isArray(r.parameters.hpo)) setHpo((r.parameters.hpo as (string | { hpo: string[] })[]).flatMap((x) => (typeof x === 'string' ? [x] : x.hpo)))
      setConsent(r.secondary.length > 0 || r.parameters.consent === 'related+secondary' ? 'related+secondary' : 'related')
      setResult(r); setStore(s); setSelected(-1)
      const covs: CoverageView[] = []
      if (d.bai.length > 0) {
        const fai = d.fai ?? (servedFai ? new Blob([servedFai]) : undefined)
        if (!fai) throw new Error(`${d.bai[0].name}: a .bai needs the reference's .fai (names and lengths) to be read; add it to the files`)
        for (const [k, bai] of d.bai.entries()) {
          setProgress({ value: 0.7 + (0.3 * k) / d.bai.length, label: `coverage from ${bai.name}` })
          covs.push(await coverageOf(bai, fai))
        }
      }
      setCoverage(covs)
      setProgress({ value: 1, label: 'done' })
      setTimeout(() => setProgress(null), 300)
    } catch (e) {
      setProgress(null)
      setError((e as Error).message)
    }
  }

  const panelMask = useMemo(() => {
    if (!store || !panel) return null
    const m = new Uint8Array(store.genes.length)
    if (panel === '@run') return store.genePanel
    const set = panels.get(panel)
    store.genes.forEach((g, i) => { m[i] = set?.has(g.gene) ? 1 : 0 })
    return m
  }, [store, panel, panels])

  const params: FilterParams = useMemo(() => ({
    cutoffs: Object.fromEntries(MODES.filter((m) => enabled[m]).map((m) => [m, cutoffs[m]])),
    minGq, minDp, panel: panelMask, secondary: consent === 'related+secondary',
  }), [cutoffs, enabled, minGq, minDp, panelMask, consent])

  const view: FilterView | null = useMemo(() => {
    if (!store || !kernel.current) return null
    const t = performance.now()
    const v = kernel.current.run(params)
    ms.current = performance.now() - t
    return v
  }, [store, params])

  function exportAs(kind: ExportKind) {
    if (!result || !store || !view) return
    const labels = Object.fromEntries(ontology.filter((t) => hpo.includes(t.id)).map((t) => [t.id, t.name]))
    const { text, type } = exportText(kind, filteredResult(result, store, view, params, panel === '@run' ? '' : panel), labels)
    download(kind, text, type)
  }

  const suggestions = useMemo(() => searchHpo(ontology, hpoText), [ontology, hpoText])
  const addHpo = (text: string) => {
    const ids = hpoIds(text)
    const exact = ontology.find((t) => t.name.toLowerCase() === text.trim().toLowerCase())
    const add = ids.length > 0 ? ids : exact ? [exact.id] : []
    if (add.length > 0) { setHpo([...new Set([...hpo, ...add])]); setHpoText('') }
  }
  const hpoName = (id: string) => ontology.find((t) => t.id === id)?.name

  return (
    <main>
      <header><h1>vartriage</h1><p class="local">Runs entirely in this tab: your files are read locally and never uploaded.</p></header>
      <form class="controls" onSubmit={(e) => { e.preventDefault(); run() }}>
        <div class="field">
          <label for="files">Files (VCF.gz + .tbi/.csi, PED or phenopacket, .bai + .fai, results.json, hp.obo, panels.tsv)</label>
          <input id="files" data-testid="files" type="file" multiple onChange={(e) => onFiles((e.target as HTMLInputElement).files)} />
          {files.length > 0 && <p class="hint">{files.map((f) => f.name).join(', ')}</p>}
        </div>
        <div class="field">
          <label for="bundle">Resource bundle folder (optional: by default the bundle served with the app)</label>
          <input id="bundle" data-testid="bundle" type="file" multiple {...{ webkitdirectory: '' }} onChange={(e) => setBundleFiles([...((e.target as HTMLInputElement).files ?? [])])} />
          {bundleFiles.length > 0 && <p class="hint">{bundleFiles.length} bundle files</p>}
          <label for="bundle-url">or the URL of a bundle's resources.json on this site (read by byte ranges)</label>
          <input id="bundle-url" data-testid="bundle-url" type="text" value={bundleUrl} onInput={(e) => setBundleUrl((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="hpo">HPO terms (type a name or paste ids; Enter adds)</label>
          <input id="hpo" data-testid="hpo" list="hpo-suggestions" value={hpoText} autocomplete="off"
            onInput={(e) => setHpoText((e.target as HTMLInputElement).value)}
            onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); addHpo(hpoText) } }}
            onChange={(e) => { const t = (e.target as HTMLInputElement).value; if (/HP:\d{7}/.test(t)) addHpo(t) }} />
          <datalist id="hpo-suggestions">{suggestions.map((t) => <option value={`${t.id} ${t.name}`} />)}</datalist>
          <ul class="chips" aria-label="Selected HPO terms">{hpo.map((id) => (
            <li>{id}{hpoName(id) ? ` ${hpoName(id)}` : ''} <button type="button" aria-label={`remove ${id}`} onClick={() => setHpo(hpo.filter((x) => x !== id))}>×</button></li>
          ))}</ul>
        </div>
        <div class="field">
          <label for="panel">Panel</label>
          <select id="panel" data-testid="panel" value={panel} onChange={(e) => setPanel((e.target as HTMLSelectElement).value)}>
            <option value="">all genes</option>
            <option value="@run">the run's panel{result?.parameters.panel ? ` (${String(result.parameters.panel)})` : ''}</option>
            {[...panels.keys()].sort().map((p) => <option value={p}>{p}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="consent">Consent</label>
          <select id="consent" data-testid="consent" value={consent} onChange={(e) => setConsent((e.target as HTMLSelectElement).value)}>
            <option value="related">related findings only</option>
            <option value="related+secondary">related + secondary findings</option>
          </select>
        </div>
        <button type="submit" data-testid="run" disabled={progress !== null}>Run</button>
        <progress data-testid="progress" aria-label="Progress" max={1} value={progress?.value ?? 0} hidden={progress === null}>{progress?.label}</progress>
        {progress && <span role="status">{progress.label}</span>}
      </form>
      {error && <p role="alert" class="error" data-testid="error">{error}</p>}
      {store && view && (
        <>
          <fieldset class="refilter">
            <legend>Re-filter (in memory)</legend>
            {MODES.map((m) => (
              <span class="mode">
                <input type="checkbox" id={`mode-${m}`} data-testid={`mode-${m}`} checked={enabled[m]} onChange={(e) => setEnabled({ ...enabled, [m]: (e.target as HTMLInputElement).checked })} />
                <label for={`mode-${m}`}>{m.replace(/_/g, ' ')}</label>
                <label class="sr" for={`af-${m}`}>max popmax for {m}</label>
                <input type="number" id={`af-${m}`} data-testid={`af-${m}`} step="any" min={0} max={1} value={cutoffs[m]}
                  onChange={(e) => { const v = Number((e.target as HTMLInputElement).value); if (Number.isFinite(v)) setCutoffs({ ...cutoffs, [m]: v }) }} />
              </span>
            ))}
            <span class="mode"><label for="min-gq">min GQ</label><input id="min-gq" data-testid="min-gq" type="number" min={0} value={minGq} onChange={(e) => setMinGq(Number((e.target as HTMLInputElement).value))} /></span>
            <span class="mode"><label for="min-dp">min DP</label><input id="min-dp" data-testid="min-dp" type="number" min={0} value={minDp} onChange={(e) => setMinDp(Number((e.target as HTMLInputElement).value))} /></span>
            <output data-testid="refilter-ms">{view.rows.length.toLocaleString('en')} of {store.n.toLocaleString('en')} variants, {view.genes.length.toLocaleString('en')} genes · re-filtered in {ms.current.toFixed(1)} ms</output>
          </fieldset>
          {result && (
            <div class="exports" role="group" aria-label="Export">
              {(['genes.tsv', 'variants.tsv', 'results.json', 'report.html'] as ExportKind[]).map((k) => <button type="button" data-testid={`export-${k}`} onClick={() => exportAs(k)}>Export {k}</button>)}
              {result.masked.count > 0 && <span class="masked">{result.masked.count} finding(s) masked by consent</span>}
            </div>
          )}
          <div class="panes">
            <section class="genes" aria-label="Ranked genes">
              <table data-testid="results">
                <caption>Ranked genes{view.genes.length > geneLimit ? ` (first ${geneLimit} of ${view.genes.length.toLocaleString('en')})` : ''}</caption>
                <thead><tr><th scope="col">rank</th><th scope="col">family</th><th scope="col">gene</th><th scope="col">score</th><th scope="col">mode</th><th scope="col">class</th></tr></thead>
                <tbody>
                  {Array.from(view.genes.subarray(0, geneLimit), (g, k) => {
                    const best = view.best[k]
                    const d = store.detail(best)
                    return (
                      <tr key={g} class={best === selected ? 'sel' : ''} data-gene={store.genes[g].gene}>
                        <td>{view.rank[k]}</td><td>{store.genes[g].family}</td>
                        <td><button type="button" class="link" onClick={() => setSelected(best)}>{store.genes[g].gene}</button>{store.geneSecondary[g] ? ' (secondary)' : ''}</td>
                        <td>{store.score[best].toFixed(3)}</td><td>{d.mode}</td><td>{d.geneResult?.acmgClass ?? ''}</td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
              {view.genes.length > geneLimit && <button type="button" data-testid="more-genes" onClick={() => setGeneLimit(geneLimit + GENE_PAGE * 5)}>Show more genes</button>}
            </section>
            <div class="side">
              <Evidence store={store} row={selected} />
              {result && <SexPlot checks={result.sexChecks} />}
              {coverage.map((c) => (
                <figure class="coverage" data-testid="coverage" aria-label={`Coverage of ${c.individual}`}>
                  {/* coverageSvg is the report's figure: built from numbers, every label escaped */}
                  <div dangerouslySetInnerHTML={{ __html: c.svg }} />
                  <figcaption>{c.individual}: inferred <b>{c.sex.call}</b> (X ratio {c.sex.xRatio.toFixed(2)}, Y ratio {c.sex.yRatio.toFixed(2)})</figcaption>
                </figure>
              ))}
            </div>
          </div>
          <VariantTable store={store} rows={view.rows} selected={selected} onSelect={setSelected} />
        </>
      )}
    </main>
  )
}

render(<App />, document.getElementById('app')!)

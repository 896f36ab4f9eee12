// The prioritisation run, off the page's main thread: the family's Files and the bundle (the
// picked bundle files, or the bundle served beside the app, read by byte ranges) go in; progress
// messages and the run's results.json text come out. The same pipeline and stages as
// `vartriage prioritise` (src/prioritise/portable.ts); nothing leaves the tab.
import { openBundleFiles, openBundleUrl, prioritiseFiles } from '../../src/prioritise/portable.js'
import { resultsJson } from '../../src/report/pure.js'

export interface RunRequest {
  vcf: File
  ped?: File
  phenopacket?: File
  hpo: string[]
  panel?: string
  consent: 'related' | 'related+secondary'
  /** The bundle's files when the user picked them; else `bundleUrl` (the app's own origin). */
  bundleFiles?: File[]
  bundleUrl?: string
}

export type RunMessage =
  | { type: 'progress'; value: number; label: string }
  | { type: 'done'; json: string; seconds: number }
  | { type: 'error'; message: string }

// where each stage starts on the progress bar (reading the VCF fills 0.1–0.7)
const AT: Record<string, [number, string]> = {
  resources: [0.02, 'loading the resource bundle'], case: [0.05, 'reading the family'], select: [0.1, 'reading the VCF'],
  frequency: [0.72, 'population frequencies'], annotate: [0.75, 'consequences and scores'], pairs: [0.8, 'compound heterozygotes'],
  evidence: [0.82, 'ACMG/AMP evidence'], panel: [0.9, 'panel'], phenotype: [0.92, 'phenotype similarity'], rank: [0.95, 'ranking genes'],
  inputs: [0.97, 'input digests'], consent: [0.99, 'consent'],
}

const post = (m: RunMessage) => (self as unknown as Worker).postMessage(m)

self.onmessage = async (e: MessageEvent<RunRequest>) => {
  const q = e.data
  const t0 = performance.now()
  try {
    post({ type: 'progress', value: 0.01, label: 'opening the resource bundle' })
    const resources = q.bundleFiles?.length ? await openBundleFiles(q.bundleFiles) : await openBundleUrl(q.bundleUrl!)
    let last = 0
    const r = await prioritiseFiles({
      vcf: q.vcf, ped: q.ped, phenopacket: q.phenopacket, hpo: q.hpo, panel: q.panel || undefined, panelMode: 'first', consent: q.consent, resources,
      onProgress: (stage, done) => {
        const at = AT[stage]
        if (at && done === undefined) post({ type: 'progress', value: at[0], label: at[1] })
      },
      onReadProgress: (done, total) => {
        const now = performance.now()
        if (!total || now - last < 100) return
        last = now
        post({ type: 'progress', value: 0.1 + 0.6 * Math.min(1, done / total), label: `reading ${q.vcf.name}: ${(done / 1e6).toFixed(1)} of ${(total / 1e6).toFixed(1)} MB` })
      },
    })
    post({ type: 'done', json: resultsJson(r), seconds: (performance.now() - t0) / 1000 })
  } catch (err) {
    post({ type: 'error', message: (err as Error).message ?? String(err) })
  }
}

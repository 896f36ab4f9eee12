// Prioritisation where there is no file system (browsers, Web Workers; Node too, on Blobs or
// URLs): the family's files are Blobs/Files or URLs, the resource bundle is opened from a URL
// (its files read by HTTP byte ranges where they are indexed: reference, score table) or from
// the files a user picked. The same pipeline and stages as the CLI's, less the output
// directory: the caller gets the PrioritisationResult and builds outputs with src/report/pure.ts.
import { Bundle, BundleError, MANIFEST } from '../resources/model.js'
import type { VcfInput } from '../source/source.js'
import type { PrioritisationResult } from './model.js'
import { runPrioritisation, type PrioritiseOptions } from './pipeline.js'
import { portableStages } from './portable-stages.js'

export interface PortablePrioritiseOptions extends Omit<PrioritiseOptions, 'resources' | 'files' | 'verifyResources' | 'cacheDir' | 'out' | 'parquet' | 'threads'> {
  /** An opened bundle: openBundleUrl or openBundleFiles. */
  resources: Bundle
}

/** Ranks the genes of every family of a VCF given as a Blob/File or URL (see PrioritiseOptions). */
export async function prioritiseFiles(opts: PortablePrioritiseOptions): Promise<PrioritisationResult> {
  return runPrioritisation({ ...opts, resources: opts.resources }, portableStages(), opts.loaded?.bundle ?? opts.resources)
}

/**
 * A bundle served over HTTP: `url` is its resources.json (or the directory holding it). Only the
 * manifest is fetched here; each file is read when a stage needs it, by byte ranges when indexed.
 */
export async function openBundleUrl(url: string | URL, init?: RequestInit): Promise<Bundle> {
  let href = new URL(String(url), typeof document !== 'undefined' ? document.baseURI : undefined).href
  if (!href.endsWith('.json')) href = href.replace(/\/?$/, `/${MANIFEST}`)
  let text: string
  try {
    const r = await fetch(href, init)
    if (!r.ok) throw new Error(`HTTP ${r.status} ${r.statusText}`)
    text = await r.text()
  } catch (e) {
    throw new BundleError(`cannot fetch the bundle manifest: ${(e as Error).message}`, { file: href })
  }
  return Bundle.fromManifest(text, href, (p) => new URL(p, href).href)
}

/**
 * A bundle from files a user picked (a directory's files, e.g. from <input webkitdirectory> or a
 * drop): its resources.json and the files it names, matched by relative path (webkitRelativePath
 * without the top folder) or else by file name.
 */
export async function openBundleFiles(files: Iterable<File>): Promise<Bundle> {
  const list = [...files]
  const rel = (f: File) => ((f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name).replace(/^[^/]*\//, '')
  const manifest = list.find((f) => f.name === MANIFEST)
  if (!manifest) throw new BundleError(`no ${MANIFEST} among the ${list.length} files picked: pick the whole bundle folder`, { file: MANIFEST })
  const byPath = new Map(list.map((f) => [rel(f), f]))
  const byName = new Map(list.map((f) => [f.name, f]))
  const locate = (p: string): VcfInput | undefined => byPath.get(p) ?? byName.get(p.replace(/^.*\//, ''))
  return Bundle.fromManifest(await manifest.text(), MANIFEST, locate)
}

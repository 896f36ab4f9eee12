// Resource bundles: a directory with a `resources.json` manifest naming every file that
// annotation and prioritisation read (reference FASTA, gene models, population frequencies,
// ClinVar, score tables, panels …), each with its role, name, build, version, size and
// sha256, and its index files. See docs/resource-bundle.md. Node only (reads the file system).
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, openSync, readSync, closeSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import { BundleError, Bundle, ROLE_FORMAT, MANIFEST, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, checkManifest, withIndexFn,
  type KnownRole, type Compression, type IndexKind, type ManifestIndex, type ManifestFile, type Manifest, type ResourceFile, type Role } from './model.js'

export {
  MANIFEST, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, KNOWN_ROLES, BundleError, Bundle, ROLE_FORMAT,
  type KnownRole, type Role, type FileFormat, type Compression, type IndexKind, type ManifestIndex, type ManifestFile, type Manifest, type ResourceFile,
} from './model.js'

export interface OpenOptions {
  /** Recompute every file's sha256 and compare it with the manifest (reads every byte). */
  verify?: boolean
  /** Files named on their own (e.g. --clinvar FILE): they replace the bundle's file of that role. */
  files?: Partial<Record<Role, string>>
}

/** sha256 of a file, streamed, as lower-case hex. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256')
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer)
  return h.digest('hex')
}

/** Reads and checks a bundle: manifest shape, every file present with its size, content sniffed, indexes present. */
export async function openBundle(dir: string, opts: OpenOptions = {}): Promise<Bundle> {
  const mpath = join(dir, MANIFEST)
  if (!existsSync(mpath)) throw new BundleError(`not a resource bundle: ${MANIFEST} is missing`, { file: mpath })
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(mpath, 'utf8'))
  } catch (e) {
    throw new BundleError(`unreadable manifest: ${(e as Error).message}`, { file: mpath })
  }
  const manifest = checkManifest(raw, mpath)
  const files = manifest.files.map((f) => resolveEntry(dir, f, mpath))
  const overridden = overrides(opts.files)
  const merged = new Map(files.map((f) => [f.role, f]))
  for (const f of overridden) merged.set(f.role, f)
  for (const f of merged.values()) checkFile(f)
  const b = Bundle.fromParts(resolve(dir), manifest, [...merged.values()])
  if (opts.verify) await b.verify()
  return b
}

/**
 * What an annotation command reads: a bundle (`--resources DIR`), files named on their own
 * (`--clinvar FILE` …), or both (named files replace the bundle's).
 */
export async function openResources(opts: { dir?: string } & OpenOptions): Promise<Bundle> {
  if (opts.dir) return openBundle(opts.dir, opts)
  const files = overrides(opts.files)
  for (const f of files) checkFile(f)
  const manifest: Manifest = { format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, name: 'files given on the command line', build: files.find((f) => f.build)?.build ?? 'unknown', version: '', files: [] }
  return Bundle.fromParts(undefined, manifest, files)
}

function overrides(given: OpenOptions['files']): ResourceFile[] {
  const out: ResourceFile[] = []
  for (const [role, p] of Object.entries(given ?? {})) {
    if (!p) continue
    const path = resolve(p)
    if (!existsSync(path)) throw new BundleError('file not found', { file: path, role })
    const format = ROLE_FORMAT[role as KnownRole] ?? 'text'
    const compression = sniffCompression(path)
    const indexes: (ManifestIndex & { path: string; input: string })[] = []
    for (const kind of ['fai', 'gzi', 'tbi', 'csi'] as const) if (existsSync(`${path}.${kind}`)) indexes.push({ kind, path: `${path}.${kind}`, input: `${path}.${kind}` })
    out.push(withIndexFn({ role, path, input: path, format, compression, name: p, version: '', build: '', indexes }))
  }
  return out
}

function inside(dir: string, p: string, file: string, role: string): string {
  if (isAbsolute(p)) throw new BundleError(`paths must be relative to the bundle directory, got ${p}`, { file, role })
  const abs = resolve(dir, p)
  const rel = relative(resolve(dir), abs)
  if (rel.startsWith('..') || rel.split(sep).includes('..')) throw new BundleError(`path ${p} leaves the bundle directory`, { file, role })
  return abs
}

function resolveEntry(dir: string, f: ManifestFile, mpath: string): ResourceFile {
  const path = inside(dir, f.path, mpath, f.role)
  const indexes = (f.indexes ?? []).map((x) => { const p = inside(dir, x.path, mpath, f.role); return { ...x, path: p, input: p } })
  return withIndexFn({ ...f, path, input: path, indexes })
}

function sniffCompression(path: string): Compression {
  const head = readHead(path, 18)
  if (head[0] !== 0x1f || head[1] !== 0x8b) return 'none'
  return head[3] & 4 && head[12] === 0x42 && head[13] === 0x43 ? 'bgzf' : 'gzip'
}

function readHead(path: string, n: number): Uint8Array {
  const fd = openSync(path, 'r')
  try {
    const buf = new Uint8Array(n)
    const got = readSync(fd, buf, 0, n, 0)
    return buf.subarray(0, got)
  } finally { closeSync(fd) }
}

/** The first few KB of text of a plain, gzip or BGZF file. */
function headText(path: string, compression: Compression): string {
  const raw = readHead(path, 1 << 16)
  if (compression === 'none') return new TextDecoder().decode(raw.subarray(0, 8192))
  try {
    if (compression === 'bgzf') {
      const bsize = raw[16] | (raw[17] << 8)
      return new TextDecoder().decode(inflateRawSync(raw.subarray(18, bsize + 1 - 8)).subarray(0, 8192))
    }
    return new TextDecoder().decode(gunzipSync(raw, { finishFlush: 2 }).subarray(0, 8192))
  } catch {
    return new TextDecoder().decode(gunzipPartial(raw))
  }
}

function gunzipPartial(raw: Uint8Array): Uint8Array {
  try { return gunzipSync(raw, { finishFlush: 2 /* Z_SYNC_FLUSH: a prefix is fine */ }).subarray(0, 8192) } catch { return new Uint8Array() }
}

/** Checks that a file exists, has the recorded size and the content its format promises, and that its indexes exist. */
function checkFile(f: ResourceFile): void {
  const where = { file: f.path, role: f.role }
  if (!existsSync(f.path)) throw new BundleError('file listed in the manifest is missing', where)
  const size = statSync(f.path).size
  if (f.bytes !== undefined && size !== f.bytes) throw new BundleError(`size ${size} differs from the manifest's ${f.bytes} (file replaced or truncated?)`, where)
  const comp = sniffCompression(f.path)
  if (comp !== f.compression && !(f.compression === 'gzip' && comp === 'bgzf')) throw new BundleError(`the manifest says compression "${f.compression}" but the file is ${comp === 'none' ? 'not compressed' : comp}`, where)
  const text = headText(f.path, comp)
  const first = text.split('\n').find((l) => l.trim() !== '') ?? ''
  switch (f.format) {
    case 'fasta':
      if (!first.startsWith('>')) throw new BundleError('not a FASTA file (the first line does not start with ">")', where)
      if (comp === 'bgzf' && (!f.index('fai') || !f.index('gzi'))) throw new BundleError('a bgzipped FASTA needs its .fai and .gzi (samtools faidx makes both)', where)
      if (comp === 'gzip') throw new BundleError('a gzipped FASTA cannot be read at random; compress it with bgzip', where)
      break
    case 'gff3': {
      const line = text.split('\n').find((l) => l !== '' && !l.startsWith('#'))
      if (!first.startsWith('##gff-version 3') && !(line && line.split('\t').length === 9)) throw new BundleError('not a GFF3 file (no ##gff-version 3 line and no 9-column feature line)', where)
      break
    }
    case 'vcf':
      if (!first.startsWith('##fileformat=VCF')) throw new BundleError('not a VCF file (no ##fileformat=VCF first line)', where)
      if (comp === 'bgzf' && !f.index('tbi') && !f.index('csi')) throw new BundleError('a bgzipped VCF needs a .tbi or .csi index (bcftools index / tabix)', where)
      break
    case 'obo':
      if (!first.startsWith('format-version:')) throw new BundleError('not an OBO file (no format-version: header line)', where)
      break
    case 'tsv': {
      const row = text.split('\n').find((l) => l !== '' && !l.startsWith('#'))
      if (row !== undefined && !row.includes('\t')) throw new BundleError('not a tab-separated table', where)
      break
    }
  }
  for (const x of f.indexes) {
    if (!existsSync(x.path)) throw new BundleError(`its ${x.kind} index is missing`, { file: x.path, role: f.role })
    if (x.bytes !== undefined && statSync(x.path).size !== x.bytes) throw new BundleError(`index size differs from the manifest's ${x.bytes}`, { file: x.path, role: f.role })
  }
}

/**
 * Writes resources.json for files already in `dir`, recording each file's and index's size
 * and sha256. Entries give paths relative to dir. Returns the manifest written.
 */
export async function writeManifest(dir: string, m: Omit<Manifest, 'format' | 'formatVersion'>): Promise<Manifest> {
  const files: ManifestFile[] = []
  for (const f of m.files) {
    const path = inside(dir, f.path, join(dir, MANIFEST), f.role)
    if (!existsSync(path)) throw new BundleError('cannot add a missing file to the manifest', { file: path, role: f.role })
    const indexes: ManifestIndex[] = []
    for (const x of f.indexes ?? []) {
      const ip = inside(dir, x.path, join(dir, MANIFEST), f.role)
      indexes.push({ kind: x.kind, path: x.path, bytes: statSync(ip).size, sha256: await sha256File(ip) })
    }
    files.push({ ...f, bytes: statSync(path).size, sha256: await sha256File(path), ...(indexes.length ? { indexes } : {}) })
  }
  const manifest: Manifest = { format: BUNDLE_FORMAT, formatVersion: BUNDLE_FORMAT_VERSION, ...m, files }
  writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2) + '\n')
  return manifest
}

// Resource bundles: a directory with a `resources.json` manifest naming every file that
// annotation and prioritisation read (reference FASTA, gene models, population frequencies,
// ClinVar, score tables, panels …), each with its role, name, build, version, size and
// sha256, and its index files. See docs/resource-bundle.md. Node only (reads the file system).
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, openSync, readSync, closeSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { gunzipSync, inflateRawSync } from 'node:zlib'
import { VartriageError, type ErrorLocation } from '../errors.js'

export const MANIFEST = 'resources.json'
export const BUNDLE_FORMAT = 'vartriage-resources'
export const BUNDLE_FORMAT_VERSION = 1

/** Roles the tools know; other roles (lower-case words joined by '-') are kept as they are. */
export const KNOWN_ROLES = ['reference', 'genes', 'population', 'clinvar', 'scores', 'phenotypes', 'phenotype-annotations',
  'genes-to-phenotype', 'genes-to-disease', 'panels', 'secondary-findings', 'constraint', 'haploinsufficiency', 'hotspots'] as const
export type KnownRole = (typeof KNOWN_ROLES)[number]
export type Role = KnownRole | (string & {})

export type FileFormat = 'fasta' | 'gff3' | 'vcf' | 'tsv' | 'json' | 'obo' | 'text'
export type Compression = 'none' | 'gzip' | 'bgzf'
export type IndexKind = 'fai' | 'gzi' | 'tbi' | 'csi'

/** A manifest entry, as stored in resources.json (paths relative to the bundle directory). */
export interface ManifestIndex { kind: IndexKind; path: string; bytes?: number; sha256?: string }
export interface ManifestFile {
  role: Role
  path: string
  format: FileFormat
  compression: Compression
  /** The resource's own name and version (e.g. "gnomAD genomes", "4.1"; "ClinVar", "2024-05-02"). */
  name: string
  version: string
  build: string
  /** Contig naming of the file: 'ensembl' (1, X, MT) or 'ucsc' (chr1, chrX, chrM); readers reconcile. */
  contigs?: 'ensembl' | 'ucsc'
  /** Column names of a table (scores: chrom, pos, ref, alt, then the scores). */
  columns?: string[]
  description?: string
  bytes?: number
  sha256?: string
  indexes?: ManifestIndex[]
}
export interface Manifest {
  format: typeof BUNDLE_FORMAT
  formatVersion: number
  name: string
  build: string
  version: string
  description?: string
  /** How the bundle was made (the world generator records seed and scale). */
  generator?: Record<string, unknown>
  files: ManifestFile[]
}

/** A bad bundle or resource file: names the file (and the role) at fault. */
export class BundleError extends VartriageError {
  readonly role?: string
  constructor(message: string, where: ErrorLocation & { role?: string } = {}) {
    super(where.role ? `${message} (role ${where.role})` : message, where)
    this.role = where.role
  }
}

/** A resolved resource: absolute paths, typed. */
export interface ResourceFile extends Omit<ManifestFile, 'path' | 'indexes'> {
  path: string
  indexes: (ManifestIndex & { path: string })[]
  /** Path of an index of the given kind, if the file has one. */
  index(kind: IndexKind): string | undefined
}

export interface OpenOptions {
  /** Recompute every file's sha256 and compare it with the manifest (reads every byte). */
  verify?: boolean
  /** Files named on their own (e.g. --clinvar FILE): they replace the bundle's file of that role. */
  files?: Partial<Record<Role, string>>
}

/** Roles → expected format, for files named on their own. */
const ROLE_FORMAT: Record<KnownRole, FileFormat> = {
  reference: 'fasta', genes: 'gff3', population: 'vcf', clinvar: 'vcf', scores: 'tsv', phenotypes: 'obo', 'phenotype-annotations': 'tsv',
  'genes-to-phenotype': 'tsv', 'genes-to-disease': 'tsv', panels: 'tsv', 'secondary-findings': 'tsv',
  constraint: 'tsv', haploinsufficiency: 'tsv', hotspots: 'tsv',
}

export class Bundle {
  private constructor(readonly dir: string | undefined, readonly manifest: Manifest, private readonly byRole: Map<string, ResourceFile>) {}

  get name(): string { return this.manifest.name }
  get build(): string { return this.manifest.build }
  get version(): string { return this.manifest.version }
  roles(): string[] { return [...this.byRole.keys()] }
  has(role: Role): boolean { return this.byRole.has(role) }
  get(role: Role): ResourceFile | undefined { return this.byRole.get(role) }

  /** The file of a role, or a BundleError saying which role is missing and how to supply it. */
  require(role: Role): ResourceFile {
    const f = this.byRole.get(role)
    if (!f) {
      const where = this.dir ? `the bundle in ${this.dir} has no "${role}" file` : `no "${role}" file given`
      throw new BundleError(`${where}; add it to ${MANIFEST} or name it with --${role} FILE`, { file: this.dir ? join(this.dir, MANIFEST) : undefined, role })
    }
    return f
  }

  /** Path of the file of a role (see require). */
  path(role: Role): string { return this.require(role).path }

  /** Recomputes sha256 of every file and index that records one; throws on the first mismatch. */
  async verify(): Promise<void> {
    for (const f of this.byRole.values()) {
      for (const item of [f, ...f.indexes]) {
        if (!item.sha256) continue
        const got = await sha256File(item.path)
        if (got !== item.sha256) throw new BundleError(`sha256 mismatch: manifest says ${item.sha256}, file has ${got}`, { file: item.path, role: f.role })
      }
    }
  }

  static fromParts(dir: string | undefined, manifest: Manifest, files: ResourceFile[]): Bundle {
    return new Bundle(dir, manifest, new Map(files.map((f) => [f.role, f])))
  }
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
    const indexes: (ManifestIndex & { path: string })[] = []
    for (const kind of ['fai', 'gzi', 'tbi', 'csi'] as const) if (existsSync(`${path}.${kind}`)) indexes.push({ kind, path: `${path}.${kind}` })
    out.push(withIndexFn({ role, path, format, compression, name: p, version: '', build: '', indexes }))
  }
  return out
}

function withIndexFn(f: Omit<ResourceFile, 'index'>): ResourceFile {
  return { ...f, index: (kind: IndexKind) => f.indexes.find((i) => i.kind === kind)?.path }
}

const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0

function checkManifest(raw: unknown, file: string): Manifest {
  const m = raw as Partial<Manifest>
  if (typeof raw !== 'object' || raw === null) throw new BundleError('the manifest must be a JSON object', { file })
  if (m.format !== BUNDLE_FORMAT) throw new BundleError(`"format" must be "${BUNDLE_FORMAT}"`, { file })
  if (m.formatVersion !== BUNDLE_FORMAT_VERSION) throw new BundleError(`unsupported formatVersion ${String(m.formatVersion)} (this vartriage reads ${BUNDLE_FORMAT_VERSION})`, { file })
  for (const k of ['name', 'build', 'version'] as const) if (typeof m[k] !== 'string') throw new BundleError(`"${k}" must be a string`, { file })
  if (!Array.isArray(m.files)) throw new BundleError('"files" must be an array', { file })
  const roles = new Set<string>()
  m.files.forEach((f, i) => {
    const at = `files[${i}]`
    if (!str(f?.role) || !/^[a-z][a-z0-9-]*$/.test(f.role)) throw new BundleError(`${at}: "role" must be a lower-case name (${KNOWN_ROLES.join(', ')} …)`, { file })
    if (roles.has(f.role)) throw new BundleError(`${at}: role "${f.role}" appears twice`, { file })
    roles.add(f.role)
    if (!str(f.path)) throw new BundleError(`${at}: "path" is required`, { file, role: f.role })
    for (const k of ['name', 'version', 'build'] as const) if (typeof f[k] !== 'string') throw new BundleError(`${at}: "${k}" must be a string`, { file, role: f.role })
    if (!['fasta', 'gff3', 'vcf', 'tsv', 'json', 'obo', 'text'].includes(f.format)) throw new BundleError(`${at}: unknown format "${String(f.format)}"`, { file, role: f.role })
    if (!['none', 'gzip', 'bgzf'].includes(f.compression)) throw new BundleError(`${at}: unknown compression "${String(f.compression)}"`, { file, role: f.role })
    if (f.sha256 !== undefined && !/^[0-9a-f]{64}$/.test(f.sha256)) throw new BundleError(`${at}: "sha256" must be 64 lower-case hex digits`, { file, role: f.role })
    for (const x of f.indexes ?? []) {
      if (!['fai', 'gzi', 'tbi', 'csi'].includes(x.kind) || !str(x.path)) throw new BundleError(`${at}: each index needs a kind (fai, gzi, tbi, csi) and a path`, { file, role: f.role })
    }
  })
  return m as Manifest
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
  const indexes = (f.indexes ?? []).map((x) => ({ ...x, path: inside(dir, x.path, mpath, f.role) }))
  return withIndexFn({ ...f, path, indexes })
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

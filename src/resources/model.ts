// Resource bundles, the part that needs no file system: the manifest's types and checks and
// the Bundle itself, whose files are paths (Node, see bundle.ts), URLs read by byte ranges or
// Blobs/Files (browsers, Bundle.fromManifest). See docs/resource-bundle.md.
import { VartriageError, type ErrorLocation } from '../errors.js'
import { readAllBytes, sha256Of } from '../source/read.js'
import type { VcfInput } from '../source/source.js'

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
  /** Absolute path (Node), URL or file name: what messages name. */
  path: string
  /** Where the bytes are: the path (Node), a URL (read by byte ranges) or a Blob/File (browsers). */
  input: VcfInput
  indexes: (ManifestIndex & { path: string; input: VcfInput })[]
  /** Path (label) of an index of the given kind, if the file has one. */
  index(kind: IndexKind): string | undefined
  /** Where the bytes of an index of the given kind are, if the file has one. */
  indexInput(kind: IndexKind): VcfInput | undefined
}

/** Roles → expected format, for files named on their own. */
export const ROLE_FORMAT: Record<KnownRole, FileFormat> = {
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
      throw new BundleError(`${where}; add it to ${MANIFEST} or name it with --${role} FILE`, { file: this.dir ? `${this.dir}/${MANIFEST}` : undefined, role })
    }
    return f
  }

  /** Path of the file of a role (see require). */
  path(role: Role): string { return this.require(role).path }

  /** Where the bytes of a role's file are (a path, URL or Blob; see require). */
  input(role: Role): VcfInput { return this.require(role).input }

  /** The whole (decompressed) file of a role: for the small tables read whole (OBO, TSV, GFF3). */
  async bytes(role: Role): Promise<Uint8Array> {
    const f = this.require(role)
    return readAllBytes(f.input, f.path, (m, where) => new BundleError(m, { ...where, role }))
  }

  /** The whole (decompressed) file of a role as UTF-8 text. */
  async text(role: Role): Promise<string> { return new TextDecoder().decode(await this.bytes(role)) }

  /** Recomputes sha256 of every file and index that records one; throws on the first mismatch. */
  async verify(): Promise<void> {
    for (const f of this.byRole.values()) {
      for (const item of [f, ...f.indexes]) {
        if (!item.sha256) continue
        const got = await sha256Of(item.input, item.path)
        if (got !== item.sha256) throw new BundleError(`sha256 mismatch: manifest says ${item.sha256}, file has ${got}`, { file: item.path, role: f.role })
      }
    }
  }

  static fromParts(dir: string | undefined, manifest: Manifest, files: ResourceFile[]): Bundle {
    return new Bundle(dir, manifest, new Map(files.map((f) => [f.role, f])))
  }

  /**
   * A bundle whose files are not on a local file system (browsers): `locate` turns each
   * manifest path into a URL (read by byte ranges) or a Blob/File; `label` names it in
   * messages (the manifest's URL or file name). Paths must stay inside the bundle.
   */
  static fromManifest(manifestText: string, label: string, locate: (path: string, role: string) => VcfInput | undefined): Bundle {
    let raw: unknown
    try { raw = JSON.parse(manifestText) } catch (e) { throw new BundleError(`unreadable manifest: ${(e as Error).message}`, { file: label }) }
    const manifest = checkManifest(raw, label)
    const place = (p: string, role: string): { path: string; input: VcfInput } => {
      if (p.startsWith('/') || /^[a-z]+:/i.test(p) || p.split(/[\\/]/).includes('..')) throw new BundleError(`path ${p} leaves the bundle directory`, { file: label, role })
      const input = locate(p, role)
      if (input === undefined) throw new BundleError(`file listed in the manifest is missing: ${p}`, { file: label, role })
      return { path: typeof input === 'string' ? input : p, input }
    }
    const files = manifest.files.map((f) => withIndexFn({ ...f, ...place(f.path, f.role), indexes: (f.indexes ?? []).map((x) => ({ ...x, ...place(x.path, f.role) })) }))
    return new Bundle(label.replace(/\/[^/]*$/, '') || label, manifest, new Map(files.map((f) => [f.role, f])))
  }
}

export function withIndexFn(f: Omit<ResourceFile, 'index' | 'indexInput'>): ResourceFile {
  return { ...f, index: (kind: IndexKind) => f.indexes.find((i) => i.kind === kind)?.path, indexInput: (kind: IndexKind) => f.indexes.find((i) => i.kind === kind)?.input }
}

const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0

export function checkManifest(raw: unknown, file: string): Manifest {
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


// Node-only entry `vartriage/resources`: resource bundles (kept out of the main entry, which
// the browser bundle re-exports from, because it reads the file system).
export {
  openBundle, openResources, writeManifest, sha256File, Bundle, BundleError, MANIFEST, KNOWN_ROLES, BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION,
  type Manifest, type ManifestFile, type ManifestIndex, type ResourceFile, type Role, type KnownRole, type OpenOptions,
  type FileFormat, type Compression, type IndexKind,
} from './bundle.js'
export { RESOURCE_OPTIONS, RESOURCE_USAGE, resourcesFrom, type ResourceValues } from './options.js'

// Where bytes come from: a local path, an http(s) URL (range requests), a Blob/File (browser),
// any generic-filehandle2 handle, or '-' for standard input. One interface for all.
import { BlobFile, LocalFile, RemoteFile, type GenericFilehandle } from 'generic-filehandle2'

export type VcfInput = string | URL | Blob | GenericFilehandle

export interface ByteSource {
  /** Name used in messages: the path, URL, "<stdin>" or "<blob>". */
  label: string
  /** Random-access handle; absent for standard input. */
  handle?: GenericFilehandle
  /** Sequential chunks (standard input only). */
  stream?: AsyncIterable<Uint8Array>
  /** Path or URL, when there is one: used to find a sibling .csi/.tbi. */
  location?: string
}

/** What messages call an input: its path (or '-') or URL, a File's name, else "<blob>"/"<filehandle>". */
export function inputLabel(input: VcfInput): string {
  if (typeof input === 'string') return input
  if (input instanceof URL) return input.href
  if (typeof Blob !== 'undefined' && input instanceof Blob) return (input as File).name ?? '<blob>'
  return '<filehandle>'
}

function isHandle(x: unknown): x is GenericFilehandle {
  return typeof x === 'object' && x !== null && typeof (x as GenericFilehandle).read === 'function' && !(x instanceof Blob)
}

export async function openSource(input: VcfInput): Promise<ByteSource> {
  if (input === '-') {
    const proc = (globalThis as { process?: NodeJS.Process }).process
    if (!proc?.stdin) throw new Error("'-' (standard input) is only available in Node")
    return { label: '<stdin>', stream: proc.stdin as AsyncIterable<Uint8Array> }
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return { label: (input as File).name ?? '<blob>', handle: new BlobFile(input) }
  }
  if (isHandle(input)) return { label: '<filehandle>', handle: input }
  const s = input instanceof URL ? input.href : String(input)
  if (/^https?:\/\//i.test(s)) return { label: s, handle: new RemoteFile(s), location: s }
  const path = s.startsWith('file://') ? decodeURIComponent(new URL(s).pathname) : s
  return { label: path, handle: new LocalFile(path), location: path }
}

/** Opens `location + suffix` if it exists (HEAD-less: a failed read means absent). */
export async function openSibling(location: string, suffix: string): Promise<GenericFilehandle | undefined> {
  const target = location + suffix
  const h: GenericFilehandle = /^https?:\/\//i.test(target) ? new RemoteFile(target) : new LocalFile(target)
  try {
    await h.read(4, 0)
    return h
  } catch {
    return undefined
  }
}

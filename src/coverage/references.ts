// Reference names and lengths: an index stores only reference ids, so names and lengths come
// from the BAM header (read through BGZF: only the first blocks, never the alignments) or
// from a samtools faidx .fai.
import type { GenericFilehandle } from 'generic-filehandle2'
import { BamIndexError, SourceError } from '../errors.js'
import { scanBlocks } from '../bgzf/blocks.js'
import { inflateMembers } from '../bgzf/inflate.js'
import { openSource, type VcfInput } from '../source/source.js'

export interface Reference {
  name: string
  length: number
}

const READ_STEP = 1 << 18

/** Opens a path/URL/Blob for random access, naming it in errors. */
export async function openHandle(input: VcfInput): Promise<{ handle: GenericFilehandle; label: string; location?: string }> {
  const src = await openSource(input)
  if (!src.handle) throw new SourceError('needs a seekable file, not a stream', { file: src.label })
  return { handle: src.handle, label: src.label, location: src.location }
}

/** Reads `length` bytes at `position`, turning I/O failures into SourceError. */
export async function readAt(h: GenericFilehandle, length: number, position: number, file: string): Promise<Uint8Array> {
  try {
    return await h.read(length, position)
  } catch (e) {
    throw new SourceError(`cannot read: ${(e as Error).message}`, { file }, { cause: e })
  }
}

/**
 * The references of a BAM header: magic BAM\1, l_text, text, n_ref, then per reference
 * l_name, NUL-terminated name, l_ref. Inflates blocks until the header is complete, so a
 * header of thousands of @SQ lines costs a few reads and a 100 GB BAM no more than that.
 */
export async function bamReferences(input: VcfInput): Promise<Reference[]> {
  const { handle, label } = await openHandle(input)
  const parts: Uint8Array[] = []
  let coff = 0
  let carry: Uint8Array = new Uint8Array(0)
  for (;;) {
    const raw = await readAt(handle, READ_STEP, coff + carry.length, label)
    const buf = carry.length ? concat([carry, raw]) : raw
    const { blocks, used } = scanBlocks(buf, coff, label)
    if (blocks.length > 0) {
      const data = await inflateMembers(buf.subarray(0, used), label, coff)
      parts.push(data)
      const refs = parseBamHeader(concat(parts), label)
      if (refs) return refs
    }
    if (raw.length === 0) throw new BamIndexError('BAM header is truncated (the file ends before the last @SQ reference)', { file: label })
    coff += used
    carry = buf.subarray(used)
  }
}

/** The references, or undefined when `b` ends before the header does. */
export function parseBamHeader(b: Uint8Array, file: string): Reference[] | undefined {
  if (b.length < 4) return undefined
  if (b[0] !== 0x42 || b[1] !== 0x41 || b[2] !== 0x4d || b[3] !== 1) throw new BamIndexError('not a BAM file: expected the magic BAM\\1 after inflating', { file })
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength)
  if (b.length < 8) return undefined
  const lText = v.getInt32(4, true)
  if (lText < 0) throw new BamIndexError(`corrupt BAM header: l_text ${lText}`, { file })
  let p = 8 + lText
  if (b.length < p + 4) return undefined
  const nRef = v.getInt32(p, true)
  if (nRef < 0) throw new BamIndexError(`corrupt BAM header: n_ref ${nRef}`, { file })
  p += 4
  const refs: Reference[] = []
  const dec = new TextDecoder()
  for (let i = 0; i < nRef; i++) {
    if (b.length < p + 4) return undefined
    const lName = v.getInt32(p, true)
    if (lName < 1) throw new BamIndexError(`corrupt BAM header: reference ${i} has l_name ${lName}`, { file })
    if (b.length < p + 4 + lName + 4) return undefined
    refs.push({ name: dec.decode(b.subarray(p + 4, p + 4 + lName - 1)), length: v.getUint32(p + 4 + lName, true) })
    p += 8 + lName
  }
  return refs
}

/** References from a .fai (name, length, offset, linebases, linewidth per line). */
export async function faiReferences(input: VcfInput): Promise<Reference[]> {
  const { handle, label } = await openHandle(input)
  let text: string
  try {
    text = new TextDecoder().decode(await handle.readFile())
  } catch (e) {
    throw new SourceError(`cannot read: ${(e as Error).message}`, { file: label }, { cause: e })
  }
  const refs: Reference[] = []
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    const f = line.split('\t')
    const length = Number(f[1])
    if (f.length < 2 || f[0] === '' || !Number.isInteger(length) || length < 0) {
      throw new BamIndexError('not a .fai line: expected NAME<TAB>LENGTH…', { file: label, line: i + 1 })
    }
    refs.push({ name: f[0], length })
  })
  return refs
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]
  let n = 0
  for (const p of parts) n += p.length
  const out = new Uint8Array(n)
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

// The manifest's record of a file the run read: role, path, size and sha256 (streamed, so a
// multi-gigabyte VCF costs one read and no memory). Node only.
import { stat } from 'node:fs/promises'
import { sha256File } from '../resources/bundle.js'
import type { InputFile } from '../prioritise/model.js'

export async function inputFile(role: string, path: string): Promise<InputFile> {
  const [s, sha256] = await Promise.all([stat(path), sha256File(path)])
  return { role, path, bytes: s.size, sha256 }
}

// Sorts the files a user dropped or picked into their roles by name (and, for JSON, by content),
// and reads the resource-bundle files the app uses (hp.obo, panels.tsv) from them or from the
// bundle served beside the app. Everything is read with File/Blob APIs: nothing is uploaded.
export interface Dropped {
  vcf?: File
  index?: File
  ped?: File
  phenopacket?: File
  results?: File
  bai: File[]
  obo?: File
  panels?: File
  /** A samtools faidx .fai: reference names and lengths for a .bai (an index alone has neither). */
  fai?: File
  other: File[]
}

export async function classify(files: File[]): Promise<Dropped> {
  const d: Dropped = { bai: [], other: [] }
  for (const f of files) {
    const n = f.name.toLowerCase()
    if (/\.(vcf\.gz|vcf\.bgz|vcf)$/.test(n)) d.vcf = f
    else if (/\.(tbi|csi)$/.test(n)) d.index = f
    else if (n.endsWith('.bai')) d.bai.push(f)
    else if (n.endsWith('.ped') || n.endsWith('.fam')) d.ped = f
    else if (n.endsWith('.obo')) d.obo = f
    else if (n.endsWith('.fai')) d.fai = f
    else if (/panels?\.tsv$/.test(n)) d.panels = f
    else if (n.endsWith('.json')) {
      // results.json says its schema (keys are sorted, so not necessarily near the top); any
      // other JSON is taken for a phenopacket
      const text = await f.text()
      if (/"schema":\s*"vartriage\.results\//.test(text)) d.results = f
      else d.phenopacket = f
    } else d.other.push(f)
  }
  return d
}

/** Panel name → gene symbols, from the bundle's panels.tsv (`panel<TAB>symbol…`, '#' header). */
export function parsePanels(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const l of text.split('\n')) {
    if (!l.trim() || l.startsWith('#')) continue
    const [panel, symbol] = l.replace(/\r$/, '').split('\t')
    if (!panel || !symbol) continue
    let s = out.get(panel)
    if (!s) out.set(panel, (s = new Set()))
    s.add(symbol)
  }
  return out
}

/** The bundle served with the app (app/public/world, written by `npm run app:world`), when present. */
export async function servedBundle(): Promise<{ obo?: string; panels?: string; fai?: string }> {
  const get = async (name: string) => {
    try {
      const r = await fetch(new URL(`world/${name}`, document.baseURI))
      return r.ok ? await r.text() : undefined
    } catch { return undefined }
  }
  const [obo, panels, fai] = await Promise.all([get('hp.obo'), get('panels.tsv'), get('reference.fa.fai')])
  return { obo, panels, fai }
}

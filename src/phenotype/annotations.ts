// Gene ↔ disease ↔ HPO term annotations, read from HPO's annotation files:
//   genes_to_phenotype.txt   current: header `ncbi_gene_id gene_symbol hpo_id hpo_name frequency disease_id`;
//                            older: `#Format: entrez-gene-id<tab>entrez-gene-symbol<tab>HPO-Term-ID…` (and the
//                            oldest, with the term name before its id) — columns found by content
//   phenotype.hpoa           `#` comment lines, then `database_id disease_name qualifier hpo_id … aspect biocuration`;
//                            also the 2018 layout (`#DB DB_Object_ID DB_Name Qualifier HPO_ID …`)
//   genes_to_disease.txt     `ncbi_gene_id gene_symbol association_type disease_id source`
// Terms are kept as the ids written in the files; the scorer resolves them against an ontology
// (alternative and obsolete ids redirected, unknown ids counted and dropped).
import { PhenotypeFormatError } from './errors.js'

export interface GeneAnnotation {
  /** "NCBIGene:2200", or the symbol when a file gives no gene id. */
  id: string
  ncbiGeneId?: number
  symbol: string
  /** HPO terms annotated directly to the gene (genes_to_phenotype). */
  terms: Set<string>
  /** Linked disease ids (OMIM:…, ORPHA:…, DECIPHER:…). */
  diseases: Set<string>
}

export interface DiseaseAnnotation {
  id: string
  name: string
  /** Phenotype terms (aspect P, not negated). */
  terms: Set<string>
  /** Terms the disease is annotated NOT to have (qualifier NOT, or frequency "Excluded"). */
  excluded: Set<string>
  /** Mode-of-inheritance terms (aspect I). */
  inheritance: Set<string>
  /** Ids of linked genes (keys of {@link Annotations.genes}). */
  genes: Set<string>
}

/** HP:0040285 "Excluded (0%)": a frequency that negates the annotation. */
const EXCLUDED_FREQUENCY = 'HP:0040285'
const HPO_ID = /^HP:\d+$/
const DISEASE_ID = /^(OMIM|ORPHA|ORPHANET|DECIPHER|MONDO):\S+$/

function excludedFrequency(f: string | undefined): boolean {
  if (!f) return false
  if (f === EXCLUDED_FREQUENCY) return true
  if (/^0\/\d+$/.test(f)) return true
  return /^0(\.0+)?%$/.test(f)
}

function* lines(text: string): Generator<[string, number]> {
  let start = 0
  let no = 0
  const n = text.length
  while (start < n) {
    let end = text.indexOf('\n', start)
    if (end < 0) end = n
    no++
    let line = text.slice(start, end)
    if (line.length > 0 && line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1)
    start = end + 1
    if (line.length > 0) yield [line, no]
  }
}

export class Annotations {
  /** Genes by id ("NCBIGene:…"). */
  readonly genes = new Map<string, GeneAnnotation>()
  /** Diseases by id. */
  readonly diseases = new Map<string, DiseaseAnnotation>()
  private readonly symbols = new Map<string, string>()

  /** Reads genes_to_phenotype.txt (current or older layout). */
  static fromGenesToPhenotype(text: string, file = 'genes_to_phenotype.txt'): Annotations {
    const a = new Annotations()
    a.addGenesToPhenotype(text, file)
    return a
  }

  /** Reads phenotype.hpoa (disease → terms). */
  static fromHpoa(text: string, file = 'phenotype.hpoa'): Annotations {
    const a = new Annotations()
    a.addHpoa(text, file)
    return a
  }

  /** Reads genes_to_disease.txt (gene → disease links). */
  static fromGenesToDisease(text: string, file = 'genes_to_disease.txt'): Annotations {
    const a = new Annotations()
    a.addGenesToDisease(text, file)
    return a
  }

  /** A new set holding the union of several. */
  static merge(...parts: Annotations[]): Annotations {
    const out = new Annotations()
    for (const p of parts) {
      for (const g of p.genes.values()) {
        const t = out.ensureGene(g.id, g.symbol, g.ncbiGeneId)
        for (const x of g.terms) t.terms.add(x)
        for (const d of g.diseases) t.diseases.add(d)
      }
      for (const d of p.diseases.values()) {
        const t = out.ensureDisease(d.id, d.name)
        for (const x of d.terms) t.terms.add(x)
        for (const x of d.excluded) t.excluded.add(x)
        for (const x of d.inheritance) t.inheritance.add(x)
        for (const x of d.genes) t.genes.add(x)
      }
    }
    return out
  }

  /** A gene by id ("NCBIGene:2200" or "2200") or symbol. */
  gene(idOrSymbol: string): GeneAnnotation | undefined {
    return this.genes.get(idOrSymbol) ?? this.genes.get(`NCBIGene:${idOrSymbol}`) ?? this.genes.get(this.symbols.get(idOrSymbol) ?? '')
  }

  /**
   * The phenotype profile of a gene: its own terms (genes_to_phenotype) and the phenotype
   * terms of its linked diseases (phenotype.hpoa), minus nothing — HPO derives
   * genes_to_phenotype from the same disease annotations, so the union only fills gaps.
   */
  geneProfile(g: GeneAnnotation): Set<string> {
    const out = new Set(g.terms)
    for (const d of g.diseases) {
      const dis = this.diseases.get(d)
      if (dis) for (const t of dis.terms) out.add(t)
    }
    return out
  }

  addGenesToPhenotype(text: string, file = 'genes_to_phenotype.txt'): this {
    let cols: { gene: number; symbol: number; hpo: number; freq: number; disease: number } | undefined
    let last = 0
    // rows come grouped by gene and disease: remember the last of each
    let lastGeneId = '', lastSymbol = '', lastGene: GeneAnnotation | undefined
    let lastDiseaseId = '', lastDisease: DiseaseAnnotation | undefined
    // field boundaries of the current row (the file is scanned in place: no per-line strings)
    const fs = new Int32Array(16)
    const fe = new Int32Array(16)
    const n = text.length
    let pos = 0
    let no = 0
    while (pos < n) {
      let end = text.indexOf('\n', pos)
      if (end < 0) end = n
      no++
      const lineStart = pos
      let stop = end
      if (stop > lineStart && text.charCodeAt(stop - 1) === 13) stop--
      pos = end + 1
      if (stop === lineStart || text.charCodeAt(lineStart) === 35 /* # */) continue
      let geneId: string, symbol: string, hpo: string | undefined, freq: string | undefined, disease: string | undefined
      if (cols === undefined) {
        const f = text.slice(lineStart, stop).split('\t')
        if (f[0] === 'ncbi_gene_id') {
          const h = f.map((x) => x.trim().toLowerCase())
          cols = { gene: h.indexOf('ncbi_gene_id'), symbol: h.indexOf('gene_symbol'), hpo: h.indexOf('hpo_id'), freq: h.indexOf('frequency'), disease: h.indexOf('disease_id') }
          if (cols.symbol < 0 || cols.hpo < 0) throw new PhenotypeFormatError('genes_to_phenotype header lacks gene_symbol or hpo_id', { file, line: no })
          last = Math.min(15, Math.max(cols.gene, cols.symbol, cols.hpo, cols.freq, cols.disease))
          continue
        }
        // older layouts, no header: gene id, symbol, then the term id somewhere after (by content)
        geneId = f[0]
        symbol = f[1] ?? ''
        let k = 2
        while (k < f.length && !HPO_ID.test(f[k])) k++
        hpo = f[k]
        for (let j = k + 1; j < f.length; j++) if (HPO_ID.test(f[j]) && freq === undefined) freq = f[j]
        const lastField = f[f.length - 1]
        disease = lastField !== undefined && DISEASE_ID.test(lastField) ? lastField : undefined
      } else {
        let k = 0
        let s = lineStart
        for (;;) {
          let t = text.indexOf('\t', s)
          if (t < 0 || t > stop) t = stop
          fs[k] = s
          fe[k] = t
          k++
          if (t === stop || k > last) break
          s = t + 1
        }
        const field = (i: number) => (i >= 0 && i < k ? text.slice(fs[i], fe[i]) : undefined)
        geneId = field(cols.gene) ?? ''
        symbol = field(cols.symbol) ?? ''
        hpo = field(cols.hpo)
        freq = field(cols.freq)
        disease = field(cols.disease)
      }
      if (!hpo || !hpo.startsWith('HP:') || !HPO_ID.test(hpo)) throw new PhenotypeFormatError(`no HPO term id in ${JSON.stringify(text.slice(lineStart, Math.min(stop, lineStart + 80)))}`, { file, line: no })
      if (!symbol && !geneId) throw new PhenotypeFormatError('no gene id or symbol', { file, line: no })
      if (freq !== undefined && freq !== '-' && freq !== '' && excludedFrequency(freq)) continue
      if (!lastGene || geneId !== lastGeneId || symbol !== lastSymbol) {
        lastGene = this.ensureGeneFromColumns(geneId, symbol)
        lastGeneId = geneId
        lastSymbol = symbol
        lastDiseaseId = ''
      }
      const g = lastGene
      g.terms.add(hpo)
      if (disease && disease !== '-') {
        if (disease !== lastDiseaseId || !lastDisease) {
          if (!DISEASE_ID.test(disease)) continue
          lastDisease = this.ensureDisease(disease, '')
          lastDiseaseId = disease
          g.diseases.add(disease)
          lastDisease.genes.add(g.id)
        }
        lastDisease.terms.add(hpo)
      }
    }
    return this
  }

  addHpoa(text: string, file = 'phenotype.hpoa'): this {
    let cols: { id: number; db: number; obj: number; name: number; qualifier: number; hpo: number; freq: number; aspect: number } | undefined
    for (const [line, no] of lines(text)) {
      if (cols === undefined) {
        const h = line.replace(/^#/, '').split('\t').map((x) => x.trim().toLowerCase())
        const hpo = h.indexOf('hpo_id')
        if (hpo < 0) {
          if (line[0] === '#') continue
          throw new PhenotypeFormatError('phenotype.hpoa: data before the header line (database_id … hpo_id … aspect)', { file, line: no })
        }
        const idx = (...names: string[]) => { for (const nm of names) { const i = h.indexOf(nm); if (i >= 0) return i } return -1 }
        cols = {
          id: idx('database_id', 'databaseid'), db: idx('db'), obj: idx('db_object_id'),
          name: idx('disease_name', 'diseasename', 'db_name'), qualifier: idx('qualifier'), hpo,
          freq: idx('frequency'), aspect: idx('aspect'),
        }
        if (cols.id < 0 && (cols.db < 0 || cols.obj < 0)) throw new PhenotypeFormatError('phenotype.hpoa header has no database_id column', { file, line: no })
        if (cols.aspect < 0) throw new PhenotypeFormatError('phenotype.hpoa header has no aspect column', { file, line: no })
        continue
      }
      if (line[0] === '#') continue
      const f = line.split('\t')
      const id = cols.id >= 0 ? f[cols.id] : `${f[cols.db]}:${f[cols.obj]}`
      const term = f[cols.hpo]
      if (!id || !term || !HPO_ID.test(term)) throw new PhenotypeFormatError(`malformed annotation ${JSON.stringify(line.slice(0, 80))}`, { file, line: no })
      const d = this.ensureDisease(id, cols.name >= 0 ? f[cols.name] ?? '' : '')
      const aspect = f[cols.aspect]
      const negated = (cols.qualifier >= 0 && f[cols.qualifier] === 'NOT') || excludedFrequency(cols.freq >= 0 ? f[cols.freq] : undefined)
      if (aspect === 'P') (negated ? d.excluded : d.terms).add(term)
      else if (aspect === 'I' && !negated) d.inheritance.add(term)
    }
    if (cols === undefined && text.trim().length > 0) throw new PhenotypeFormatError('phenotype.hpoa: no header line', { file })
    return this
  }

  addGenesToDisease(text: string, file = 'genes_to_disease.txt'): this {
    let cols: { gene: number; symbol: number; disease: number } | undefined
    for (const [line, no] of lines(text)) {
      if (line[0] === '#') continue
      const f = line.split('\t')
      if (cols === undefined) {
        const h = f.map((x) => x.trim().toLowerCase())
        cols = { gene: h.indexOf('ncbi_gene_id'), symbol: h.indexOf('gene_symbol'), disease: h.indexOf('disease_id') }
        if (cols.disease < 0 || (cols.gene < 0 && cols.symbol < 0)) throw new PhenotypeFormatError('genes_to_disease header lacks ncbi_gene_id/gene_symbol or disease_id', { file, line: no })
        continue
      }
      const disease = f[cols.disease]
      if (!disease) throw new PhenotypeFormatError('no disease id', { file, line: no })
      const g = this.ensureGeneFromColumns(cols.gene >= 0 ? f[cols.gene] : '', cols.symbol >= 0 ? f[cols.symbol] : '')
      g.diseases.add(disease)
      this.ensureDisease(disease, '').genes.add(g.id)
    }
    return this
  }

  private ensureGeneFromColumns(geneId: string, symbol: string): GeneAnnotation {
    const numeric = /^\d+$/.test(geneId) ? Number(geneId) : /^NCBIGene:\d+$/.test(geneId) ? Number(geneId.slice(9)) : undefined
    const id = numeric !== undefined ? `NCBIGene:${numeric}` : geneId || symbol
    return this.ensureGene(id, symbol || id, numeric)
  }

  private ensureGene(id: string, symbol: string, ncbiGeneId?: number): GeneAnnotation {
    let g = this.genes.get(id)
    if (!g) {
      g = { id, ncbiGeneId, symbol, terms: new Set(), diseases: new Set() }
      this.genes.set(id, g)
      if (!this.symbols.has(symbol)) this.symbols.set(symbol, id)
    }
    return g
  }

  private ensureDisease(id: string, name: string): DiseaseAnnotation {
    let d = this.diseases.get(id)
    if (!d) {
      d = { id, name, terms: new Set(), excluded: new Set(), inheritance: new Set(), genes: new Set() }
      this.diseases.set(id, d)
    } else if (!d.name && name) {
      d.name = name
    }
    return d
  }
}

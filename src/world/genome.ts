// The GRCh38 primary assembly's chromosomes: names, lengths and RefSeq accessions.
// Naming: the FASTA and GFF3 use Ensembl's names (1..22, X, Y, MT, no `chr`); the
// gnomAD-like VCF uses `chr` names (chr1.., chrM) as gnomAD v3/v4 do; the ClinVar-like VCF
// uses Ensembl's names (1.., MT) as ClinVar's GRCh38 VCF does. Readers reconcile the prefix
// (src/reference/fasta.ts alternateNames).

export interface Contig {
  /** Ensembl name: 1..22, X, Y, MT */
  name: string
  length: number
  /** RefSeq accession.version (ClinVar's CLNHGVS uses it) */
  refseq: string
  /** GenBank accession (Ensembl's chromosome Alias) */
  genbank: string
}

const TABLE: [string, number, string, string][] = [
  ['1', 248956422, 'NC_000001.11', 'CM000663.2'],
  ['2', 242193529, 'NC_000002.12', 'CM000664.2'],
  ['3', 198295559, 'NC_000003.12', 'CM000665.2'],
  ['4', 190214555, 'NC_000004.12', 'CM000666.2'],
  ['5', 181538259, 'NC_000005.10', 'CM000667.2'],
  ['6', 170805979, 'NC_000006.12', 'CM000668.2'],
  ['7', 159345973, 'NC_000007.14', 'CM000669.2'],
  ['8', 145138636, 'NC_000008.11', 'CM000670.2'],
  ['9', 138394717, 'NC_000009.12', 'CM000671.2'],
  ['10', 133797422, 'NC_000010.11', 'CM000672.2'],
  ['11', 135086622, 'NC_000011.10', 'CM000673.2'],
  ['12', 133275309, 'NC_000012.12', 'CM000674.2'],
  ['13', 114364328, 'NC_000013.11', 'CM000675.2'],
  ['14', 107043718, 'NC_000014.9', 'CM000676.2'],
  ['15', 101991189, 'NC_000015.10', 'CM000677.2'],
  ['16', 90338345, 'NC_000016.10', 'CM000678.2'],
  ['17', 83257441, 'NC_000017.11', 'CM000679.2'],
  ['18', 80373285, 'NC_000018.10', 'CM000680.2'],
  ['19', 58617616, 'NC_000019.10', 'CM000681.2'],
  ['20', 64444167, 'NC_000020.11', 'CM000682.2'],
  ['21', 46709983, 'NC_000021.9', 'CM000683.2'],
  ['22', 50818468, 'NC_000022.11', 'CM000684.2'],
  ['X', 156040895, 'NC_000023.11', 'CM000685.2'],
  ['Y', 57227415, 'NC_000024.10', 'CM000686.2'],
  ['MT', 16569, 'NC_012920.1', 'J01415.2'],
]

export const GRCH38: readonly Contig[] = TABLE.map(([name, length, refseq, genbank]) => ({ name, length, refseq, genbank }))

/** Approximate protein-coding gene counts per chromosome (GENCODE), to place genes without a known chromosome. */
export const GENE_DENSITY: Record<string, number> = {
  1: 2050, 2: 1300, 3: 1080, 4: 750, 5: 880, 6: 1040, 7: 930, 8: 680, 9: 780, 10: 730, 11: 1300, 12: 1030,
  13: 320, 14: 610, 15: 600, 16: 860, 17: 1180, 18: 270, 19: 1470, 20: 540, 21: 230, 22: 440, X: 840, Y: 45, MT: 0,
}

/** gnomAD v3/v4 spelling: chr1.., chrX, chrY, chrM. */
export function ucscName(name: string): string {
  return name === 'MT' ? 'chrM' : `chr${name}`
}

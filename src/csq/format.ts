// Output formatting: the VEP-style CSQ value (one entry per transcript, VEP's field order and
// escaping) and bcftools' BCSQ string of a record's consequences.
import { LocalCaller } from './local.js'
import { vepAllele, type RecordConsequences } from './caller.js'

/** BCSQ text of a record (bcftools csq -l). */
export function bcsqText(r: RecordConsequences): string {
  return LocalCaller.format(r.local)
}

export const VEP_FIELDS = ['Allele', 'Consequence', 'IMPACT', 'SYMBOL', 'Gene', 'Feature_type', 'Feature', 'BIOTYPE', 'EXON', 'INTRON',
  'HGVSc', 'HGVSp', 'cDNA_position', 'CDS_position', 'Protein_position', 'Amino_acids', 'Codons', 'DISTANCE', 'STRAND',
  'CANONICAL', 'MANE_SELECT']

const esc = (v: string | number | undefined) => (v === undefined ? '' : String(v).replace(/[;=,| ]/g, (ch) => (ch === ';' ? '%3B' : ch === '=' ? '%3D' : ch === ' ' ? '_' : '&')))

/** The VEP-style CSQ value of a record: one entry per transcript, or one intergenic entry per ALT. */
export function vepText(r: RecordConsequences): string {
  const parts: string[] = []
  for (let a = 0; a < r.alts.length; a++) {
    const list = r.transcripts.filter((t) => t.altIndex === a + 1)
    if (!list.length && r.mostSevere[a] === 'intergenic_variant') {
      parts.push([esc(vepAllele(r.ref, r.alts[a])), 'intergenic_variant', 'MODIFIER', ...Array(VEP_FIELDS.length - 3).fill('')].join('|'))
    }
    for (const t of list) {
      parts.push([
        esc(t.allele), t.terms.join('&'), t.impact, esc(t.symbol), esc(t.geneId), 'Transcript', esc(t.transcript), esc(t.biotype),
        esc(t.exon), esc(t.intron), esc(t.hgvsc), esc(t.hgvsp), esc(t.cdnaPosition), esc(t.cdsPosition), esc(t.proteinPosition),
        esc(t.aminoAcids), esc(t.codons), esc(t.distance), t.strand, t.canonical ? 'YES' : '', esc(t.mane),
      ].join('|'))
    }
  }
  return parts.join(',')
}

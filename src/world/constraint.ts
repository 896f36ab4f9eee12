// Gene constraint and dosage sensitivity for the synthetic world, in the shapes of the real
// files so those drop in: gnomAD's per-gene constraint table (v2.1.1
// `lof_metrics.by_gene.txt` column names: pLI, oe_lof_upper = LOEUF, mis_z …) and ClinGen's
// gene curation list (`ClinGen_gene_curation_list_GRCh38.tsv`: Gene Symbol, Haploinsufficiency
// Score 0/1/2/3/30/40). PVS1 needs "loss of function is a known disease mechanism"; the
// real-world source for that is ClinGen's haploinsufficiency score 3 (and 30 for recessive
// genes), not constraint alone, so the world writes both and keeps them consistent: genes whose
// disease works by gain of function or dominant negative effect get no score 3 and a LOEUF
// that is not extreme.
import { hash32 } from './code.js'
import { canonical } from './coding.js'
import { geneConstraint } from './scores.js'
import type { Gene, World } from './world.js'

/** Disease genes of the world whose mechanism is gain of function / dominant negative, not LoF. */
export const GAIN_OF_FUNCTION = new Set(`PCSK9 RET MYH7 MYL2 MYL3 ACTC1 TNNT2 TNNI3 TPM1 TNNC1 CACNA1S RYR1 RYR2 TTR HRAS KRAS
  NRAS BRAF RAF1 MAP2K1 MAP2K2 PTPN11 SOS1 RIT1 SHOC2 CBL FGFR1 FGFR2 FGFR3 CALM1 CALM2 CALM3 PRKAG2 SCN8A KCNT1
  SNCA APP PSEN1 PSEN2 HTT DMPK ATXN1 ATXN2 ATXN3 GNAS KCNJ2 CACNA1C SCN4A SCN10A MAPT LRRK2 GFAP PIK3CA AKT1 MTOR
  JAK2 KIT PDGFRA MET ALK EGFR ERBB2 IDH1 IDH2 CTNNB1 ACTA1 ACTA2 MYH11 KCNJ11 ABCC8 GCK INS TRPC6 COMP MATN3`.split(/\s+/))

/** Autosomal recessive disease genes among the world's panels (ClinGen score 30 analogue). */
export const RECESSIVE = new Set(`ABCA4 USH2A EYS CRB1 CEP290 RPE65 CNGA1 CNGB1 CNGA3 CNGB3 PDE6A PDE6B PDE6C RDH12 LCA5
  AIPL1 MERTK TULP1 CDHR1 RPGRIP1 IQCB1 BBS1 BBS2 BBS10 MKKS ALMS1 MYO7A CDH23 PCDH15 USH1C USH1G CLRN1 ADGRV1 WHRN RLBP1
  LRAT KCNV2 TRPM1 GRM6 CYP4V2 FAM161A ARL6 GJB2 GJB6 SLC26A4 OTOF MYO15A STRC OTOA MYO3A TMPRSS3 LOXHD1 TRIOBP CLDN14
  ESPN GRXCR1 LHFPL5 TPRN PTPRQ MARVELD2 ILDR1 CABP2 SERPINB6 CIB2 TMIE GIPC3 OTOG OTOGL PAH GALT GALK1 ALDOB G6PC1
  SLC37A4 AGL GBE1 PYGL PYGM FAH TAT HPD CBS MTHFR MTR MMACHC MMADHC MMUT PCCA PCCB IVD MCCC1 MCCC2 ACADM ACADVL ACADS
  HADHA HADHB CPT1A CPT2 SLC22A5 ETFA ETFB ETFDH GCDH BCKDHA BCKDHB DBT DLD ASS1 ASL ARG1 CPS1 NAGS SLC25A15 BTD GAA
  PMM2 MPI ALG6 SLC17A5 ATP7B PEX1 PEX6 PEX7 PEX12 PEX26 HSD17B4 HEXA HEXB GBA1 SMPD1 GLB1 NAGLU SGSH IDUA GALNS ARSB
  GUSB CYP21A2 CYP11B1 TPO TG DUOX2 LDLRAP1 LPL APOC2 LCAT SERPINA1 HFE DYSF CAPN3 SGCA SGCB SGCG SGCD FKRP FKTN POMT1
  POMT2 LAMA2 SELENON NEB ANO5 GNE SH3TC2 GDAP1 SMN1 SPG7 ARSA GALC PSAP NPC1 NPC2 CHRNE RAPSN DOK7 COLQ CHAT AGRN MUSK
  TRIM32 PKHD1 NPHP1 NPHS1 NPHS2 SLC3A1 SLC7A9 CTNS AGXT ATP6V1B1 SLC12A3 SLC12A1 KCNJ1 CLCNKB BSND IFT140 TMEM67
  CC2D2A ALDH7A1 PNPO SZT2 WWOX CSTB EPM2A NHLRC1 TBC1D24 SLC13A5 CLN3 CLN5 CLN6 CLN8 MFSD8 PPT1 TPP1 CTSD POLG ASPM
  MCPH1 CDK5RAP2 WDR62 SLC26A2 PLOD1 TNXB TCIRG1 ENPP1 HBB PKLR CFTR MUTYH NTHL1 MSH3 MLH3 CASQ2 TRDN PRKN PINK1 PARK7
  ATP13A2 FANCA FANCC FANCD2 FANCE FANCF FANCG FANCI FANCL FANCM BLM WRN RECQL4 ERCC2 ERCC3 ERCC4 ERCC5 ERCC6 ERCC8 XPA XPC
  POLH NBN RAG1 RAG2 ADA JAK3 ZAP70 DNAH5 DNAH11 DNAI1 CCDC39 CCDC40 RSPH4A HYDIN SPAG1 DYNC2H1 IFT80 WDR35 EVC EVC2
  TYR OCA2 SLC45A2 HPS1 LYST ALOX12B TGM1 ABCA12 COL7A1 LAMB3 AHI1 INPP5E TMEM216 CPLANE1 NPHP3 NPHP4 KIAA0586`.split(/\s+/))

/** Why loss of function causes disease in a gene, as far as the world says (undefined: unknown). */
export type LofMechanism = 'haploinsufficient' | 'recessive' | 'gain-of-function'

export function lofMechanism(g: Gene): LofMechanism | undefined {
  if (g.biotype !== 'protein_coding' || !g.symbol) return undefined
  if (GAIN_OF_FUNCTION.has(g.symbol)) return 'gain-of-function'
  if (g.acmg?.inheritance === 'AR' || RECESSIVE.has(g.symbol)) return 'recessive'
  if (g.acmg || g.panels.length > 0) return 'haploinsufficient'
  return undefined
}

const unit = (h: number) => h / 4294967296
const f = (x: number, d: number) => x.toFixed(d)

/** Constraint numbers of a protein-coding gene (deterministic in seed and gene). */
export function constraintOf(g: Gene, seed: number): { pli: number; loeuf: number; oeLof: number; misZ: number; synZ: number; lofZ: number; oeMis: number; expLof: number; obsLof: number; expMis: number; obsMis: number; expSyn: number; obsSyn: number } {
  const tx = canonical(g)
  const cdsLen = tx.exons.reduce((a, x) => a + Math.max(0, Math.min(x.end, tx.cds!.end) - Math.max(x.start, tx.cds!.start) + 1), 0)
  const c = geneConstraint(g, seed)
  const u = unit(hash32(seed, g.ncbiId, 11)), v = unit(hash32(seed, g.ncbiId, 12))
  const mech = lofMechanism(g)
  // LoF-intolerant genes sit in LOEUF's first decile; recessive and gain-of-function genes are tolerant
  const oeLof = mech === 'haploinsufficient' ? 0.03 + 0.22 * u : mech === 'recessive' ? 0.55 + 0.6 * u : mech === 'gain-of-function' ? 0.35 + 0.5 * u : 0.2 + 1.0 * u
  const expLof = Math.max(2, cdsLen / 90)
  const obsLof = Math.round(expLof * oeLof)
  const oe = obsLof / expLof
  // upper bound of a 90% interval, as gnomAD reports it, widening for genes with few expected LoFs
  const loeuf = Math.min(2, oe + 1.645 * Math.sqrt(Math.max(obsLof, 1)) / expLof)
  const pli = 1 / (1 + Math.exp((oe - 0.25) * 18))
  const expMis = cdsLen * 0.9, oeMis = 1.05 - 0.55 * c + 0.1 * (v - 0.5)
  const obsMis = Math.round(expMis * oeMis)
  const expSyn = cdsLen * 0.3, obsSyn = Math.round(expSyn * (0.95 + 0.1 * v))
  const z = (obs: number, exp: number) => (exp - obs) / Math.sqrt(exp)
  return { pli, loeuf, oeLof: oe, misZ: z(obsMis, expMis), synZ: z(obsSyn, expSyn), lofZ: z(obsLof, expLof), oeMis: obsMis / expMis, expLof, obsLof, expMis, obsMis, expSyn, obsSyn }
}

export const CONSTRAINT_COLUMNS = ['gene', 'transcript', 'obs_mis', 'exp_mis', 'oe_mis', 'obs_syn', 'exp_syn', 'oe_syn', 'obs_lof', 'exp_lof',
  'pLI', 'pNull', 'pRec', 'oe_lof', 'oe_lof_lower', 'oe_lof_upper', 'syn_z', 'mis_z', 'lof_z', 'gene_id', 'chromosome', 'start_position', 'end_position']

/** gnomAD-style constraint TSV (one row per protein-coding gene, canonical transcript). */
export function constraintTsv(world: World): string {
  const rows = [CONSTRAINT_COLUMNS.join('\t')]
  for (const g of world.genes) {
    if (g.biotype !== 'protein_coding' || !g.symbol) continue
    const k = constraintOf(g, world.seed)
    const pRec = (1 - k.pli) * (k.oeLof < 0.7 ? 0.8 : 0.2)
    rows.push([g.symbol, canonical(g).id, k.obsMis, f(k.expMis, 3), f(k.oeMis, 5), k.obsSyn, f(k.expSyn, 3), f(k.obsSyn / k.expSyn, 5), k.obsLof, f(k.expLof, 3),
      k.pli.toExponential(5), f(Math.max(0, 1 - k.pli - pRec), 5), f(pRec, 5), f(k.oeLof, 5), f(Math.max(0, k.oeLof - (k.loeuf - k.oeLof)), 3), f(k.loeuf, 3),
      f(k.synZ, 4), f(k.misZ, 4), f(k.lofZ, 4), g.id, g.chrom, g.start, g.end].join('\t'))
  }
  return rows.join('\n') + '\n'
}

const HI_DESCRIPTION: Record<number, string> = {
  0: 'No Evidence available', 1: 'Little evidence for dosage pathogenicity', 2: 'Some evidence for dosage pathogenicity',
  3: 'Sufficient evidence for dosage pathogenicity', 30: 'Gene associated with autosomal recessive phenotype', 40: 'Dosage sensitivity unlikely',
}

/** ClinGen haploinsufficiency score of a gene in the world (undefined: not curated). */
export function haploinsufficiencyScore(g: Gene, seed: number): number | undefined {
  const mech = lofMechanism(g)
  if (mech === 'haploinsufficient') return 3
  if (mech === 'recessive') return 30
  if (mech === 'gain-of-function') return unit(hash32(seed, g.ncbiId, 13)) < 0.5 ? 1 : 0
  // a few unrelated genes were curated and found dosage-insensitive
  return g.biotype === 'protein_coding' && unit(hash32(seed, g.ncbiId, 14)) < 0.15 ? 40 : undefined
}

const CLINGEN_COLUMNS = ['Gene Symbol', 'Gene ID', 'cytoBand', 'Genomic Location', 'Haploinsufficiency Score', 'Haploinsufficiency Description',
  'Haploinsufficiency PMID1', 'Haploinsufficiency PMID2', 'Haploinsufficiency PMID3', 'Triplosensitivity Score', 'Triplosensitivity Description',
  'Triplosensitivity PMID1', 'Triplosensitivity PMID2', 'Triplosensitivity PMID3', 'Date Last Evaluated', 'Haploinsufficiency Disease ID', 'Triplosensitivity Disease ID']

/** ClinGen gene-curation-list-style TSV: comment lines, then a '#'-prefixed column header. */
export function haploinsufficiencyTsv(world: World, date: string): string {
  const rows = ['#ClinGen Gene Curation Results (synthetic: vartriage world)', `#${date}`, '#Genomic Locations are reported on GRCh38 (hg38)', `#${CLINGEN_COLUMNS.join('\t')}`]
  const genes = world.genes.filter((g) => g.symbol && haploinsufficiencyScore(g, world.seed) !== undefined)
    .sort((a, b) => (a.symbol! < b.symbol! ? -1 : 1))
  for (const g of genes) {
    const hi = haploinsufficiencyScore(g, world.seed)!
    rows.push([g.symbol!, g.ncbiId, g.chrom, `chr${g.chrom}:${g.start}-${g.end}`, hi, HI_DESCRIPTION[hi], '', '', '',
      0, HI_DESCRIPTION[0], '', '', '', date,
      hi === 3 || hi === 30 ? `MONDO:09${String(g.ncbiId % 100000).padStart(5, '0')}` : '', ''].join('\t'))
  }
  return rows.join('\n') + '\n'
}

const MOI = {
  mono: 'MONOALLELIC, autosomal or pseudoautosomal, not imprinted',
  bi: 'BIALLELIC, autosomal or pseudoautosomal',
  xlr: 'X-LINKED: hemizygous mutation in males, biallelic mutations in females',
  xld: 'X-LINKED: hemizygous mutation in males, monoallelic mutations in females may cause disease (may be less severe, later onset than males)',
}

/** PanelApp's mode of inheritance for a world gene (the panels table's `mode_of_inheritance` column). */
export function panelAppMoi(g: { symbol?: string; chrom: string; acmg?: { inheritance: string } }): string {
  const inh = g.acmg?.inheritance
  if (inh === 'AR') return MOI.bi
  if (inh === 'XL') return MOI.xld
  if (inh === 'AD' || inh === 'SD') return MOI.mono
  if (g.chrom === 'Y' || g.chrom === 'MT') return 'Unknown'
  if (g.chrom === 'X') return g.symbol && RECESSIVE.has(g.symbol) ? MOI.xlr : MOI.xld
  return g.symbol && RECESSIVE.has(g.symbol) ? MOI.bi : MOI.mono
}

// ACMG SF v3.2 (Miller et al., Genet Med 2023): the 81 genes for which laboratories report
// secondary findings, with the phenotype, inheritance (AD autosomal dominant, AR autosomal
// recessive, XL X-linked, SD semidominant) and the reporting rule. Transcribed as data for the
// synthetic world and for prioritisation; check it against the published table before
// clinical use.

export type SfCategory = 'cancer' | 'cardiovascular' | 'metabolism' | 'miscellaneous'
export type Inheritance = 'AD' | 'AR' | 'XL' | 'SD'

export interface SecondaryFindingGene {
  symbol: string
  /** Real chromosome (GRCh38). */
  chrom: string
  phenotype: string
  category: SfCategory
  inheritance: Inheritance
  /** What to report: P/LP heterozygous ('all'), biallelic only, a specific variant … */
  report: string
}

// symbol, chrom, category, inheritance, phenotype, reporting rule
const ROWS = `APC	5	cancer	AD	Familial adenomatous polyposis	P/LP, one variant
BMPR1A	10	cancer	AD	Juvenile polyposis syndrome	P/LP, one variant
BRCA1	17	cancer	AD	Hereditary breast and ovarian cancer	P/LP, one variant
BRCA2	13	cancer	AD	Hereditary breast and ovarian cancer	P/LP, one variant
MAX	14	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
MEN1	11	cancer	AD	Multiple endocrine neoplasia type 1	P/LP, one variant
MLH1	3	cancer	AD	Lynch syndrome	P/LP, one variant
MSH2	2	cancer	AD	Lynch syndrome	P/LP, one variant
MSH6	2	cancer	AD	Lynch syndrome	P/LP, one variant
MUTYH	1	cancer	AR	MUTYH-associated polyposis	P/LP, two variants (biallelic)
NF2	22	cancer	AD	NF2-related schwannomatosis	P/LP, one variant
PALB2	16	cancer	AD	Hereditary breast cancer	P/LP, one variant
PMS2	7	cancer	AD	Lynch syndrome	P/LP, one variant
PTEN	10	cancer	AD	PTEN hamartoma tumor syndrome	P/LP, one variant
RB1	13	cancer	AD	Retinoblastoma	P/LP, one variant
RET	10	cancer	AD	Multiple endocrine neoplasia type 2; familial medullary thyroid cancer	P/LP, one variant
SDHAF2	11	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
SDHB	1	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
SDHC	1	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
SDHD	11	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
SMAD4	18	cancer	AD	Juvenile polyposis syndrome; hereditary hemorrhagic telangiectasia	P/LP, one variant
STK11	19	cancer	AD	Peutz-Jeghers syndrome	P/LP, one variant
TMEM127	2	cancer	AD	Hereditary paraganglioma-pheochromocytoma syndrome	P/LP, one variant
TP53	17	cancer	AD	Li-Fraumeni syndrome	P/LP, one variant
TSC1	9	cancer	AD	Tuberous sclerosis complex	P/LP, one variant
TSC2	16	cancer	AD	Tuberous sclerosis complex	P/LP, one variant
VHL	3	cancer	AD	Von Hippel-Lindau syndrome	P/LP, one variant
WT1	11	cancer	AD	WT1-related Wilms tumor	P/LP, one variant
APOB	2	cardiovascular	AD	Familial hypercholesterolemia	P/LP, one variant
LDLR	19	cardiovascular	SD	Familial hypercholesterolemia	P/LP, one variant
PCSK9	1	cardiovascular	AD	Familial hypercholesterolemia	P/LP gain-of-function, one variant
ACTA2	10	cardiovascular	AD	Familial thoracic aortic aneurysm and dissection	P/LP, one variant
COL3A1	2	cardiovascular	AD	Ehlers-Danlos syndrome, vascular type	P/LP, one variant
FBN1	15	cardiovascular	AD	Marfan syndrome	P/LP, one variant
MYH11	16	cardiovascular	AD	Familial thoracic aortic aneurysm and dissection	P/LP, one variant
SMAD3	15	cardiovascular	AD	Loeys-Dietz syndrome	P/LP, one variant
TGFBR1	9	cardiovascular	AD	Loeys-Dietz syndrome	P/LP, one variant
TGFBR2	3	cardiovascular	AD	Loeys-Dietz syndrome	P/LP, one variant
ACTC1	15	cardiovascular	AD	Hypertrophic cardiomyopathy; dilated cardiomyopathy	P/LP, one variant
BAG3	10	cardiovascular	AD	Dilated cardiomyopathy	P/LP, one variant
DES	2	cardiovascular	AD	Dilated cardiomyopathy	P/LP, one variant
DSC2	18	cardiovascular	AD	Arrhythmogenic right ventricular cardiomyopathy	P/LP, one variant
DSG2	18	cardiovascular	AD	Arrhythmogenic right ventricular cardiomyopathy	P/LP, one variant
DSP	6	cardiovascular	AD	Arrhythmogenic right ventricular cardiomyopathy; dilated cardiomyopathy	P/LP, one variant
FLNC	7	cardiovascular	AD	Dilated cardiomyopathy	P/LP truncating variants only
LMNA	1	cardiovascular	AD	Dilated cardiomyopathy	P/LP, one variant
MYBPC3	11	cardiovascular	AD	Hypertrophic cardiomyopathy	P/LP, one variant
MYH7	14	cardiovascular	AD	Hypertrophic cardiomyopathy; dilated cardiomyopathy	P/LP, one variant
MYL2	12	cardiovascular	AD	Hypertrophic cardiomyopathy	P/LP, one variant
MYL3	3	cardiovascular	AD	Hypertrophic cardiomyopathy	P/LP, one variant
PKP2	12	cardiovascular	AD	Arrhythmogenic right ventricular cardiomyopathy	P/LP, one variant
PRKAG2	7	cardiovascular	AD	Hypertrophic cardiomyopathy	P/LP, one variant
RBM20	10	cardiovascular	AD	Dilated cardiomyopathy	P/LP, one variant
TMEM43	3	cardiovascular	AD	Arrhythmogenic right ventricular cardiomyopathy	P/LP, one variant
TNNC1	3	cardiovascular	AD	Dilated cardiomyopathy	P/LP, one variant
TNNI3	19	cardiovascular	AD	Hypertrophic cardiomyopathy	P/LP, one variant
TNNT2	1	cardiovascular	AD	Hypertrophic cardiomyopathy; dilated cardiomyopathy	P/LP, one variant
TPM1	15	cardiovascular	AD	Hypertrophic cardiomyopathy; dilated cardiomyopathy	P/LP, one variant
TTN	2	cardiovascular	AD	Dilated cardiomyopathy	P/LP truncating variants only
CALM1	14	cardiovascular	AD	Long QT syndrome; catecholaminergic polymorphic ventricular tachycardia	P/LP, one variant
CALM2	2	cardiovascular	AD	Long QT syndrome; catecholaminergic polymorphic ventricular tachycardia	P/LP, one variant
CALM3	19	cardiovascular	AD	Long QT syndrome; catecholaminergic polymorphic ventricular tachycardia	P/LP, one variant
CASQ2	1	cardiovascular	AR	Catecholaminergic polymorphic ventricular tachycardia	P/LP, two variants (biallelic)
KCNH2	7	cardiovascular	AD	Long QT syndrome type 2	P/LP, one variant
KCNQ1	11	cardiovascular	AD	Long QT syndrome type 1	P/LP, one variant
RYR2	1	cardiovascular	AD	Catecholaminergic polymorphic ventricular tachycardia	P/LP, one variant
SCN5A	3	cardiovascular	AD	Long QT syndrome type 3; Brugada syndrome	P/LP, one variant
TRDN	6	cardiovascular	AR	Catecholaminergic polymorphic ventricular tachycardia; long QT syndrome	P/LP, two variants (biallelic)
ACVRL1	12	cardiovascular	AD	Hereditary hemorrhagic telangiectasia	P/LP, one variant
ENG	9	cardiovascular	AD	Hereditary hemorrhagic telangiectasia	P/LP, one variant
GLA	X	metabolism	XL	Fabry disease	P/LP, hemizygous or heterozygous
BTD	3	metabolism	AR	Biotinidase deficiency	P/LP, two variants (biallelic)
GAA	17	metabolism	AR	Pompe disease	P/LP, two variants (biallelic)
OTC	X	metabolism	XL	Ornithine transcarbamylase deficiency	P/LP, hemizygous or heterozygous
ATP7B	13	miscellaneous	AR	Wilson disease	P/LP, two variants (biallelic)
CACNA1S	1	miscellaneous	AD	Malignant hyperthermia susceptibility	P/LP, one variant
HFE	6	miscellaneous	AR	Hereditary hemochromatosis	p.C282Y homozygotes only
HNF1A	12	miscellaneous	AD	Maturity-onset diabetes of the young	P/LP, one variant
RPE65	1	miscellaneous	AR	RPE65-related retinopathy	P/LP, two variants (biallelic)
RYR1	19	miscellaneous	AD	Malignant hyperthermia susceptibility	P/LP, one variant
TTR	18	miscellaneous	AD	Hereditary transthyretin-related amyloidosis	P/LP, one variant`

export const ACMG_SF_VERSION = 'v3.2'

export const ACMG_SF: readonly SecondaryFindingGene[] = ROWS.split('\n').map((line) => {
  const [symbol, chrom, category, inheritance, phenotype, report] = line.split('\t')
  return { symbol, chrom, category: category as SfCategory, inheritance: inheritance as Inheritance, phenotype, report }
})

/**
 * The reporting rule in machine-readable form (src/consent reads it): a zygosity
 * (`monoallelic` one P/LP variant, `biallelic` two or a homozygote, `homozygous`) and
 * optionally which variants count (`truncating`, `non-truncating`, `variant=<HGVS p.>`),
 * joined by `;`.
 */
export function reportRule(g: SecondaryFindingGene): string {
  const m = /(p\.[A-Z]\d+[A-Z]) homozygotes only/.exec(g.report)
  if (m) return `homozygous;variant=${threeLetter(m[1])}`
  const zyg = /biallelic/.test(g.report) ? 'biallelic' : 'monoallelic'
  if (/truncating variants only/.test(g.report)) return `${zyg};truncating`
  if (/gain-of-function/.test(g.report)) return `${zyg};non-truncating`
  return zyg
}

const AA3: Record<string, string> = { A: 'Ala', R: 'Arg', N: 'Asn', D: 'Asp', C: 'Cys', E: 'Glu', Q: 'Gln', G: 'Gly', H: 'His', I: 'Ile',
  L: 'Leu', K: 'Lys', M: 'Met', F: 'Phe', P: 'Pro', S: 'Ser', T: 'Thr', W: 'Trp', Y: 'Tyr', V: 'Val' }
const threeLetter = (p: string) => p.replace(/^p\.([A-Z])(\d+)([A-Z])$/, (_, a, n, b) => `p.${AA3[a]}${n}${AA3[b]}`)

/** The list as the bundle's `secondary-findings` TSV. */
export function acmgSfTsv(): string {
  const head = `#ACMG SF ${ACMG_SF_VERSION}\n#symbol\tcategory\tinheritance\tphenotype\treport\trule\n`
  return head + ACMG_SF.map((g) => `${g.symbol}\t${g.category}\t${g.inheritance}\t${g.phenotype}\t${g.report}\t${reportRule(g)}`).join('\n') + '\n'
}

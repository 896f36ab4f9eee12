// The synthetic reference world and resource bundles, checked with the real tools: samtools
// faidx reads the FASTA through our .fai/.gzi, bcftools/tabix read the VCFs, the table and
// their indexes, bcftools norm -c e finds every REF matching the FASTA, @gmod/gff parses the
// GFF3, every CDS translates from the FASTA without a premature stop, the same seed gives
// the same bytes. The bundle loader is also checked on the real Ensembl excerpts of the
// bcftools csq corpus.
import { beforeAll, describe, expect, it } from 'vitest'
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseStringSync, type GFF3Feature } from '@gmod/gff'
import { generateWorld, FILES, type WorldResult } from '../src/world/index.js'
import { buildWorld, type World } from '../src/world/world.js'
import { writeFasta } from '../src/world/fasta.js'
import { ACMG_SF } from '../src/world/genes/acmg-sf.js'
import { CODE, revcomp, translate } from '../src/world/code.js'
import { Rng } from '../src/world/rng.js'
import { Reference } from '../src/reference/fasta.js'
import { BundleError, MANIFEST, openBundle, openResources, sha256File, writeManifest } from '../src/resources/bundle.js'
import { resourcesFrom } from '../src/resources/options.js'
import { requireTools } from './helpers/oracle.js'

const tools = requireTools('samtools', 'bcftools', 'tabix', 'bgzip')
const shared = process.env.VARTRIAGE_SHARED ?? join(process.cwd(), '..', 'shared')
const csq = join(shared, 'conformance', 'bcftools-csq', 'csq')
const SEED = 7

function sh(cmd: string, args: string[], input?: string): { out: string; err: string; status: number } {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8', maxBuffer: 1 << 30 })
  return { out: r.stdout ?? '', err: r.stderr ?? '', status: r.status ?? -1 }
}
function spawnAsync(cmd: string, args: string[]): Promise<{ status: number | null; err: string }> {
  return new Promise((done) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    c.stderr.on('data', (d) => { err += String(d) })
    c.on('close', (status) => done({ status, err }))
  })
}
const gunzipText = (p: string) => gunzipSync(readFileSync(p)).toString('utf8')

let dir = ''
let res: WorldResult
let world: World
const p = (f: string) => join(dir, f)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vt-world-'))
  res = await generateWorld({ out: dir, seed: SEED, scale: 'small' })
  world = res.world
}, 300_000)

describe('determinism', () => {
  it('the same seed writes byte-identical files (the CLI in another process, or the API); another seed a different world', async () => {
    const again = mkdtempSync(join(tmpdir(), 'vt-world2-'))
    const bin = resolve('dist/src/cli/bin.js')
    if (existsSync(bin)) { // the command line, in a child process (does not block this worker)
      const bad = await spawnAsync(process.execPath, [bin, 'world', '--out', again, '--scale', 'huge'])
      expect(bad.status).toBe(2)
      expect(bad.err).toMatch(/--scale expects small or wgs/)
      const r = await spawnAsync(process.execPath, [bin, 'world', '--out', again, '--seed', String(SEED)])
      expect(r.status, r.err).toBe(0)
      expect(r.err).toMatch(/\d+ genes, \d+ transcripts, \d+ population sites/)
    } else await generateWorld({ out: again, seed: SEED, scale: 'small' })
    expect(readFileSync(join(again, MANIFEST), 'utf8')).toBe(readFileSync(p(MANIFEST), 'utf8'))
    for (const f of res.manifest.files) expect(await sha256File(join(again, f.path))).toBe(await sha256File(p(f.path)))
    const other = buildWorld(SEED + 1, 'small')
    const brca1 = (w: World) => w.genes.find((g) => g.symbol === 'BRCA1')!
    expect(brca1(other).start).not.toBe(brca1(world).start)
    expect(brca1(other).chrom).toBe('17')
  }, 300_000)

  it('the generator draws from seeded streams only', () => {
    const a = new Rng(42), b = new Rng(42)
    const xs = Array.from({ length: 5 }, () => a.u32())
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(xs)
    expect(new Rng(42).fork('x').u32()).toBe(new Rng(42).fork('x').u32())
    expect(new Rng(42).fork('x').u32()).not.toBe(new Rng(42).fork('y').u32())
    const src = readdirSync('src/world', { recursive: true }).filter((f) => String(f).endsWith('.ts'))
    for (const f of src) expect(readFileSync(join('src/world', String(f)), 'utf8')).not.toMatch(/Math\.random\(|new Date\(/)
  })
})

describe('manifest', () => {
  it('lists every file with role, name, build, version, size and sha256, and verifies', async () => {
    const b = await openBundle(dir, { verify: true })
    expect(b.build).toBe('GRCh38')
    expect(b.roles().sort()).toEqual(['clinvar', 'constraint', 'genes', 'genes-to-disease', 'genes-to-phenotype', 'haploinsufficiency', 'hotspots', 'panels',
      'phenotype-annotations', 'phenotypes', 'population', 'reference', 'scores', 'secondary-findings', 'somatic-evidence'])
    expect(b.path('reference')).toBe(resolve(p(FILES.reference)))
    expect(b.require('reference').index('gzi')).toBe(resolve(p(`${FILES.reference}.gzi`)))
    expect(b.require('population').index('tbi')).toBe(resolve(p(`${FILES.population}.tbi`)))
    for (const f of b.manifest.files) {
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(f.name && f.version && f.build).toBeTruthy()
      for (const x of f.indexes ?? []) expect(x.sha256).toBe(await sha256File(p(x.path)))
    }
    const partial = await openResources({ files: { genes: p(FILES.genes) } })
    expect(() => partial.require('phenotypes')).toThrow(/no "phenotypes" file given.*--phenotypes/)
  })

  it('names the file at fault: changed bytes, missing files, bad manifests, unindexed VCFs', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'vt-bundle-'))
    for (const f of readdirSync(dir)) copyFileSync(p(f), join(bad, f))
    const cv = readFileSync(join(bad, FILES.clinvar))
    cv[cv.length - 40] ^= 0xff // same size, different bytes
    writeFileSync(join(bad, FILES.clinvar), cv)
    await openBundle(bad) // sizes still agree: only verify notices
    const e = await openBundle(bad, { verify: true }).catch((x) => x)
    expect(e).toBeInstanceOf(BundleError)
    expect(e.message).toContain(FILES.clinvar)
    expect(e.message).toMatch(/sha256 mismatch.*role clinvar/)
    writeFileSync(join(bad, FILES.panels), 'x')
    await expect(openBundle(bad)).rejects.toThrow(/panels\.tsv: size 1 differs/)
    const m = JSON.parse(readFileSync(join(bad, MANIFEST), 'utf8'))
    m.files[0].path = '../elsewhere.fa.gz'
    writeFileSync(join(bad, MANIFEST), JSON.stringify(m))
    await expect(openBundle(bad)).rejects.toThrow(/leaves the bundle directory/)
    writeFileSync(join(bad, MANIFEST), '{ "format": ')
    await expect(openBundle(bad)).rejects.toThrow(/resources\.json: unreadable manifest/)
    await expect(openBundle(mkdtempSync(join(tmpdir(), 'vt-empty-')))).rejects.toThrow(/resources\.json is missing/)
    const lone = mkdtempSync(join(tmpdir(), 'vt-lone-'))
    copyFileSync(p(FILES.population), join(lone, 'g.vcf.gz'))
    await expect(openResources({ files: { population: join(lone, 'g.vcf.gz') } })).rejects.toThrow(/g\.vcf\.gz: a bgzipped VCF needs a \.tbi or \.csi.*role population/)
  })

  it('files named on their own replace the bundle\'s', async () => {
    const b = await openBundle(dir, { files: { clinvar: p(FILES.clinvar) } })
    expect(b.require('clinvar').index('tbi')).toBe(resolve(p(`${FILES.clinvar}.tbi`)))
    const only = await openResources({ files: { genes: p(FILES.genes), reference: p(FILES.reference) } })
    expect(only.roles().sort()).toEqual(['genes', 'reference'])
    expect(only.require('reference').compression).toBe('bgzf')
    const cli = await resourcesFrom({ resources: dir, scores: p(FILES.scores), 'verify-resources': true })
    expect(cli.require('scores').index('tbi')).toBe(resolve(p(`${FILES.scores}.tbi`)))
    expect(cli.name).toBe('vartriage-world')
  })
})

describe('phenotype data', () => {
  it('HPO files in their real shapes, annotating the same genes (same NCBI gene ids) as the GFF3 and ClinVar', () => {
    expect(readFileSync(p(FILES.phenotypes), 'utf8')).toMatch(/^format-version: 1\.2\n/)
    const g2p = readFileSync(p(FILES.genesToPhenotype), 'utf8').trim().split('\n')
    expect(g2p[0]).toBe('ncbi_gene_id\tgene_symbol\thpo_id\thpo_name\tfrequency\tdisease_id')
    const idOf = new Map(world.genes.filter((g) => g.symbol).map((g) => [g.symbol!, g.ncbiId]))
    const annotated = new Set<string>()
    for (const row of g2p.slice(1)) {
      const [id, sym, hpo] = row.split('\t')
      expect(Number(id), sym).toBe(idOf.get(sym))
      expect(hpo).toMatch(/^HP:\d{7}$/)
      annotated.add(sym)
    }
    for (const g of ACMG_SF) expect(annotated.has(g.symbol), g.symbol).toBe(true)
    for (const v of res.clinvar) expect(`${v.gene.symbol}:${v.gene.ncbiId}`).toBe(`${v.gene.symbol}:${idOf.get(v.gene.symbol!)}`)
    expect(readFileSync(p(FILES.phenotypeAnnotations), 'utf8')).toMatch(/\ndatabase_id\tdisease_name\tqualifier\thpo_id\t/)
    // a patient presentation can be drawn for a gene with a disease
    expect(res.hpo.patientTerms('BRCA1', 3).length).toBeGreaterThan(0)
  })
})

describe.runIf(existsSync(csq))('the loader reads real Ensembl files (bcftools csq corpus)', () => {
  it('a bundle of real Ensembl GFF3 excerpts and FASTA opens, verifies and parses', async () => {
    const cases = readdirSync(csq).filter((d) => d.startsWith('ENST')).slice(0, 6)
    for (const c of cases) {
      const b = mkdtempSync(join(tmpdir(), 'vt-real-'))
      for (const ext of ['gff', 'fa', 'fa.fai']) if (existsSync(join(csq, c, `${c}.${ext}`))) copyFileSync(join(csq, c, `${c}.${ext}`), join(b, `${c}.${ext}`))
      await writeManifest(b, {
        name: `csq corpus ${c}`, build: 'GRCh38', version: 'bcftools-csq',
        files: [
          { role: 'genes', path: `${c}.gff`, format: 'gff3', compression: 'none', name: 'Ensembl', version: 'excerpt', build: 'GRCh38' },
          { role: 'reference', path: `${c}.fa`, format: 'fasta', compression: 'none', name: 'Ensembl', version: 'excerpt', build: 'GRCh38',
            indexes: existsSync(join(b, `${c}.fa.fai`)) ? [{ kind: 'fai', path: `${c}.fa.fai` }] : [] },
        ],
      })
      const bundle = await openBundle(b, { verify: true })
      const feats = parseStringSync(readFileSync(bundle.path('genes'), 'utf8')) as GFF3Feature[]
      expect(feats.some((f) => f[0].type === 'gene' || f[0].type === 'ncRNA_gene')).toBe(true)
      const ref = await Reference.open(bundle.path('reference'))
      expect(ref.names().length).toBeGreaterThan(0)
    }
  })
})

describe.runIf(tools)('reference FASTA', () => {
  it('samtools faidx (through our .fai and .gzi) returns the designed sequence, N elsewhere', () => {
    const fai = readFileSync(p(`${FILES.reference}.fai`), 'utf8').trim().split('\n').map((l) => l.split('\t'))
    expect(fai.map((r) => r[0])).toEqual(world.contigs.map((c) => c.name))
    expect(fai.map((r) => Number(r[1]))).toEqual(world.contigs.map((c) => c.length))
    expect(fai.find((r) => r[0] === '1')![1]).toBe('248956422')
    const rng = new Rng(99)
    const regions: string[] = []
    const want: string[] = []
    for (let k = 0; k < 40; k++) {
      const c = rng.pick(world.contigs.filter((x) => (world.segments.get(x.name) ?? []).length > 0))
      const s = rng.pick(world.segments.get(c.name)!)
      const a = s.start + rng.int(-200, s.seq.length - 1), b = a + rng.int(0, 400)
      regions.push(`${c.name}:${a}-${b}`)
      let w = ''
      for (let q = a; q <= b; q++) w += q >= s.start && q < s.start + s.seq.length ? s.seq[q - s.start] : 'N'
      want.push(w)
    }
    regions.push('Y:57227000-57227415'); want.push('N'.repeat(416))
    const out = sh('samtools', ['faidx', p(FILES.reference), ...regions])
    expect(out.status).toBe(0)
    const got = out.out.split('>').slice(1).map((r) => r.split('\n').slice(1).join(''))
    expect(got).toEqual(want)
  })

  it('the .fai and .gzi are byte-identical to what samtools faidx and bgzip -r make', async () => {
    const tiny: World = {
      seed: 0, scale: 'small', genes: [],
      contigs: [{ name: '1', length: 200_000, refseq: '', genbank: '' }, { name: '2', length: 61, refseq: '', genbank: '' }, { name: 'MT', length: 16569, refseq: '', genbank: '' }],
      segments: new Map([['1', [{ start: 70_001, seq: 'ACGT'.repeat(9000) }, { start: 199_990, seq: 'GATTACA' }]], ['2', []], ['MT', [{ start: 1, seq: 'C'.repeat(16569) }]]]),
    }
    const t = mkdtempSync(join(tmpdir(), 'vt-fa-'))
    const r = await writeFasta(tiny, join(t, 'a.fa.gz'))
    copyFileSync(join(t, 'a.fa.gz'), join(t, 'b.fa.gz'))
    expect(sh('bgzip', ['-r', join(t, 'b.fa.gz')]).status).toBe(0)
    expect(sh('samtools', ['faidx', join(t, 'b.fa.gz')]).status).toBe(0)
    expect(readFileSync(join(t, 'b.fa.gz.fai'), 'utf8')).toBe(r.fai)
    expect(new Uint8Array(readFileSync(join(t, 'b.fa.gz.gzi')))).toEqual(r.gzi)
    const seq = sh('samtools', ['faidx', join(t, 'b.fa.gz'), '1:69995-70010', '1:199985-200000']).out.split('\n').filter((l) => !l.startsWith('>')).join('')
    expect(seq).toBe('NNNNNNACGTACGTAC' + 'NNNNNGATTACANNNN')
  })
})

interface TxModel { id: string; strand: string; chrom: string; biotype: string; tags: string[]; exons: [number, number][]; cds: [number, number, number][] }

function gffModels(text: string): { genes: GFF3Feature[]; tx: TxModel[] } {
  const feats = parseStringSync(text) as GFF3Feature[]
  const genes = feats.filter((f) => f[0].type === 'gene' || f[0].type === 'ncRNA_gene')
  const tx: TxModel[] = []
  for (const g of genes) {
    for (const t of g[0].child_features) {
      const a = t[0].attributes!
      const kids = t[0].child_features.flat()
      tx.push({
        id: a.transcript_id[0], strand: t[0].strand!, chrom: t[0].seq_id!, biotype: a.biotype[0], tags: a.tag?.[0]?.split(',') ?? a.tag ?? [],
        exons: kids.filter((x) => x.type === 'exon').map((x) => [x.start!, x.end!]),
        cds: kids.filter((x) => x.type === 'CDS').map((x) => [x.start!, x.end!, Number(x.phase)]),
      })
    }
  }
  return { genes, tx }
}

describe.runIf(tools)('gene models (GFF3)', () => {
  let text = ''
  let models: ReturnType<typeof gffModels>
  beforeAll(() => { text = gunzipText(p(FILES.genes)); models = gffModels(text) })

  it('is Ensembl-shaped and parses with @gmod/gff', () => {
    expect(text.startsWith('##gff-version 3\n##sequence-region   1 1 248956422\n')).toBe(true)
    expect(text).toMatch(/\tensembl_havana\tgene\t\d+\t\d+\t\.\t[+-]\t\.\tID=gene:ENSG\d{11};Name=BRCA1;biotype=protein_coding;description=[^;]+;gene_id=ENSG\d{11};/)
    expect(text).toMatch(/\tmRNA\t.*ID=transcript:ENST\d{11};Parent=gene:ENSG\d{11};Name=BRCA1-201;biotype=protein_coding;tag=basic,Ensembl_canonical,MANE_Select;transcript_id=ENST\d{11}/)
    expect(text).toMatch(/\tCDS\t\d+\t\d+\t\.\t[+-]\t[012]\tID=CDS:ENSP\d{11};Parent=transcript:ENST\d{11};protein_id=ENSP\d{11}\n/)
    expect(text).toMatch(/\texon\t.*;exon_id=ENSE\d{11};rank=\d+;version=1\n/)
    expect(text).toMatch(/\tncRNA_gene\t.*biotype=lncRNA/)
    expect(text).toMatch(/\tmiRNA\t.*biotype=miRNA/)
    const { genes, tx } = models
    expect(genes.length).toBe(world.genes.length)
    expect(genes.length).toBeGreaterThan(200)
    expect(new Set(tx.map((t) => t.strand))).toEqual(new Set(['+', '-']))
    expect(tx.filter((t) => t.biotype === 'retained_intron').length).toBeGreaterThan(0)
    // one canonical transcript per gene; protein-coding ones are MANE Select
    for (const g of genes) {
      const ts = g[0].child_features.map((t) => t[0].attributes!)
      const canon = ts.filter((a) => (a.tag ?? []).join(',').includes('Ensembl_canonical'))
      expect(canon.length).toBe(1)
      if (g[0].attributes!.biotype[0] === 'protein_coding') expect(canon[0].tag!.join(',')).toContain('MANE_Select')
    }
  })

  it('every CDS lies inside its exons, phases follow the frame, every ACMG SF gene is on its real chromosome', () => {
    for (const t of models.tx) {
      for (const [s, e] of t.cds) expect(t.exons.some(([a, b]) => a <= s && e <= b)).toBe(true)
      const order = [...t.cds].sort((x, y) => (t.strand === '+' ? x[0] - y[0] : y[0] - x[0]))
      let done = 0
      for (const [s, e, ph] of order) { expect(ph).toBe((3 - (done % 3)) % 3); done += e - s + 1 }
      if (t.cds.length) expect(done % 3).toBe(0)
    }
    const byName = new Map(models.genes.map((g) => [g[0].attributes!.Name?.[0], g[0].seq_id]))
    for (const g of ACMG_SF) expect(byName.get(g.symbol), g.symbol).toBe(g.chrom)
    expect(byName.get('DMD')).toBe('X')
    expect(ACMG_SF.length).toBe(81)
  })

  it('coding sequences read from the FASTA start with ATG, end with a stop, have no premature stop; introns are GT…AG', async () => {
    const ref = await Reference.open(p(FILES.reference), { window: 1 << 16 })
    let coding = 0
    for (const t of models.tx) {
      const fwd = async (a: number, b: number) => (await ref.fetch(t.chrom, a - 1, b))!
      const oriented = (s: string) => (t.strand === '+' ? s : revcomp(s))
      if (t.cds.length) {
        const order = [...t.cds].sort((x, y) => (t.strand === '+' ? x[0] - y[0] : y[0] - x[0]))
        let cds = ''
        for (const [s, e] of order) cds += oriented(await fwd(s, e))
        const protein = translate(cds)
        expect(protein[0], t.id).toBe('M')
        expect(protein.endsWith('*'), t.id).toBe(true)
        expect(protein.slice(0, -1), t.id).not.toContain('*')
        coding++
      }
      const ex = [...t.exons].sort((x, y) => x[0] - y[0])
      for (let i = 0; i + 1 < ex.length; i++) {
        const intron = oriented(await fwd(ex[i][1] + 1, ex[i + 1][0] - 1))
        if (t.biotype === 'retained_intron') continue
        expect(intron.slice(0, 2), t.id).toBe('GT')
        expect(intron.slice(-2), t.id).toBe('AG')
      }
    }
    expect(coding).toBeGreaterThan(150)
  })
})

function countLines(args: string[]): number {
  const r = sh('bcftools', args)
  expect(r.status, r.err).toBe(0)
  return r.out.split('\n').filter((l) => l !== '').length
}

describe.runIf(tools)('variant files', () => {
  it('bcftools and tabix read the VCFs and their .tbi; region queries agree with a full scan', () => {
    for (const f of [FILES.clinvar, FILES.population]) {
      const all = countLines(['view', '-H', p(f)])
      expect(all).toBeGreaterThan(1000)
      const chr17 = f === FILES.population ? 'chr17' : '17'
      const byRegion = countLines(['view', '-H', '-r', chr17, p(f)])
      const byFilter = sh('bash', ['-c', `bcftools view -H ${p(f)} | awk '$1=="${chr17}"' | wc -l`]).out.trim()
      expect(byRegion).toBe(Number(byFilter))
      expect(byRegion).toBeGreaterThan(0)
      expect(sh('tabix', ['-l', p(f)]).out.split('\n')).toContain(chr17)
    }
    const pop = sh('bcftools', ['query', '-f', '%FILTER\t%INFO/AC\t%INFO/AF\t%INFO/grpmax\t%INFO/AF_grpmax\t%INFO/nhomalt\n', p(FILES.population)]).out.trim().split('\n').map((l) => l.split('\t'))
    const filters = new Set(pop.map((r) => r[0]))
    for (const f of ['PASS', 'AC0', 'AS_VQSR']) expect(filters).toContain(f)
    const singletons = pop.filter((r) => r[1] === '1').length
    const common = pop.filter((r) => Number(r[2]) >= 0.01).length
    expect(singletons / pop.length).toBeGreaterThan(0.3) // most variants are very rare
    expect(common / pop.length).toBeLessThan(0.15)
    expect(pop.filter((r) => r[3] !== '.').every((r) => ['afr', 'amr', 'eas', 'nfe', 'sas'].includes(r[3]))).toBe(true)
    // sexes: XX + XY add up; on chrX every alt allele of an XY sample is hemizygous (counted in nhomalt_XY)
    const sx = sh('bcftools', ['query', '-f', '%CHROM\t%INFO/AC\t%INFO/AC_XX\t%INFO/AC_XY\t%INFO/AN\t%INFO/AN_XX\t%INFO/AN_XY\t%INFO/nhomalt\t%INFO/nhomalt_XX\t%INFO/nhomalt_XY\n', p(FILES.population)])
      .out.trim().split('\n').map((l) => l.split('\t'))
    for (const [chrom, ...xs] of sx) {
      const [ac, acxx, acxy, an, anxx, anxy, hom, homxx, homxy] = xs.map(Number)
      expect(acxx + acxy).toBe(ac)
      expect(anxx + anxy).toBe(an)
      expect(homxx + homxy).toBe(hom)
      if (chrom === 'chrX') expect(homxy).toBe(acxy)
      if (chrom === 'chrY') expect(anxx).toBe(0)
    }
    expect(sx.some((r) => r[0] === 'chrX' && Number(r[3]) > 0)).toBe(true)
    const cv = sh('bcftools', ['query', '-f', '%INFO/CLNSIG\t%INFO/GENEINFO\t%INFO/MC\t%INFO/CLNREVSTAT\n', p(FILES.clinvar)]).out.trim().split('\n').map((l) => l.split('\t'))
    const sigs = new Set(cv.map((r) => r[0]))
    for (const s of ['Pathogenic', 'Likely_pathogenic', 'Uncertain_significance', 'Benign', 'Likely_benign', 'Conflicting_classifications_of_pathogenicity']) expect(sigs).toContain(s)
    const plpGenes = new Set(cv.filter((r) => /^(Pathogenic|Likely_pathogenic)/.test(r[0])).map((r) => r[1].split(':')[0]))
    expect(ACMG_SF.filter((g) => plpGenes.has(g.symbol)).length).toBeGreaterThan(60)
    expect(cv.every((r) => /^[A-Za-z0-9-]+:\d+$/.test(r[1]) && /^SO:\d{7}\|[A-Za-z0-9_]+$/.test(r[2]))).toBe(true)
  })

  it('our .tbi indexes are the ones tabix writes (VCF preset and -s1 -b2 -e2 for the table)', () => {
    const t = mkdtempSync(join(tmpdir(), 'vt-tbi-'))
    for (const [f, args] of [[FILES.clinvar, ['-p', 'vcf']], [FILES.population, ['-p', 'vcf']], [FILES.scores, ['-s1', '-b2', '-e2']]] as const) {
      copyFileSync(p(f), join(t, f))
      expect(sh('tabix', ['-f', ...args, join(t, f)]).status).toBe(0)
      expect(gunzipSync(readFileSync(join(t, `${f}.tbi`))).equals(gunzipSync(readFileSync(p(`${f}.tbi`)))), f).toBe(true)
    }
  })

  it('bcftools norm -c e finds every REF matching the FASTA, nothing to realign', () => {
    const ref = p(FILES.reference)
    const cv = sh('bcftools', ['norm', '-c', 'e', '-f', ref, '-Ou', '-o', '/dev/null', p(FILES.clinvar)])
    expect(cv.status, cv.err).toBe(0)
    expect(cv.err).toMatch(new RegExp(`total/split/realigned/skipped:\\s+${res.counts.clinvar}/0/0/0`))
    // gnomAD uses chr names, the FASTA Ensembl's: rename on the way (as annotation reconciles them)
    const pop = sh('bash', ['-c', `set -o pipefail; bcftools view ${p(FILES.population)} | sed -e 's/^chr//; s/ID=chr/ID=/' | bcftools norm -c e -f ${ref} -Ou -o /dev/null`])
    expect(pop.status, pop.err).toBe(0)
    expect(pop.err).toMatch(new RegExp(`total/split/realigned/skipped:\\s+${res.counts.population}/0/0/0`))
  })

  it('the score table is tabix-indexed (chrom, pos, ref, alt, scores), REFs match, pathogenic missense score higher than benign', () => {
    const text = gunzipText(p(FILES.scores))
    const lines = text.trim().split('\n')
    expect(lines[0]).toBe('#chrom\tpos\tref\talt\tREVEL\tCADD_PHRED')
    const rows = lines.slice(1).map((l) => l.split('\t'))
    expect(rows.length).toBe(res.counts.scores)
    const some = rows.filter((_, i) => i % 20000 === 0)
    for (const r of some) {
      const q = sh('tabix', [p(FILES.scores), `${r[0]}:${r[1]}-${r[1]}`]).out.trim().split('\n')
      expect(q).toContain(r.join('\t'))
    }
    // REF against the FASTA, through bcftools norm: the rows as a VCF
    const vcf = '##fileformat=VCFv4.2\n' + world.contigs.map((c) => `##contig=<ID=${c.name},length=${c.length}>`).join('\n') + '\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n' +
      rows.filter((_, i) => i % 7 === 0).map((r) => `${r[0]}\t${r[1]}\t.\t${r[2]}\t${r[3]}\t.\t.\t.`).join('\n') + '\n'
    const n = sh('bcftools', ['norm', '-c', 'e', '-f', p(FILES.reference), '-Ou', '-o', '/dev/null', '-'], vcf)
    expect(n.status, n.err).toBe(0)
    const score = new Map(rows.map((r) => [`${r[0]}:${r[1]}:${r[2]}:${r[3]}`, Number(r[4])]))
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const missense = res.clinvar.filter((v) => v.mc[1] === 'missense_variant' && !v.landmark).map((v) => ({ sig: v.clnsig, s: score.get(`${v.chrom}:${v.pos}:${v.ref}:${v.alt}`) }))
    expect(missense.every((m) => m.s !== undefined)).toBe(true)
    const pl = missense.filter((m) => /^(Pathogenic|Likely_pathogenic)/.test(m.sig)).map((m) => m.s!)
    const bl = missense.filter((m) => /enign/.test(m.sig)).map((m) => m.s!)
    expect(mean(pl)).toBeGreaterThan(mean(bl) + 0.3)
  })

  it('ClinVar and gnomAD agree: benign variants are common, pathogenic ones absent or rare', () => {
    const af = new Map(sh('bcftools', ['query', '-f', '%CHROM:%POS:%REF:%ALT\t%INFO/AF\n', p(FILES.population)]).out.trim().split('\n')
      .map((l) => l.split('\t')).map(([k, v]) => [k.replace(/^chr/, ''), Number(v)]))
    for (const v of res.clinvar) {
      if (v.landmark) continue
      const f = af.get(`${v.chrom}:${v.pos}:${v.ref}:${v.alt}`)
      if (v.clnsig === 'Benign') expect(f, `${v.variationId}`).toBeGreaterThanOrEqual(0.004)
      if (/^(Pathogenic|Likely_pathogenic)/.test(v.clnsig)) expect(f ?? 0).toBeLessThan(1e-4)
    }
  })

  it('bcftools csq, given our GFF3 and FASTA, calls the consequence every ClinVar-like MC says', () => {
    const r = sh('bash', ['-c', `set -o pipefail; bcftools csq -l -f ${p(FILES.reference)} -g ${p(FILES.genes)} ${p(FILES.clinvar)} -Ov 2>/dev/null | bcftools query -f '%ID\\t%INFO/MC\\t%INFO/BCSQ\\n'`])
    expect(r.status, r.err).toBe(0)
    const term: Record<string, string> = {
      missense_variant: 'missense', synonymous_variant: 'synonymous', stop_gained: 'stop_gained', frameshift_variant: 'frameshift',
      inframe_deletion: 'inframe_deletion', splice_donor_variant: 'splice_donor', splice_acceptor_variant: 'splice_acceptor',
      intron_variant: 'intron', '5_prime_UTR_variant': '5_prime_utr', '3_prime_UTR_variant': '3_prime_utr',
    }
    const canon = new Map(res.clinvar.map((v) => [String(v.variationId), v.gene.transcripts.find((t) => t.canonical)!.id]))
    const symbol = new Map(res.clinvar.map((v) => [String(v.variationId), v.gene.symbol]))
    const rows = r.out.trim().split('\n').map((l) => l.split('\t'))
    expect(rows.length).toBe(res.counts.clinvar)
    for (const [id, mc, bcsq] of rows) { // csq names no transcript for intron calls: matched by gene
      const want = term[mc.split('|')[1]]
      const calls = bcsq.split(',').map((c) => c.split('|')).filter((c) => c[2] === canon.get(id) || (c[2] === '' && c[1] === symbol.get(id))).flatMap((c) => c[0].split('&'))
      expect(calls, `${id} ${mc} ${bcsq}`).toContain(want)
    }
  })

  it('landmarks: HFE p.Cys282Tyr and TTR p.Val142Ile are pathogenic, at their codon, and common in nfe and afr', async () => {
    const ref = await Reference.open(p(FILES.reference), { window: 1 << 16 })
    const want = { 'HFE c.845G>A p.Cys282Tyr': ['nfe', 'C', 'Y', 282], 'TTR c.424G>A p.Val142Ile': ['afr', 'V', 'I', 142] } as const
    for (const [name, [grp, from, to, codon]] of Object.entries(want)) {
      const v = res.clinvar.find((x) => x.landmark === name)!
      expect(v.clnsig).toBe('Pathogenic')
      const q = sh('bcftools', ['query', '-r', `chr${v.chrom}:${v.pos}`, '-i', `REF="${v.ref}" && ALT="${v.alt}"`, '-f', '%INFO/AF\t%INFO/grpmax\t%INFO/nhomalt\n', p(FILES.population)]).out.trim().split('\t')
      expect(Number(q[0])).toBeGreaterThan(0.003)
      expect(q[1]).toBe(grp)
      expect(Number(q[2])).toBeGreaterThan(0)
      // the codon, read back from the FASTA through the GFF3 model
      const t = v.gene.transcripts.find((x) => x.canonical)!
      let cds = ''
      for (const x of t.exons) {
        const a = Math.max(x.start, t.cds!.start), b = Math.min(x.end, t.cds!.end)
        if (a <= b) cds += v.gene.strand === 1 ? (await ref.fetch(v.chrom, a - 1, b))! : revcomp((await ref.fetch(v.chrom, a - 1, b))!)
      }
      expect(translate(cds)[codon - 1]).toBe(from)
      expect(to).not.toBe(from)
    }
  })

  it('vartriage csq (when built) gives each ClinVar-like variant its designed consequence on the canonical transcript', async () => {
    const bin = resolve('dist/src/cli/bin.js')
    if (!existsSync(bin) || !existsSync('src/csq')) return
    const out = join(mkdtempSync(join(tmpdir(), 'vt-world-csq-')), 'csq.vcf')
    const r = await spawnAsync(process.execPath, [bin, 'csq', '-q', '-f', p(FILES.reference), '-g', p(FILES.genes), '-o', out, p(FILES.clinvar)])
    expect(r.status, r.err).toBe(0)
    const q = sh('bcftools', ['query', '-f', '%ID\t%INFO/MC\t%INFO/CSQ\n', out])
    expect(q.status, q.err).toBe(0)
    const canon = new Map(res.clinvar.map((v) => [String(v.variationId), v.gene.transcripts.find((t) => t.canonical)!.id]))
    const rows = q.out.trim().split('\n').map((l) => l.split('\t'))
    expect(rows.length).toBe(res.counts.clinvar)
    for (const [id, mc, csq] of rows) {
      const terms = csq.split(',').map((c) => c.split('|')).filter((c) => c[6] === canon.get(id)).flatMap((c) => c[1].split('&'))
      expect(terms, `${id} ${mc}`).toContain(mc.split('|')[1])
    }
  })

  it('the stop-gained ClinVar variants make a stop codon in the FASTA-read CDS (designed consequences hold)', async () => {
    const ref = await Reference.open(p(FILES.reference), { window: 1 << 16 })
    const stops = res.clinvar.filter((v) => v.mc[1] === 'stop_gained').slice(0, 60)
    expect(stops.length).toBeGreaterThan(20)
    for (const v of stops) {
      const t = v.gene.transcripts.find((x) => x.canonical)!
      let cds = ''
      const pos: number[] = []
      for (const x of t.exons) {
        const a = Math.max(x.start, t.cds!.start), b = Math.min(x.end, t.cds!.end)
        if (a > b) continue
        const s = (await ref.fetch(v.chrom, a - 1, b))!
        const idx = Array.from({ length: b - a + 1 }, (_, i) => a + i)
        if (v.gene.strand === 1) { cds += s; pos.push(...idx) } else { cds += revcomp(s); pos.push(...idx.reverse()) }
      }
      const i = pos.indexOf(v.pos)
      const alt = v.gene.strand === 1 ? v.alt : revcomp(v.alt)
      const mutated = cds.slice(0, i) + alt + cds.slice(i + 1)
      const c = Math.floor(i / 3) * 3
      expect(CODE.get(cds.slice(c, c + 3))).not.toBe('*')
      expect(CODE.get(mutated.slice(c, c + 3))).toBe('*')
    }
  })
})

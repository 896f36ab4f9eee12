#!/usr/bin/env bash
# annotate, csq and norm side by side with bcftools (and vcfanno), on one and two threads:
# one timed run per command (GNU time: wall, user + system CPU, peak RSS), outputs to
# /dev/null, after checking that 1 and 2 threads write the same bytes. Writes JSON lines to
# bench/data/jobs.jsonl (summarised in bench/RESULTS.md, "Annotation, consequences and
# normalisation on threads"). Needs bcftools, bgzip, tabix, samtools, vcfanno and
# `npm run build`. Data (bench/data, regenerated when missing):
#   x.vcf.gz     1,000,000 GATK trio records (generate-vcf.mjs --records 1000000 --samples 3 --seed 1)
#   pop.vcf.gz   ~700,000-site population VCF (generate-population.mjs --share 0.6 --extra 100000)
#   world/       vartriage world --seed 1 (GRCh38-shaped FASTA, Ensembl-style GFF3)
#   c.vcf.gz     a trio VCF over every 3rd site of the world's score table (REF from its FASTA)
#   norm/        generate-vcf.mjs --contigs small --seed 7 1,000,000 records + its pseudo-reference
set -euo pipefail
cd "$(dirname "$0")/.."
D=bench/data; mkdir -p "$D"
VT="node dist/src/cli/bin.js"
J=$D/jobs.jsonl
ONLY=${ONLY:-annotate,csq,norm}

[ -f $D/x.vcf.gz ] || node bench/generate-vcf.mjs --records 1000000 --samples 3 --seed 1 --out $D/x.vcf.gz
[ -f $D/pop.vcf.gz ] || node bench/generate-population.mjs --query $D/x.vcf.gz --share 0.6 --extra 100000 --seed 1 --out $D/pop.vcf.gz
[ -f $D/pop.store ] || $VT store build -q -f AF,AC,AN -o $D/pop.store $D/pop.vcf.gz
[ -d $D/world ] || $VT world -q --out $D/world --seed 1
if [ ! -f $D/c.vcf.gz ]; then
  gzip -dc $D/world/missense-scores.tsv.gz | awk -v OFS='\t' '
    BEGIN { srand(2); print "##fileformat=VCFv4.2"; print "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">"
      print "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tkid\tmum\tdad" }
    !/^#/ && NR % 3 == 0 { g[0] = "0/0"; g[1] = "0/1"; g[2] = "1/1"
      print $1, $2, ".", $3, $4, "50", "PASS", ".", "GT", g[int(rand() * 3)], g[int(rand() * 3)], g[int(rand() * 2)] }' | bgzip > $D/c.vcf.gz
  tabix -f -p vcf $D/c.vcf.gz
fi
if [ ! -f $D/norm/in.vcf.gz ]; then
  mkdir -p $D/norm
  node --input-type=module -e "
    import { createWriteStream, writeFileSync } from 'node:fs'
    import { once } from 'node:events'
    import { generateVcf, pseudoReference } from './bench/generate-vcf.mjs'
    const out = createWriteStream('$D/norm/in.vcf')
    let head = ''
    for (const chunk of generateVcf({ records: 1e6, samples: 3, seed: 7, contigs: 'small' })) { if (head.length < 20000) head += chunk; if (!out.write(chunk)) await once(out, 'drain') }
    out.end(); await once(out, 'finish')
    const parts = []
    for (const m of head.matchAll(/##contig=<ID=([^,>]+),length=(\d+)/g)) {
      parts.push('>' + m[1] + '\n')
      for (let s = 1; s <= Number(m[2]); s += 600000) parts.push(pseudoReference(m[1], s, Math.min(Number(m[2]), s + 599999)).replace(/(.{60})/g, '\$1\n').replace(/\n\$/, '') + '\n')
    }
    writeFileSync('$D/norm/ref.fa', parts.join(''))"
  bgzip -f $D/norm/in.vcf && samtools faidx $D/norm/ref.fa
fi

# one run: {"command", "wall_s", "cpu_s", "peak_rss_mb"}
measure() {
  local name=$1; shift
  /usr/bin/time -f '%e %U %S %M' -o $D/time.txt bash -c "$* > /dev/null 2> $D/err.txt" || { cat $D/err.txt >&2; exit 1; }
  read -r wall user sys rss < $D/time.txt
  awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" 'BEGIN { printf "{\"command\":\"%s\",\"wall_s\":%.2f,\"cpu_s\":%.2f,\"peak_rss_mb\":%d}\n", n, w, u + s, r / 1024 }' | tee -a "$J"
}
same() { # same stdout bytes (header command lines aside) for the given commands
  local first=""
  for c in "$@"; do
    local h; h=$(bash -c "$c" 2>/dev/null | grep -v '^##vartriage_' | md5sum | cut -d' ' -f1)
    if [ -z "$first" ]; then first=$h; elif [ "$h" != "$first" ]; then echo "jobs.sh: outputs differ: $c" >&2; exit 1; fi
  done
  echo "same output ($first): ${#@} commands" >&2
}

: > "$J"
COLS='INFO/POP_AF:=AF,INFO/POP_AC:=AC,INFO/POP_AN:=AN'
Q=$D/x.vcf.gz; P=$D/pop.vcf.gz; S=$D/pop.store
if [[ $ONLY == *annotate* ]]; then
  cat > $D/pop.toml <<TOML
[[annotation]]
file = "$P"
fields = ["AF", "AC", "AN"]
names = ["POP_AF", "POP_AC", "POP_AN"]
ops = ["self", "self", "self"]
TOML
  same "$VT annotate -q --threads 1 -a $P -c $COLS $Q" "$VT annotate -q --threads 2 -a $P -c $COLS $Q" "$VT annotate -q --threads 2 -a $S -c $COLS $Q"
  measure "vartriage annotate -a pop.vcf.gz (1 thread)" "$VT annotate -q --threads 1 -a $P -c $COLS $Q"
  measure "vartriage annotate -a pop.vcf.gz (2 threads)" "$VT annotate -q --threads 2 -a $P -c $COLS $Q"
  measure "vartriage annotate -a pop.store (1 thread)" "$VT annotate -q --threads 1 -a $S -c $COLS $Q"
  measure "vartriage annotate -a pop.store (2 threads)" "$VT annotate -q --threads 2 -a $S -c $COLS $Q"
  measure "bcftools annotate" "bcftools annotate --no-version -a $P -c $COLS $Q"
  measure "vcfanno -p 1" "vcfanno -p 1 $D/pop.toml $Q"
  measure "vcfanno -p 2" "vcfanno -p 2 $D/pop.toml $Q"
  measure "vartriage annotate -Oz (1 thread)" "$VT annotate -q -O z --threads 1 -a $P -c $COLS $Q"
  measure "vartriage annotate -Oz (2 threads)" "$VT annotate -q -O z --threads 2 -a $P -c $COLS $Q"
  measure "bcftools annotate -Oz" "bcftools annotate --no-version -O z -a $P -c $COLS $Q"
  measure "bcftools annotate -Oz --threads 2" "bcftools annotate --no-version -O z --threads 2 -a $P -c $COLS $Q"
fi
if [[ $ONLY == *csq* ]]; then
  W=$D/world; C=$D/c.vcf.gz
  same "$VT csq -q --threads 1 --format bcsq --resources $W $C" "$VT csq -q --threads 2 --format bcsq --resources $W $C"
  measure "vartriage csq --format bcsq (1 thread)" "$VT csq -q --threads 1 --format bcsq --resources $W $C"
  measure "vartriage csq --format bcsq (2 threads)" "$VT csq -q --threads 2 --format bcsq --resources $W $C"
  measure "vartriage csq VEP CSQ (1 thread)" "$VT csq -q --threads 1 --resources $W $C"
  measure "vartriage csq VEP CSQ (2 threads)" "$VT csq -q --threads 2 --resources $W $C"
  measure "bcftools csq -l" "bcftools csq -l -f $W/GRCh38.world.fa.gz -g $W/genes.gff3.gz $C"
fi
if [[ $ONLY == *norm* ]]; then
  N=$D/norm/in.vcf.gz; F=$D/norm/ref.fa
  same "$VT norm --threads 1 -m- -f $F $N" "$VT norm --threads 2 -m- -f $F $N"
  measure "vartriage norm -m- -f (1 thread)" "$VT norm --threads 1 -m- -f $F $N"
  measure "vartriage norm -m- -f (2 threads)" "$VT norm --threads 2 -m- -f $F $N"
  measure "bcftools norm -m- -f" "bcftools norm --no-version -m- -f $F $N"
fi

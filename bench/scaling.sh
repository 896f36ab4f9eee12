#!/usr/bin/env bash
# Thread scaling of the parallel engine: view -i, query -f, annotate and csq at --threads
# 1, 2, 4, 8, 16, one JSON line per run on stdout:
#   {"command":"view -i","threads":4,"records":2000000,"wall_s":1.234,"peak_rss_kb":210000}
# Self-contained: needs only node, the built dist/ (npm run build) and bench/'s generators;
# no bcftools, bgzip or tabix (files are compressed with vartriage's own BGZF writer).
# Data goes to a temp dir (removed at the end): a lean GATK trio (RECORDS, default 2,000,000),
# a population VCF made from 60% of its sites plus new ones (annotate: AF, AC, AN), and a
# synthetic world (vartriage world) whose score-table sites (every CSQ_EVERY-th, default 3:
# ~210k records) become a trio VCF for csq, REF alleles from the world's FASTA. About 3-5
# minutes on a 16-core machine.
#
#   bash bench/scaling.sh [> scaling.jsonl]      RECORDS=1000000 THREADS="1 2 4" bash bench/scaling.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VT=(node "$ROOT/dist/src/cli/bin.js")
RECORDS=${RECORDS:-2000000}
THREADS=${THREADS:-"1 2 4 8 16"}
[ -f "$ROOT/dist/src/cli/bin.js" ] || { echo "scaling.sh: run npm run build first" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/vt-scaling.XXXXXX")
trap 'rm -rf "$T"' EXIT
log() { echo "scaling.sh: $*" >&2; }

log "generating $RECORDS lean trio records in $T"
node "$ROOT/bench/generate-vcf.mjs" --shape lean --records "$RECORDS" --samples 3 --seed 1 --out "$T/q.vcf" >&2
"${VT[@]}" view -q --no-version -O z -o "$T/q.vcf.gz" "$T/q.vcf"
rm -f "$T/q.vcf"

log "population VCF (60% of the query's sites, AF/AC/AN, plus new sites)"
"${VT[@]}" query -f '%CHROM\t%POS\t%REF\t%ALT\n' "$T/q.vcf.gz" | awk -v OFS='\t' '
  BEGIN { srand(1); print "##fileformat=VCFv4.2"
    print "##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">"
    print "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count\">"
    print "##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Allele number\">"
    print "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO" }
  {
    # a new site between query sites now and then (sorted: its position is this one plus 0)
    if (rand() < 0.1) print $1, $2, ".", $3, ($3 == "A" ? "T" : "A"), ".", "PASS", "AC=3;AN=152000;AF=1.97368e-05"
    if (rand() < 0.6) { n = split($4, a, ","); ac = ""; af = ""
      for (k = 1; k <= n; k++) { c = int(rand() * 500); ac = ac (k > 1 ? "," : "") c; af = af (k > 1 ? "," : "") sprintf("%.6g", c / 152000) }
      print $1, $2, ".", $3, $4, ".", "PASS", "AC=" ac ";AN=152000;AF=" af }
  }' > "$T/pop.vcf"
"${VT[@]}" view -q --no-version -O z -o "$T/pop.vcf.gz" "$T/pop.vcf"
rm -f "$T/pop.vcf"

log "synthetic world (reference, genes) and a trio VCF over its score-table sites"
"${VT[@]}" world -q --out "$T/world" --seed 1 >&2
gzip -dc "$T/world/missense-scores.tsv.gz" | awk -v OFS='\t' -v CSQ_EVERY="${CSQ_EVERY:-3}" '
  BEGIN { srand(2); print "##fileformat=VCFv4.2"
    print "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">"
    print "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tkid\tmum\tdad" }
  !/^#/ && NR % CSQ_EVERY == 0 { g[0] = "0/0"; g[1] = "0/1"; g[2] = "1/1"
    print $1, $2, ".", $3, $4, "50", "PASS", ".", "GT", g[int(rand() * 3)], g[int(rand() * 3)], g[int(rand() * 2)] }' > "$T/c.vcf"
"${VT[@]}" view -q --no-version -O z -o "$T/c.vcf.gz" "$T/c.vcf"
rm -f "$T/c.vcf"
CSQ_RECORDS=$(gzip -dc "$T/c.vcf.gz" | grep -vc '^#')

# one run: wall seconds and peak RSS (GNU time -v when present), as a JSON line
run() {
  local name=$1 threads=$2 records=$3; shift 3
  local start end rss="null"
  start=$(date +%s.%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$T/time.txt" "$@" > /dev/null 2> "$T/err.txt" || { cat "$T/err.txt" >&2; exit 1; }
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time.txt")
  else
    "$@" > /dev/null 2> "$T/err.txt" || { cat "$T/err.txt" >&2; exit 1; }
  fi
  end=$(date +%s.%N)
  printf '{"command":"%s","threads":%d,"records":%d,"wall_s":%.3f,"peak_rss_kb":%s}\n' "$name" "$threads" "$records" "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')" "$rss"
}

W="$T/world"
for t in $THREADS; do
  run "view -i" "$t" "$RECORDS" "${VT[@]}" view -q --threads "$t" -i 'INFO/AF<0.01 && FMT/GQ>=20 && GT="alt"' "$T/q.vcf.gz"
  run "query -f" "$t" "$RECORDS" "${VT[@]}" query -q --threads "$t" -f '%CHROM\t%POS\t%REF\t%ALT[\t%GT]\n' "$T/q.vcf.gz"
  run "annotate -a pop.vcf.gz" "$t" "$RECORDS" "${VT[@]}" annotate -q --threads "$t" -a "$T/pop.vcf.gz" -c 'INFO/POP_AF:=AF,INFO/POP_AC:=AC,INFO/POP_AN:=AN' "$T/q.vcf.gz"
  run "csq (VEP CSQ)" "$t" "$CSQ_RECORDS" "${VT[@]}" csq -q --threads "$t" --resources "$W" "$T/c.vcf.gz"
  run "csq --format bcsq" "$t" "$CSQ_RECORDS" "${VT[@]}" csq -q --threads "$t" --format bcsq --resources "$W" "$T/c.vcf.gz"
done

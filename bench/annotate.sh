#!/usr/bin/env bash
# Annotation benchmark (bench/RESULTS.md, "Annotation (annotate, store)"): vartriage annotate
# against bcftools annotate and vcfanno on one thread, the same three fields, plain VCF (and
# BGZF) output to /dev/null; hyperfine runs them side by side. Needs bench/data/x.vcf.gz
# (generate-vcf.mjs --records 1000000 --samples 3 --seed 1) and bench/data/pop.vcf.gz
# (generate-population.mjs --query bench/data/x.vcf.gz --share 0.6 --extra 100000 --seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
Q=bench/data/x.vcf.gz; P=bench/data/pop.vcf.gz; S=bench/data/pop.store
COLS='INFO/POP_AF:=AF,INFO/POP_AC:=AC,INFO/POP_AN:=AN'
VT="node dist/src/cli/bin.js"
[ -f "$S" ] || $VT store build -q -f AF,AC,AN -o "$S" "$P"
cat > bench/data/pop.toml <<TOML
[[annotation]]
file = "$P"
fields = ["AF", "AC", "AN"]
names = ["POP_AF", "POP_AC", "POP_AN"]
ops = ["self", "self", "self"]
TOML
RUNS=${RUNS:-3}
hyperfine --runs "$RUNS" --export-json bench/data/annotate-hyperfine.json \
  -n 'vartriage annotate -a pop.vcf.gz' "$VT annotate -q -a $P -c $COLS $Q > /dev/null" \
  -n 'vartriage annotate -a pop.store' "$VT annotate -q -a $S -c $COLS $Q > /dev/null" \
  -n 'bcftools annotate' "bcftools annotate --no-version -a $P -c $COLS $Q > /dev/null" \
  -n 'vcfanno -p 1' "vcfanno -p 1 bench/data/pop.toml $Q > /dev/null 2>&1" \
  -n 'vartriage annotate -Oz' "$VT annotate -q -O z -a $P -c $COLS $Q > /dev/null" \
  -n 'bcftools annotate -Oz' "bcftools annotate --no-version -O z -a $P -c $COLS $Q > /dev/null"
for c in "$VT annotate -q -a $P -c $COLS $Q" "$VT annotate -q -a $S -c $COLS $Q" "bcftools annotate --no-version -a $P -c $COLS $Q" "vcfanno -p 1 bench/data/pop.toml $Q"; do
  /usr/bin/time -f "%M KB peak RSS, %U s user: $c" bash -c "$c > /dev/null 2>/dev/null"
done

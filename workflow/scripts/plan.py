"""Scatter plan for the Snakefile: the VCF's contigs in header order, cut into contiguous,
length-balanced groups. Contiguous groups in header order are what make the gather a plain
concatenation: a sorted VCF lists its records in header contig order, so shard k's records
all come before shard k+1's."""
import gzip
import json
import re
import sys

CONTIG = re.compile(r'^##contig=<(.*)>$')


def header_contigs(vcf):
    """(name, length) per ##contig line; reads the header only (gzip reads BGZF members in turn)."""
    opener = gzip.open if vcf.endswith('.gz') else open
    out = []
    with opener(vcf, 'rt') as f:
        for line in f:
            if not line.startswith('##'):
                break
            m = CONTIG.match(line.rstrip('\n'))
            if not m:
                continue
            fields = dict(kv.split('=', 1) for kv in re.findall(r'(\w+=(?:"[^"]*"|[^,]*))', m.group(1)))
            if 'ID' not in fields:
                continue
            out.append((fields['ID'], int(fields.get('length', '0') or 0)))
    if not out:
        raise SystemExit(f'{vcf}: no ##contig lines in the header: the workflow scatters by contig and needs them')
    return out


def groups(contigs, n):
    """At most n contiguous groups; a contig goes to the group in which its length midpoint falls,
    so one long contig never drags its neighbours along. Contigs without a length weigh 1."""
    weights = [max(length, 1) for _, length in contigs]
    total = sum(weights)
    n = max(1, min(n, len(contigs)))
    out = [[] for _ in range(n)]
    acc = 0
    for (name, _), w in zip(contigs, weights):
        k = min(n - 1, int((acc + w / 2) * n / total))
        out[k].append(name)
        acc += w
    return [g for g in out if g]


if __name__ == '__main__':
    vcf, n = sys.argv[1], int(sys.argv[2])
    json.dump(groups(header_contigs(vcf), n), sys.stdout)
    sys.stdout.write('\n')

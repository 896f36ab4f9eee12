// Protein changes in the short one-letter form that CIViC, OncoKB and COSMIC name variants by
// (V600E, G12D, R213*, K4Sfs*12), from the HGVS p. that src/csq writes (ENSP…:p.Val600Glu).
const AA1: Record<string, string> = {
  Ala: 'A', Arg: 'R', Asn: 'N', Asp: 'D', Cys: 'C', Gln: 'Q', Glu: 'E', Gly: 'G', His: 'H', Ile: 'I', Leu: 'L', Lys: 'K',
  Met: 'M', Phe: 'F', Pro: 'P', Ser: 'S', Thr: 'T', Trp: 'W', Tyr: 'Y', Val: 'V', Sec: 'U', Pyl: 'O', Ter: '*', Xaa: 'X',
}

/** `ENSP…:p.Val600Glu` → `V600E`; undefined when there is no p. or it has no residue (`p.?`, `p.=`). */
export function shortProtein(hgvsp: string | undefined): string | undefined {
  if (!hgvsp) return undefined
  const at = hgvsp.indexOf(':p.')
  let p = at >= 0 ? hgvsp.slice(at + 3) : hgvsp.replace(/^p\./, '')
  p = p.replace(/^\((.*)\)$/, '$1').replace(/%3D/g, '=')
  if (!/[A-Z][a-z]{2}\d/.test(p)) return undefined
  return p.replace(/([A-Z][a-z]{2})/g, (m) => AA1[m] ?? m)
}

/** A one-letter missense or nonsense change: residue, position, new residue (`V600E` → ['V', 600, 'E']). */
export function parseChange(s: string): [string, number, string] | undefined {
  const m = /^([A-Z*])(\d+)([A-Z*])$/.exec(s)
  return m ? [m[1], Number(m[2]), m[3]] : undefined
}

/** A residue without the change (`V600`, `G12`): any change at that position. */
export function parseResidue(s: string): [string, number] | undefined {
  const m = /^([A-Z])(\d+)$/.exec(s)
  return m ? [m[1], Number(m[2])] : undefined
}

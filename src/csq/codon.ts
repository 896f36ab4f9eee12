// Genetic code tables (bcftools csq's, indexed AAA, AAC, …, TTT) and codon helpers.
export interface GeneticCode { id: number; name: string; code: string; stop: string }

export const GENETIC_CODES: GeneticCode[] = [
  { id: 0, name: 'Standard simplified', code: 'KNKNTTTTRSRSIIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSS*CWCLFLF', stop: '--------------M---------------------------------*-*-----*-------' },
  { id: 1, name: 'Standard', code: 'KNKNTTTTRSRSIIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSS*CWCLFLF', stop: '--------------M---------------M-----------------*-*-----*-----M-' },
  { id: 2, name: 'Vertebrate Mitochondrial', code: 'KNKNTTTT*S*SMIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSSWCWCLFLF', stop: '--------*-*-MMMM------------------------------M-*-*-------------' },
  { id: 3, name: 'Yeast Mitochondrial', code: 'KNKNTTTTRSRSMIMIQHQHPPPPRRRRTTTTEDEDAAAAGGGGVVVV*Y*YSSSSWCWCLFLF', stop: '------------M-M-------------------------------M-*-*-------------' },
  { id: 4, name: 'Mold Mitochondrial; Protozoan Mitochondrial; Coelenterate Mitochondrial; Mycoplasma; Spiroplasma', code: 'KNKNTTTTRSRSIIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSSWCWCLFLF', stop: '------------MMMM--------------M---------------M-*-*---------M-M-' },
  { id: 5, name: 'Invertebrate Mitochondrial', code: 'KNKNTTTTSSSSMIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSSWCWCLFLF', stop: '------------MMMM------------------------------M-*-*-----------M-' },
  { id: 11, name: 'Bacterial, Archaeal and Plant Plastid', code: 'KNKNTTTTRSRSIIMIQHQHPPPPRRRRLLLLEDEDAAAAGGGGVVVV*Y*YSSSS*CWCLFLF', stop: '------------MMMM--------------M---------------M-*-*-----*-----M-' },
]

const NT4 = new Uint8Array(256).fill(4)
NT4[65] = 0; NT4[67] = 1; NT4[71] = 2; NT4[84] = 3
NT4[97] = 0; NT4[99] = 1; NT4[103] = 2; NT4[116] = 3

/** Codon lookups for one table: forward (coding strand) and reverse-complement. */
export class Codons {
  private readonly codeC: Uint8Array
  private readonly stopC: Uint8Array
  constructor(readonly gc: GeneticCode = GENETIC_CODES[0]) {
    this.codeC = Uint8Array.from(gc.code, (c) => c.charCodeAt(0))
    this.stopC = Uint8Array.from(gc.stop, (c) => c.charCodeAt(0))
  }
  private idx(a: number, b: number, c: number): number {
    const x = NT4[a], y = NT4[b], z = NT4[c]
    return x > 3 || y > 3 || z > 3 ? -1 : (x << 4) | (y << 2) | z
  }
  /** Amino acid of codon s[i..i+3] on the forward strand ('X' for ambiguous bases). */
  aa(s: string, i: number): string {
    const k = this.idx(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2))
    return k < 0 ? 'X' : this.gc.code[k]
  }
  stop(s: string, i: number): string {
    const k = this.idx(s.charCodeAt(i), s.charCodeAt(i + 1), s.charCodeAt(i + 2))
    return k < 0 ? '-' : this.gc.stop[k]
  }
  /** Amino acid of the reverse complement of s[i..i+3]. */
  caa(s: string, i: number): string {
    const k = this.idx(comp(s.charCodeAt(i + 2)), comp(s.charCodeAt(i + 1)), comp(s.charCodeAt(i)))
    return k < 0 ? 'X' : this.gc.code[k]
  }
  cstop(s: string, i: number): string {
    const k = this.idx(comp(s.charCodeAt(i + 2)), comp(s.charCodeAt(i + 1)), comp(s.charCodeAt(i)))
    return k < 0 ? '-' : this.gc.stop[k]
  }
  /** Amino-acid and stop-mark char codes of the codon (a, b, c) given as char codes; `rev` reverse-complements it first. */
  codes(a: number, b: number, c: number, rev: boolean): number {
    const k = rev ? this.idx(comp(c), comp(b), comp(a)) : this.idx(a, b, c)
    // aa in the low byte, stop mark in the next
    return k < 0 ? 88 | (45 << 8) : this.codeC[k] | (this.stopC[k] << 8)
  }

  /** Translation of a coding-strand sequence (whole codons). */
  translate(s: string): string {
    let out = ''
    for (let i = 0; i + 3 <= s.length; i += 3) out += this.aa(s, i)
    return out
  }
}

function comp(c: number): number {
  switch (c) {
    case 65: case 97: return 84
    case 67: case 99: return 71
    case 71: case 103: return 67
    case 84: case 116: return 65
    default: return 78
  }
}

export function revcomp(s: string): string {
  let out = ''
  for (let i = s.length - 1; i >= 0; i--) out += String.fromCharCode(comp(s.charCodeAt(i)))
  return out
}

export const AA3: Record<string, string> = {
  A: 'Ala', R: 'Arg', N: 'Asn', D: 'Asp', C: 'Cys', Q: 'Gln', E: 'Glu', G: 'Gly', H: 'His', I: 'Ile', L: 'Leu', K: 'Lys',
  M: 'Met', F: 'Phe', P: 'Pro', S: 'Ser', T: 'Thr', W: 'Trp', Y: 'Tyr', V: 'Val', '*': 'Ter', X: 'Xaa', U: 'Sec',
}

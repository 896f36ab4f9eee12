// Filter expression evaluator: a port of bcftools filter.c token semantics (pass_site,
// pass_samples, usmpl, missing_logic) to a stack machine run once per batch.
// The host compiles the expression to RPN (src/expr/compile.ts); opcodes must match.
import { colPtr, COL_POS, COL_QUAL, COL_N_ALLELE, COL_VTYPE, COL_RLEN, COL_FILTER_START, COL_FILTER_END,
  COL_ID_START, COL_ID_END, COL_CHROM, COL_REF_START, COL_REF_END, COL_ALT_START, COL_ALT_END, inPtr } from '../batch'
import { info, fmt, f64Pool, i32Pool, T_FLAG, T_STRING } from '../parse/tags'
import { F32_MISSING, F64_MISSING, F64_VECTOR_END, GT_VECTOR_END, isMissingOrEnd } from '../values'
import { alloc, grow } from '../buffers'
import { contigNamesPtr, contigOffsPtr } from '../parse/contigs'

export const OP_CONST: i32 = 1 // constIndex count
export const OP_QUAL: i32 = 2
export const OP_POS: i32 = 3
export const OP_NALT: i32 = 4
export const OP_NSAMPLES: i32 = 5
export const OP_TYPE: i32 = 6
export const OP_RLEN: i32 = 7
export const OP_INFO: i32 = 8 // tag valueIdx mode
export const INFO_SCALAR: i32 = 0, INFO_INT_VECTOR: i32 = 1, INFO_FLOAT_VECTOR: i32 = 2
export const OP_INFO_FLAG: i32 = 9 // tag
export const OP_FMT: i32 = 10 // tag valueIdx mask
export const OP_GT_CLASS: i32 = 11 // kind(2|3|4) mask
export const OP_CMP: i32 = 12 // cmpOp mask
export const OP_AND: i32 = 13 // vec(0 '&', 1 '&&') mask
export const OP_OR: i32 = 14 // vec(0 '|', 1 '||') mask
export const OP_NOT: i32 = 15 // mask
export const OP_FILTER: i32 = 16 // cmpOp strIndex
export const OP_STR: i32 = 17 // field tag cmpOp strIndex   (field: 0 INFO string, 1 ID, 2 CHROM, 3 REF, 4 ALT)
// Short-circuit for AND: if the left operand failed at site level, skip to `target` (an
// instruction index) leaving it as the result; pass_site would be false either way.
export const OP_JUMP_IF_FALSE: i32 = 18 // target perSample mask

export const CMP_EQ: i32 = 0, CMP_NE: i32 = 1, CMP_LT: i32 = 2, CMP_LE: i32 = 3, CMP_GT: i32 = 4, CMP_GE: i32 = 5,
  CMP_LIKE: i32 = 6, CMP_NLIKE: i32 = 7

// GT class codes (bcftools' "hom", "het", … strings), "." is missing
export const GTC_MIS: f64 = 1, GTC_ALT: f64 = 2, GTC_REF: f64 = 3, GTC_HAP: f64 = 4, GTC_HOM: f64 = 5, GTC_HET: f64 = 6,
  GTC_R: f64 = 7, GTC_A: f64 = 8, GTC_RR: f64 = 9, GTC_AA: f64 = 10, GTC_RA: f64 = 11, GTC_AAX: f64 = 12

const MAX_SLOTS: i32 = 256
// token slots, one per program instruction (like bcftools' filter->filters[])
const tNs = new StaticArray<i32>(MAX_SLOTS)
const tNv = new StaticArray<i32>(MAX_SLOTS)
const tNv1 = new StaticArray<i32>(MAX_SLOTS)
const tVals = new StaticArray<usize>(MAX_SLOTS)
const tPass = new StaticArray<i32>(MAX_SLOTS)
const tPassS = new StaticArray<usize>(MAX_SLOTS)
const tUsmpl = new StaticArray<usize>(MAX_SLOTS)
const tBuf = new StaticArray<usize>(MAX_SLOTS) // owned scratch values
const tBufCap = new StaticArray<i32>(MAX_SLOTS)
const stack = new StaticArray<i32>(MAX_SLOTS)

let nSamples: i32 = 0
let passSPool: usize = 0
let allMask: usize = 0
let maskPool: usize = 0 // host-written u8 masks, nSamples bytes each
let constPool: usize = 0 // f64
let strPool: usize = 0 // host bytes; strIndex -> (off,len) i32 pairs at strIdx
let strIdx: usize = 0

export function vmSetSamples(n: i32): void {
  nSamples = n
  const sz = <usize>(n > 0 ? n : 1)
  passSPool = alloc(sz * <usize>MAX_SLOTS)
  allMask = alloc(sz)
  memory.fill(allMask, 1, sz)
}

/** Host-owned areas for a compiled program: masks, f64 constants, strings. */
export function vmArea(kind: i32, bytes: i32): usize {
  const p = alloc(<usize>bytes)
  if (kind == 0) maskPool = p
  else if (kind == 1) constPool = p
  else if (kind == 2) strPool = p
  else if (kind == 3) strIdx = p
  return p // kind 4: program code, 5: result bytes (host keeps the pointers)
}

// @ts-ignore: decorator
@inline function maskPtr(m: i32): usize { return m < 0 ? allMask : maskPool + <usize>m * <usize>nSamples }
// @ts-ignore: decorator
@inline function miss(p: usize): i32 { return isMissingOrEnd(load<u64>(p)) ? 1 : 0 }

function slotValues(slot: i32, n: i32): usize {
  if (n > unchecked(tBufCap[slot])) {
    const c = n < 16 ? 16 : n * 2
    unchecked(tBuf[slot] = grow(unchecked(tBuf[slot]), 0, <usize>c << 3))
    unchecked(tBufCap[slot] = c)
  }
  return unchecked(tBuf[slot])
}

// @ts-ignore: decorator
@inline function cmpNum(op: i32, a: f64, b: f64): bool {
  // "Ugly, see #871": bcftools compares as float unless a value exceeds 2^24
  if (!(a > 16777216 || b > 16777216)) { a = <f64><f32>a; b = <f64><f32>b }
  if (op == CMP_EQ) return a == b
  if (op == CMP_NE) return a != b
  if (op == CMP_LT) return a < b
  if (op == CMP_LE) return a <= b
  if (op == CMP_GT) return a > b
  return a >= b
}

/**
 * Evaluates the program for records [0, n); writes 1/0 per record to out and, when
 * sampleOut != 0, the final token's per-sample pass bytes (n x nSamples), as bcftools'
 * filter_test hands them to `query` (a site-level result applies to every sample).
 */
export function vmEval(prog: usize, progLen: i32, n: i32, out: usize, sampleOut: usize, sel: usize): i32 {
  vmError = 0
  for (let rec = 0; rec < n; rec++) {
    // records outside the requested regions (sel byte 0) are not evaluated: bcftools never
    // sees them, so they can neither pass nor stop the run with an error
    if (sel != 0 && load<u8>(sel + <usize>rec) == 0) {
      store<u8>(out + <usize>rec, 0)
      if (sampleOut != 0 && nSamples != 0) memory.fill(sampleOut + <usize>rec * <usize>nSamples, 0, <usize>nSamples)
      continue
    }
    const pass = evalRecord(prog, progLen, rec)
    // bcftools stops with "Incompatible number of per-sample values in comparison": so do we,
    // returning the 1-based record index to the host
    if (vmError != 0) return rec + 1
    store<u8>(out + <usize>rec, pass ? 1 : 0)
    if (sampleOut == 0 || nSamples == 0) continue
    const dst = sampleOut + <usize>rec * <usize>nSamples
    const top = lastSlot
    if (unchecked(tNs[top]) == 0) memory.fill(dst, pass ? 1 : 0, <usize>nSamples)
    else memory.copy(dst, unchecked(tPassS[top]), <usize>nSamples)
  }
  return 0
}
let lastSlot: i32 = 0
let vmError: i32 = 0

function setSite(slot: i32, vals: usize, nv: i32): void {
  unchecked(tNs[slot] = 0); unchecked(tNv[slot] = nv); unchecked(tNv1[slot] = nv); unchecked(tVals[slot] = vals)
}

function evalRecord(prog: usize, progLen: i32, rec: i32): bool {
  let sp = 0
  let pc = 0
  const ri = <usize>rec << 2
  while (pc < progLen) {
    const slot = pc / 5 // one token slot per instruction, like bcftools' filter->filters[]
    const op = load<i32>(prog + (<usize>pc << 2))
    const a1 = load<i32>(prog + (<usize>(pc + 1) << 2))
    const a2 = load<i32>(prog + (<usize>(pc + 2) << 2))
    const a3 = load<i32>(prog + (<usize>(pc + 3) << 2))
    const a4 = load<i32>(prog + (<usize>(pc + 4) << 2))
    pc += 5
    if (op == OP_JUMP_IF_FALSE) {
      if (!unchecked(tPass[unchecked(stack[sp - 1])])) {
        // write the AND's own token (instruction a1 - 1): failed, per-sample when a2 says so,
        // with no sample passing (tok_init_samples in vector_logic_and), and replace the left
        // operand with it on the stack
        const r = a1 - 1
        const ps = passSPool + <usize>r * <usize>(nSamples > 0 ? nSamples : 1)
        unchecked(tPass[r] = 0); unchecked(tNv[r] = 0); unchecked(tPassS[r] = ps); unchecked(tUsmpl[r] = maskPtr(a3))
        unchecked(tNs[r] = a2 != 0 ? nSamples : 0)
        if (a2 != 0 && nSamples > 0) memory.fill(ps, 0, <usize>nSamples)
        unchecked(stack[sp - 1] = r)
        pc = a1 * 5
      }
      continue
    }
    unchecked(tPass[slot] = 0)
    unchecked(tPassS[slot] = passSPool + <usize>slot * <usize>(nSamples > 0 ? nSamples : 1))
    unchecked(tUsmpl[slot] = allMask)
    if (op == OP_CONST) {
      setSite(slot, constPool + (<usize>a1 << 3), a2)
    } else if (op == OP_QUAL) {
      const v = slotValues(slot, 1)
      const bits = load<u32>(colPtr(COL_QUAL) + ri)
      if (bits == F32_MISSING) store<u64>(v, F64_MISSING); else store<f64>(v, <f64>load<f32>(colPtr(COL_QUAL) + ri))
      setSite(slot, v, 1)
    } else if (op == OP_POS || op == OP_NALT || op == OP_NSAMPLES || op == OP_TYPE || op == OP_RLEN) {
      const v = slotValues(slot, 1)
      let x: f64 = 0
      if (op == OP_POS) x = load<f64>(colPtr(COL_POS) + (ri << 1))
      else if (op == OP_NALT) x = <f64>(load<i32>(colPtr(COL_N_ALLELE) + ri) - 1)
      else if (op == OP_NSAMPLES) x = <f64>nSamples
      else if (op == OP_RLEN) x = <f64>load<i32>(colPtr(COL_RLEN) + ri)
      else { const t = load<i32>(colPtr(COL_VTYPE) + ri); x = t == 0 ? 1 : <f64>(t << 1) }
      store<f64>(v, x)
      setSite(slot, v, 1)
    } else if (op == OP_INFO) {
      const cnt = load<i32>(unchecked(info.colA[a1]) + ri)
      const at = load<i32>(unchecked(info.colB[a1]) + ri)
      if (cnt <= 0) setSite(slot, 0, 0)
      else if (a2 >= 0 && a3 != INFO_SCALAR) {
        // TAG[i] (bcf_get_info_value): a one-value tag yields that value whatever i is, with a
        // missing integer read as INT32_MIN and a missing float as a plain NaN
        const v = slotValues(slot, 1)
        if (cnt == 1 || a2 < cnt) {
          const b = load<u64>(f64Pool + (<usize>(at + (cnt == 1 ? 0 : a2)) << 3))
          if (!isMissingOrEnd(b)) { store<u64>(v, b); setSite(slot, v, 1) }
          else if (cnt > 1) setSite(slot, 0, 0)
          else { store<f64>(v, a3 == INFO_INT_VECTOR ? -2147483648 : NaN); setSite(slot, v, 1) }
        } else setSite(slot, 0, 0)
      } else if (a3 == INFO_SCALAR) {
        // Number=1 (filters_set_info): a missing value means no value
        const p = f64Pool + (<usize>at << 3)
        setSite(slot, p, isMissingOrEnd(load<u64>(p)) ? 0 : 1)
      } else if (a3 == INFO_INT_VECTOR) {
        // bcf_get_info_int32 hands bcftools missing integers as INT32_MIN, compared as a number
        const v = slotValues(slot, cnt)
        for (let k = 0; k < cnt; k++) {
          const b = load<u64>(f64Pool + (<usize>(at + k) << 3))
          if (isMissingOrEnd(b)) store<f64>(v + (<usize>k << 3), -2147483648); else store<u64>(v + (<usize>k << 3), b)
        }
        setSite(slot, v, cnt)
      } else setSite(slot, f64Pool + (<usize>at << 3), cnt)
    } else if (op == OP_INFO_FLAG) {
      const v = slotValues(slot, 1)
      store<f64>(v, load<i32>(unchecked(info.colA[a1]) + ri) > 0 ? 1 : 0)
      setSite(slot, v, 1)
    } else if (op == OP_FMT) {
      loadFormat(slot, a1, a2, ri, a4 > 0 ? maskPool + <usize>(a4 - 1) * <usize>nSamples : 0)
      unchecked(tUsmpl[slot] = maskPtr(a3))
    } else if (op == OP_GT_CLASS) {
      loadGtClass(slot, a1, a2, ri)
      unchecked(tUsmpl[slot] = maskPtr(a2))
    } else if (op == OP_CMP) {
      const b = unchecked(stack[--sp]), a = unchecked(stack[--sp])
      unchecked(tUsmpl[slot] = maskPtr(a2))
      compare(a, b, slot, a1)
    } else if (op == OP_AND || op == OP_OR) {
      const b = unchecked(stack[--sp]), a = unchecked(stack[--sp])
      unchecked(tUsmpl[slot] = maskPtr(a2))
      if (op == OP_AND) logicAnd(a, b, slot, a1 == 1); else logicOr(a, b, slot, a1 == 1)
    } else if (op == OP_NOT) {
      const a = unchecked(stack[--sp])
      unchecked(tUsmpl[slot] = maskPtr(a1))
      logicNot(a, slot)
    } else if (op == OP_FILTER) {
      unchecked(tNs[slot] = 0); unchecked(tNv[slot] = 0)
      unchecked(tPass[slot] = filterCmp(rec, a1, a2) ? 1 : 0)
    } else if (op == OP_STR) {
      unchecked(tNs[slot] = 0); unchecked(tNv[slot] = 0)
      unchecked(tPass[slot] = strCmp(rec, a1, a2, a3, a4) ? 1 : 0)
    }
    unchecked(stack[sp++] = slot)
  }
  lastSlot = sp > 0 ? unchecked(stack[sp - 1]) : 0
  return sp > 0 && unchecked(tPass[lastSlot]) != 0
}

/**
 * FORMAT values of one record. htslib sizes a FORMAT vector by the longest sample (not by the
 * header's Number, which the parser pre-allocates), and with `visible` (the -s subset of
 * `query`; 0: all samples) only the kept samples count, since htslib subsets while reading.
 * Shorter samples are padded with vector-end (read as missing) only up to that length.
 */
function loadFormat(slot: i32, tg: i32, vi: i32, ri: usize, visible: usize): void {
  let stride = load<i32>(unchecked(fmt.colA[tg]) + ri)
  unchecked(tNs[slot] = nSamples)
  if (stride == 0 || nSamples == 0) { unchecked(tNv[slot] = 0); unchecked(tNv1[slot] = 0); return }
  let base = f64Pool + (<usize>load<i32>(unchecked(fmt.colB[tg]) + ri) << 3)
  if (stride > 1 && vi < 0) {
    let n1 = 0
    for (let s = 0; s < nSamples; s++) {
      if (visible != 0 && !load<u8>(visible + <usize>s)) continue
      let k = stride
      while (k > n1 && load<u64>(base + (<usize>(s * stride + k - 1) << 3)) == F64_VECTOR_END) k--
      if (k > n1) n1 = k
    }
    if (n1 == 0) n1 = 1
    if (n1 < stride) {
      const v = slotValues(slot, n1 * nSamples)
      for (let s = 0; s < nSamples; s++) memory.copy(v + (<usize>(s * n1) << 3), base + (<usize>(s * stride) << 3), <usize>n1 << 3)
      base = v
      stride = n1
    }
  }
  if (vi < 0) {
    unchecked(tVals[slot] = base); unchecked(tNv1[slot] = stride); unchecked(tNv[slot] = stride * nSamples)
    return
  }
  const v = slotValues(slot, nSamples)
  for (let s = 0; s < nSamples; s++) {
    const src = base + (<usize>(s * stride + vi) << 3)
    store<u64>(v + (<usize>s << 3), vi >= stride ? F64_MISSING : load<u64>(src))
  }
  unchecked(tVals[slot] = v); unchecked(tNv1[slot] = 1); unchecked(tNv[slot] = nSamples)
}

/** GT -> bcftools class per sample (filters_set_genotype2/3/4). */
function loadGtClass(slot: i32, kind: i32, gtTag: i32, ri: usize): void {
  // gtTag travels in the high bits of kind: kind = k | (tag << 4)
  const tg = kind >> 4
  kind &= 15
  const stride = load<i32>(unchecked(fmt.colA[tg]) + ri)
  unchecked(tNs[slot] = nSamples)
  if (stride == 0 || nSamples == 0) { unchecked(tNv[slot] = 0); unchecked(tNv1[slot] = 0); return }
  const base = i32Pool + (<usize>load<i32>(unchecked(fmt.colB[tg]) + ri) << 2)
  const v = slotValues(slot, nSamples)
  for (let s = 0; s < nSamples; s++) {
    const p = base + (<usize>(s * stride) << 2)
    let isHet = false, hasRef = false, missing = false
    let j = 0
    for (; j < stride; j++) {
      const g = load<i32>(p + (<usize>j << 2))
      if (g == GT_VECTOR_END) break
      if ((g >> 1) == 0) { missing = true; break }
      const al = (g >> 1) - 1
      if (al == 0) hasRef = true
      if (j > 0 && al != (load<i32>(p + (<usize>(j - 1) << 2)) >> 1) - 1) isHet = true
    }
    let c: f64
    if (kind == 4) c = (j == 0 || missing) ? GTC_MIS : !hasRef ? GTC_ALT : !isHet ? GTC_REF : GTC_ALT
    else if (j == 0 || missing) c = reinterpret<f64>(F64_MISSING)
    else if (kind == 3) c = j == 1 ? GTC_HAP : !isHet ? GTC_HOM : GTC_HET
    else if (j == 1) c = hasRef ? GTC_R : GTC_A
    else if (!isHet) c = hasRef ? GTC_RR : GTC_AA
    else c = hasRef ? GTC_RA : GTC_AAX
    if (c != c) store<u64>(v + (<usize>s << 3), F64_MISSING); else store<f64>(v + (<usize>s << 3), c)
  }
  unchecked(tVals[slot] = v); unchecked(tNv1[slot] = 1); unchecked(tNv[slot] = nSamples)
}

function compare(a: i32, b: i32, r: i32, op: i32): void {
  const ans = unchecked(tNs[a]), bns = unchecked(tNs[b])
  const anv = unchecked(tNv[a]), bnv = unchecked(tNv[b])
  const av = unchecked(tVals[a]), bv = unchecked(tVals[b])
  const rns = ans != 0 ? ans : bns
  unchecked(tNs[r] = rns); unchecked(tNv[r] = 0)
  const ps = unchecked(tPassS[r]), us = unchecked(tUsmpl[r])
  if (rns > 0) memory.fill(ps, 0, <usize>rns)
  let pass = 0
  if (op == CMP_LIKE || op == CMP_NLIKE) { // TYPE~"snp": bit test
    const x = anv > 0 ? <i32>load<f64>(av) : 0, y = bnv > 0 ? <i32>load<f64>(bv) : 0
    unchecked(tPass[r] = ((x & y) != 0) == (op == CMP_LIKE) ? 1 : 0)
    return
  }
  const ml0 = op == CMP_EQ || op == CMP_NE ? 1 : 0
  const ml1 = op == CMP_NE ? 1 : 0
  const ml2 = op == CMP_EQ ? 1 : 0
  if (ans == 0 && bns == 0) {
    if (anv == 0 && bnv == 0) pass = ml2
    else if (anv == 0 || bnv == 0) {
      const tv = anv != 0 ? av : bv, tn = anv != 0 ? anv : bnv
      for (let j = 0; j < tn; j++) {
        if (miss(tv + (<usize>j << 3))) { if (ml2) { pass = 1; break } } else if (ml1) { pass = 1; break }
      }
    } else {
      pass = anyPair(av, anv, bv, bnv, op, ml1, ml2) ? 1 : 0
    }
    unchecked(tPass[r] = pass)
    return
  }
  if (anv == 0 && bnv == 0) {
    if (ml2) for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) { store<u8>(ps + <usize>i, 1); pass = 1 }
  } else if (anv == 0 || bnv == 0) {
    const t = anv != 0 ? a : b
    const tv = unchecked(tVals[t])
    if (unchecked(tNs[t]) == 0) {
      let m = 0
      for (let j = 0; j < unchecked(tNv[t]); j++) m |= miss(tv + (<usize>j << 3))
      if ((m == 0 ? ml1 : ml2) != 0) for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) { store<u8>(ps + <usize>i, 1); pass = 1 }
    } else {
      const n1 = unchecked(tNv1[t])
      for (let i = 0; i < rns; i++) {
        if (!load<u8>(us + <usize>i)) continue
        let m = 0
        for (let j = 0; j < n1; j++) m |= miss(tv + (<usize>(i * n1 + j) << 3))
        if ((m == 0 ? ml1 : ml2) != 0) { store<u8>(ps + <usize>i, 1); pass = 1 }
      }
    }
  } else if (ans != 0 && bns != 0) {
    if (unchecked(tNv1[a]) != unchecked(tNv1[b])) { vmError = 1; return }
    const n1 = min(unchecked(tNv1[a]), unchecked(tNv1[b]))
    const an1 = unchecked(tNv1[a]), bn1 = unchecked(tNv1[b])
    const aus = unchecked(tUsmpl[a]), bus = unchecked(tUsmpl[b])
    for (let i = 0; i < rns; i++) {
      if (!load<u8>(aus + <usize>i) || !load<u8>(bus + <usize>i)) continue
      for (let j = 0; j < n1; j++) {
        const ap = av + (<usize>(i * an1 + j) << 3), bp = bv + (<usize>(i * bn1 + j) << 3)
        let nm = miss(ap)
        if (nm != 0 && ml0 == 0) continue
        nm += miss(bp)
        if (nm != 0) { if ((nm == 1 ? ml1 : ml2) != 0) { store<u8>(ps + <usize>i, 1); pass = 1; break } }
        else if (cmpNum(op, load<f64>(ap), load<f64>(bp))) { store<u8>(ps + <usize>i, 1); pass = 1; break }
      }
    }
  } else {
    // one per-sample side; keep operand order for the comparison
    const sIsA = ans != 0
    const st = sIsA ? a : b, ct = sIsA ? b : a
    const sv = unchecked(tVals[st]), cv = unchecked(tVals[ct])
    const n1 = unchecked(tNv1[st]), cn = unchecked(tNv[ct])
    for (let i = 0; i < rns; i++) {
      if (!load<u8>(us + <usize>i)) continue
      let hit = false
      for (let j = 0; j < n1 && !hit; j++) {
        const sp = sv + (<usize>(i * n1 + j) << 3)
        const m = miss(sp)
        if (m != 0 && ml0 == 0) continue
        hit = sIsA ? anyPair(sp, 1, cv, cn, op, ml1, ml2) : anyPair(cv, cn, sp, 1, op, ml1, ml2)
      }
      if (hit) { store<u8>(ps + <usize>i, 1); pass = 1 }
    }
  }
  unchecked(tPass[r] = pass)
}

/** Any (a[i], b[j]) pair passing, with missing values decided by missing_logic. */
function anyPair(av: usize, an: i32, bv: usize, bn: i32, op: i32, ml1: i32, ml2: i32): bool {
  for (let i = 0; i < an; i++) {
    const am = miss(av + (<usize>i << 3))
    for (let j = 0; j < bn; j++) {
      const nm = am + miss(bv + (<usize>j << 3))
      if (nm != 0) { if ((nm == 1 ? ml1 : ml2) != 0) return true }
      else if (cmpNum(op, load<f64>(av + (<usize>i << 3)), load<f64>(bv + (<usize>j << 3)))) return true
    }
  }
  return false
}

function logicAnd(a: i32, b: i32, r: i32, vec: bool): void {
  const ans = unchecked(tNs[a]), bns = unchecked(tNs[b])
  const rns = ans != 0 ? ans : bns
  unchecked(tNs[r] = rns); unchecked(tNv[r] = 0)
  const ps = unchecked(tPassS[r]), us = unchecked(tUsmpl[r])
  if (rns > 0) memory.fill(ps, 0, <usize>rns)
  unchecked(tPass[r] = 0)
  if (!unchecked(tPass[a]) || !unchecked(tPass[b])) return
  if (ans == 0 && bns == 0) { unchecked(tPass[r] = 1); return }
  if (ans == 0 || bns == 0) {
    const tps = unchecked(tPassS[ans != 0 ? a : b])
    for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) store<u8>(ps + <usize>i, load<u8>(tps + <usize>i))
    unchecked(tPass[r] = 1)
    return
  }
  const aps = unchecked(tPassS[a]), bps = unchecked(tPassS[b])
  let pass = vec ? 1 : 0
  for (let i = 0; i < rns; i++) {
    if (!load<u8>(us + <usize>i)) continue
    const x = load<u8>(aps + <usize>i), y = load<u8>(bps + <usize>i)
    const v = vec ? (x | y) : (x & y)
    store<u8>(ps + <usize>i, v)
    if (v) pass = 1
  }
  unchecked(tPass[r] = pass)
}

function logicOr(a: i32, b: i32, r: i32, vec: bool): void {
  const ans = unchecked(tNs[a]), bns = unchecked(tNs[b])
  const rns = ans != 0 ? ans : bns
  unchecked(tNs[r] = rns); unchecked(tNv[r] = 0)
  const ps = unchecked(tPassS[r]), us = unchecked(tUsmpl[r])
  if (rns > 0) memory.fill(ps, 0, <usize>rns)
  const pa = unchecked(tPass[a]), pb = unchecked(tPass[b])
  unchecked(tPass[r] = 0)
  if (!pa && !pb) return
  unchecked(tPass[r] = 1)
  if (ans == 0 && bns == 0) return
  if (vec) {
    if ((ans == 0 && !pa) || (bns == 0 && !pb)) {
      const tps = unchecked(tPassS[ans != 0 ? a : b])
      for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) store<u8>(ps + <usize>i, load<u8>(tps + <usize>i))
    } else {
      for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) store<u8>(ps + <usize>i, 1)
    }
    return
  }
  if (ans == 0 || bns == 0) {
    const tps = unchecked(tPassS[ans != 0 ? a : b])
    for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) store<u8>(ps + <usize>i, load<u8>(tps + <usize>i))
    return
  }
  const aps = unchecked(tPassS[a]), bps = unchecked(tPassS[b])
  for (let i = 0; i < rns; i++) if (load<u8>(us + <usize>i)) store<u8>(ps + <usize>i, load<u8>(aps + <usize>i) | load<u8>(bps + <usize>i))
}

/** `!` is our extension (bcftools has none): negates the site and each used sample. */
function logicNot(a: i32, r: i32): void {
  const ns = unchecked(tNs[a])
  unchecked(tNs[r] = ns); unchecked(tNv[r] = 0)
  const ps = unchecked(tPassS[r]), us = unchecked(tUsmpl[r]), aps = unchecked(tPassS[a])
  let pass = 0
  if (ns == 0) pass = unchecked(tPass[a]) ? 0 : 1
  else for (let i = 0; i < ns; i++) {
    const v: u8 = load<u8>(us + <usize>i) && !load<u8>(aps + <usize>i) ? 1 : 0
    store<u8>(ps + <usize>i, v)
    if (v) pass = 1
  }
  unchecked(tPass[r] = pass)
}

// ---- strings ----

// @ts-ignore: decorator
@inline function strOff(si: i32): usize { return strPool + <usize>load<i32>(strIdx + (<usize>si << 3)) }
// @ts-ignore: decorator
@inline function strLen(si: i32): usize { return <usize>load<i32>(strIdx + (<usize>si << 3) + 4) }

function hasName(p: usize, e: usize, q: usize, ql: usize, sep: u8): bool {
  while (p <= e) {
    let c = p
    while (c < e && load<u8>(c) != sep) c++
    if (c - p == ql && memory.compare(p, q, ql) == 0) return true
    p = c + 1
  }
  return false
}

/**
 * FILTER set comparison (filters_cmp_filter): the constant is a ';'-list, "." the empty set.
 * EQ: exact set; NE: not exact; LIKE (~): constant is a subset; NLIKE: not a subset.
 */
function filterCmp(rec: i32, op: i32, si: i32): bool {
  const ri = <usize>rec << 2
  let fp = inPtr + <usize>load<i32>(colPtr(COL_FILTER_START) + ri)
  let fe = inPtr + <usize>load<i32>(colPtr(COL_FILTER_END) + ri)
  const recEmpty = fe == fp || (fe - fp == 1 && load<u8>(fp) == 46)
  let nRec = 0
  if (!recEmpty) { nRec = 1; for (let c = fp; c < fe; c++) if (load<u8>(c) == 59) nRec++ }
  const qp = strOff(si), ql = strLen(si), qe = qp + ql
  const qEmpty = ql == 0 || (ql == 1 && load<u8>(qp) == 46)
  let nQ = 0
  let allIn = true
  if (!qEmpty) {
    nQ = 1
    let p = qp
    while (p <= qe) {
      let c = p
      while (c < qe && load<u8>(c) != 59) c++
      if (recEmpty || !hasName(fp, fe, p, c - p, 59)) allIn = false
      p = c + 1
      if (c < qe) nQ++
    }
  }
  if (op == CMP_NLIKE) {
    if (qEmpty) return !recEmpty
    if (recEmpty) return true
    return !allIn
  }
  if (op == CMP_LIKE) {
    if (qEmpty) return recEmpty
    if (recEmpty) return false
    return allIn
  }
  if (op == CMP_NE) {
    if (nQ != nRec) return true
    if (nQ == 0) return false
    return !allIn
  }
  // EQ
  if (nQ != nRec) return false
  if (nQ == 0) return true
  return allIn
}

/** String field vs constant with bcftools' comma-as-OR and "." missing logic. */
function strCmp(rec: i32, field: i32, tg: i32, op: i32, si: i32): bool {
  const ri = <usize>rec << 2
  let p: usize = 0, e: usize = 0
  let present = true
  if (field == 0) {
    const s = load<i32>(unchecked(info.colA[tg]) + ri)
    if (s < 0) present = false
    else { p = inPtr + <usize>s; e = inPtr + <usize>load<i32>(unchecked(info.colB[tg]) + ri) }
  } else if (field == 1) { p = inPtr + <usize>load<i32>(colPtr(COL_ID_START) + ri); e = inPtr + <usize>load<i32>(colPtr(COL_ID_END) + ri) }
  else if (field == 2) {
    const id = load<i32>(colPtr(COL_CHROM) + ri)
    p = contigNamesPtr() + <usize>load<i32>(contigOffsPtr() + (<usize>id << 3))
    e = p + <usize>load<i32>(contigOffsPtr() + (<usize>id << 3) + 4)
  } else if (field == 3) { p = inPtr + <usize>load<i32>(colPtr(COL_REF_START) + ri); e = inPtr + <usize>load<i32>(colPtr(COL_REF_END) + ri) }
  else { p = inPtr + <usize>load<i32>(colPtr(COL_ALT_START) + ri); e = inPtr + <usize>load<i32>(colPtr(COL_ALT_END) + ri) }
  const ml1 = op == CMP_NE, ml2 = op == CMP_EQ
  const qp = strOff(si), qe = qp + strLen(si)
  if (!present || e == p) {
    // absent: decided by whether the constant holds "."
    const m = hasName(qp, qe, DOT, 1, 44)
    return m ? ml2 : ml1
  }
  let a = p
  while (a <= e) {
    let am = a
    while (am < e && load<u8>(am) != 44) am++
    const amiss = am - a == 1 && load<u8>(a) == 46 ? 1 : 0
    let b = qp
    while (b <= qe) {
      let bm = b
      while (bm < qe && load<u8>(bm) != 44) bm++
      const nm = amiss + (bm - b == 1 && load<u8>(b) == 46 ? 1 : 0)
      if (nm != 0) { if (nm == 1 ? ml1 : ml2) return true }
      else {
        let match = am - a == bm - b && memory.compare(a, b, am - a) == 0
        if (op == CMP_NE) match = !match
        if (match) return true
      }
      b = bm + 1
    }
    a = am + 1
  }
  return false
}

const DOT = memory.data<u8>([46])

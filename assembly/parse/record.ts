// VCF data lines -> columnar batch. One call per batch; the host only reads the columns.
import { alloc } from '../buffers'
import {
  COL_CHROM, COL_POS, COL_RLEN, COL_LINE_START, COL_LINE_END, COL_ID_START, COL_ID_END, COL_REF_START,
  COL_REF_END, COL_ALT_START, COL_ALT_END, COL_N_ALLELE, COL_QUAL, COL_FILTER_START, COL_FILTER_END,
  COL_INFO_START, COL_INFO_END, COL_FMT_START, COL_FMT_END, COL_VTYPE, COL_LINE_NO,
  ensureRecords, setCol, setColF, setColF64, setColBits, inPtr,
} from '../batch'
import { findByte, findTab, findLineEnd, lineHasNul } from './lines'
import { contigId } from './contigs'
import { parseInt64, parseF64, numEnd, numOk } from './numbers'
import { alleleType } from './vartype'
import {
  info, fmt, T_FLAG, T_INT, T_FLOAT, T_STRING, T_GT, N_A, N_R, N_G, N_VAR,
  f64Pool, f64Reserve, i32Pool, i32Reserve, poolsReset, f64Len, i32Len, tagsVersion,
} from './tags'
import { F32_MISSING, F64_MISSING, F64_VECTOR_END, GT_MISSING, GT_VECTOR_END } from '../values'

// Error codes reported to the host (see src/wasm/errors.ts for the messages).
export const E_NONE: i32 = 0
export const E_COLUMNS: i32 = 1
export const E_POS: i32 = 2
export const E_QUAL: i32 = 3
export const E_SAMPLES: i32 = 4
export const E_EMPTY_FIELD: i32 = 5
export const E_FMT_VALUE: i32 = 6
export const E_INFO_VALUE: i32 = 7
export const E_EMPTY_SAMPLE: i32 = 8
export const E_NUL: i32 = 9
export const E_HEADER_LINE: i32 = 10

let nSamples: i32 = 0
export function setSampleCount(n: i32): void { nSamples = n }
let endTag: i32 = -1
export function setEndTag(t: i32): void { endTag = t }
let lenient: bool = false
export function setLenient(v: bool): void { lenient = v }
// An empty sample column (`...\t\t...`, or a tab ending the line): by default the record is
// kept with that sample's values missing and counted (emptySamples); with this set it is a
// record error (E_EMPTY_SAMPLE: --strict fails, --lenient skips).
let emptySampleError: bool = false
export function setEmptySampleError(v: bool): void { emptySampleError = v }
let recEmptySample: bool = false

// results of the last parseBatch
export let consumed: i32 = 0
export let errCode: i32 = 0
export let errLine: i32 = 0 // 0-based line index within the batch
export let errOffset: i32 = 0 // byte offset within the batch input
export let skipped: i32 = 0 // lenient mode: records dropped in this batch
export let skippedFirstCode: i32 = 0
export let skippedFirstLine: i32 = 0
export let commentLines: i32 = 0
export let linesSeen: i32 = 0 // lines consumed by the last parseBatch
export let emptySamples: i32 = 0 // records kept with an empty sample column
export let emptySampleFirstLine: i32 = 0 // 0-based line index of the first one
export let emptySampleFirstRecord: i32 = 0 // 0-based data record index (skips included) of the first one
// first undeclared INFO/FORMAT key of the batch (the host warns once per name)
export let undeclaredInfoStart: i32 = -1
export let undeclaredInfoLen: i32 = 0
export let undeclaredFmtStart: i32 = -1
export let undeclaredFmtLen: i32 = 0

// scratch: FORMAT key position -> tag index
const fmtKeyTag = new StaticArray<i32>(256)
let recErrOff: usize = 0

/**
 * Parses complete lines in input[0, len). With `final` the last line may lack its newline.
 * Stops early at `maxRecords` or on an error (strict mode). Returns the number of records.
 */
export function parseBatch(len: i32, maxRecords: i32, final: bool): i32 {
  ensureRecords(maxRecords)
  info.ensure(maxRecords)
  fmt.ensure(maxRecords)
  poolsReset()
  errCode = E_NONE
  skipped = 0
  emptySamples = 0
  commentLines = 0
  undeclaredInfoStart = -1
  undeclaredFmtStart = -1
  const base = inPtr
  const end = base + <usize>len
  let p = base
  let n = 0
  let lineNo = 0
  while (p < end && n < maxRecords) {
    let e = findLineEnd(p, end)
    if (e == end && !final) break
    const next = e < end ? e + 1 : e
    if (e > p && load<u8>(e - 1) == 13) e-- // CRLF
    if (e == p) { // blank line: no data, skipped (bcftools fails on it)
      p = next; lineNo++
      continue
    }
    const f64Mark = f64Len, i32Mark = i32Len
    recEmptySample = false
    // a header line among the records (concatenated files?) or a NUL byte (htslib ends the
    // line there) is a record error
    let code = load<u8>(p) == 35 /* # */ ? fail(E_HEADER_LINE, p) : lineHasNul ? fail(E_NUL, p) : parseRecord(n, p, e)
    if (code == E_HEADER_LINE) commentLines++
    if (code == E_NONE && recEmptySample && emptySampleError) code = fail(E_EMPTY_SAMPLE, p)
    if (code != E_NONE) {
      if (!lenient) {
        errCode = code; errLine = lineNo; errOffset = <i32>(recErrOff - base)
        consumed = <i32>(p - base)
        linesSeen = lineNo
        return n
      }
      if (skipped == 0) { skippedFirstCode = code; skippedFirstLine = lineNo }
      skipped++
      rewindPools(f64Mark, i32Mark)
    } else {
      if (recEmptySample) {
        if (emptySamples == 0) { emptySampleFirstLine = lineNo; emptySampleFirstRecord = n + skipped }
        emptySamples++
      }
      setCol(COL_LINE_START, n, <i32>(p - base))
      setCol(COL_LINE_END, n, <i32>(e - base))
      setCol(COL_LINE_NO, n, lineNo)
      n++
    }
    p = next; lineNo++
  }
  consumed = <i32>(p - base)
  linesSeen = lineNo
  return n
}

function rewindPools(f: i32, i: i32): void {
  // pools only grow within a batch; dropping a bad record's values keeps them dense
  poolsReset(); f64Reserve(f); i32Reserve(i)
}

function fail(code: i32, at: usize): i32 { recErrOff = at; return code }

function parseRecord(n: i32, p: usize, e: usize): i32 {
  // CHROM
  let t = findTab(p, e)
  if (t >= e) return fail(E_COLUMNS, p)
  if (t == p) return fail(E_EMPTY_FIELD, p)
  setCol(COL_CHROM, n, contigId(p, t - p))
  // POS
  let q = t + 1
  t = findTab(q, e)
  if (t >= e) return fail(E_COLUMNS, q)
  const pos = parseInt64(q, t)
  if (!numOk || numEnd != t || pos < 0 || pos > 0xFFFFFFFFFFFF) return fail(E_POS, q)
  setColF64(COL_POS, n, <f64>pos)
  // ID
  q = t + 1
  t = findTab(q, e)
  if (t >= e) return fail(E_COLUMNS, q)
  setCol(COL_ID_START, n, <i32>(q - inPtr)); setCol(COL_ID_END, n, <i32>(t - inPtr))
  // REF
  q = t + 1
  t = findTab(q, e)
  if (t >= e) return fail(E_COLUMNS, q)
  if (t == q) return fail(E_EMPTY_FIELD, q)
  const refStart = q, refLen = t - q
  setCol(COL_REF_START, n, <i32>(q - inPtr)); setCol(COL_REF_END, n, <i32>(t - inPtr))
  // ALT: count alleles and OR their variant types
  q = t + 1
  t = findTab(q, e)
  if (t >= e) return fail(E_COLUMNS, q)
  if (t == q) return fail(E_EMPTY_FIELD, q)
  setCol(COL_ALT_START, n, <i32>(q - inPtr)); setCol(COL_ALT_END, n, <i32>(t - inPtr))
  let nAllele = 1
  let vtype = 0
  if (!(t - q == 1 && load<u8>(q) == 46)) {
    let a = q
    while (a <= t) {
      let c = a
      while (c < t && load<u8>(c) != 44) c++
      nAllele++
      if (c > a) vtype |= alleleType(refStart, refLen, a, c - a)
      a = c + 1
    }
  }
  setCol(COL_N_ALLELE, n, nAllele)
  setCol(COL_VTYPE, n, vtype)
  // QUAL
  q = t + 1
  t = findTab(q, e)
  if (t >= e) return fail(E_COLUMNS, q)
  if (t - q == 1 && load<u8>(q) == 46) setColBits(COL_QUAL, n, F32_MISSING)
  else {
    const v = parseF64(q, t)
    if (!numOk || numEnd != t) return fail(E_QUAL, q)
    setColF(COL_QUAL, n, <f32>v)
  }
  // FILTER
  q = t + 1
  t = findTab(q, e)
  setCol(COL_FILTER_START, n, <i32>(q - inPtr)); setCol(COL_FILTER_END, n, <i32>(t - inPtr))
  // INFO (a sites-only line may end here)
  if (t >= e) return fail(E_COLUMNS, t)
  q = t + 1
  t = findByte(q, e, 9) // INFO is long: SIMD
  setCol(COL_INFO_START, n, <i32>(q - inPtr)); setCol(COL_INFO_END, n, <i32>(t - inPtr))
  let rlen = <i32>refLen
  const infoCode = parseInfo(n, q, t)
  if (infoCode != E_NONE) return infoCode
  if (endTag >= 0) {
    const cnt = load<i32>(unchecked(info.colA[endTag]) + (<usize>n << 2))
    if (cnt > 0) {
      const bits = load<u64>(f64Pool + (<usize>load<i32>(unchecked(info.colB[endTag]) + (<usize>n << 2)) << 3))
      if (bits != F64_MISSING && bits != F64_VECTOR_END) {
        const end = <i64>reinterpret<f64>(bits)
        if (end >= pos) rlen = <i32>min<i64>(end - pos + 1, 0x7fffffff)
      }
    }
  }
  setCol(COL_RLEN, n, rlen)
  // FORMAT + samples
  if (t >= e) {
    setCol(COL_FMT_START, n, <i32>(e - inPtr)); setCol(COL_FMT_END, n, <i32>(e - inPtr))
    clearFormat(n)
    return E_NONE
  }
  q = t + 1
  t = findTab(q, e)
  setCol(COL_FMT_START, n, <i32>(q - inPtr)); setCol(COL_FMT_END, n, <i32>(t - inPtr))
  return parseSamples(n, q, t, e, nAllele)
}

// ---------------- INFO ----------------

const MAX_PREDICT: i32 = 64
const predicted = new StaticArray<i32>(MAX_PREDICT)
let predictVersion: i32 = -1

function parseInfo(n: i32, p: usize, e: usize): i32 {
  if (predictVersion != tagsVersion) { for (let i = 0; i < MAX_PREDICT; i++) unchecked(predicted[i] = -1); predictVersion = tagsVersion }
  const idx = <usize>n << 2
  for (let w = 0; w < info.wantedCount; w++) {
    const tg = unchecked(info.wantedList[w])
    store<i32>(unchecked(info.colA[tg]) + idx, -1)
    store<i32>(unchecked(info.colB[tg]) + idx, 0)
  }
  if (e - p == 1 && load<u8>(p) == 46) return E_NONE
  let slot = 0
  while (p < e) {
    // records mostly repeat the previous record's key order: check that tag's name in place
    // first (one 8-byte compare for a short name), and scan and hash the key only if it differs
    let tg = slot < MAX_PREDICT ? unchecked(predicted[slot]) : -1
    let k = p
    if (tg >= 0) {
      const L = unchecked(info.nameLen[tg])
      const kk = p + <usize>L
      let hit = kk <= e && (kk == e || load<u8>(kk) == 61 || load<u8>(kk) == 59)
      if (hit) {
        if (L <= 8 && p + 8 <= e) {
          const mask: u64 = L == 8 ? <u64>-1 : (<u64>1 << (<u64>L << 3)) - 1
          hit = (load<u64>(p) & mask) == unchecked(info.nameHead[tg])
        } else hit = memory.compare(info.names + <usize>unchecked(info.nameOff[tg]), p, <usize>L) == 0
      }
      if (hit) k = kk
      else tg = -1
    }
    if (tg < 0) {
      // the key ends at '=' (then a value), or at ';' / the end for a flag
      while (k < e) { const ch = load<u8>(k); if (ch == 61 || ch == 59) break; k++ }
      if (k > p) {
        tg = info.find(p, <i32>(k - p))
        if (slot < MAX_PREDICT) unchecked(predicted[slot] = tg)
      }
    }
    // the value ends at the next ';', found with SIMD (annotations can be long)
    const s = k < e && load<u8>(k) == 61 ? findByte(k + 1, e, 59) : k
    if (k > p) {
      slot++
      if (tg < 0) {
        if (undeclaredInfoStart < 0) { undeclaredInfoStart = <i32>(p - inPtr); undeclaredInfoLen = <i32>(k - p) }
      } else if (unchecked(info.wanted[tg])) {
        const vs = k < s ? k + 1 : s
        decodeInfo(tg, idx, vs, s, k < s)
      }
    }
    p = s + 1
  }
  return E_NONE
}

function decodeInfo(tg: i32, idx: usize, vs: usize, ve: usize, hasValue: bool): void {
  const type = unchecked(info.type[tg])
  const a = unchecked(info.colA[tg]) + idx, b = unchecked(info.colB[tg]) + idx
  if (type == T_FLAG) { store<i32>(a, 1); return }
  if (type == T_STRING || !hasValue) {
    store<i32>(a, <i32>(vs - inPtr)); store<i32>(b, <i32>(ve - inPtr))
    if (type != T_STRING) { store<i32>(a, 0) }
    return
  }
  // numbers: count values first so they land contiguously in the pool
  let cnt = 1
  for (let c = vs; c < ve; c++) if (load<u8>(c) == 44) cnt++
  const at = f64Reserve(cnt)
  let out = f64Pool + (<usize>at << 3)
  let c = vs
  while (c <= ve) {
    let d = c
    while (d < ve && load<u8>(d) != 44) d++
    store<u64>(out, parseInfoNumber(c, d, type))
    out += 8
    c = d + 1
  }
  store<i32>(a, cnt); store<i32>(b, at)
}

/**
 * One INFO number as f64 bits, as htslib reads it (strtol/strtod): the longest numeric
 * prefix ("1x" -> 1, "1.5" as Integer -> 1); "." or no digits at all -> missing.
 */
// @ts-ignore: decorator
@inline function parseInfoNumber(c: usize, d: usize, type: i32): u64 {
  if (d == c || (d - c == 1 && load<u8>(c) == 46)) return F64_MISSING
  if (type == T_INT) {
    const v = parseInt64(c, d)
    return numOk ? reinterpret<u64>(<f64>v) : F64_MISSING
  }
  const v = parseF64(c, d)
  // htslib stores floats as f32: round so comparisons and printing match bcftools
  return numOk ? reinterpret<u64>(<f64><f32>v) : F64_MISSING
}

// a decoded FORMAT value of the current record is not a number (or GT): htslib fails on
// those ("Invalid character ... in FORMAT field", "Couldn't read GT data"), so do we
let badValue: bool = false

/** One FORMAT number as f64 bits; "." or empty -> missing; anything else not a number sets badValue. */
// @ts-ignore: decorator
@inline function parseFormatNumber(c: usize, d: usize, type: i32): u64 {
  if (d == c || (d - c == 1 && load<u8>(c) == 46)) return F64_MISSING
  if (type == T_INT) {
    const v = parseInt64(c, d)
    if (numOk && numEnd == d) return reinterpret<u64>(<f64>v)
    badValue = true
    return F64_MISSING
  }
  const v = parseF64(c, d)
  if (numOk && numEnd == d) return reinterpret<u64>(<f64><f32>v)
  badValue = true
  return F64_MISSING
}

// ---------------- FORMAT ----------------

function clearFormat(n: i32): void {
  const idx = <usize>n << 2
  for (let w = 0; w < fmt.wantedCount; w++) {
    const tg = unchecked(fmt.wantedList[w])
    store<i32>(unchecked(fmt.colA[tg]) + idx, 0) // stride 0 = absent
    store<i32>(unchecked(fmt.colB[tg]) + idx, 0)
  }
}

function expectedStride(tg: i32, nAllele: i32): i32 {
  const type = unchecked(fmt.type[tg])
  if (type == T_GT) return 2
  if (type == T_STRING) return 1
  const num = unchecked(fmt.number[tg])
  if (num >= 1) return num
  if (num == N_A) return nAllele > 1 ? nAllele - 1 : 1
  if (num == N_R) return nAllele
  if (num == N_G) return nAllele * (nAllele + 1) / 2
  return 1
}

// per-record stride found while parsing samples (grows when a sample has more values)
const needStride = new StaticArray<i32>(256)

// FORMAT key mapping of the previous record: most files repeat one FORMAT string, and
// re-hashing its keys for every record costs more than comparing the bytes.
const lastFmt = alloc(256)
let lastFmtLen: i32 = -1
let lastNKeys: i32 = 0
let lastWantedKeys: i32 = 0
let lastFmtVersion: i32 = -1
let lastWantedKey: i32 = -1 // index of the last wanted FORMAT key: later sub-fields are skipped

function mapFormatKeys(fp: usize, fe: usize): i32 {
  const len = <i32>(fe - fp)
  if (len == lastFmtLen && lastFmtVersion == tagsVersion && memory.compare(fp, lastFmt, <usize>len) == 0) return lastNKeys
  let nKeys = 0
  let wantedKeys = 0
  lastWantedKey = -1
  let k = fp
  while (k <= fe && nKeys < 256) {
    let c = k
    while (c < fe && load<u8>(c) != 58) c++
    let tg = fmt.find(k, <i32>(c - k))
    if (tg < 0 && c > k && undeclaredFmtStart < 0) { undeclaredFmtStart = <i32>(k - inPtr); undeclaredFmtLen = <i32>(c - k) }
    // a repeated key: htslib keeps the first occurrence
    for (let j = 0; j < nKeys && tg >= 0; j++) if (unchecked(fmtKeyTag[j]) == tg) tg = -1
    const want = tg >= 0 && unchecked(fmt.wanted[tg])
    unchecked(fmtKeyTag[nKeys] = want ? tg : -1)
    if (want) { wantedKeys++; lastWantedKey = nKeys }
    nKeys++
    k = c + 1
  }
  // an undeclared key must be reported in every batch until the host declares it
  if (len <= 256 && undeclaredFmtStart < 0) { memory.copy(lastFmt, fp, <usize>len); lastFmtLen = len } else lastFmtLen = -1
  lastNKeys = nKeys
  lastWantedKeys = wantedKeys
  lastFmtVersion = tagsVersion
  return nKeys
}

function parseSamples(n: i32, fp: usize, fe: usize, e: usize, nAllele: i32): i32 {
  const idx = <usize>n << 2
  clearFormat(n)
  const nKeys = mapFormatKeys(fp, fe)
  const wantedKeys = lastWantedKeys
  const samplesStart = fe + 1
  if (wantedKeys == 0 || nSamples == 0) {
    // still check the column count: a wrong count is an error even if nothing is decoded
    let cols = 0
    if (fe < e) {
      cols = 1
      let c = samplesStart
      let from = c
      while (true) {
        c = findByte(c, e, 9)
        if (c == from) recEmptySample = true // an empty column (also a tab ending the line)
        if (c >= e) break
        cols++; c++; from = c
      }
    }
    return cols != nSamples ? fail(E_SAMPLES, fe) : E_NONE
  }
  for (let j = 0; j < nKeys; j++) {
    const tg = unchecked(fmtKeyTag[j])
    if (tg >= 0) unchecked(needStride[j] = expectedStride(tg, nAllele))
  }
  // FORMAT with no sample column at all is a column-count error, however many samples
  if (fe >= e) return fail(E_SAMPLES, fe)
  const f64Mark = f64Len, i32Mark = i32Len
  badValue = false
  for (let attempt = 0; attempt < 4; attempt++) {
    // reserve storage per wanted key at the current stride
    for (let j = 0; j < nKeys; j++) {
      const tg = unchecked(fmtKeyTag[j])
      if (tg < 0) continue
      const stride = unchecked(needStride[j])
      const type = unchecked(fmt.type[tg])
      const at = type == T_GT ? i32Reserve(nSamples * stride) : type == T_STRING ? i32Reserve(nSamples * 2) : f64Reserve(nSamples * stride)
      store<i32>(unchecked(fmt.colA[tg]) + idx, stride)
      store<i32>(unchecked(fmt.colB[tg]) + idx, at)
    }
    const r = fillSamples(n, samplesStart, e, nKeys)
    if (badValue) return fail(E_FMT_VALUE, fp)
    if (r == FILL_OK) return E_NONE
    if (r == FILL_COLUMNS) return fail(E_SAMPLES, fe)
    // a sample had more values than the stride: retry with the larger strides
    poolsReset(); f64Reserve(f64Mark); i32Reserve(i32Mark)
  }
  return fail(E_FMT_VALUE, fp)
}

const FILL_OK: i32 = 0, FILL_GROW: i32 = 1, FILL_COLUMNS: i32 = 2

/** Decodes wanted sub-fields of every sample; also checks the sample column count. */
function fillSamples(n: i32, p: usize, e: usize, nKeys: i32): i32 {
  const idx = <usize>n << 2
  let ok = true
  let s = 0
  // one sample per tab-separated column; a tab ending the line starts an (empty) last column
  while (true) {
    if (s >= nSamples) return FILL_COLUMNS
    if (p >= e || load<u8>(p) == 9) recEmptySample = true
    let j = 0
    let c = p
    while (true) {
      if (j > lastWantedKey) { c = findByte(c, e, 9); break } // nothing more wanted: next sample
      let d = c
      while (d < e) { const ch = load<u8>(d); if (ch == 58 || ch == 9) break; d++ }
      if (j < nKeys) {
        const tg = unchecked(fmtKeyTag[j])
        if (tg >= 0 && !decodeSampleValue(tg, idx, s, c, d, j)) ok = false
      }
      j++
      if (d >= e || load<u8>(d) == 9) { c = d; break }
      c = d + 1
    }
    // trailing sub-fields dropped for this sample: missing
    for (; j <= lastWantedKey; j++) {
      const tg = unchecked(fmtKeyTag[j])
      if (tg >= 0) decodeSampleValue(tg, idx, s, c, c, j)
    }
    s++
    if (c >= e) break
    p = c + 1
  }
  if (s != nSamples) return FILL_COLUMNS
  return ok ? FILL_OK : FILL_GROW
}

function decodeSampleValue(tg: i32, idx: usize, s: i32, c: usize, d: usize, key: i32): bool {
  const stride = load<i32>(unchecked(fmt.colA[tg]) + idx)
  const at = load<i32>(unchecked(fmt.colB[tg]) + idx)
  const type = unchecked(fmt.type[tg])
  if (type == T_STRING) {
    const o = i32Pool + (<usize>(at + s * 2) << 2)
    store<i32>(o, <i32>(c - inPtr)); store<i32>(o + 4, <i32>(d - inPtr))
    return true
  }
  if (type == T_GT) {
    let out = i32Pool + (<usize>(at + s * stride) << 2)
    // fast path: diploid single-digit calls ("0/1", "1|1") are nearly all of them
    if (d - c == 3 && stride == 2) {
      const a0 = <u32>load<u8>(c) - 48, sep = load<u8>(c + 1), a1 = <u32>load<u8>(c + 2) - 48
      if (a0 <= 9 && a1 <= 9 && (sep == 47 || sep == 124)) {
        store<i32>(out, <i32>((a0 + 1) << 1))
        store<i32>(out + 4, <i32>((a1 + 1) << 1) | (sep == 124 ? 1 : 0))
        return true
      }
    }
    let k = 0
    let x = c
    if (d == c) { store<i32>(out, GT_MISSING); k = 1 } else {
      let phased = 0
      while (x < d) {
        let allele: i32
        if (load<u8>(x) == 46) { allele = -1; x++ } else {
          const v = parseInt64(x, d)
          if (!numOk || v < 0 || v > 0x3fffffff) { allele = -1; x++; badValue = true } else { allele = <i32>v; x = numEnd }
        }
        if (k < stride) store<i32>(out + (<usize>k << 2), allele < 0 ? (GT_MISSING | phased) : (((allele + 1) << 1) | phased))
        k++
        if (x < d) {
          const sep = load<u8>(x)
          if (sep != 47 && sep != 124) badValue = true
          phased = sep == 124 ? 1 : 0; x++
        }
      }
      if (k > stride) { if (k > unchecked(needStride[key])) unchecked(needStride[key] = k); return false }
    }
    for (; k < stride; k++) store<i32>(out + (<usize>k << 2), GT_VECTOR_END)
    return true
  }
  // numbers
  let out = f64Pool + (<usize>(at + s * stride) << 3)
  if (type == T_INT && stride == 1 && d > c && d - c <= 9) {
    // fast path: one small non-negative integer (DP, GQ)
    let v: u32 = 0
    let x = c
    while (x < d) { const dg = <u32>load<u8>(x) - 48; if (dg > 9) break; v = v * 10 + dg; x++ }
    if (x == d) { store<f64>(out, <f64>v); return true }
  }
  let k = 0
  if (d == c) { store<u64>(out, F64_MISSING); k = 1 } else {
    let x = c
    while (x <= d) {
      let y = x
      while (y < d && load<u8>(y) != 44) y++
      if (k < stride) store<u64>(out + (<usize>k << 3), parseFormatNumber(x, y, type))
      k++
      x = y + 1
    }
    if (k > stride) { if (k > unchecked(needStride[key])) unchecked(needStride[key] = k); return false }
  }
  for (; k < stride; k++) store<u64>(out + (<usize>k << 3), F64_VECTOR_END)
  return true
}

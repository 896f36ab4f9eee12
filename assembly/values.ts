// Missing/vector-end markers, the same bit patterns htslib uses (bcf_float_missing etc.) so
// that comparison semantics and printing can follow bcftools exactly.
export const F32_MISSING: u32 = 0x7F800001
export const F64_MISSING: u64 = 0x7FF0000000000001
export const F64_VECTOR_END: u64 = 0x7FF0000000000002
export const GT_MISSING: i32 = 0 // allele '.' in BCF encoding ((allele+1)<<1 | phased)
export const GT_VECTOR_END: i32 = -2147483647 // bcf_int32_vector_end

// @ts-ignore: decorator
@inline export function isMissingOrEnd(bits: u64): bool {
  return bits == F64_MISSING || bits == F64_VECTOR_END
}
// @ts-ignore: decorator
@inline export function setMissing(p: usize): void { store<u64>(p, F64_MISSING) }
// @ts-ignore: decorator
@inline export function setEnd(p: usize): void { store<u64>(p, F64_VECTOR_END) }

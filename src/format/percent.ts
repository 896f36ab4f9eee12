// VCF 4.3+ percent-encoding of special characters in INFO/FORMAT values (%3A %3B %3D %25 %2C …).
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s
  return s.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))
}

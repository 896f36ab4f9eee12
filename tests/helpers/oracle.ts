// Access to the reference tools (bcftools, tabix, bgzip) for differential tests.
// In CI they are required: a missing tool fails the run instead of skipping it.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

export function have(tool: string): boolean {
  const r = spawnSync(tool, ['--version'], { stdio: 'ignore' })
  return r.status === 0 || r.status === 1
}

/** True when the tools exist; in CI a missing tool throws, elsewhere a notice is printed. */
export function requireTools(...tools: string[]): boolean {
  const missing = tools.filter((t) => !have(t))
  if (missing.length === 0) return true
  if (process.env.CI) throw new Error(`CI requires ${missing.join(', ')} for the differential tests`)
  console.warn(`NOTICE: skipping differential tests: ${missing.join(', ')} not installed`)
  return false
}

export function run(tool: string, args: string[], input?: string | Uint8Array): { ok: boolean; out: string; err: string } {
  const r = spawnSync(tool, args, { input, maxBuffer: 1 << 30, encoding: 'utf8' })
  return { ok: r.status === 0, out: r.stdout ?? '', err: r.stderr ?? '' }
}

export function bcftools(args: string[]): string {
  return execFileSync('bcftools', args, { maxBuffer: 1 << 30, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
}

const PYSAM = '/usr/share/doc/python-pysam/tests'
const HTSLIB = '/usr/share/htslib-test/test'

/** Real third-party VCFs from the Debian test packages that bcftools itself reads. */
export function thirdPartyVcfs(): string[] {
  const out: string[] = []
  const walk = (dir: string, depth: number) => {
    if (!existsSync(dir) || depth > 3) return
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p, depth + 1)
      else if (/\.vcf(\.gz)?$/.test(name)) out.push(p)
    }
  }
  walk(PYSAM, 0)
  walk(HTSLIB, 0)
  return out.sort().filter((f) => {
    const r = spawnSync('bcftools', ['view', '-H', f], { encoding: 'utf8', maxBuffer: 1 << 30 })
    // files bcftools rejects (or warns about malformed lines) are not oracle material
    return r.status === 0 && r.stdout.length > 0 && !/\[E::|Error|Failed/.test(r.stderr)
  })
}

/** Japanese display formats. Values are rounded here, and only here. */
import { roundHalfAway } from './numbers'

const MISSING = '—'
// One formatter each: toLocaleString builds a new one on every call, which shows in the simulator's recompute.
const INTEGER = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 })
const ONE_DECIMAL = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 })
const MINUS = '−' // U+2212, the typographic minus of published tables

function fixed1(x: number): string {
  return roundHalfAway(x, 1).toFixed(1)
}

/** 2025 → 令和7年度 (2025); 2019 → 令和元年度 (2019); 2018 → 平成30年度 (2018). */
export function formatFiscalYear(fy: number, opts: { western?: boolean } = {}): string {
  const western = opts.western ?? true
  let era: string
  if (fy >= 2019) era = fy === 2019 ? '令和元年度' : `令和${fy - 2018}年度`
  else era = `平成${fy - 1988}年度`
  return western ? `${era} (${fy})` : era
}

/** 7081000 → 7,081,000円 */
export function formatYen(yen: number | null): string {
  return yen === null ? MISSING : `${INTEGER.format(Math.round(yen))}円`
}

/** 7081000 → 708.1万円; 1.2億 and more → 1.2億円 */
export function formatManYen(yen: number | null): string {
  if (yen === null) return MISSING
  if (Math.abs(yen) >= 1e8) return `${fixed1(yen / 1e8)}億円`
  return `${ONE_DECIMAL.format(roundHalfAway(yen / 1e4, 1))}万円`
}

/** Points or averages: 207.7, 64 → 64.0 is not forced; published integers stay integers. */
export function formatPoints(x: number | null): string {
  if (x === null) return MISSING
  const r = roundHalfAway(x, 1)
  return Number.isInteger(r) ? String(r) : r.toFixed(1)
}

/** Averages always with one decimal (54 → 54.0), so a column of averages lines up. */
export function formatAverage(x: number | null): string {
  return x === null ? MISSING : fixed1(x)
}

/** 61.5 → 61.5% */
export function formatRate(percent: number | null): string {
  return percent === null ? MISSING : `${fixed1(percent)}%`
}

/** Signed gap with one decimal: +18.5, −26.5, ±0.0 */
export function formatSigned(x: number | null, unit = ''): string {
  if (x === null) return MISSING
  const r = roundHalfAway(x, 1)
  if (r === 0) return `±0.0${unit}`
  return `${r > 0 ? '+' : MINUS}${Math.abs(r).toFixed(1)}${unit}`
}

/** {4, 35} → 4位／35 */
export function formatRank(rank: { rank: number; of: number } | null): string {
  return rank === null ? MISSING : `${rank.rank}位／${rank.of}`
}

/**
 * A storage size for people, not for programmers: 「12KB」「3.4MB」「10GB」. The browser's quota
 * is a rough ceiling, so GB are shown whole (10240.1MB read like a precise limit).
 */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes) || bytes < 0) return MISSING
  const kb = bytes / 1024
  const mb = kb / 1024
  const gb = mb / 1024
  if (gb >= 1) return `${Math.round(gb).toLocaleString('ja-JP')}GB`
  if (mb >= 1) return `${mb.toFixed(1)}MB`
  return `${Math.max(1, Math.round(kb))}KB`
}

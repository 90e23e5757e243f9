/**
 * Signed money for estimates: +1,164,868円 / −1,164,868円 (U+2212, as published tables) / ±0円.
 * Built on the domain's formatYen and formatManYen; a candidate for src/domain/format.ts.
 */
import { formatManYen, formatYen } from '@/domain'

const MINUS = '−'

function signed(yen: number | null, format: (abs: number) => string, isZero: (yen: number) => boolean): string {
  if (yen === null) return formatYen(null)
  if (isZero(yen)) return `±${format(0)}`
  return `${yen > 0 ? '+' : MINUS}${format(Math.abs(yen))}`
}

/** Rounded to the yen, as formatYen does. */
export function formatSignedYen(yen: number | null): string {
  return signed(yen, formatYen, (y) => Math.round(Math.abs(y)) === 0)
}

/** In 万円 (or 億円), one decimal at most, as formatManYen does. */
export function formatSignedManYen(yen: number | null): string {
  return signed(yen, formatManYen, (y) => formatManYen(Math.abs(y)) === formatManYen(0))
}

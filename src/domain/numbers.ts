/** Arithmetic on possibly-missing figures: any missing input gives a missing result, never 0. */

export function sub(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b
}

/** Score rate in percent, unrounded. A missing or zero maximum gives null. */
export function ratePercent(score: number | null, max: number | null): number | null {
  return score === null || max === null || max === 0 ? null : (score / max) * 100
}

/** Sum of the values, or null when any value is missing or there are none. */
export function sumOrNull(values: readonly (number | null)[]): number | null {
  if (values.length === 0) return null
  let s = 0
  for (const v of values) {
    if (v === null) return null
    s += v
  }
  return s
}

/**
 * Round half away from zero to `digits` decimals, the way published tables round.
 * The small nudge absorbs binary error (21.875 must give 21.9, 0.15 must give 0.2).
 */
export function roundHalfAway(x: number, digits = 1): number {
  const f = 10 ** digits
  const r = Math.round(Math.abs(x) * f + 1e-9) / f
  return x < 0 ? -r : r
}

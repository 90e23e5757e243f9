/** Sums and maxima of figures that may be missing (one missing part makes the whole missing), and statistics lookups. */
import { sumOrNull } from '../../numbers'
import type { StatKind } from './headerWords'

const clean = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6)

export const sum = (xs: readonly (number | null)[]): number | null => clean(sumOrNull(xs))

export const maxOf = (xs: readonly (number | null)[]): number | null =>
  (xs.length === 0 || xs.some((x) => x === null) ? null : Math.max(...(xs as number[])))

/** A statistics row's value at a read column, or null. */
export function stat(ctx: { stats: ReadonlyMap<StatKind, readonly (number | null)[]> }, kind: StatKind, i: number | null): number | null {
  return i === null ? null : ctx.stats.get(kind)?.[i] ?? null
}

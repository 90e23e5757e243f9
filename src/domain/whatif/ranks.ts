/**
 * Competition ranks ("1224" ranking: equal scores share a rank, the next rank skips) on typed
 * arrays, for the what-if hot path over all 1,741 municipalities. Missing scores are NaN in the
 * input and rank 0 ("not ranked") in the output.
 *
 * Named distinctly from peers.ts's `competitionRanks` (a different helper's plain-array version).
 */

/**
 * Competition ranks of `values` (higher is better), within `groups` when given (e.g. prefecture
 * indexes: a rank within the prefecture). O(n log n); NaN gets 0.
 */
export function competitionRanksF64(values: Float64Array, groups?: Int32Array): Int32Array {
  const n = values.length
  const ranks = new Int32Array(n)
  const order: number[] = []
  for (let i = 0; i < n; i++) if (!Number.isNaN(values[i]!)) order.push(i)
  const g = (i: number): number => (groups ? groups[i]! : 0)
  order.sort((a, b) => g(a) - g(b) || values[b]! - values[a]!)
  let k = 0
  while (k < order.length) {
    const grp = g(order[k]!)
    let pos = 0
    const start = k
    for (; k < order.length && g(order[k]!) === grp; k++) {
      pos++
      const i = order[k]!
      const prev = order[k - 1]
      if (k === start || prev === undefined || values[prev]! !== values[i]!) ranks[i] = pos
      else ranks[i] = ranks[prev]!
    }
  }
  return ranks
}

/** How many members of each group have a score (the rank denominator, e.g. 35 in Miyagi). */
export function rankedCounts(values: Float64Array, groups: Int32Array, groupCount: number): Int32Array {
  const out = new Int32Array(groupCount)
  for (let i = 0; i < values.length; i++) {
    if (Number.isNaN(values[i]!)) continue
    const k = groups[i]!
    out[k] = out[k]! + 1
  }
  return out
}

/**
 * Ranks after member `index` changes its value from values[index] to `next`, everyone else held
 * fixed, from the ranks before the change. O(n), no sort: another member's rank moves by one
 * when the changed member crosses it. `groups` restricts the ranking to the member's group.
 */
export function ranksAfterChange(before: Int32Array, values: Float64Array, index: number, next: number, groups?: Int32Array): Int32Array {
  const out = new Int32Array(before)
  const prev = values[index]!
  const grp = groups ? groups[index]! : 0
  const prevValid = !Number.isNaN(prev)
  const nextValid = !Number.isNaN(next)
  let above = 0
  for (let j = 0; j < values.length; j++) {
    if (j === index) continue
    if (groups && groups[j]! !== grp) continue
    const v = values[j]!
    if (Number.isNaN(v)) continue
    if (nextValid && v > next) above++
    out[j] = before[j]! - (prevValid && prev > v ? 1 : 0) + (nextValid && next > v ? 1 : 0)
  }
  out[index] = nextValid ? above + 1 : 0
  return out
}

/** One member's competition rank among the others (held fixed) with its value set to `value`. */
export function rankOfValue(values: Float64Array, index: number, value: number, groups?: Int32Array): number {
  if (Number.isNaN(value)) return 0
  const grp = groups ? groups[index]! : 0
  let above = 0
  for (let j = 0; j < values.length; j++) {
    if (j === index || (groups && groups[j]! !== grp)) continue
    if (values[j]! > value) above++
  }
  return above + 1
}

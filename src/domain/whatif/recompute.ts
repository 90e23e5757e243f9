/**
 * The what-if hot path over a pool: one municipality's scenario applied with everyone else held
 * fixed, giving its allocation estimate, the competition ranks of every member (nationally and
 * within each prefecture) and the municipality's gap rows. O(n) per call on typed arrays; the
 * pool's sorting is done once in preparePool. This is the function to time (bench).
 */
import { estimateFromApplied, type ChangeEstimate } from '../allocation'
import { datasetGapRows, type GapRow } from '../gaps'
import { applyScenarioDetailed, type Scenario, type ScenarioIssue } from '../scenario'
import { GRANT_IDS, type GrantId, type Rank, type YearDataset } from '../types'
import type { AllocationParams } from './params'
import type { WhatIfPool } from './pool'
import { ranksAfterChange } from './ranks'

export interface ScenarioGrantRanks {
  grant: GrantId
  baselineScore: number | null
  scenarioScore: number | null
  /** the municipality's ranks before and after (null when it has no score) */
  baseline: { pref: Rank | null; nat: Rank | null }
  scenario: { pref: Rank | null; nat: Rank | null }
  /** every member's rank after the change, by pool index; 0 = not ranked */
  natRanks: Int32Array
  prefRanks: Int32Array
}

export interface PoolRecompute {
  code: string
  index: number
  dataset: YearDataset
  issues: ScenarioIssue[]
  allocation: ChangeEstimate
  ranks: Record<GrantId, ScenarioGrantRanks>
  /** the municipality's gap rows after the scenario; null when not asked for (options.gaps = false) */
  gaps: GapRow[] | null
}

export interface RecomputeOptions {
  /** compute the gap rows (default true); a sweep over many scenarios can skip them, they dominate the cost */
  gaps?: boolean
}

const rankOrNull = (rank: number, of: number): Rank | null => (rank > 0 ? { rank, of } : null)

/**
 * Applies `scenario` to the pool member `code` and recomputes its allocation, the ranks and its
 * gaps. Throws when the municipality is not in the pool (a programming error: the UI offers
 * pool members only).
 */
export function recomputePool(pool: WhatIfPool, code: string, scenario: Scenario, params: AllocationParams, options: RecomputeOptions = {}): PoolRecompute {
  const index = pool.indexOf.get(code)
  const baseline = index === undefined ? undefined : pool.datasets[index]
  if (index === undefined || !baseline) throw new Error(`municipality ${code} is not in the pool`)
  const applied = applyScenarioDetailed(baseline, scenario)
  const ranks = {} as Record<GrantId, ScenarioGrantRanks>
  const p = pool.prefIndex[index]!
  for (const g of GRANT_IDS) {
    const values = pool.totals[g]
    const before = values[index]!
    const afterScore = applied.dataset.grants[g]?.total.score ?? null
    const after = afterScore ?? NaN
    // copies either way, so a caller can never alter the pool's baseline ranks
    const same = after === before || (Number.isNaN(after) && Number.isNaN(before))
    const natRanks = same ? new Int32Array(pool.natRanks[g]) : ranksAfterChange(pool.natRanks[g], values, index, after)
    const prefRanks = same ? new Int32Array(pool.prefRanks[g]) : ranksAfterChange(pool.prefRanks[g], values, index, after, pool.prefIndex)
    const natOf0 = pool.natCounts[g]
    const prefOf0 = pool.prefCounts[g][p]!
    const d = (Number.isNaN(after) ? 0 : 1) - (Number.isNaN(before) ? 0 : 1)
    ranks[g] = {
      grant: g,
      baselineScore: Number.isNaN(before) ? null : before,
      scenarioScore: afterScore,
      baseline: { pref: rankOrNull(pool.prefRanks[g][index]!, prefOf0), nat: rankOrNull(pool.natRanks[g][index]!, natOf0) },
      scenario: { pref: rankOrNull(prefRanks[index]!, prefOf0 + d), nat: rankOrNull(natRanks[index]!, natOf0 + d) },
      natRanks, prefRanks,
    }
  }
  // The scenario dataset carries the pool's ranks for the grants the scenario changed.
  let dataset = applied.dataset
  if (applied.changedGrants.length > 0) {
    const grants = { ...dataset.grants }
    for (const g of applied.changedGrants) {
      const r = grants[g]
      if (r) grants[g] = { ...r, prefRank: ranks[g].scenario.pref, natRank: ranks[g].scenario.nat }
    }
    dataset = { ...dataset, grants }
  }
  return {
    code, index, dataset, issues: applied.issues,
    allocation: estimateFromApplied(baseline, applied, params, pool),
    ranks,
    gaps: options.gaps === false ? null : datasetGapRows(applied.dataset),
  }
}

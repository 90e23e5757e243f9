/**
 * A pool of municipalities (one fiscal year, typically all 1,741 from MHLW's workbook) laid out
 * in typed arrays for the what-if hot path: grant totals, insured counts, size tiers and
 * prefecture indexes, with the baseline ranks and the Σ score × insured sums computed once.
 * Missing figures are NaN in the arrays (never 0) and are left out of sums and ranks.
 */
import { GRANT_IDS, type FiscalYear, type GrantId, type YearDataset } from '../types'
import { competitionRanksF64, rankedCounts } from './ranks'
import { sizeTierForInsured, type AllocationParams, type Tiering } from './params'

export interface WhatIfPool {
  fiscalYear: FiscalYear
  size: number
  codes: readonly string[]
  indexOf: ReadonlyMap<string, number>
  /** the members' datasets, by index (kept by reference, not copied) */
  datasets: readonly YearDataset[]
  /** distinct prefecture names; prefIndex points into this */
  prefectures: readonly string[]
  prefIndex: Int32Array
  /** 第1号被保険者数; NaN = missing */
  insured: Float64Array
  /** 規模区分 1–5 (the dataset's, else derived from the insured count); 0 = unknown */
  tier: Int8Array
  /** grant total scores; NaN = missing */
  totals: Record<GrantId, Float64Array>
  /** baseline competition ranks, nationally and within the prefecture; 0 = not ranked */
  natRanks: Record<GrantId, Int32Array>
  prefRanks: Record<GrantId, Int32Array>
  /** members ranked: nationally, and per prefecture index */
  natCounts: Record<GrantId, number>
  prefCounts: Record<GrantId, Int32Array>
  /** Σ score × insured over members with both figures: [0] national, [1..5] per size tier */
  weightSums: Record<GrantId, Float64Array>
  /** members with both figures (in the sums), national */
  weighted: Record<GrantId, number>
  /** members left out of the sums because a score or the insured count is missing */
  excluded: Record<GrantId, number>
}

const perGrant = <T>(f: (g: GrantId) => T): Record<GrantId, T> => ({ suishin: f('suishin'), doryoku: f('doryoku') })

/**
 * Lays out a pool. All datasets must be of one fiscal year and distinct municipalities
 * (the importer guarantees this; a violation is a programming error and throws).
 */
export function preparePool(datasets: readonly YearDataset[]): WhatIfPool {
  const n = datasets.length
  const fiscalYear = datasets[0]?.fiscalYear ?? NaN
  const codes: string[] = []
  const indexOf = new Map<string, number>()
  const prefectures: string[] = []
  const prefMap = new Map<string, number>()
  const prefIndex = new Int32Array(n)
  const insured = new Float64Array(n)
  const tier = new Int8Array(n)
  const totals = perGrant(() => new Float64Array(n))
  datasets.forEach((ds, i) => {
    if (ds.fiscalYear !== fiscalYear) throw new Error(`pool mixes fiscal years: ${ds.fiscalYear} and ${fiscalYear}`)
    const code = ds.municipality.code
    if (indexOf.has(code)) throw new Error(`pool has municipality ${code} twice`)
    codes.push(code)
    indexOf.set(code, i)
    let p = prefMap.get(ds.municipality.prefecture)
    if (p === undefined) {
      p = prefectures.length
      prefMap.set(ds.municipality.prefecture, p)
      prefectures.push(ds.municipality.prefecture)
    }
    prefIndex[i] = p
    const ins = ds.insuredCount
    insured[i] = ins !== null && Number.isFinite(ins) && ins >= 0 ? ins : NaN
    tier[i] = ds.sizeTier ?? sizeTierForInsured(ins) ?? 0
    for (const g of GRANT_IDS) {
      const s = ds.grants[g]?.total.score ?? null
      totals[g][i] = s !== null && Number.isFinite(s) ? s : NaN
    }
  })
  const weightSums = perGrant(() => new Float64Array(6))
  const weighted = perGrant(() => 0)
  const excluded = perGrant(() => 0)
  for (const g of GRANT_IDS) {
    const ws = weightSums[g]
    for (let i = 0; i < n; i++) {
      const w = totals[g][i]! * insured[i]!
      if (Number.isNaN(w)) { excluded[g]++; continue }
      weighted[g]++
      ws[0] = ws[0]! + w
      const t = tier[i]!
      if (t >= 1 && t <= 5) ws[t] = ws[t]! + w
    }
  }
  const prefCount = prefectures.length
  return {
    fiscalYear, size: n, codes, indexOf, datasets, prefectures, prefIndex, insured, tier, totals,
    natRanks: perGrant((g) => competitionRanksF64(totals[g])),
    prefRanks: perGrant((g) => competitionRanksF64(totals[g], prefIndex)),
    natCounts: perGrant((g) => totals[g].reduce((c, v) => c + (Number.isNaN(v) ? 0 : 1), 0)),
    prefCounts: perGrant((g) => rankedCounts(totals[g], prefIndex, prefCount)),
    weightSums, weighted, excluded,
  }
}

/**
 * Each tier's fraction of the base frame: the explicit parameter, or the tiers' baseline
 * proportions of Σ score × insured. Index 1..5; index 0 unused.
 */
export function tierFractions(pool: WhatIfPool, grant: GrantId, shares: AllocationParams['tierBudgetShares']): Float64Array {
  const out = new Float64Array(6)
  const ws = pool.weightSums[grant]
  for (const t of [1, 2, 3, 4, 5] as const) {
    out[t] = shares ? (shares[t] ?? 0) : ws[0]! > 0 ? ws[t]! / ws[0]! : 0
  }
  return out
}

/**
 * Every member's share of a grant's base frame at baseline: s_i·n_i / Σ s_j·n_j nationally, or
 * (tier's fraction) × s_i·n_i / Σ_tier s_j·n_j per tier. Members without a score or insured
 * count get NaN and are not in the sums; the shares of the others sum to one (when the tier
 * fractions do).
 */
export function baseFrameShares(pool: WhatIfPool, grant: GrantId, tiering: Tiering, shares: AllocationParams['tierBudgetShares'] = null): Float64Array {
  const out = new Float64Array(pool.size)
  const ws = pool.weightSums[grant]
  const tf = tierFractions(pool, grant, shares)
  for (let i = 0; i < pool.size; i++) {
    const w = pool.totals[grant][i]! * pool.insured[i]!
    if (Number.isNaN(w)) { out[i] = NaN; continue }
    if (tiering === 'national') { out[i] = ws[0]! > 0 ? w / ws[0]! : NaN; continue }
    const t = pool.tier[i]!
    out[i] = ws[t]! > 0 ? tf[t]! * w / ws[t]! : NaN
  }
  return out
}

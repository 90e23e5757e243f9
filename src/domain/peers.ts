/**
 * Peers: ranks, prefectural averages and peer comparisons computed from the datasets of many
 * municipalities of one fiscal year (e.g. every row of MHLW's national result workbook).
 * Everything is computed from unrounded values; missing figures stay missing and are left out
 * of means and ranks (never counted as 0).
 */
import { grantGapRows, type GapLevel, type GapRow } from './gaps'
import { PREFECTURES } from './prefectures'
import { goalDef, grantDef, groupDef } from './catalogue/grantCatalogue'
import { ratePercent, sub } from './numbers'
import {
  datasetKeyString, GRANT_IDS,
  type FiscalYear, type GoalId, type GrantId, type GroupKind, type Municipality, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from './types'

/** 4 → 宮城県; null outside 1–47. */
export function prefectureName(code: number): string | null {
  return Number.isInteger(code) ? PREFECTURES[code - 1] ?? null : null
}

/** 宮城県 → 4; null for a name that is not one of the 47. */
export function prefectureCode(name: string): number | null {
  const i = (PREFECTURES as readonly string[]).indexOf(name)
  return i < 0 ? null : i + 1
}

/** Figures that differ by less than this count as a tie (guards against binary noise in sums). */
const TIE_EPSILON = 1e-9

/**
 * Standard competition ranking ("1224"), higher value first: [90, 80, 80, 70] → [1, 2, 2, 4].
 * Missing values are not ranked (null) and do not count towards anyone's rank.
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const order = values
    .map((v, i) => ({ v, i }))
    .filter((x): x is { v: number; i: number } => x.v !== null && Number.isFinite(x.v))
    .sort((a, b) => b.v - a.v)
  const ranks: (number | null)[] = values.map(() => null)
  let prev: number | null = null
  let prevRank = 0
  order.forEach(({ v, i }, pos) => {
    const rank = prev !== null && Math.abs(prev - v) < TIE_EPSILON ? prevRank : pos + 1
    ranks[i] = rank
    prev = v
    prevRank = rank
  })
  return ranks
}

/** Ranks within pools (e.g. prefectures), each with its denominator: the number of ranked members. */
function ranksInPools<T>(items: readonly T[], pool: (t: T) => string | null, value: (t: T) => number | null): (Rank | null)[] {
  const out: (Rank | null)[] = items.map(() => null)
  const pools = new Map<string, number[]>()
  items.forEach((t, i) => {
    const p = pool(t)
    if (p === null) return
    const list = pools.get(p)
    if (list) list.push(i)
    else pools.set(p, [i])
  })
  for (const indices of pools.values()) {
    const vals = indices.map((i) => {
      const item = items[i]
      return item === undefined ? null : value(item)
    })
    const ranks = competitionRanks(vals)
    const of = ranks.filter((r) => r !== null).length
    indices.forEach((idx, k) => {
      const rank = ranks[k]
      if (rank !== null && rank !== undefined) out[idx] = { rank, of }
    })
  }
  return out
}

function assertOneYear(datasets: readonly YearDataset[]): void {
  const years = new Set(datasets.map((d) => d.fiscalYear))
  if (years.size > 1) throw new RangeError(`peers: datasets of one fiscal year expected, got ${[...years].sort().join(', ')}`)
}

export interface GrantRanks {
  /** within the prefecture, e.g. 4位／35 */
  prefRank: Rank | null
  /** among all loaded municipalities */
  natRank: Rank | null
  /** within the same size tier (規模区分) nationally; null without a tier */
  tierRank: Rank | null
}

/**
 * Ranks of every dataset on the grant's total score, within its prefecture, nationally and
 * within its size tier. Keyed by datasetKeyString. The datasets must be of one fiscal year.
 */
export function computeRanks(datasets: readonly YearDataset[], grant: GrantId): Map<string, GrantRanks> {
  assertOneYear(datasets)
  const score = (d: YearDataset): number | null => d.grants[grant]?.total.score ?? null
  const pref = ranksInPools(datasets, (d) => d.municipality.prefecture, score)
  const nat = ranksInPools(datasets, () => 'all', score)
  const tier = ranksInPools(datasets, (d) => (d.sizeTier === null ? null : String(d.sizeTier)), score)
  const out = new Map<string, GrantRanks>()
  datasets.forEach((d, i) => {
    out.set(datasetKeyString({ code: d.municipality.code, fiscalYear: d.fiscalYear }),
      { prefRank: pref[i] ?? null, natRank: nat[i] ?? null, tierRank: tier[i] ?? null })
  })
  return out
}

/** A score line of a dataset with its stable key ("doryoku", "doryoku/II", "doryoku/II/structure"). */
export interface KeyedLine {
  key: string
  level: GapLevel
  grant: GrantId
  goal: GoalId | null
  group: GroupKind | null
  line: ScoreLine
}

export function lineKey(grant: GrantId, goal: GoalId | null = null, group: GroupKind | null = null): string {
  return [grant, goal, group].filter((x) => x !== null).join('/')
}

/** Every score line of a dataset (totals, goals, groups), in catalogue order. */
export function datasetLines(ds: YearDataset): KeyedLine[] {
  const out: KeyedLine[] = []
  for (const grant of GRANT_IDS) {
    const g = ds.grants[grant]
    if (!g) continue
    out.push({ key: lineKey(grant), level: 'total', grant, goal: null, group: null, line: g.total })
    for (const goal of g.goals) {
      out.push({ key: lineKey(grant, goal.goal), level: 'goal', grant, goal: goal.goal, group: null, line: goal })
      for (const group of goal.groups) {
        out.push({ key: lineKey(grant, goal.goal, group.kind), level: 'group', grant, goal: goal.goal, group: group.kind, line: group })
      }
    }
  }
  return out
}

/** Mean of the present values and how many there were; null mean when none. */
export interface MeanOf {
  mean: number | null
  count: number
}

export function meanOf(values: readonly (number | null)[]): MeanOf {
  let sum = 0
  let count = 0
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue
    sum += v
    count += 1
  }
  return { mean: count === 0 ? null : sum / count, count }
}

/** Mean score per line key over the datasets (municipalities without a figure are left out). */
export function meanScores(datasets: readonly YearDataset[]): Map<string, MeanOf> {
  const values = new Map<string, (number | null)[]>()
  for (const ds of datasets) {
    for (const { key, line } of datasetLines(ds)) {
      const list = values.get(key)
      if (list) list.push(line.score)
      else values.set(key, [line.score])
    }
  }
  return new Map([...values].map(([k, v]) => [k, meanOf(v)]))
}

/**
 * Prefectural averages (県平均点) per prefecture and line key, unrounded: the mean over the
 * prefecture's municipalities that have the figure. The datasets must be of one fiscal year.
 */
export function prefecturalAverages(datasets: readonly YearDataset[]): Map<string, Map<string, MeanOf>> {
  assertOneYear(datasets)
  const byPref = new Map<string, YearDataset[]>()
  for (const ds of datasets) {
    const list = byPref.get(ds.municipality.prefecture)
    if (list) list.push(ds)
    else byPref.set(ds.municipality.prefecture, [ds])
  }
  return new Map([...byPref].map(([pref, list]) => [pref, meanScores(list)]))
}

export interface PeerFigureOptions {
  /** replace published prefectural averages and ranks too (default: fill only what is missing) */
  overwrite?: boolean
}

/**
 * Copies of the datasets with prefectural averages and ranks (prefecture and national, per
 * grant) computed from the datasets themselves, per fiscal year. Published figures are kept
 * unless `overwrite` is set; missing ones are filled.
 */
export function withPeerFigures(datasets: readonly YearDataset[], options: PeerFigureOptions = {}): YearDataset[] {
  const copies = datasets.map((d) => structuredClone(d))
  fillPeerFiguresInPlace(copies, options)
  return copies
}

/**
 * withPeerFigures without the copies: changes the given datasets. For an importer that has
 * just built them (copying 1,741 datasets costs more than computing their figures).
 */
export function fillPeerFiguresInPlace(datasets: YearDataset[], options: PeerFigureOptions = {}): void {
  const overwrite = options.overwrite ?? false
  const byYear = new Map<FiscalYear, YearDataset[]>()
  for (const d of datasets) {
    const list = byYear.get(d.fiscalYear)
    if (list) list.push(d)
    else byYear.set(d.fiscalYear, [d])
  }
  for (const year of byYear.values()) {
    const averages = prefecturalAverages(year)
    const ranks = new Map(GRANT_IDS.map((g) => [g, computeRanks(year, g)] as const))
    for (const ds of year) {
      const prefAvg = averages.get(ds.municipality.prefecture)
      for (const { key, line } of datasetLines(ds)) {
        if (overwrite || line.prefAvg === null) line.prefAvg = prefAvg?.get(key)?.mean ?? null
      }
      const dsKey = datasetKeyString({ code: ds.municipality.code, fiscalYear: ds.fiscalYear })
      for (const grant of GRANT_IDS) {
        const g = ds.grants[grant]
        const r = ranks.get(grant)?.get(dsKey)
        if (!g || !r) continue
        if (overwrite || g.prefRank === null) g.prefRank = r.prefRank
        if (overwrite || g.natRank === null) g.natRank = r.natRank
      }
    }
    fillCombinedFigures(year, overwrite)
  }
}

/** 推進・支援合計: prefectural average and ranks, like a grant total's (a published national rank is kept). */
function fillCombinedFigures(year: readonly YearDataset[], overwrite: boolean): void {
  const score = (d: YearDataset): number | null => d.combined?.score ?? null
  if (!year.some((d) => score(d) !== null)) return
  const pref = ranksInPools(year, (d) => d.municipality.prefecture, score)
  const nat = ranksInPools(year, () => 'all', score)
  const prefMeans = new Map<string, MeanOf>()
  for (const d of year) {
    const p = d.municipality.prefecture
    if (!prefMeans.has(p)) prefMeans.set(p, meanOf(year.filter((x) => x.municipality.prefecture === p).map(score)))
  }
  year.forEach((d, i) => {
    const c = d.combined
    if (!c) return
    if (overwrite || c.prefAvg === null) c.prefAvg = prefMeans.get(d.municipality.prefecture)?.mean ?? null
    if (overwrite || c.prefRank === null) c.prefRank = pref[i] ?? null
    if (overwrite || c.natRank === null) c.natRank = nat[i] ?? null
  })
}

/** Mean score rate (percent, unrounded) of a pool of municipalities on one line. */
export interface PeerStat {
  meanRate: number | null
  /** municipalities with a rate on this line */
  count: number
}

export interface PeerRow extends Pick<GapRow, 'key' | 'level' | 'grant' | 'goal' | 'group' | 'label' | 'shortTitle' | 'shared' | 'score' | 'max' | 'rate'> {
  /** the municipality's prefecture (the municipality itself included, as in 県平均) */
  pref: PeerStat
  /** the municipality's size tier nationwide; count 0 and null mean without a tier */
  tier: PeerStat
  /** every loaded municipality of the year */
  nation: PeerStat
  /** rate − mean rate, in percentage points */
  gapPrefRate: number | null
  gapTierRate: number | null
  gapNationRate: number | null
}

export interface PeerGrantSummary extends GrantRanks {
  grant: GrantId
}

/** Mean total rate per grant of one pool (a size tier or a prefecture). */
export interface PoolSummary {
  /** municipalities in the pool */
  count: number
  totals: Record<GrantId, PeerStat>
}

export interface PeerTable {
  municipality: Municipality
  fiscalYear: FiscalYear
  sizeTier: SizeTier | null
  insuredCount: number | null
  /** pool sizes: municipalities of the year loaded in the prefecture, the tier and in all */
  prefCount: number
  tierCount: number
  nationCount: number
  grants: PeerGrantSummary[]
  /** one row per total, goal and group of the municipality, in catalogue order */
  rows: PeerRow[]
  /** every size tier 1–5 present in the pool, in order */
  tiers: (PoolSummary & { tier: SizeTier })[]
  /** every prefecture present in the pool, in 都道府県番号 order */
  prefectures: (PoolSummary & { prefecture: string })[]
}

/** Score rate per line key; a line without its own 配点 takes the catalogue's, as gaps.ts does. */
function ratesByKey(ds: YearDataset): Map<string, number | null> {
  const out = new Map<string, number | null>()
  for (const { key, grant, goal, group, line } of datasetLines(ds)) {
    let max = line.max
    if (max === null) {
      max = goal === null ? grantDef(grant, ds.fiscalYear)?.max ?? null
        : group === null ? goalDef(grant, ds.fiscalYear, goal)?.max ?? null
          : groupDef(grant, ds.fiscalYear, goal, group)?.max ?? null
    }
    out.set(key, ratePercent(line.score, max))
  }
  return out
}

function peerStat(rates: readonly Map<string, number | null>[], key: string): PeerStat {
  const m = meanOf(rates.map((r) => r.get(key) ?? null))
  return { meanRate: m.mean, count: m.count }
}

function poolSummary(rates: readonly Map<string, number | null>[]): PoolSummary {
  const totals = Object.fromEntries(GRANT_IDS.map((g) => [g, peerStat(rates, g)])) as Record<GrantId, PeerStat>
  return { count: rates.length, totals }
}

/**
 * The municipality against its prefecture and its size tier (規模区分) in one fiscal year: the
 * mean score rate of each pool per total, goal and group, the gaps in rate points, ranks, and
 * the mean total rate of every tier and every prefecture for an overview. Null when the
 * municipality has no dataset for that year.
 */
export function peerTable(datasets: readonly YearDataset[], code: string, fiscalYear: FiscalYear): PeerTable | null {
  const year = datasets.filter((d) => d.fiscalYear === fiscalYear)
  const self = year.find((d) => d.municipality.code === code)
  if (!self) return null
  const rates = new Map(year.map((d) => [d, ratesByKey(d)]))
  const ratesOf = (pool: readonly YearDataset[]): Map<string, number | null>[] => pool.map((d) => rates.get(d) ?? new Map())
  const prefPool = year.filter((d) => d.municipality.prefecture === self.municipality.prefecture)
  const tierPool = self.sizeTier === null ? [] : year.filter((d) => d.sizeTier === self.sizeTier)
  const prefRates = ratesOf(prefPool)
  const tierRates = ratesOf(tierPool)
  const nationRates = ratesOf(year)

  const rows: PeerRow[] = GRANT_IDS.flatMap((g) => grantGapRows(self, g)).map((r) => {
    const pref = peerStat(prefRates, r.key)
    const tier = peerStat(tierRates, r.key)
    const nation = peerStat(nationRates, r.key)
    return {
      key: r.key, level: r.level, grant: r.grant, goal: r.goal, group: r.group, label: r.label,
      shortTitle: r.shortTitle, shared: r.shared, score: r.score, max: r.max, rate: r.rate,
      pref, tier, nation,
      gapPrefRate: sub(r.rate, pref.meanRate),
      gapTierRate: sub(r.rate, tier.meanRate),
      gapNationRate: sub(r.rate, nation.meanRate),
    }
  })

  const selfKey = datasetKeyString({ code, fiscalYear })
  const grants: PeerGrantSummary[] = GRANT_IDS.filter((g) => self.grants[g]).map((g) => {
    const r = computeRanks(year, g).get(selfKey)
    return { grant: g, prefRank: r?.prefRank ?? null, natRank: r?.natRank ?? null, tierRank: r?.tierRank ?? null }
  })

  const tierValues = [...new Set(year.map((d) => d.sizeTier).filter((t): t is SizeTier => t !== null))].sort((a, b) => a - b)
  const tiers = tierValues.map((tier) => ({ tier, ...poolSummary(ratesOf(year.filter((d) => d.sizeTier === tier))) }))
  const prefOrder = (name: string): number => prefectureCode(name) ?? PREFECTURES.length + 1
  const prefNames = [...new Set(year.map((d) => d.municipality.prefecture))]
    .sort((a, b) => prefOrder(a) - prefOrder(b) || a.localeCompare(b, 'ja'))
  const prefectures = prefNames.map((prefecture) => ({ prefecture, ...poolSummary(ratesOf(year.filter((d) => d.municipality.prefecture === prefecture))) }))

  return {
    municipality: self.municipality, fiscalYear, sizeTier: self.sizeTier, insuredCount: self.insuredCount,
    prefCount: prefPool.length, tierCount: tierPool.length, nationCount: year.length,
    grants, rows, tiers, prefectures,
  }
}

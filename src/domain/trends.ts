/**
 * Year-by-year score rates of one municipality, per grant, for trend charts.
 * Years compare by rate only: the point scale changed in FY2024 (1,355 / 830 → 400 points).
 */
import { STRUCTURE_REVISION_YEAR } from './catalogue/grantCatalogue'
import { grantGapRows, type GapRow } from './gaps'
import { GOAL_IDS, GRANT_IDS, type FiscalYear, type GoalId, type GrantId, type YearDataset } from './types'

export interface TrendPoint {
  fiscalYear: FiscalYear
  score: number | null
  max: number | null
  /** score rates in percent, unrounded */
  rate: number | null
  prefRate: number | null
  natRate: number | null
  /** the averages in points, for tooltips */
  prefAvg: number | null
  natAvg: number | null
}

export interface GrantTrend {
  grant: GrantId
  /** one point per fiscal year, ascending, no year skipped between the first and the last */
  total: TrendPoint[]
  goals: Record<GoalId, TrendPoint[]>
}

export type TrendSeries = Record<GrantId, GrantTrend>

/** A year without a published figure: every value null, so a chart draws a gap, not a zero. */
export function nullTrendPoint(fiscalYear: FiscalYear): TrendPoint {
  return { fiscalYear, score: null, max: null, rate: null, prefRate: null, natRate: null, prefAvg: null, natAvg: null }
}

function pointOf(fiscalYear: FiscalYear, row: GapRow | undefined): TrendPoint {
  if (!row) return nullTrendPoint(fiscalYear)
  const { score, max, rate, prefRate, natRate, prefAvg, natAvg } = row
  return { fiscalYear, score, max, rate, prefRate, natRate, prefAvg, natAvg }
}

/** Every fiscal year from the municipality's first to its last dataset, gaps included. */
export function trendYears(datasets: readonly YearDataset[], code: string): FiscalYear[] {
  const years = datasets.filter((d) => d.municipality.code === code).map((d) => d.fiscalYear)
  if (years.length === 0) return []
  const first = Math.min(...years)
  const last = Math.max(...years)
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/**
 * Trend points of one municipality for both grants. Rates come from grantGapRows, so they
 * are the same unrounded figures as the gap tables. Should a year appear twice, the first
 * dataset wins (keys are unique in the store, so this only guards against careless input).
 */
export function trendSeries(datasets: readonly YearDataset[], code: string): TrendSeries {
  const byYear = new Map<FiscalYear, YearDataset>()
  for (const ds of datasets) {
    if (ds.municipality.code === code && !byYear.has(ds.fiscalYear)) byYear.set(ds.fiscalYear, ds)
  }
  const years = trendYears(datasets, code)
  const build = (grant: GrantId): GrantTrend => {
    const rowsByYear = new Map<FiscalYear, Map<string, GapRow>>()
    for (const fy of years) {
      const ds = byYear.get(fy)
      const rows = ds ? grantGapRows(ds, grant) : []
      rowsByYear.set(fy, new Map(rows.map((r) => [r.key, r])))
    }
    const series = (key: string): TrendPoint[] => years.map((fy) => pointOf(fy, rowsByYear.get(fy)?.get(key)))
    const goals = Object.fromEntries(GOAL_IDS.map((g) => [g, series(`${grant}/${g}`)])) as Record<GoalId, TrendPoint[]>
    return { grant, total: series(grant), goals }
  }
  return Object.fromEntries(GRANT_IDS.map((g) => [g, build(g)])) as TrendSeries
}

/**
 * True when two fiscal years lie on different sides of the FY2024 revision, i.e. their
 * points are on different scales and only their rates may be compared.
 */
export function crossesStructureRevision(a: FiscalYear, b: FiscalYear): boolean {
  return (a < STRUCTURE_REVISION_YEAR) !== (b < STRUCTURE_REVISION_YEAR)
}

/** True when any point carries a rate (own or average): an all-null trend needs a notice, not a chart. */
export function trendHasData(points: readonly TrendPoint[]): boolean {
  return points.some((p) => p.rate !== null || p.prefRate !== null || p.natRate !== null)
}

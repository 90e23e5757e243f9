import { describe, expect, it } from 'vitest'
import { crossesStructureRevision, trendHasData, trendSeries, trendYears, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const TOME = '04212'
const years = (ps: { fiscalYear: number }[]) => ps.map((p) => p.fiscalYear)

describe('trendSeries on the example (登米市 2023–2025)', () => {
  const trend = trendSeries(exampleDatasets(), TOME)

  it('gives one point per year, ascending, for both grants and every goal', () => {
    for (const g of [trend.suishin, trend.doryoku]) {
      expect(years(g.total)).toEqual([2023, 2024, 2025])
      for (const goal of ['I', 'II', 'III', 'IV'] as const) expect(years(g.goals[goal])).toEqual([2023, 2024, 2025])
    }
  })

  it('FY2023 suishin is 825 of 1,355 points: compared by rate, not points', () => {
    const p = trend.suishin.total[0]
    expect(p).toMatchObject({ fiscalYear: 2023, score: 825, max: 1355 })
    expect(p?.rate).toBe((825 / 1355) * 100)
    expect(trend.doryoku.total[0]?.rate).toBe((400 / 830) * 100)
    expect(trend.suishin.total[1]?.rate).toBe((227 / 400) * 100)
  })

  it('averages missing in FY2023 and FY2024 stay null; FY2025 has them', () => {
    for (const p of trend.suishin.total.slice(0, 2)) {
      expect(p.prefRate).toBeNull()
      expect(p.natRate).toBeNull()
      expect(p.prefAvg).toBeNull()
    }
    const p25 = trend.suishin.total[2]
    expect(p25?.rate).toBe(61.5)
    expect(p25?.prefRate).toBe((207.7 / 400) * 100)
    expect(p25?.natRate).toBe((219.3 / 400) * 100)
    // the published summary figure, not the goal sum
    expect(trend.doryoku.total[2]?.natAvg).toBe(216.7)
  })

  it('goals not published (totals-only years) are null points, never 0', () => {
    const ii = trend.doryoku.goals.II
    expect(ii[0]).toEqual({ fiscalYear: 2023, score: null, max: null, rate: null, prefRate: null, natRate: null, prefAvg: null, natAvg: null })
    expect(ii[1]?.rate).toBeNull()
    expect(ii[2]).toMatchObject({ score: 20, max: 100, rate: 20, natRate: 46.5, prefRate: 46.4 })
  })
})

describe('gaps between years', () => {
  const withoutYear = (fy: number): YearDataset[] => exampleDatasets().filter((d) => d.fiscalYear !== fy)

  it('a year with no dataset between the first and last is a null point', () => {
    const t = trendSeries(withoutYear(2024), TOME)
    expect(years(t.suishin.total)).toEqual([2023, 2024, 2025])
    expect(t.suishin.total[1]).toMatchObject({ fiscalYear: 2024, score: null, rate: null, natRate: null })
    expect(t.suishin.total[0]?.rate).toBe((825 / 1355) * 100)
  })

  it('years only span the data: dropping 2023 starts the trend at 2024', () => {
    expect(trendYears(withoutYear(2023), TOME)).toEqual([2024, 2025])
  })

  it('another municipality code gives empty series', () => {
    const t = trendSeries(exampleDatasets(), '01100')
    expect(t.suishin.total).toEqual([])
    expect(t.doryoku.goals.I).toEqual([])
    expect(trendHasData(t.suishin.total)).toBe(false)
  })

  it('a grant missing from a year gives null points for that year', () => {
    const ds = exampleDatasets().map((d) => (d.fiscalYear === 2024 ? { ...d, grants: { suishin: d.grants.suishin } } : d))
    const t = trendSeries(ds, TOME)
    expect(t.doryoku.total[1]).toMatchObject({ fiscalYear: 2024, score: null, rate: null })
    expect(t.suishin.total[1]?.score).toBe(227)
  })

  it('trendHasData is false for an all-null series', () => {
    const t = trendSeries(exampleDatasets(), TOME)
    expect(trendHasData(t.doryoku.goals.II)).toBe(true)
    expect(trendHasData(t.doryoku.goals.II.slice(0, 2))).toBe(false)
  })
})

describe('crossesStructureRevision (FY2024: 1,355/830 → 400 points)', () => {
  it.each([
    [2023, 2024, true],
    [2024, 2023, true],
    [2022, 2025, true],
    [2024, 2025, false],
    [2022, 2023, false],
    [2025, 2025, false],
  ])('%i ↔ %i: %s', (a, b, expected) => {
    expect(crossesStructureRevision(a, b)).toBe(expected)
  })
})

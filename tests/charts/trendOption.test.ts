import { describe, expect, it } from 'vitest'
import type { LineSeriesOption } from 'echarts/charts'
import { REVISION_LABEL, buildTrendOption, revisionIndex, type TrendChartOption } from '@/charts/trendOption'
import { FONT_FAMILY } from '@/charts/theme'
import { trendSeries } from '@/domain'
import { exampleDatasets } from '@/data/example'

const TOME = '04212'
const series = (o: TrendChartOption) => o.series as LineSeriesOption[]
const dataOf = (o: TrendChartOption, name: string) => {
  const s = series(o).find((x) => x.name === name)
  if (!s) throw new Error(`no series ${name}`)
  return s.data as (number | null)[]
}
type MarkLine = { data: { xAxis: number }[]; label: { formatter: string } }
const markLines = (o: TrendChartOption): MarkLine[] =>
  series(o).flatMap((s) => (s.markLine ? [s.markLine as MarkLine] : []))
const tooltip = (o: TrendChartOption, dataIndex: number): string =>
  (o.tooltip as { formatter: (p: unknown) => string }).formatter([{ seriesIndex: 0, dataIndex }])

describe('buildTrendOption on the example (推進 2023–2025)', () => {
  const trend = trendSeries(exampleDatasets(), TOME)
  const option = buildTrendOption(trend.suishin, { animation: false, labels: { municipality: '登米市' } })

  it('labels the years in the Japanese era, ascending', () => {
    expect((option.xAxis as { data: string[] }).data).toEqual(['令和5年度', '令和6年度', '令和7年度'])
  })

  it('plots unrounded score rates, FY2023 on its own 1,355-point scale', () => {
    expect(dataOf(option, '登米市')).toEqual([(825 / 1355) * 100, (227 / 400) * 100, 61.5])
  })

  it('averages are null where unpublished, so the line breaks', () => {
    expect(dataOf(option, '県平均')).toEqual([null, null, (207.7 / 400) * 100])
    expect(dataOf(option, '全国平均')).toEqual([null, null, (219.3 / 400) * 100])
    expect(series(option).every((s) => s.connectNulls === false)).toBe(true)
  })

  it('marks the FY2024 structure revision once, at 令和6年度', () => {
    const marks = markLines(option)
    expect(marks).toHaveLength(1)
    expect(marks[0]?.data).toEqual([{ xAxis: 1 }])
    expect(marks[0]?.label.formatter).toBe(REVISION_LABEL)
    expect(REVISION_LABEL).toContain('指標見直し')
  })

  it('keeps the y axis on 0–100 % and the series apart by style and marker', () => {
    expect(option.yAxis).toMatchObject({ min: 0, max: 100, axisLabel: { formatter: '{value}%' } })
    expect(series(option).map((s) => [s.lineStyle?.type, s.symbol])).toEqual([
      ['solid', 'circle'], ['dashed', 'triangle'], ['dotted', 'diamond'],
    ])
    expect(option.aria).toMatchObject({ enabled: true })
    expect(option.textStyle).toMatchObject({ fontFamily: FONT_FAMILY })
  })

  it('tooltip gives rates with points, and a dash for a missing average', () => {
    const t2023 = tooltip(option, 0)
    expect(t2023).toContain('令和5年度 (2023)')
    expect(t2023).toContain('登米市: 60.9%（825／1355点）')
    expect(t2023).toContain('県平均: —')
    expect(tooltip(option, 2)).toContain('全国平均: 54.8%（219.3／400点）')
  })

  it('adds goal lines on request, empty before the goals were published', () => {
    const o = buildTrendOption(trendSeries(exampleDatasets(), TOME).doryoku, { animation: false, goals: ['II'] })
    expect(dataOf(o, '自治体 目標II 認知症総合支援')).toEqual([null, null, 20])
    expect(markLines(o)).toHaveLength(1)
  })
})

describe('the revision marker and gaps', () => {
  it('is absent when every year is on the 400-point scale', () => {
    const ds = exampleDatasets().filter((d) => d.fiscalYear !== 2023)
    const option = buildTrendOption(trendSeries(ds, TOME).suishin, { animation: false })
    expect(markLines(option)).toEqual([])
    expect(revisionIndex(trendSeries(ds, TOME).suishin.total)).toBeNull()
  })

  it('a year without data is a gap in the line, and the marker still lands on FY2024', () => {
    const ds = exampleDatasets().filter((d) => d.fiscalYear !== 2024)
    const option = buildTrendOption(trendSeries(ds, TOME).doryoku, { animation: false })
    expect(dataOf(option, '自治体')).toEqual([(400 / 830) * 100, null, 47.5])
    expect(markLines(option)[0]?.data).toEqual([{ xAxis: 1 }])
  })
})

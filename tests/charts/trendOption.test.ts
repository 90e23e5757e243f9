import { describe, expect, it } from 'vitest'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import {
  GOAL_STYLES, OLD_SCALE_SERIES_ID, SYMBOL_SIZE, buildTrendOption, oldScaleLabel, revisionIndex, type TrendChartOption,
} from '@/charts/trendOption'
import { FONT_FAMILY, PALETTE } from '@/charts/theme'
import { formatRate, trendSeries } from '@/domain'
import { exampleDatasets } from '@/data/example'

const TOME = '04212'
type Item = number | null | { value: number | null; symbolSize: number }
const allSeries = (o: TrendChartOption) => o.series as (LineSeriesOption | BarSeriesOption)[]
const series = (o: TrendChartOption) => allSeries(o).filter((s): s is LineSeriesOption => s.type === 'line')
const lineOf = (o: TrendChartOption, name: string): LineSeriesOption => {
  const s = series(o).find((x) => x.name === name)
  if (!s) throw new Error(`no series ${name}`)
  return s
}
const itemsOf = (o: TrendChartOption, name: string): Item[] => lineOf(o, name).data as Item[]
const dataOf = (o: TrendChartOption, name: string): (number | null)[] =>
  itemsOf(o, name).map((d) => (d !== null && typeof d === 'object' ? d.value : d))
/** marker size per point: the series' size unless the point sets its own */
const sizesOf = (o: TrendChartOption, name: string): number[] =>
  itemsOf(o, name).map((d) => (d !== null && typeof d === 'object' ? d.symbolSize : lineOf(o, name).symbolSize as number))
type MarkArea = {
  data: [{ xAxis: number }, { xAxis: number }][]
  label: { show: boolean; position: string; formatter: string }
  itemStyle: { color: string }
}
const oldScale = (o: TrendChartOption) => allSeries(o).filter((s) => s.id === OLD_SCALE_SERIES_ID) as BarSeriesOption[]
const markAreas = (o: TrendChartOption): MarkArea[] =>
  allSeries(o).flatMap((s) => (s.markArea ? [s.markArea as MarkArea] : []))
const description = (o: TrendChartOption): string => (o.aria as { label: { description: string } }).label.description
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

  it('shades the years before the FY2024 revision, from the first year through 令和5年度', () => {
    const areas = markAreas(option)
    expect(areas).toHaveLength(1)
    // category indexes; the bar series that carries the area spans whole bands, so the shading
    // ends on the boundary between 令和5年度 and 令和6年度 (checked in render.test.ts)
    expect(areas[0]?.data).toEqual([[{ xAxis: 0 }, { xAxis: 0 }]])
    expect(areas[0]?.label).toMatchObject({ show: true, position: 'insideBottom', formatter: '旧指標\n（配点 1,355点）' })
    expect(areas[0]?.itemStyle.color).toBe(PALETTE.oldScaleFill)
    expect(series(option).every((s) => s.markLine === undefined)).toBe(true)
  })

  it('the shading rides on an empty bar series that shows in no legend or tooltip', () => {
    const [bar] = oldScale(option)
    expect(bar).toMatchObject({ type: 'bar', silent: true, tooltip: { show: false } })
    expect(bar?.data).toEqual([null, null, null])
    expect((option.legend as { data: string[] }).data).not.toContain(bar?.name)
    // the lines come first, so series indexes 0–2 stay the total and the averages
    expect(allSeries(option).map((s) => s.type)).toEqual(['line', 'line', 'line', 'bar'])
  })

  it('labels the old scale per grant', () => {
    expect(oldScaleLabel('suishin', [2023])).toBe('旧指標（配点 1,355点）')
    expect(oldScaleLabel('doryoku', [2023])).toBe('旧指標（配点 830点）')
    expect(oldScaleLabel('doryoku', [2021])).toBe('旧指標')
    const d = buildTrendOption(trendSeries(exampleDatasets(), TOME).doryoku, { animation: false })
    expect(markAreas(d)[0]?.label.formatter).toBe('旧指標\n（配点 830点）')
  })

  it('draws lone points with larger markers than joined ones', () => {
    expect(sizesOf(option, '登米市')).toEqual([SYMBOL_SIZE.joined, SYMBOL_SIZE.joined, SYMBOL_SIZE.joined])
    expect(sizesOf(option, '県平均')[2]).toBe(SYMBOL_SIZE.isolated)
    expect(sizesOf(option, '全国平均')[2]).toBe(SYMBOL_SIZE.isolated)
    expect(SYMBOL_SIZE.isolated).toBeGreaterThan(SYMBOL_SIZE.joined)
    expect(series(option).every((s) => s.showSymbol === true)).toBe(true)
  })

  it('shows each line in the legend as drawn: line style and marker, wide enough for the dashes', () => {
    const legend = option.legend as { data: unknown[]; itemWidth: number; icon?: string }
    expect(legend.data).toEqual(['登米市', '県平均', '全国平均'])
    expect(legend.icon).toBeUndefined()
    expect(legend.itemWidth).toBeGreaterThanOrEqual(28)
  })

  it('describes every line for screen readers, by year, with formatted rates', () => {
    expect(description(option)).toBe(
      '推進交付金の得点率の推移（令和5年度〜令和7年度）。'
      + '登米市：令和5年度 60.9%、令和6年度 56.8%、令和7年度 61.5%。'
      + '県平均：令和5年度 データなし、令和6年度 データなし、令和7年度 51.9%。'
      + '全国平均：令和5年度 データなし、令和6年度 データなし、令和7年度 54.8%。'
      + '令和5年度までは旧指標（配点 1,355点）で、令和6年度から400点満点です。',
    )
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
    expect(sizesOf(o, '自治体 目標II 認知症総合支援')[2]).toBeGreaterThanOrEqual(SYMBOL_SIZE.isolated)
    expect(markAreas(o)).toHaveLength(1)
    expect(description(o)).toContain('自治体 目標II 認知症総合支援：令和5年度 データなし、令和6年度 データなし、令和7年度 20.0%。')
  })

  it('one year of goal data: the lone markers get one list label, highest first, each name with its value', () => {
    const o = buildTrendOption(trendSeries(exampleDatasets(), TOME).suishin, { animation: false, goals: ['I', 'II', 'III', 'IV'] })
    const ds = exampleDatasets().find((d) => d.fiscalYear === 2025)!
    const labelled = series(o).flatMap((s) => (s.data as Item[]).flatMap((d) => {
      const label = d !== null && typeof d === 'object' ? (d as { label?: { formatter: string } }).label : undefined
      return label ? [{ name: s.name, text: label.formatter.replace(/\{s\d+\|([^}]*)\}/g, '$1') }] : []
    }))
    // one label only, on 目標II (84 %, the highest marker)
    expect(labelled).toHaveLength(1)
    expect(labelled[0]!.name).toContain('目標II')
    const expected = [
      ...ds.grants.suishin!.goals.map((g) => ({ name: `目標${g.goal}`, rate: g.score! / g.max! * 100 })),
      { name: '県平均', rate: 207.7 / 400 * 100 }, { name: '全国平均', rate: 219.3 / 400 * 100 },
    ].sort((a, b) => b.rate - a.rate).map((x) => `${x.name} ${formatRate(x.rate)}`)
    expect(labelled[0]!.text.split('\n')).toEqual(expected)
    // without goals, the totals chart keeps its lone markers unlabelled
    const plain = buildTrendOption(trendSeries(exampleDatasets(), TOME).suishin, { animation: false })
    const last = itemsOf(plain, '県平均')[2]
    expect(last !== null && typeof last === 'object' && 'label' in last).toBe(false)
  })

  it('tells the four goals apart by marker shape and dash pattern, not by colour alone', () => {
    const o = buildTrendOption(trendSeries(exampleDatasets(), TOME).suishin, { animation: false, goals: ['I', 'II', 'III', 'IV'] })
    const goals = series(o).slice(3)
    expect(goals.map((s) => s.name)).toEqual([
      '自治体 目標I 地域のあるべき姿', '自治体 目標II 公正・公平な給付', '自治体 目標III 介護人材・サービス基盤', '自治体 目標IV 自立支援の成果',
    ])
    const symbols = series(o).map((s) => s.symbol)
    expect(new Set(symbols).size).toBe(7)
    expect(symbols.slice(3)).toEqual(GOAL_STYLES.map((g) => g.symbol))
    for (const taken of ['circle', 'triangle', 'diamond', 'roundRect', 'pin']) expect(symbols.slice(3)).not.toContain(taken)
    const dashes = goals.map((s) => JSON.stringify(s.lineStyle?.type))
    expect(new Set(dashes).size).toBe(4)
    for (const d of dashes) expect(['"solid"', '"dashed"', '"dotted"']).not.toContain(d)
    expect(goals.every((s) => (s.symbolSize as number) >= 8)).toBe(true)
    // two legend rows: the total and the averages, then the goals
    expect((o.legend as { data: string[] }).data).toEqual(['自治体', '県平均', '全国平均', '', ...goals.map((s) => s.name)])
    expect((o.grid as { bottom: number }).bottom).toBeGreaterThan((option.grid as { bottom: number }).bottom)
  })
})

describe('the revision marker and gaps', () => {
  it('is absent when every year is on the 400-point scale', () => {
    const ds = exampleDatasets().filter((d) => d.fiscalYear !== 2023)
    const option = buildTrendOption(trendSeries(ds, TOME).suishin, { animation: false })
    expect(markAreas(option)).toEqual([])
    expect(oldScale(option)).toEqual([])
    expect(revisionIndex(trendSeries(ds, TOME).suishin.total)).toBeNull()
    expect(description(option)).not.toContain('旧指標')
  })

  it('a year without data is a gap in the line, its neighbours become lone points, and the shading still ends before FY2024', () => {
    const ds = exampleDatasets().filter((d) => d.fiscalYear !== 2024)
    const option = buildTrendOption(trendSeries(ds, TOME).doryoku, { animation: false })
    expect(dataOf(option, '自治体')).toEqual([(400 / 830) * 100, null, 47.5])
    expect(sizesOf(option, '自治体')).toEqual([SYMBOL_SIZE.isolated, SYMBOL_SIZE.joined, SYMBOL_SIZE.isolated])
    expect(markAreas(option)[0]?.data).toEqual([[{ xAxis: 0 }, { xAxis: 0 }]])
    expect(description(option)).toContain('自治体：令和5年度 48.2%、令和6年度 データなし、令和7年度 47.5%。')
  })
})

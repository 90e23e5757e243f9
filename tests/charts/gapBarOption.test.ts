import { describe, expect, it } from 'vitest'
import type { BarSeriesOption } from 'echarts/charts'
import { buildGapBarOption, gapBars, type GapBarChartOption } from '@/charts/gapBarOption'
import { PALETTE } from '@/charts/theme'
import { allRows, patchRow, rowOf } from './exampleRows'

type Item = { value: number | null; itemStyle: { color: string }; label: { position: string; color: string } }
const categories = (o: GapBarChartOption): string[] => (o.yAxis as { data: string[] }).data
const bar = (o: GapBarChartOption) => (o.series as BarSeriesOption[])[0] as Omit<BarSeriesOption, 'data'> & { data: Item[] }
const labelOf = (o: GapBarChartOption, i: number): string =>
  (bar(o).label as { formatter: (p: unknown) => string }).formatter({ dataIndex: i })
const description = (o: GapBarChartOption): string => (o.aria as { label: { description: string } }).label.description

describe('buildGapBarOption against the national average (登米市 令和7年度)', () => {
  const rows = allRows()
  const option = buildGapBarOption(rows, { against: 'national', animation: false })

  it('puts 努力 II(i) 認知症総合支援 体制・取組 first, and first is the top (inverse axis)', () => {
    expect(categories(option)[0]).toBe('努力 II(i) 認知症総合支援 体制・取組')
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true)
    const first = bar(option).data[0]
    expect(first?.value).toBeCloseTo(-30.15625, 10)
    expect(first?.value).toBe(rowOf(rows, 'doryoku/II/structure').gapNatRate)
    expect(labelOf(option, 0)).toBe('−30.2')
  })

  it('shows every group of both grants, the shared outcome group once as 共通', () => {
    expect(categories(option)).toHaveLength(13)
    const outcome = categories(option).filter((c) => c.includes('自立支援の成果'))
    expect(outcome).toEqual(['共通 IV 自立支援の成果'])
    expect(categories(option).filter((c) => c.startsWith('推進 '))).toHaveLength(6)
    expect(categories(option).filter((c) => c.startsWith('努力 '))).toHaveLength(6)
  })

  it('sorts weakest first by the unrounded rate gap', () => {
    const vals = bar(option).data.map((d) => d.value ?? NaN)
    expect(vals).toEqual([...vals].sort((a, b) => a - b))
    // 努力 II(ii): 6/36 against 13.2/36 → −20.0; then 推進 I(ii): 3/36 against 10/36 → −19.4
    expect(gapBars(rows, 'national').map((b) => b.key).slice(1, 3)).toEqual(['doryoku/II/activity', 'suishin/I/activity'])
  })

  it('colours shortfalls red and surpluses blue, with signed labels', () => {
    const data = bar(option).data
    const last = data.length - 1
    expect(data[2]).toMatchObject({ itemStyle: { color: PALETTE.shortfall }, label: { position: 'left', color: PALETTE.shortfall } })
    expect(data[last]?.itemStyle.color).toBe(PALETTE.municipalityLight)
    expect(data[8]?.label).toEqual({ position: 'right', color: PALETTE.municipality }) // +6.9
    // 推進 II(i): 68/68 against 47.3/68 → +30.4
    expect(categories(option)[last]).toBe('推進 II(i) 公正・公平な給付 体制・取組')
    expect(labelOf(option, last)).toBe('+30.4')
  })

  it('puts the label inside a bar longer than half its side, so it cannot reach the category names', () => {
    const data = bar(option).data
    const last = data.length - 1
    // extent 40: −30.2 and +30.4 are past 20; −20.0 is exactly half, +22.5 past it
    expect((option.xAxis as { max: number }).max).toBe(40)
    expect(data[0]?.label).toEqual({ position: 'insideLeft', color: '#ffffff' })
    expect(data[1]?.label).toEqual({ position: 'insideLeft', color: '#ffffff' })
    expect(data[2]?.label.position).toBe('left') // −19.4
    expect(data[last]?.label).toEqual({ position: 'insideRight', color: '#ffffff' })
    expect(data.filter((d) => d.label.color === '#ffffff')).toHaveLength(5)
  })

  it('keeps zero in the middle of a symmetric axis', () => {
    const x = option.xAxis as { min: number; max: number }
    expect(x.min).toBe(-x.max)
    expect(x.max).toBeGreaterThan(30.4)
  })

  it('keeps the category names off the left edge (exported PNGs have no frame)', () => {
    expect(option.grid).toMatchObject({ left: 16, outerBoundsMode: 'same', outerBoundsContain: 'all' })
  })

  it('describes the bars for screen readers, weakest first, with signed gaps in points', () => {
    expect(option.aria).toMatchObject({ enabled: true })
    const text = description(option)
    expect(text.startsWith('指標群ごとの全国平均との得点率の差（マイナスは平均を下回る）、差が小さい順：努力 II(i) 認知症総合支援 体制・取組 −30.2ポイント、努力 II(ii) 認知症総合支援 活動 −20.0ポイント、')).toBe(true)
    expect(text.endsWith('推進 II(i) 公正・公平な給付 体制・取組 +30.4ポイント。')).toBe(true)
    expect(text.slice(text.indexOf('：') + 1).split('、')).toHaveLength(13)
    expect(text).not.toMatch(/\d\.\d{2,}/)
  })

  it('tooltip shows the score, the average and the gap', () => {
    const text = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 0 }])
    expect(text).toContain('努力 II(i) 認知症総合支援 体制・取組')
    expect(text).toContain('得点: 21.9%（14／64点）')
    expect(text).toContain('全国平均: 52.0%（33.3／64点）')
    expect(text).toContain('差: −30.2ポイント')
  })
})

describe('buildGapBarOption against the prefectural average', () => {
  it('ranks and labels by the prefectural gap', () => {
    const rows = allRows()
    const option = buildGapBarOption(rows, { against: 'prefectural', animation: true })
    const gaps = bar(option).data.map((d) => d.value ?? NaN)
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b))
    expect(categories(option)[0]).toBe('努力 II(i) 認知症総合支援 体制・取組')
    expect(gaps[0]).toBe(rowOf(rows, 'doryoku/II/structure').gapPrefRate)
    expect(labelOf(option, 0)).toBe('−29.5')
    expect(option.animation).toBe(true)
    expect(description(option)).toContain('県平均との得点率の差（マイナスは平均を下回る）、差が小さい順：努力 II(i) 認知症総合支援 体制・取組 −29.5ポイント、')
  })
})

describe('missing gaps', () => {
  it('stay null, go to the bottom and show a dash', () => {
    const rows = patchRow(allRows(), 'doryoku/II/structure', { natAvg: null, natRate: null, gapNatRate: null, gapNatPoints: null })
    const option = buildGapBarOption(rows, { against: 'national', animation: false })
    const last = bar(option).data.length - 1
    expect(categories(option)[last]).toBe('努力 II(i) 認知症総合支援 体制・取組')
    expect(bar(option).data[last]?.value).toBeNull()
    expect(labelOf(option, last)).toBe('—')
    expect(categories(option)[0]).toBe('努力 II(ii) 認知症総合支援 活動')
    expect(description(option).endsWith('努力 II(i) 認知症総合支援 体制・取組 データなし。')).toBe(true)
  })

  it('shows the doryoku outcome group as 共通 when only that grant is loaded', () => {
    const rows = allRows().filter((r) => r.grant === 'doryoku')
    expect(categories(buildGapBarOption(rows, { against: 'national', animation: false })).filter((c) => c.startsWith('共通'))).toEqual(['共通 IV 自立支援の成果'])
  })
})

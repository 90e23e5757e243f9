import { describe, expect, it } from 'vitest'
import type { RadarSeriesOption } from 'echarts/charts'
import {
  buildRadarOption, radarAxes, radarAxisKeys, radarAxisName, radarAxisOfName, type RadarChartOption,
} from '@/charts/radarOption'
import { FONT_FAMILY, PALETTE } from '@/charts/theme'
import type { GapRow } from '@/domain'
import { allRows, grantRows, patchRow, rowOf } from './exampleRows'

type Indicator = { name: string; min: number; max: number; axisLabel?: { show: boolean; formatter: string; color: string } }
type Radar = {
  indicator: Indicator[]; clockwise: boolean; startAngle: number; radius: string; center: string[]; splitNumber: number
  axisLabel: { show: boolean }; axisName: { formatter: (name?: string) => string }
}
const radarOf = (o: RadarChartOption): Radar => o.radar as Radar
const indicators = (o: RadarChartOption): Indicator[] => radarOf(o).indicator
const description = (o: RadarChartOption): string => (o.aria as { label: { description: string } }).label.description
const seriesOf = (o: RadarChartOption) => o.series as RadarSeriesOption[]
const byName = (o: RadarChartOption, name: string): RadarSeriesOption => {
  const s = seriesOf(o).find((x) => x.name === name)
  if (!s) throw new Error(`no series ${name}`)
  return s
}
const values = (s: RadarSeriesOption): (number | null)[] =>
  ((s.data as { value: (number | null)[] }[])[0]?.value) ?? []

const opts = { axes: 'goals' as const, animation: false, labels: { municipality: '登米市' } }

describe('buildRadarOption on goals (努力 令和7年度)', () => {
  const rows = grantRows('doryoku')
  const option = buildRadarOption(rows, opts)

  it('has four axes I–IV, each on a fixed 0–100 % scale', () => {
    expect(indicators(option).map((i) => i.name)).toEqual([
      'I 介護予防・日常生活支援', 'II 認知症総合支援', 'III 在宅医療・介護連携', 'IV 自立支援の成果',
    ])
    for (const i of indicators(option)) expect(i).toMatchObject({ min: 0, max: 100 })
    expect(radarAxisKeys(rows, 'goals')).toEqual(['doryoku/I', 'doryoku/II', 'doryoku/III', 'doryoku/IV'])
  })

  it('series values are the domain rates, axis by axis', () => {
    const keys = radarAxisKeys(rows, 'goals')
    expect(values(byName(option, '登米市'))).toEqual(keys.map((k) => rowOf(rows, k).rate))
    expect(values(byName(option, '県平均'))).toEqual(keys.map((k) => rowOf(rows, k).prefRate))
    expect(values(byName(option, '全国平均'))).toEqual(keys.map((k) => rowOf(rows, k).natRate))
    // 努力 II: 20 against a national 46.5
    expect(values(byName(option, '登米市'))[1]).toBe(20)
    expect(values(byName(option, '全国平均'))[1]).toBe(46.5)
    expect(values(byName(option, '県平均'))[1]).toBe(46.4)
  })

  it('tells the series apart by line style and marker, not by colour alone', () => {
    const mun = byName(option, '登米市'), pref = byName(option, '県平均'), nat = byName(option, '全国平均')
    expect([mun.lineStyle?.type, pref.lineStyle?.type, nat.lineStyle?.type]).toEqual(['solid', 'dashed', 'dotted'])
    expect([mun.symbol, pref.symbol, nat.symbol]).toEqual(['circle', 'triangle', 'diamond'])
    expect(mun.areaStyle).toBeDefined()
    expect(pref.areaStyle).toBeUndefined()
    expect(mun.lineStyle?.color).toBe(PALETTE.municipality)
  })

  it('reads clockwise from the top, I–IV in goal order, with the data in the same order', () => {
    expect(radarOf(option)).toMatchObject({ clockwise: true, startAngle: 90 })
    expect(values(byName(option, '登米市'))).toEqual([47, 20, 78, 45])
  })

  it('labels the rings 0/25/50/75/100 % once, on the top axis, in a small grey', () => {
    expect(radarOf(option).splitNumber).toBe(4)
    expect(radarOf(option).axisLabel.show).toBe(false)
    expect(indicators(option)[0]?.axisLabel).toMatchObject({ show: true, formatter: '{value}%', color: PALETTE.textSub })
    expect(indicators(option).slice(1).every((i) => i.axisLabel === undefined)).toBe(true)
  })

  it('uses most of the box, the legend below', () => {
    expect(radarOf(option)).toMatchObject({ radius: '72%', center: ['50%', '47%'] })
    expect(option.legend).toMatchObject({ bottom: 0 })
  })

  it('draws side names on narrow lines, top and bottom names on one', () => {
    const drawn = indicators(option).map((i) => radarOf(option).axisName.formatter(i.name))
    expect(drawn).toEqual(['I 介護予防・日常生活支援', 'II\n認知症総合支援', 'III 在宅医療・介護連携', 'IV\n自立支援の成果'])
  })

  it('describes every series for screen readers with axis names and formatted rates', () => {
    expect(option.aria).toMatchObject({ enabled: true })
    expect(description(option)).toBe(
      '努力支援交付金の目標別の得点率（各軸0〜100%）。'
      + '登米市：I 介護予防・日常生活支援 47.0%、II 認知症総合支援 20.0%、III 在宅医療・介護連携 78.0%、IV 自立支援の成果 45.0%。'
      + '県平均：I 介護予防・日常生活支援 51.7%、II 認知症総合支援 46.4%、III 在宅医療・介護連携 61.2%、IV 自立支援の成果 51.7%。'
      + '全国平均：I 介護予防・日常生活支援 55.3%、II 認知症総合支援 46.5%、III 在宅医療・介護連携 66.1%、IV 自立支援の成果 47.8%。',
    )
  })

  it('is accessible and set in the Japanese font stack', () => {
    expect(option.aria).toMatchObject({ enabled: true })
    expect(option.textStyle).toMatchObject({ fontFamily: FONT_FAMILY })
    expect(option.animation).toBe(false)
    expect(buildRadarOption(rows, { ...opts, animation: true }).animation).toBe(true)
  })

  it('tooltip shows rates and points, formatted by the domain', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const mIndex = seriesOf(option).findIndex((s) => s.name === '登米市')
    const nIndex = seriesOf(option).findIndex((s) => s.name === '全国平均')
    expect(formatter({ seriesIndex: mIndex, dataIndex: 0 })).toContain('II 認知症総合支援: 20.0%（20／100点）')
    expect(formatter({ seriesIndex: nIndex, dataIndex: 0 })).toContain('II 認知症総合支援: 46.5%（46.5／100点）')
  })
})

describe('buildRadarOption on the seven groups', () => {
  it('orders the groups as the catalogue: I(i), I(ii), … IV', () => {
    const rows = grantRows('suishin')
    const option = buildRadarOption(rows, { ...opts, axes: 'groups' })
    expect(radarAxisKeys(rows, 'groups')).toEqual([
      'suishin/I/structure', 'suishin/I/activity', 'suishin/II/structure', 'suishin/II/activity',
      'suishin/III/structure', 'suishin/III/activity', 'suishin/IV/outcome',
    ])
    expect(indicators(option).map((i) => i.name)).toEqual([
      'I(i) 体制・取組', 'I(ii) 活動', 'II(i) 体制・取組', 'II(ii) 活動',
      'III(i) 体制・取組', 'III(ii) 活動', 'IV 自立支援の成果',
    ])
    expect(indicators(option).every((i) => i.max === 100)).toBe(true)
    // 推進 II(i) is full marks; 努力 II(i) is 14/64, unrounded
    expect(values(byName(option, '登米市'))[2]).toBe(100)
    const dOption = buildRadarOption(grantRows('doryoku'), { ...opts, axes: 'groups' })
    expect(values(byName(dOption, '登米市'))[2]).toBe(21.875)
    expect(values(byName(dOption, '全国平均'))[2]).toBeCloseTo(52.03125, 10)
  })

  it('wraps the sideways names of seven axes, keeping the top one on one line', () => {
    const rows = grantRows('doryoku')
    const option = buildRadarOption(rows, { ...opts, axes: 'groups' })
    const drawn = indicators(option).map((i) => radarOf(option).axisName.formatter(i.name))
    expect(drawn).toEqual([
      'I(i) 体制・取組', 'I(ii)\n活動', 'II(i)\n体制・取組', 'II(ii)\n活動',
      'III(i)\n体制・取組', 'III(ii)\n活動', 'IV\n自立支援の成果',
    ])
    expect(description(option)).toContain('登米市：I(i) 体制・取組 55.8%、I(ii) 活動 37.5%、II(i) 体制・取組 21.9%')
    expect(description(option)).not.toMatch(/\d\.\d{2,}/)
  })

  it('maps a clicked name, as drawn on several lines, back to its axis', () => {
    const rows = grantRows('doryoku')
    expect(radarAxisOfName(rows, 'goals', 'II\n認知症総合支援')?.key).toBe('doryoku/II')
    expect(radarAxisOfName(rows, 'goals', 'II 認知症総合支援')?.key).toBe('doryoku/II')
    expect(radarAxisOfName(rows, 'groups', 'III(ii)\n活動')?.key).toBe('doryoku/III/activity')
    expect(radarAxisOfName(rows, 'goals', 'II 在宅医療・介護連携')).toBeUndefined()
  })

  it('splits long titles at 「・」 or 「の」 near the middle', () => {
    expect(radarAxisName('I(ii) 地域のあるべき姿', 1, 7)).toBe('I(ii)\n地域の\nあるべき姿')
    expect(radarAxisName('II(i) 公正・公平な給付', 2, 7)).toBe('II(i)\n公正・\n公平な給付')
    expect(radarAxisName('III(ii) 介護人材・サービス基盤', 5, 7)).toBe('III(ii)\n介護人材・\nサービス基盤')
    expect(radarAxisName('III(i) 介護人材・サービス基盤', 4, 7)).toBe('III(i)\n介護人材・サービス基盤')
    expect(radarAxisName('I 地域のあるべき姿', 0, 4)).toBe('I 地域のあるべき姿')
  })

  it('keeps the axes in order when the rows arrive shuffled', () => {
    const rows = grantRows('doryoku').slice().reverse()
    expect(radarAxisKeys(rows, 'goals')).toEqual(['doryoku/I', 'doryoku/II', 'doryoku/III', 'doryoku/IV'])
  })

  it('draws one grant only: the grant of the first row', () => {
    expect(radarAxisKeys(allRows(), 'goals')).toEqual(['suishin/I', 'suishin/II', 'suishin/III', 'suishin/IV'])
    expect(radarAxes(allRows(), 'goals')[0]?.row.grant).toBe('suishin')
  })
})

describe('missing values stay missing', () => {
  it('a missing average is null in the series, not 0', () => {
    const rows: GapRow[] = patchRow(grantRows('doryoku'), 'doryoku/III', { natAvg: null, natRate: null, gapNatRate: null, gapNatPoints: null })
    const option = buildRadarOption(rows, opts)
    expect(values(byName(option, '全国平均'))).toEqual([55.3, 46.5, null, 47.8])
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const nIndex = seriesOf(option).findIndex((s) => s.name === '全国平均')
    expect(formatter({ seriesIndex: nIndex, dataIndex: 0 })).toContain('III 在宅医療・介護連携: —')
    expect(description(option)).toContain('全国平均：I 介護予防・日常生活支援 55.3%、II 認知症総合支援 46.5%、III 在宅医療・介護連携 データなし、')
  })

  it('a series without any value draws nothing (no dot at the centre)', () => {
    let rows = grantRows('doryoku')
    for (const g of ['I', 'II', 'III', 'IV']) rows = patchRow(rows, `doryoku/${g}`, { prefAvg: null, prefRate: null })
    const option = buildRadarOption(rows, opts)
    expect(byName(option, '県平均').data).toEqual([])
    expect(values(byName(option, '登米市'))).toHaveLength(4)
    expect(description(option)).toContain('県平均：データなし。')
  })

  it('a totals-only year has no axes at the goal level', () => {
    expect(radarAxisKeys(grantRows('suishin').slice(0, 1), 'goals')).toEqual([])
  })
})

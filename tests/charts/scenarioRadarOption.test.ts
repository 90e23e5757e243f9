import { describe, expect, it } from 'vitest'
import type { RadarSeriesOption } from 'echarts/charts'
import { buildRadarOption, radarAxisKeys, type RadarChartOption } from '@/charts/radarOption'
import { buildScenarioRadarOption, SCENARIO_STYLE, scenarioRadarTable, scenarioRadarValues } from '@/charts/scenarioRadarOption'
import { PALETTE, SERIES_STYLE } from '@/charts/theme'
import { applyScenario, createScenario, grantGapRows, withGroupScore, withItem } from '@/domain'
import { fy2025, rowOf } from './exampleRows'

const seriesOf = (o: RadarChartOption) => o.series as RadarSeriesOption[]
const byName = (o: RadarChartOption, name: string): RadarSeriesOption => {
  const s = seriesOf(o).find((x) => x.name === name)
  if (!s) throw new Error(`no series ${name}`)
  return s
}
const values = (s: RadarSeriesOption): (number | null)[] => ((s.data as { value: (number | null)[] }[])[0]?.value) ?? []

// 努力 II(i) 14 → 40 and the item 認知症サポーター数 (12 points) in II(ii): goal II 20 → 58
const base = fy2025()
let s = createScenario({ id: 's', name: '認知症', code: '04212', fiscalYear: 2025, now: '' })
s = withItem(withGroupScore(s, 'doryoku/II/structure', 40, ''), 'doryoku-II-activity-1', true, '')
const baselineRows = grantGapRows(base, 'doryoku')
const scenarioRows = grantGapRows(applyScenario(base, s), 'doryoku')
const opts = { axes: 'goals' as const, animation: false, labels: { municipality: '登米市' }, scenarioLabel: 'シナリオ「認知症」' }

describe('buildScenarioRadarOption', () => {
  const option = buildScenarioRadarOption(baselineRows, scenarioRows, opts)

  it('keeps the ordinary radar and adds the scenario as a fourth series', () => {
    const plain = buildRadarOption(baselineRows, opts)
    expect(seriesOf(option).slice(0, 3)).toEqual(seriesOf(plain))
    expect(seriesOf(option).map((x) => x.name)).toEqual(['全国平均', '県平均', '登米市', 'シナリオ「認知症」'])
    expect((option.radar as { indicator: unknown }).indicator).toEqual((plain.radar as { indicator: unknown }).indicator)
  })

  it('the scenario series has the scenario rates, axis by axis', () => {
    const scen = byName(option, 'シナリオ「認知症」')
    const keys = radarAxisKeys(baselineRows, 'goals')
    expect(values(scen)).toEqual(keys.map((k) => rowOf(scenarioRows, k).rate))
    // 58/100 in binary floating point: the rate is unrounded, as everywhere
    values(scen).forEach((v, i) => expect(v).toBeCloseTo([47, 58, 78, 45][i]!, 10))
    expect(values(byName(option, '登米市'))).toEqual([47, 20, 78, 45])
    expect(scenarioRadarValues(baselineRows, scenarioRows, 'groups')[2]).toBeCloseTo((40 / 64) * 100, 10)
  })

  it('is dashed blue with its own marker, distinct from every other series, and in the legend', () => {
    const scen = byName(option, 'シナリオ「認知症」')
    expect(scen.lineStyle).toMatchObject({ type: 'dashed', color: PALETTE.municipalityLight })
    expect(scen.symbol).toBe('rect')
    expect(Object.values(SERIES_STYLE).map((x) => x.symbol)).not.toContain(SCENARIO_STYLE.symbol)
    const legend = (option.legend as { data: { name: string; icon: string }[] }).data
    expect(legend.at(-1)).toEqual({ name: 'シナリオ「認知症」', icon: 'rect' })
  })

  it('the tooltip of the scenario series gives its rates and points', () => {
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    const text = formatter({ seriesIndex: 3, dataIndex: 0 })
    expect(text).toContain('シナリオ「認知症」')
    expect(text).toContain('II 認知症総合支援: 58.0%（58／100点）')
    expect(formatter({ seriesIndex: 2, dataIndex: 0 })).toContain('20.0%（20／100点）')
  })

  it('draws nothing for a scenario without rates, and the table says the same numbers', () => {
    const none = buildScenarioRadarOption(baselineRows, [], opts)
    expect(byName(none, 'シナリオ「認知症」').data).toEqual([])
    const table = scenarioRadarTable(baselineRows, scenarioRows, 'goals', { municipality: '登米市', scenario: 'シナリオ' })
    const row = table.rows.find((r) => r.key === 'doryoku/II')
    expect(row?.cells).toEqual(['20.0%（20/100点）', '58.0%（58/100点）', '+38.0', '46.4%', '46.5%'])
  })
})

/**
 * The options are accepted by ECharts itself: rendered with the registered parts only, through
 * server-side SVG (no canvas in Node). Catches a part missing from echartsSetup or a bad option.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { ECHARTS_LOCALE, setupECharts } from '@/charts/echartsSetup'
import { buildGapBarOption } from '@/charts/gapBarOption'
import { buildRadarOption } from '@/charts/radarOption'
import { buildTrendOption } from '@/charts/trendOption'
import { trendSeries } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { allRows, grantRows } from './exampleRows'

let chart: EChartsType | null = null
afterEach(() => { chart?.dispose(); chart = null })

function renderSvg(option: EChartsCoreOption): string {
  setupECharts() // idempotent: a second call must not throw
  use([SVGRenderer]) // the app draws on canvas; Node has none, so the test adds the SVG renderer
  chart = init(null, null, { renderer: 'svg', ssr: true, width: 800, height: 520, locale: ECHARTS_LOCALE })
  chart.setOption(option)
  return chart.renderToSVGString()
}

describe('rendering with the registered parts', () => {
  it('draws the radar with its axis names and legend', () => {
    const svg = renderSvg(buildRadarOption(grantRows('doryoku'), { axes: 'goals', animation: false, labels: { municipality: '登米市' } }))
    for (const text of ['II 認知症総合支援', 'IV 自立支援の成果', '登米市', '県平均', '全国平均']) expect(svg).toContain(text)
  })

  it('draws the gap bars with signed labels', () => {
    const svg = renderSvg(buildGapBarOption(allRows(), { against: 'national', animation: false }))
    expect(svg).toContain('努力 II(i) 認知症総合支援')
    expect(svg).toContain('−30.2')
    expect(svg).toContain('共通 IV 自立支援の成果')
  })

  it('draws the trend with era labels and the revision marker', () => {
    const svg = renderSvg(buildTrendOption(trendSeries(exampleDatasets(), '04212').suishin, { animation: false }))
    expect(svg).toContain('令和5年度')
    expect(svg).toContain('令和7年度')
    expect(svg).toContain('指標見直し')
    expect(svg).toContain('100%')
  })
})

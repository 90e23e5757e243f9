/**
 * The floor for the first-chart benchmark (bench/first-chart.mjs): the least a page can do to
 * draw the app's 努力 radar. Tree-shaken ECharts with only the radar's parts, the app's own option
 * builder on the example's rows, no Vue, no store, no IndexedDB. It reports the same signal as
 * the app's BaseChart.vue: performance.mark('first-chart-drawn') and html[data-chart-drawn] on
 * ECharts' first 'finished' event.
 *
 * URL hash: `anim=0` turns animation off (as the app's `anim=0`), `w` and `h` set the chart size
 * in CSS pixels (the bench passes the size of the app's radar box).
 */
import { init, registerLocale, use } from 'echarts/core'
import { RadarChart } from 'echarts/charts'
import { AriaComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import langJA from 'echarts/lib/i18n/langJA.js'
import { datasetGapRows } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { buildRadarOption } from '@/charts/radarOption'

use([CanvasRenderer, RadarChart, TooltipComponent, LegendComponent, AriaComponent])
registerLocale('JA', langJA)

const params = new URLSearchParams(location.hash.replace(/^#\/?\??/, ''))
const animation = params.get('anim') !== '0'
const el = document.getElementById('chart') as HTMLDivElement
const w = Number(params.get('w'))
const h = Number(params.get('h'))
if (w > 0) el.style.width = `${w}px`
if (h > 0) el.style.height = `${h}px`

const ds = exampleDatasets().find((d) => d.municipality.code === '04212' && d.fiscalYear === 2025)
if (!ds) throw new Error('the example has no 04212 FY2025')
const rows = datasetGapRows(ds).filter((r) => r.grant === 'doryoku')

const chart = init(el, null, { locale: 'JA', renderer: 'canvas' })
chart.on('finished', () => {
  if (performance.getEntriesByName('first-chart-drawn').length === 0) performance.mark('first-chart-drawn')
  document.documentElement.dataset.chartDrawn = 'true'
})
chart.setOption(buildRadarOption(rows, { axes: 'goals', animation, labels: { municipality: ds.municipality.name } }))

/**
 * The one place that registers ECharts parts. Importing from 'echarts/core' plus the parts we
 * draw keeps the bundle tree-shaken (about half the size of `import 'echarts'`).
 * Import this module once, before the first chart mounts (e.g. from main.ts).
 */
import { registerLocale, use, type EChartsInitOpts } from 'echarts/core'
import { BarChart, LineChart, RadarChart } from 'echarts/charts'
import {
  AriaComponent, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent,
  TitleComponent, TooltipComponent,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
// The ESM locale object; 'echarts/i18n/langJA.js' is a UMD build that requires the full 'echarts'.
import langJA from 'echarts/lib/i18n/langJA.js'

export { DEFAULT_LABELS, FONT_FAMILY, PALETTE, SERIES_STYLE } from './theme'

/** Locale name to pass to init (vue-echarts: provide INIT_OPTIONS_KEY with ECHARTS_INIT_OPTIONS). */
export const ECHARTS_LOCALE = 'JA'

/** Canvas on screen; tests and print/SVG export pass { renderer: 'svg' } instead. */
export const ECHARTS_INIT_OPTIONS: EChartsInitOpts = { locale: ECHARTS_LOCALE, renderer: 'canvas' }

let registered = false

/** Registers the parts and the Japanese locale; safe to call more than once. */
export function setupECharts(): void {
  if (registered) return
  use([
    CanvasRenderer,
    RadarChart, BarChart, LineChart,
    TitleComponent, TooltipComponent, LegendComponent, GridComponent,
    MarkLineComponent, MarkAreaComponent, AriaComponent,
  ])
  registerLocale(ECHARTS_LOCALE, langJA)
  registered = true
}

setupECharts()

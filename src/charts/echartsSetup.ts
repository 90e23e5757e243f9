/**
 * The one place that registers the ECharts parts the first screen draws: the radar, with its
 * legend, tooltip and aria description, on canvas, in Japanese. Importing from 'echarts/core'
 * plus the parts we draw keeps the bundle tree-shaken; the bar and line parts, used only by the
 * lazily loaded views, register themselves from './echartsCartesian'.
 */
import { registerLocale, use, type EChartsInitOpts } from 'echarts/core'
import { RadarChart } from 'echarts/charts'
import { AriaComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
// The ESM locale object; 'echarts/i18n/langJA.js' is a UMD build that requires the full 'echarts'.
import langJA from 'echarts/lib/i18n/langJA.js'

export { DEFAULT_LABELS, FONT_FAMILY, PALETTE, SERIES_STYLE } from './theme'

/** Locale name to pass to init (vue-echarts: provide INIT_OPTIONS_KEY with ECHARTS_INIT_OPTIONS). */
export const ECHARTS_LOCALE = 'JA'

/** Canvas on screen; tests and print/SVG export pass { renderer: 'svg' } instead. */
export const ECHARTS_INIT_OPTIONS: EChartsInitOpts = { locale: ECHARTS_LOCALE, renderer: 'canvas' }

let registered = false

/** Registers the radar parts and the Japanese locale; safe to call more than once. */
export function setupECharts(): void {
  if (registered) return
  use([CanvasRenderer, RadarChart, TooltipComponent, LegendComponent, AriaComponent])
  registerLocale(ECHARTS_LOCALE, langJA)
  registered = true
}

setupECharts()

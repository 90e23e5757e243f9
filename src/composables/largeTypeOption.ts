/**
 * The deck's large-type theme for charts, as a pure post-processing of the builders' options
 * (the builders stay as the dashboard uses them). Every text style gets `fontSize`; markers,
 * lines, bars, legend icons and margins grow with it, so the chart reads from the back of a room.
 * Animation is always off in the deck.
 */
import type { EChartsCoreOption } from 'echarts/core'

/** Objects whose `fontSize` sets a text's size. */
const TEXT_KEYS = new Set(['textStyle', 'axisLabel', 'axisName', 'nameTextStyle', 'label'])
/** Numbers that scale with the type (ECharts' defaults are drawn for 12 px text). */
const SIZE_KEYS = new Set(['symbolSize', 'barMaxWidth', 'itemWidth', 'itemHeight', 'itemGap', 'nameGap'])
const GRID_SIDES = new Set(['left', 'right', 'top', 'bottom'])

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype

export interface LargeTypeOptions {
  /** text size in px */
  fontSize: number
  /** line widths are multiplied by this (default: half the type scale, at least 1) */
  lineScale?: number
}

export function largeTypeOption(option: EChartsCoreOption, opts: LargeTypeOptions): EChartsCoreOption {
  const k = opts.fontSize / 12
  const lineK = opts.lineScale ?? Math.max(1, 1 + (k - 1) / 2)

  const walk = (v: unknown, key: string, parent: string): unknown => {
    if (Array.isArray(v)) return v.map((x) => walk(x, key, parent))
    if (!isPlain(v)) {
      if (typeof v !== 'number') return v
      if (SIZE_KEYS.has(key)) return Math.round(v * k)
      if (key === 'width' && parent === 'lineStyle') return v * lineK
      if (GRID_SIDES.has(key) && parent === 'grid') return Math.round(v * lineK)
      return v
    }
    const out: Record<string, unknown> = {}
    for (const [name, val] of Object.entries(v)) out[name] = walk(val, name, key)
    if (TEXT_KEYS.has(key)) {
      out.fontSize = opts.fontSize
      // names drawn on several lines need room: a line height set for 12 px text would overlap
      out.lineHeight = Math.round(opts.fontSize * 1.3)
    }
    return out
  }

  const out = walk(option, '', '') as Record<string, unknown>
  out.animation = false
  const legend = out.legend
  if (isPlain(legend) && legend.itemWidth === undefined) {
    // ECharts' default legend icon is 25 × 14 px: scale it with the text.
    out.legend = { ...legend, itemWidth: Math.round(25 * k), itemHeight: Math.round(14 * k), itemGap: Math.round(10 * k) }
  }
  if (isPlain(out.tooltip)) {
    // the tooltip is HTML inside the scaled slide: give it the chart's type size too
    const tooltip = out.tooltip
    out.tooltip = { ...tooltip, padding: Math.round(10 * lineK), textStyle: { ...(isPlain(tooltip.textStyle) ? tooltip.textStyle : {}), fontSize: Math.round(opts.fontSize * 0.85) } }
  }
  if (isPlain(out.radar)) widenRadar(out)
  return out as EChartsCoreOption
}

/**
 * A slide is wide, a dashboard panel narrow: the radar takes the whole height, its axis names go
 * back to one line each (the dashboard wraps side names for its half-width panels), and the
 * legend moves to the right-hand side.
 */
function widenRadar(out: Record<string, unknown>): void {
  const radar = out.radar as Record<string, unknown>
  const axisName = isPlain(radar.axisName) ? { ...radar.axisName } : {}
  delete axisName.formatter
  out.radar = { ...radar, center: ['46%', '52%'], radius: '80%', axisName }
  if (isPlain(out.legend)) {
    const legend: Record<string, unknown> = { ...out.legend, orient: 'vertical', right: 0, top: 'middle' }
    delete legend.bottom
    out.legend = legend
  }
}

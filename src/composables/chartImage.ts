/**
 * A chart drawn off screen into a PNG data URL (pixel ratio 2, on white), for the PowerPoint file
 * and the print layout: every chart of the deck, whether or not it is on screen. Uses ECharts'
 * canvas renderer on a detached-from-view container that is disposed straight after.
 * Load this module lazily: it pulls in ECharts.
 */
import { init, type EChartsCoreOption } from 'echarts/core'
import { ECHARTS_INIT_OPTIONS } from '@/charts/echartsSetup'
import { setupCartesianCharts } from '@/charts/echartsCartesian'
import { PALETTE } from '@/charts/theme'

export interface ChartImage {
  dataUrl: string
  /** CSS pixels of the drawn chart; the PNG itself is `pixelRatio` times larger */
  width: number
  height: number
}

export async function renderChartImage(option: EChartsCoreOption, size: { width: number; height: number }, pixelRatio = 2): Promise<ChartImage> {
  setupCartesianCharts() // any chart of the deck: radar, bars or lines
  const el = document.createElement('div')
  el.setAttribute('aria-hidden', 'true')
  el.style.cssText = `position:fixed;left:-${size.width + 200}px;top:0;width:${size.width}px;height:${size.height}px;pointer-events:none;`
  document.body.append(el)
  const chart = init(el, null, { ...ECHARTS_INIT_OPTIONS, renderer: 'canvas', width: size.width, height: size.height })
  try {
    chart.setOption({ ...option, animation: false })
    const dataUrl = chart.getDataURL({ type: 'png', pixelRatio, backgroundColor: PALETTE.white })
    if (!dataUrl.startsWith('data:image/png')) throw new Error('グラフの画像を作成できませんでした')
    return { dataUrl, width: size.width, height: size.height }
  } finally {
    chart.dispose()
    el.remove()
  }
}

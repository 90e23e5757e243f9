/**
 * The bar and line parts (gap bars, trends), registered on import. Kept out of echartsSetup so
 * that the first screen, which draws radars only, does not download or evaluate them: import
 * this module from every component that draws a bar or line chart.
 */
import { use } from 'echarts/core'
import { BarChart, LineChart } from 'echarts/charts'
import { GridComponent, MarkAreaComponent, MarkLineComponent } from 'echarts/components'
import { setupECharts } from './echartsSetup'

let registered = false

/** Registers the radar parts, then the bar and line parts; safe to call more than once. */
export function setupCartesianCharts(): void {
  if (registered) return
  setupECharts()
  use([BarChart, LineChart, GridComponent, MarkLineComponent, MarkAreaComponent])
  registered = true
}

setupCartesianCharts()

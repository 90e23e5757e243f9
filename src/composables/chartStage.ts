/**
 * The single-chart view (/chart/…) is meant for a meeting room: it provides a "stage" that
 * every ChartPanel inside it reads, so the chart fills the window below its heading and its text
 * is set large (the deck's large-type theme). Elsewhere nothing is provided and panels keep
 * their dashboard size.
 */
import { onBeforeUnmount, onMounted, provide, reactive, type InjectionKey } from 'vue'

export interface ChartStage {
  /** chart text size in px */
  fontSize: number
  /** CSS height of the chart box */
  height: string
}

export const CHART_STAGE_KEY: InjectionKey<ChartStage> = Symbol('chart-stage')

/** Type size for a window width: 14 px on a small laptop, 24 px on a 1920 px projector. */
export function stageFontSize(width: number): number {
  return Math.round(Math.min(24, Math.max(14, width / 80)))
}

export function provideChartStage(): ChartStage {
  const stage = reactive<ChartStage>({
    fontSize: stageFontSize(typeof window === 'undefined' ? 1366 : window.innerWidth),
    // the header, the navigation, the heading and the panel's own head take about 17.5rem at 1366×768
    height: 'max(420px, calc(100vh - 17.5rem))',
  })
  const update = (): void => { stage.fontSize = stageFontSize(window.innerWidth) }
  onMounted(() => window.addEventListener('resize', update))
  onBeforeUnmount(() => window.removeEventListener('resize', update))
  provide(CHART_STAGE_KEY, stage)
  return stage
}

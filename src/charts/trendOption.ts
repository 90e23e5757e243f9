/**
 * Score rate (%) by fiscal year for one grant: the total, optionally goals, and the averages
 * where published. Rates only: points changed scale at the FY2024 revision, which is marked.
 */
import type { ComposeOption } from 'echarts/core'
import type { LineSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption, GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption,
} from 'echarts/components'
import {
  GRANT_NAMES, STRUCTURE_REVISION_YEAR, crossesStructureRevision, formatFiscalYear, goalDef,
  type GoalId, type GrantTrend, type TrendPoint,
} from '@/domain'
import { DEFAULT_LABELS, FONT_FAMILY, PALETTE, SERIES_STYLE, type SeriesLabels } from './theme'
import { asParamList, escapeHtml, rateWithPoints, tooltipLines } from './tooltip'

export interface TrendOptions {
  animation: boolean
  /** goals to draw beside the total (the municipality's rate only, to keep the chart legible) */
  goals?: readonly GoalId[]
  labels?: SeriesLabels
}

export type TrendChartOption = ComposeOption<
  LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
  | MarkLineComponentOption | AriaComponentOption
>

export const REVISION_LABEL = '指標見直し（配点 1,355/830→400点）'

interface SeriesSpec {
  name: string
  points: TrendPoint[]
  pick: (p: TrendPoint) => { rate: number | null; points: number | null }
  color: string
  lineType: 'solid' | 'dashed' | 'dotted'
  symbol: string
  width: number
}

// Goal lines share the municipality's blue family; markers keep them apart from each other
// and from the averages' triangle and diamond.
const GOAL_SYMBOLS = ['rect', 'roundRect', 'pin', 'emptyCircle'] as const

/** Index of the first year of the 400-point structure, when the trend spans the revision. */
export function revisionIndex(points: readonly TrendPoint[]): number | null {
  const first = points[0]?.fiscalYear
  const last = points[points.length - 1]?.fiscalYear
  if (first === undefined || last === undefined || !crossesStructureRevision(first, last)) return null
  const i = points.findIndex((p) => p.fiscalYear === STRUCTURE_REVISION_YEAR)
  return i < 0 ? null : i
}

export function buildTrendOption(trend: GrantTrend, opts: TrendOptions): TrendChartOption {
  const names = { ...DEFAULT_LABELS, ...opts.labels }
  const total = trend.total
  const latestYear = total[total.length - 1]?.fiscalYear ?? STRUCTURE_REVISION_YEAR
  const specs: SeriesSpec[] = [
    { name: names.municipality, points: total, pick: (p) => ({ rate: p.rate, points: p.score }),
      color: PALETTE.municipality, lineType: SERIES_STYLE.municipality.lineType, symbol: SERIES_STYLE.municipality.symbol, width: 2.5 },
    { name: names.prefectural, points: total, pick: (p) => ({ rate: p.prefRate, points: p.prefAvg }),
      color: PALETTE.prefectural, lineType: SERIES_STYLE.prefectural.lineType, symbol: SERIES_STYLE.prefectural.symbol, width: 2 },
    { name: names.national, points: total, pick: (p) => ({ rate: p.natRate, points: p.natAvg }),
      color: PALETTE.national, lineType: SERIES_STYLE.national.lineType, symbol: SERIES_STYLE.national.symbol, width: 2 },
    ...(opts.goals ?? []).map((goal, i): SeriesSpec => {
      const short = goalDef(trend.grant, latestYear, goal)?.shortTitle ?? ''
      return {
        name: `${names.municipality} 目標${goal}${short ? ` ${short}` : ''}`,
        points: trend.goals[goal], pick: (p) => ({ rate: p.rate, points: p.score }),
        color: PALETTE.blueRamp[i % PALETTE.blueRamp.length] ?? PALETTE.municipalityLight,
        lineType: 'solid', symbol: GOAL_SYMBOLS[i % GOAL_SYMBOLS.length] ?? 'rect', width: 1.5,
      }
    }),
  ]

  const revision = revisionIndex(total)
  const series: LineSeriesOption[] = specs.map((s, i) => ({
    type: 'line',
    name: s.name,
    // Unrounded rates; null leaves a gap in the line (no interpolation across missing years).
    data: s.points.map((p) => s.pick(p).rate),
    connectNulls: false,
    showSymbol: true,
    showAllSymbol: true,
    symbol: s.symbol,
    symbolSize: 9,
    lineStyle: { color: s.color, type: s.lineType, width: s.width },
    itemStyle: { color: s.color },
    z: i === 0 ? 3 : 2,
    markLine: i === 0 && revision !== null ? {
      silent: true,
      symbol: 'none',
      lineStyle: { color: PALETTE.axis, type: 'solid', width: 2 },
      label: { show: true, position: 'end', formatter: REVISION_LABEL, color: PALETTE.text, fontFamily: FONT_FAMILY },
      data: [{ xAxis: revision }],
    } : undefined,
  }))

  return {
    animation: opts.animation,
    aria: { enabled: true },
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    color: specs.map((s) => s.color),
    // 'same': labels and axis names fit inside the given margins (containLabel's successor in ECharts 6).
    grid: { left: 12, right: 24, top: 44, bottom: 40, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    legend: {
      bottom: 0,
      data: specs.map((s) => ({ name: s.name, icon: s.symbol })),
      textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = asParamList(params)
        const fy = total[list[0]?.dataIndex ?? -1]?.fiscalYear
        if (fy === undefined) return ''
        const lines = specs.map((s) => {
          const p = s.points.find((q) => q.fiscalYear === fy)
          const v = p ? s.pick(p) : { rate: null, points: null }
          return `${escapeHtml(s.name)}: ${rateWithPoints(v.rate, v.points, p?.max ?? null)}`
        })
        return tooltipLines(`${GRANT_NAMES[trend.grant].shortName} ${formatFiscalYear(fy)}`, lines)
      },
    },
    xAxis: {
      type: 'category',
      boundaryGap: true,
      data: total.map((p) => formatFiscalYear(p.fiscalYear, { western: false })),
      axisLabel: { color: PALETTE.text },
      axisLine: { lineStyle: { color: PALETTE.axis } },
    },
    yAxis: {
      type: 'value',
      name: '得点率',
      min: 0,
      max: 100,
      interval: 20,
      axisLabel: { formatter: '{value}%', color: PALETTE.text },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    series,
  }
}

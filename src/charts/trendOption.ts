/**
 * Score rate (%) by fiscal year for one grant: the total, optionally goals, and the averages
 * where published. Rates only: points changed scale at the FY2024 revision, and the years
 * before it are shaded as the old scale.
 */
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption, GridComponentOption, LegendComponentOption, MarkAreaComponentOption, TooltipComponentOption,
} from 'echarts/components'
import {
  GRANT_NAMES, STRUCTURE_REVISION_YEAR, crossesStructureRevision, formatFiscalYear, formatRate, goalDef, grantDef,
  type GoalId, type GrantId, type GrantTrend, type TrendPoint,
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
  LineSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
  | MarkAreaComponentOption | AriaComponentOption
>

/** id of the empty bar series that carries the shading of the old-scale years */
export const OLD_SCALE_SERIES_ID = 'old-scale'

type LineType = 'solid' | 'dashed' | 'dotted' | number[]

interface SeriesSpec {
  name: string
  /** label beside a lone marker: 合計, 県平均, 全国平均, 目標I */
  short: string
  points: TrendPoint[]
  pick: (p: TrendPoint) => { rate: number | null; points: number | null }
  color: string
  lineType: LineType
  symbol: string
  width: number
  /** marker size factor */
  scale: number
}

// Path symbols for goals, in a 10×10 box: a bold ✕ and a stout five-pointed ★.
const CROSS = 'path://M2,0L5,3L8,0L10,2L7,5L10,8L8,10L5,7L2,10L0,8L3,5L0,2Z'
const STAR = 'path://M5,0L6.76,2.57L9.76,3.45L7.85,5.93L7.94,9.05L5,8L2.06,9.05L2.15,5.93L0.24,3.45L3.24,2.57Z'

/**
 * Goal lines share the municipality's blue family, so each also has its own marker and dash
 * pattern: shapes apart from the total's ●, 県平均's ▲ and 全国平均's ◆, dashes apart from
 * 県平均's [8, 4] and 全国平均's dots. Colour is never the only cue.
 */
export const GOAL_STYLES: readonly { symbol: string; lineType: number[]; scale: number }[] = [
  { symbol: 'rect', lineType: [14, 4], scale: 1 },
  { symbol: 'emptyCircle', lineType: [10, 3, 2, 3], scale: 1 },
  { symbol: CROSS, lineType: [10, 3, 2, 3, 2, 3], scale: 1 },
  // a star covers less of its box than a square: drawn larger to weigh the same
  { symbol: STAR, lineType: [3, 3, 3, 9], scale: 1.3 },
]

/** Marker sizes: a point with no neighbour to draw a line to gets a bigger marker. */
export const SYMBOL_SIZE = { joined: 9, isolated: 13 } as const

/** Index of the first year of the 400-point structure, when the trend spans the revision. */
export function revisionIndex(points: readonly TrendPoint[]): number | null {
  const first = points[0]?.fiscalYear
  const last = points[points.length - 1]?.fiscalYear
  if (first === undefined || last === undefined || !crossesStructureRevision(first, last)) return null
  const i = points.findIndex((p) => p.fiscalYear === STRUCTURE_REVISION_YEAR)
  return i < 0 ? null : i
}

/** 「旧指標（配点 1,355点）」: the label of the shaded years before the revision. */
export function oldScaleLabel(grant: GrantId, years: readonly number[]): string {
  const maxima = [...new Set(years.flatMap((fy) => grantDef(grant, fy)?.max ?? []))]
  return maxima.length === 0 ? '旧指標' : `旧指標（配点 ${maxima.map((m) => m.toLocaleString('ja-JP')).join('・')}点）`
}

/** A value with no value before or after it draws no line, only its marker. */
function isolated(values: readonly (number | null)[], i: number): boolean {
  return values[i] !== null && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null
}

interface LoneLabel {
  show: true
  position: [number, number]
  lineHeight: number
  backgroundColor: string
  padding: number
  formatter: string
  rich: Record<string, { color: string; fontWeight: 'bold' }>
}

/**
 * A year whose markers have no line (one year of goal data) draws them on top of each other.
 * One label lists them all, highest first as the markers stand, each line in its series'
 * colour, next to the highest marker: names and values without labels covering each other.
 * Keyed `series/year index`.
 */
function loneMarkerLabels(specs: readonly SeriesSpec[]): Map<string, LoneLabel> {
  const out = new Map<string, LoneLabel>()
  const years = specs[0]?.points.length ?? 0
  for (let j = 0; j < years; j++) {
    const lone = specs.flatMap((s, i) => {
      const values = s.points.map((p) => s.pick(p).rate)
      const v = values[j] ?? null
      return v !== null && isolated(values, j) ? [{ i, v, s }] : []
    }).sort((a, b) => b.v - a.v)
    const top = lone[0]
    if (!top || lone.length < 2) continue
    out.set(`${top.i}/${j}`, {
      show: true,
      position: [16, -10],
      lineHeight: 18,
      backgroundColor: 'rgba(255, 255, 255, 0.9)',
      padding: 4,
      formatter: lone.map((x, k) => `{s${k}|${x.s.short} ${formatRate(x.v)}}`).join('\n'),
      rich: Object.fromEntries(lone.map((x, k) => [`s${k}`, { color: x.s.color, fontWeight: 'bold' as const }])),
    })
  }
  return out
}

export function buildTrendOption(trend: GrantTrend, opts: TrendOptions): TrendChartOption {
  const names = { ...DEFAULT_LABELS, ...opts.labels }
  const total = trend.total
  const latestYear = total[total.length - 1]?.fiscalYear ?? STRUCTURE_REVISION_YEAR
  const goals = opts.goals ?? []
  const specs: SeriesSpec[] = [
    { name: names.municipality, short: '合計', points: total, pick: (p) => ({ rate: p.rate, points: p.score }),
      color: PALETTE.municipality, lineType: SERIES_STYLE.municipality.lineType, symbol: SERIES_STYLE.municipality.symbol, width: 2.5, scale: 1 },
    { name: names.prefectural, short: names.prefectural, points: total, pick: (p) => ({ rate: p.prefRate, points: p.prefAvg }),
      color: PALETTE.prefectural, lineType: SERIES_STYLE.prefectural.lineType, symbol: SERIES_STYLE.prefectural.symbol, width: 2, scale: 1 },
    { name: names.national, short: names.national, points: total, pick: (p) => ({ rate: p.natRate, points: p.natAvg }),
      color: PALETTE.national, lineType: SERIES_STYLE.national.lineType, symbol: SERIES_STYLE.national.symbol, width: 2, scale: 1 },
    ...goals.map((goal, i): SeriesSpec => {
      const short = goalDef(trend.grant, latestYear, goal)?.shortTitle ?? ''
      const style = GOAL_STYLES[i % GOAL_STYLES.length] ?? { symbol: 'rect', lineType: [14, 4], scale: 1 }
      return {
        name: `${names.municipality} 目標${goal}${short ? ` ${short}` : ''}`,
        short: `目標${goal}`,
        points: trend.goals[goal], pick: (p) => ({ rate: p.rate, points: p.score }),
        color: PALETTE.blueRamp[i % PALETTE.blueRamp.length] ?? PALETTE.municipalityLight,
        lineType: style.lineType, symbol: style.symbol, width: 2, scale: style.scale,
      }
    }),
  ]

  const loneLabels = goals.length > 0 ? loneMarkerLabels(specs) : new Map<string, LoneLabel>()
  const lines: LineSeriesOption[] = specs.map((s, i) => {
    // Unrounded rates; null leaves a gap in the line (no interpolation across missing years).
    const values = s.points.map((p) => s.pick(p).rate)
    const hollow = s.symbol.startsWith('empty')
    return {
      type: 'line',
      name: s.name,
      data: values.map((v, j) => {
        if (!isolated(values, j)) return v
        const label = loneLabels.get(`${i}/${j}`)
        return { value: v, symbolSize: Math.round(SYMBOL_SIZE.isolated * s.scale), ...(label ? { label } : {}) }
      }),
      connectNulls: false,
      showSymbol: true,
      showAllSymbol: true,
      symbol: s.symbol,
      symbolSize: Math.round(SYMBOL_SIZE.joined * s.scale),
      lineStyle: { color: s.color, type: s.lineType, width: s.width },
      // A white rim keeps markers that sit on top of each other apart (hollow ones have their own).
      itemStyle: hollow ? { color: s.color } : { color: s.color, borderColor: PALETTE.white, borderWidth: 1 },
      z: i === 0 ? 4 : 3,
    }
  })

  const revision = revisionIndex(total)
  const oldYears = revision === null ? [] : total.slice(0, revision).map((p) => p.fiscalYear)
  // Only a bar series places a mark area on whole category bands (from the band's left edge
  // to its right edge); a line series would stop at the centres of 令和5年度 and 令和6年度.
  // So an empty bar series carries the shading, which ends exactly between the two years.
  const oldScale: BarSeriesOption[] = revision === null ? [] : [{
    type: 'bar',
    id: OLD_SCALE_SERIES_ID,
    name: oldScaleLabel(trend.grant, oldYears),
    data: total.map(() => null),
    silent: true,
    legendHoverLink: false,
    tooltip: { show: false },
    z: 1,
    markArea: {
      silent: true,
      itemStyle: { color: PALETTE.oldScaleFill },
      label: {
        show: true,
        position: 'insideBottom',
        distance: 6,
        formatter: oldScaleLabel(trend.grant, oldYears).replace('（', '\n（'),
        color: PALETTE.text,
        fontFamily: FONT_FAMILY,
        fontSize: 12,
        lineHeight: 16,
      },
      data: [[{ xAxis: 0 }, { xAxis: revision - 1 }]],
    },
  }]

  // Row 1: the total and the averages; row 2 (with goals): one entry per goal. Entries show
  // the line with its dash pattern and marker, as drawn.
  const legendNames = specs.map((s) => s.name)
  const legendData = goals.length === 0 ? legendNames : [...legendNames.slice(0, 3), '', ...legendNames.slice(3)]

  return {
    animation: opts.animation,
    aria: { enabled: true, label: { description: trendDescription(trend, specs, oldYears) } },
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    color: specs.map((s) => s.color),
    // 'same': labels and axis names fit inside the given margins (containLabel's successor in ECharts 6).
    grid: {
      left: 12, right: 24, top: 44, bottom: goals.length === 0 ? 44 : 68,
      outerBoundsMode: 'same', outerBoundsContain: 'all',
    },
    legend: {
      bottom: 0,
      data: legendData,
      itemWidth: 32,
      itemHeight: 14,
      itemGap: 16,
      textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    },
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const list = asParamList(params)
        const fy = total[list[0]?.dataIndex ?? -1]?.fiscalYear
        if (fy === undefined) return ''
        const rows = specs.map((s) => {
          const p = s.points.find((q) => q.fiscalYear === fy)
          const v = p ? s.pick(p) : { rate: null, points: null }
          return `${escapeHtml(s.name)}: ${rateWithPoints(v.rate, v.points, p?.max ?? null)}`
        })
        return tooltipLines(`${GRANT_NAMES[trend.grant].shortName} ${formatFiscalYear(fy)}`, rows)
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
    series: [...lines, ...oldScale],
  }
}

/**
 * The chart's description for screen readers, in place of ECharts' generated one (raw floats,
 * index numbers, NaN for gaps): 「登米市：令和5年度 60.9%、令和6年度 56.8%、…」 per line.
 */
function trendDescription(trend: GrantTrend, specs: readonly SeriesSpec[], oldYears: readonly number[]): string {
  const years = trend.total.map((p) => p.fiscalYear)
  const first = years[0]
  const last = years[years.length - 1]
  const span = first === undefined || last === undefined ? '' : `（${formatFiscalYear(first, { western: false })}〜${formatFiscalYear(last, { western: false })}）`
  const head = `${GRANT_NAMES[trend.grant].shortName}の得点率の推移${span}。`
  const body = specs.map((s) => {
    const items = years.map((fy) => {
      const p = s.points.find((q) => q.fiscalYear === fy)
      const rate = p ? s.pick(p).rate : null
      return `${formatFiscalYear(fy, { western: false })} ${rate === null ? 'データなし' : formatRate(rate)}`
    })
    return `${s.name}：${items.join('、')}。`
  }).join('')
  const lastOld = oldYears[oldYears.length - 1]
  const revision = lastOld === undefined
    ? ''
    : `${formatFiscalYear(lastOld, { western: false })}までは${oldScaleLabel(trend.grant, oldYears)}で、${formatFiscalYear(STRUCTURE_REVISION_YEAR, { western: false })}から${grantDef(trend.grant, STRUCTURE_REVISION_YEAR)?.max ?? 400}点満点です。`
  return head + body + revision
}

/**
 * Radar of one grant's score rates against the prefectural and national averages, on the
 * goals (I–IV) or on the seven indicator groups. Every axis runs 0–100 % so that axes of
 * different maxima (64 vs 36 points) compare fairly.
 */
import type { ComposeOption } from 'echarts/core'
import type { RadarSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption,
} from 'echarts/components'
import { GOAL_IDS, GROUP_KINDS, GRANT_NAMES, type GapRow } from '@/domain'
import { areaName } from './labels'
import { DEFAULT_LABELS, FONT_FAMILY, PALETTE, SERIES_STYLE, type SeriesLabels } from './theme'
import { asParamList, escapeHtml, rateWithPoints, tooltipLines } from './tooltip'

export type RadarAxes = 'goals' | 'groups'

export interface RadarOptions {
  axes: RadarAxes
  animation: boolean
  /** series names; the municipality's own name belongs here */
  labels?: SeriesLabels
}

export type RadarChartOption = ComposeOption<
  RadarSeriesOption | RadarComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>

export interface RadarAxis {
  /** GapRow key, e.g. "doryoku/II" or "doryoku/II/structure" */
  key: string
  /** the indicator name shown on the chart, e.g. 「II 認知症総合支援」 */
  name: string
  row: GapRow
}

const order = (r: GapRow): number =>
  GOAL_IDS.indexOf(r.goal ?? 'I') * GROUP_KINDS.length + (r.group === null ? 0 : GROUP_KINDS.indexOf(r.group))

/**
 * The axes in drawing order (goal I first, groups in catalogue order), keyed by stable row
 * keys. Only one grant is drawn: the grant of the first row.
 */
export function radarAxes(rows: readonly GapRow[], axes: RadarAxes): RadarAxis[] {
  const grant = rows[0]?.grant
  const level = axes === 'goals' ? 'goal' : 'group'
  return rows
    .filter((r) => r.grant === grant && r.level === level)
    .sort((a, b) => order(a) - order(b))
    .map((row) => ({ key: row.key, name: areaName(row, rows), row }))
}

/** Keys by axis index, so that a click on axis N (or its name) maps back to a goal or group. */
export function radarAxisKeys(rows: readonly GapRow[], axes: RadarAxes): string[] {
  return radarAxes(rows, axes).map((a) => a.key)
}

type Kind = 'municipality' | 'prefectural' | 'national'

const VALUE: Record<Kind, (r: GapRow) => { rate: number | null; points: number | null }> = {
  municipality: (r) => ({ rate: r.rate, points: r.score }),
  prefectural: (r) => ({ rate: r.prefRate, points: r.prefAvg }),
  national: (r) => ({ rate: r.natRate, points: r.natAvg }),
}

const COLOR: Record<Kind, string> = {
  municipality: PALETTE.municipality, prefectural: PALETTE.prefectural, national: PALETTE.national,
}

export function buildRadarOption(rows: readonly GapRow[], opts: RadarOptions): RadarChartOption {
  const axes = radarAxes(rows, opts.axes)
  const names: Record<Kind, string> = { ...DEFAULT_LABELS, ...opts.labels }
  // Averages first so the municipality's line is drawn on top of them.
  const kinds: Kind[] = ['national', 'prefectural', 'municipality']

  const series: RadarSeriesOption[] = kinds.map((kind) => {
    // Unrounded rates; a missing one stays null. ECharts still pulls a missing vertex to the
    // centre of the polygon, so the tooltip and the panel's table say 「—」 for it.
    const values = axes.map((a) => VALUE[kind](a.row).rate)
    const style = SERIES_STYLE[kind]
    return {
      type: 'radar',
      name: names[kind],
      symbol: style.symbol,
      symbolSize: kind === 'municipality' ? 8 : 9,
      lineStyle: { type: style.lineType, width: kind === 'municipality' ? 2.5 : 2, color: COLOR[kind] },
      itemStyle: { color: COLOR[kind] },
      areaStyle: kind === 'municipality' ? { color: PALETTE.municipalityFill } : undefined,
      z: kind === 'municipality' ? 3 : 2,
      // A series with no value at all draws nothing rather than a dot at the centre (= 0).
      data: values.some((v) => v !== null) ? [{ name: names[kind], value: values }] : [],
    }
  })

  const grant = rows[0]?.grant
  const title = grant ? GRANT_NAMES[grant].shortName : ''

  return {
    animation: opts.animation,
    aria: { enabled: true },
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    color: kinds.map((k) => COLOR[k]),
    legend: {
      bottom: 0,
      // Legend icons repeat the markers: the second cue beside colour.
      data: (['municipality', 'prefectural', 'national'] as const).map((k) => ({ name: names[k], icon: SERIES_STYLE[k].symbol })),
      textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const p = asParamList(params)[0]
        const kind = kinds[p?.seriesIndex ?? -1]
        if (!kind) return ''
        return tooltipLines(`${title} ${names[kind]}`, axes.map((a) => {
          const v = VALUE[kind](a.row)
          return `${escapeHtml(a.name)}: ${rateWithPoints(v.rate, v.points, a.row.max)}`
        }))
      },
    },
    radar: {
      shape: 'polygon',
      center: ['50%', '50%'],
      radius: '70%',
      splitNumber: 4,
      triggerEvent: true,
      axisName: { color: PALETTE.text, fontFamily: FONT_FAMILY, fontSize: 13 },
      axisLine: { lineStyle: { color: PALETTE.grid } },
      splitLine: { lineStyle: { color: PALETTE.grid } },
      splitArea: { show: false },
      // Fixed 0–100 % on every axis: a rate scale, never autoscaled to the data.
      indicator: axes.map((a) => ({ name: a.name, min: 0, max: 100 })),
    },
    series,
  }
}

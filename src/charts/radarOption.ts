/**
 * Radar of one grant's score rates against the prefectural and national averages, on the
 * goals (I–IV) or on the seven indicator groups. Every axis runs 0–100 % so that axes of
 * different maxima (64 vs 36 points) compare fairly. Axes read clockwise from the top, in
 * goal order, like a clock face: I at the top, II to its right, and so on.
 */
import type { ComposeOption } from 'echarts/core'
import type { RadarSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption, LegendComponentOption, RadarComponentOption, TooltipComponentOption,
} from 'echarts/components'
import { GOAL_IDS, GROUP_KINDS, GRANT_NAMES, formatRate, type GapRow } from '@/domain'
import { areaName, sameName, wrapAreaName } from './labels'
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

/**
 * The axis whose name was clicked. ECharts reports the name as drawn, and side names are
 * drawn on two or three lines (radarAxisName), so the match ignores whitespace.
 */
export function radarAxisOfName(rows: readonly GapRow[], axes: RadarAxes, clicked: string): RadarAxis | undefined {
  return radarAxes(rows, axes).find((a) => sameName(a.name, clicked))
}

/**
 * The axis name as drawn: axes at the top and bottom keep one line; axes pointing sideways
 * take two or three narrow lines, so that the names fit beside a large radar in a half-width
 * panel (about 490–570 px). Axis `index` of `count`, clockwise from the top.
 */
export function radarAxisName(name: string, index: number, count: number): string {
  const sideways = Math.abs(Math.sin((2 * Math.PI * index) / count))
  return wrapAreaName(name, sideways >= 0.5 ? 3 : sideways >= 0.2 ? 2 : 1)
}

type Kind = 'municipality' | 'prefectural' | 'national'

/** An indicator with its own axis labels (ECharts reads them; its type omits them). */
type Indicator = NonNullable<RadarComponentOption['indicator']>[number] & { axisLabel?: RadarComponentOption['axisLabel'] }

/** z of the radar and its series; a series added on top (e.g. a scenario) should use it too */
export const RADAR_Z = 3

const RING_LABEL: RadarComponentOption['axisLabel'] = {
  show: true,
  formatter: '{value}%',
  color: PALETTE.textSub,
  fontFamily: FONT_FAMILY,
  fontSize: 11,
  // clear of the markers that sit on the axis itself
  margin: 8,
  // a white halo keeps the figures legible where a series line crosses them
  textBorderColor: PALETTE.white,
  textBorderWidth: 3,
}

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
      // Same z as the radar, so that the ring labels (z2 10) lie above the lines (z2 0) and
      // below the markers (z2 100); within one z, later series draw on top.
      z: RADAR_Z,
      // A series with no value at all draws nothing rather than a dot at the centre (= 0).
      data: values.some((v) => v !== null) ? [{ name: names[kind], value: values }] : [],
    }
  })

  const grant = rows[0]?.grant
  const title = grant ? GRANT_NAMES[grant].shortName : ''
  const drawnNames = new Map(axes.map((a, i) => [a.name, radarAxisName(a.name, i, axes.length)]))
  // Rings at 0, 25, 50, 75 and 100 %, labelled once, along the first (top) axis. ECharts merges
  // the radar's axisLabel into each indicator without overwriting, so this one keeps show: true.
  const indicator: Indicator[] = axes.map((a, i) => ({
    name: a.name, min: 0, max: 100,
    ...(i === 0 ? { axisLabel: RING_LABEL } : {}),
  }))

  return {
    animation: opts.animation,
    aria: { enabled: true, label: { description: radarDescription(axes, names, opts.axes, title) } },
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    color: kinds.map((k) => COLOR[k]),
    legend: {
      bottom: 0,
      itemGap: 16,
      itemHeight: 12,
      padding: [2, 5],
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
      z: RADAR_Z,
      shape: 'polygon',
      // Slightly above the middle: the legend takes the bottom 24 px of the box. The radius is a
      // share of half the shorter side (the height, in the app's 400 px panels): 144 px there,
      // leaving room for a one-line name above and below, and for the narrow side names
      // (up to seven characters a line) in a half-width panel down to about 490 px.
      center: ['50%', '47%'],
      radius: '72%',
      startAngle: 90,
      clockwise: true,
      splitNumber: 4,
      triggerEvent: true,
      axisNameGap: 10,
      axisName: {
        color: PALETTE.text, fontFamily: FONT_FAMILY, fontSize: 13, lineHeight: 17,
        formatter: (name?: string) => (name === undefined ? '' : drawnNames.get(name) ?? name),
      },
      axisLine: { lineStyle: { color: PALETTE.grid } },
      axisLabel: { show: false },
      splitLine: { lineStyle: { color: PALETTE.grid } },
      splitArea: { show: false },
      // Fixed 0–100 % on every axis: a rate scale, never autoscaled to the data.
      indicator,
    },
    series,
  }
}

/**
 * The chart's description for screen readers, in place of ECharts' generated one (raw floats,
 * no axis names): 「登米市：I 介護予防・日常生活支援 47.0%、II 認知症総合支援 20.0%、…」 per
 * series, the municipality first, rates formatted by the domain.
 */
export function radarDescription(
  axes: readonly RadarAxis[], names: Record<Kind, string>, kind: RadarAxes, grantName: string,
): string {
  const head = `${grantName ? `${grantName}の` : ''}${kind === 'goals' ? '目標' : '指標群'}別の得点率（各軸0〜100%）。`
  const parts = (['municipality', 'prefectural', 'national'] as const).map((k) => {
    const values = axes.map((a) => VALUE[k](a.row).rate)
    const body = values.every((v) => v === null)
      ? 'データなし'
      : axes.map((a, i) => `${a.name} ${rateText(values[i] ?? null)}`).join('、')
    return `${names[k]}：${body}。`
  })
  return head + parts.join('')
}

const rateText = (v: number | null): string => (v === null ? 'データなし' : formatRate(v))

/**
 * Diverging bars: every indicator group of both grants, by its score-rate gap to the national
 * or prefectural average, weakest at the top. Red and a signed label mark a shortfall.
 */
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption, GridComponentOption, TooltipComponentOption,
} from 'echarts/components'
import { formatSigned, rankWeakest, type GapRow } from '@/domain'
import { categoryName } from './labels'
import { FONT_FAMILY, PALETTE } from './theme'
import { asParamList, escapeHtml, rateWithPoints, tooltipLines } from './tooltip'

export type GapAgainst = 'national' | 'prefectural'

export interface GapBarOptions {
  against: GapAgainst
  animation: boolean
}

export type GapBarChartOption = ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption
>

export interface GapBar {
  key: string
  name: string
  /** rate − average rate in percentage points, unrounded; null when either is missing */
  gap: number | null
  row: GapRow
}

const gapOf = (r: GapRow, against: GapAgainst): number | null => (against === 'national' ? r.gapNatRate : r.gapPrefRate)

/**
 * The bars, weakest first. rankWeakest sorts by the national gap and shows goal IV once;
 * for the prefectural view the two gaps are swapped before ranking, so the same rule
 * (null last, the other gap as tie-break, then key) applies.
 */
export function gapBars(rows: readonly GapRow[], against: GapAgainst): GapBar[] {
  const groups = rows.filter((r) => r.level === 'group')
  const ranked = against === 'national'
    ? rankWeakest(groups)
    : rankWeakest(groups.map((r) => ({ ...r, gapNatRate: r.gapPrefRate, gapPrefRate: r.gapNatRate })))
  const byKey = new Map(groups.map((r) => [r.key, r]))
  return ranked.flatMap((r) => {
    const row = byKey.get(r.key)
    return row ? [{ key: row.key, name: categoryName(row, rows), gap: gapOf(row, against), row }] : []
  })
}

/** Symmetric bounds in steps of 10 points (zero in the middle), with room for the labels. */
function axisExtent(bars: readonly GapBar[]): number {
  const m = Math.max(0, ...bars.map((b) => Math.abs(b.gap ?? 0)))
  return Math.max(10, Math.ceil((m * 1.15) / 10) * 10)
}

const signedTick = (v: number): string => (v === 0 ? '0' : `${v > 0 ? '+' : '−'}${Math.abs(v)}`)

export function buildGapBarOption(rows: readonly GapRow[], opts: GapBarOptions): GapBarChartOption {
  const bars = gapBars(rows, opts.against)
  const avgName = opts.against === 'national' ? '全国平均' : '県平均'
  const extent = axisExtent(bars)

  const data: BarSeriesOption['data'] = bars.map((b) => {
    const short = b.gap !== null && b.gap < 0
    const color = short ? PALETTE.shortfall : PALETTE.municipalityLight
    // A bar longer than half its side carries its label inside, in white (5.8:1 on red, 5.0:1
    // on blue): outside, it would run past the axis into the category names in a half-width
    // panel. A shorter bar leaves at least half a side free for the label outside.
    const inside = b.gap !== null && Math.abs(b.gap) >= extent / 2
    return {
      value: b.gap,
      itemStyle: { color },
      label: inside
        ? { position: short ? 'insideLeft' : 'insideRight', color: PALETTE.white }
        : { position: short ? 'left' : 'right', color: short ? PALETTE.shortfall : PALETTE.municipality },
    }
  })

  return {
    animation: opts.animation,
    aria: { enabled: true, label: { description: gapDescription(bars, avgName) } },
    textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text },
    // 'same': labels and axis names fit inside the given margins (containLabel's successor in ECharts 6).
    // 16 px to the left: the category names must not touch the edge of an exported PNG.
    grid: { left: 16, right: 56, top: 12, bottom: 12, outerBoundsMode: 'same', outerBoundsContain: 'all' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      confine: true,
      formatter: (params: unknown) => {
        const b = bars[asParamList(params)[0]?.dataIndex ?? -1]
        if (!b) return ''
        const r = b.row
        const avg = opts.against === 'national'
          ? rateWithPoints(r.natRate, r.natAvg, r.max)
          : rateWithPoints(r.prefRate, r.prefAvg, r.max)
        return tooltipLines(b.name, [
          `得点: ${rateWithPoints(r.rate, r.score, r.max)}`,
          `${avgName}: ${avg}`,
          `差: ${formatSigned(b.gap, 'ポイント')}`,
        ].map(escapeHtml))
      },
    },
    xAxis: {
      type: 'value',
      min: -extent,
      max: extent,
      position: 'top',
      name: `${avgName}との得点率の差（ポイント）`,
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: signedTick, color: PALETTE.text },
      splitLine: { lineStyle: { color: PALETTE.grid } },
    },
    yAxis: {
      type: 'category',
      // ECharts puts the first category at the bottom; inverse puts the weakest at the top.
      inverse: true,
      data: bars.map((b) => b.name),
      axisTick: { show: false },
      axisLine: { onZero: false, lineStyle: { color: PALETTE.axis } },
      axisLabel: { color: PALETTE.text, fontFamily: FONT_FAMILY },
    },
    series: [{
      type: 'bar',
      name: `${avgName}との差`,
      data,
      barMaxWidth: 22,
      label: {
        show: true,
        fontFamily: FONT_FAMILY,
        formatter: (p: unknown) => formatSigned(bars[asParamList(p)[0]?.dataIndex ?? -1]?.gap ?? null),
      },
      // The zero line: where the average lies.
      markLine: {
        silent: true,
        symbol: 'none',
        label: { show: false },
        lineStyle: { color: PALETTE.national, type: 'solid', width: 1 },
        data: [{ xAxis: 0 }],
      },
    }],
  }
}

/**
 * The chart's description for screen readers, in place of ECharts' generated one (raw floats
 * and indexes): 「全国平均との得点率の差、弱い順：努力 II(i) 認知症総合支援 −30.2ポイント、…」.
 */
function gapDescription(bars: readonly GapBar[], avgName: string): string {
  const items = bars.map((b) => `${b.name} ${b.gap === null ? 'データなし' : formatSigned(b.gap, 'ポイント')}`)
  return `指標群ごとの${avgName}との得点率の差（マイナスは平均を下回る）、差が小さい順：${items.join('、')}。`
}

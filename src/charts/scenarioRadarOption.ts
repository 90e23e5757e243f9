/**
 * The radar of one grant with a what-if scenario drawn over it: the ordinary radar
 * (buildRadarOption: the municipality, the prefectural and the national average) plus a fourth
 * series, the scenario, as a dashed blue line with square markers, so that it differs from the
 * municipality's solid line (●) and the dashed grey prefectural average (▲) by more than colour.
 * Scenario values are matched to the axes by their stable row keys, never by position.
 */
import type { RadarSeriesOption } from 'echarts/charts'
import { formatRate, formatSigned, sub, type GapRow } from '@/domain'
import { buildRadarOption, radarAxes, type RadarAxes, type RadarChartOption, type RadarOptions } from './radarOption'
import { DEFAULT_LABELS, FONT_FAMILY, PALETTE, SERIES_STYLE } from './theme'
import type { ChartTable } from './tables'
import { asParamList, escapeHtml, rateWithPoints, tooltipLines } from './tooltip'

export const SCENARIO_LABEL = 'シナリオ'

/** How the scenario series looks: dashed, blue, square markers (the legend repeats the marker). */
export const SCENARIO_STYLE = { lineType: 'dashed', symbol: 'rect', color: PALETTE.municipalityLight } as const

export interface ScenarioRadarOptions extends RadarOptions {
  /** the scenario's name in the legend (default シナリオ) */
  scenarioLabel?: string
}

/** The scenario's rates on the baseline's axes, by row key; a missing rate stays null. */
export function scenarioRadarValues(baselineRows: readonly GapRow[], scenarioRows: readonly GapRow[], axes: RadarAxes): (number | null)[] {
  const byKey = new Map(scenarioRows.map((r) => [r.key, r]))
  return radarAxes(baselineRows, axes).map((a) => byKey.get(a.key)?.rate ?? null)
}

export function buildScenarioRadarOption(baselineRows: readonly GapRow[], scenarioRows: readonly GapRow[], opts: ScenarioRadarOptions): RadarChartOption {
  const base = buildRadarOption(baselineRows, opts)
  const axes = radarAxes(baselineRows, opts.axes)
  const byKey = new Map(scenarioRows.map((r) => [r.key, r]))
  const name = opts.scenarioLabel ?? SCENARIO_LABEL
  const values = axes.map((a) => byKey.get(a.key)?.rate ?? null)
  const baseSeries = base.series as RadarSeriesOption[]
  const scenario: RadarSeriesOption = {
    type: 'radar',
    name,
    symbol: SCENARIO_STYLE.symbol,
    symbolSize: 8,
    lineStyle: { type: SCENARIO_STYLE.lineType, width: 2.5, color: SCENARIO_STYLE.color },
    itemStyle: { color: SCENARIO_STYLE.color },
    z: 4,
    data: values.some((v) => v !== null) ? [{ name, value: values }] : [],
  }
  const legend = base.legend as { data: { name: string; icon: string }[] }
  const tooltip = base.tooltip as { formatter: (params: unknown) => string }
  const baseFormatter = tooltip.formatter
  const scenarioIndex = baseSeries.length
  return {
    ...base,
    // the scenario follows a dragged slider: an update animation would trail the pointer and repaint every frame
    animationDurationUpdate: 0,
    color: [...(base.color as string[]), SCENARIO_STYLE.color],
    legend: { ...legend, data: [...legend.data, { name, icon: SCENARIO_STYLE.symbol }], textStyle: { fontFamily: FONT_FAMILY, color: PALETTE.text } },
    tooltip: {
      ...tooltip,
      formatter: (params: unknown) => {
        const p = asParamList(params)[0]
        if (p?.seriesIndex !== scenarioIndex) return baseFormatter(params)
        return tooltipLines(name, axes.map((a) => {
          const r = byKey.get(a.key)
          return `${escapeHtml(a.name)}: ${rateWithPoints(r?.rate ?? null, r?.score ?? null, r?.max ?? a.row.max)}`
        }))
      },
    },
    series: [...baseSeries, scenario],
  }
}

/** The same numbers as a table: baseline and scenario rates with the change, and both averages. */
export function scenarioRadarTable(baselineRows: readonly GapRow[], scenarioRows: readonly GapRow[], axes: RadarAxes, labels: { municipality?: string; scenario?: string } = {}): ChartTable {
  const byKey = new Map(scenarioRows.map((r) => [r.key, r]))
  const withPoints = (rate: number | null, points: number | null, max: number | null): string =>
    rate === null ? '—' : rateWithPoints(rate, points, max).replace('／', '/')
  return {
    caption: '得点率（得点／配点）：現状とシナリオ、変化（ポイント）と平均',
    columns: ['区分', `${labels.municipality ?? DEFAULT_LABELS.municipality}（現状）`, labels.scenario ?? SCENARIO_LABEL, '変化', DEFAULT_LABELS.prefectural, DEFAULT_LABELS.national],
    rows: radarAxes(baselineRows, axes).map(({ key, name, row }) => {
      const s = byKey.get(key)
      return {
        key, header: name,
        cells: [
          withPoints(row.rate, row.score, row.max), withPoints(s?.rate ?? null, s?.score ?? null, s?.max ?? row.max),
          formatSigned(sub(s?.rate ?? null, row.rate)), formatRate(row.prefRate), formatRate(row.natRate),
        ],
      }
    }),
  }
}

/** Legend note for the panel: the four series and their cues. */
export function scenarioRadarNote(municipality: string, scenario = SCENARIO_LABEL): string {
  const mark = { circle: '●', triangle: '▲', diamond: '◆' } as const
  return `実線${mark[SERIES_STYLE.municipality.symbol]}＝${municipality}（現状）、青の破線■＝${scenario}、灰色の破線${mark[SERIES_STYLE.prefectural.symbol]}＝県平均、点線${mark[SERIES_STYLE.national.symbol]}＝全国平均。`
}

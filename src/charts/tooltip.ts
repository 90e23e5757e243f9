/** Tooltip text shared by the option builders: points and rates, formatted by the domain. */
import { formatPoints, formatRate } from '@/domain'

/** Tooltips are HTML; names may come from imported files, so they are escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** 「64.0%（64／100点）」; a missing figure shows as 「—」, never 0. */
export function rateWithPoints(rate: number | null, points: number | null, max: number | null): string {
  if (rate === null && points === null) return formatRate(null)
  return `${formatRate(rate)}（${formatPoints(points)}／${formatPoints(max)}点）`
}

/** The minimal shape of ECharts' formatter params that the builders read. */
export interface FormatterParam {
  seriesIndex?: number
  dataIndex: number
  marker?: string
}

export function asParamList(params: unknown): FormatterParam[] {
  return (Array.isArray(params) ? params : [params]) as FormatterParam[]
}

export function tooltipLines(title: string, lines: readonly string[]): string {
  return [`<strong>${escapeHtml(title)}</strong>`, ...lines].join('<br>')
}

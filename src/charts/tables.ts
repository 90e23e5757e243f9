/**
 * The numbers behind each chart as a table: the accessible alternative and the check that a
 * chart says what the domain computed. Built from the same functions as the chart options.
 */
import { formatFiscalYear, formatPoints, formatRate, formatSigned, goalDef, type GapRow, type GoalId, type GrantTrend } from '@/domain'
import { gapBars, type GapAgainst } from './gapBarOption'
import { radarAxes, type RadarAxes } from './radarOption'

export interface ChartTable {
  caption: string
  columns: string[]
  rows: { key: string; header: string; cells: string[] }[]
}

const withPoints = (rate: number | null, points: number | null, max: number | null): string =>
  rate === null ? '—' : `${formatRate(rate)}（${formatPoints(points)}/${formatPoints(max)}点）`

export function radarTable(rows: readonly GapRow[], axes: RadarAxes, name: string): ChartTable {
  return {
    caption: '得点率（得点／配点）と平均との差（ポイント）',
    columns: ['区分', name, '県平均', '全国平均', '県平均との差', '全国平均との差'],
    rows: radarAxes(rows, axes).map(({ key, name: header, row }) => ({
      key, header,
      cells: [
        withPoints(row.rate, row.score, row.max), withPoints(row.prefRate, row.prefAvg, row.max),
        withPoints(row.natRate, row.natAvg, row.max), formatSigned(row.gapPrefRate), formatSigned(row.gapNatRate),
      ],
    })),
  }
}

export function gapTable(rows: readonly GapRow[], against: GapAgainst): ChartTable {
  const avg = against === 'national' ? '全国平均' : '県平均'
  return {
    caption: `指標群ごとの${avg}との得点率の差（差が小さい＝弱い順）`,
    columns: ['指標群', '得点率', `${avg}の得点率`, '差（ポイント）', '差（点）'],
    rows: gapBars(rows, against).map(({ key, name, row, gap }) => ({
      key, header: name,
      cells: [
        formatRate(row.rate),
        formatRate(against === 'national' ? row.natRate : row.prefRate),
        formatSigned(gap),
        formatSigned(against === 'national' ? row.gapNatPoints : row.gapPrefPoints),
      ],
    })),
  }
}

export function trendTable(trend: GrantTrend, goals: readonly GoalId[] = []): ChartTable {
  const goalCols = goals.map((g) => `目標${g} ${goalDef(trend.grant, 2025, g)?.shortTitle ?? ''}`.trim())
  return {
    caption: '年度ごとの得点率（得点／配点）。令和5年度以前は旧指標のため得点は比較できません',
    columns: ['年度', '合計', '県平均', '全国平均', ...goalCols],
    rows: trend.total.map((p, i) => ({
      key: String(p.fiscalYear),
      header: formatFiscalYear(p.fiscalYear),
      cells: [
        withPoints(p.rate, p.score, p.max), withPoints(p.prefRate, p.prefAvg, p.max), withPoints(p.natRate, p.natAvg, p.max),
        ...goals.map((g) => { const q = trend.goals[g][i]; return q ? withPoints(q.rate, q.score, q.max) : '—' }),
      ],
    })),
  }
}

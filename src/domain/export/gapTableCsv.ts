/**
 * The dashboard's gap table (src/domain/gaps.ts) as CSV. Rates, gaps and averages are
 * rounded to one decimal here, as on screen (from unrounded values: 努力 II(i) is −30.2,
 * not −30.1), and written as numbers with an ASCII minus so that a spreadsheet can sort
 * and chart them.
 */
import { formatFiscalYear } from '../format'
import type { GapRow } from '../gaps'
import type { Cell, Grid } from '../import/types'
import { roundHalfAway } from '../numbers'
import type { Municipality } from '../types'
import { GRANT_NAMES, GROUP_LABELS } from '../catalogue/grantCatalogue'
import { toCsv } from './csvWriter'

export interface GapTableMeta {
  /** the municipality: its code fills 保険者コード on every row (a name alone left that column empty) */
  municipality: Pick<Municipality, 'code' | 'name'>
  fiscalYear: number
  /** 出典, written on every row when given */
  source?: string | null
}

export const GAP_TABLE_HEADERS = [
  '保険者コード', '保険者名', '評価年度', '交付金', '目標', '指標群', '区分', '名称',
  '得点', '配点', '得点率(%)', '県平均', '県平均の得点率(%)', '全国平均', '全国平均の得点率(%)',
  '県平均との差(点)', '全国平均との差(点)', '県平均との差(ポイント)', '全国平均との差(ポイント)', '備考', '出典',
] as const

const LEVEL_LABELS: Record<GapRow['level'], string> = { total: '合計', goal: '目標', group: '指標群' }

/** One decimal, half away from zero; missing stays empty. */
const r1 = (x: number | null): number | null => (x === null ? null : roundHalfAway(x, 1))

export function gapTableGrid(rows: readonly GapRow[], meta: GapTableMeta): Grid {
  const m = meta.municipality
  const body = rows.map((r): Cell[] => [
    m.code, m.name, formatFiscalYear(meta.fiscalYear),
    GRANT_NAMES[r.grant].shortName, r.goal, r.group === null ? null : GROUP_LABELS[r.group].label,
    LEVEL_LABELS[r.level], r.label,
    r1(r.score), r1(r.max), r1(r.rate), r1(r.prefAvg), r1(r.prefRate), r1(r.natAvg), r1(r.natRate),
    r1(r.gapPrefPoints), r1(r.gapNatPoints), r1(r.gapPrefRate), r1(r.gapNatRate),
    r.shared ? '目標IVは両交付金で共通の指標' : null,
    meta.source ?? null,
  ])
  return [[...GAP_TABLE_HEADERS], ...body]
}

/** The gap table as CSV for Excel (UTF-8 with BOM, CRLF). */
export function gapTableCsv(rows: readonly GapRow[], meta: GapTableMeta): string {
  return toCsv(gapTableGrid(rows, meta))
}

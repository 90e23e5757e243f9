/** Short axis and category names built from gap rows, e.g. 「I 地域のあるべき姿」「II(i) 認知症総合支援」. */
import { GROUP_LABELS, STRUCTURE_REVISION_YEAR, goalDef, type GapRow, type GrantId } from '@/domain'

/** One-word grant prefixes for category labels; goal IV is scored once for both, so 共通. */
export const GRANT_PREFIX: Record<GrantId, string> = { suishin: '推進', doryoku: '努力' }
export const SHARED_PREFIX = '共通'

function goalShortTitle(row: GapRow, rows: readonly GapRow[]): string {
  if (row.level === 'goal' || row.goal === null) return row.shortTitle
  const goalRow = rows.find((r) => r.level === 'goal' && r.grant === row.grant && r.goal === row.goal)
  // Groups exist only in the 400-point structure, whose goal titles the catalogue holds.
  return goalRow?.shortTitle ?? goalDef(row.grant, STRUCTURE_REVISION_YEAR, row.goal)?.shortTitle ?? ''
}

/** 「I 地域のあるべき姿」 for a goal; 「II(i) 認知症総合支援」 or 「IV 自立支援の成果」 for a group. */
export function areaName(row: GapRow, rows: readonly GapRow[]): string {
  const title = goalShortTitle(row, rows)
  const mark = row.group === null || row.group === 'outcome' ? '' : GROUP_LABELS[row.group].mark
  const code = `${row.goal ?? ''}${mark}`
  if (!code) return title
  return title ? `${code} ${title}` : code
}

/** 「努力 II(i) 認知症総合支援」; 「共通 IV 自立支援の成果」 for the shared outcome group. */
export function categoryName(row: GapRow, rows: readonly GapRow[]): string {
  return `${row.shared ? SHARED_PREFIX : GRANT_PREFIX[row.grant]} ${areaName(row, rows)}`
}

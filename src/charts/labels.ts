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

/** Title lines longer than this many characters are split in two for a narrow place. */
const MAX_LINE_CHARS = 7

/** Splits a title in two after the 「・」 or 「の」 nearest its middle, else at the middle. */
function splitTitle(title: string): string[] {
  const chars = [...title]
  if (chars.length <= MAX_LINE_CHARS) return [title]
  const middle = chars.length / 2
  let at = Math.floor(middle)
  let best = Infinity
  chars.forEach((c, i) => {
    const cut = i + 1
    if ((c === '・' || c === 'の') && cut < chars.length && Math.abs(cut - middle) < best) {
      best = Math.abs(cut - middle)
      at = cut
    }
  })
  return [chars.slice(0, at).join(''), chars.slice(at).join('')]
}

/**
 * An area name set on one, two or three lines, for axis names that must stay narrow:
 * 「III 在宅医療・介護連携」 → 2: 「III」「在宅医療・介護連携」; 3: 「III」「在宅医療・」「介護連携」
 * (titles of up to seven characters stay on one line).
 * Only whitespace changes, so `sameName` still matches the result to the original.
 */
export function wrapAreaName(name: string, lines: 1 | 2 | 3): string {
  if (lines === 1) return name
  const space = name.indexOf(' ')
  const code = space < 0 ? '' : name.slice(0, space)
  const title = space < 0 ? name : name.slice(space + 1)
  const titleLines = lines === 3 ? splitTitle(title) : [title]
  return [code, ...titleLines].filter((l) => l !== '').join('\n')
}

/** Whether two names differ only in whitespace (a wrapped axis name against its area name). */
export function sameName(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '')
}

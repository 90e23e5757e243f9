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

/** 体制・取組 / 活動: the group's kind without 指標群, for labels that sit next to the goal */
const KIND_SHORT = { structure: '体制・取組', activity: '活動' } as const

function code(row: GapRow): string {
  const mark = row.group === null || row.group === 'outcome' ? '' : GROUP_LABELS[row.group].mark
  return `${row.goal ?? ''}${mark}`
}

const joined = (c: string, title: string): string => (c ? (title ? `${c} ${title}` : c) : title)

/**
 * 「I 地域のあるべき姿」 for a goal; for a group its kind, 「II(i) 体制・取組」「II(ii) 活動」
 * (the two groups of a goal sit side by side on a radar: repeating the goal's title told them
 * apart by the mark only); 「IV 自立支援の成果」 for the outcome group, which is the whole goal.
 */
export function areaName(row: GapRow, rows: readonly GapRow[]): string {
  const kind = row.group === 'structure' || row.group === 'activity' ? KIND_SHORT[row.group] : null
  return joined(code(row), kind ?? goalShortTitle(row, rows))
}

/**
 * 「努力 II(i) 認知症総合支援 体制・取組」: bars sorted by gap mix goals, so a category keeps the
 * goal's title as well as the group's kind; 「共通 IV 自立支援の成果」 for the shared outcome group.
 */
export function categoryName(row: GapRow, rows: readonly GapRow[]): string {
  const kind = row.group === 'structure' || row.group === 'activity' ? ` ${KIND_SHORT[row.group]}` : ''
  return `${row.shared ? SHARED_PREFIX : GRANT_PREFIX[row.grant]} ${joined(code(row), goalShortTitle(row, rows))}${kind}`
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

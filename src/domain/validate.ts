/**
 * Validation of a dataset against the grant catalogue. Errors are impossible values; warnings
 * are the rounding mismatches that real published tables contain. Data is never changed here.
 */
import { grantDef, GROUP_LABELS, GRANT_NAMES } from './catalogue/grantCatalogue'
import { formatPoints } from './format'
import { GOAL_IDS, GRANT_IDS, GROUP_KINDS, type GoalId, type GrantId, type GroupKind, type ScoreLine, type YearDataset } from './types'

export type Severity = 'error' | 'warning'

/** Where in a dataset an issue sits; importers add file, row and column. */
export interface IssuePath {
  grant?: GrantId
  goal?: GoalId
  group?: GroupKind
  field?: keyof ScoreLine
}

export interface ValidationIssue {
  severity: Severity
  code: 'score-negative' | 'score-above-max' | 'max-mismatch' | 'unknown-grant' | 'unknown-goal' | 'unknown-group'
    | 'duplicate' | 'avg-out-of-range' | 'sum-mismatch'
  /** Japanese, says what and where */
  message: string
  path: IssuePath
}

/** Published figures carry one decimal, so a difference that shows at one decimal is a mismatch. */
const SUM_TOLERANCE = 0.05
/**
 * The largest difference still read as a publisher's rounding adjustment: the example's own
 * 216.7 vs 215.7 is marked 「小数点以下調整あり」 by its source. Beyond it, no such claim is made.
 */
const ROUNDING_LIMIT = 1.0

const FIELD_LABELS: Record<'score' | 'prefAvg' | 'natAvg', string> = { score: '得点', prefAvg: '県平均', natAvg: '全国平均' }
const CHECKED_FIELDS = ['score', 'prefAvg', 'natAvg'] as const

export function describePath(p: IssuePath): string {
  const parts: string[] = []
  if (p.grant) parts.push(GRANT_NAMES[p.grant]?.name ?? p.grant)
  if (p.goal) parts.push(`目標${p.goal}`)
  if (p.group) parts.push(GROUP_LABELS[p.group]?.label ?? p.group)
  return parts.join(' ')
}

// Every dataset of an import is validated: messages (and the path text in them) are built only
// for the issues found, never for the lines that pass.

function checkLine(line: ScoreLine, catalogueMax: number | null, path: IssuePath, out: ValidationIssue[], provisional = false): void {
  // a provisional year's structure is borrowed for its labels: its points are the data's own
  const expectedMax = provisional ? null : catalogueMax
  const max = line.max ?? expectedMax
  if (expectedMax !== null && line.max !== null && line.max !== expectedMax) {
    out.push({ severity: 'error', code: 'max-mismatch', path: { ...path, field: 'max' },
      message: `${describePath(path)} 配点: この年度の配点${expectedMax}と異なります（${line.max}）` })
  }
  for (const field of CHECKED_FIELDS) {
    const v = line[field]
    if (v === null) continue
    if (v < 0) {
      out.push({ severity: 'error', code: field === 'score' ? 'score-negative' : 'avg-out-of-range', path: { ...path, field },
        message: `${describePath(path)} ${FIELD_LABELS[field]}: 0未満の値です（${v}）` })
    } else if (max !== null && v > max) {
      out.push({ severity: 'error', code: field === 'score' ? 'score-above-max' : 'avg-out-of-range', path: { ...path, field },
        message: `${describePath(path)} ${FIELD_LABELS[field]}: 配点${max}を超えています（${v}）` })
    }
  }
}

/** sumOrNull of one field of the lines, without the intermediate array. */
function sumField(lines: readonly ScoreLine[], field: keyof ScoreLine): number | null {
  if (lines.length === 0) return null
  let s = 0
  for (const l of lines) {
    const v = l[field]
    if (v === null) return null
    s += v
  }
  return s
}

/** Compares a stated figure with the sum of its parts, only when every part the catalogue expects is there. */
function checkSum(parent: ScoreLine, children: readonly ScoreLine[], expected: number | null, path: IssuePath, childName: string, out: ValidationIssue[]): void {
  if (children.length === 0 || (expected !== null && children.length !== expected)) return
  for (const field of CHECKED_FIELDS) {
    const stated = parent[field]
    const sum = sumField(children, field)
    if (stated === null || sum === null || Math.abs(stated - sum) < SUM_TOLERANCE) continue
    const rounding = Math.abs(stated - sum) <= ROUNDING_LIMIT + 1e-9
    out.push({ severity: 'warning', code: 'sum-mismatch', path: { ...path, field },
      message: `${describePath(path)} ${FIELD_LABELS[field]}: 公表値${formatPoints(stated)}が${childName}の合計${formatPoints(sum)}と一致しません（${rounding ? '端数調整とみられます。' : ''}公表値のまま表示します）` })
  }
}

export function validateDataset(ds: YearDataset): ValidationIssue[] {
  const out: ValidationIssue[] = []
  for (const [grantKey, result] of Object.entries(ds.grants)) {
    if (!result) continue
    if (!(GRANT_IDS as readonly string[]).includes(grantKey) || result.grant !== grantKey) {
      out.push({ severity: 'error', code: 'unknown-grant', path: {}, message: `不明な交付金です（${grantKey}）` })
      continue
    }
    const grant = result.grant
    const def = grantDef(grant, ds.fiscalYear)
    checkLine(result.total, def?.max ?? null, { grant }, out, def?.provisional)
    const seenGoals = new Set<string>()
    for (const goal of result.goals) {
      const gPath: IssuePath = { grant, goal: goal.goal }
      if (!(GOAL_IDS as readonly string[]).includes(goal.goal) || (def && def.goals === null)) {
        out.push({ severity: 'error', code: 'unknown-goal', path: { grant },
          message: `${describePath({ grant })}: この年度にない目標です（${goal.goal}）` })
        continue
      }
      if (seenGoals.has(goal.goal)) {
        out.push({ severity: 'error', code: 'duplicate', path: gPath, message: `${describePath(gPath)}: 同じ目標が重複しています` })
        continue
      }
      seenGoals.add(goal.goal)
      const gDef = def?.goals?.find((g) => g.goal === goal.goal) ?? null // goalDef(), from the grant's def in hand
      checkLine(goal, gDef?.max ?? null, gPath, out, def?.provisional)
      const seenGroups = new Set<string>()
      for (const group of goal.groups) {
        const grPath: IssuePath = { grant, goal: goal.goal, group: group.kind } // { ...gPath, group }
        const grDef = gDef?.groups.find((x) => x.kind === group.kind) ?? null
        if (!(GROUP_KINDS as readonly string[]).includes(group.kind) || (gDef && !grDef)) {
          out.push({ severity: 'error', code: 'unknown-group', path: gPath,
            message: `${describePath(gPath)}: この目標にない指標群です（${String(group.kind)}）` })
          continue
        }
        if (seenGroups.has(group.kind)) {
          out.push({ severity: 'error', code: 'duplicate', path: grPath, message: `${describePath(grPath)}: 同じ指標群が重複しています` })
          continue
        }
        seenGroups.add(group.kind)
        checkLine(group, grDef?.max ?? null, grPath, out, def?.provisional)
      }
      checkSum(goal, goal.groups, gDef?.groups.length ?? null, gPath, '指標群', out)
    }
    checkSum(result.total, result.goals, def?.goals?.length ?? null, { grant }, '目標', out)
  }
  return out
}

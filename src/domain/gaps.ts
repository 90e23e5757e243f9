/**
 * Gaps to the prefectural and national averages for every grant total, goal and group,
 * computed from unrounded values; rounding is for display only (format.ts).
 */
import { grantDef, GRANT_NAMES, GROUP_LABELS } from './catalogue/grantCatalogue'
import { ratePercent, sub } from './numbers'
import { GRANT_IDS, type GoalId, type GrantId, type GroupKind, type ScoreLine, type YearDataset } from './types'

export type GapLevel = 'total' | 'goal' | 'group'

export interface GapRow {
  /** stable key: "doryoku", "doryoku/II", "doryoku/II/structure" */
  key: string
  level: GapLevel
  grant: GrantId
  goal: GoalId | null
  group: GroupKind | null
  /** e.g. 目標II 認知症総合支援 / (i) 体制・取組指標群 */
  label: string
  /** short area name for sentences, e.g. 認知症総合支援 */
  shortTitle: string
  /** goal IV rows: the same outcome figures count in both grants */
  shared: boolean
  score: number | null
  max: number | null
  prefAvg: number | null
  natAvg: number | null
  /** score rates in percent, unrounded */
  rate: number | null
  prefRate: number | null
  natRate: number | null
  /** score − average, in points */
  gapPrefPoints: number | null
  gapNatPoints: number | null
  /** rate − average rate, in percentage points */
  gapPrefRate: number | null
  gapNatRate: number | null
}

function row(line: ScoreLine, base: Omit<GapRow, keyof ScoreLine | 'items' | 'rate' | 'prefRate' | 'natRate' | 'gapPrefPoints' | 'gapNatPoints' | 'gapPrefRate' | 'gapNatRate'>, fallbackMax: number | null): GapRow {
  const max = line.max ?? fallbackMax
  const rate = ratePercent(line.score, max)
  const prefRate = ratePercent(line.prefAvg, max)
  const natRate = ratePercent(line.natAvg, max)
  // { ...base, … } written out, same keys in the same order: V8 builds a spread followed by
  // further properties slowly (tens of µs per row here), and this runs for every row shown.
  return {
    key: base.key, level: base.level, grant: base.grant, goal: base.goal, group: base.group,
    label: base.label, shortTitle: base.shortTitle, shared: base.shared,
    score: line.score, max, prefAvg: line.prefAvg, natAvg: line.natAvg,
    rate, prefRate, natRate,
    gapPrefPoints: sub(line.score, line.prefAvg),
    gapNatPoints: sub(line.score, line.natAvg),
    gapPrefRate: sub(rate, prefRate),
    gapNatRate: sub(rate, natRate),
  }
}

/** Gap rows of one grant: the total first, then each goal followed by its groups. */
export function grantGapRows(ds: YearDataset, grant: GrantId): GapRow[] {
  const result = ds.grants[grant]
  if (!result) return []
  const def = grantDef(grant, ds.fiscalYear)
  const rows: GapRow[] = [row(result.total, {
    key: grant, level: 'total', grant, goal: null, group: null,
    label: GRANT_NAMES[grant].name, shortTitle: GRANT_NAMES[grant].shortName, shared: false,
  }, def?.max ?? null)]
  for (const goal of result.goals) {
    const gDef = def?.goals?.find((g) => g.goal === goal.goal) ?? null // goalDef(), from the grant's def in hand
    const shortTitle = gDef?.shortTitle ?? ''
    const shared = gDef?.sharedAcrossGrants ?? false
    rows.push(row(goal, {
      key: `${grant}/${goal.goal}`, level: 'goal', grant, goal: goal.goal, group: null,
      label: `目標${goal.goal}${shortTitle ? ` ${shortTitle}` : ''}`, shortTitle, shared,
    }, gDef?.max ?? null))
    for (const group of goal.groups) {
      const grDef = gDef?.groups.find((g) => g.kind === group.kind)
      const labels = GROUP_LABELS[group.kind]
      rows.push(row(group, {
        key: `${grant}/${goal.goal}/${group.kind}`, level: 'group', grant, goal: goal.goal, group: group.kind,
        label: group.kind === 'outcome' ? labels.label : `${labels.mark} ${labels.label}`,
        shortTitle: `${shortTitle}${group.kind === 'outcome' ? '' : ` ${labels.mark}`}`, shared,
      }, grDef?.max ?? null))
    }
  }
  return rows
}

/** Gap rows of both grants, in catalogue order. */
export function datasetGapRows(ds: YearDataset): GapRow[] {
  return GRANT_IDS.flatMap((g) => grantGapRows(ds, g))
}

function compareNullLast(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0
  if (a === null) return 1
  if (b === null) return -1
  return a - b
}

/**
 * Weakest first: by the rate-point gap to the national average, ties by the gap to the
 * prefectural average, then by key so the order is stable. Rows without a national gap
 * go last. Goal IV counts once: its doryoku copy is dropped when the suishin one is present.
 */
export function rankWeakest(rows: readonly GapRow[]): GapRow[] {
  const sharedSeen = new Set(rows.filter((r) => r.shared && r.grant === 'suishin').map((r) => r.key.replace(/^suishin/, '')))
  return rows
    .filter((r) => !(r.shared && r.grant === 'doryoku' && sharedSeen.has(r.key.replace(/^doryoku/, ''))))
    .slice()
    .sort((a, b) => compareNullLast(a.gapNatRate, b.gapNatRate) || compareNullLast(a.gapPrefRate, b.gapPrefRate) || a.key.localeCompare(b.key))
}

/** The weakest areas at one level that fall below the national average. */
export function weakestAreas(ds: YearDataset, level: GapLevel = 'goal', count = 3): GapRow[] {
  return rankWeakest(datasetGapRows(ds).filter((r) => r.level === level))
    .filter((r) => r.gapNatRate !== null && r.gapNatRate < 0)
    .slice(0, count)
}

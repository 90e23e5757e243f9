/**
 * Reads a municipality's own summary in the shape of the embedded example
 * (shared/data/tome-2023-2025.json): years → grants → total / goals → groups.
 */
import { GROUP_LABELS } from './catalogue/grantCatalogue'
import { GOAL_IDS, GRANT_IDS, type DatasetSource, type GoalId, type GoalResult, type GrantResult, type GroupKind, type Rank, type ScoreLine, type YearDataset } from './types'

interface RawLine {
  items?: number | null; max?: number | null; score?: number | null
  prefAvg?: number | null; natAvg?: number | null
  /** a summary row's stated figure that differs from the goal sum; it wins, as published */
  natAvgStated?: number | null; prefAvgStated?: number | null
}
interface RawGroup extends RawLine { group: string }
interface RawGoal extends RawLine { goal: string; groups?: RawGroup[] }
interface RawGrant { amountYen?: number | null; prefRank?: number | null; prefRankOf?: number | null
  natRank?: number | null; natRankOf?: number | null; total: RawLine; goals?: RawGoal[] }
export interface SummaryJson {
  source: string
  municipality: { name: string; prefecture: string; localGovCode: string }
  years: { fiscalYear: number; insuredCount?: number | null; grants: Record<string, RawGrant> }[]
}

const KIND_BY_LABEL = new Map<string, GroupKind>(
  (Object.entries(GROUP_LABELS) as [GroupKind, { label: string }][]).map(([k, v]) => [v.label, k]))

const n = (v: number | null | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

function line(raw: RawLine): ScoreLine {
  return {
    items: n(raw.items), max: n(raw.max), score: n(raw.score),
    prefAvg: n(raw.prefAvgStated) ?? n(raw.prefAvg),
    natAvg: n(raw.natAvgStated) ?? n(raw.natAvg),
  }
}

function rank(r: number | null | undefined, of: number | null | undefined): Rank | null {
  const a = n(r), b = n(of)
  return a === null || b === null ? null : { rank: a, of: b }
}

export function datasetsFromSummary(json: SummaryJson, source: DatasetSource): YearDataset[] {
  return json.years.map((y) => {
    const grants: YearDataset['grants'] = {}
    for (const grant of GRANT_IDS) {
      const g = y.grants[grant]
      if (!g) continue
      const goals: GoalResult[] = (g.goals ?? []).map((goal) => {
        if (!(GOAL_IDS as readonly string[]).includes(goal.goal)) throw new Error(`unknown goal ${goal.goal}`)
        return {
          ...line(goal), goal: goal.goal as GoalId,
          groups: (goal.groups ?? []).map((gr) => {
            const kind = KIND_BY_LABEL.get(gr.group)
            if (!kind) throw new Error(`unknown group ${gr.group}`)
            return { ...line(gr), kind }
          }),
        }
      })
      const result: GrantResult = {
        grant, total: line(g.total), goals, amountYen: n(g.amountYen),
        prefRank: rank(g.prefRank, g.prefRankOf), natRank: rank(g.natRank, g.natRankOf),
      }
      grants[grant] = result
    }
    return {
      municipality: { code: json.municipality.localGovCode, name: json.municipality.name, prefecture: json.municipality.prefecture },
      fiscalYear: y.fiscalYear, insuredCount: n(y.insuredCount), sizeTier: null, grants, source,
    }
  })
}

/**
 * The editor's model: for every indicator group of both grants, its published score, the
 * scenario's value and result, and its top-level catalogue items with their ticks. Goal IV is one
 * group counted in both grants, so it appears once (under 推進's key, labelled 両交付金共通).
 */
import { computed } from 'vue'
import {
  canonicalItemId, goalDef, GRANT_IDS, GRANT_NAMES, GROUP_LABELS, groupKey,
  type GapRow, type GoalId, type GrantId, type GroupKind, type Scenario, type YearDataset,
} from '@/domain'
import { useDatasetsStore } from '@/stores/datasets'
import { useScenariosStore } from '@/stores/scenarios'

export interface GroupItemModel {
  id: string
  name: string
  points: number
  ticked: boolean
}

export interface GroupControlModel {
  /** the scenario's edit key, e.g. "doryoku/II/structure" (goal IV: "suishin/IV/outcome") */
  key: string
  /** visible label, e.g. 「目標II (i) 体制・取組指標群」 */
  label: string
  /** who the group counts for: 努力支援交付金, or 両交付金共通 */
  owner: string
  max: number
  /** published score; null = not published (the control is disabled) */
  baseline: number | null
  /** the slider's value: the edit, else the published score */
  value: number | null
  edited: boolean
  /** the group's score in the scenario (edit plus ticked items, capped at max) */
  result: number | null
  capped: boolean
  items: GroupItemModel[]
}

export interface GoalSection {
  key: string
  goal: GoalId
  title: string
  groups: GroupControlModel[]
}

export interface EditorSection {
  id: GrantId | 'shared'
  legend: string
  goals: GoalSection[]
}

const SHARED_OWNER = '両交付金共通'

function groupScore(ds: YearDataset | null | undefined, grant: GrantId, goal: GoalId, kind: GroupKind): number | null {
  return ds?.grants[grant]?.goals.find((g) => g.goal === goal)?.groups.find((g) => g.kind === kind)?.score ?? null
}

/** The sections of the editor for a baseline, a scenario and the scenario's applied dataset. */
export function editorSections(baseline: YearDataset, scenario: Scenario, applied: YearDataset | null, cappedKeys: ReadonlySet<string>): EditorSection[] {
  const ticked = new Set(scenario.items.map(canonicalItemId))
  const fy = baseline.fiscalYear
  const control = (grant: GrantId, goal: GoalId, kind: GroupKind, owner: string): GroupControlModel | null => {
    const def = goalDef(grant, fy, goal)?.groups.find((g) => g.kind === kind)
    if (!def) return null
    const key = groupKey(grant, goal, kind)
    const base = groupScore(baseline, grant, goal, kind)
    const edit = scenario.edits[key] ?? (goal === 'IV' ? scenario.edits[groupKey('doryoku', goal, kind)] : undefined)
    const labels = GROUP_LABELS[kind]
    return {
      key,
      label: `目標${goal} ${kind === 'outcome' ? labels.label : `${labels.mark} ${labels.label}`}`,
      owner,
      max: def.max,
      baseline: base,
      value: base === null ? null : edit ?? base,
      edited: edit !== undefined,
      result: groupScore(applied, grant, goal, kind),
      capped: cappedKeys.has(key) || (goal === 'IV' && cappedKeys.has(groupKey('suishin', goal, kind))),
      items: def.items.map((i) => ({ id: canonicalItemId(i.id), name: i.name, points: i.points, ticked: ticked.has(canonicalItemId(i.id)) })),
    }
  }
  const goalSection = (grant: GrantId, goal: GoalId, owner: string): GoalSection | null => {
    const def = goalDef(grant, fy, goal)
    if (!def) return null
    const groups = def.groups.map((g) => control(grant, goal, g.kind, owner)).filter((c): c is GroupControlModel => c !== null)
    return { key: `${grant}/${goal}`, goal, title: `目標${goal} ${def.shortTitle}`, groups }
  }
  const sections: EditorSection[] = GRANT_IDS.map((grant) => ({
    id: grant,
    legend: GRANT_NAMES[grant].name,
    goals: (['I', 'II', 'III'] as const).map((g) => goalSection(grant, g, GRANT_NAMES[grant].shortName)).filter((s): s is GoalSection => s !== null),
  }))
  // Goal IV once: under 推進's spelling when that grant is published, else 努力's.
  const ivGrant: GrantId = baseline.grants.suishin || !baseline.grants.doryoku ? 'suishin' : 'doryoku'
  const iv = goalSection(ivGrant, 'IV', SHARED_OWNER)
  if (iv) sections.push({ id: 'shared', legend: `${SHARED_OWNER}（推進・努力支援の両方に反映）`, goals: [iv] })
  return sections.filter((s) => s.goals.some((g) => g.groups.length > 0))
}

export type EditorOrder = 'catalogue' | 'weakness'

/** The gap to the national average (rate points) of a goal; goals without one sort last. */
function goalGap(rows: readonly GapRow[], key: string): number {
  return rows.find((r) => r.key === key)?.gapNatRate ?? Number.POSITIVE_INFINITY
}

/**
 * Weakest first: goals within each section by their gap to the national average (rate points,
 * published values), and the sections by their weakest goal. The catalogue order breaks ties.
 */
export function orderByWeakness(sections: EditorSection[], rows: readonly GapRow[]): EditorSection[] {
  const sorted = sections.map((sec) => ({
    ...sec,
    goals: [...sec.goals].sort((a, b) => goalGap(rows, a.key) - goalGap(rows, b.key)),
  }))
  const first = (sec: EditorSection): number => Math.min(...sec.goals.map((g) => goalGap(rows, g.key)))
  return sorted.sort((a, b) => first(a) - first(b))
}

export function useScenarioGroups(order: () => EditorOrder = () => 'catalogue') {
  const store = useScenariosStore()
  const datasets = useDatasetsStore()
  // An unchanged group keeps its model object, so that only the group being edited re-renders.
  let previous = new Map<string, { sig: string; model: GroupControlModel }>()
  return computed<EditorSection[]>(() => {
    const b = store.baseline
    const s = store.current
    const ev = store.evaluation
    if (!b || !s) return []
    const capped = new Set((ev?.issues ?? []).filter((i) => i.code === 'capped').map((i) => i.key))
    const next = new Map<string, { sig: string; model: GroupControlModel }>()
    const sections = editorSections(b, s, ev?.dataset ?? null, capped).map((sec) => ({
      ...sec,
      goals: sec.goals.map((g) => ({
        ...g,
        groups: g.groups.map((model) => {
          const sig = JSON.stringify(model)
          const kept = previous.get(model.key)
          const entry = kept && kept.sig === sig ? kept : { sig, model }
          next.set(model.key, entry)
          return entry.model
        }),
      })),
    }))
    previous = next
    return order() === 'weakness' ? orderByWeakness(sections, datasets.gapRows) : sections
  })
}

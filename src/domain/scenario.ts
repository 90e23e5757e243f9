/**
 * What-if scenarios: a set of edits on one municipality's YearDataset. An edit sets a group's
 * score ("doryoku/II/structure" → 40) and/or ticks catalogue items ("doryoku-II-structure-3")
 * whose points are added to the group's score, capped at the group's maximum. Goal IV is one set
 * of outcome items counted in both grants, so an edit or item in goal IV applies to both.
 *
 * The scenario is plain data (saved in IndexedDB and in backups); ids and timestamps are passed in.
 */
import { goalDef, GRANT_NAMES, GROUP_LABELS, type CatalogueItem } from './catalogue/grantCatalogue'
import { formatPoints } from './format'
import type { AllocationOverrides } from './whatif/params'
import { GOAL_IDS, GRANT_IDS, GROUP_KINDS, type FiscalYear, type GoalId, type GoalResult, type GrantId, type GrantResult, type GroupKind, type YearDataset } from './types'

export interface Scenario {
  id: string
  name: string
  /** municipality code of the dataset the scenario edits */
  code: string
  fiscalYear: FiscalYear
  /** group key ("doryoku/II/structure") → new score */
  edits: Record<string, number>
  /** ticked catalogue item ids ("doryoku-II-structure-3") */
  items: string[]
  /** ISO timestamps, passed in */
  createdAt: string
  updatedAt: string
  /** the user's allocation assumptions for this scenario (overrides of the year's defaults) */
  assumptions: AllocationOverrides
}

export interface ParsedGroupKey {
  grant: GrantId
  goal: GoalId
  kind: GroupKind
}

/** "doryoku/II/structure" → its parts, or null when the key is not a group key. */
export function parseGroupKey(key: string): ParsedGroupKey | null {
  const [grant, goal, kind, ...rest] = key.split('/')
  if (rest.length > 0) return null
  if (!(GRANT_IDS as readonly string[]).includes(grant ?? '')) return null
  if (!(GOAL_IDS as readonly string[]).includes(goal ?? '')) return null
  if (!(GROUP_KINDS as readonly string[]).includes(kind ?? '')) return null
  return { grant: grant as GrantId, goal: goal as GoalId, kind: kind as GroupKind }
}

export function groupKey(grant: GrantId, goal: GoalId, kind: GroupKind): string {
  return `${grant}/${goal}/${kind}`
}

/** Goal IV is shared: the same group under the other grant ("doryoku/IV/outcome" ↔ "suishin/IV/outcome"). */
export function sharedTwinKey(key: string): string | null {
  const p = parseGroupKey(key)
  if (!p || p.goal !== 'IV') return null
  return groupKey(p.grant === 'suishin' ? 'doryoku' : 'suishin', p.goal, p.kind)
}

/**
 * The canonical id of a catalogue item: goal IV items are one set, named under 推進 here
 * ("doryoku-IV-outcome-2" → "suishin-IV-outcome-2"); other ids are returned unchanged.
 */
export function canonicalItemId(id: string): string {
  return id.startsWith('doryoku-IV-') ? `suishin-IV-${id.slice('doryoku-IV-'.length)}` : id
}

export interface LocatedItem extends CatalogueItem {
  /** canonical id */
  id: string
  grant: GrantId
  goal: GoalId
  kind: GroupKind
  /** the group key under the item's own grant */
  groupKey: string
}

/** Finds a catalogue item of a fiscal year by id (either spelling of goal IV ids). */
export function findCatalogueItem(fiscalYear: FiscalYear, id: string): LocatedItem | null {
  const m = /^(suishin|doryoku)-(I|II|III|IV)-(structure|activity|outcome)-(\d+)$/.exec(canonicalItemId(id))
  if (!m) return null
  const [, grant, goal, kind] = m as unknown as [string, GrantId, GoalId, GroupKind]
  const group = goalDef(grant, fiscalYear, goal)?.groups.find((g) => g.kind === kind)
  const item = group?.items.find((i) => i.id === canonicalItemId(id))
  if (!item) return null
  return { ...item, id: item.id, grant, goal, kind, groupKey: groupKey(grant, goal, kind) }
}

// ---- building and editing (pure: every function returns a new scenario) ----

export function createScenario(init: { id: string; name: string; code: string; fiscalYear: FiscalYear; now: string; assumptions?: AllocationOverrides }): Scenario {
  return {
    id: init.id, name: init.name, code: init.code, fiscalYear: init.fiscalYear,
    edits: {}, items: [], createdAt: init.now, updatedAt: init.now, assumptions: init.assumptions ?? {},
  }
}

/**
 * Sets (or with null clears) a group's new score. A goal IV edit is stored under the given key
 * and its twin under the other grant is removed, so the shared group has one value.
 */
export function withGroupScore(s: Scenario, key: string, score: number | null, now: string): Scenario {
  const edits = { ...s.edits }
  const twin = sharedTwinKey(key)
  if (twin) delete edits[twin]
  if (score === null) delete edits[key]
  else edits[key] = score
  return { ...s, edits, updatedAt: now }
}

/** Ticks or unticks a catalogue item (goal IV ids are stored in their canonical spelling). */
export function withItem(s: Scenario, id: string, ticked: boolean, now: string): Scenario {
  const c = canonicalItemId(id)
  const rest = s.items.filter((x) => canonicalItemId(x) !== c)
  return { ...s, items: ticked ? [...rest, c] : rest, updatedAt: now }
}

export function withAssumptions(s: Scenario, assumptions: AllocationOverrides, now: string): Scenario {
  return { ...s, assumptions, updatedAt: now }
}

export function isEmptyScenario(s: Pick<Scenario, 'edits' | 'items'>): boolean {
  return Object.keys(s.edits).length === 0 && s.items.length === 0
}

// ---- reading a stored scenario (the boundary: IndexedDB and backup files) ----

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Checks the shape of a stored scenario. Returns the scenario or Japanese errors; the content
 * (unknown keys, items of another year) is checked when the scenario is applied.
 */
export function scenarioFromJson(v: unknown): { scenario: Scenario | null; errors: string[] } {
  const errors: string[] = []
  if (!isObj(v)) return { scenario: null, errors: ['シナリオの形式が正しくありません。'] }
  for (const f of ['id', 'name', 'code', 'createdAt', 'updatedAt'] as const) {
    if (typeof v[f] !== 'string') errors.push(`シナリオの${f}が文字列ではありません。`)
  }
  if (typeof v.fiscalYear !== 'number' || !Number.isInteger(v.fiscalYear)) errors.push('シナリオのfiscalYearが年度（整数）ではありません。')
  const edits: Record<string, number> = {}
  if (!isObj(v.edits)) errors.push('シナリオのeditsが正しくありません。')
  else for (const [k, x] of Object.entries(v.edits)) {
    if (typeof x === 'number' && Number.isFinite(x)) edits[k] = x
    else errors.push(`シナリオの変更「${k}」の得点が数値ではありません。`)
  }
  if (!Array.isArray(v.items) || v.items.some((x) => typeof x !== 'string')) errors.push('シナリオのitemsが文字列の配列ではありません。')
  const assumptions = v.assumptions === undefined ? {} : v.assumptions
  if (!isObj(assumptions)) errors.push('シナリオのassumptionsが正しくありません。')
  if (errors.length > 0) return { scenario: null, errors }
  return {
    scenario: {
      id: v.id as string, name: v.name as string, code: v.code as string, fiscalYear: v.fiscalYear as number,
      edits, items: [...(v.items as string[])], createdAt: v.createdAt as string, updatedAt: v.updatedAt as string,
      assumptions: assumptions as AllocationOverrides,
    },
    errors,
  }
}

// ---- applying ----

export type ScenarioIssueCode = 'dataset-mismatch' | 'unknown-key' | 'unknown-item' | 'group-missing' | 'score-missing'
  | 'clamped' | 'capped' | 'shared-conflict'

export interface ScenarioIssue {
  code: ScenarioIssueCode
  /** the edit key or item id concerned ('' for the whole scenario) */
  key: string
  /** Japanese */
  message: string
}

export interface GroupChange {
  key: string
  grant: GrantId
  goal: GoalId
  kind: GroupKind
  from: number
  to: number
  /** to − from */
  delta: number
  /** the edit's score before items, or null when only items were ticked */
  edit: number | null
  /** canonical ids of the ticked items added to this group */
  itemIds: string[]
  /** true when the items (or the edit) were cut at the group's maximum */
  capped: boolean
}

export interface AppliedScenario {
  dataset: YearDataset
  changes: GroupChange[]
  issues: ScenarioIssue[]
  /** the grants whose total changed */
  changedGrants: GrantId[]
  /** true when a goal IV change was applied to both grants */
  sharedChanged: boolean
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

function groupLabel(key: string): string {
  const p = parseGroupKey(key)
  if (!p) return key
  const owner = p.goal === 'IV' ? '両交付金共通' : GRANT_NAMES[p.grant].shortName
  return `${owner} 目標${p.goal} ${GROUP_LABELS[p.kind].label}`
}

/**
 * Applies a scenario to a dataset and says what changed and what could not be applied.
 *
 * Goal and grant totals are moved by the DELTA of the edited groups, not re-summed: published
 * totals need not equal the sum of their parts (source rounding, e.g. 努力 national 216.7 vs the
 * goal sum 215.7), and re-summing would silently "correct" published figures that the scenario did
 * not touch. So new goal = published goal + Σ group deltas, new total = published total + Σ deltas,
 * each bounded to 0..max; a level that is missing stays missing. Averages are the published ones
 * (other municipalities are held fixed). In a grant whose total changed, the published ranks and
 * amount no longer hold, so they become null here: the pool model (recomputePool) and the
 * allocation model (estimateChange) estimate them and say how.
 */
export function applyScenarioDetailed(ds: YearDataset, scenario: Scenario): AppliedScenario {
  const issues: ScenarioIssue[] = []
  if (scenario.code !== ds.municipality.code || scenario.fiscalYear !== ds.fiscalYear) {
    issues.push({ code: 'dataset-mismatch', key: '',
      message: `シナリオは別の市町村・年度（${scenario.code} ${scenario.fiscalYear}年度）のものです。適用していません。` })
    return { dataset: ds, changes: [], issues, changedGrants: [], sharedChanged: false }
  }

  // Resolve edits: goal IV under either grant key is one edit.
  const edits = new Map<string, number>()
  for (const [key, value] of Object.entries(scenario.edits)) {
    const p = parseGroupKey(key)
    if (!p || !goalDef(p.grant, ds.fiscalYear, p.goal)?.groups.some((g) => g.kind === p.kind)) {
      issues.push({ code: 'unknown-key', key, message: `「${key}」はこの年度の指標群ではありません。` })
      continue
    }
    const twin = sharedTwinKey(key)
    const twinValue = twin === null ? undefined : scenario.edits[twin]
    if (twin !== null && twinValue !== undefined && twinValue !== value && p.grant === 'doryoku') {
      // Both spellings present and different: 推進's wins (catalogue order), so both grants stay equal.
      issues.push({ code: 'shared-conflict', key,
        message: `目標IVは両交付金共通のため、推進交付金側の値（${formatPoints(twinValue)}点）を使い、「${key}」の値（${formatPoints(value)}点）は使っていません。` })
      continue
    }
    edits.set(key, value)
    if (twin !== null) edits.set(twin, value)
  }

  // Resolve items into their groups (canonical ids, de-duplicated; goal IV items go to both grants).
  const itemsByGroup = new Map<string, LocatedItem[]>()
  const seen = new Set<string>()
  for (const raw of scenario.items) {
    const item = findCatalogueItem(ds.fiscalYear, raw)
    if (!item) {
      issues.push({ code: 'unknown-item', key: raw, message: `項目「${raw}」はこの年度の指標にありません。` })
      continue
    }
    if (seen.has(item.id)) continue
    seen.add(item.id)
    const keys = item.goal === 'IV' ? GRANT_IDS.map((g) => groupKey(g, item.goal, item.kind)) : [item.groupKey]
    for (const k of keys) itemsByGroup.set(k, [...(itemsByGroup.get(k) ?? []), item])
  }

  const touched = new Set([...edits.keys(), ...itemsByGroup.keys()])
  const changes: GroupChange[] = []
  const grants: YearDataset['grants'] = { ...ds.grants }
  const reported = new Set<string>()
  const reportOnce = (issue: ScenarioIssue): void => {
    // goal IV is reported once, under its 推進 spelling
    const key = issue.key.startsWith('doryoku/IV/') ? (sharedTwinKey(issue.key) ?? issue.key) : issue.key
    issue.key = key
    const id = `${issue.code}:${key}`
    if (!reported.has(id)) { reported.add(id); issues.push(issue) }
  }

  for (const grant of GRANT_IDS) {
    const result = ds.grants[grant]
    const keysOfGrant = [...touched].filter((k) => k.startsWith(`${grant}/`))
    if (keysOfGrant.length === 0) continue
    if (!result) {
      // Goal IV twins of a grant the dataset does not have are silently skipped (the other grant carries them).
      for (const k of keysOfGrant) {
        if (sharedTwinKey(k) === null) reportOnce({ code: 'group-missing', key: k, message: `${groupLabel(k)}：この交付金のデータがありません。` })
      }
      continue
    }
    let grantDelta = 0
    const goals: GoalResult[] = result.goals.map((goal) => {
      let goalDelta = 0
      const groups = goal.groups.map((group) => {
        const key = groupKey(grant, goal.goal, group.kind)
        if (!touched.has(key)) return group
        const max = group.max ?? goalDef(grant, ds.fiscalYear, goal.goal)?.groups.find((g) => g.kind === group.kind)?.max ?? null
        if (group.score === null || max === null) {
          reportOnce({ code: 'score-missing', key, message: `${groupLabel(key)}：公表得点がないため変更を反映できません。` })
          return group
        }
        const edit = edits.get(key)
        let next = group.score
        let capped = false
        if (edit !== undefined) {
          next = clamp(edit, 0, max)
          if (next !== edit) reportOnce({ code: 'clamped', key, message: `${groupLabel(key)}：得点を0〜${formatPoints(max)}点の範囲に収めました（入力 ${formatPoints(edit)}点）。` })
        }
        const items = itemsByGroup.get(key) ?? []
        const added = items.reduce((s, i) => s + i.points, 0)
        if (next + added > max) {
          capped = true
          reportOnce({ code: 'capped', key, message: `${groupLabel(key)}：選んだ項目の点を加えると配点${formatPoints(max)}点を超えるため、${formatPoints(max)}点で止めました。` })
        }
        next = Math.min(max, next + added)
        const delta = next - group.score
        changes.push({ key, grant, goal: goal.goal, kind: group.kind, from: group.score, to: next, delta,
          edit: edit ?? null, itemIds: items.map((i) => i.id), capped })
        goalDelta += delta
        return { ...group, score: next }
      })
      for (const k of keysOfGrant) {
        const p = parseGroupKey(k)
        if (p?.goal === goal.goal && !goal.groups.some((g) => g.kind === p.kind)) {
          reportOnce({ code: 'group-missing', key: k, message: `${groupLabel(k)}：指標群ごとの得点がないため変更を反映できません。` })
        }
      }
      grantDelta += goalDelta
      if (goalDelta === 0) return { ...goal, groups }
      const gMax = goal.max ?? goalDef(grant, ds.fiscalYear, goal.goal)?.max ?? null
      const score = goal.score === null ? null : clamp(goal.score + goalDelta, 0, gMax ?? Infinity)
      return { ...goal, score, groups }
    })
    for (const k of keysOfGrant) {
      const p = parseGroupKey(k)
      if (p && !result.goals.some((g) => g.goal === p.goal)) {
        reportOnce({ code: 'group-missing', key: k, message: `${groupLabel(k)}：指標群ごとの得点がないため変更を反映できません。` })
      }
    }
    if (grantDelta === 0) {
      grants[grant] = { ...result, goals }
      continue
    }
    const tMax = result.total.max
    const total = { ...result.total, score: result.total.score === null ? null : clamp(result.total.score + grantDelta, 0, tMax ?? Infinity) }
    const next: GrantResult = { ...result, total, goals, amountYen: null, prefRank: null, natRank: null }
    grants[grant] = next
  }

  const changedGrants = GRANT_IDS.filter((g) => changes.some((c) => c.grant === g && c.delta !== 0))
  const sharedChanged = changes.some((c) => c.goal === 'IV' && c.delta !== 0)
  const dataset: YearDataset = changedGrants.length === 0 && changes.length === 0 ? ds : {
    ...ds, grants,
    source: { ...ds.source, label: `${ds.source.label}（シナリオ「${scenario.name}」による試算）` },
  }
  return { dataset, changes, issues, changedGrants, sharedChanged }
}

/** The dataset with the scenario applied (see applyScenarioDetailed for the rules). */
export function applyScenario(ds: YearDataset, scenario: Scenario): YearDataset {
  return applyScenarioDetailed(ds, scenario).dataset
}

/** The room left in a group: max − score, or null when either is missing. */
export function groupRoom(ds: YearDataset, key: string): number | null {
  const p = parseGroupKey(key)
  if (!p) return null
  const group = ds.grants[p.grant]?.goals.find((g) => g.goal === p.goal)?.groups.find((g) => g.kind === p.kind)
  if (!group || group.score === null) return null
  const max = group.max ?? goalDef(p.grant, ds.fiscalYear, p.goal)?.groups.find((g) => g.kind === p.kind)?.max ?? null
  return max === null ? null : Math.max(0, max - group.score)
}

/**
 * Inverse questions: how many points, and which catalogue items, would it take to
 * - reach the national (or prefectural) average in a goal,
 * - pass the next municipality above in the prefecture (or nationally), given a pool,
 * - gain a given sum of money (valuing a point by the allocation's marginal yen per point)?
 *
 * The heuristic for items: the published data gives scores per group, not per item, so we do not
 * know which items are already achieved. A group's missing points (max − score) are taken as its
 * room; items whose points fit in the room are the candidates, and the items chosen in one group
 * may not add up to more than its room. Among those combinations we find, exactly (subset sums
 * per group, then a group knapsack over the totals), the one with the fewest points that meets
 * the target, and among equal points the one with the fewest items. Every answer is verified by
 * applying it with applyScenario (and estimateChange for money) and checking the target is met.
 */
import { estimateChange } from './allocation'
import { goalDef, GRANT_NAMES, GROUP_LABELS } from './catalogue/grantCatalogue'
import { formatPoints, formatYen } from './format'
import {
  applyScenario, applyScenarioDetailed, canonicalItemId, createScenario, findCatalogueItem, groupKey, groupRoom,
  type LocatedItem, type Scenario,
} from './scenario'
import { GOAL_IDS, GRANT_IDS, type FiscalYear, type GoalId, type GrantId, type YearDataset } from './types'
import type { AllocationParams } from './whatif/params'
import type { WhatIfPool } from './whatif/pool'
import { rankOfValue } from './whatif/ranks'

/** Japanese note on the item heuristic, carried by every answer. */
export const INVERSE_HEURISTIC_NOTE =
  '項目ごとの達成状況は公表データからは分からないため、指標群の未獲得点（配点−得点）を伸びしろとみなし、' +
  '配点が伸びしろ以下の大項目を未達成の候補としています。同じ指標群で選ぶ項目の合計も伸びしろを超えないようにしています。' +
  '実際には達成済みの項目や段階的に点が付く項目もあるため、目安としてご覧ください。'

export type InverseTarget =
  | { kind: 'average'; grant: GrantId; goal: GoalId; scope: 'national' | 'prefectural' }
  | { kind: 'passNext'; grant: GrantId; scope: 'prefecture' | 'national' }
  | { kind: 'money'; yen: number }

export type InverseStatus = 'already-met' | 'reachable' | 'unreachable' | 'unavailable'

export interface InversePick {
  /** canonical catalogue id */
  itemId: string
  name: string
  points: number
  /** the group key (goal IV under 推進's spelling) */
  groupKey: string
  /** the grants whose score the item raises (both for goal IV) */
  grants: GrantId[]
}

export interface InverseGroupStep {
  key: string
  from: number
  to: number
  added: number
  shared: boolean
}

export interface InverseAnswer {
  target: InverseTarget
  status: InverseStatus
  /** the metric now (goal score, grant total, or yen gained = 0) */
  current: number | null
  /** the value to reach (average, the other municipality's total, or the yen asked for) */
  threshold: number | null
  /** true when the threshold must be exceeded, not just reached (passing someone) */
  strict: boolean
  /** the fewest points that would do with free point granularity (e.g. 26.5) */
  pointsNeeded: number | null
  /** the catalogue items of the cheapest plan, and their points */
  picks: InversePick[]
  itemPoints: number
  groups: InverseGroupStep[]
  /** the base scenario with the picks ticked: apply it to see the result */
  scenario: Scenario
  /** the metric after applying the plan */
  achieved: number | null
  /** the plan was applied and meets the target */
  verified: boolean
  /** passNext: the municipality to pass (the nearest above; ties passed together) */
  passes: { code: string; name: string; score: number; tied: number } | null
  /** passNext: own rank before and after the plan, in the scope */
  rankBefore: number | null
  rankAfter: number | null
  /** one Japanese sentence answering the question */
  summary: string
  /** INVERSE_HEURISTIC_NOTE, and for money the marginal-value note */
  notes: string[]
}

export interface InverseOptions {
  /** plan on top of this scenario (its items are not candidates again) */
  base?: Scenario
  /** timestamp for the plan scenario when no base is given */
  now?: string
}

const EPS = 1e-9

// ---- the search ----

interface GroupOption {
  key: string
  shared: boolean
  room: number
  valuePerPoint: number
  /** for each reachable sum (index), the fewest items reaching it (null = unreachable) */
  subsets: (LocatedItem[] | null)[]
}

/** Every sum of the group's candidate items that fits in the room, with the fewest items per sum. */
function groupSubsets(items: LocatedItem[], room: number): (LocatedItem[] | null)[] {
  const cap = Math.max(0, Math.floor(room + EPS))
  const best: (LocatedItem[] | null)[] = Array.from({ length: cap + 1 }, () => null)
  best[0] = []
  const cands = items.filter((i) => i.points <= room + EPS && Number.isInteger(i.points))
  // groups hold at most 9 items: enumerating subsets is exact and cheap
  const n = Math.min(cands.length, 16)
  for (let mask = 1; mask < 1 << n; mask++) {
    let sum = 0
    const chosen: LocatedItem[] = []
    for (let b = 0; b < n; b++) if (mask & (1 << b)) { const it = cands[b]!; sum += it.points; chosen.push(it) }
    if (sum > cap) continue
    const cur = best[sum]
    if (cur === null || cur === undefined || chosen.length < cur.length) best[sum] = chosen
  }
  return best
}

interface Plan { points: number; value: number; items: LocatedItem[] }

/**
 * Group knapsack: for each total number of points, the combination across groups with the most
 * value (then the fewest items). Returns the plans by total points, ascending.
 */
function plansByPoints(groups: GroupOption[]): Plan[] {
  const maxTotal = groups.reduce((s, g) => s + g.subsets.length - 1, 0)
  type Cell = { value: number; count: number } | null
  let layer: Cell[] = Array.from({ length: maxTotal + 1 }, (): Cell => null)
  layer[0] = { value: 0, count: 0 }
  const choices: Int32Array[] = []
  for (const g of groups) {
    const next: Cell[] = Array.from({ length: maxTotal + 1 }, (): Cell => null)
    const choice = new Int32Array(maxTotal + 1).fill(-1)
    for (let t = 0; t <= maxTotal; t++) {
      const c = layer[t]
      if (!c) continue
      g.subsets.forEach((sub, k) => {
        if (!sub) return
        const v = c.value + k * g.valuePerPoint
        const cnt = c.count + sub.length
        const cur = next[t + k]
        if (!cur || v > cur.value + EPS || (Math.abs(v - cur.value) <= EPS && cnt < cur.count)) {
          next[t + k] = { value: v, count: cnt }
          choice[t + k] = k
        }
      })
    }
    choices.push(choice)
    layer = next
  }
  const plans: Plan[] = []
  for (let t = 0; t <= maxTotal; t++) {
    const c = layer[t]
    if (!c) continue
    const items: LocatedItem[] = []
    let rest = t
    for (let gi = groups.length - 1; gi >= 0; gi--) {
      const k = choices[gi]![rest]!
      items.unshift(...(groups[gi]!.subsets[k] ?? []))
      rest -= k
    }
    plans.push({ points: t, value: c.value, items })
  }
  return plans
}

function candidateItems(fy: FiscalYear, grant: GrantId, goal: GoalId, kind: string, exclude: Set<string>): LocatedItem[] {
  const g = goalDef(grant, fy, goal)?.groups.find((x) => x.kind === kind)
  return (g?.items ?? [])
    .map((i) => findCatalogueItem(fy, i.id))
    .filter((i): i is LocatedItem => i !== null && !exclude.has(i.id))
}

function groupOptions(ds: YearDataset, scope: { grant: GrantId; goal?: GoalId }[], exclude: Set<string>, value: (grant: GrantId, goal: GoalId) => number): GroupOption[] {
  const out: GroupOption[] = []
  const seen = new Set<string>()
  for (const { grant, goal: only } of scope) {
    for (const goal of GOAL_IDS) {
      if (only && goal !== only) continue
      for (const gr of goalDef(grant, ds.fiscalYear, goal)?.groups ?? []) {
        // outcome indicators (要介護度の変化…) follow from results: nobody can decide to achieve them
        if (gr.kind === 'outcome') continue
        // goal IV is one group under both grants: 推進's spelling
        const key = groupKey(goal === 'IV' ? 'suishin' : grant, goal, gr.kind)
        if (seen.has(key)) continue
        seen.add(key)
        const rooms = (goal === 'IV' ? GRANT_IDS : [grant]).map((g) => groupRoom(ds, groupKey(g, goal, gr.kind))).filter((r): r is number => r !== null)
        if (rooms.length === 0) continue
        const room = Math.min(...rooms)
        const v = value(grant, goal)
        if (!(room > 0) || !(v > 0)) continue
        out.push({ key, shared: goal === 'IV', room, valuePerPoint: v, subsets: groupSubsets(candidateItems(ds.fiscalYear, grant, goal, gr.kind, exclude), room) })
      }
    }
  }
  return out
}

/** Continuous minimum: fill the rooms of the most valuable groups first. */
function continuousPoints(groups: GroupOption[], need: number): number | null {
  if (need <= 0) return 0
  let rest = need
  let pts = 0
  for (const g of [...groups].sort((a, b) => b.valuePerPoint - a.valuePerPoint)) {
    const take = Math.min(g.room, rest / g.valuePerPoint)
    pts += take
    rest -= take * g.valuePerPoint
    if (rest <= EPS) return pts
  }
  return null
}

// ---- answers ----

function planScenario(ds: YearDataset, opts: InverseOptions, items: LocatedItem[]): Scenario {
  const base = opts.base ?? createScenario({ id: 'inverse-plan', name: '逆算プラン', code: ds.municipality.code, fiscalYear: ds.fiscalYear, now: opts.now ?? '' })
  const have = new Set(base.items.map(canonicalItemId))
  return { ...base, items: [...base.items, ...items.map((i) => i.id).filter((id) => !have.has(id))] }
}

function toPick(i: LocatedItem): InversePick {
  return { itemId: i.id, name: i.name, points: i.points, groupKey: i.goal === 'IV' ? groupKey('suishin', 'IV', i.kind) : i.groupKey,
    grants: i.goal === 'IV' ? [...GRANT_IDS] : [i.grant] }
}

function groupSteps(ds: YearDataset, scenario: Scenario, baseScenario: Scenario | undefined): InverseGroupStep[] {
  const before = baseScenario ? applyScenario(ds, baseScenario) : ds
  const { changes } = applyScenarioDetailed(before, { ...scenario, items: scenario.items.filter((x) => !(baseScenario?.items ?? []).includes(x)), edits: {} })
  return changes
    .filter((c) => c.delta !== 0 && !(c.goal === 'IV' && c.grant === 'doryoku' && changes.some((o) => o.goal === 'IV' && o.grant === 'suishin')))
    .map((c) => ({ key: c.key, from: c.from, to: c.to, added: c.delta, shared: c.goal === 'IV' }))
}

function itemList(items: LocatedItem[]): string {
  return items.map((i) => `「${i.name}」（${formatPoints(i.points)}点）`).join('、')
}

function emptyAnswer(target: InverseTarget, ds: YearDataset, opts: InverseOptions, status: InverseStatus, summary: string, partial: Partial<InverseAnswer> = {}): InverseAnswer {
  const scenario = planScenario(ds, opts, [])
  return {
    target, status, current: null, threshold: null, strict: false, pointsNeeded: status === 'already-met' ? 0 : null,
    picks: [], itemPoints: 0, groups: [], scenario, achieved: null, verified: status === 'already-met',
    passes: null, rankBefore: null, rankAfter: null, summary, notes: [INVERSE_HEURISTIC_NOTE], ...partial,
  }
}

interface SearchSpec {
  target: InverseTarget
  current: number
  threshold: number
  strict: boolean
  groups: GroupOption[]
  /** the metric after applying a scenario to the original dataset */
  measure: (s: Scenario) => number | null
}

function meets(value: number, spec: Pick<SearchSpec, 'threshold' | 'strict'>, tol: number): boolean {
  return spec.strict ? value > spec.threshold + tol : value >= spec.threshold - tol
}

function search(ds: YearDataset, opts: InverseOptions, spec: SearchSpec, tol: number): {
  plan: Plan | null; scenario: Scenario; achieved: number | null; verified: boolean; maxValue: number
} {
  const need = spec.threshold - spec.current
  const plans = plansByPoints(spec.groups)
  const maxValue = plans.reduce((m, p) => Math.max(m, p.value), 0)
  for (const plan of plans) {
    // the value is the target metric's gain (points, or yen at the marginal price)
    if (!(spec.strict ? plan.value > need + tol : plan.value >= need - tol)) continue
    const scenario = planScenario(ds, opts, plan.items)
    const achieved = spec.measure(scenario)
    if (achieved !== null && meets(achieved, spec, tol)) return { plan, scenario, achieved, verified: true, maxValue }
  }
  return { plan: null, scenario: planScenario(ds, opts, []), achieved: null, verified: false, maxValue }
}

function working(ds: YearDataset, opts: InverseOptions): YearDataset {
  return opts.base ? applyScenario(ds, opts.base) : ds
}

function excluded(opts: InverseOptions): Set<string> {
  return new Set((opts.base?.items ?? []).map(canonicalItemId))
}

function finish(ds: YearDataset, opts: InverseOptions, spec: SearchSpec, r: ReturnType<typeof search>, pointsNeeded: number | null,
  describe: (r: ReturnType<typeof search>) => string, extra: Partial<InverseAnswer> = {}): InverseAnswer {
  const picks = (r.plan?.items ?? []).map(toPick)
  return {
    target: spec.target, status: r.plan ? 'reachable' : 'unreachable',
    current: spec.current, threshold: spec.threshold, strict: spec.strict, pointsNeeded,
    picks, itemPoints: picks.reduce((s, p) => s + p.points, 0),
    groups: r.plan ? groupSteps(ds, r.scenario, opts.base) : [],
    scenario: r.scenario, achieved: r.achieved, verified: r.verified,
    passes: null, rankBefore: null, rankAfter: null,
    summary: describe(r), notes: [INVERSE_HEURISTIC_NOTE], ...extra,
  }
}

/**
 * Points (and items) to reach the national or prefectural average of a goal. Example: 登米市
 * 努力 II is 20 against the national 46.5: 26.5 points needed; with whole items, 31.
 */
export function pointsToAverage(ds: YearDataset, grant: GrantId, goal: GoalId, scope: 'national' | 'prefectural', opts: InverseOptions = {}): InverseAnswer {
  const target: InverseTarget = { kind: 'average', grant, goal, scope }
  const w = working(ds, opts)
  const line = w.grants[grant]?.goals.find((g) => g.goal === goal)
  const avg = scope === 'national' ? line?.natAvg ?? null : line?.prefAvg ?? null
  const scopeName = scope === 'national' ? '全国平均' : '県平均'
  const where = `${goal === 'IV' ? '両交付金共通' : GRANT_NAMES[grant].shortName} 目標${goal} ${goalDef(grant, ds.fiscalYear, goal)?.shortTitle ?? ''}`.trim()
  if (!line || line.score === null || avg === null) {
    return emptyAnswer(target, ds, opts, 'unavailable', `${where}：得点または${scopeName}がないため計算できません。`)
  }
  const current = line.score
  if (current >= avg - EPS) {
    return emptyAnswer(target, ds, opts, 'already-met', `${where}：すでに${scopeName}${formatPoints(avg)}点に達しています（${formatPoints(current)}点）。`,
      { current, threshold: avg, achieved: current })
  }
  const need = avg - current
  if (!goalDef(grant, ds.fiscalYear, goal)?.groups.some((g) => g.kind !== 'outcome')) {
    return emptyAnswer(target, ds, opts, 'unreachable',
      `${where}で${scopeName}${formatPoints(avg)}点に届くには、あと${formatPoints(need)}点が必要です。この目標は成果指標（要介護度の変化など）だけで、点は取組の結果として付くため、達成を選べる項目はありません。`,
      { current, threshold: avg })
  }
  const groups = groupOptions(w, [{ grant, goal }], excluded(opts), () => 1)
  const spec: SearchSpec = {
    target, current, threshold: avg, strict: false, groups,
    measure: (s) => applyScenario(ds, s).grants[grant]?.goals.find((g) => g.goal === goal)?.score ?? null,
  }
  return finish(ds, opts, spec, search(ds, opts, spec, EPS), need, (r) => r.plan
    ? `${where}で${scopeName}${formatPoints(avg)}点に届くには、あと${formatPoints(need)}点が必要です。項目単位では${itemList(r.plan.items)}の計${formatPoints(r.plan.points)}点で${formatPoints(r.achieved)}点になります。`
    : `${where}で${scopeName}${formatPoints(avg)}点に届くには、あと${formatPoints(need)}点が必要ですが、未獲得点に収まる項目の組み合わせでは届きません（最大${formatPoints(r.maxValue)}点）。`)
}

/**
 * Points (and items) to pass the nearest municipality above in the prefecture (or nationally),
 * everyone else held fixed. Passing means a strictly higher total; municipalities tied with the
 * one passed are passed together.
 */
export function pointsToPassNext(pool: WhatIfPool, code: string, grant: GrantId, scope: 'prefecture' | 'national', opts: InverseOptions = {}): InverseAnswer {
  const target: InverseTarget = { kind: 'passNext', grant, scope }
  const index = pool.indexOf.get(code)
  const ds = index === undefined ? undefined : pool.datasets[index]
  if (index === undefined || !ds) throw new Error(`municipality ${code} is not in the pool`)
  const w = working(ds, opts)
  const current = w.grants[grant]?.total.score ?? null
  const name = GRANT_NAMES[grant].shortName
  const scopeName = scope === 'prefecture' ? '県内' : '全国'
  if (current === null) return emptyAnswer(target, ds, opts, 'unavailable', `${name}：合計得点がないため計算できません。`)
  const values = pool.totals[grant]
  const groupsArr = scope === 'prefecture' ? pool.prefIndex : undefined
  const p = pool.prefIndex[index]!
  let best = -1
  let tied = 0
  for (let j = 0; j < pool.size; j++) {
    if (j === index || (groupsArr && groupsArr[j]! !== p)) continue
    const v = values[j]!
    if (Number.isNaN(v) || !(v > current + EPS)) continue
    if (best < 0 || v < values[best]! - EPS) { best = j; tied = 1 } else if (Math.abs(v - values[best]!) <= EPS) tied++
  }
  const rankBefore = rankOfValue(values, index, current, groupsArr)
  if (best < 0) {
    return emptyAnswer(target, ds, opts, 'already-met', `${name}：すでに${scopeName}1位です。`, { current, rankBefore, rankAfter: rankBefore, achieved: current })
  }
  const other = pool.datasets[best]!
  const threshold = values[best]!
  const passes = { code: other.municipality.code, name: other.municipality.name, score: threshold, tied }
  const groups = groupOptions(w, [{ grant }], excluded(opts), () => 1)
  const spec: SearchSpec = {
    target, current, threshold, strict: true, groups,
    measure: (s) => applyScenario(ds, s).grants[grant]?.total.score ?? null,
  }
  const r = search(ds, opts, spec, EPS)
  const need = threshold - current
  const rankAfter = r.achieved === null ? null : rankOfValue(values, index, r.achieved, groupsArr)
  const others = tied > 1 ? `ほか${tied - 1}団体` : ''
  return finish(ds, opts, spec, r, need, (res) => res.plan
    ? `${name}で${scopeName}の${other.municipality.name}${others}（${formatPoints(threshold)}点）を上回るには、${formatPoints(need)}点より多く必要です。項目単位では${itemList(res.plan.items)}の計${formatPoints(res.plan.points)}点で${formatPoints(res.achieved)}点（${scopeName}${rankAfter ?? '—'}位）になります。`
    : `${name}で${scopeName}の${other.municipality.name}${others}（${formatPoints(threshold)}点）を上回るには、${formatPoints(need)}点より多く必要ですが、未獲得点に収まる項目の組み合わせでは届きません。`,
  { passes, rankBefore, rankAfter })
}

/** Japanese note on valuing points at the marginal yen per point. */
export const INVERSE_MONEY_NOTE =
  '1点あたりの金額は配分モデルの限界額（現状の得点での1点あたりの増額）で見積もり、選んだ項目は配分モデルで再計算して確認しています。' +
  '目標IVの点は両交付金に反映されるため、両方の金額を合計しています。金額は推計です。'

/**
 * Points (and items) to gain at least `yen` more (both grants together), valuing each group's
 * points at its grant's marginal yen per point (goal IV: both grants'), then checking the plan
 * with estimateChange. Pass the pool when it is loaded, as for estimateChange.
 */
export function pointsForMoney(ds: YearDataset, yen: number, params: AllocationParams, opts: InverseOptions & { pool?: WhatIfPool } = {}): InverseAnswer {
  const target: InverseTarget = { kind: 'money', yen }
  const empty = planScenario(ds, opts, [])
  const baseEstimate = estimateChange(ds, empty, params, opts.pool)
  const marginal = (g: GrantId): number => baseEstimate.grants[g].marginalYenPerPoint ?? 0
  const notes = [INVERSE_HEURISTIC_NOTE, INVERSE_MONEY_NOTE]
  const available = GRANT_IDS.filter((g) => baseEstimate.grants[g].method !== 'unavailable')
  if (available.length === 0 || !(yen > 0)) {
    return emptyAnswer(target, ds, opts, yen > 0 ? 'unavailable' : 'already-met',
      yen > 0 ? '交付額を推計できないため、必要な点数を計算できません。' : '増やす金額が0円以下です。', { notes })
  }
  // change relative to the base scenario, both grants (a grant that cannot be estimated counts 0)
  const changeOf = (s: Scenario): number => {
    const e = estimateChange(ds, s, params, opts.pool)
    return available.reduce((sum, g) => sum + (e.grants[g].changeYen ?? 0), 0)
  }
  const current = changeOf(empty)
  const w = working(ds, opts)
  const value = (grant: GrantId, goal: GoalId): number => (goal === 'IV' ? available.reduce((s, g) => s + marginal(g), 0) : marginal(grant))
  const groups = groupOptions(w, available.map((grant) => ({ grant })), excluded(opts), value)
  const spec: SearchSpec = { target, current: 0, threshold: yen, strict: false, groups, measure: (s) => changeOf(s) - current }
  const r = search(ds, opts, spec, 1e-6)
  return finish(ds, opts, spec, r, continuousPoints(groups, yen), (res) => res.plan
    ? `推計で${formatYen(yen)}増やすには、項目単位では${itemList(res.plan.items)}の計${formatPoints(res.plan.points)}点で、約${formatYen(res.achieved)}の増額になります。`
    : `推計で${formatYen(yen)}増やすことは、未獲得点に収まる項目の組み合わせではできません（最大で約${formatYen(res.maxValue)}）。`,
  { notes, current: 0 })
}

/** Group label for answers: 努力 目標II (i) 体制・取組指標群. */
export function inverseGroupLabel(key: string): string {
  const [grant, goal, kind] = key.split('/') as [GrantId, GoalId, keyof typeof GROUP_LABELS]
  const owner = goal === 'IV' ? '両交付金共通' : GRANT_NAMES[grant]?.shortName ?? grant
  const l = GROUP_LABELS[kind]
  return l ? `${owner} 目標${goal} ${kind === 'outcome' ? l.label : `${l.mark} ${l.label}`}` : key
}

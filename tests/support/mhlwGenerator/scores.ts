/**
 * Every municipality's scores for one year, consistent by construction: column (leaf) scores are
 * drawn, then items follow their rule (one column; sum of branches; sum capped at the item's
 * points; the better of two alternatives), groups are sums of items, goals of groups, grants of
 * goals, and 推進・支援合計 = 推進合計 + 支援合計 (goal IV counted in both, with the same values).
 *
 * 推進 I(ii)-1 「今年度の評価点」 follows last year's national rank of the combined total, so each
 * year is scored after the one before (FY2024's predecessor, FY2023, had another structure of
 * 2,185 points: only its total and rank are invented).
 *
 * Ranks are competition ranks (1, 2, 2, 4) over municipalities only. The top of every year is
 * nudged so that ranks 1, 2, 2, 4 always appear (a tie for second place).
 */
import { grantsOf, itemsOf, RANK_BASED_ITEM, type FiscalYear, type GrantDef, type ItemDef } from './items'
import type { Municipality } from './municipalities'
import { createRandom, type Random } from './random'

export interface Scores {
  /** one entry per score column of an item: the item itself when unsplit, else each (sub-)branch */
  leaves: Record<string, number>
  items: Record<string, number>
  /** branch and sub-branch scores, plus a branch that is split again (the sum of its sub-branches) */
  branches: Record<string, number>
  groups: Record<string, number>
  goals: Record<string, number>
  suishin: number
  doryoku: number
  total: number
}

export interface YearScores {
  year: FiscalYear
  grants: GrantDef[]
  scores: Map<string, Scores>
  ranks: Map<string, number>
}

export interface PreviousYear { totals: Map<string, number>; ranks: Map<string, number> }

/** national level of each year (mean of 推進・支援合計: 422.4, 435.0, 455.1 of 800 in FY2024–2026) */
const YEAR_SHIFT: Record<FiscalYear, number> = { 2024: -0.074, 2025: -0.06, 2026: -0.034, 2027: -0.024 }
const FY2023_MAX = 2185

/** Competition ranks, highest first: 1, 2, 2, 4. */
export function competitionRanks(totals: ReadonlyMap<string, number>): Map<string, number> {
  const sorted = [...totals.values()].sort((a, b) => b - a)
  const firstIndex = new Map<number, number>()
  sorted.forEach((v, i) => { if (!firstIndex.has(v)) firstIndex.set(v, i) })
  return new Map([...totals].map(([code, v]) => [code, (firstIndex.get(v) ?? 0) + 1]))
}

function leafScore(max: number, rate: number, rnd: Random): number {
  const x = Math.min(1, Math.max(0, rate + 0.33 * rnd.normal()))
  return Math.round(max * (Math.round(x * 4) / 4))
}

function rankBasedPoints(rank: number | undefined, count: number): number {
  if (rank === undefined) return 0
  const p = rank / count
  return p <= 0.1 ? 12 : p <= 0.3 ? 9 : p <= 0.5 ? 6 : p <= 0.7 ? 3 : 0
}

function itemScore(item: ItemDef, leaves: Record<string, number>): number {
  const values = item.leaves.map((l) => leaves[l.id] ?? 0)
  const sum = values.reduce((a, b) => a + b, 0)
  if (item.rule === 'best') return Math.max(...values)
  if (item.rule === 'capped') return Math.min(item.points, sum)
  return sum
}

/** Items, branches, groups, goals and totals from the leaf scores. */
export function derive(grants: readonly GrantDef[], leaves: Record<string, number>): Scores {
  const s: Scores = { leaves, items: {}, branches: {}, groups: {}, goals: {}, suishin: 0, doryoku: 0, total: 0 }
  for (const grant of grants) {
    let grantSum = 0
    for (const goal of grant.goals) {
      let goalSum = 0
      for (const group of goal.groups) {
        let groupSum = 0
        for (const item of group.items) {
          const v = itemScore(item, leaves)
          s.items[item.id] = v
          groupSum += v
          for (const leaf of item.leaves) {
            if (leaf.branch === null) continue
            s.branches[leaf.id] = leaves[leaf.id] ?? 0
            if (leaf.branch2 !== null) {
              const parent = `${item.id}.${leaf.branch}`
              s.branches[parent] = (s.branches[parent] ?? 0) + (leaves[leaf.id] ?? 0)
            }
          }
        }
        s.groups[group.id] = groupSum
        goalSum += groupSum
      }
      s.goals[goal.id] = goalSum
      grantSum += goalSum
    }
    s[grant.id] = grantSum
  }
  s.total = s.suishin + s.doryoku
  return s
}

function drawLeaves(items: readonly ItemDef[], m: Municipality, year: FiscalYear, difficulty: ReadonlyMap<string, number>, rnd: Random): Record<string, number> {
  const leaves: Record<string, number> = {}
  const rate = m.ability + YEAR_SHIFT[year]
  for (const item of items) {
    if (item.grant === 'doryoku' && item.goal === 'IV') continue
    for (const leaf of item.leaves) leaves[leaf.id] = leafScore(leaf.max, rate + (difficulty.get(item.id) ?? 0), rnd)
  }
  // goal IV is one set of outcome items: the same values under both grants
  for (const item of items) {
    if (item.grant !== 'doryoku' || item.goal !== 'IV') continue
    for (const leaf of item.leaves) leaves[leaf.id] = leaves[leaf.id.replace(/^doryoku/, 'suishin')] ?? 0
  }
  return leaves
}

/** Moves a municipality's total by `delta` points through single-column items of goals I–III. */
function shiftTotal(grants: readonly GrantDef[], leaves: Record<string, number>, delta: number): void {
  const movable = itemsOf(grants).filter((i) => i.rule === 'single' && i.goal !== 'IV' && i.id !== RANK_BASED_ITEM)
  for (const item of movable) {
    if (delta === 0) return
    const leaf = item.leaves[0]!
    const now = leaves[leaf.id] ?? 0
    const next = Math.min(leaf.max, Math.max(0, now + delta))
    leaves[leaf.id] = next
    delta -= next - now
  }
}

/** Makes the ranks of the top four 1, 2, 2, 4. */
function forceTieForSecond(grants: readonly GrantDef[], scores: Map<string, Scores>): void {
  const order = () => [...scores].sort((a, b) => b[1].total - a[1].total || a[0].localeCompare(b[0]))
  const adjust = (code: string, delta: number) => {
    const s = scores.get(code)!
    shiftTotal(grants, s.leaves, delta)
    scores.set(code, derive(grants, s.leaves))
  }
  if (scores.size < 4) return
  for (let attempt = 0; attempt < 5; attempt++) {
    const [a, b, c, d] = order()
    if (!a || !b || !c || !d) return
    if (a[1].total === b[1].total) adjust(a[0], 1)
    else if (c[1].total !== b[1].total) adjust(c[0], b[1].total - c[1].total)
    else if (d[1].total === b[1].total) adjust(d[0], -1)
    else return
  }
}

function previousYear(year: FiscalYear, municipalities: readonly Municipality[], seed: number | string): PreviousYear {
  if (year > 2024) {
    const prev = scoreYear((year - 1) as FiscalYear, municipalities, seed)
    return { totals: new Map([...prev.scores].map(([code, s]) => [code, s.total])), ranks: prev.ranks }
  }
  const rnd = createRandom(seed, 'fy2023')
  const totals = new Map(municipalities.map((m) => [m.code, Math.round(FY2023_MAX * Math.min(0.95, Math.max(0.1, m.ability - 0.06 + 0.07 * rnd.normal())))]))
  return { totals, ranks: competitionRanks(totals) }
}

export function scoreYearWithPrevious(year: FiscalYear, municipalities: readonly Municipality[], seed: number | string): { current: YearScores; previous: PreviousYear } {
  const previous = previousYear(year, municipalities, seed)
  const grants = grantsOf(year)
  const items = itemsOf(grants)
  // an item is about as hard every year
  const difficulty = new Map(items.map((i) => [i.id, 0.16 * (createRandom(seed, `difficulty/${i.id}`).next() - 0.5)]))
  const scores = new Map<string, Scores>()
  for (const m of municipalities) {
    // one stream per municipality: its scores do not depend on who else is in the workbook
    const leaves = drawLeaves(items, m, year, difficulty, createRandom(seed, `scores/${year}/${m.code}`))
    leaves[RANK_BASED_ITEM] = rankBasedPoints(previous.ranks.get(m.code), municipalities.length)
    scores.set(m.code, derive(grants, leaves))
  }
  forceTieForSecond(grants, scores)
  const ranks = competitionRanks(new Map([...scores].map(([code, s]) => [code, s.total])))
  return { current: { year, grants, scores, ranks }, previous }
}

export function scoreYear(year: FiscalYear, municipalities: readonly Municipality[], seed: number | string): YearScores {
  return scoreYearWithPrevious(year, municipalities, seed).current
}

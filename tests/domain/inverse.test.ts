import { describe, expect, it } from 'vitest'
import {
  applyScenario, createScenario, defaultAllocationParams, estimateChange, goalDef, groupRoom, INVERSE_HEURISTIC_NOTE, INVERSE_MONEY_NOTE,
  pointsForMoney, pointsToAverage, pointsToPassNext, preparePool, inverseGroupLabel,
  type GoalId, type GrantId, type Scenario, type YearDataset,
} from '@/domain'
import { editedExample, exampleYear } from './fixtures'

const NOW = '2025-06-01T00:00:00.000Z'

const scenarioOf = (ds: YearDataset, edits: Record<string, number> = {}, items: string[] = []): Scenario =>
  ({ ...createScenario({ id: 's', name: 's', code: ds.municipality.code, fiscalYear: ds.fiscalYear, now: NOW }), edits, items })

/**
 * Every item plan the heuristic allows for a goal (items ≤ the group's room, at most the room per
 * group), by brute force: the reference the answer must be minimal against.
 */
function allPlanTotals(ds: YearDataset, grant: GrantId, goal: GoalId): number[] {
  const perGroup = (goalDef(grant, ds.fiscalYear, goal)?.groups ?? []).map((g) => {
    const room = groupRoom(ds, `${grant}/${goal}/${g.kind}`) ?? 0
    const items = g.items.filter((i) => i.points <= room)
    const sums = new Set<number>()
    for (let m = 0; m < 1 << items.length; m++) {
      const s = items.reduce((t, it, b) => t + (m & (1 << b) ? it.points : 0), 0)
      if (s <= room) sums.add(s)
    }
    return [...sums]
  })
  return perGroup.reduce<number[]>((acc, sums) => acc.flatMap((a) => sums.map((s) => a + s)), [0])
}

const goalScore = (ds: YearDataset, grant: GrantId, goal: GoalId) => ds.grants[grant]?.goals.find((g) => g.goal === goal)?.score ?? null

describe('points to reach an average (登米市 令和7年度)', () => {
  const ds = exampleYear(2025)

  it('努力 II to the national average 46.5: 26.5 points, 31 with whole items, verified and minimal', () => {
    const a = pointsToAverage(ds, 'doryoku', 'II', 'national')
    expect(a.status).toBe('reachable')
    expect(a.current).toBe(20)
    expect(a.threshold).toBe(46.5)
    expect(a.pointsNeeded).toBeCloseTo(26.5, 10)
    expect(a.itemPoints).toBe(31)
    expect(a.itemPoints).toBeGreaterThanOrEqual(26.5)
    // minimal among every plan the heuristic allows
    const feasible = allPlanTotals(ds, 'doryoku', 'II').filter((t) => t >= 26.5)
    expect(Math.min(...feasible)).toBe(a.itemPoints)
    expect(a.picks.map((p) => [p.itemId, p.points])).toEqual([['doryoku-II-structure-2', 19], ['doryoku-II-activity-1', 12]])
    expect(a.groups).toEqual([
      { key: 'doryoku/II/structure', from: 14, to: 33, added: 19, shared: false },
      { key: 'doryoku/II/activity', from: 6, to: 18, added: 12, shared: false },
    ])
    // verified by applying it
    expect(a.verified).toBe(true)
    expect(a.achieved).toBe(51)
    expect(goalScore(applyScenario(ds, a.scenario), 'doryoku', 'II')).toBe(51)
    expect(a.notes).toEqual([INVERSE_HEURISTIC_NOTE])
    expect(a.summary).toBe('努力支援交付金 目標II 認知症総合支援で全国平均46.5点に届くには、あと26.5点が必要です。項目単位では「早期診断・早期対応の体制構築」（19点）、「認知症サポーター数」（12点）の計31点で51点になります。')
  })

  it('every goal below an average gets a verified, minimal answer', () => {
    for (const grant of ['suishin', 'doryoku'] as GrantId[]) {
      for (const goal of ['I', 'II', 'III', 'IV'] as GoalId[]) {
        for (const scope of ['national', 'prefectural'] as const) {
          const a = pointsToAverage(ds, grant, goal, scope)
          const line = ds.grants[grant]!.goals.find((g) => g.goal === goal)!
          const avg = scope === 'national' ? line.natAvg! : line.prefAvg!
          if (line.score! >= avg) { expect(a.status).toBe('already-met'); continue }
          // goal IV holds outcome indicators only: no item to choose (see the goal IV test)
          if (goal === 'IV') { expect(a.status).toBe('unreachable'); expect(a.picks).toEqual([]); continue }
          expect(a.status, `${grant} ${goal} ${scope}`).toBe('reachable')
          expect(a.verified).toBe(true)
          expect(a.achieved!).toBeGreaterThanOrEqual(avg)
          const min = Math.min(...allPlanTotals(ds, grant, goal).filter((t) => t >= avg - line.score!))
          expect(a.itemPoints).toBe(min)
        }
      }
    }
  })

  it('goal IV (outcome indicators only): states the points needed but offers no item, since results cannot be chosen', () => {
    const a = pointsToAverage(ds, 'doryoku', 'IV', 'national')
    expect(a.status).toBe('unreachable')
    expect(a.picks).toEqual([])
    expect(a.current).toBe(45)
    expect(a.threshold).toBeCloseTo(47.8, 10)
    expect(a.summary).toBe('両交付金共通 目標IV 自立支援の成果で全国平均47.8点に届くには、あと2.8点が必要です。この目標は成果指標（要介護度の変化など）だけで、点は取組の結果として付くため、達成を選べる項目はありません。')
  })

  it('already above the average: nothing to do', () => {
    const a = pointsToAverage(ds, 'suishin', 'II', 'national')
    expect(a.status).toBe('already-met')
    expect(a.pointsNeeded).toBe(0)
    expect(a.picks).toEqual([])
    expect(a.verified).toBe(true)
  })

  it('on top of a base scenario: its items are not offered again', () => {
    const base = scenarioOf(ds, {}, ['doryoku-II-structure-2'])
    const a = pointsToAverage(ds, 'doryoku', 'II', 'national', { base })
    expect(a.current).toBe(39)
    expect(a.pointsNeeded).toBeCloseTo(7.5, 10)
    expect(a.picks.map((p) => p.itemId)).toEqual(['doryoku-II-activity-1'])
    expect(a.scenario.items).toEqual(['doryoku-II-structure-2', 'doryoku-II-activity-1'])
    expect(goalScore(applyScenario(ds, a.scenario), 'doryoku', 'II')).toBe(51)
    expect(a.groups).toEqual([{ key: 'doryoku/II/activity', from: 6, to: 18, added: 12, shared: false }])
  })

  it('unreachable when the room is too small, unavailable when data is missing', () => {
    // 努力 II with only 2 points of room left in each group: no item fits
    const tight = editedExample((d) => {
      const g = d.grants.doryoku!.goals[1]!
      g.groups[0]!.score = 62; g.groups[1]!.score = 34; g.score = 20; g.natAvg = 46.5
    })
    const a = pointsToAverage(tight, 'doryoku', 'II', 'national')
    expect(a.status).toBe('unreachable')
    expect(a.verified).toBe(false)
    expect(a.picks).toEqual([])
    expect(pointsToAverage(exampleYear(2024), 'doryoku', 'II', 'national').status).toBe('unavailable')
  })
})

describe('points to pass the next municipality (pool)', () => {
  const tome = exampleYear(2025)
  const line = (score: number) => ({ items: null, max: 400, score, prefAvg: null, natAvg: null })
  const other = (code: string, pref: string, suishin: number): YearDataset => ({
    municipality: { code, name: `町${code}`, prefecture: pref }, fiscalYear: 2025, insuredCount: 5000, sizeTier: null,
    grants: { suishin: { grant: 'suishin', total: line(suishin), goals: [], amountYen: null, prefRank: null, natRank: null } },
    source: { label: 'test', file: null, importedAt: null, example: false },
  })
  const pool = preparePool([tome, other('04100', '宮城県', 300), other('04101', '宮城県', 250), other('04102', '宮城県', 250),
    other('04103', '宮城県', 200), other('13100', '東京都', 248)])

  it('passes the nearest above in the prefecture (ties together), strictly', () => {
    const a = pointsToPassNext(pool, '04212', 'suishin', 'prefecture')
    expect(a.passes).toEqual({ code: '04101', name: '町04101', score: 250, tied: 2 })
    expect(a.strict).toBe(true)
    expect(a.pointsNeeded).toBe(4)
    expect(a.rankBefore).toBe(4)
    // needs more than 4: the smallest item plan is 12 points (推進 I(ii) or III(ii))
    expect(a.itemPoints).toBe(12)
    expect(a.verified).toBe(true)
    expect(a.achieved).toBe(258)
    expect(a.rankAfter).toBe(2)
    expect(applyScenario(tome, a.scenario).grants.suishin?.total.score).toBe(258)
  })

  it('nationally the next above is the 248 elsewhere; the top needs nothing', () => {
    expect(pointsToPassNext(pool, '04212', 'suishin', 'national').passes?.score).toBe(248)
    const top = pointsToPassNext(pool, '04100', 'suishin', 'prefecture')
    expect(top.status).toBe('already-met')
    expect(top.summary).toContain('1位')
  })
})

describe('points for money (allocation marginal yen per point)', () => {
  const ds = exampleYear(2025)
  const params = defaultAllocationParams(2025)

  it('1,000,000 yen: 努力 items only (the most yen per point once outcome items are out), verified with estimateChange', () => {
    const a = pointsForMoney(ds, 1_000_000, params)
    expect(a.status).toBe('reachable')
    // no outcome indicator is ever suggested: nobody can decide to achieve a result
    expect(a.picks.some((p) => p.groupKey.endsWith('/outcome'))).toBe(false)
    expect(a.picks.every((p) => p.grants.length === 1 && p.grants[0] === 'doryoku')).toBe(true)
    // 努力 is worth 11,350,000×0.75/190 = 44,803 yen a point: 23 points is the least that makes 1,000,000
    const perPoint = 11350000 * 0.75 / 190
    expect(22 * perPoint).toBeLessThan(1_000_000)
    expect(a.itemPoints).toBe(23)
    expect(a.verified).toBe(true)
    expect(a.achieved).toBeCloseTo(23 * perPoint, 6)
    expect(estimateChange(ds, a.scenario, params).total.changeYen).toBeCloseTo(a.achieved!, 6)
    expect(a.notes).toEqual([INVERSE_HEURISTIC_NOTE, INVERSE_MONEY_NOTE])
  })

  it('small sums take the cheapest item worth enough', () => {
    const a = pointsForMoney(ds, 150_000, params)
    // 努力: 44,803 yen per point → 4 points (a 4-point 努力 I(ii) item) is 179,211 yen
    expect(a.itemPoints).toBe(4)
    expect(a.picks[0]?.grants).toEqual(['doryoku'])
    expect(a.achieved!).toBeGreaterThanOrEqual(150_000)
  })

  it('too much money is unreachable; no amounts is unavailable', () => {
    expect(pointsForMoney(ds, 1e12, params).status).toBe('unreachable')
    const none = editedExample((d) => { d.grants.suishin!.amountYen = null; d.grants.doryoku!.amountYen = null })
    expect(pointsForMoney(none, 1_000_000, params).status).toBe('unavailable')
  })

  it('labels groups for display', () => {
    expect(inverseGroupLabel('doryoku/II/structure')).toBe('努力支援交付金 目標II (i) 体制・取組指標群')
    expect(inverseGroupLabel('suishin/IV/outcome')).toBe('両交付金共通 目標IV 成果指標群')
  })
})

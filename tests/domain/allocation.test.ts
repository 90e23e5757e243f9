import { describe, expect, it } from 'vitest'
import {
  ASSUMPTION_TEXTS, allocationParamIssues, baseFrameShares, baseFrameYen, createScenario, defaultAllocationParams, estimateChange, estimateGrant,
  FRAME_FRACTIONS_BY_YEAR, FRAME_IDS, frameBudgetYen, frameFractionsFor, FY2024_MUNICIPAL_TOTAL_BOTH_YEN, FY2024_MUNICIPAL_TOTAL_YEN,
  preparePool, resolveAllocationParams, scenarioParams, sizeTierForInsured,
  type AllocationParams, type GrantId, type Scenario, type SizeTier, type YearDataset,
} from '@/domain'
import { editedExample, exampleYear } from './fixtures'
// a seeded PRNG: the property tests are random but reproducible
import { mulberry32 } from '../support/syntheticNation'

const NOW = '2025-06-01T00:00:00.000Z'


/** A totals-only member of a pool. */
function member(code: string, prefecture: string, insured: number | null, suishin: number | null, doryoku: number | null,
  amounts: Partial<Record<GrantId, number>> = {}, sizeTier: SizeTier | null = null): YearDataset {
  const line = (score: number | null) => ({ items: null, max: 400, score, prefAvg: null, natAvg: null })
  return {
    municipality: { code, name: `市${code}`, prefecture }, fiscalYear: 2025, insuredCount: insured, sizeTier,
    grants: {
      suishin: { grant: 'suishin', total: line(suishin), goals: [], amountYen: amounts.suishin ?? null, prefRank: null, natRank: null },
      doryoku: { grant: 'doryoku', total: line(doryoku), goals: [], amountYen: amounts.doryoku ?? null, prefRank: null, natRank: null },
    },
    source: { label: 'test', file: null, importedAt: null, example: false },
  }
}

const scenarioOf = (ds: YearDataset, edits: Record<string, number> = {}, items: string[] = []): Scenario =>
  ({ ...createScenario({ id: 's', name: 's', code: ds.municipality.code, fiscalYear: ds.fiscalYear, now: NOW }), edits, items })

/** A pool member's score change is expressed through its total (totals-only members): a direct estimateGrant. */
const grantInput = (ds: YearDataset, grant: GrantId, scenarioScore: number) => ({
  grant, code: ds.municipality.code, baselineScore: ds.grants[grant]?.total.score ?? null, scenarioScore,
  insured: ds.insuredCount, sizeTier: ds.sizeTier, actualYen: ds.grants[grant]?.amountYen ?? null,
})

const withBudget = (budget: number, over: Partial<AllocationParams> = {}): AllocationParams =>
  ({ ...resolveAllocationParams(2025, { budgetYen: { suishin: budget, doryoku: budget } }), ...over })

describe('parameters', () => {
  it('frame fractions by year sum to one and frame budgets sum to the budget', () => {
    for (const [fy, f] of Object.entries(FRAME_FRACTIONS_BY_YEAR)) {
      expect(FRAME_IDS.reduce((s, id) => s + f[id], 0), `FY${fy}`).toBeCloseTo(1, 12)
    }
    expect(FRAME_FRACTIONS_BY_YEAR[2025]).toEqual({ base: 0.75, additional: 0.2, outcomeOriented: 0.05 })
    expect(FRAME_FRACTIONS_BY_YEAR[2024]).toEqual({ base: 0.95, additional: 0.05, outcomeOriented: 0 })
    const p24 = defaultAllocationParams(2024)
    expect(p24.budgetYen).toEqual({ suishin: 9.5e9, doryoku: 19.0e9 })
    for (const g of ['suishin', 'doryoku'] as const) {
      expect(FRAME_IDS.reduce((s, f) => s + (frameBudgetYen(p24, g, f) ?? NaN), 0)).toBeCloseTo(FY2024_MUNICIPAL_TOTAL_YEN[g], 3)
    }
    expect(FY2024_MUNICIPAL_TOTAL_YEN.suishin + FY2024_MUNICIPAL_TOTAL_YEN.doryoku).toBe(FY2024_MUNICIPAL_TOTAL_BOTH_YEN)
    expect(frameBudgetYen(defaultAllocationParams(2025), 'suishin', 'base')).toBeNull()
  })

  it('later years borrow the latest known split, and say so', () => {
    expect(frameFractionsFor(2026)).toEqual({ fractions: FRAME_FRACTIONS_BY_YEAR[2025], fromYear: 2025 })
    expect(frameFractionsFor(2020).fractions).toEqual({ base: 1, additional: 0, outcomeOriented: 0 })
    const e = estimateChange(exampleYear(2025), scenarioOf(exampleYear(2025)), defaultAllocationParams(2026))
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.framesBorrowed(2026, 2025))
  })

  it('overrides lay over the defaults; bad parameters are reported, not used', () => {
    const p = resolveAllocationParams(2025, { tiering: 'perTier', otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 1, scenarioYen: 2 } } } })
    expect(p.tiering).toBe('perTier')
    expect(p.otherFrames.doryoku.additional).toEqual({ kind: 'yen', baselineYen: 1, scenarioYen: 2 })
    expect(p.otherFrames.doryoku.outcomeOriented).toEqual({ kind: 'calibrated' })
    expect(allocationParamIssues(p)).toEqual([])
    const bad = resolveAllocationParams(2025, { frames: { base: 0.7, additional: 0.2, outcomeOriented: 0.05 } })
    expect(allocationParamIssues(bad)).toEqual(['配分枠の割合の合計が100％になっていません。'])
    expect(allocationParamIssues(resolveAllocationParams(2025, { tierBudgetShares: { 1: 0.5, 2: 0.4 } })))
      .toEqual(['規模区分ごとの枠の割合の合計が100％になっていません。'])
    // a scenario carries its own assumptions
    const s = { ...scenarioOf(exampleYear(2025)), assumptions: { budgetYen: { doryoku: 2e10 } } }
    expect(scenarioParams(s).budgetYen).toEqual({ suishin: null, doryoku: 2e10 })
    const e = estimateChange(exampleYear(2025), scenarioOf(exampleYear(2025)), bad)
    expect(e.grants.suishin.method).toBe('unavailable')
    expect(e.issues).toContain('配分枠の割合の合計が100％になっていません。')
  })

  it('size tiers from the insured count', () => {
    expect([null, 2999, 3000, 9999, 10000, 49999, 50000, 99999, 100000].map(sizeTierForInsured)).toEqual([null, 1, 2, 2, 3, 3, 4, 4, 5])
  })
})

describe('base frame over a pool of three, by hand', () => {
  // weights s·n: A 200×10,000 = 2.0M, B 100×20,000 = 2.0M, C 300×5,000 = 1.5M; Σ = 5.5M
  const A = member('00001', '甲県', 10000, 200, 200)
  const B = member('00002', '甲県', 20000, 100, 100)
  const C = member('00003', '乙県', 5000, 300, 300)
  const pool = preparePool([A, B, C])
  const params = withBudget(1e9) // base frame 750M yen

  it('shares are s·n / Σ s·n and sum to one', () => {
    const shares = baseFrameShares(pool, 'suishin', 'national')
    expect([...shares]).toEqual([4 / 11, 4 / 11, 3 / 11].map((x) => expect.closeTo(x, 12)))
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12)
  })

  it('raising A from 200 to 220 points: 750M × 2.2/5.7, others held fixed', () => {
    const e = estimateGrant(grantInput(A, 'suishin', 220), params, pool)
    expect(e.method).toBe('pool')
    const base = e.frames.find((f) => f.frame === 'base')!
    expect(base.baselineYen).toBeCloseTo(750e6 * 2 / 5.5, 3) // 272,727,272.7
    expect(base.scenarioYen).toBeCloseTo(750e6 * 2.2 / 5.7, 3) // 289,473,684.2
    // no actual amount: the other frames are held at the budget × fraction × share
    expect(e.frames.find((f) => f.frame === 'additional')?.baselineYen).toBeCloseTo(200e6 * 4 / 11, 3)
    expect(e.baselineYen).toBeCloseTo(1e9 * 4 / 11, 3)
    expect(e.changeYen).toBeCloseTo(750e6 * (2.2 / 5.7 - 2 / 5.5), 3)
    // marginal yen per point at 200: B·n·S_ex/S² = 750M × 10,000 × 3.5M / 5.5M²
    expect(e.marginalYenPerPoint).toBeCloseTo(750e6 * 10000 * 3.5e6 / 5.5e6 ** 2, 3)
    expect(e.assumptions[0]).toBe(ASSUMPTION_TEXTS.estimate)
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.poolLevelFromBudget('suishin', 1e9, 0.75))
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.poolPartial(3))
  })

  it('with an actual amount the level is calibrated on it and only the share ratio comes from the pool', () => {
    const A2 = { ...A, grants: { ...A.grants, suishin: { ...A.grants.suishin!, amountYen: 4_000_000 } } }
    const e = estimateGrant(grantInput(A2, 'suishin', 220), params, pool)
    expect(e.method).toBe('pool')
    expect(e.baselineYen).toBeCloseTo(4_000_000, 6)
    // base part 3,000,000 × (2.2/5.7)/(2/5.5)
    expect(e.changeYen).toBeCloseTo(3_000_000 * ((2.2 / 5.7) / (2 / 5.5) - 1), 6)
  })

  it('per tier: the tier frames are fixed at their baseline proportions', () => {
    // tiers: A and B in tier 3 (Σ 4.0M), C in tier 2 (1.5M)
    const p = withBudget(1e9, { tiering: 'perTier' })
    const shares = baseFrameShares(pool, 'suishin', 'perTier')
    expect(shares.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12)
    expect([...shares]).toEqual([4 / 11, 4 / 11, 3 / 11].map((x) => expect.closeTo(x, 12)))
    const e = estimateGrant(grantInput(A, 'suishin', 220), p, pool)
    expect(e.frames[0]?.scenarioYen).toBeCloseTo(750e6 * (4 / 5.5) * (2.2 / 4.2), 3)
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.perTier)
    // C is alone in its tier: its base-frame amount does not depend on its score
    const c = estimateGrant(grantInput(C, 'suishin', 400), p, pool)
    expect(c.method).toBe('pool')
    expect(c.changeYen).toBeCloseTo(0, 6)
    expect(c.assumptions).toContain(ASSUMPTION_TEXTS.perTierAlone)
  })

  it('the base-frame amounts of all members add up to the base frame', () => {
    const shares = baseFrameShares(pool, 'doryoku', 'national')
    const yen = baseFrameYen(shares, params, 'doryoku')!
    expect(yen.reduce((s, x) => s + x, 0)).toBeCloseTo(750e6, 3)
    expect(yen[2]).toBeCloseTo(750e6 * 3 / 11, 3)
    expect(baseFrameYen(shares, defaultAllocationParams(2025), 'doryoku')).toBeNull()
  })

  it('a member without insured count is left out of the sums and said to be', () => {
    const pool2 = preparePool([A, B, C, member('00004', '乙県', null, 100, 100)])
    expect(pool2.excluded.suishin).toBe(1)
    expect(Number.isNaN(baseFrameShares(pool2, 'suishin', 'national')[3]!)).toBe(true)
    const e = estimateGrant(grantInput(A, 'suishin', 220), params, pool2)
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.poolExcluded(1))
    expect(e.changeYen).toBeCloseTo(750e6 * (2.2 / 5.7 - 2 / 5.5), 3)
  })
})

describe('invariants over random pools (seeded)', () => {
  const rnd = mulberry32(20250601)
  const randomPool = (size: number): YearDataset[] => Array.from({ length: size }, (_, i) => {
    const insured = Math.round(500 + rnd() ** 3 * 150000)
    const missing = rnd() < 0.05
    return member(String(10000 + i), `県${i % 7}`, missing ? null : insured, Math.round(rnd() * 400), Math.round(rnd() * 400))
  })

  it('shares sum to one (national and per tier), frames sum to the budget', () => {
    for (let run = 0; run < 40; run++) {
      const pool = preparePool(randomPool(3 + Math.floor(rnd() * 60)))
      for (const tiering of ['national', 'perTier'] as const) {
        const s = [...baseFrameShares(pool, 'suishin', tiering)].filter((x) => !Number.isNaN(x))
        if (pool.weightSums.suishin[0]! > 0) expect(s.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9)
      }
      const budget = 1e6 + rnd() * 1e10
      const p = withBudget(budget)
      expect(FRAME_IDS.reduce((t, f) => t + (frameBudgetYen(p, 'doryoku', f) ?? NaN), 0)).toBeCloseTo(budget, 3)
    }
  })

  it("raising one's own score never lowers one's own base-frame amount (others fixed)", () => {
    let checked = 0
    for (let run = 0; run < 300; run++) {
      const members = randomPool(2 + Math.floor(rnd() * 40))
      const pool = preparePool(members)
      const own = members[Math.floor(rnd() * members.length)]!
      const a = own.grants.suishin!.total.score!
      const b = Math.min(400, a + rnd() * 50)
      const withAmount = rnd() < 0.5
      const input = { ...grantInput(own, 'suishin', b), actualYen: withAmount ? 1e6 + rnd() * 1e8 : null }
      for (const tiering of ['national', 'perTier'] as const) {
        const e = estimateGrant(input, withBudget(1e9, { tiering }), pool)
        if (e.method === 'unavailable') continue
        const base = e.frames.find((f) => f.frame === 'base')!
        expect(base.scenarioYen!).toBeGreaterThanOrEqual(base.baselineYen! - 1e-6)
        expect(e.changeYen!).toBeGreaterThanOrEqual(-1e-6)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(300)
  })
})

describe('calibration on the example (登米市 令和7年度, no insured count, no pool)', () => {
  const ds = exampleYear(2025)
  const params = defaultAllocationParams(2025)

  it('reproduces the actual amounts at zero change', () => {
    const e = estimateChange(ds, scenarioOf(ds), params)
    expect(e.grants.suishin).toMatchObject({ method: 'calibrated-score', label: '推計', actualYen: 7081000, changeYen: 0 })
    expect(e.grants.suishin.baselineYen).toBeCloseTo(7081000, 6)
    expect(e.grants.suishin.scenarioYen).toBeCloseTo(7081000, 6)
    expect(e.grants.doryoku.scenarioYen).toBeCloseTo(11350000, 6)
    expect(e.total.baselineYen).toBeCloseTo(18431000, 6)
    expect(e.total.changeYen).toBe(0)
    // the frames of the actual amount: 75 / 20 / 5 %
    expect(e.grants.doryoku.frames.map((f) => f.baselineYen)).toEqual([8512500, 2270000, 567500].map((x) => expect.closeTo(x, 6)))
    expect(e.grants.doryoku.unitPrice).toEqual({ yen: expect.closeTo(8512500 / 190, 9), per: 'point' })
  })

  it('prices a score change at the calibrated unit per point, other frames held', () => {
    const e = estimateChange(ds, scenarioOf(ds, { 'doryoku/II/structure': 40 }), params)
    expect(e.grants.doryoku.changeYen).toBeCloseTo(8512500 / 190 * 26, 6)
    expect(e.grants.doryoku.frames.slice(1).every((f) => f.baselineYen === f.scenarioYen)).toBe(true)
    expect(e.grants.suishin.changeYen).toBe(0)
    expect(e.total.changeYen).toBeCloseTo(8512500 / 190 * 26, 6)
    expect(e.grants.doryoku.assumptions).toEqual([
      ASSUMPTION_TEXTS.estimate,
      ASSUMPTION_TEXTS.frames(2025, params),
      ASSUMPTION_TEXTS.baseShareOfActual(0.75, 8512500),
      ASSUMPTION_TEXTS.calibratedScore(8512500 / 190),
      ASSUMPTION_TEXTS.nationalSumFixed,
      ASSUMPTION_TEXTS.frameCalibrated('additional', 2270000),
      ASSUMPTION_TEXTS.frameCalibrated('outcomeOriented', 567500),
      ASSUMPTION_TEXTS.othersFixed,
      ASSUMPTION_TEXTS.capAndRedistribution,
    ])
    // the combined list: shared sentences once, then each grant's own, labelled with the grant
    expect(e.assumptions.slice(0, 2)).toEqual([ASSUMPTION_TEXTS.estimate, ASSUMPTION_TEXTS.frames(2025, params)])
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.nationalSumFixed)
    expect(e.assumptions).toContain(`【努力支援交付金】${ASSUMPTION_TEXTS.calibratedScore(8512500 / 190)}`)
    expect(e.assumptions).toContain(`【推進交付金】${ASSUMPTION_TEXTS.calibratedScore(7081000 * 0.75 / 246)}`)
    expect(e.assumptions).not.toContain(ASSUMPTION_TEXTS.sharedGoalIV)
  })

  it('a goal IV edit changes both grants', () => {
    const e = estimateChange(ds, scenarioOf(ds, { 'suishin/IV/outcome': 65 }), params)
    expect(e.grants.suishin.changeYen).toBeCloseTo(7081000 * 0.75 / 246 * 20, 6)
    expect(e.grants.doryoku.changeYen).toBeCloseTo(11350000 * 0.75 / 190 * 20, 6)
    expect(e.assumptions).toContain(ASSUMPTION_TEXTS.sharedGoalIV)
  })

  it('with an insured count the unit is per point and person, and the yen are the same', () => {
    const withInsured = editedExample((d) => { d.insuredCount = 28000 })
    const s = scenarioOf(withInsured, { 'doryoku/II/structure': 40 })
    const a = estimateChange(withInsured, s, params)
    const b = estimateChange(ds, scenarioOf(ds, { 'doryoku/II/structure': 40 }), params)
    expect(a.grants.doryoku.method).toBe('calibrated-insured')
    expect(a.grants.doryoku.unitPrice).toEqual({ yen: expect.closeTo(8512500 / (190 * 28000), 12), per: 'point-insured' })
    expect(a.grants.doryoku.changeYen).toBeCloseTo(b.grants.doryoku.changeYen!, 6)
  })

  it('editable other frames: a stated yen figure moves the estimate by its difference', () => {
    const p = resolveAllocationParams(2025, { otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 1_000_000, scenarioYen: 3_000_000 } } } })
    const e = estimateChange(ds, scenarioOf(ds), p)
    expect(e.grants.doryoku.baselineYen).toBeCloseTo(11350000, 6)
    expect(e.grants.doryoku.changeYen).toBeCloseTo(2_000_000, 6)
    // the base part is the remainder: 11,350,000 − 1,000,000 − 567,500
    expect(e.grants.doryoku.frames[0]?.baselineYen).toBeCloseTo(9_782_500, 6)
    expect(e.grants.doryoku.assumptions).toContain(ASSUMPTION_TEXTS.baseRemainder(9_782_500))
    expect(e.grants.doryoku.assumptions).toContain(ASSUMPTION_TEXTS.frameYen('additional', 1_000_000, 3_000_000))
    // a share needs the budget
    const noBudget = resolveAllocationParams(2025, { otherFrames: { suishin: { additional: { kind: 'share', baselineShare: 0.001, scenarioShare: 0.002 } } } })
    expect(estimateChange(ds, scenarioOf(ds), noBudget).grants.suishin.method).toBe('unavailable')
    const withB = resolveAllocationParams(2025, { budgetYen: { suishin: 1e10 }, otherFrames: { suishin: { additional: { kind: 'share', baselineShare: 0.001, scenarioShare: 0.002 } } } })
    expect(estimateChange(ds, scenarioOf(ds), withB).grants.suishin.changeYen).toBeCloseTo(1e10 * 0.2 * 0.001, 6)
  })

  it('without an amount and without a pool the estimate is unavailable, and missing stays null', () => {
    const noAmount = editedExample((d) => { d.grants.suishin!.amountYen = null })
    const e = estimateChange(noAmount, scenarioOf(noAmount), params)
    expect(e.grants.suishin).toMatchObject({ method: 'unavailable', baselineYen: null, scenarioYen: null, changeYen: null })
    expect(e.grants.suishin.assumptions).toContain(ASSUMPTION_TEXTS.unavailableAmount)
    expect(e.total).toEqual({ baselineYen: null, scenarioYen: null, changeYen: null })
    expect(e.grants.doryoku.method).toBe('calibrated-score')
  })

  it('FY2024 (totals only) calibrates too, with 95 / 5 / 0 frames', () => {
    const y24 = editedExample((d) => { d.grants.suishin!.amountYen = 6_000_000 }, 2024)
    const e = estimateChange(y24, scenarioOf(y24), defaultAllocationParams(2024))
    expect(e.grants.suishin.baselineYen).toBeCloseTo(6_000_000, 6)
    expect(e.grants.suishin.frames.map((f) => f.basis)).toEqual(['formula', 'calibrated', 'none'])
    expect(e.grants.doryoku.method).toBe('unavailable')
  })
})

import { describe, expect, it } from 'vitest'
import {
  competitionRanksF64, createScenario, defaultAllocationParams, estimateChange, preparePool, rankedCounts, rankOfValue,
  ranksAfterChange, recomputePool, type GrantId, type Scenario, type YearDataset,
} from '@/domain'
import { editedExample } from './fixtures'
// a seeded PRNG: the property tests are random but reproducible
import { mulberry32 } from '../support/syntheticNation'

const NOW = '2025-06-01T00:00:00.000Z'


function member(code: string, prefecture: string, insured: number | null, suishin: number | null, doryoku: number | null): YearDataset {
  const line = (score: number | null) => ({ items: null, max: 400, score, prefAvg: null, natAvg: null })
  return {
    municipality: { code, name: `市${code}`, prefecture }, fiscalYear: 2025, insuredCount: insured, sizeTier: null,
    grants: {
      suishin: { grant: 'suishin', total: line(suishin), goals: [], amountYen: null, prefRank: null, natRank: null },
      doryoku: { grant: 'doryoku', total: line(doryoku), goals: [], amountYen: null, prefRank: null, natRank: null },
    },
    source: { label: 'test', file: null, importedAt: null, example: false },
  }
}

/** Brute-force competition ranks, for checking the typed-array versions. */
function bruteRanks(values: number[], groups?: number[]): number[] {
  return values.map((v, i) => Number.isNaN(v) ? 0
    : 1 + values.filter((w, j) => !Number.isNaN(w) && w > v && (!groups || groups[j] === groups[i])).length)
}

/**
 * A synthetic national pool of 1,741 with the example city (insured count 28,000 supplied) in a
 * 35-member 宮城県 where three others score above it in 推進 (so it ranks 4/35, as published).
 */
function syntheticPool(seed: number): { pool: ReturnType<typeof preparePool>; tome: YearDataset } {
  const rnd = mulberry32(seed)
  const tome = editedExample((d) => { d.insuredCount = 28000 })
  const members: YearDataset[] = [tome]
  for (let i = 0; i < 34; i++) {
    const s = i < 3 ? 250 + i * 10 : Math.round(100 + rnd() * 140)
    members.push(member(String(4300 + i).padStart(5, '0'), '宮城県', Math.round(1000 + rnd() * 60000), s, Math.round(100 + rnd() * 250)))
  }
  for (let i = 0; members.length < 1741; i++) {
    members.push(member(String(10000 + i), `県${i % 46}`, Math.round(500 + rnd() ** 3 * 200000), Math.round(rnd() * 400), Math.round(rnd() * 400)))
  }
  return { pool: preparePool(members), tome }
}

const scenarioOf = (ds: YearDataset, edits: Record<string, number> = {}, items: string[] = []): Scenario =>
  ({ ...createScenario({ id: 's', name: 's', code: ds.municipality.code, fiscalYear: ds.fiscalYear, now: NOW }), edits, items })

describe('competition ranks on typed arrays', () => {
  it('ranks 1,2,2,4 with ties; missing is 0; within groups', () => {
    expect([...competitionRanksF64(Float64Array.from([40, 30, 30, 10]))]).toEqual([1, 2, 2, 4])
    expect([...competitionRanksF64(Float64Array.from([5, NaN, 7, 5]))]).toEqual([2, 0, 1, 2])
    const groups = Int32Array.from([0, 1, 0, 1, 0])
    expect([...competitionRanksF64(Float64Array.from([1, 2, 3, 2, 3]), groups)]).toEqual([3, 1, 1, 1, 1])
    expect([...rankedCounts(Float64Array.from([1, NaN, 3, 2, 3]), groups, 2)]).toEqual([3, 1])
  })

  it('ranksAfterChange equals a full re-ranking (random, with ties and missing values)', () => {
    const rnd = mulberry32(7)
    for (let run = 0; run < 300; run++) {
      const n = 1 + Math.floor(rnd() * 30)
      const values = Float64Array.from({ length: n }, () => (rnd() < 0.1 ? NaN : Math.floor(rnd() * 8)))
      const groups = Int32Array.from({ length: n }, () => Math.floor(rnd() * 3))
      const i = Math.floor(rnd() * n)
      const next = rnd() < 0.1 ? NaN : Math.floor(rnd() * 8)
      const changed = [...values]
      changed[i] = next
      for (const g of [undefined, groups]) {
        const before = competitionRanksF64(values, g)
        expect([...ranksAfterChange(before, values, i, next, g)]).toEqual(bruteRanks(changed, g ? [...g] : undefined))
        expect(rankOfValue(values, i, next, g)).toBe(bruteRanks(changed, g ? [...g] : undefined)[i])
      }
    }
  })
})

describe('preparePool', () => {
  it('refuses mixed years and duplicate municipalities', () => {
    const a = member('00001', '甲県', 100, 1, 1)
    expect(() => preparePool([a, { ...a, municipality: { ...a.municipality, code: '00002' }, fiscalYear: 2024 }])).toThrow(/fiscal years/)
    expect(() => preparePool([a, a])).toThrow(/twice/)
  })

  it('keeps missing as NaN, derives the size tier from the insured count', () => {
    const pool = preparePool([member('00001', '甲県', 2500, 10, null), member('00002', '乙県', null, 20, 30)])
    expect(Number.isNaN(pool.totals.doryoku[0]!)).toBe(true)
    expect(Number.isNaN(pool.insured[1]!)).toBe(true)
    expect([...pool.tier]).toEqual([1, 0])
    expect(pool.weightSums.suishin[0]).toBe(25000)
    expect(pool.weightSums.suishin[1]).toBe(25000)
    expect(pool.excluded).toEqual({ suishin: 1, doryoku: 2 })
    expect(pool.natCounts).toEqual({ suishin: 2, doryoku: 1 })
  })
})

describe('recomputePool (1,741 synthetic municipalities with the example city)', () => {
  const { pool, tome } = syntheticPool(42)
  const params = defaultAllocationParams(2025)

  it('the baseline ranks match the published 4/35 in 宮城県', () => {
    const r = recomputePool(pool, '04212', scenarioOf(tome), params)
    expect(r.ranks.suishin.baseline.pref).toEqual({ rank: 4, of: 35 })
    expect(r.ranks.suishin.scenario.pref).toEqual({ rank: 4, of: 35 })
    expect(r.allocation.total.changeYen).toBeCloseTo(0, 6)
    expect(r.allocation.grants.suishin.method).toBe('pool')
    expect(r.allocation.grants.suishin.baselineYen).toBeCloseTo(7081000, 6)
    expect(r.dataset).toBe(tome)
  })

  it('a goal IV edit moves both grants: scores, ranks (as a full re-ranking would) and yen', () => {
    const r = recomputePool(pool, '04212', scenarioOf(tome, { 'doryoku/IV/outcome': 80 }), params)
    for (const g of ['suishin', 'doryoku'] as GrantId[]) {
      const changed = [...pool.totals[g]]
      changed[r.index] = changed[r.index]! + 35
      expect(r.ranks[g].scenarioScore).toBe(changed[r.index])
      expect([...r.ranks[g].natRanks]).toEqual(bruteRanks(changed))
      expect([...r.ranks[g].prefRanks]).toEqual(bruteRanks(changed, [...pool.prefIndex]))
      expect(r.allocation.grants[g].changeYen).toBeGreaterThan(0)
      expect(r.dataset.grants[g]?.natRank).toEqual(r.ranks[g].scenario.nat)
    }
    expect(r.ranks.suishin.scenario.pref).toEqual({ rank: 1, of: 35 }) // 281 > 270
    expect(r.gaps?.find((x) => x.key === 'doryoku/IV')?.score).toBe(80)
    expect(r.gaps?.find((x) => x.key === 'suishin')?.score).toBe(281)
    expect(recomputePool(pool, '04212', scenarioOf(tome), params, { gaps: false }).gaps).toBeNull()
    // the pool's baseline is untouched
    expect(pool.totals.suishin[r.index]).toBe(246)
  })

  it('the pool method is close to the calibrated one, and a little lower (Σ s·n grows with the own score)', () => {
    const s = scenarioOf(tome, { 'doryoku/II/structure': 40 })
    const viaPool = recomputePool(pool, '04212', s, params).allocation.grants.doryoku.changeYen!
    const calibrated = estimateChange(tome, s, params).grants.doryoku
    expect(calibrated.method).toBe('calibrated-insured')
    expect(viaPool).toBeLessThan(calibrated.changeYen!)
    expect(viaPool / calibrated.changeYen!).toBeGreaterThan(0.99)
  })

  it('per-tier allocation runs over the pool too', () => {
    const r = recomputePool(pool, '04212', scenarioOf(tome, { 'doryoku/II/structure': 40 }), { ...params, tiering: 'perTier' })
    expect(r.allocation.grants.doryoku.method).toBe('pool')
    expect(r.allocation.grants.doryoku.changeYen).toBeGreaterThan(0)
  })

  it('is fast enough to run on every edit (typed arrays, O(n))', () => {
    const s = scenarioOf(tome, { 'doryoku/II/structure': 40, 'suishin/IV/outcome': 60 })
    const runs = 200
    const t0 = performance.now()
    for (let k = 0; k < runs; k++) recomputePool(pool, '04212', s, params)
    const perCall = (performance.now() - t0) / runs
    const t1 = performance.now()
    for (let k = 0; k < runs; k++) recomputePool(pool, '04212', s, params, { gaps: false })
    const noGaps = (performance.now() - t1) / runs
    console.info(`recomputePool over ${pool.size} municipalities: ${perCall.toFixed(3)} ms per call (${noGaps.toFixed(3)} ms without gap rows)`)
    expect(perCall).toBeLessThan(25)
  })

  it('throws for a municipality outside the pool', () => {
    expect(() => recomputePool(pool, '99999', scenarioOf(tome), params)).toThrow(/not in the pool/)
  })
})

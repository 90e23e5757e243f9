import { describe, expect, it } from 'vitest'
import { datasetGapRows, grantGapRows, rankWeakest, weakestAreas, weakAreaSentence, roundHalfAway, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const fy2025 = (): YearDataset => {
  const ds = exampleDatasets().find((d) => d.fiscalYear === 2025)
  if (!ds) throw new Error('example FY2025 missing')
  return ds
}
const rowOf = (key: string) => {
  const r = datasetGapRows(fy2025()).find((x) => x.key === key)
  if (!r) throw new Error(`no row ${key}`)
  return r
}

describe('gaps on the example (登米市 令和7年度)', () => {
  it('努力 goal II is 26.5 points below the national average', () => {
    const r = rowOf('doryoku/II')
    expect(r.score).toBe(20)
    expect(r.natAvg).toBe(46.5)
    expect(r.gapNatPoints).toBeCloseTo(-26.5, 10)
    expect(r.gapPrefPoints).toBeCloseTo(-26.4, 10)
  })

  it('努力 II(i) rate gap is computed from unrounded rates: −30.2, not −30.1', () => {
    const r = rowOf('doryoku/II/structure')
    expect(r.rate).toBeCloseTo(21.875, 10)
    expect(r.natRate).toBeCloseTo(52.03125, 10)
    expect(r.gapNatRate).toBeCloseTo(-30.15625, 10)
    expect(roundHalfAway(r.gapNatRate ?? NaN, 1)).toBe(-30.2)
    // what the rounded published rates would have suggested
    expect(roundHalfAway(roundHalfAway(r.rate ?? NaN) - roundHalfAway(r.natRate ?? NaN), 1)).toBe(-30.1)
  })

  it('推進 total is 246/400 = 61.5% and above both averages', () => {
    const r = rowOf('suishin')
    expect(r.level).toBe('total')
    expect(r.rate).toBeCloseTo(61.5, 10)
    expect(r.gapPrefPoints).toBeCloseTo(38.3, 10)
    expect(r.gapNatRate).toBeCloseTo(61.5 - 54.825, 10)
  })

  it('努力 total uses the published summary figure 216.7, not the goal sum', () => {
    const r = rowOf('doryoku')
    expect(r.natAvg).toBe(216.7)
    expect(r.gapNatPoints).toBeCloseTo(190 - 216.7, 10)
  })

  it('rows come in catalogue order with stable keys', () => {
    const keys = grantGapRows(fy2025(), 'suishin').map((r) => r.key)
    expect(keys.slice(0, 4)).toEqual(['suishin', 'suishin/I', 'suishin/I/structure', 'suishin/I/activity'])
    expect(keys).toContain('suishin/IV/outcome')
    expect(keys).toHaveLength(1 + 4 + 7)
  })

  it('names 努力 II 認知症総合支援 as the weakest goal, and counts goal IV once', () => {
    const weakest = weakestAreas(fy2025())
    expect(weakest.map((r) => r.key)).toEqual(['doryoku/II', 'doryoku/I', 'suishin/IV'])
    expect(weakAreaSentence(weakest[0]!)).toBe('介護保険保険者努力支援交付金 目標II 認知症総合支援：全国平均を26.5点下回る')
    expect(weakAreaSentence(weakest[2]!)).toBe('両交付金共通 目標IV 自立支援の成果：全国平均を2.8点下回る')
  })

  it('weakest groups: 努力 II(i) −30.2, 努力 II(ii) −20.0, then 推進 I(ii) −19.4 rate points', () => {
    const groups = weakestAreas(fy2025(), 'group', 3)
    expect(groups.map((r) => r.key)).toEqual(['doryoku/II/structure', 'doryoku/II/activity', 'suishin/I/activity'])
    expect(groups[1]!.gapNatRate).toBeCloseTo((6 / 36 - 13.2 / 36) * 100, 10)
    expect(groups[2]!.gapNatRate).toBeCloseTo((3 / 36 - 10 / 36) * 100, 10)
  })
})

describe('missing values stay missing', () => {
  it('a totals-only year has rates but no averages and no gaps', () => {
    const fy2023 = exampleDatasets().find((d) => d.fiscalYear === 2023)!
    const rows = datasetGapRows(fy2023)
    expect(rows.map((r) => r.key)).toEqual(['suishin', 'doryoku'])
    const s = rows[0]!
    expect(s.max).toBe(1355)
    expect(s.rate).toBeCloseTo((825 / 1355) * 100, 10)
    expect(s.natAvg).toBeNull()
    expect(s.gapNatPoints).toBeNull()
    expect(s.gapNatRate).toBeNull()
  })

  it('rows without a national gap go last; ties are broken by the prefectural gap', () => {
    const base = rowOf('suishin/I')
    const a = { ...base, key: 'a', gapNatRate: -5, gapPrefRate: 1 }
    const b = { ...base, key: 'b', gapNatRate: -5, gapPrefRate: -2 }
    const c = { ...base, key: 'c', gapNatRate: null, gapPrefRate: -50 }
    const d = { ...base, key: 'd', gapNatRate: -1, gapPrefRate: null }
    expect(rankWeakest([c, a, d, b]).map((r) => r.key)).toEqual(['b', 'a', 'd', 'c'])
  })
})

describe('gap rows keep their shape', () => {
  it('every row has the same keys in the same order (what CSV exports and JSON summaries write)', () => {
    const keys = ['key', 'level', 'grant', 'goal', 'group', 'label', 'shortTitle', 'shared', 'score', 'max', 'prefAvg', 'natAvg',
      'rate', 'prefRate', 'natRate', 'gapPrefPoints', 'gapNatPoints', 'gapPrefRate', 'gapNatRate']
    const rows = datasetGapRows(fy2025())
    expect(rows.length).toBeGreaterThan(20)
    for (const r of rows) expect(Object.keys(r)).toEqual(keys)
    expect(rows.find((r) => r.key === 'suishin/II/activity')).toMatchObject({
      level: 'group', grant: 'suishin', goal: 'II', group: 'activity', label: '(ii) 活動指標群', shared: false,
    })
  })
})

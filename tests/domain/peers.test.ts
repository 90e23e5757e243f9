import { describe, expect, it } from 'vitest'
import {
  competitionRanks, computeRanks, datasetLines, meanOf, peerTable, prefecturalAverages, prefectureCode, prefectureName, withPeerFigures,
  type GrantId, type ScoreLine, type SizeTier, type YearDataset,
} from '@/domain'

const line = (score: number | null, max: number | null, extra: Partial<ScoreLine> = {}): ScoreLine =>
  ({ items: null, max, score, prefAvg: null, natAvg: null, ...extra })

/**
 * A tiny dataset: totals for the given grants plus 推進 goal I with its two groups
 * (structure = score of goal I − 10, activity = 10) when a goal I score is given.
 */
function ds(code: string, prefecture: string, sizeTier: SizeTier | null, totals: Partial<Record<GrantId, number | null>>,
  opts: { fy?: number; goalI?: number | null } = {}): YearDataset {
  const grants: YearDataset['grants'] = {}
  for (const [grant, score] of Object.entries(totals) as [GrantId, number | null][]) {
    grants[grant] = {
      grant, total: line(score, 400), amountYen: null, prefRank: null, natRank: null,
      goals: grant === 'suishin' && opts.goalI !== undefined
        ? [{ goal: 'I', ...line(opts.goalI, 100), groups: [
            { kind: 'structure', ...line(opts.goalI === null ? null : opts.goalI - 10, 64) },
            { kind: 'activity', ...line(opts.goalI === null ? null : 10, 36) }] }]
        : [],
    }
  }
  return {
    municipality: { code, name: `市${code}`, prefecture }, fiscalYear: opts.fy ?? 2025,
    insuredCount: null, sizeTier, grants,
    source: { label: 'test', file: null, importedAt: null, example: false },
  }
}

describe('competitionRanks', () => {
  it.each([
    { values: [90, 80, 80, 70], ranks: [1, 2, 2, 4] },
    { values: [70, 80, 90, 80], ranks: [4, 2, 1, 2] },
    { values: [50, 50, 50], ranks: [1, 1, 1] },
    { values: [10, null, 30, null, 20], ranks: [3, null, 1, null, 2] },
    { values: [null, null], ranks: [null, null] },
    { values: [], ranks: [] },
    { values: [0.1 + 0.2, 0.3, 0.2], ranks: [1, 1, 3] },
  ])('$values → $ranks', ({ values, ranks }) => {
    expect(competitionRanks(values)).toEqual(ranks)
  })
})

describe('meanOf', () => {
  it('leaves missing values out of the mean and the count', () => {
    expect(meanOf([1, null, 2, 6])).toEqual({ mean: 3, count: 3 })
    expect(meanOf([null])).toEqual({ mean: null, count: 0 })
  })
})

describe('prefectures', () => {
  it('names the 47 by 都道府県番号 and back', () => {
    expect(prefectureName(1)).toBe('北海道')
    expect(prefectureName(4)).toBe('宮城県')
    expect(prefectureName(13)).toBe('東京都')
    expect(prefectureName(47)).toBe('沖縄県')
    expect(prefectureName(0)).toBeNull()
    expect(prefectureName(48)).toBeNull()
    expect(prefectureCode('宮城県')).toBe(4)
    expect(prefectureCode('宮城')).toBeNull()
  })
})

// 宮城: A 300, B 250, C 250, D missing · 岩手: E 250, F 200 (hand-checkable)
const pool = (): YearDataset[] => [
  ds('04001', '宮城県', 3, { suishin: 300, doryoku: 200 }, { goalI: 80 }),
  ds('04002', '宮城県', 3, { suishin: 250, doryoku: 260 }, { goalI: 60 }),
  ds('04003', '宮城県', 2, { suishin: 250, doryoku: null }, { goalI: 40 }),
  ds('04004', '宮城県', 2, { suishin: null }, { goalI: null }),
  ds('03001', '岩手県', 3, { suishin: 250, doryoku: 100 }, { goalI: 50 }),
  ds('03002', '岩手県', null, { suishin: 200, doryoku: 100 }, { goalI: 30 }),
]

describe('computeRanks', () => {
  it('ranks within the prefecture, nationally and within the size tier, missing totals unranked', () => {
    const r = computeRanks(pool(), 'suishin')
    expect(r.get('04001:2025')).toEqual({ prefRank: { rank: 1, of: 3 }, natRank: { rank: 1, of: 5 }, tierRank: { rank: 1, of: 3 } })
    expect(r.get('04002:2025')).toEqual({ prefRank: { rank: 2, of: 3 }, natRank: { rank: 2, of: 5 }, tierRank: { rank: 2, of: 3 } })
    expect(r.get('04003:2025')).toEqual({ prefRank: { rank: 2, of: 3 }, natRank: { rank: 2, of: 5 }, tierRank: { rank: 1, of: 1 } })
    expect(r.get('04004:2025')).toEqual({ prefRank: null, natRank: null, tierRank: null })
    expect(r.get('03001:2025')).toEqual({ prefRank: { rank: 1, of: 2 }, natRank: { rank: 2, of: 5 }, tierRank: { rank: 2, of: 3 } })
    expect(r.get('03002:2025')).toEqual({ prefRank: { rank: 2, of: 2 }, natRank: { rank: 5, of: 5 }, tierRank: null })
  })

  it('gives no rank to a municipality without the grant', () => {
    const r = computeRanks(pool(), 'doryoku')
    expect(r.get('04004:2025')).toEqual({ prefRank: null, natRank: null, tierRank: null })
    expect(r.get('04002:2025')?.natRank).toEqual({ rank: 1, of: 4 })
    expect(r.get('03001:2025')?.natRank).toEqual({ rank: 3, of: 4 })
    expect(r.get('03002:2025')?.natRank).toEqual({ rank: 3, of: 4 })
  })

  it('refuses datasets of more than one fiscal year', () => {
    expect(() => computeRanks([ds('04001', '宮城県', 3, { suishin: 1 }), ds('04001', '宮城県', 3, { suishin: 1 }, { fy: 2024 })], 'suishin'))
      .toThrow(RangeError)
  })
})

describe('prefecturalAverages', () => {
  it('is the unrounded mean over the prefecture’s municipalities that have the figure', () => {
    const avg = prefecturalAverages(pool())
    const miyagi = avg.get('宮城県')!
    expect(miyagi.get('suishin')).toEqual({ mean: 800 / 3, count: 3 })
    expect(miyagi.get('doryoku')).toEqual({ mean: 230, count: 2 })
    expect(miyagi.get('suishin/I')).toEqual({ mean: 60, count: 3 })
    expect(miyagi.get('suishin/I/structure')).toEqual({ mean: 50, count: 3 })
    expect(avg.get('岩手県')!.get('suishin')).toEqual({ mean: 225, count: 2 })
  })
})

describe('datasetLines', () => {
  it('lists totals, goals and groups with stable keys', () => {
    expect(datasetLines(pool()[0]!).map((l) => l.key)).toEqual(
      ['suishin', 'suishin/I', 'suishin/I/structure', 'suishin/I/activity', 'doryoku'])
  })
})

describe('withPeerFigures', () => {
  it('fills missing prefectural averages and ranks, and keeps published ones', () => {
    const input = pool()
    input[1]!.grants.suishin!.total.prefAvg = 123.4
    input[1]!.grants.suishin!.prefRank = { rank: 9, of: 35 }
    const out = withPeerFigures(input)
    expect(out[0]!.grants.suishin!.total.prefAvg).toBeCloseTo(266.6667, 4)
    expect(out[0]!.grants.suishin!.prefRank).toEqual({ rank: 1, of: 3 })
    expect(out[0]!.grants.suishin!.natRank).toEqual({ rank: 1, of: 5 })
    expect(out[0]!.grants.suishin!.goals[0]!.groups[1]!.prefAvg).toBe(10)
    expect(out[1]!.grants.suishin!.total.prefAvg).toBe(123.4)
    expect(out[1]!.grants.suishin!.prefRank).toEqual({ rank: 9, of: 35 })
    // the input is not changed
    expect(input[0]!.grants.suishin!.total.prefAvg).toBeNull()
  })

  it('replaces published figures with overwrite', () => {
    const input = pool()
    input[1]!.grants.suishin!.total.prefAvg = 123.4
    const out = withPeerFigures(input, { overwrite: true })
    expect(out[1]!.grants.suishin!.total.prefAvg).toBeCloseTo(266.6667, 4)
  })

  it('computes each fiscal year apart', () => {
    const out = withPeerFigures([ds('04001', '宮城県', 3, { suishin: 100 }), ds('04002', '宮城県', 3, { suishin: 200 }, { fy: 2024 })])
    expect(out.map((d) => d.grants.suishin!.prefRank)).toEqual([{ rank: 1, of: 1 }, { rank: 1, of: 1 }])
    expect(out.map((d) => d.grants.suishin!.total.prefAvg)).toEqual([100, 200])
  })
})

describe('peerTable', () => {
  it('compares the municipality with its prefecture and its size tier, by score rate', () => {
    const t = peerTable(pool(), '04002', 2025)!
    expect(t.municipality.code).toBe('04002')
    expect([t.prefCount, t.tierCount, t.nationCount]).toEqual([4, 3, 6])
    const total = t.rows.find((r) => r.key === 'suishin')!
    // own 250/400 = 62.5%; 宮城 (300, 250, 250)/3 /400 = 66.67%; tier 3 (300, 250, 250)/3 → 66.67%; all 250/400 = 62.5%
    expect(total.rate).toBe(62.5)
    expect(total.pref).toEqual({ meanRate: expect.closeTo(66.6667, 4), count: 3 })
    expect(total.tier).toEqual({ meanRate: expect.closeTo(66.6667, 4), count: 3 })
    expect(total.nation).toEqual({ meanRate: 62.5, count: 5 })
    expect(total.gapPrefRate).toBeCloseTo(-4.1667, 4)
    expect(total.gapNationRate).toBe(0)
    const structure = t.rows.find((r) => r.key === 'suishin/I/structure')!
    // own 50/64; 宮城 (70, 50, 30)/3 = 50 → 78.125%; tier 3 (70, 50, 40)/3 /64
    expect(structure.rate).toBe(78.125)
    expect(structure.pref.meanRate).toBe(78.125)
    expect(structure.tier.meanRate).toBeCloseTo((160 / 3 / 64) * 100, 10)
    expect(t.grants).toEqual([
      { grant: 'suishin', prefRank: { rank: 2, of: 3 }, natRank: { rank: 2, of: 5 }, tierRank: { rank: 2, of: 3 } },
      { grant: 'doryoku', prefRank: { rank: 1, of: 2 }, natRank: { rank: 1, of: 4 }, tierRank: { rank: 1, of: 3 } },
    ])
  })

  it('summarises every tier and prefecture present, in order', () => {
    const t = peerTable(pool(), '04002', 2025)!
    expect(t.tiers.map((x) => [x.tier, x.count, x.totals.suishin.meanRate])).toEqual([[2, 2, 62.5], [3, 3, expect.closeTo(66.6667, 4)]])
    expect(t.prefectures.map((x) => [x.prefecture, x.count, x.totals.suishin.meanRate, x.totals.doryoku.count]))
      .toEqual([['岩手県', 2, 56.25, 2], ['宮城県', 4, expect.closeTo(66.6667, 4), 2]])
  })

  it('has empty tier figures for a municipality without a size tier', () => {
    const t = peerTable(pool(), '03002', 2025)!
    expect(t.tierCount).toBe(0)
    expect(t.rows[0]!.tier).toEqual({ meanRate: null, count: 0 })
    expect(t.rows[0]!.gapTierRate).toBeNull()
  })

  it('is null for a municipality or year not loaded', () => {
    expect(peerTable(pool(), '99999', 2025)).toBeNull()
    expect(peerTable(pool(), '04001', 2024)).toBeNull()
  })
})

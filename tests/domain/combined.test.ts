import { describe, expect, it } from 'vitest'
import { combinedLine, combinedSummary, rankChangeSentence, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

function withCombined(natRank: number, previousRank: number | null): YearDataset {
  const ds = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
  ds.combined = { score: 512, max: 800, natAvg: 455.1, prefAvg: 430.25, natRank: { rank: natRank, of: 1741 }, prefRank: { rank: 4, of: 35 } }
  ds.previous = previousRank === null ? null : { total: 498, rank: previousRank }
  return ds
}

describe('推進・支援合計', () => {
  it('is absent for a dataset that carries none (the example)', () => {
    expect(combinedSummary(exampleDatasets()[0]!)).toBeNull()
  })

  it('gives the rate, the gaps and both ranks, in one line for the deck and 比較', () => {
    const s = combinedSummary(withCombined(120, 130))!
    expect(s.rate).toBe(64)
    expect(s.gapNatPoints).toBeCloseTo(56.9, 9)
    expect(combinedLine(s)).toBe('推進・支援合計 512点／800点（64.0%）・全国平均 455.1点（差 +56.9点）・全国 120位／1741・県内 4位／35')
  })

  it('says how the national rank moved since the previous year', () => {
    expect(rankChangeSentence(combinedSummary(withCombined(120, 130))!)).toBe('前年度（令和6年度）の全国130位から10位上がりました')
    expect(rankChangeSentence(combinedSummary(withCombined(140, 130))!)).toBe('前年度（令和6年度）の全国130位から10位下がりました')
    expect(rankChangeSentence(combinedSummary(withCombined(130, 130))!)).toBe('前年度（令和6年度）と同じ全国130位です')
    expect(rankChangeSentence(combinedSummary(withCombined(130, null))!)).toBeNull()
  })
})

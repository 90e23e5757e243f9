import { describe, expect, it } from 'vitest'
import { formatAverage, formatBytes, formatFiscalYear, formatManYen, formatPoints, formatRank, formatRate, formatSigned, formatYen, roundHalfAway } from '@/domain'

describe('formatting', () => {
  it.each([
    [2025, '令和7年度 (2025)'],
    [2019, '令和元年度 (2019)'],
    [2018, '平成30年度 (2018)'],
  ])('fiscal year %i → %s', (fy, text) => {
    expect(formatFiscalYear(fy)).toBe(text)
  })

  it('fiscal year without the Western year', () => {
    expect(formatFiscalYear(2023, { western: false })).toBe('令和5年度')
  })

  it('yen', () => {
    expect(formatYen(7081000)).toBe('7,081,000円')
    expect(formatManYen(7081000)).toBe('708.1万円')
    expect(formatManYen(11350000)).toBe('1,135万円')
    expect(formatManYen(9.5e9)).toBe('95.0億円')
    expect(formatYen(null)).toBe('—')
  })

  it('signed gaps use a typographic minus and one decimal', () => {
    expect(formatSigned(18.5)).toBe('+18.5')
    expect(formatSigned(-26.5)).toBe('−26.5')
    expect(formatSigned(-30.15625)).toBe('−30.2')
    expect(formatSigned(0.04)).toBe('±0.0')
    expect(formatSigned(null)).toBe('—')
    expect(formatSigned(-2.8, '点')).toBe('−2.8点')
  })

  it('rates and points', () => {
    expect(formatRate(61.5)).toBe('61.5%')
    expect(formatRate(21.875)).toBe('21.9%')
    expect(formatRate(null)).toBe('—')
    expect(formatPoints(246)).toBe('246')
    expect(formatPoints(207.7)).toBe('207.7')
    expect(formatPoints(null)).toBe('—')
    expect(formatAverage(54)).toBe('54.0')
    expect(formatAverage(207.66)).toBe('207.7')
  })

  it('ranks', () => {
    expect(formatRank({ rank: 4, of: 35 })).toBe('4位／35')
    expect(formatRank(null)).toBe('—')
  })

  it('rounds half away from zero despite binary error', () => {
    expect(roundHalfAway(0.15)).toBe(0.2)
    expect(roundHalfAway(-0.15)).toBe(-0.2)
    expect(roundHalfAway(1.005, 2)).toBe(1.01)
    expect(roundHalfAway(52.03125)).toBe(52.0)
  })
})

describe('formatBytes', () => {
  it('shows a browser quota in whole GB and small usage in KB or MB, never 10240.1MB', () => {
    expect(formatBytes(10737418240 + 104857)).toBe('10GB')
    expect(formatBytes(3.44 * 1024 * 1024)).toBe('3.4MB')
    expect(formatBytes(120 * 1024)).toBe('120KB')
    expect(formatBytes(10)).toBe('1KB')
    expect(formatBytes(null)).toBe('—')
  })
})

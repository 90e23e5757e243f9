/**
 * 推進・支援合計 (800 points): the one figure people quote from a national workbook, with its
 * national rank (今年度順位) and its rank in the prefecture, beside the previous year's.
 */
import { formatAverage, formatFiscalYear, formatPoints, formatRank, formatRate, formatSigned } from './format'
import { ratePercent, sub } from './numbers'
import type { Rank, YearDataset } from './types'

export interface CombinedSummary {
  score: number | null
  max: number | null
  rate: number | null
  natAvg: number | null
  gapNatPoints: number | null
  prefAvg: number | null
  gapPrefPoints: number | null
  natRank: Rank | null
  prefRank: Rank | null
  previous: { fiscalYear: number; total: number | null; rank: number | null; change: number | null } | null
}

/** Null for datasets that carry no combined figure (a municipality's own report, the example). */
export function combinedSummary(ds: YearDataset): CombinedSummary | null {
  const c = ds.combined
  if (!c) return null
  const prev = ds.previous ?? null
  return {
    score: c.score, max: c.max, rate: ratePercent(c.score, c.max),
    natAvg: c.natAvg, gapNatPoints: sub(c.score, c.natAvg), prefAvg: c.prefAvg, gapPrefPoints: sub(c.score, c.prefAvg),
    natRank: c.natRank, prefRank: c.prefRank,
    // the previous year's total is on its own scale (令和5年度: 2,185 points), so only its rank compares
    previous: prev ? { fiscalYear: ds.fiscalYear - 1, total: prev.total, rank: prev.rank, change: prev.rank === null || c.natRank === null ? null : prev.rank - c.natRank.rank } : null,
  }
}

/** 「推進・支援合計 512点／800点（64.0%）・全国平均 455.1点・全国 120位／1741・県内 4位／35」 */
export function combinedLine(s: CombinedSummary): string {
  const parts = [`推進・支援合計 ${formatPoints(s.score)}点／${formatPoints(s.max)}点（${formatRate(s.rate)}）`]
  if (s.natAvg !== null) parts.push(`全国平均 ${formatAverage(s.natAvg)}点（差 ${formatSigned(s.gapNatPoints)}点）`)
  parts.push(`全国 ${formatRank(s.natRank)}`, `県内 ${formatRank(s.prefRank)}`)
  return parts.join('・')
}

/** 「前年度（令和7年度）の全国順位 130位から10位上がりました」, or null without a previous rank. */
export function rankChangeSentence(s: CombinedSummary): string | null {
  const p = s.previous
  if (!p || p.rank === null || s.natRank === null || p.change === null) return null
  const year = formatFiscalYear(p.fiscalYear, { western: false })
  if (p.change === 0) return `前年度（${year}）と同じ全国${p.rank}位です`
  return `前年度（${year}）の全国${p.rank}位から${Math.abs(p.change)}位${p.change > 0 ? '上がりました' : '下がりました'}`
}

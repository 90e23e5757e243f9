/**
 * The national statistics rows of the workbook (配点, 全国合計, 平均点, 項目平均, 平均得点率, 中央値,
 * 標準偏差, 該当市町村数, 該当率), computed over municipalities only (union rows have no scores).
 *
 * Assumptions where the layout document is silent:
 *   - 項目平均 = 全国合計 ÷ 該当市町村数 (the mean among municipalities that scored);
 *   - 平均得点率 and 該当率 are fractions (0.563, not 56.3), as a cell formatted as % holds them;
 *   - 標準偏差 is the population standard deviation (Excel's STDEV.P);
 *   - subtotal and total columns leave 項目平均 and 該当市町村数 blank (as documented) but keep 該当率.
 * Values are unrounded doubles: the cells hold exactly these numbers.
 */
export const STATISTICS = ['配点', '全国合計', '平均点', '項目平均', '平均得点率', '中央値', '標準偏差', '該当市町村数', '該当率'] as const
export type StatisticLabel = (typeof STATISTICS)[number]

export interface ColumnStatistics {
  /** 配点 */
  max: number
  /** 全国合計 */
  sum: number
  /** 平均点 */
  mean: number
  /** 項目平均 (null in subtotal columns) */
  itemMean: number | null
  /** 平均得点率 = mean ÷ max */
  meanRate: number
  /** 中央値 */
  median: number
  /** 標準偏差 (population) */
  stdDev: number
  /** 該当市町村数: municipalities scoring more than 0 (null in subtotal columns) */
  count: number | null
  /** 該当率 = municipalities scoring more than 0 ÷ municipalities */
  share: number
}

export function columnStatistics(values: readonly number[], max: number, subtotal: boolean): ColumnStatistics {
  const n = values.length
  const sum = values.reduce((a, b) => a + b, 0)
  const mean = n ? sum / n : 0
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(n / 2)
  const median = n === 0 ? 0 : n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  const stdDev = n ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / n) : 0
  const scoring = values.filter((v) => v > 0).length
  return {
    max, sum, mean, itemMean: subtotal ? null : (scoring ? sum / scoring : 0), meanRate: max ? mean / max : 0,
    median, stdDev, count: subtotal ? null : scoring, share: n ? scoring / n : 0,
  }
}

/** The value a statistics row holds for a column. */
export function statisticValue(s: ColumnStatistics, label: StatisticLabel): number | null {
  switch (label) {
    case '配点': return s.max
    case '全国合計': return s.sum
    case '平均点': return s.mean
    case '項目平均': return s.itemMean
    case '平均得点率': return s.meanRate
    case '中央値': return s.median
    case '標準偏差': return s.stdDev
    case '該当市町村数': return s.count
    case '該当率': return s.share
  }
}

/**
 * Headings and column labels of the report, shared by the screen, the print layout and the Word
 * file so the three say the same thing in the same order.
 */
import type { EvaluationRow } from './evaluationTable'
import type { ReportDocument } from './reportDraft'

/** Column labels of the 評価結果 table, as the published table names them. */
export const EVALUATION_HEADER = {
  label: '評価指標内容',
  items: '評価項目',
  max: '配点',
  score: '得点',
  rate: '得点率',
  prefAvg: '県平均点',
  natAvg: '国平均点',
} as const

/** The 12 figures of a row in column order: 推進 (項目, 配点, 得点, 得点率, 県平均, 国平均), then 努力. */
export function evaluationFigures(row: EvaluationRow): string[] {
  return (['suishin', 'doryoku'] as const).flatMap((g) => {
    const c = row.cells[g]
    return [c.items, c.max, c.score, c.rate, c.prefAvg, c.natAvg]
  })
}

export interface ReportHeadings {
  purpose: string
  overview: string
  examples: string
  results: string
  tableCaption: string
  amounts: string
  analysis: string
  direction: string
}

export function reportHeadings(report: Pick<ReportDocument, 'table'>): ReportHeadings {
  return {
    purpose: '1　報告趣旨',
    overview: '2　制度の概要',
    examples: '（1）評価指標の例',
    results: '3　評価結果',
    tableCaption: `保険者機能強化推進交付金・介護保険保険者努力支援交付金評価結果（${report.table.yearLabel}）`,
    amounts: '交付金額／県内順位',
    analysis: '4　分析',
    direction: '5　今後の方向性',
  }
}

/**
 * Stage 3: what every row below the header is. A municipality row has a numeric 通し番号 and a
 * numeric total. A 広域連合 row has a 保険者番号 and no scores: it is not a municipality, and
 * the rows that follow it with scores and no 保険者番号 are its member municipalities. Statistics
 * rows (配点 … 該当率) have no 通し番号; one 標準偏差 row can also trail the data.
 */
import { cellText } from '../longFormat'
import type { Cell, Grid } from '../types'
import type { LabelledColumn } from './columnRoles'
import type { StatKind } from './headerWords'
import { statLabelColumns, statLabelIn, type HeaderBlock } from './locateHeader'

export interface UnionRow { row: number; name: string; insurerCell: Cell }

export interface RowPlan {
  /** 0-based row of each national statistics row above the data */
  stats: Map<StatKind, number>
  municipalities: { row: number; union: UnionRow | null }[]
  unions: UnionRow[]
  /** statistics rows after the data (標準偏差): not municipalities */
  trailingStats: number[]
  /** rows with a 通し番号 and a name but no score at all, and not a union (no 保険者番号) */
  noScores: number[]
}

const hasText = (c: Cell | undefined): boolean => c !== null && c !== undefined && cellText(c) !== ''
const isNumber = (c: Cell | undefined): boolean => typeof c === 'number' || /^\d+(\.\d+)?$/.test(cellText(c))

/** The columns whose being numeric makes a row a scored one: grant totals and 推進・支援合計. */
export function totalColumns(columns: readonly LabelledColumn[]): number[] {
  const totals = columns.filter((c) => c.role.kind === 'combined' || (c.role.kind === 'total' && c.role.line.goal === null))
  if (totals.length) return totals.map((c) => c.index)
  return columns.filter((c) => c.role.kind === 'total' || c.role.kind === 'item').map((c) => c.index)
}

export function classifyRows(grid: Grid, block: HeaderBlock, columns: readonly LabelledColumn[]): RowPlan {
  const plan: RowPlan = { stats: new Map(), municipalities: [], unions: [], trailingStats: [], noScores: [] }
  const { serial, name, insurerNo } = block.ids
  const labelCols = statLabelColumns(block.ids)
  const totals = totalColumns(columns)
  let union: UnionRow | null = null
  for (let r = block.end; r < grid.length; r++) {
    const row = grid[r]
    if (!row || !row.some(hasText)) continue
    const numbered = serial === undefined ? hasText(row[name ?? -1]) : isNumber(row[serial])
    if (!numbered) {
      const stat = statLabelIn(row, labelCols)
      if (stat && plan.municipalities.length === 0) { if (!plan.stats.has(stat)) plan.stats.set(stat, r) }
      else if (stat) plan.trailingStats.push(r)
      continue
    }
    const scored = totals.some((c) => isNumber(row[c]))
    const insurer = insurerNo === undefined ? null : row[insurerNo]
    if (!scored && hasText(insurer)) {
      union = { row: r, name: cellText(row[name ?? -1]), insurerCell: insurer ?? null }
      plan.unions.push(union)
    } else if (!scored) {
      plan.noScores.push(r)
    } else {
      if (hasText(insurer)) union = null
      plan.municipalities.push({ row: r, union })
    }
  }
  return plan
}

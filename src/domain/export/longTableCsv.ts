/**
 * The long format written back out (src/domain/import/longFormat.ts reads it): the
 * downloadable template is the example's data in this shape, and any loaded data can be
 * exported the same way. Reading the output gives equal datasets (published totals such as
 * the 216.7 that differs from its goal sum survive, because totals are rows of their own).
 */
import { GRANT_NAMES, GROUP_LABELS } from '../catalogue/grantCatalogue'
import { LONG_COLUMNS, type LongField } from '../import/longFormat'
import type { Cell, Grid } from '../import/types'
import { GRANT_IDS, type GrantResult, type ScoreLine, type YearDataset } from '../types'
import { toCsv } from './csvWriter'

/** The columns written, in order (実施年度 is an input alternative only). */
export const LONG_TABLE_FIELDS: readonly LongField[] = LONG_COLUMNS.filter((c) => c.field !== 'workYear').map((c) => c.field)

/** 指標群 values for the grant total and the goal's own row. */
export const TOTAL_ROW_LABEL = '合計'
export const GOAL_ROW_LABEL = '目標計'

type RowValues = Partial<Record<LongField, Cell>>

function lineValues(line: ScoreLine): RowValues {
  return { items: line.items, max: line.max, score: line.score, prefAvg: line.prefAvg, natAvg: line.natAvg }
}

function grantRows(ds: YearDataset, result: GrantResult): RowValues[] {
  const base: RowValues = {
    code: ds.municipality.code, name: ds.municipality.name, prefecture: ds.municipality.prefecture,
    fiscalYear: ds.fiscalYear, grant: GRANT_NAMES[result.grant].shortName,
  }
  // Per-grant and per-dataset figures go on the 合計 row only, so that summing a column
  // in a spreadsheet never adds up one amount several times.
  const rows: RowValues[] = [{
    ...base, goal: null, group: TOTAL_ROW_LABEL, ...lineValues(result.total),
    amountYen: result.amountYen,
    prefRank: result.prefRank?.rank ?? null, prefRankOf: result.prefRank?.of ?? null,
    natRank: result.natRank?.rank ?? null, natRankOf: result.natRank?.of ?? null,
    insuredCount: ds.insuredCount, sizeTier: ds.sizeTier, source: ds.source.label,
  }]
  for (const goal of result.goals) {
    rows.push({ ...base, goal: goal.goal, group: GOAL_ROW_LABEL, ...lineValues(goal) })
    for (const group of goal.groups) {
      rows.push({ ...base, goal: goal.goal, group: GROUP_LABELS[group.kind].label, ...lineValues(group) })
    }
  }
  return rows
}

/** Header row and one row per grant total, goal and group of every dataset, as typed cells. */
export function longTableGrid(datasets: readonly YearDataset[]): Grid {
  const header: Cell[] = LONG_TABLE_FIELDS.map((f) => LONG_COLUMNS.find((c) => c.field === f)?.header ?? f)
  const rows = datasets.flatMap((ds) => GRANT_IDS.flatMap((g) => {
    const result = ds.grants[g]
    return result ? grantRows(ds, result) : []
  }))
  return [header, ...rows.map((r) => LONG_TABLE_FIELDS.map((f) => r[f] ?? null))]
}

/** The long format as CSV for Excel (UTF-8 with BOM, CRLF). */
export function longTableCsv(datasets: readonly YearDataset[]): string {
  return toCsv(longTableGrid(datasets))
}

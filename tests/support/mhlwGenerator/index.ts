/**
 * A generator of MHLW's national result workbooks 「（掲載用）令和N年度評価結果（市町村分）」, written
 * from /work/shared/mhlw-workbooks.md alone (independently of the importer), for FY2024–FY2026 and
 * an invented FY2027, small (32 municipalities) or full size (1,741 municipalities, 38 unions,
 * about 1,563 columns in FY2026/2027), with the ground truth a test compares an import against.
 *
 *   const wb = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 1 })
 *   wb.sheet.rows, wb.sheet.merges, wb.truth.municipalities, wb.toXlsx()
 *
 * Deterministic: the same options give the same cells, truth and bytes. The years of one seed and
 * size agree with each other: FY2026's 「R7評価指標合計得点」 is FY2025's 推進・支援合計, and so on.
 * Files: items.ts (items and ids per year), layout.ts (header block per year), municipalities.ts,
 * scores.ts, statistics.ts, amounts.ts (FY2024), truth.ts, sheet.ts (writer), xlsx.ts.
 */
import { grantsOf, type FiscalYear } from './items'
import { buildLayout } from './layout'
import { buildRoster, type Size } from './municipalities'
import { scoreYearWithPrevious } from './scores'
import { DATA_SHEET_NAME, writeDataSheet, writePrefectureSheet } from './sheet'
import { itemStatisticsOf, itemTruths, rowsTruth, statisticsOf } from './truth'
import type { GeneratedWorkbook, GenerateOptions, MhlwTruth } from './types'
import { columnLetter, workbookBytes } from './xlsx'

export type { GeneratedWorkbook, GenerateOptions, MhlwTruth, MunicipalityTruth, UnionTruth, ItemTruth, GeneratedSheet } from './types'
export type { FiscalYear, GrantId, GoalId } from './items'
export type { Size } from './municipalities'
export type { ColumnStatistics } from './statistics'
export type { Column } from './layout'
export { competitionRanks } from './scores'
export { DATA_SHEET_NAME }

/** R8's file has about 1,563 columns; the small files keep a few unknown columns so that they are met too */
export const FULL_COLUMN_COUNT = 1563
const SMALL_EXTRA_COLUMNS = 8

function extraColumns(year: FiscalYear, size: Size, known: number): number {
  if (year < 2026) return 0
  const full = size === 'full' || (typeof size === 'number' && size >= 1741)
  return full ? FULL_COLUMN_COUNT - known : SMALL_EXTRA_COLUMNS
}

export function generateMhlwWorkbook({ fiscalYear: year, size, seed = 1 }: GenerateOptions): GeneratedWorkbook {
  const grants = grantsOf(year)
  const roster = buildRoster(size, seed)
  const { current, previous } = scoreYearWithPrevious(year, roster.municipalities, seed)
  const known = buildLayout({ year, grants, extraColumns: 0 }).columns.length
  const layout = buildLayout({ year, grants, extraColumns: extraColumns(year, size, known) })
  const rows = rowsTruth(roster, year, layout.headerRows + 1, current, previous, seed)
  const statistics = statisticsOf(layout.columns, rows.municipalities)
  const sheet = writeDataSheet(layout, rows, statistics)
  const sheets = [sheet, writePrefectureSheet(rows.municipalities)]
  const items = itemTruths(grants)
  const lastDataRow = layout.headerRows + roster.rows.length
  const truth: MhlwTruth = {
    fiscalYear: year,
    reiwa: year - 2018,
    sheetName: DATA_SHEET_NAME,
    headerRows: layout.headerRows,
    firstDataRow: layout.headerRows + 1,
    lastDataRow,
    trailingStdDevRow: lastDataRow + 1,
    statisticsRows: Object.fromEntries(layout.statistics.map((label, k) => [label, layout.statisticsStart + k + 1])),
    items,
    groups: grants.flatMap((g) => g.goals.flatMap((goal) => goal.groups.map((gr) => ({ id: gr.id, grant: gr.grant, goal: gr.goal, kind: gr.kind, max: gr.max })))),
    goals: grants.flatMap((g) => g.goals.map((goal) => ({ id: goal.id, grant: goal.grant, goal: goal.goal, max: goal.max }))),
    grants: grants.map((g) => ({ id: g.id, name: g.name, max: g.max })),
    municipalities: rows.municipalities,
    unions: rows.unions,
    statistics,
    itemStatistics: itemStatisticsOf(items, rows.municipalities),
    columns: layout.columns.map((column, index) => ({ index, letter: columnLetter(index), column })),
    knownColumnCount: known,
    extraColumnCount: layout.columns.length - known,
  }
  return { sheet, sheets, truth, toXlsx: () => workbookBytes(sheets) }
}

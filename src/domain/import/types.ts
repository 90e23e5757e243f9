/**
 * What every importer returns: datasets in domain types, or issues that say what and where
 * (file, row, column) in Japanese. Nothing downstream re-checks the shape.
 */
import type { Population } from '../population'
import type { YearDataset } from '../types'

/** A spreadsheet or CSV cell as read: text, a number, or empty. */
export type Cell = string | number | null

/** A sheet or CSV as rows of cells; row 0 is the file's first line. */
export type Grid = Cell[][]

export type ImportFormat = 'csv-long' | 'xlsx-long' | 'mhlw-xlsx' | 'backup-json'

export interface ImportIssue {
  severity: 'error' | 'warning'
  file: string
  /** 1-based row as a spreadsheet shows it; null when the issue concerns the whole file */
  row: number | null
  /** the column's header text (or letter when there is no header); null when not tied to a column */
  column: string | null
  /** Japanese, e.g. 「3行目 得点: 配点64を超えています（70）」 */
  message: string
}

export interface ParsedImport {
  format: ImportFormat
  file: string
  datasets: YearDataset[]
  issues: ImportIssue[]
  /** data rows read (not counting headers and statistics rows) */
  rowCount: number
  /** a national workbook's municipalities and statistics: the population of its year */
  population?: Population | null
  /** what the reader did beyond the issues (unions left out, columns ignored…), shown in the preview */
  notes?: string[]
}

export function hasErrors(p: Pick<ParsedImport, 'issues'>): boolean {
  return p.issues.some((i) => i.severity === 'error')
}

/** 「3行目 得点: …」, 「2行目: …」 or just the text when no row applies. */
export function locate(row: number | null, column: string | null, text: string): string {
  const where = [row === null ? null : `${row}行目`, column].filter((x) => x !== null).join(' ')
  return where ? `${where}: ${text}` : text
}

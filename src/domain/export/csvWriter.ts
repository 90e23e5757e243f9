/**
 * CSV writing for Excel: UTF-8 with BOM (so that Japanese Excel does not read it as
 * Shift_JIS), CRLF line ends, RFC 4180 quoting. Text that a spreadsheet would run as a
 * formula (= + - @, tab, CR at the start) gets a leading apostrophe. Numbers are written as
 * numbers with an ASCII minus and are never touched: the type of the cell decides, so a
 * negative gap stays a number while a text 「-1」 is neutralised.
 */
import type { Cell, Grid } from '../import/types'

export const UTF8_BOM = '\uFEFF'
export const CRLF = '\r\n'

/** Text that Excel, LibreOffice or Google Sheets would evaluate. */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text)
}

/** 'xxx for formula-like text; other text unchanged. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text
}

/** A finite number as plain decimal text (no exponent for the figures we write), or '' for non-finite. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return ''
  if (Object.is(n, -0)) return '0'
  const s = String(n)
  if (!/e/i.test(s)) return s
  // exponent notation (|n| ≥ 1e21 or < 1e-6): a spreadsheet would read it, but write digits
  return Number.isInteger(n) ? BigInt(n).toString() : n.toFixed(20).replace(/\.?0+$/, '')
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One cell: null → empty, number → number text, string → neutralised and quoted when needed. */
export function csvCell(cell: Cell): string {
  if (cell === null) return ''
  if (typeof cell === 'number') return numberText(cell)
  return quote(neutraliseText(cell))
}

/** The grid as CSV text: BOM (default on) and CRLF after every record. */
export function toCsv(grid: Grid, opts: { bom?: boolean } = {}): string {
  const body = grid.map((row) => row.map(csvCell).join(',')).join(CRLF)
  return `${opts.bom === false ? '' : UTF8_BOM}${body}${grid.length > 0 ? CRLF : ''}`
}

/**
 * The only module that touches the spreadsheet library: turns an .xlsx File/Blob/ArrayBuffer
 * into one Grid per sheet. Everything after that is pure grid logic in src/domain/import.
 *
 * read-excel-file (~19 KB gzip with its unzipper) is loaded with a dynamic import on first use,
 * so it never lands in the initial bundle, even when this module is imported statically.
 * Callers should still import this module lazily (`await import('@/import/readXlsx')`).
 */
import type { SheetGrid } from '@/domain/import/xlsx'
import type { Cell, Grid, ParsedImport } from '@/domain/import/types'
import { parseXlsxWorkbook, type XlsxParseOptions } from '@/domain/import/xlsx'
import { loadCodeLookup } from './codeList'
import { readXlsxMerges } from './xlsxMerges'

export type XlsxInput = File | Blob | ArrayBuffer

/** Thrown when the bytes are not a readable .xlsx; the message is Japanese and shown as is. */
export class XlsxReadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'XlsxReadError'
  }
}

/** Cells as read-excel-file gives them: text, number, boolean, Date, or null. */
type RawCell = string | number | boolean | Date | null | undefined

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}

/** One cell to the Grid's text | number | null. Dates become ISO dates (UTC), booleans TRUE/FALSE. */
export function toCell(value: RawCell | unknown): Cell {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string') return value === '' ? null : value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`
  }
  return String(value)
}

function toGrid(rows: readonly (readonly unknown[])[]): Grid {
  return rows.map((row) => row.map((v) => toCell(v)))
}

async function toArrayBuffer(input: XlsxInput): Promise<ArrayBuffer> {
  if (input instanceof ArrayBuffer) return input
  return input.arrayBuffer()
}

/** Reading stages, for a progress bar that moves while the library works: each reports its end. */
export type XlsxStage = 'merges' | 'cells' | 'codes' | 'parsed'

/**
 * Every sheet of the workbook, in workbook order, as grids (row 0 = spreadsheet row 1), with
 * its merged ranges. Merged cells come out as Excel stores them: the value in the top-left cell,
 * null elsewhere.
 */
export async function readXlsxSheets(input: XlsxInput, onStage: (s: XlsxStage) => void = () => {}): Promise<SheetGrid[]> {
  const { default: readXlsxFile } = await import('read-excel-file/browser')
  // The reader rejects File/Blob objects from other realms; an ArrayBuffer always works.
  const buffer = await toArrayBuffer(input)
  // the library unzips in its own workers: read the merged ranges meanwhile (from a copy, in case
  // the library hands its buffer over to them)
  const reading = readXlsxFile(buffer.slice(0)).then((r) => ({ ok: true as const, r }), (e: unknown) => ({ ok: false as const, e }))
  const merges = readXlsxMerges(new Uint8Array(buffer))
  onStage('merges')
  let sheets: { sheet: string; data: unknown[][] }[]
  try {
    const read = await reading
    if (!read.ok) throw read.e
    sheets = read.r as unknown as { sheet: string; data: unknown[][] }[]
  } catch (e) {
    throw new XlsxReadError('Excelファイル（.xlsx）として読み込めませんでした。ファイルが壊れているか、.xls など別の形式の可能性があります。', { cause: e })
  }
  onStage('cells')
  return sheets.map((s) => ({ name: s.sheet, grid: toGrid(s.data), merges: merges.get(s.sheet) ?? [] }))
}

/**
 * Reads an .xlsx and parses it (long format or MHLW national result layout, decided by header
 * text). A file that cannot be read at all gives a ParsedImport with one error, not an exception.
 */
export async function importXlsx(input: XlsxInput, file: string, options: XlsxParseOptions = {}, onStage: (s: XlsxStage) => void = () => {}): Promise<ParsedImport> {
  let sheets: SheetGrid[]
  try {
    sheets = await readXlsxSheets(input, onStage)
  } catch (e) {
    const message = e instanceof XlsxReadError ? e.message : 'Excelファイル（.xlsx）の読み込み中にエラーが発生しました。'
    return { format: 'xlsx-long', file, datasets: [], rowCount: 0,
      issues: [{ severity: 'error', file, row: null, column: null, message }] }
  }
  const lookup = options.lookup ?? await loadCodeLookup()
  onStage('codes')
  const parsed = parseXlsxWorkbook(sheets, file, { ...options, lookup })
  onStage('parsed')
  return parsed
}

/** The generated workbook as .xlsx bytes, through the project's own minimal writer. */
import { buildXlsx, columnLetter, type SheetSpec } from '../buildXlsx'

export { columnLetter }
export type { SheetSpec }

export function workbookBytes(sheets: readonly SheetSpec[]): Uint8Array {
  return buildXlsx(sheets)
}

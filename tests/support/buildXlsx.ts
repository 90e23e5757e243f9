/**
 * Writes a real .xlsx (Office Open XML) from rows of cells, without any spreadsheet library:
 * a handful of XML parts zipped with fflate. Strings go to the shared-strings table (as Excel
 * writes them), merged ranges to <mergeCells>. Merged cells follow Excel's convention: the value
 * sits in the range's top-left cell and the other cells of the range are left empty.
 *
 * Deterministic: the zip entries carry a fixed timestamp, so the same input gives the same bytes.
 */
import { zipSync, strToU8 } from 'fflate'
import type { Cell } from '@/domain/import/types'
import { columnLetter } from '@/domain/import/mhlwWorkbook'

export interface SheetSpec {
  name: string
  rows: readonly (readonly Cell[])[]
  /** merged ranges in A1 notation, e.g. "D3:K3" */
  merges?: readonly string[]
}

const FIXED_MTIME = new Date(Date.UTC(2025, 3, 1, 0, 0, 0))

// the same letters the importer names columns by
export { columnLetter }

/** (row 0, col 0) → "A1" */
export function cellRef(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'

function sheetXml(spec: SheetSpec, sharedIndex: (s: string) => number): string {
  const rowsXml: string[] = []
  let maxCol = 0
  spec.rows.forEach((row, r) => {
    const cells: string[] = []
    row.forEach((value, c) => {
      if (value === null || value === '') return
      maxCol = Math.max(maxCol, c)
      const ref = cellRef(r, c)
      if (typeof value === 'number') cells.push(`<c r="${ref}"><v>${value}</v></c>`)
      else cells.push(`<c r="${ref}" t="s"><v>${sharedIndex(value)}</v></c>`)
    })
    if (cells.length) rowsXml.push(`<row r="${r + 1}">${cells.join('')}</row>`)
  })
  const dimension = `A1:${cellRef(Math.max(spec.rows.length - 1, 0), maxCol)}`
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : ''
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="${dimension}"/>`
    + `<sheetData>${rowsXml.join('')}</sheetData>${merges}</worksheet>`
}

/** The bytes of an .xlsx workbook with the given sheets, in order. */
export function buildXlsx(sheets: readonly SheetSpec[]): Uint8Array {
  const strings: string[] = []
  const index = new Map<string, number>()
  const sharedIndex = (s: string): number => {
    let i = index.get(s)
    if (i === undefined) {
      i = strings.length
      strings.push(s)
      index.set(s, i)
    }
    return i
  }
  const sheetParts = sheets.map((s) => sheetXml(s, sharedIndex))
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      + '<Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')
      + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '</Types>'),
    '_rels/.rels': strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
      + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
      + '</Relationships>'),
    'xl/workbook.xml': strToU8(`${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>`
      + sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
      + '</sheets></workbook>'),
    'xl/_rels/workbook.xml.rels': strToU8(`${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
      + sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')
      + `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
      + `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`
      + '</Relationships>'),
    'xl/styles.xml': strToU8(`${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">`
      + '<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts>'
      + '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
      + '<borders count="1"><border/></borders>'
      + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
      + '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
      + '</styleSheet>'),
  }
  sheetParts.forEach((xml, i) => { files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(xml) })
  files['xl/sharedStrings.xml'] = strToU8(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${strings.length}" uniqueCount="${strings.length}">`
    + strings.map((s) => `<si><t xml:space="preserve">${escapeXml(s)}</t></si>`).join('') + '</sst>')
  return zipSync(files, { level: 6, mtime: FIXED_MTIME })
}

/** A copy of the bytes as an ArrayBuffer (what File.arrayBuffer() gives). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength)
  copy.set(bytes)
  return copy.buffer
}

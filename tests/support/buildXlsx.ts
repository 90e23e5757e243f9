/**
 * Writes a real .xlsx (Office Open XML) from rows of cells, without any spreadsheet library:
 * a handful of XML parts zipped with fflate. Strings go to the shared-strings table (as Excel
 * writes them), merged ranges to <mergeCells>. Merged cells follow Excel's convention: the value
 * sits in the range's top-left cell and the other cells of the range are left empty.
 *
 * Deterministic: the zip entries carry a fixed timestamp, so the same input gives the same bytes.
 * Written for sheets of millions of cells too (the full-size national workbook): column letters
 * are cached and the XML is built in one pass.
 */
import { zipSync, strToU8 } from 'fflate'
import type { Cell } from '@/domain/import/types'

export interface SheetSpec {
  name: string
  rows: readonly (readonly Cell[])[]
  /** merged ranges in A1 notation, e.g. "D3:K3" */
  merges?: readonly string[]
  /**
   * number formats by 0-based column, applied to the numbers of that column, e.g. `000000` for a
   * code stored as a number whose leading zeros Excel shows but the cell does not hold
   */
  numberFormats?: ReadonlyMap<number, string>
}

const FIXED_MTIME = new Date(Date.UTC(2025, 3, 1, 0, 0, 0))

const letters: string[] = []
/** 0 → "A", 25 → "Z", 26 → "AA" (spreadsheet column letters) */
export function columnLetter(index: number): string {
  const cached = letters[index]
  if (cached !== undefined) return cached
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  letters[index] = s
  return s
}

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

function sheetXml(spec: SheetSpec, sharedIndex: (s: string) => number, styleOf: (col: number) => number): string {
  const parts: string[] = []
  let maxCol = 0
  spec.rows.forEach((row, r) => {
    // one string per row: millions of small parts would cost far more memory than the XML itself
    let xml = ''
    const rowNumber = r + 1
    for (let c = 0; c < row.length; c++) {
      const value = row[c]
      if (value === null || value === undefined || value === '') continue
      if (c > maxCol) maxCol = c
      const ref = `${columnLetter(c)}${rowNumber}`
      if (typeof value === 'number') {
        const style = styleOf(c)
        xml += style ? `<c r="${ref}" s="${style}"><v>${value}</v></c>` : `<c r="${ref}"><v>${value}</v></c>`
      } else xml += `<c r="${ref}" t="s"><v>${sharedIndex(value)}</v></c>`
    }
    if (xml) parts.push(`<row r="${rowNumber}">${xml}</row>`)
  })
  const dimension = `A1:${cellRef(Math.max(spec.rows.length - 1, 0), maxCol)}`
  const merges = spec.merges?.length
    ? `<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
    : ''
  return `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="${dimension}"/>`
    + `<sheetData>${parts.join('')}</sheetData>${merges}</worksheet>`
}

/** Custom number formats (ids from 164, as Excel numbers them) and one cell style per format. */
function stylesOf(sheets: readonly SheetSpec[]): { xml: string; styleOf: (sheet: number, col: number) => number } {
  const formats = [...new Set(sheets.flatMap((s) => [...(s.numberFormats?.values() ?? [])]))]
  const styleOf = (sheet: number, col: number): number => {
    const f = sheets[sheet]?.numberFormats?.get(col)
    return f === undefined ? 0 : formats.indexOf(f) + 1
  }
  const numFmts = formats.length
    ? `<numFmts count="${formats.length}">${formats.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeXml(f)}"/>`).join('')}</numFmts>`
    : ''
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    ...formats.map((_, i) => `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)]
  const xml = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">${numFmts}`
    + '<fonts count="1"><font><sz val="11"/><name val="游ゴシック"/></font></fonts>'
    + '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    + '<borders count="1"><border/></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
    + '</styleSheet>'
  return { xml, styleOf }
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
  const styles = stylesOf(sheets)
  const sheetParts = sheets.map((s, i) => sheetXml(s, sharedIndex, (col) => styles.styleOf(i, col)))
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
    'xl/styles.xml': strToU8(styles.xml),
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

/**
 * The spreadsheet reader end to end: real .xlsx bytes (written by tests/support/buildXlsx.ts,
 * with merged header cells) → src/import/readXlsx.ts → grids → the domain parsers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importXlsx, readXlsxSheets, toCell, XlsxReadError } from '@/import/readXlsx'
import { parseMhlwSheet, parseRange } from '@/domain/import/mhlw'
import { exampleDatasets } from '@/data/example'
import { longTableGrid } from '@/domain/export/longTableCsv'
import { buildXlsx, toArrayBuffer } from '../support/buildXlsx'
import { generateMhlwWorkbook } from '../support/mhlwGenerator'
import { realCodeLookup as lookup } from '../support/codeLookup'

describe('readXlsxSheets', () => {
  const bytes = buildXlsx([
    { name: '一枚目', rows: [['見出し', null, 'A & B <c> "d"'], [1, 2.5, null], [null, null, null], ['日本語', -3, '０４２１２']], merges: ['A1:B1', 'A2:A3'] },
    { name: 'Sheet2', rows: [[null, 'x']] },
  ])

  it('gives one grid per sheet, in order, with text, numbers and empty cells', async () => {
    const sheets = await readXlsxSheets(toArrayBuffer(bytes))
    expect(sheets).toEqual([
      { name: '一枚目', grid: [['見出し', null, 'A & B <c> "d"'], [1, 2.5, null], [null, null, null], ['日本語', -3, '０４２１２']],
        merges: [{ r0: 0, c0: 0, r1: 0, c1: 1 }, { r0: 1, c0: 0, r1: 2, c1: 0 }] },
      { name: 'Sheet2', grid: [[null, 'x']], merges: [] },
    ])
  })

  it('leaves merged cells as Excel stores them: the value in the first cell, null in the rest', async () => {
    const [first] = await readXlsxSheets(toArrayBuffer(bytes))
    expect(first!.grid[0]!.slice(0, 2)).toEqual(['見出し', null])
    expect(first!.grid[2]![0]).toBeNull()
  })

  it('reads a File as well as an ArrayBuffer', async () => {
    const file = new File([toArrayBuffer(bytes)], 'book.xlsx', { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    expect((await readXlsxSheets(file)).map((s) => s.name)).toEqual(['一枚目', 'Sheet2'])
  })

  it('refuses bytes that are not an .xlsx with a Japanese message', async () => {
    const junk = new TextEncoder().encode('保険者番号,市町村名\n042127,登米市\n')
    await expect(readXlsxSheets(toArrayBuffer(junk))).rejects.toBeInstanceOf(XlsxReadError)
    await expect(readXlsxSheets(toArrayBuffer(junk))).rejects.toThrow('Excelファイル（.xlsx）として読み込めませんでした。ファイルが壊れているか、.xls など別の形式の可能性があります。')
  })
})

describe('toCell', () => {
  it.each([
    [null, null], [undefined, null], ['', null], ['abc', 'abc'], [12.5, 12.5], [Number.NaN, null],
    [true, 'TRUE'], [false, 'FALSE'], [new Date(Date.UTC(2025, 3, 1)), '2025-04-01'], [new Date(Number.NaN), null],
  ])('%s → %s', (input, cell) => {
    expect(toCell(input)).toEqual(cell)
  })
})

describe('importXlsx: the MHLW national workbook end to end', () => {
  const wb = generateMhlwWorkbook({ fiscalYear: 2025, size: 'small', seed: 11 })
  const bytes = wb.toXlsx()
  const file = '（掲載用）令和7年度評価結果（市町村分）.xlsx'

  it('reads the merged ranges and the numeric 保険者番号 from the file, giving what the grid gives', async () => {
    const sheets = await readXlsxSheets(toArrayBuffer(bytes))
    expect(sheets[0]!.merges).toEqual(wb.sheet.merges.map((m) => parseRange(m)))
    const p = await importXlsx(toArrayBuffer(bytes), file, { lookup })
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.datasets).toHaveLength(wb.truth.municipalities.length)
    const direct = parseMhlwSheet({ name: wb.sheet.name, grid: wb.sheet.rows, merges: wb.sheet.merges.map((m) => parseRange(m)!) }, file, { lookup })
    expect(p.datasets).toEqual(direct.datasets)
  })

  it('looks codes up from the official list when no lookup is passed in', async () => {
    const p = await importXlsx(toArrayBuffer(bytes), file)
    expect(p.datasets.map((d) => d.municipality.code).sort()).toEqual(wb.truth.municipalities.map((m) => m.code5).sort())
  })

  it('reports a score above its 配点 with its row and the column\'s header texts and letter', async () => {
    const col = wb.truth.columns.find((c) => c.column.kind === 'group' && 'id' in c.column && c.column.id === 'doryoku.II.activity')!
    const target = wb.truth.municipalities[3]!
    const rows = wb.sheet.rows.map((r) => r.slice())
    rows[target.row - 1]![col.index] = 40
    const p = await importXlsx(toArrayBuffer(buildXlsx([{ ...wb.sheet, rows }])), file, { lookup })
    expect(p.datasets).toEqual([])
    const errors = p.issues.filter((i) => i.severity === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]!.row).toBe(target.row)
    expect(errors[0]!.column).toBe(`介護保険保険者努力支援交付金 / 目標Ⅱ 認知症総合支援を推進する / Ⅱ（ⅱ）計（${col.letter}列）`)
    expect(errors[0]!.message).toBe(`${target.row}行目 ${errors[0]!.column}: 配点36を超えています（40）`)
  })

  it('turns an unreadable file into an import error, not an exception', async () => {
    const p = await importXlsx(toArrayBuffer(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), 'broken.xlsx')
    expect(p).toEqual({ format: 'xlsx-long', file: 'broken.xlsx', datasets: [], rowCount: 0, issues: [{ severity: 'error', file: 'broken.xlsx', row: null, column: null,
      message: 'Excelファイル（.xlsx）として読み込めませんでした。ファイルが壊れているか、.xls など別の形式の可能性があります。' }] })
  })
})

describe('importXlsx: the long format end to end', () => {
  it('reads the long format written as a workbook (the same columns as the CSV)', async () => {
    const example = exampleDatasets()
    const bytes = buildXlsx([{ name: '評価結果', rows: longTableGrid(example) }])
    const p = await importXlsx(toArrayBuffer(bytes), 'tome.xlsx')
    expect(p.format).toBe('xlsx-long')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.datasets.map((d) => d.grants)).toEqual(example.map((d) => d.grants))
  })
})

describe('the spreadsheet library stays lazy and in one module', () => {
  const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|vue)$/.test(e.name) ? [join(dir, e.name)] : []))

  it('is imported only by src/import/readXlsx.ts, and only dynamically', () => {
    const importers = files('src').filter((f) => readFileSync(f, 'utf8').includes('read-excel-file'))
    expect(importers).toEqual([join('src', 'import', 'readXlsx.ts')])
    const source = readFileSync(join('src', 'import', 'readXlsx.ts'), 'utf8')
    expect(source).not.toMatch(/^import[^\n]*read-excel-file/m)
    expect(source).toContain("await import('read-excel-file/browser')")
  })
})

/**
 * The spreadsheet reader end to end: real .xlsx bytes (written by tests/support/buildXlsx.ts,
 * with merged header cells) → src/import/readXlsx.ts → grids → the domain parsers.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importXlsx, readXlsxSheets, toCell, XlsxReadError } from '@/import/readXlsx'
import { parseMhlwWorkbook } from '@/domain/import/mhlwWorkbook'
import { exampleDatasets } from '@/data/example'
import { longTableGrid } from '@/domain/export/longTableCsv'
import { buildXlsx, toArrayBuffer } from '../support/buildXlsx'
import { buildMhlwSheet, POOL } from '../support/mhlwSheet'

describe('readXlsxSheets', () => {
  const bytes = buildXlsx([
    { name: '一枚目', rows: [['見出し', null, 'A & B <c> "d"'], [1, 2.5, null], [null, null, null], ['日本語', -3, '０４２１２']], merges: ['A1:B1', 'A2:A3'] },
    { name: 'Sheet2', rows: [[null, 'x']] },
  ])

  it('gives one grid per sheet, in order, with text, numbers and empty cells', async () => {
    const sheets = await readXlsxSheets(toArrayBuffer(bytes))
    expect(sheets).toEqual([
      { name: '一枚目', grid: [['見出し', null, 'A & B <c> "d"'], [1, 2.5, null], [null, null, null], ['日本語', -3, '０４２１２']] },
      { name: 'Sheet2', grid: [[null, 'x']] },
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
  const sheet = buildMhlwSheet({ munis: POOL })
  const bytes = buildXlsx([{ name: '注意事項', rows: [['本資料の見方']] }, sheet])

  it('gives the same datasets as parsing the grid directly', async () => {
    const p = await importXlsx(toArrayBuffer(bytes), 'r7_zenkoku.xlsx')
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.rowCount).toBe(7)
    expect(p.datasets).toEqual(parseMhlwWorkbook(sheet.rows, 'r7_zenkoku.xlsx', undefined, { sheet: sheet.name }).datasets)
  })

  it('computes prefectural averages and ranks that check by hand', async () => {
    const p = await importXlsx(toArrayBuffer(bytes), 'r7_zenkoku.xlsx')
    const tome = p.datasets.find((d) => d.municipality.code === '04212')!
    const ishinomaki = p.datasets.find((d) => d.municipality.code === '04202')!
    // 宮城 推進: 246, 246, 140 → 632/3; tie 1st of 3 in the prefecture, 4th of 7 nationally
    expect(tome.grants.suishin!.total.prefAvg).toBeCloseTo(210.6667, 4)
    expect([tome.grants.suishin!.prefRank, ishinomaki.grants.suishin!.prefRank]).toEqual([{ rank: 1, of: 3 }, { rank: 1, of: 3 }])
    expect([tome.grants.suishin!.natRank, ishinomaki.grants.suishin!.natRank]).toEqual([{ rank: 4, of: 7 }, { rank: 4, of: 7 }])
    // 宮城 努力: 蔵王町 has none → 195 and 200 over two
    expect(tome.grants.doryoku!.total.prefAvg).toBe(197.5)
    expect(tome.grants.doryoku!.prefRank).toEqual({ rank: 2, of: 2 })
    expect(tome.grants.doryoku!.natRank).toEqual({ rank: 5, of: 6 })
    expect(tome.grants.suishin!.total.natAvg).toBe(253.1)
  })

  it('finds the columns when they move', async () => {
    const shifted = buildMhlwSheet({ munis: POOL, leadingBlankColumns: 2, idOrder: ['name', 'insurerNo', 'prefCode', 'insured', 'tier'],
      previousYear: 'before-ids', grants: ['doryoku', 'suishin'], statLabelAt: 'name', blankRowsAfterTitle: 3 })
    const p = await importXlsx(toArrayBuffer(buildXlsx([shifted])), 'r7_zenkoku.xlsx')
    const reference = await importXlsx(toArrayBuffer(bytes), 'r7_zenkoku.xlsx')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.datasets).toEqual(reference.datasets)
  })

  it('reports a bad cell with its row and column header', async () => {
    const bad = buildMhlwSheet({ munis: POOL, cellOverrides: [{ muni: 3, key: 'doryoku/II/activity', value: 40 }] })
    const p = await importXlsx(toArrayBuffer(buildXlsx([bad])), 'r7_zenkoku.xlsx')
    expect(p.datasets).toEqual([])
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([{ severity: 'error', file: 'r7_zenkoku.xlsx', row: 17,
      column: '介護保険保険者努力支援交付金 目標Ⅱ 認知症総合支援を推進する （ⅱ）活動指標群 小計（AC列）',
      message: '17行目 介護保険保険者努力支援交付金 目標Ⅱ 認知症総合支援を推進する （ⅱ）活動指標群 小計（AC列）: 配点36を超えています（40）' }])
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

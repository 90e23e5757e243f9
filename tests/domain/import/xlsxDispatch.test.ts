import { describe, expect, it } from 'vitest'
import { longTableGrid } from '@/domain/export/longTableCsv'
import { parseMhlwWorkbook } from '@/domain/import/mhlwWorkbook'
import { parseXlsxWorkbook, probeSheetLayout } from '@/domain/import/xlsx'
import { exampleDatasets } from '@/data/example'
import { buildMhlwSheet, POOL } from '../../support/mhlwSheet'

const FILE = 'book.xlsx'
const HINT = '（縦長形式では 保険者コード・保険者名・評価年度・交付金・目標・指標群・得点、厚生労働省の全国集計結果では 保険者番号・市町村名 と 交付金・目標・指標群 の見出しが必要です）'
const mhlw = () => buildMhlwSheet({ munis: POOL })
const notes = { name: '注意事項', grid: [['この表は評価結果です。'], ['※ 配点は…']] }

describe('probeSheetLayout', () => {
  it('tells the long format and the MHLW layout apart by header text', () => {
    expect(probeSheetLayout(longTableGrid(exampleDatasets())).layout).toBe('long')
    expect(probeSheetLayout(mhlw().rows).layout).toBe('mhlw')
    expect(probeSheetLayout(notes.grid)).toEqual({
      layout: null,
      missing: { long: ['保険者コード', '保険者名', '評価年度', '交付金', '目標', '指標群', '得点'], mhlw: ['保険者番号', '市町村名', '交付金・目標・指標群の見出し'] },
      found: { long: 0, mhlw: 0 },
    })
  })
})

describe('parseXlsxWorkbook', () => {
  it('reads a long-format sheet with the long-format reader', () => {
    const p = parseXlsxWorkbook([{ name: 'データ', grid: longTableGrid(exampleDatasets()) }], FILE)
    expect(p.format).toBe('xlsx-long')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.datasets.map((d) => `${d.municipality.code}:${d.fiscalYear}`)).toEqual(['04212:2025', '04212:2024', '04212:2023'])
  })

  it('reads an MHLW sheet with the MHLW reader, passing over sheets that fit neither', () => {
    const sheet = mhlw()
    const p = parseXlsxWorkbook([notes, { name: sheet.name, grid: sheet.rows }], FILE)
    expect(p).toEqual(parseMhlwWorkbook(sheet.rows, FILE, undefined, { sheet: sheet.name }))
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.datasets).toHaveLength(7)
  })

  it('passes the evaluation year on to the MHLW reader', () => {
    const sheet = buildMhlwSheet({ munis: POOL, title: null })
    expect(parseXlsxWorkbook([{ name: '集計', grid: sheet.rows }], FILE, { fiscalYear: 2025 }).datasets[0]!.fiscalYear).toBe(2025)
  })

  it('says which columns are missing when no sheet fits, for the closer layout', () => {
    expect(parseXlsxWorkbook([notes], FILE)).toEqual({ format: 'mhlw-xlsx', file: FILE, datasets: [], rowCount: 0, issues: [
      { severity: 'error', file: FILE, row: null, column: null, message: `必要な列が見つかりません: 保険者番号、市町村名、交付金・目標・指標群の見出し${HINT}` }] })
    const nearlyLong = { name: 'S', grid: [['保険者コード', '保険者名', '評価年度', '得点'], ['04212', '登米市', 2025, 246]] }
    expect(parseXlsxWorkbook([notes, nearlyLong], FILE).issues.map((i) => i.message))
      .toEqual([`必要な列が見つかりません: 交付金、目標、指標群${HINT}`])
    const nearlyMhlw = { name: 'S', grid: [['保険者番号', '市町村名', '第1号被保険者数'], ['042127', '登米市', 26000]] }
    expect(parseXlsxWorkbook([nearlyMhlw], FILE).issues.map((i) => i.message))
      .toEqual([`必要な列が見つかりません: 交付金・目標・指標群の見出し${HINT}`])
  })

  it('says when the workbook is empty', () => {
    expect(parseXlsxWorkbook([{ name: 'Sheet1', grid: [] }], FILE).issues.map((i) => i.message)).toEqual(['ブックが空です（データのあるシートがありません）'])
  })

  it('joins a sheet per grant into one dataset per municipality, naming the sheet in issues', () => {
    const suishin = buildMhlwSheet({ munis: POOL, grants: ['suishin'] })
    const doryoku = buildMhlwSheet({ munis: POOL, grants: ['doryoku'] })
    const p = parseXlsxWorkbook([{ name: '推進', grid: suishin.rows }, { name: '努力', grid: doryoku.rows }], FILE)
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.rowCount).toBe(14)
    const both = parseMhlwWorkbook(mhlw().rows, FILE)
    expect(p.datasets.map((d) => d.grants)).toEqual(both.datasets.map((d) => d.grants))
    expect(new Set(p.issues.map((i) => i.file))).toEqual(new Set([`${FILE}（シート「推進」）`, `${FILE}（シート「努力」）`]))
  })

  it('refuses the same grant of the same municipality in two sheets', () => {
    const sheet = buildMhlwSheet({ munis: POOL.slice(0, 1), grants: ['suishin'] })
    const p = parseXlsxWorkbook([{ name: 'A', grid: sheet.rows }, { name: 'B', grid: sheet.rows }], FILE)
    expect(p.datasets).toEqual([])
    expect(p.issues.filter((i) => i.severity === 'error').map((i) => i.message))
      .toEqual(['シート「A」と「B」に同じ市町村・年度・交付金の得点があります（登米市 2025年度）'])
  })
})

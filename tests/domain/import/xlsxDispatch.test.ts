import { describe, expect, it } from 'vitest'
import { longTableGrid } from '@/domain/export/longTableCsv'
import { parseMhlwSheet, parseRange } from '@/domain/import/mhlw'
import { parseXlsxWorkbook, probeSheetLayout, type SheetGrid } from '@/domain/import/xlsx'
import { exampleDatasets } from '@/data/example'
import { generateMhlwWorkbook, type GeneratedSheet } from '../../support/mhlwGenerator'
import { realCodeLookup as lookup } from '../../support/codeLookup'

const FILE = 'book.xlsx'
const HINT = '（縦長形式では 保険者コード・保険者名・評価年度・交付金・目標・指標群・得点、厚生労働省の全国集計結果では 保険者番号・市町村名 と 交付金・目標・指標群 の見出しが必要です）'
const wb = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 3 })
const asGrid = (s: GeneratedSheet): SheetGrid => ({ name: s.name, grid: s.rows, merges: s.merges.map((m) => parseRange(m)!) })
const mhlw = () => asGrid(wb.sheet)
const notes = { name: '注意事項', grid: [['この表は評価結果です。'], ['※ 配点は…']] }

describe('probeSheetLayout', () => {
  it('tells the long format and the MHLW layout apart by header text', () => {
    expect(probeSheetLayout(longTableGrid(exampleDatasets())).layout).toBe('long')
    expect(probeSheetLayout(mhlw().grid).layout).toBe('mhlw')
    // the workbook's second sheet (prefecture averages) is no municipality table
    expect(probeSheetLayout(asGrid(wb.sheets[1]!).grid).layout).toBeNull()
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
    const p = parseXlsxWorkbook([notes, sheet, asGrid(wb.sheets[1]!)], FILE, { lookup })
    const direct = parseMhlwSheet({ name: sheet.name, grid: sheet.grid, merges: sheet.merges ?? [] }, FILE, { lookup })
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.datasets).toEqual(direct.datasets)
    expect(p.population).toEqual(direct.population)
    expect(p.datasets).toHaveLength(wb.truth.municipalities.length)
  })

  it('passes the evaluation year on to the MHLW reader when the title does not say it', () => {
    const untitled = { ...mhlw(), grid: [[null], ...mhlw().grid.slice(1)], name: 'Sheet1' }
    expect(parseXlsxWorkbook([untitled], 'book.xlsx', { lookup }).issues.map((i) => i.message))
      .toContain('評価年度が分かりません。表題かファイル名に「令和8年度」のような年度を入れてから読み込んでください')
    expect(parseXlsxWorkbook([untitled], FILE, { fiscalYear: 2026, lookup }).datasets[0]!.fiscalYear).toBe(2026)
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
})

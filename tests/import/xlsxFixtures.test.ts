/**
 * The committed .xlsx fixtures, read from disk through the real reader:
 * - tests/fixtures/xlsx/mhlw-r7-synthetic.xlsx: the synthetic MHLW national workbook (seven
 *   municipalities in three prefectures, ties, one missing value; see tests/support/mhlwSheet.ts)
 * - tests/fixtures/xlsx/long-tome.xlsx: the embedded example (登米市 FY2023–FY2025) in the long
 *   format, with the same columns as the CSV export.
 * Regenerate them with `UPDATE_XLSX_FIXTURES=1 npx vitest run tests/import/xlsxFixtures.test.ts`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { importXlsx } from '@/import/readXlsx'
import { longTableGrid } from '@/domain/export/longTableCsv'
import { exampleDatasets } from '@/data/example'
import { buildXlsx, toArrayBuffer } from '../support/buildXlsx'
import { buildMhlwSheet, POOL } from '../support/mhlwSheet'

const DIR = 'tests/fixtures/xlsx'
const FIXTURES = {
  'mhlw-r7-synthetic.xlsx': () => buildXlsx([buildMhlwSheet({ munis: POOL })]),
  'long-tome.xlsx': () => buildXlsx([{ name: '評価結果', rows: longTableGrid(exampleDatasets()) }]),
}
type FixtureName = keyof typeof FIXTURES
const read = (name: FixtureName) => importXlsx(toArrayBuffer(new Uint8Array(readFileSync(`${DIR}/${name}`))), name)
const fresh = (name: FixtureName) => importXlsx(toArrayBuffer(FIXTURES[name]()), name)

describe('committed .xlsx fixtures', () => {
  it.runIf(process.env.UPDATE_XLSX_FIXTURES === '1')('are regenerated on request', () => {
    mkdirSync(DIR, { recursive: true })
    for (const [name, build] of Object.entries(FIXTURES)) writeFileSync(`${DIR}/${name}`, build())
  })

  it.each(Object.keys(FIXTURES) as FixtureName[])('%s parses as freshly built', async (name) => {
    const [committed, built] = await Promise.all([read(name), fresh(name)])
    expect(committed.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(committed).toEqual(built)
  })

  it('mhlw-r7-synthetic.xlsx: seven municipalities of FY2025 with computed prefectural averages and ranks', async () => {
    const p = await read('mhlw-r7-synthetic.xlsx')
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.datasets.map((d) => `${d.municipality.code} ${d.municipality.prefecture} ${d.municipality.name}`)).toEqual([
      '04212 宮城県 登米市', '04202 宮城県 石巻市', '04301 宮城県 蔵王町', '03201 岩手県 盛岡市', '03205 岩手県 花巻市', '13101 東京都 千代田区', '13104 東京都 新宿区'])
    expect(p.datasets.every((d) => d.fiscalYear === 2025)).toBe(true)
    const chiyoda = p.datasets.find((d) => d.municipality.code === '13101')!
    // 東京: 千代田区 400, 新宿区 140 → 270
    expect(chiyoda.grants.suishin!.total).toEqual({ items: 21, max: 400, score: 400, prefAvg: 270, natAvg: 253.1 })
    expect(chiyoda.grants.suishin!.natRank).toEqual({ rank: 1, of: 7 })
  })

  it('long-tome.xlsx: the embedded example', async () => {
    const p = await read('long-tome.xlsx')
    expect(p.format).toBe('xlsx-long')
    expect(p.datasets.map((d) => d.grants)).toEqual(exampleDatasets().map((d) => d.grants))
  })
})

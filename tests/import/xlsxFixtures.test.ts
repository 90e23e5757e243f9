/**
 * The committed .xlsx fixtures, read from disk through the real reader:
 * - tests/fixtures/xlsx/mhlw-r6-small.xlsx, -r7-, -r8-: MHLW national workbooks in the real layouts
 *   of 令和6・7・8年度 (32 municipalities, two 広域連合 with their members, 伊達市 twice…), made by
 *   tests/support/mhlwGenerator (seed 1); the end-to-end tests import them through the データ view
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
import { generateMhlwWorkbook } from '../support/mhlwGenerator'
import { realCodeLookup as lookup } from '../support/codeLookup'

const DIR = 'tests/fixtures/xlsx'
const FIXTURES = {
  'mhlw-r6-small.xlsx': () => generateMhlwWorkbook({ fiscalYear: 2024, size: 'small', seed: 1 }).toXlsx(),
  'mhlw-r7-small.xlsx': () => generateMhlwWorkbook({ fiscalYear: 2025, size: 'small', seed: 1 }).toXlsx(),
  'mhlw-r8-small.xlsx': () => generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 1 }).toXlsx(),
  'long-tome.xlsx': () => buildXlsx([{ name: '評価結果', rows: longTableGrid(exampleDatasets()) }]),
}
type FixtureName = keyof typeof FIXTURES
const read = (name: FixtureName) => importXlsx(toArrayBuffer(new Uint8Array(readFileSync(`${DIR}/${name}`))), name, { lookup })
const fresh = (name: FixtureName) => importXlsx(toArrayBuffer(FIXTURES[name]()), name, { lookup })

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

  it.each([['mhlw-r6-small.xlsx', 2024], ['mhlw-r7-small.xlsx', 2025], ['mhlw-r8-small.xlsx', 2026]] as const)('%s: every municipality of its year, union members in, unions out', async (name, fy) => {
    const p = await read(name)
    const truth = generateMhlwWorkbook({ fiscalYear: fy, size: 'small', seed: 1 }).truth
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.datasets.every((d) => d.fiscalYear === fy)).toBe(true)
    expect(p.datasets.map((d) => d.municipality.code).sort()).toEqual(truth.municipalities.map((m) => m.code5).sort())
    expect(p.population?.members).toHaveLength(truth.municipalities.length)
  })

  it('long-tome.xlsx: the embedded example', async () => {
    const p = await read('long-tome.xlsx')
    expect(p.format).toBe('xlsx-long')
    expect(p.datasets.map((d) => d.grants)).toEqual(exampleDatasets().map((d) => d.grants))
  })
})

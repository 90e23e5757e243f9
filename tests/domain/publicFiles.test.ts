/**
 * public/ holds what is served unchanged. The CSV template there must be byte for byte what the
 * app's own 「取り込み用CSVのひな形」 button builds; WRITE_PUBLIC=1 rewrites it after a change.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { longTableCsv } from '@/domain/export/longTableCsv'
import { parseCsvImport } from '@/domain/import/csv'
import { exampleDatasets } from '@/data/example'

const TEMPLATE = resolve(__dirname, '../../public/incentive-lens-template.csv')

describe('public/', () => {
  it('the CSV template equals what the app builds, and reads back as the example data', () => {
    const built = Buffer.from(longTableCsv(exampleDatasets()), 'utf8')
    if (process.env.WRITE_PUBLIC === '1') writeFileSync(TEMPLATE, built)
    const served = readFileSync(TEMPLATE)
    expect(served.equals(built)).toBe(true)
    expect([...served.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const parsed = parseCsvImport(new Uint8Array(served), 'incentive-lens-template.csv')
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(parsed.datasets.map((d) => `${d.municipality.code}:${d.fiscalYear}`).sort())
      .toEqual(exampleDatasets().map((d) => `${d.municipality.code}:${d.fiscalYear}`).sort())
  })

  it('has a small sample national workbook in the real layout (fictional scores), the same file the tests import', async () => {
    const sample = readFileSync(resolve(__dirname, '../../public/samples/mhlw-r8-sample-fictional-scores.xlsx'))
    expect(sample.equals(readFileSync(resolve(__dirname, '../fixtures/xlsx/mhlw-r8-small.xlsx')))).toBe(true)
    const { importXlsx } = await import('@/import/readXlsx')
    const p = await importXlsx(sample.buffer.slice(sample.byteOffset, sample.byteOffset + sample.byteLength) as ArrayBuffer, 'sample.xlsx')
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(p.population?.members.length).toBe(p.datasets.length)
    expect(p.datasets.length).toBeGreaterThan(30)
  })

  it('has the app icon the page links to', () => {
    const html = readFileSync(resolve(__dirname, '../../index.html'), 'utf8')
    expect(html).toContain('<link rel="icon" href="./favicon.svg"')
    const svg = readFileSync(resolve(__dirname, '../../public/favicon.svg'), 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(existsSync(resolve(__dirname, '../../public/favicon.svg'))).toBe(true)
  })
})

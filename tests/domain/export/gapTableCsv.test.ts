import { describe, expect, it } from 'vitest'
import { GAP_TABLE_HEADERS, gapTableCsv, gapTableGrid } from '@/domain/export/gapTableCsv'
import { parseCsv } from '@/domain/import/csv'
import { datasetGapRows, type GapRow } from '@/domain'
import { exampleDatasets } from '@/data/example'

const fy2025 = exampleDatasets().find((d) => d.fiscalYear === 2025)!
const rows = datasetGapRows(fy2025)
const meta = { municipality: fy2025.municipality, fiscalYear: 2025 }
const col = (name: (typeof GAP_TABLE_HEADERS)[number]) => GAP_TABLE_HEADERS.indexOf(name)

describe('gapTableCsv', () => {
  it('user text comes back as it was: <img src=x onerror=…>&"\' as the name, every row with its 保険者コード', () => {
    const EVIL = `<img src=x onerror=alert(1)>&"'`
    const back = parseCsv(gapTableCsv(rows, { municipality: { code: '04212', name: EVIL }, fiscalYear: 2025, source: `${EVIL},出典` }).replace(/^\uFEFF/, ''))
    expect(back).toHaveLength(rows.length + 1)
    for (const line of back.slice(1)) {
      expect(line).toHaveLength(GAP_TABLE_HEADERS.length)
      expect([line[col('保険者コード')], line[col('保険者名')], line[col('出典')]]).toEqual(['04212', EVIL, `${EVIL},出典`])
    }
  })

  const csv = gapTableCsv(rows, meta)
  const back = parseCsv(csv)
  const line = (key: string) => back[1 + rows.findIndex((r) => r.key === key)]!

  it('is UTF-8 with BOM and CRLF, one line per gap row', () => {
    expect(csv.startsWith(`\uFEFF${GAP_TABLE_HEADERS.join(',')}\r\n`)).toBe(true)
    expect(back).toHaveLength(1 + rows.length)
  })

  it('rounds from unrounded values: 努力 II(i) is −30.2 rate points, written as a plain negative number', () => {
    const l = line('doryoku/II/structure')
    expect(l.slice(0, 8)).toEqual(['04212', '登米市', '令和7年度 (2025)', '努力支援交付金', 'II', '体制・取組指標群', '指標群', '(i) 体制・取組指標群'])
    expect(l[col('得点率(%)')]).toBe('21.9')
    expect(l[col('全国平均の得点率(%)')]).toBe('52')
    expect(l[col('全国平均との差(ポイント)')]).toBe('-30.2')
    expect(l[col('全国平均との差(点)')]).toBe('-19.3')
    expect(csv).toContain(',-30.2,')
    expect(csv).not.toContain("'-30.2")
  })

  it('努力 goal II: −26.5 points to the national average, −26.4 to the prefectural', () => {
    const l = line('doryoku/II')
    expect(l[col('県平均との差(点)')]).toBe('-26.4')
    expect(l[col('全国平均との差(点)')]).toBe('-26.5')
  })

  it('missing figures stay empty; goal IV notes that it is shared', () => {
    const ds2024 = exampleDatasets().find((d) => d.fiscalYear === 2024)!
    const g = gapTableGrid(datasetGapRows(ds2024), { municipality: ds2024.municipality, fiscalYear: 2024 })
    expect(g[1]?.[col('全国平均との差(点)')]).toBeNull()
    expect(line('suishin/IV')[col('備考')]).toBe('目標IVは両交付金で共通の指標')
  })

  it('neutralises text cells that start like a formula, but not the numbers', () => {
    const evil: GapRow = { ...rows[0]!, label: '=cmd|\' /C calc\'!A0', gapNatRate: -3.04 }
    const g = gapTableCsv([evil], { municipality: { code: '04212', name: '-登米市' }, fiscalYear: 2025, source: '@出典' })
    const l = parseCsv(g)[1]!
    expect(l[col('名称')]).toBe("'=cmd|' /C calc'!A0")
    expect(l[col('保険者名')]).toBe("'-登米市")
    expect(l[col('保険者コード')]).toBe('04212')
    expect(l[col('出典')]).toBe("'@出典")
    expect(l[col('全国平均との差(ポイント)')]).toBe('-3')
  })
})

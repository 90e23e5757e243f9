import { describe, expect, it } from 'vitest'
import { longTableCsv, longTableGrid } from '@/domain/export/longTableCsv'
import { parseCsv, parseCsvImport } from '@/domain/import/csv'
import { hasErrors } from '@/domain/import/types'
import type { YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const encode = (s: string) => new TextEncoder().encode(s)
/** the source differs by nature (example flag, file); everything else must survive */
const withoutSource = (ds: readonly YearDataset[]) => ds.map((d) => ({ ...d, source: { label: d.source.label } }))

describe('longTableCsv: the template holds the example', () => {
  const csv = longTableCsv(exampleDatasets())

  it('is UTF-8 with BOM and CRLF, with the long-format header', () => {
    expect(csv.startsWith('\uFEFF保険者コード,保険者名,都道府県,評価年度,交付金,目標,指標群,項目数,配点,得点,県平均,全国平均,交付額,県内順位,県内保険者数,全国順位,全国保険者数,第1号被保険者数,規模区分,出典\r\n')).toBe(true)
    expect(csv.endsWith('\r\n')).toBe(true)
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  it('writes one row per grant total, goal and group (FY2025 in full, FY2024/2023 totals)', () => {
    const lines = csv.split('\r\n').filter(Boolean)
    expect(lines).toHaveLength(1 + 2 * (1 + 4 + 7) + 2 + 2)
    expect(lines).toContain('04212,登米市,宮城県,2025,努力支援交付金,II,体制・取組指標群,3,64,14,32.9,33.3,,,,,,,,')
    expect(lines[13]).toBe('04212,登米市,宮城県,2025,努力支援交付金,,合計,32,400,190,211,216.7,11350000,5,35,,,,,登米市「令和7年度 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果」')
  })

  it('reads back into equal datasets, the stated 216.7 included, with only its rounding warning', () => {
    const r = parseCsvImport(encode(csv), 'template.csv')
    expect(hasErrors(r)).toBe(false)
    expect(r.encoding).toBe('utf-8-bom')
    expect(withoutSource(r.datasets)).toEqual(withoutSource(exampleDatasets()))
    expect(r.datasets.find((d) => d.fiscalYear === 2025)?.grants.doryoku?.total.natAvg).toBe(216.7)
    expect(r.issues.map((i) => i.message)).toEqual(['14行目 全国平均: 公表値216.7が目標の合計215.7と一致しません（端数調整とみられます。公表値のまま表示します）'])
    expect(r.datasets.every((d) => d.source.file === 'template.csv' && !d.source.example && d.source.importedAt === null)).toBe(true)
  })

  it('round-trips awkward text: commas, quotes, line breaks, formula-like names, ranks and tiers', () => {
    const base = exampleDatasets().find((d) => d.fiscalYear === 2025)!
    const odd: YearDataset = {
      ...structuredClone(base),
      municipality: { code: '01100', name: '-札幌市, "中央"\n区', prefecture: '北海道' },
      insuredCount: 550000,
      sizeTier: 5,
      source: { label: '=出典', file: null, importedAt: null, example: false },
    }
    odd.grants.suishin!.natRank = { rank: 12, of: 1741 }
    const text = longTableCsv([odd])
    expect(text).toContain(`"'-札幌市, ""中央""\n区"`)
    const r = parseCsvImport(encode(text), 'odd.csv')
    expect(hasErrors(r)).toBe(false)
    expect(withoutSource(r.datasets)).toEqual(withoutSource([odd]))
    expect(r.issues.filter((i) => i.message.includes('数式として解釈されるおそれ')).length).toBeGreaterThan(0)
  })

  it('keeps numbers typed in the grid (so negative numbers are never neutralised)', () => {
    const grid = longTableGrid(exampleDatasets())
    expect(grid[1]?.slice(3, 12)).toEqual([2025, '推進交付金', null, '合計', 21, 400, 246, 207.7, 219.3])
    expect(parseCsv(longTableCsv([])).length).toBe(1)
  })
})

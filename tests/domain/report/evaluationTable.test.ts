/**
 * The 評価結果 table on the embedded example (登米市 令和7年度) against the city's own published
 * table (tests/fixtures/reference/tome-r7-report.txt, text extracted from its PDF): every figure
 * of every row, both grants, in the published order.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { buildEvaluationTable, evaluationFigures, type EvaluationRow, type EvaluationTable } from '@/domain/report'
import { exampleDatasets } from '@/data/example'
import { editedExample, exampleYear } from '../fixtures'

const reference = readFileSync('tests/fixtures/reference/tome-r7-report.txt', 'utf8')

/** The published table's data rows: first cell and the 12 figures (推進 6, 努力 6). */
function publishedRows(): { label: string; figures: string[] }[] {
  const lines = reference.split('\n')
  const start = lines.findIndex((l) => l.startsWith('評価指標内容'))
  const end = lines.findIndex((l) => l.startsWith('※小数点以下調整あり'))
  return lines.slice(start, end)
    .map((l) => l.split('\t'))
    .filter((cells) => cells.length === 13 && /^\d|^—/.test(cells[1] ?? ''))
    .map(([label, ...figures]) => ({ label: label ?? '', figures }))
}

const figuresOf = evaluationFigures

const table = (): EvaluationTable => buildEvaluationTable(exampleYear(2025), exampleDatasets())

describe('buildEvaluationTable on 登米市 令和7年度', () => {
  it('has the published rows in the published order', () => {
    const published = publishedRows()
    expect(published).toHaveLength(16)
    expect(table().rows.map((r) => r.label)).toEqual([
      '目標I', '(i) 体制・取組指標群', '(ii) 活動指標群',
      '目標II', '(i) 体制・取組指標群', '(ii) 活動指標群',
      '目標III', '(i) 体制・取組指標群', '(ii) 活動指標群',
      '目標IV', '成果指標群',
      '合計', '県内平均点', '全国平均点', '【参考：令和5年度】', '【参考：令和6年度】',
    ])
    // the published first cells say the same (the PDF extraction adds or drops spaces)
    const squash = (s: string): string => s.replace(/\s+/g, '')
    table().rows.forEach((row, i) => expect(squash(published[i]?.label ?? '')).toContain(squash(row.label)))
  })

  it('reproduces every figure of every row, as published', () => {
    const published = publishedRows()
    const rows = table().rows
    rows.forEach((row, i) => {
      expect({ row: row.label, figures: figuresOf(row) }).toEqual({ row: row.label, figures: published[i]?.figures })
    })
  })

  it('spot checks: 努力 goal II, the average rows, the reference rows', () => {
    const rows = table().rows
    const goal2 = rows.find((r) => r.key === 'goal/II')
    expect(goal2?.cells.doryoku).toEqual({ items: '6', max: '100', score: '20', rate: '20.0%', prefAvg: '46.4', natAvg: '46.5' })
    expect(rows.find((r) => r.key === 'pref')?.cells.doryoku).toMatchObject({ score: '211', rate: '52.8%' })
    expect(rows.find((r) => r.key === 'nat')?.cells.doryoku).toMatchObject({ score: '216.7', rate: '54.2%' })
    expect(rows.find((r) => r.key === 'nat')?.cells.suishin).toMatchObject({ score: '219.3', rate: '54.8%' })
    // the 合計 row adds up the goals (215.7), the 全国平均点 row is the published total (216.7)
    expect(rows.find((r) => r.key === 'total')?.cells.doryoku.natAvg).toBe('215.7')
    expect(rows.find((r) => r.key === 'ref/2023')?.cells.suishin).toEqual({ items: '62', max: '1,355', score: '825', rate: '60.9%', prefAvg: '—', natAvg: '—' })
    expect(rows.find((r) => r.key === 'ref/2024')?.cells.doryoku).toEqual({ items: '32', max: '400', score: '209', rate: '52.3%', prefAvg: '—', natAvg: '—' })
  })

  it('goal titles: each grant\'s own, goal IV once for both', () => {
    const rows = table().rows
    expect(rows.find((r) => r.key === 'goal/I')?.titles).toEqual([
      { marks: '(推進)', title: '持続可能な地域のあるべき姿をかたちにする' },
      { marks: '(努力)', title: '介護予防/日常生活支援を推進する' },
    ])
    expect(rows.find((r) => r.key === 'goal/IV')?.titles).toEqual([{ marks: '(推進)(努力)', title: '高齢者がその状況に応じて可能な限り自立した日常生活を営む' }])
  })

  it('交付金額 and 県内順位 as published', () => {
    const amounts = table().amounts
    const line = reference.split('\n').find((l) => l.startsWith('交付金額/県内順位'))?.split('\t') ?? []
    const ranks = reference.split('\n').find((l) => l.includes('位/35市町村'))?.split('\t').filter((c) => c !== '') ?? []
    expect([amounts.suishin.amount, amounts.doryoku.amount]).toEqual(line.slice(1))
    expect([amounts.suishin.prefRank, amounts.doryoku.prefRank]).toEqual(ranks)
    expect(amounts.suishin).toEqual({ amount: '7,081,000円', prefRank: '4位/35市町村' })
  })

  it('rounding: the note below the table explains the 215.7 / 216.7 mismatch, no cell carries a warning', () => {
    const t = table()
    expect(t.notes[0]).toBe('※小数点以下調整あり')
    expect(t.notes.join('\n')).toContain('介護保険保険者努力支援交付金の合計欄の国平均点（215.7）は目標の国平均点の合計、全国平均点の欄（216.7）は公表された合計の平均点です。')
    expect(t.notes.join('\n')).toContain('令和5年度以前は評価指標の体系が異なるため（推進1,355点・努力830点満点）')
    for (const row of t.rows) for (const text of figuresOf(row)) expect(text).toMatch(/^(—|[\d,]+(\.\d)?%?)$/)
  })
})

describe('buildEvaluationTable on other inputs', () => {
  it('a year with totals only: no goal rows, the totals and the references still there', () => {
    const t = buildEvaluationTable(exampleYear(2024), exampleDatasets())
    expect(t.rows.map((r) => r.key)).toEqual(['total', 'pref', 'nat', 'ref/2022', 'ref/2023'])
    expect(figuresOf(t.rows[0] as EvaluationRow)).toEqual(['21', '400', '227', '56.8%', '—', '—', '32', '400', '209', '52.3%', '—', '—'])
    expect(t.rows.find((r) => r.key === 'ref/2022')?.cells.suishin.score).toBe('—')
    expect(t.notes).toContain('※令和4年度のデータが読み込まれていないため、参考の行は空欄です。')
  })

  it('missing figures stay blank (—), never 0; a missing earlier year is noted', () => {
    const ds = editedExample((d) => {
      const g = d.grants.doryoku?.goals.find((x) => x.goal === 'II')
      if (g) g.natAvg = null
    })
    const t = buildEvaluationTable(ds, [ds])
    expect(t.rows.find((r) => r.key === 'goal/II')?.cells.doryoku.natAvg).toBe('—')
    // the 合計 row cannot add up a missing goal: it shows the published total instead
    expect(t.rows.find((r) => r.key === 'total')?.cells.doryoku.natAvg).toBe('216.7')
    expect(t.rows.find((r) => r.key === 'ref/2024')?.cells.doryoku.score).toBe('—')
    expect(t.notes).toContain('※令和6年度のデータが読み込まれていないため、参考の行は空欄です。')
  })

  it('other municipalities in the history are ignored for the reference rows', () => {
    const other = editedExample((d) => { d.municipality = { ...d.municipality, code: '99999' } }, 2024)
    const t = buildEvaluationTable(exampleYear(2025), [other])
    expect(t.rows.find((r) => r.key === 'ref/2024')?.cells.suishin.score).toBe('—')
  })
})

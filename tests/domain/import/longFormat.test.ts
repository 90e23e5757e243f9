import { describe, expect, it } from 'vitest'
import {
  createLongTableParser, localGovCheckDigit, MAX_ISSUES, parseFiscalYear, parseGoal, parseGrant, parseLevel,
  parseLongTable, parseMunicipalityCode, parseNumberCell,
} from '@/domain/import/longFormat'
import { parseCsv } from '@/domain/import/csv'
import { hasErrors, type Cell, type Grid } from '@/domain/import/types'

const H = ['保険者コード', '保険者名', '都道府県', '評価年度', '交付金', '目標', '指標群', '項目数', '配点', '得点', '県平均', '全国平均']
const row = (...cells: Cell[]): Cell[] => cells
const II_STRUCTURE = row('04212', '登米市', '宮城県', 2025, '努力', 'II', '体制・取組指標群', 3, 64, 14, 32.9, 33.3)
const II_ACTIVITY = row('04212', '登米市', '宮城県', 2025, '努力', 'II', '活動指標群', 3, 36, 6, 13.5, 13.2)
const II_GOAL = row('04212', '登米市', '宮城県', 2025, '努力', 'II', '目標計', 6, 100, 20, 46.4, 46.5)
const messages = (grid: Grid) => parseLongTable(grid, 't.csv').issues.map((i) => i.message)

describe('cell readers', () => {
  it('numbers: full-width digits, thousands commas, units, dashes for missing', () => {
    const v = (c: Cell) => { const r = parseNumberCell(c); return r.ok ? r.value : r.error }
    expect(v('６４')).toBe(64)
    expect(v('1,234')).toBe(1234)
    expect(v('１，２３４．５')).toBe(1234.5)
    expect(v('7,081,000円')).toBe(7081000)
    expect(v(' 33.3 ')).toBe(33.3)
    expect(v('−5')).toBe(-5)
    expect(v('.5')).toBe(0.5)
    expect(v(64)).toBe(64)
    for (const missing of [null, '', '-', '－', '—', '―', 'ー', ' ']) expect(v(missing)).toBeNull()
    expect(v('1,2')).toBe('数値ではありません（1,2）')
    expect(v('12a')).toBe('数値ではありません（12a）')
    expect(v('64%')).toBe('数値ではありません（64%）')
    expect(v('=A1')).toBe('数式は読み込めません（=A1）。計算結果の値を入力してください')
    expect(v('@SUM(A1)')).toBe('数式は読み込めません（@SUM(A1)）。計算結果の値を入力してください')
    expect(v('+SUM(A1:A2)')).toBe('数式は読み込めません（+SUM(A1:A2)）。計算結果の値を入力してください')
    expect(v('＝1+1')).toBe('数式は読み込めません（＝1+1）。計算結果の値を入力してください')
    expect(v(Number.NaN)).toBe('数値ではありません（NaN）')
  })

  it('municipality codes: 5 digits, 6 digits with check digit, leading zeros restored', () => {
    const v = (c: Cell) => { const r = parseMunicipalityCode(c); return r.ok ? r.value : r.error }
    expect(localGovCheckDigit('04212')).toBe(9)
    expect(localGovCheckDigit('13101')).toBe(6) // 千代田区 131016
    expect(localGovCheckDigit('01100')).toBe(2) // 札幌市 011002
    expect(v('04212')).toBe('04212')
    expect(v(4212)).toBe('04212')
    expect(v('4212')).toBe('04212')
    expect(v('042129')).toBe('04212')
    expect(v(42129)).toBe('42129') // a five-digit number is a five-digit code
    expect(v('０４２１２')).toBe('04212')
    expect(v(131016)).toBe('13101')
    expect(v('042128')).toBe('検査数字が正しくありません（042128。04212の検査数字は9）')
    expect(v('99123')).toBe('先頭2桁の都道府県番号が01〜47ではありません（99123）')
    expect(v('1234567')).toBe('数字5桁（または検査数字付きの6桁）ではありません（1234567）')
    expect(v('登米')).toBe('数字5桁（または検査数字付きの6桁）ではありません（登米）')
    expect(v(null)).toBe('値がありません')
  })

  it('fiscal years: Western, 令和/平成, R/H, with 年度 and a Western year in brackets', () => {
    const v = (c: Cell) => { const r = parseFiscalYear(c); return r.ok ? r.value : r.error }
    for (const c of [2025, '2025', '2025年度', '令和7年度', '令和7', 'R7', 'r7', 'Ｒ７', '令和７年度', '令和7年度 (2025)', '令和7年度（2025）']) expect(v(c)).toBe(2025)
    expect(v('令和元年度')).toBe(2019)
    expect(v('平成30年度')).toBe(2018)
    expect(v('H30')).toBe(2018)
    expect(v('令和7年度 (2024)')).toBe('和暦と西暦が一致しません（令和7年度 (2024)）')
    expect(v('2017')).toBe('交付金の評価年度は平成30年度（2018）以降です（2017）')
    expect(v('来年')).toBe('年度として読めません（来年）。2025、令和7年度、R7 のように書いてください')
    expect(v(2025.5)).toBe('年度として読めません（2025.5）。2025、令和7年度、R7 のように書いてください')
  })

  it('grants by short name, full name or id; 努力 did not exist before FY2020', () => {
    const v = (c: Cell, fy: number | null = 2025) => { const r = parseGrant(c, fy); return r.ok ? r.value : r.error }
    for (const c of ['推進', '推進交付金', '保険者機能強化推進交付金', 'suishin', 'SUISHIN']) expect(v(c)).toBe('suishin')
    for (const c of ['努力', '努力支援', '努力支援交付金', '介護保険保険者努力支援交付金', 'doryoku', '支援']) expect(v(c)).toBe('doryoku')
    expect(v('努力', 2019)).toBe('努力支援交付金は令和2年度 (2020)からです（令和元年度 (2019)）')
  })

  it('goals: I–IV, Ⅰ–Ⅳ, 1–4, 目標II; empty is none', () => {
    const v = (c: Cell) => { const r = parseGoal(c); return r.ok ? r.value : r.error }
    expect(['I', 'Ⅱ', 'iii', '4', '４', '目標Ⅳ', '目標 2', 3].map(v)).toEqual(['I', 'II', 'III', 'IV', 'IV', 'IV', 'II', 'III'])
    expect(v('')).toBeNull()
    expect(v('V')).toBe('不明な目標です（V）。I〜IV（Ⅰ〜Ⅳ、1〜4）としてください')
  })

  it('groups and the total and goal rows', () => {
    const v = (c: Cell) => { const r = parseLevel(c); return r.ok ? r.value : r.error }
    for (const c of ['体制・取組指標群', '体制･取組指標群', '体制・取組', '(i)', '（ｉ）', 'ⅰ', 'i']) expect(v(c)).toEqual({ level: 'group', kind: 'structure' })
    for (const c of ['活動指標群', '活動', '(ii)', 'ⅱ']) expect(v(c)).toEqual({ level: 'group', kind: 'activity' })
    expect(v('成果指標群')).toEqual({ level: 'group', kind: 'outcome' })
    expect(v('目標計')).toEqual({ level: 'goal' })
    for (const c of ['合計', '計', '総合計', '']) expect(v(c)).toEqual({ level: 'goal-or-total' })
  })
})

describe('parseLongTable: columns by header text', () => {
  it('finds columns in any order, by synonyms, with units in brackets, under a title line', () => {
    const grid: Grid = [
      ['登米市 評価結果（令和7年度）'],
      [],
      ['点数（点）', '指標群', '目標', '交付金', '年度', '市町村名', '市町村コード', '全国平均点', '備考'],
      [14, '(i)', 'Ⅱ', '努力', 'R7', '登米市', 4212, 33.3, 'メモ'],
    ]
    const r = parseLongTable(grid, 't.csv')
    expect(hasErrors(r)).toBe(false)
    expect(r.rowCount).toBe(1)
    expect(r.issues[0]?.message).toBe('3行目: 次の列は読み込みません: 備考')
    const ds = r.datasets[0]!
    expect(ds.municipality).toEqual({ code: '04212', name: '登米市', prefecture: '宮城県' }) // prefecture from the code
    expect(ds.grants.doryoku?.goals[0]?.groups[0]).toEqual({ kind: 'structure', items: null, max: null, score: 14, prefAvg: null, natAvg: 33.3 })
  })

  it('uses the header text the file uses in messages', () => {
    expect(messages([H.map((h) => (h === '得点' ? '点数' : h)), row('04212', '登米市', '宮城県', 2025, '努力', 'II', '(i)', 3, 64, 70, 1, 1)]))
      .toContain('2行目 点数: 配点64を超えています（70）')
  })

  it('two columns for one field is an error', () => {
    expect(messages([[...H, '点数'], [...II_GOAL, 20]])).toContain('1行目: 列「得点」「点数」が同じ項目（得点）を表しています。1列にしてください')
  })

  it('実施年度 (the 見える化 year of the work) is read as the next 評価年度, with a warning', () => {
    const r = parseLongTable([H.map((h) => (h === '評価年度' ? '実施年度' : h)), row('04212', '登米市', '宮城県', 2024, '努力', 'II', '目標計', 6, 100, 20, 46.4, 46.5)], 't.csv')
    expect(r.datasets[0]?.fiscalYear).toBe(2025)
    expect(r.issues[0]?.message).toBe('1行目 実施年度: 実施年度（取組の年度）を評価年度（翌年度）に読み替えます。例: 実施年度2024 → 令和7年度 (2025)')
  })

  it('lists all required columns when no header is found', () => {
    expect(messages([['a', 'b'], [1, 2]])).toEqual(['必須の列がありません: 保険者コード、保険者名、評価年度、交付金、目標、指標群、得点'])
  })
})

describe('parseLongTable: rows', () => {
  it('empty rows are skipped and not counted', () => {
    const r = parseLongTable([H, [], [null, ''], II_GOAL, [' ']], 't.csv')
    expect(r.rowCount).toBe(1)
    expect(hasErrors(r)).toBe(false)
  })

  it('指標群 empty or 合計 with a goal is the goal row; without a goal, the grant total', () => {
    const r = parseLongTable([H,
      row('04212', '登米市', '宮城県', 2025, '努力', null, null, 32, 400, 190, 211, 216.7),
      row('04212', '登米市', '宮城県', 2025, '努力', 'II', '合計', 6, 100, 20, 46.4, 46.5),
    ], 't.csv')
    const d = r.datasets[0]!.grants.doryoku!
    expect(d.total.score).toBe(190)
    expect(d.goals).toEqual([{ goal: 'II', items: 6, max: 100, score: 20, prefAvg: 46.4, natAvg: 46.5, groups: [] }])
  })

  it('目標計 without a goal is an error', () => {
    expect(messages([H, row('04212', '登米市', '宮城県', 2025, '努力', null, '目標計', 6, 100, 20, 46.4, 46.5)]))
      .toEqual(['2行目 目標: 値がありません（指標群・目標計の行には目標が必要です）'])
  })

  it('FY2023 (old indicators) accepts totals only', () => {
    expect(messages([H, row('04212', '登米市', '宮城県', 2023, '推進', 'I', '目標計', null, null, 10, null, null)]))
      .toEqual(['2行目 目標: 令和5年度 (2023)は旧指標のため、目標別の値は読み込めません（合計の行のみ）'])
  })

  it('a maximum that differs from the catalogue is an error at its row and column', () => {
    expect(messages([H, row('04212', '登米市', '宮城県', 2025, '努力', 'II', '(i)', 3, 60, 14, 32.9, 33.3)]))
      .toContain('2行目 配点: この年度の配点64と異なります（60）')
  })

  it('dataset and grant figures may repeat on every row but must agree', () => {
    const h = [...H, '交付額', '第1号被保険者数']
    const r = parseLongTable([h,
      [...II_GOAL, 11350000, '27,000'],
      [...II_STRUCTURE, 11350000, 27000],
      [...II_ACTIVITY, 11000000, 27001],
    ], 't.csv')
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      '4行目 交付額: 2行目の値（11350000）と異なります（11000000）',
      '4行目 第1号被保険者数: 2行目の値（27000）と異なります（27001）',
    ])
  })

  it('a different name for the same code and year is an error', () => {
    expect(messages([H, II_GOAL, row('04212', '登米町', '宮城県', 2025, '努力', 'II', '(i)', 3, 64, 14, 32.9, 33.3)]))
      .toContain('3行目 保険者名: 2行目の値（登米市）と異なります（登米町）')
  })

  it('a prefecture that does not match the code is a warning; the given name is kept', () => {
    const r = parseLongTable([H, row('04212', '登米市', '福岡県', 2025, '努力', 'II', '目標計', 6, 100, 20, 46.4, 46.5)], 't.csv')
    expect(r.issues[0]?.message).toBe('2行目 都道府県: 保険者コード04212の都道府県（宮城県）と一致しません（福岡県）')
    expect(r.datasets[0]?.municipality.prefecture).toBe('福岡県')
  })

  it('ranks: above the denominator is an error; a rank without its denominator is dropped with a warning', () => {
    const h = [...H, '県内順位', '県内保険者数', '全国順位']
    const total = row('04212', '登米市', '宮城県', 2025, '努力', null, '合計', 32, 400, 190, 211, 216.7)
    expect(messages([h, [...total, 36, 35, null]])).toContain('2行目 県内順位: 県内保険者数35を超えています（36）')
    const r = parseLongTable([h, [...total, 5, 35, 300]], 't.csv')
    expect(r.issues.map((i) => i.message)).toContain('2行目 全国順位: 全国保険者数がないため、順位は読み込みません')
    expect(r.datasets[0]?.grants.doryoku?.prefRank).toEqual({ rank: 5, of: 35 })
    expect(r.datasets[0]?.grants.doryoku?.natRank).toBeNull()
  })

  it('規模区分 is 1–5', () => {
    expect(messages([[...H, '規模区分'], [...II_GOAL, 6]])).toContain('2行目 規模区分: 規模区分は1〜5です（6）')
  })

  it('a goal whose groups are incomplete and has no goal row stays empty, with a warning', () => {
    const r = parseLongTable([H, II_STRUCTURE], 't.csv')
    expect(r.datasets[0]?.grants.doryoku?.goals[0]).toMatchObject({ goal: 'II', score: null, natAvg: null })
    expect(r.issues[0]?.message).toBe('2行目 指標群: 目標計の行がなく指標群もそろっていないため、努力支援交付金 目標IIの値は空欄とします')
  })

  it('an apostrophe our export put before formula-like text is removed again (and the text still flagged)', () => {
    const r = parseLongTable([H, row('04212', "'-登米市", '宮城県', 2025, '努力', 'II', '目標計', 6, 100, 20, 46.4, 46.5)], 't.csv')
    expect(r.datasets[0]?.municipality.name).toBe('-登米市')
    expect(r.issues[0]?.message).toBe('2行目 保険者名: 数式として解釈されるおそれのある文字（-）で始まっています。文字列としてそのまま読み込みます')
  })

  it('any error empties the datasets: nothing is half-imported', () => {
    const r = parseLongTable([H, II_GOAL, row('04212', '登米市', '宮城県', 2025, '努力', 'II', '(i)', 3, 64, 'x', 32.9, 33.3)], 't.csv')
    expect(hasErrors(r)).toBe(true)
    expect(r.datasets).toEqual([])
    expect(r.rowCount).toBe(2)
  })

  it(`keeps at most ${MAX_ISSUES} issues and counts the rest`, () => {
    const bad = Array.from({ length: MAX_ISSUES + 100 }, (_, i) => row(`01${String(i).padStart(3, '0')}`, `町${i}`, null, 2025, '推進', null, '合計', 21, 400, `x${i}`, null, null))
    const r = parseLongTable([H, ...bad], 't.csv')
    expect(r.issues).toHaveLength(MAX_ISSUES + 1)
    expect(r.issues.at(-1)).toEqual({ severity: 'error', file: 't.csv', row: null, column: null,
      message: `ほかに100件の問題があります（最初の${MAX_ISSUES}件のみ表示しています）` })
  })
})

describe('incremental reading (for a Worker)', () => {
  const grid = parseCsv([H.join(','), II_GOAL.join(','), II_STRUCTURE.join(','), II_ACTIVITY.join(',')].join('\n'))

  it('pushing rows one at a time gives the same result as one grid', () => {
    const p = createLongTableParser('t.csv')
    for (const r of grid) p.push([r])
    expect(p.finish()).toEqual(parseLongTable(grid, 't.csv'))
  })

  it('reports progress in rows', () => {
    const calls: [number, number][] = []
    parseLongTable(grid, 't.csv', { progressEvery: 2, onProgress: (d, t) => calls.push([d, t]) })
    expect(calls).toEqual([[2, 4], [4, 4]])
  })

  it('reports the format it is given (a spreadsheet reader passes xlsx-long)', () => {
    expect(parseLongTable(grid, 't.xlsx', { format: 'xlsx-long' }).format).toBe('xlsx-long')
  })
})

/** Every bad input as a committed file, with the exact Japanese message (file, row, column). */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseCsvImport, type CsvImport } from '@/domain/import/csv'
import { detectFormat } from '@/domain/import/detect'
import { hasErrors, type ImportIssue } from '@/domain/import/types'
import { exampleDatasets } from '@/data/example'

const read = (name: string): CsvImport => parseCsvImport(new Uint8Array(readFileSync(`tests/fixtures/csv/${name}`)), name)
const errors = (r: CsvImport) => r.issues.filter((i) => i.severity === 'error')
const warnings = (r: CsvImport) => r.issues.filter((i) => i.severity === 'warning')
const issue = (file: string, row: number | null, column: string | null, message: string, severity: ImportIssue['severity'] = 'error'): ImportIssue =>
  ({ severity, file, row, column, message })

describe('valid file: two municipalities × two years', () => {
  const r = read('valid-two-municipalities.csv')
  const find = (code: string, fy: number) => {
    const ds = r.datasets.find((d) => d.municipality.code === code && d.fiscalYear === fy)
    if (!ds) throw new Error(`no dataset ${code} ${fy}`)
    return ds
  }

  it('reads 41 rows into 4 datasets with no error; the one warning is the published 216.7', () => {
    expect(r.format).toBe('csv-long')
    expect(r.encoding).toBe('utf-8')
    expect(r.rowCount).toBe(41)
    expect(hasErrors(r)).toBe(false)
    expect(r.datasets.map((d) => `${d.municipality.code}:${d.fiscalYear}`)).toEqual(['04212:2025', '04212:2024', '04213:2025', '04213:2024'])
    expect(r.issues).toEqual([issue('valid-two-municipalities.csv', 14, '全国平均',
      '14行目 全国平均: 公表値216.7が目標の合計215.7と一致しません（端数調整とみられます。公表値のまま表示します）', 'warning')])
  })

  it('登米市 FY2025 努力 II (i): score 14, max 64, national average 33.3', () => {
    const g = find('04212', 2025).grants.doryoku?.goals.find((x) => x.goal === 'II')
    const s = g?.groups.find((x) => x.kind === 'structure')
    expect(s).toEqual({ kind: 'structure', items: 3, max: 64, score: 14, prefAvg: 32.9, natAvg: 33.3 })
    expect(g?.score).toBe(20)
    expect(g?.natAvg).toBe(46.5)
  })

  it('keeps the published 努力 national total 216.7, not the goal sum', () => {
    expect(find('04212', 2025).grants.doryoku?.total).toEqual({ items: 32, max: 400, score: 190, prefAvg: 211, natAvg: 216.7 })
  })

  it('登米市 equals the embedded example for FY2025 and FY2024 (6-digit code, 4212, ６４, Ⅱ, (i), R6, commas all read)', () => {
    const strip = (d: { source: unknown }) => ({ ...d, source: null })
    for (const fy of [2025, 2024]) {
      const expected = exampleDatasets().find((d) => d.fiscalYear === fy)!
      expect(strip(find('04212', fy))).toEqual(strip(expected))
    }
    expect(find('04212', 2025).grants.suishin?.amountYen).toBe(7081000)
    expect(find('04212', 2025).grants.doryoku?.prefRank).toEqual({ rank: 5, of: 35 })
  })

  it('「-」「－」「—」 and empty cells are missing (null), never 0', () => {
    const t = find('04212', 2024).grants
    expect(t.suishin?.total).toEqual({ items: 21, max: 400, score: 227, prefAvg: null, natAvg: null })
    expect(t.doryoku?.total.prefAvg).toBeNull()
    expect(t.doryoku?.goals).toEqual([])
  })

  it('栗原市: 042137 → 04213, 宮城 → 宮城県, dataset and grant figures from the 合計 rows', () => {
    const ds = find('04213', 2025)
    expect(ds.municipality).toEqual({ code: '04213', name: '栗原市', prefecture: '宮城県' })
    expect(ds.insuredCount).toBe(24000)
    expect(ds.sizeTier).toBe(3)
    expect(ds.grants.suishin?.goals).toEqual([])
    expect(ds.grants.suishin?.prefRank).toEqual({ rank: 8, of: 35 })
    expect(ds.grants.doryoku?.natRank).toEqual({ rank: 100, of: 1741 })
    expect(ds.grants.doryoku?.goals.map((g) => [g.goal, g.score])).toEqual([['I', 70], ['II', 70], ['III', 50], ['IV', 60]])
    expect(ds.source).toEqual({ label: 'テスト用の架空の値', file: 'valid-two-municipalities.csv', importedAt: null, example: false })
    expect(find('04213', 2024).insuredCount).toBe(23800) // 「令和6年度 (2024)」
  })
})

describe('bad inputs', () => {
  it('empty file', () => {
    const r = read('empty.csv')
    expect(r.issues).toEqual([issue('empty.csv', null, null, 'ファイルが空です')])
    expect(r.datasets).toEqual([])
  })

  it('header only', () => {
    expect(read('header-only.csv').issues).toEqual([issue('header-only.csv', null, null, 'データ行がありません（見出し行の下に1行以上必要です）')])
  })

  it('a binary file renamed .csv', () => {
    const message = 'CSVファイルとして読めません（バイナリファイルの可能性があります）'
    expect(read('binary.csv').issues).toEqual([issue('binary.csv', null, null, message)])
    expect(detectFormat('binary.csv', new Uint8Array(readFileSync('tests/fixtures/csv/binary.csv')))).toEqual({ error: message })
  })

  it('a PNG and a PDF renamed .csv say what they are', () => {
    const hint = 'CSV（.csv）、Excel（.xlsx）またはこのアプリのバックアップ（.json）を選んでください'
    expect(read('image-renamed.csv').issues).toEqual([issue('image-renamed.csv', null, null, `画像ファイル（PNG）は読み込めません。${hint}`)])
    expect(read('pdf-renamed.csv').issues).toEqual([issue('pdf-renamed.csv', null, null, `PDFファイルは読み込めません。${hint}`)])
  })

  it('missing required columns, listed by name', () => {
    const r = read('missing-columns.csv')
    expect(r.issues).toEqual([issue('missing-columns.csv', 1, null, '1行目: 必須の列がありません: 保険者名、得点')])
    expect(r.rowCount).toBe(0)
  })

  it('a non-numeric score', () => {
    const r = read('non-numeric.csv')
    expect(errors(r)).toEqual([issue('non-numeric.csv', 3, '得点', '3行目 得点: 数値ではありません（十四）')])
    expect(r.datasets).toEqual([])
  })

  it('a negative score', () => {
    expect(errors(read('negative.csv'))).toEqual([issue('negative.csv', 3, '得点', '3行目 得点: 0未満の値です（-1）')])
  })

  it('a score above the group maximum', () => {
    const r = read('above-max.csv')
    expect(errors(r)).toEqual([issue('above-max.csv', 3, '得点', '3行目 得点: 配点64を超えています（70）')])
    // and the goal row no longer adds up: a warning at the goal row
    expect(warnings(r).map((w) => w.message)).toContain('2行目 得点: 公表値20が指標群の合計76と一致しません（公表値のまま表示します）')
  })

  it('duplicate rows name both rows', () => {
    expect(errors(read('duplicate-rows.csv'))).toEqual([issue('duplicate-rows.csv', 4, null,
      '4行目: 2行目と重複しています（04212 令和7年度 (2025) 努力支援交付金 目標II 体制・取組指標群）')])
  })

  it('an unknown grant', () => {
    expect(errors(read('unknown-grant.csv'))).toEqual([issue('unknown-grant.csv', 2, '交付金',
      '2行目 交付金: 不明な交付金です（地域支援交付金）。推進交付金または努力支援交付金としてください')])
  })

  it('an unknown goal, a group the goal does not have, an unknown group', () => {
    expect(errors(read('unknown-goal.csv'))).toEqual([
      issue('unknown-goal.csv', 2, '目標', '2行目 目標: 不明な目標です（V）。I〜IV（Ⅰ〜Ⅳ、1〜4）としてください'),
      issue('unknown-goal.csv', 3, '指標群', '3行目 指標群: 目標IVにない指標群です（体制・取組指標群）'),
      issue('unknown-goal.csv', 4, '指標群', '4行目 指標群: 不明な指標群です（その他指標群）。体制・取組指標群、活動指標群、成果指標群、目標計、合計のいずれかとしてください'),
    ])
  })

  it('inconsistent totals are a warning and the published figure is kept', () => {
    const r = read('inconsistent-totals.csv')
    expect(hasErrors(r)).toBe(false)
    expect(warnings(r)).toContainEqual(issue('inconsistent-totals.csv', 2, '得点',
      '2行目 得点: 公表値22が指標群の合計20と一致しません（公表値のまま表示します）', 'warning'))
    expect(r.datasets[0]?.grants.doryoku?.goals[0]?.score).toBe(22)
  })

  it('HTML in a text cell: kept as plain text, with a warning', () => {
    const r = read('html-in-cell.csv')
    expect(hasErrors(r)).toBe(false)
    expect(warnings(r)).toContainEqual(issue('html-in-cell.csv', 2, '保険者名',
      '2行目 保険者名: HTMLタグのような文字列を含んでいます。文字列としてそのまま扱います（画面にはタグとして表示されません）', 'warning'))
    expect(r.datasets[0]?.municipality.name).toBe('<script>alert(1)</script>登米市')
  })

  it('a formula in a text cell: kept as plain text, with a warning', () => {
    const r = read('formula-in-text.csv')
    expect(hasErrors(r)).toBe(false)
    expect(warnings(r)).toContainEqual(issue('formula-in-text.csv', 2, '保険者名',
      '2行目 保険者名: 数式として解釈されるおそれのある文字（=）で始まっています。文字列としてそのまま読み込みます', 'warning'))
    expect(r.datasets[0]?.municipality.name).toBe('=HYPERLINK("http://example.com","登米市")')
  })

  it('a formula in a numeric cell is an error', () => {
    expect(errors(read('formula-in-number.csv'))).toEqual([issue('formula-in-number.csv', 2, '得点',
      '2行目 得点: 数式は読み込めません（=SUM(J3:J4)）。計算結果の値を入力してください')])
  })

  it('a 6-digit code with a wrong check digit', () => {
    expect(errors(read('bad-check-digit.csv'))).toEqual([issue('bad-check-digit.csv', 2, '保険者コード',
      '2行目 保険者コード: 検査数字が正しくありません（042128。04212の検査数字は9）')])
  })

  it('a goal given by its groups only: the goal is computed from them, with a warning', () => {
    const r = read('goal-row-missing.csv')
    expect(hasErrors(r)).toBe(false)
    const g = r.datasets[0]?.grants.doryoku?.goals[0]
    expect(g).toMatchObject({ goal: 'II', items: 6, max: 100, score: 20, prefAvg: 46.4, natAvg: 46.5 })
    expect(r.issues).toEqual([
      issue('goal-row-missing.csv', 2, '指標群', '2行目 指標群: 目標計の行がないため、努力支援交付金 目標IIの値を指標群の合計から算出しました（公表値と端数が異なることがあります）', 'warning'),
      issue('goal-row-missing.csv', 2, '指標群', '2行目 指標群: 合計の行がないため、努力支援交付金の合計は空欄とします', 'warning'),
    ])
    expect(r.datasets[0]?.grants.doryoku?.total).toEqual({ items: null, max: null, score: null, prefAvg: null, natAvg: null })
  })
})

describe('damaged rows and blank totals', () => {
  it('a row cut off mid-line is refused with its row number; nothing is imported', () => {
    const r = read('truncated-row.csv')
    expect(r.datasets).toEqual([])
    expect(errors(r)).toEqual([issue('truncated-row.csv', 4, null,
      '4行目: 列の数が見出しより少なくなっています（見出し12列、この行10列）。行が途中で切れているおそれがあります。空欄の列もコンマで区切って書いてください')])
  })

  it('a row with one cell too many is refused with its row number and the stray cell', () => {
    const r = read('extra-cell.csv')
    expect(r.datasets).toEqual([])
    expect(errors(r)).toEqual([issue('extra-cell.csv', 3, null,
      '3行目: 列の数が見出しより多くなっています（見出し12列、この行13列。13列目「14」に見出しがありません）。区切りのコンマが余分でないか確かめてください')])
  })

  it('extra cells that are all empty (trailing commas) are accepted', () => {
    const text = '保険者コード,保険者名,都道府県,評価年度,交付金,目標,指標群,項目数,配点,得点,県平均,全国平均\r\n04212,登米市,宮城県,2025,努力,II,目標計,6,100,20,46.4,46.5,,\r\n'
    const r = parseCsvImport(new TextEncoder().encode(text), 'trailing.csv')
    expect(errors(r)).toEqual([])
    expect(r.datasets).toHaveLength(1)
  })

  it('a blank 得点 on 合計 with every goal present: a warning, and the total computed from the goals', () => {
    const r = read('blank-total-score.csv')
    expect(errors(r)).toEqual([])
    expect(warnings(r)).toContainEqual(issue('blank-total-score.csv', 2, '得点',
      '2行目 得点: 努力支援交付金の合計の行の得点が空欄のため、目標の得点の合計（190点）を使います', 'warning'))
    const total = r.datasets[0]?.grants.doryoku?.total
    expect(total).toEqual({ items: 32, max: 400, score: 47 + 20 + 78 + 45, prefAvg: 211, natAvg: 216.7 })
  })

  it('a blank 得点 on 合計 with a goal missing stays blank (missing, never 0)', () => {
    const text = readFileSync('tests/fixtures/csv/blank-total-score.csv', 'utf8').split('\r\n').filter((l) => !l.includes(',IV,')).join('\r\n')
    const r = parseCsvImport(new TextEncoder().encode(text), 'three-goals.csv')
    expect(r.datasets[0]?.grants.doryoku?.total.score).toBeNull()
    expect(r.issues.some((i) => i.message.includes('得点の合計'))).toBe(false)
  })
})

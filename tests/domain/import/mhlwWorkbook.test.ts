import { describe, expect, it } from 'vitest'
import { codeFromInsurerNumber, fiscalYearIn, insurerCheckDigit, parseMhlwWorkbook } from '@/domain/import/mhlwWorkbook'
import type { Grid, ParsedImport } from '@/domain/import/types'
import type { GrantId, YearDataset } from '@/domain'
import { buildMhlwSheet, POOL, type MhlwSheetOptions } from '../../support/mhlwSheet'

const FILE = 'zenkoku.xlsx'
const parse = (opts: Partial<MhlwSheetOptions> = {}, fiscalYear?: number, file = FILE): ParsedImport =>
  parseMhlwWorkbook(buildMhlwSheet({ munis: POOL, ...opts }).rows, file, fiscalYear)
const byName = (p: ParsedImport, name: string): YearDataset => {
  const ds = p.datasets.find((d) => d.municipality.name === name)
  if (!ds) throw new Error(`no dataset for ${name}`)
  return ds
}
const errors = (p: ParsedImport) => p.issues.filter((i) => i.severity === 'error')
const warnings = (p: ParsedImport) => p.issues.filter((i) => i.severity === 'warning').map((i) => i.message)

// The default synthetic sheet: title row 1, a unit note row 2, a blank row 3, header rows 4–8,
// statistics rows 9–13 (配点, 平均点, 中央値, 標準偏差, 該当率), municipalities from row 14.
// Columns: A–G ids, H–K the previous year, L 推進 合計, M–O 推進 目標I ((i) 小計, (ii) 小計, 目標計), …
const SUISHIN_I_STRUCTURE = '保険者機能強化推進交付金 目標Ⅰ 持続可能な地域のあるべき姿をかたちにする （ⅰ）体制・取組指標群 小計（M列）'

describe('parseMhlwWorkbook: the synthetic national workbook', () => {
  const p = parse()

  it('reads every municipality and nothing else', () => {
    expect(errors(p)).toEqual([])
    expect(p.format).toBe('mhlw-xlsx')
    expect(p.rowCount).toBe(7)
    expect(p.datasets.map((d) => d.municipality.name)).toEqual(['登米市', '石巻市', '蔵王町', '盛岡市', '花巻市', '千代田区', '新宿区'])
  })

  it('does not read the statistics rows as municipalities', () => {
    const names = p.datasets.map((d) => d.municipality.name)
    for (const label of ['配点', '平均点', '中央値', '標準偏差', '該当率']) expect(names).not.toContain(label)
  })

  it('keys municipalities by the 保険者番号 without its check digit, with prefecture, insured and tier', () => {
    const tome = byName(p, '登米市')
    expect(tome.municipality).toEqual({ code: '04212', name: '登米市', prefecture: '宮城県' })
    expect(tome.fiscalYear).toBe(2025)
    expect(tome.insuredCount).toBe(26000)
    expect(tome.sizeTier).toBe(3)
    expect(byName(p, '新宿区').municipality).toEqual({ code: '13104', name: '新宿区', prefecture: '東京都' })
    expect(byName(p, '盛岡市').municipality.prefecture).toBe('岩手県')
    expect(tome.source).toEqual({ label: '厚生労働省「令和7年度 保険者機能強化推進交付金・介護保険保険者努力支援交付金 全国集計結果」',
      file: FILE, importedAt: null, example: false })
  })

  it('takes scores from the total, goal and group columns and 配点 from the 配点 row', () => {
    const s = byName(p, '登米市').grants.suishin!
    expect(s.total).toMatchObject({ score: 246, max: 400, items: 21 })
    expect(s.goals.map((g) => [g.goal, g.score, g.max])).toEqual([['I', 64, 100], ['II', 84, 100], ['III', 53, 100], ['IV', 45, 100]])
    expect(s.goals[0]!.groups.map((g) => [g.kind, g.score, g.max, g.items])).toEqual([['structure', 61, 64, 4], ['activity', 3, 36, 3]])
    expect(s.goals[3]!.groups.map((g) => [g.kind, g.score, g.max])).toEqual([['outcome', 45, 100]])
    const d = byName(p, '登米市').grants.doryoku!
    expect(d.total.score).toBe(195)
    expect(d.goals[1]!.groups.map((g) => g.score)).toEqual([14, 6])
    expect(d.amountYen).toBeNull()
  })

  it('keeps national averages as published in the 平均点 row', () => {
    const s = byName(p, '登米市').grants.suishin!
    // published rounded means: totals 1772/7 = 253.142… → 253.1; I(i) 335/7 = 47.857… → 47.9
    expect(s.total.natAvg).toBe(253.1)
    expect(s.goals[0]!.groups[0]!.natAvg).toBe(47.9)
    expect(s.goals[1]!.natAvg).toBe(74.9)
    // the published goal II average (74.9) differs from the sum of its groups (55.1 + 19.7): a warning, once
    expect(warnings(p)).toContain('10行目: 保険者機能強化推進交付金 目標II 全国平均: 公表値74.9が指標群の合計74.8と一致しません（端数調整とみられます。公表値のまま表示します）')
    expect(p.issues.filter((i) => i.message.includes('目標II 全国平均'))).toHaveLength(1)
  })

  it('computes prefectural averages from the file, unrounded, leaving missing values out', () => {
    const tome = byName(p, '登米市')
    // 宮城: 登米市 246, 石巻市 246, 蔵王町 140 → 632/3
    expect(tome.grants.suishin!.total.prefAvg).toBeCloseTo(632 / 3, 10)
    // 宮城 推進 I: 64, 60, 35 → 53; I(ii): 3, 10, 5 → 6
    expect(tome.grants.suishin!.goals[0]!.prefAvg).toBe(53)
    expect(tome.grants.suishin!.goals[0]!.groups[1]!.prefAvg).toBe(6)
    // 宮城 努力: 登米市 195, 石巻市 200; 蔵王町 has no 努力 figures
    expect(tome.grants.doryoku!.total.prefAvg).toBe(197.5)
    expect(byName(p, '盛岡市').grants.suishin!.total.prefAvg).toBe(300)
    // 東京 努力 II(i): 千代田区 64, 新宿区 20
    expect(byName(p, '新宿区').grants.doryoku!.goals[1]!.groups[0]!.prefAvg).toBe(42)
  })

  it('ranks by competition ranking within the prefecture and nationally', () => {
    const ranks = (grant: GrantId) => Object.fromEntries(p.datasets.map((d) => [d.municipality.name,
      [d.grants[grant]!.prefRank && `${d.grants[grant]!.prefRank!.rank}/${d.grants[grant]!.prefRank!.of}`,
        d.grants[grant]!.natRank && `${d.grants[grant]!.natRank!.rank}/${d.grants[grant]!.natRank!.of}`]]))
    // 推進: 千代田区 400, 盛岡市 350, 花巻市 250, 登米市 246 = 石巻市 246, 蔵王町 140 = 新宿区 140
    expect(ranks('suishin')).toEqual({
      登米市: ['1/3', '4/7'], 石巻市: ['1/3', '4/7'], 蔵王町: ['3/3', '6/7'],
      盛岡市: ['1/2', '2/7'], 花巻市: ['2/2', '3/7'], 千代田区: ['1/2', '1/7'], 新宿区: ['2/2', '6/7'],
    })
    // 努力: 千代田区 400, 盛岡市 350, 花巻市 240, 石巻市 200, 登米市 195, 新宿区 120; 蔵王町 missing → unranked
    expect(ranks('doryoku')).toEqual({
      登米市: ['2/2', '5/6'], 石巻市: ['1/2', '4/6'], 蔵王町: [null, null],
      盛岡市: ['1/2', '2/6'], 花巻市: ['2/2', '3/6'], 千代田区: ['1/2', '1/6'], 新宿区: ['2/2', '6/6'],
    })
  })

  it('keeps a missing value missing', () => {
    const zao = byName(p, '蔵王町').grants.doryoku!
    expect(zao.total.score).toBeNull()
    expect(zao.goals.every((g) => g.score === null && g.groups.every((x) => x.score === null))).toBe(true)
    expect(zao.total.natAvg).toBe(250.8)
  })

  it('ignores the previous year’s total and rank at the front and 今年度順位 at the end', () => {
    // the previous-year columns hold 300 + i and rank i + 1; 今年度順位 holds i + 1
    expect(p.datasets.map((d) => d.grants.suishin!.total.score)).toEqual([246, 246, 140, 350, 250, 400, 140])
    expect(byName(p, '登米市').grants.suishin!.natRank).toEqual({ rank: 4, of: 7 })
    const before = parse({ previousYear: 'before-ids' })
    expect(errors(before)).toEqual([])
    expect(before.datasets).toEqual(p.datasets)
  })
})

describe('parseMhlwWorkbook: finding columns by header text', () => {
  const reference = parse().datasets

  it('reads the same figures with the columns, rows and labels moved', () => {
    const shifted = parse({
      leadingBlankColumns: 3,
      idOrder: ['name', 'insurerNo', 'tier', 'insured', 'prefCode', 'serial', 'depopulated'],
      idHeaders: { name: '保険者名', insured: '第1号被保険者数（人）', tier: '規模区分' },
      previousYear: 'before-ids',
      grants: ['doryoku', 'suishin'],
      blankRowsAfterTitle: 0,
      unitNote: false,
      statLabelAt: 'name',
      stats: ['該当率', '平均点', '配点'],
      rankAtEnd: false,
    })
    expect(errors(shifted)).toEqual([])
    expect(shifted.datasets).toEqual(reference)
  })

  it('reads the same figures when item columns sit beside the totals', () => {
    const withItems = parse({ items: 'with-totals' })
    expect(errors(withItems)).toEqual([])
    expect(withItems.datasets).toEqual(reference)
  })

  it('sums items (and their 枝番) into groups, goals and totals when only item columns exist, and says so', () => {
    const only = parse({ items: 'only' })
    expect(errors(only)).toEqual([])
    for (const [a, b] of only.datasets.map((d, i) => [d, reference[i]!] as const)) {
      for (const grant of ['suishin', 'doryoku'] as const) {
        expect(a.grants[grant]!.total.score).toBe(b.grants[grant]!.total.score)
        expect(a.grants[grant]!.total.max).toBe(400)
        expect(a.grants[grant]!.goals.map((g) => [g.score, g.max, g.groups.map((x) => [x.score, x.max])]))
          .toEqual(b.grants[grant]!.goals.map((g) => [g.score, g.max, g.groups.map((x) => [x.score, x.max])]))
        expect(a.grants[grant]!.prefRank).toEqual(b.grants[grant]!.prefRank)
      }
    }
    expect(warnings(only)).toContain('得点の列がないため、下の階層の得点・配点・全国平均を合計して求めました: 推進交付金 目標I (i)、推進交付金 目標I (ii)、推進交付金 目標I、推進交付金 目標II (i)、推進交付金 目標II (ii)、推進交付金 目標II ほか16件')
  })

  it('reads a sheet per grant, with the grant named in the title and id headers in the last header row', () => {
    const grid: Grid = [
      ['令和7年度 保険者機能強化推進交付金 全国集計結果'],
      [null, null, null, null, '目標Ⅰ', null, null, '目標Ⅳ', null],
      [null, null, null, '合計', '(ⅰ)', '(ⅱ)', '計', '成果指標群', '計'],
      ['都道府県番号', '保険者番号', '保険者名', null, null, null, null, null, null],
      ['配点', null, null, 400, 64, 36, 100, 100, 100],
      [4, 42127, '登米市', 246, 61, 3, 64, 45, 45],
      [4, '042028', '石巻市', 246, 50, 10, 60, 50, 50],
      ['※ 合計には目標Ⅱ・Ⅲを含みます'],
    ]
    const p = parseMhlwWorkbook(grid, 'r7_suishin.xlsx')
    expect(errors(p)).toEqual([])
    expect(p.datasets.map((d) => [d.municipality.code, d.grants.suishin!.total.score, d.grants.suishin!.goals.map((g) => g.score)]))
      .toEqual([['04212', 246, [64, 45]], ['04202', 246, [60, 50]]])
    expect(p.datasets[0]!.grants.doryoku).toBeUndefined()
    expect(p.datasets[0]!.grants.suishin!.goals[0]!.groups.map((g) => [g.kind, g.score, g.max])).toEqual([['structure', 61, 64], ['activity', 3, 36]])
    expect(p.datasets[0]!.grants.suishin!.prefRank).toEqual({ rank: 1, of: 2 })
    expect(warnings(p)).toContain('平均点の行がないため、全国平均はこのファイルの市町村の平均として計算しました')
    expect(p.datasets[0]!.grants.suishin!.goals[0]!.natAvg).toBe(62)
  })

  it('uses the other grant’s goal IV when a grant has none (the outcome indicators are shared)', () => {
    const grid: Grid = [
      ['令和7年度 全国集計結果'],
      ['保険者番号', '市町村名', '保険者機能強化推進交付金', null, '介護保険保険者努力支援交付金'],
      [null, null, '目標Ⅰ', '目標Ⅳ', '目標Ⅰ'],
      ['042127', '登米市', 64, 45, 60],
    ]
    const p = parseMhlwWorkbook(grid, FILE)
    expect(errors(p)).toEqual([])
    expect(p.datasets[0]!.grants.doryoku!.goals.map((g) => [g.goal, g.score])).toEqual([['I', 60], ['IV', 45]])
    expect(p.datasets[0]!.grants.doryoku!.total.score).toBe(105)
    expect(warnings(p)).toContain('努力支援交付金の目標IVの列がないため、推進交付金の目標IV（両交付金に共通の成果指標）を用います')
  })
})

describe('parseMhlwWorkbook: the evaluation year', () => {
  it('comes from the title (令和7年度 → 2025)', () => {
    expect(parse().datasets[0]!.fiscalYear).toBe(2025)
    expect(parse({ fiscalYear: 2024 }).datasets[0]!.fiscalYear).toBe(2024)
  })

  it('can be given, overriding the title', () => {
    expect(parse({}, 2024).datasets[0]!.fiscalYear).toBe(2024)
  })

  it('falls back to the file name, and is an error when nowhere', () => {
    const fromName = parse({ title: null }, undefined, 'R7_zenkoku.xlsx')
    expect(fromName.datasets[0]!.fiscalYear).toBe(2025)
    // the unit note above the table is not taken for a title
    expect(fromName.datasets[0]!.source.label).toBe('厚生労働省 全国集計結果（R7_zenkoku.xlsx）')
    const p = parse({ title: null })
    expect(p.datasets).toEqual([])
    expect(p.issues).toEqual([{ severity: 'error', file: FILE, row: null, column: null,
      message: '評価年度が分かりません。表題かファイル名に「令和7年度」のような年度を入れてから読み込んでください' }])
  })

  it.each([
    ['令和7年度 全国集計結果', 2025], ['令和元年度', 2019], ['平成30年度', 2018], ['２０２５年度', 2025], ['r7_kekka.xlsx', 2025], ['結果.xlsx', null],
  ])('%s → %s', (text, fy) => {
    expect(fiscalYearIn(text)).toBe(fy)
  })
})

describe('parseMhlwWorkbook: bad workbooks', () => {
  it('names missing required columns', () => {
    const p = parse({ idHeaders: { insurerNo: '番号', name: '名称' } })
    expect(p.datasets).toEqual([])
    expect(p.issues).toEqual([{ severity: 'error', file: FILE, row: null, column: null, message: '必要な列が見つかりません: 保険者番号、市町村名' }])
    expect(parse({ idHeaders: { name: '名称' } }).issues.map((i) => i.message)).toEqual(['必要な列が見つかりません: 市町村名'])
  })

  it('says when no score columns are found', () => {
    const p = parseMhlwWorkbook([['保険者番号', '市町村名', '備考'], ['042127', '登米市', 'x']], FILE)
    expect(p.issues.map((i) => i.message)).toEqual(['得点の列が見つかりません（交付金・目標・指標群の見出しを確認してください）'])
  })

  it('refuses a non-numeric score, with row and column', () => {
    const p = parse({ cellOverrides: [{ muni: 0, key: 'suishin/I/structure', value: 'ａｂｃ' }] })
    expect(p.datasets).toEqual([])
    expect(errors(p)).toEqual([{ severity: 'error', file: FILE, row: 14, column: SUISHIN_I_STRUCTURE,
      message: `14行目 ${SUISHIN_I_STRUCTURE}: 数値ではありません（ａｂｃ）` }])
  })

  it('refuses a score above its 配点, and a negative score', () => {
    const p = parse({ cellOverrides: [{ muni: 1, key: 'suishin/I/structure', value: 70 }, { muni: 2, key: 'doryoku', value: -5 }] })
    expect(p.datasets).toEqual([])
    expect(errors(p).map((i) => i.message)).toEqual([
      `15行目 ${SUISHIN_I_STRUCTURE}: 配点64を超えています（70）`,
      '16行目 介護保険保険者努力支援交付金 合計（X列）: 0未満の値です（-5）',
    ])
  })

  it('accepts dashes and blanks as missing values, and full-width digits as numbers', () => {
    const p = parse({ cellOverrides: [{ muni: 0, key: 'suishin/I/structure', value: '－' }, { muni: 1, key: 'suishin/I/structure', value: '５０' }] })
    expect(errors(p)).toEqual([])
    expect(byName(p, '登米市').grants.suishin!.goals[0]!.groups[0]!.score).toBeNull()
    expect(byName(p, '石巻市').grants.suishin!.goals[0]!.groups[0]!.score).toBe(50)
  })

  it('refuses a malformed or repeated 保険者番号', () => {
    const munis = [POOL[0]!, { ...POOL[1]!, insurerNo: '04-20A' }, { ...POOL[2]!, insurerNo: '042127' }]
    const p = parseMhlwWorkbook(buildMhlwSheet({ munis }).rows, FILE)
    expect(errors(p).map((i) => [i.row, i.column, i.message])).toEqual([
      [15, '保険者番号（C列）', '15行目 保険者番号（C列）: 6桁の数字ではありません（04-20A）'],
      [16, '保険者番号（C列）', '16行目 保険者番号（C列）: 14行目と同じ保険者番号です（042127）'],
    ])
  })

  it('warns once about wrong check digits and reads the numbers as they are', () => {
    const munis = [{ ...POOL[0]!, insurerNo: '042128' }, { ...POOL[1]!, insurerNo: '042029' }, POOL[2]!]
    const p = parseMhlwWorkbook(buildMhlwSheet({ munis }).rows, FILE)
    expect(errors(p)).toEqual([])
    expect(warnings(p)).toContain('14行目 保険者番号（C列）: 保険者番号の検証番号が一致しません（042128。正しくは042127。ほか1行）。番号はそのまま読み込みます')
    expect(p.datasets[0]!.municipality.code).toBe('04212')
  })

  it('refuses a 都道府県番号 outside 1–47', () => {
    const p = parseMhlwWorkbook(buildMhlwSheet({ munis: [{ ...POOL[0]!, pref: 48 }] }).rows, FILE)
    expect(errors(p).map((i) => i.message)).toEqual(['14行目 都道府県番号（B列）: 都道府県番号は1〜47です（48）'])
  })

  it('uses the catalogue’s 配点 when the 配点 row is missing, and says so', () => {
    const p = parse({ stats: ['平均点'] })
    expect(errors(p)).toEqual([])
    expect(byName(p, '登米市').grants.suishin!.goals[0]!.groups.map((g) => g.max)).toEqual([64, 36])
    expect(warnings(p)).toContain('配点の行がないため、配点は交付金の評価指標（カタログ）の値を用います')
  })

  it('computes national averages from the file when the 平均点 row is missing, and says so', () => {
    const p = parse({ stats: ['配点'] })
    expect(errors(p)).toEqual([])
    expect(byName(p, '登米市').grants.suishin!.total.natAvg).toBeCloseTo(1772 / 7, 10)
    expect(warnings(p)).toContain('平均点の行がないため、全国平均はこのファイルの市町村の平均として計算しました')
  })

  it('reports a 配点 that differs from the year’s catalogue once, at the 配点 row', () => {
    const p = parse({ statOverrides: [{ stat: '配点', key: 'suishin/I/structure', value: 60 }] })
    expect(p.datasets).toEqual([])
    expect(errors(p).filter((i) => i.message.includes('配点: この年度の配点64と異なります'))).toEqual([{ severity: 'error', file: FILE, row: 9, column: null,
      message: '9行目: 保険者機能強化推進交付金 目標I 体制・取組指標群 配点: この年度の配点64と異なります（60）' }])
  })

  it('warns about 区分 values that are not size tiers, and derives tiers when the column is absent', () => {
    const bad = parseMhlwWorkbook(buildMhlwSheet({ munis: [{ ...POOL[0]!, tier: '市' }, { ...POOL[1]!, tier: '規模3' }] }).rows, FILE)
    expect(errors(bad)).toEqual([])
    expect(bad.datasets.map((d) => d.sizeTier)).toEqual([null, 3])
    expect(warnings(bad)).toContain('14行目 区分（F列）: 規模区分（1〜5）として読めません（市）。規模区分は空欄とします')
    const none = parse({ idOrder: ['serial', 'prefCode', 'insurerNo', 'name', 'insured'] })
    expect(errors(none)).toEqual([])
    expect(none.datasets.map((d) => d.sizeTier)).toEqual([3, 3, 2, 4, 3, 3, 4])
    expect(warnings(none)).toContain('区分（規模区分）の列がないため、第1号被保険者数から規模区分を求めました（1: 3,000人未満 … 5: 10万人以上）')
  })
})

describe('保険者番号', () => {
  it.each([['13104', 5], ['13101', 1], ['12101', 2], ['04212', 7], ['03201', 1]])('check digit of %s is %i', (first5, digit) => {
    expect(insurerCheckDigit(first5)).toBe(digit)
  })

  it('gives the code without the check digit', () => {
    expect(codeFromInsurerNumber('042127')).toBe('04212')
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BACKUP_VERSION, emptyTables, parseBackup, serializeBackup, type BackupTables } from '@/domain/backup'
import { hasErrors } from '@/domain/import/types'
import { createScenario, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const fixture = (name: string) => readFileSync(`tests/fixtures/json/${name}`, 'utf8')
const messages = (name: string) => parseBackup(fixture(name), name).issues.filter((i) => i.severity === 'error').map((i) => i.message)
const EXPORTED_AT = '2025-06-02T10:00:00.000Z'

/** A version-1 document, as the app wrote them before version 2. */
const v1 = (datasets: unknown[], scenarios: unknown[] = []) =>
  `${JSON.stringify({ app: 'incentive-lens', kind: 'backup', version: 1, exportedAt: EXPORTED_AT, datasets, scenarios }, null, 2)}\n`

const record = (d: YearDataset, savedAt: string) => ({ code: d.municipality.code, fiscalYear: d.fiscalYear, prefecture: d.municipality.prefecture, data: d, savedAt })

/** Every kind of record, with its own timestamps. */
function allTables(): BackupTables {
  const datasets = exampleDatasets()
  datasets[0]!.source = { label: '登米市「評価結果」（令和7年度）', file: '登米市_評価結果.csv', importedAt: '2025-06-01T09:00:00.000Z', example: false }
  const s = createScenario({ id: 's1', name: '認知症施策を強化する案', code: '04212', fiscalYear: 2025, now: '2025-05-01T00:00:00.000Z' })
  return {
    datasets: datasets.map((d, i) => record(d, `2025-06-0${i + 1}T00:00:00.000Z`)),
    scenarios: [{ id: s.id, code: s.code, fiscalYear: s.fiscalYear, name: s.name, createdAt: s.createdAt, updatedAt: '2025-05-02T00:00:00.000Z', body: s }],
    meta: [
      { key: 'exampleSeeded', value: '2025-04-01T00:00:00.000Z' },
      { key: 'slides:04212', value: { version: 1, entries: [{ id: 'gap', included: true }, { id: 'title', included: false }], savedAt: '2025-05-03T00:00:00.000Z' } },
    ],
    reports: [{ code: '04212', fiscalYear: 2025, body: { sections: { intro: '<b>はじめに</b>&"\'' } }, updatedAt: '2025-05-04T00:00:00.000Z' }],
    populations: [{ id: 'nation-2025', fiscalYear: 2025, body: { codes: ['04212'] }, savedAt: '2025-05-05T00:00:00.000Z' }],
  }
}

describe('serializeBackup / parseBackup round trip', () => {
  it('version 2: every table comes back record for record, timestamps included', () => {
    const tables = allTables()
    const text = serializeBackup({ tables, exportedAt: EXPORTED_AT })
    expect(JSON.parse(text)).toMatchObject({ app: 'incentive-lens', kind: 'backup', version: 2, exportedAt: EXPORTED_AT })
    const r = parseBackup(text, 'backup.json')
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(r.version).toBe(2)
    expect(r.tables).toEqual(tables)
    expect(r.datasets).toEqual(tables.datasets.map((d) => d.data))
    // the published 216.7 keeps its rounding warning, located by JSON path
    expect(r.issues.map((i) => i.message)).toEqual([
      'datasets[0].data.grants.doryoku.total.natAvg: 公表値216.7が目標の合計215.7と一致しません（端数調整とみられます。公表値のまま表示します）',
    ])
  })

  it('keeps fields this version does not know (optional fields added later), at every level', () => {
    const tables = allTables()
    const d = tables.datasets[2]!.data as YearDataset & Record<string, unknown>
    d.combinedTotal = { score: 436, max: 800 }
    ;(d.grants.suishin as unknown as Record<string, unknown>).items = [{ id: 'suishin-I-1', score: 12 }]
    const r = parseBackup(serializeBackup({ tables, exportedAt: EXPORTED_AT }), 'b.json')
    expect(hasErrors(r)).toBe(false)
    expect(r.tables.datasets[2]!.data).toEqual(d)
  })

  it('refuses a dataset record whose key fields disagree with its data, and a key twice', () => {
    const doc = JSON.parse(serializeBackup({ tables: allTables(), exportedAt: EXPORTED_AT }))
    doc.datasets[1].code = '04213'
    doc.scenarios.push(doc.scenarios[0])
    expect(parseBackup(JSON.stringify(doc), 'b.json').issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      'datasets[1]: 見出し（04213 2024 宮城県）とデータ（04212 2024 宮城県）が一致しません',
      'scenarios[1]: scenarios[0]と同じキーです（s1）',
    ])
  })

  it('version 1 is still read: datasets get the export time as savedAt, scenarios kept as records', () => {
    const datasets = exampleDatasets()
    const scenarios = [{ id: 's1', name: '認知症施策を強化する案', changes: [{ key: 'doryoku/II/structure', delta: 12 }] }]
    const r = parseBackup(v1(datasets, scenarios), 'backup.json')
    expect(hasErrors(r)).toBe(false)
    expect(r.version).toBe(1)
    expect(r.datasets).toEqual(datasets)
    expect(r.tables.datasets.map((x) => x.savedAt)).toEqual([EXPORTED_AT, EXPORTED_AT, EXPORTED_AT])
    expect(r.tables.scenarios).toEqual(scenarios)
    expect([r.tables.meta, r.tables.reports, r.tables.populations]).toEqual([[], [], []])
    expect(r.exportedAt).toBe(EXPORTED_AT)
    expect(r.rowCount).toBe(3)
  })

  it('accepts a BOM; an empty backup has empty tables', () => {
    const r = parseBackup(`\uFEFF${serializeBackup({ tables: emptyTables(), exportedAt: EXPORTED_AT })}`, 'b.json')
    expect(r.issues).toEqual([])
    expect(r.tables).toEqual(emptyTables())
  })

  it('reads the committed version-1 fixture', () => {
    const r = parseBackup(fixture('backup-valid.json'), 'backup-valid.json')
    expect(hasErrors(r)).toBe(false)
    expect(r.datasets.map((d) => d.fiscalYear)).toEqual([2023, 2024, 2025])
    const ii = r.datasets[2]?.grants.doryoku?.goals.find((g) => g.goal === 'II')
    expect(ii?.groups[0]).toEqual({ kind: 'structure', items: 3, max: 64, score: 14, prefAvg: 32.9, natAvg: 33.3 })
    expect(r.datasets[2]?.grants.suishin?.prefRank).toEqual({ rank: 4, of: 35 })
    expect(r.tables.scenarios).toEqual([{ id: 'a', name: '認知症施策を強化' }])
  })
})

describe('parseBackup: strict shape, Japanese errors with a JSON path', () => {
  it('a number written as text', () => {
    const r = parseBackup(fixture('backup-bad-number.json'), 'backup-bad-number.json')
    expect(r.issues).toEqual([{ severity: 'error', file: 'backup-bad-number.json', row: null,
      column: 'datasets[2].grants.suishin.total.score', message: 'datasets[2].grants.suishin.total.score: 数値ではありません' }])
    expect(r.datasets).toEqual([])
    expect(r.tables).toEqual(emptyTables())
  })

  it('unknown grant, goal and group ids', () => {
    expect(messages('backup-unknown-ids.json')).toEqual([
      'datasets[1].grants.chiiki: 不明な交付金です（chiiki）',
      'datasets[2].grants.doryoku.goals[1].goal: 不明な目標です（V）',
      'datasets[2].grants.doryoku.goals[1].groups[1].kind: 不明な指標群です（other）',
    ])
  })

  it('the same municipality and year twice', () => {
    expect(messages('backup-duplicate.json')).toEqual(['datasets[3]: datasets[1]と同じ保険者・年度です（04212 登米市 令和6年度 (2024)）'])
  })

  it('a newer version', () => {
    expect(messages('backup-newer-version.json')).toEqual([
      `version: 新しい形式（version 3）のバックアップです。このアプリは version ${BACKUP_VERSION} まで読めます。アプリを更新してください`,
    ])
  })

  it('some other JSON (the city summary format)', () => {
    expect(messages('backup-not-ours.json')).toEqual(['app: incentive-lensのバックアップファイルではありません（app: なし, kind: なし）'])
  })

  it('broken JSON says where', () => {
    expect(messages('backup-broken.json')).toEqual(['JSONとして読めません（構文エラー、5行3列目付近）'])
  })

  it('checks every field: types, null where allowed, integers, ranges, finite numbers', () => {
    const base = JSON.parse(v1(exampleDatasets()))
    const edit = (f: (d: { datasets: YearDataset[] } & Record<string, unknown>) => void) => {
      const doc = structuredClone(base)
      f(doc)
      return parseBackup(JSON.stringify(doc), 'b.json').issues.filter((i) => i.severity === 'error').map((i) => i.message)
    }
    const d0 = (d: { datasets: YearDataset[] }) => d.datasets[0] as unknown as Record<string, Record<string, unknown>>
    expect(edit((d) => { d0(d).municipality!.code = '4212' })).toEqual(['datasets[0].municipality.code: 5桁の地方公共団体コードではありません（4212）'])
    expect(edit((d) => { delete d0(d).municipality!.name })).toEqual(['datasets[0].municipality.name: 項目がありません'])
    expect(edit((d) => { (d0(d) as Record<string, unknown>).fiscalYear = 2025.5 })).toEqual(['datasets[0].fiscalYear: 2018〜2099の整数ではありません（2025.5）'])
    expect(edit((d) => { (d0(d) as Record<string, unknown>).sizeTier = 6 })).toEqual(['datasets[0].sizeTier: 1〜5ではありません（6）'])
    expect(edit((d) => { (d0(d) as Record<string, unknown>).insuredCount = -1 })).toEqual(['datasets[0].insuredCount: 0以上の整数ではありません（-1）'])
    expect(edit((d) => { d0(d).source!.example = 'yes' })).toEqual(['datasets[0].source.example: 真偽値（true/false）ではありません'])
    expect(edit((d) => { d.datasets[0]!.grants.suishin!.prefRank = { rank: 36, of: 35 } })).toEqual(['datasets[0].grants.suishin.prefRank.rank: 順位が母数35を超えています（36）'])
    expect(edit((d) => { (d.datasets[0]!.grants.suishin as unknown as Record<string, unknown>).grant = 'doryoku' }))
      .toEqual(['datasets[0].grants.suishin.grant: 交付金のIDがキー（suishin）と一致しません（doryoku）'])
    expect(edit((d) => { (d.datasets[0]!.grants.doryoku!.goals[1]!.groups as unknown) = {} })).toEqual(['datasets[0].grants.doryoku.goals[1].groups: 配列ではありません'])
    expect(edit((d) => { d.scenarios = null })).toEqual(['scenarios: 配列ではありません'])
    expect(edit((d) => { delete (d as Record<string, unknown>).datasets })).toEqual(['datasets: 項目がありません'])
    // validation of the values themselves, located by path
    expect(edit((d) => { d.datasets[0]!.grants.doryoku!.goals[1]!.groups[0]!.score = 70 }))
      .toEqual(['datasets[0].grants.doryoku.goals[1].groups[0].score: 配点64を超えています（70）'])
    // 1e999 parses to Infinity: not a finite number
    const inf = v1(exampleDatasets()).replace('"score": 246', '"score": 1e999')
    expect(parseBackup(inf, 'b.json').issues.map((i) => i.message)).toContain('datasets[0].grants.suishin.total.score: 数値ではありません')
  })

  it('a top level that is not an object', () => {
    expect(parseBackup('[]', 'b.json').issues.map((i) => i.message))
      .toEqual(['このアプリのバックアップファイルではありません（JSONの最上位がオブジェクトではありません）'])
  })
})

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BACKUP_VERSION, parseBackup, serializeBackup } from '@/domain/backup'
import { hasErrors } from '@/domain/import/types'
import type { YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const fixture = (name: string) => readFileSync(`tests/fixtures/json/${name}`, 'utf8')
const messages = (name: string) => parseBackup(fixture(name), name).issues.filter((i) => i.severity === 'error').map((i) => i.message)
const EXPORTED_AT = '2025-06-02T10:00:00.000Z'

describe('serializeBackup / parseBackup round trip', () => {
  it('gives equal datasets and scenarios, Japanese text included', () => {
    const datasets = exampleDatasets()
    datasets[0]!.source = { label: '登米市「評価結果」（令和7年度）', file: '登米市_評価結果.csv', importedAt: '2025-06-01T09:00:00.000Z', example: false }
    datasets[0]!.sizeTier = 3
    datasets[0]!.insuredCount = 27000
    const scenarios = [{ id: 's1', name: '認知症施策を強化する案', changes: [{ key: 'doryoku/II/structure', delta: 12 }] }]
    const text = serializeBackup({ datasets, scenarios, exportedAt: EXPORTED_AT })
    const doc = JSON.parse(text)
    expect(doc).toMatchObject({ app: 'incentive-lens', kind: 'backup', version: 1, exportedAt: EXPORTED_AT })
    const r = parseBackup(text, 'backup.json')
    expect(hasErrors(r)).toBe(false)
    expect(r.format).toBe('backup-json')
    expect(r.datasets).toEqual(datasets)
    expect(r.scenarios).toEqual(scenarios)
    expect(r.exportedAt).toBe(EXPORTED_AT)
    expect(r.rowCount).toBe(3)
    // the published 216.7 keeps its rounding warning, located by JSON path
    expect(r.issues.map((i) => i.message)).toEqual([
      'datasets[0].grants.doryoku.total.natAvg: 公表値216.7が目標の合計215.7と一致しません（端数調整とみられます。公表値のまま表示します）',
    ])
    expect(r.issues[0]).toMatchObject({ severity: 'warning', row: null, column: 'datasets[0].grants.doryoku.total.natAvg' })
  })

  it('defaults to no scenarios and accepts a BOM', () => {
    const text = `\uFEFF${serializeBackup({ datasets: [], exportedAt: EXPORTED_AT })}`
    const r = parseBackup(text, 'b.json')
    expect(r.issues).toEqual([])
    expect(r.scenarios).toEqual([])
  })

  it('reads the committed version-1 fixture', () => {
    const r = parseBackup(fixture('backup-valid.json'), 'backup-valid.json')
    expect(hasErrors(r)).toBe(false)
    expect(r.datasets.map((d) => d.fiscalYear)).toEqual([2023, 2024, 2025])
    const ii = r.datasets[2]?.grants.doryoku?.goals.find((g) => g.goal === 'II')
    expect(ii?.groups[0]).toEqual({ kind: 'structure', items: 3, max: 64, score: 14, prefAvg: 32.9, natAvg: 33.3 })
    expect(r.datasets[2]?.grants.suishin?.prefRank).toEqual({ rank: 4, of: 35 })
    expect(r.scenarios).toEqual([{ id: 'a', name: '認知症施策を強化' }])
  })
})

describe('parseBackup: strict shape, Japanese errors with a JSON path', () => {
  it('a number written as text', () => {
    const r = parseBackup(fixture('backup-bad-number.json'), 'backup-bad-number.json')
    expect(r.issues).toEqual([{ severity: 'error', file: 'backup-bad-number.json', row: null,
      column: 'datasets[2].grants.suishin.total.score', message: 'datasets[2].grants.suishin.total.score: 数値ではありません' }])
    expect(r.datasets).toEqual([])
    expect(r.scenarios).toEqual([])
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
      `version: 新しい形式（version 2）のバックアップです。このアプリは version ${BACKUP_VERSION} まで読めます。アプリを更新してください`,
    ])
  })

  it('some other JSON (the city summary format)', () => {
    expect(messages('backup-not-ours.json')).toEqual(['app: incentive-lensのバックアップファイルではありません（app: なし, kind: なし）'])
  })

  it('broken JSON says where', () => {
    expect(messages('backup-broken.json')).toEqual(['JSONとして読めません（構文エラー、5行3列目付近）'])
  })

  it('checks every field: types, null where allowed, integers, ranges, finite numbers', () => {
    const base = JSON.parse(serializeBackup({ datasets: exampleDatasets(), exportedAt: EXPORTED_AT }))
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
    const inf = serializeBackup({ datasets: exampleDatasets(), exportedAt: EXPORTED_AT }).replace('"score": 246', '"score": 1e999')
    expect(parseBackup(inf, 'b.json').issues.map((i) => i.message)).toContain('datasets[0].grants.suishin.total.score: 数値ではありません')
  })

  it('a top level that is not an object', () => {
    expect(parseBackup('[]', 'b.json').issues.map((i) => i.message))
      .toEqual(['このアプリのバックアップファイルではありません（JSONの最上位がオブジェクトではありません）'])
  })
})

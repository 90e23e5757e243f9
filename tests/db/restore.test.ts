/** Restoring a backup: every kind of record, merge rules kind by kind, replace gives back the same tables. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { openDb, saveScenario, saveSlideChoice, seedExampleOnFirstRun, toRecord, type IncentiveLensDb } from '@/db'
import { planBackupMerge, readAllTables, restoreBackup } from '@/db/restore'
import { parseBackup, serializeBackup } from '@/domain/backup'
import { describeMerge, SLIDES_PREFIX } from '@/domain/restorePlan'
import { SLIDES_KEY_PREFIX } from '@/db/slides'
import { createScenario, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

const T0 = '2025-06-01T00:00:00.000Z'
const T1 = '2025-06-02T00:00:00.000Z'
const T2 = '2025-06-03T00:00:00.000Z'
let source: IncentiveLensDb
let target: IncentiveLensDb

function own(ds: YearDataset, score: number): YearDataset {
  const c = structuredClone(ds)
  c.grants.suishin!.total.score = score
  c.source = { label: '自分で取り込んだ', file: 'own.csv', importedAt: T0, example: false }
  return c
}
const scenario = (id: string, name: string, now: string) => createScenario({ id, name, code: '04212', fiscalYear: 2025, now })

beforeEach(async () => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  source = await openDb('source-browser')
  target = await openDb('target-browser')
  // the source: the user's own figures for 登米市 (no example), two scenarios, a slide choice, a report, a population
  await source.datasets.bulkPut(exampleDatasets().map((d) => toRecord(own(d, 200), T0)))
  await saveScenario(source, scenario('a', '案A', T1))
  await saveScenario(source, scenario('b', '案B', T0))
  await saveSlideChoice(source, '04212', [{ id: 'gap', included: true }, { id: 'title', included: false }], T1)
  await source.reports.put({ code: '04212', fiscalYear: 2025, body: { intro: 'はじめに<&>' }, updatedAt: T1 })
  await source.populations.put({ id: 'nation-2025', fiscalYear: 2025, body: { n: 1741 }, savedAt: T1 })
  await source.meta.put({ key: 'exampleSeeded', value: T0 })
})
afterEach(() => { source.close(); target.close() })

async function backupOf(db: IncentiveLensDb) {
  const parsed = parseBackup(serializeBackup({ tables: await readAllTables(db), exportedAt: T2 }), 'backup.json')
  expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([])
  return parsed.tables
}

describe('restoreBackup', () => {
  it('slide choices use the same meta prefix in the domain and the db', () => {
    expect(SLIDES_PREFIX).toBe(SLIDES_KEY_PREFIX)
  })

  it('置き換える into a seeded browser gives back every table exactly, timestamps included', async () => {
    await seedExampleOnFirstRun(target, exampleDatasets(), T2)
    await restoreBackup(target, await backupOf(source), 'replace', new Map(), T2)
    expect(await readAllTables(target)).toEqual(await readAllTables(source))
  })

  it('追加する: the example gives way, nothing is dropped, and the plan says so kind by kind', async () => {
    await seedExampleOnFirstRun(target, exampleDatasets(), T2)
    await saveScenario(target, { ...scenario('a', '案A（この端末で後から変更）', T2) })
    await saveScenario(target, scenario('b', '案B（古い）', '2025-05-01T00:00:00.000Z'))
    await saveScenario(target, scenario('c', 'この端末だけの案', T0))
    const backup = await backupOf(source)
    const plan = await planBackupMerge(target, backup)
    expect(plan.datasets.replaceExample.sort()).toEqual(['04212:2023', '04212:2024', '04212:2025'])
    expect(plan.datasets.conflicts).toEqual([])
    expect([plan.scenarios.keepCurrent, plan.scenarios.takeBackup]).toEqual([['a'], ['b']])
    expect(describeMerge(plan)).toEqual([
      'データ（保険者・年度）：バックアップに3件 → 追加 0件、例のデータをバックアップの内容で置き換え 3件',
      'シナリオ：バックアップに2件 → 追加 0件、同じIDで内容が違う 2件（更新の新しいほうを残す：バックアップ 1件、今のもの 1件）',
      'スライドの選択：バックアップに1件 → 追加 1件',
      '設定：バックアップにはありません（今のものはそのまま）',
      '報告書の文章：バックアップに1件 → 追加 1件',
      '全国集計の母集団：バックアップに1件 → 追加 1件',
    ])

    const seeded = await target.meta.get('exampleSeeded')
    await restoreBackup(target, backup, 'merge', new Map(), T2)
    const after = await readAllTables(target)
    expect(after.datasets).toEqual(backup.datasets)
    expect(after.scenarios.map((s) => [s.id, s.name]).sort()).toEqual([['a', '案A（この端末で後から変更）'], ['b', '案B'], ['c', 'この端末だけの案']])
    expect(after.scenarios.find((s) => s.id === 'b')?.updatedAt).toBe(T0)
    expect(after.meta.find((m) => m.key === 'slides:04212')).toEqual(backup.meta.find((m) => m.key === 'slides:04212'))
    expect(await target.meta.get('exampleSeeded')).toEqual(seeded)
    expect(after.reports).toEqual(backup.reports)
    expect(after.populations).toEqual(backup.populations)
  })

  it('追加する: a stored dataset of the user is a conflict, kept unless the user chooses', async () => {
    await target.datasets.bulkPut(exampleDatasets().map((d) => toRecord(own(d, 150), T1)))
    const backup = await backupOf(source)
    expect((await planBackupMerge(target, backup)).datasets.conflicts.sort()).toEqual(['04212:2023', '04212:2024', '04212:2025'])
    await restoreBackup(target, backup, 'merge', new Map([['04212:2025', 'replace']]), T2)
    expect((await target.datasets.get(['04212', 2025]))?.data.grants.suishin?.total.score).toBe(200)
    expect((await target.datasets.get(['04212', 2024]))?.data.grants.suishin?.total.score).toBe(150)
  })

  it('is atomic: a failing write leaves every table as it was', async () => {
    await seedExampleOnFirstRun(target, exampleDatasets(), T2)
    const before = await readAllTables(target)
    const backup = await backupOf(source)
    backup.populations.push({ id: 'bad', fiscalYear: 2025, body: () => 1, savedAt: T1 })
    await expect(restoreBackup(target, backup, 'replace', new Map(), T2)).rejects.toThrow()
    expect(await readAllTables(target)).toEqual(before)
  })
})

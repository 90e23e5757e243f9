import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import {
  deleteScenario, duplicateScenario, getScenario, listScenarios, openDb, renameScenario,
  saveScenario, toRecord, toScenarioRecord, type IncentiveLensDb, type ScenarioRecord,
} from '@/db'
import { readAllTables, restoreBackup } from '@/db/restore'
import { createScenario, withAssumptions, withGroupScore, withItem, type Scenario } from '@/domain'
import { parseBackup, serializeBackup } from '@/domain/backup'
import { exampleDatasets } from '@/data/example'

const T0 = '2025-06-01T00:00:00.000Z'
const T1 = '2025-06-02T00:00:00.000Z'
const T2 = '2025-06-03T00:00:00.000Z'
let db: IncentiveLensDb

beforeEach(async () => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  db = await openDb('scenario-db')
  // a scenario is saved only for a stored municipality × year
  await db.datasets.bulkPut(exampleDatasets().map((d) => toRecord(d, T0)))
})
afterEach(() => db.close())

/** A scenario with an edit, an item and an assumption, so that every part is stored. */
function scenario(id: string, name: string, opts: { code?: string; fiscalYear?: number; now?: string } = {}): Scenario {
  let s = createScenario({ id, name, code: opts.code ?? '04212', fiscalYear: opts.fiscalYear ?? 2025, now: opts.now ?? T0 })
  s = withGroupScore(s, 'doryoku/II/structure', 40, opts.now ?? T0)
  s = withItem(s, 'doryoku-II-activity-1', true, opts.now ?? T0)
  return withAssumptions(s, { otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 2_000_000, scenarioYen: 0 } } } }, opts.now ?? T0)
}

describe('scenario repository', () => {
  it('saves and lists the scenarios of one municipality and year, newest first', async () => {
    await saveScenario(db, scenario('a', '認知症施策の強化', { now: T0 }))
    await saveScenario(db, scenario('b', '介護予防の拡充', { now: T1 }))
    await saveScenario(db, scenario('c', '別の年度', { fiscalYear: 2024 }))
    const ishinomaki = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    ishinomaki.municipality = { code: '04202', name: '石巻市', prefecture: '宮城県' }
    await db.datasets.put(toRecord(ishinomaki, T0))
    await saveScenario(db, scenario('d', '別の市町村', { code: '04202' }))
    const { scenarios, invalid } = await listScenarios(db, '04212', 2025)
    expect(scenarios.map((s) => s.name)).toEqual(['介護予防の拡充', '認知症施策の強化'])
    expect(invalid).toEqual([])
    expect(scenarios[1]).toEqual(scenario('a', '認知症施策の強化', { now: T0 }))
    expect((await listScenarios(db, '04212', 2024)).scenarios.map((s) => s.id)).toEqual(['c'])
  })

  it('stores plain JSON in the record body, with the key fields copied out', async () => {
    await saveScenario(db, scenario('a', 'A'))
    const r = (await db.scenarios.get('a')) as ScenarioRecord
    expect(r).toMatchObject({ id: 'a', code: '04212', fiscalYear: 2025, name: 'A', createdAt: T0, updatedAt: T0 })
    expect(JSON.parse(JSON.stringify(r.body))).toEqual(r.body)
  })

  it('duplicates under a new id and name, leaving the original alone', async () => {
    await saveScenario(db, scenario('a', 'A'))
    const copy = await duplicateScenario(db, 'a', { id: 'a2', name: 'Aのコピー', now: T1 })
    expect(copy).toMatchObject({ id: 'a2', name: 'Aのコピー', createdAt: T1, updatedAt: T1 })
    expect(copy?.edits).toEqual({ 'doryoku/II/structure': 40 })
    expect(copy?.items).toEqual(['doryoku-II-activity-1'])
    expect((await getScenario(db, 'a'))?.name).toBe('A')
    expect((await listScenarios(db, '04212', 2025)).scenarios.map((s) => s.id)).toEqual(['a2', 'a'])
    expect(await duplicateScenario(db, 'gone', { id: 'x', name: 'x', now: T1 })).toBeNull()
  })

  it('renames and deletes', async () => {
    await saveScenario(db, scenario('a', 'A'))
    expect((await renameScenario(db, 'a', '新しい名前', T2))?.name).toBe('新しい名前')
    expect(await getScenario(db, 'a')).toMatchObject({ name: '新しい名前', updatedAt: T2, createdAt: T0 })
    await deleteScenario(db, 'a')
    expect(await getScenario(db, 'a')).toBeNull()
    expect((await listScenarios(db, '04212', 2025)).scenarios).toEqual([])
    expect(await renameScenario(db, 'a', 'x', T2)).toBeNull()
  })

  it('survives closing and reopening the database', async () => {
    await saveScenario(db, scenario('a', 'A'))
    db.close()
    db = await openDb('scenario-db')
    expect((await listScenarios(db, '04212', 2025)).scenarios).toEqual([scenario('a', 'A')])
  })

  it('reports a record whose body does not validate, and does not hand it on', async () => {
    await saveScenario(db, scenario('a', 'A'))
    await db.scenarios.put({ id: 'bad', code: '04212', fiscalYear: 2025, name: '壊れた', createdAt: T0, updatedAt: T0, body: { id: 'bad', edits: 'x' } })
    await db.scenarios.put({ ...toScenarioRecord(scenario('moved', 'M')), code: '04202' })
    const { scenarios, invalid } = await listScenarios(db, '04212', 2025)
    expect(scenarios.map((s) => s.id)).toEqual(['a'])
    expect(invalid.map((r) => r.id)).toEqual(['bad'])
    expect(invalid[0]?.errors.join('')).toContain('シナリオのnameが文字列ではありません')
    expect((await listScenarios(db, '04202', 2025)).invalid[0]?.errors[0]).toContain('一致しません')
    expect(await getScenario(db, 'bad')).toBeNull()
  })

  it('refuses to save for a municipality × year that is no longer stored, saying which', async () => {
    await db.datasets.delete(['04212', 2025])
    await expect(saveScenario(db, scenario('a', '認知症施策の強化'))).rejects.toMatchObject({
      name: 'DatasetGoneError',
      message: expect.stringContaining('この保険者・年度（04212・2025年度）のデータは、別のタブなどで削除されています'),
    })
    expect(await db.scenarios.count()).toBe(0)
  })

  it('round-trips through a backup file into another browser', async () => {
    await saveScenario(db, scenario('a', '認知症施策の強化'))
    await saveScenario(db, scenario('b', '前提を変えた案', { now: T1 }))
    const text = serializeBackup({ tables: await readAllTables(db), exportedAt: T2 })
    const parsed = parseBackup(text, 'backup.json')
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([])

    Dexie.dependencies.indexedDB = new IDBFactory()
    const other = await openDb('other-browser')
    try {
      await restoreBackup(other, parsed.tables, 'replace', new Map(), T2)
      const { scenarios, invalid } = await listScenarios(other, '04212', 2025)
      expect(invalid).toEqual([])
      expect(scenarios).toEqual((await listScenarios(db, '04212', 2025)).scenarios)
      expect(scenarios.find((s) => s.id === 'b')?.assumptions).toEqual({
        otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 2_000_000, scenarioYen: 0 } } },
      })
    } finally {
      other.close()
    }
  })
})

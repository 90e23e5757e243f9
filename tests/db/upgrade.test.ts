/**
 * Updating the app keeps what the user stored. A database as the previous release (0.1.0,
 * schema version 1) left it, with real-shaped records in every table (the seeded example, an
 * imported CSV, saved scenarios, slide choices), is opened by the current schema and app: every
 * record is still there, unchanged and readable, the new tables exist and are empty, and the
 * example is not seeded again. Upgrades only ever add (Dexie cannot change a primary key).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie, { type Table } from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import {
  listScenarios, loadAllDatasets, loadSlideChoice, openDb, seedExampleOnFirstRun,
  type DatasetRecord, type IncentiveLensDb, type MetaRecord, type ScenarioRecord,
} from '@/db'
import { exampleDatasets } from '@/data/example'
import { useDatasetsStore } from '@/stores/datasets'
import {
  CSV_NAME as csvName, RELEASE_V1_LAYOUT, RELEASE_V1_STORES, SLIDE_CHOICE as slideChoice, releaseV1Content, type ReleaseV1Content,
} from '../support/releaseV1'

const NAME = 'upgrade-db'

class ReleaseV1Db extends Dexie {
  datasets!: Table<DatasetRecord, [string, number]>
  scenarios!: Table<ScenarioRecord, string>
  meta!: Table<MetaRecord, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores(RELEASE_V1_STORES)
  }
}

/** What 0.1.0 would have stored after a first run, one CSV import, two scenarios and a chosen deck. */
async function createReleaseV1Database(): Promise<ReleaseV1Content> {
  const content = releaseV1Content()
  const old = new ReleaseV1Db(NAME)
  await old.transaction('rw', old.datasets, old.scenarios, old.meta, async () => {
    await old.datasets.bulkPut(content.datasets)
    await old.scenarios.bulkPut(content.scenarios)
    await old.meta.bulkPut(content.meta)
  })
  expect(old.verno).toBe(1)
  old.close()
  return content
}

/** The stores of a database as IndexedDB holds them, read without Dexie. */
async function rawLayout(name: string): Promise<{ version: number; stores: unknown[] }> {
  const idb = await new Promise<IDBDatabase>((ok, fail) => {
    const req = (Dexie.dependencies.indexedDB as IDBFactory).open(name)
    req.onsuccess = () => ok(req.result)
    req.onerror = () => fail(req.error)
  })
  const names = [...idb.objectStoreNames].sort()
  const tx = idb.transaction(names, 'readonly')
  const stores = names.map((n) => {
    const s = tx.objectStore(n)
    return { name: n, keyPath: s.keyPath, indexes: [...s.indexNames].sort().map((i) => ({ name: i, keyPath: s.index(i).keyPath })) }
  })
  const layout = { version: idb.version, stores }
  idb.close()
  return layout
}

let db: IncentiveLensDb | null = null
beforeEach(() => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  setActivePinia(createPinia())
})
afterEach(() => db?.close())

describe('a database left by release 0.1.0 (schema version 1), opened by this version', () => {
  it('is laid out in IndexedDB as the raw copy in the end-to-end test assumes', async () => {
    await createReleaseV1Database()
    expect(await rawLayout(NAME)).toEqual(RELEASE_V1_LAYOUT)
  })

  it('keeps every record of every table unchanged and adds the new tables empty', async () => {
    const before = await createReleaseV1Database()
    expect(before.datasets.length).toBe(5) // 登米市 2023–2025 and 栗原市 2024–2025
    db = await openDb(NAME)
    expect(db.verno).toBe(2)
    expect(db.tables.map((t) => t.name).sort()).toEqual(['datasets', 'meta', 'populations', 'reports', 'scenarios'])
    expect(await db.datasets.toArray()).toEqual([...before.datasets].sort((a, b) => a.code.localeCompare(b.code) || a.fiscalYear - b.fiscalYear))
    expect(await db.scenarios.toArray()).toEqual([...before.scenarios].sort((a, b) => a.id.localeCompare(b.id)))
    expect(await db.meta.toArray()).toEqual([...before.meta].sort((a, b) => a.key.localeCompare(b.key)))
    expect(await db.reports.count()).toBe(0)
    expect(await db.populations.count()).toBe(0)
    // the old indexes still answer
    expect((await db.datasets.where('fiscalYear').equals(2024).primaryKeys()).sort()).toEqual([['04212', 2024], ['04213', 2024]])
    expect(await db.scenarios.where('[code+fiscalYear]').equals(['04213', 2025]).count()).toBe(1)
  })

  it('reads the data, scenarios and slide choice through the app\'s own functions, and does not seed the example again', async () => {
    const before = await createReleaseV1Database()
    db = await openDb(NAME)
    expect(await seedExampleOnFirstRun(db, exampleDatasets(), '2027-01-01T00:00:00.000Z')).toBe(false)
    const datasets = await loadAllDatasets(db)
    expect(datasets.map((d) => `${d.municipality.code}/${d.fiscalYear}/${d.source.file ?? 'example'}`).sort()).toEqual([
      `04212/2023/example`, `04212/2024/${csvName}`, `04212/2025/${csvName}`, `04213/2024/${csvName}`, `04213/2025/${csvName}`,
    ])
    const kurihara = before.datasets.find((r) => r.code === '04213' && r.fiscalYear === 2025)
    expect(kurihara?.data.source.file).toBe(csvName)
    expect(datasets.find((d) => d.municipality.code === '04213' && d.fiscalYear === 2025)).toEqual(kurihara?.data)

    const tome = await listScenarios(db, '04212', 2025)
    expect(tome.invalid).toEqual([])
    expect(tome.scenarios.map((s) => s.name)).toEqual(['認知症施策の強化'])
    expect(tome.scenarios[0]?.edits).toEqual({ 'doryoku/II/structure': 40 })
    expect(tome.scenarios[0]?.items).toEqual(['doryoku-II-activity-1'])
    expect(tome.scenarios[0]?.updatedAt).toBe(before.scenarios[0]?.updatedAt)
    expect((await listScenarios(db, '04213', 2025)).scenarios.map((s) => s.name)).toEqual(['<b>栗原</b>&"案"'])
    expect(await loadSlideChoice(db, '04212')).toEqual(slideChoice.entries)
  })

  it('the app starts on it: the stored municipalities, not the example alone, and no error', async () => {
    await createReleaseV1Database()
    const store = useDatasetsStore()
    await store.init({ code: '04213', fiscalYear: 2025 }, NAME)
    expect(store.dbState).toBe('ready')
    expect(store.dbMessage).toBeNull()
    expect(store.municipalities.map((m) => m.name)).toEqual(expect.arrayContaining(['登米市', '栗原市']))
    expect(store.selection).toEqual({ code: '04213', fiscalYear: 2025 })
    expect(store.datasets).toHaveLength(5)
    store.database()?.close()
  })
})

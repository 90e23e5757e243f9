/**
 * Updating the app keeps what the user stored. A database as the previous release (0.1.0,
 * schema version 1) left it, with real-shaped records in every table (the seeded example, an
 * imported CSV, saved scenarios, slide choices), is opened by the current schema and app: every
 * record is still there, unchanged and readable, the new tables exist and are empty, and the
 * example is not seeded again. Upgrades only ever add (Dexie cannot change a primary key).
 */
import { readFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie, { type Table } from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { createPinia, setActivePinia } from 'pinia'
import {
  listScenarios, loadAllDatasets, loadSlideChoice, openDb, seedExampleOnFirstRun, toRecord, toScenarioRecord,
  type DatasetRecord, type IncentiveLensDb, type MetaRecord, type ScenarioRecord,
} from '@/db'
import { createScenario, withAssumptions, withGroupScore, withItem } from '@/domain'
import { parseCsvImport } from '@/domain/import/csv'
import { exampleDatasets } from '@/data/example'
import { useDatasetsStore } from '@/stores/datasets'

const NAME = 'upgrade-db'
const SEEDED_AT = '2026-10-01T00:00:00.000Z'
const IMPORTED_AT = '2026-10-15T09:30:00.000Z'

/** The schema exactly as release 0.1.0 declared it: version 1 only. */
class ReleaseV1Db extends Dexie {
  datasets!: Table<DatasetRecord, [string, number]>
  scenarios!: Table<ScenarioRecord, string>
  meta!: Table<MetaRecord, string>
  constructor(name: string) {
    super(name)
    this.version(1).stores({
      datasets: '[code+fiscalYear], fiscalYear, prefecture',
      scenarios: 'id, [code+fiscalYear]',
      meta: 'key',
    })
  }
}

const csvName = 'valid-two-municipalities.csv'
const imported = parseCsvImport(new Uint8Array(await readFile(`tests/fixtures/csv/${csvName}`)), csvName)
  .datasets.map((d) => ({ ...d, source: { ...d.source, file: csvName, importedAt: IMPORTED_AT } }))

function scenarios(): ScenarioRecord[] {
  let a = createScenario({ id: 's-dementia', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: SEEDED_AT })
  a = withGroupScore(a, 'doryoku/II/structure', 40, IMPORTED_AT)
  a = withItem(a, 'doryoku-II-activity-1', true, IMPORTED_AT)
  a = withAssumptions(a, { otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 2_000_000, scenarioYen: 0 } } } }, IMPORTED_AT)
  const b = withGroupScore(createScenario({ id: 's-kurihara', name: '<b>栗原</b>&"案"', code: '04213', fiscalYear: 2025, now: IMPORTED_AT }), 'suishin/I/structure', 30, IMPORTED_AT)
  return [toScenarioRecord(a), toScenarioRecord(b)]
}

const slideChoice = { version: 1, entries: [{ id: 'title', included: true }, { id: 'scenario:s-dementia', included: true }, { id: 'gap', included: false }], savedAt: IMPORTED_AT }

/** What 0.1.0 would have stored after a first run, one CSV import, two scenarios and a chosen deck. */
async function createReleaseV1Database(): Promise<{ datasets: DatasetRecord[]; scenarios: ScenarioRecord[]; meta: MetaRecord[] }> {
  const content = {
    datasets: [...exampleDatasets().map((d) => toRecord(d, SEEDED_AT)), ...imported.map((d) => toRecord(d, IMPORTED_AT))]
      // the CSV's 登米市 2024 and 2025 replaced the example's, as 「置き換える」 did
      .filter((r, i, all) => all.findLastIndex((o) => o.code === r.code && o.fiscalYear === r.fiscalYear) === i),
    scenarios: scenarios(),
    meta: [{ key: 'exampleSeeded', value: SEEDED_AT }, { key: 'slides:04212', value: slideChoice }],
  }
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

let db: IncentiveLensDb | null = null
beforeEach(() => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  setActivePinia(createPinia())
})
afterEach(() => db?.close())

describe('a database left by release 0.1.0 (schema version 1), opened by this version', () => {
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
    const kurihara = imported.find((d) => d.municipality.code === '04213' && d.fiscalYear === 2025)
    expect(datasets.find((d) => d.municipality.code === '04213' && d.fiscalYear === 2025)).toEqual(kurihara)

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

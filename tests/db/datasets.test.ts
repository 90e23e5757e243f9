import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import {
  DB_NAME, describeDbError, EARLY_LISTING_KEY, IncentiveLensDb, isFirstRun, loadAllDatasets, openDb, restoreExample, seedExampleOnFirstRun,
} from '@/db'
import { exampleDatasets } from '@/data/example'
import type { YearDataset } from '@/domain'

const NOW = '2026-04-01T00:00:00.000Z'
let db: IncentiveLensDb

beforeEach(async () => {
  // a fresh, empty IndexedDB for every test
  Dexie.dependencies.indexedDB = new IDBFactory()
  db = await openDb('test-db')
})
afterEach(() => db.close())

const userTome2025 = (): YearDataset => {
  const ds = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
  ds.grants.suishin!.total.score = 250
  ds.source = { label: '取り込み', file: 'mine.csv', importedAt: NOW, example: false }
  return ds
}

describe('first-run seeding', () => {
  it('puts the example into an empty database once', async () => {
    expect(await seedExampleOnFirstRun(db, exampleDatasets(), NOW)).toBe(true)
    const stored = await loadAllDatasets(db)
    expect(stored.map((d) => `${d.municipality.code}:${d.fiscalYear}`).sort()).toEqual(['04212:2023', '04212:2024', '04212:2025'])
    expect(stored.find((d) => d.fiscalYear === 2025)).toEqual(exampleDatasets().find((d) => d.fiscalYear === 2025))

    expect(await seedExampleOnFirstRun(db, exampleDatasets(), NOW)).toBe(false)
    expect(await db.datasets.count()).toBe(3)
  })

  it('survives closing and reopening the database', async () => {
    await seedExampleOnFirstRun(db, exampleDatasets(), NOW)
    db.close()
    db = await openDb('test-db')
    expect(await db.datasets.count()).toBe(3)
    expect(await seedExampleOnFirstRun(db, exampleDatasets(), NOW)).toBe(false)
    expect(await db.datasets.count()).toBe(3)
  })

  it('never seeds over user data', async () => {
    await db.datasets.put({ code: '04212', fiscalYear: 2025, prefecture: '宮城県', data: userTome2025(), savedAt: NOW })
    expect(await seedExampleOnFirstRun(db, exampleDatasets(), NOW)).toBe(false)
    const stored = await loadAllDatasets(db)
    expect(stored).toHaveLength(1)
    expect(stored[0]!.grants.suishin!.total.score).toBe(250)
  })

  it('does not come back after the user deleted everything', async () => {
    await seedExampleOnFirstRun(db, exampleDatasets(), NOW)
    await db.datasets.clear()
    expect(await seedExampleOnFirstRun(db, exampleDatasets(), NOW)).toBe(false)
    expect(await db.datasets.count()).toBe(0)
  })

  it('keeps many municipalities and years side by side under their own keys', async () => {
    const other = structuredClone(exampleDatasets()[0]!)
    other.municipality = { code: '04100', name: '仙台市', prefecture: '宮城県' }
    await seedExampleOnFirstRun(db, exampleDatasets(), NOW)
    await db.datasets.put({ code: '04100', fiscalYear: other.fiscalYear, prefecture: '宮城県', data: other, savedAt: NOW })
    expect(await db.datasets.count()).toBe(4)
    expect(await db.datasets.where('fiscalYear').equals(2025).count()).toBe(2)
    expect((await db.datasets.get(['04100', 2025]))?.data.municipality.name).toBe('仙台市')
  })
})

describe('restoring the example', () => {
  it('puts back deleted example years', async () => {
    await seedExampleOnFirstRun(db, exampleDatasets(), NOW)
    await db.datasets.delete(['04212', 2024])
    const r = await restoreExample(db, exampleDatasets(), NOW)
    expect(r.kept).toEqual([])
    expect(await db.datasets.count()).toBe(3)
  })

  it('leaves the user\'s own data for the same key alone', async () => {
    await db.datasets.put({ code: '04212', fiscalYear: 2025, prefecture: '宮城県', data: userTome2025(), savedAt: NOW })
    const r = await restoreExample(db, exampleDatasets(), NOW)
    expect(r.kept).toEqual(['04212:2025'])
    expect(r.restored.sort()).toEqual(['04212:2023', '04212:2024'])
    expect((await db.datasets.get(['04212', 2025]))?.data.grants.suishin!.total.score).toBe(250)
  })
})

describe('error messages', () => {
  it('says in Japanese what went wrong, for quota and open failures', () => {
    const quota = Object.assign(new Error('x'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } })
    expect(describeDbError(quota, '保存')).toContain('保存容量が不足')
    expect(describeDbError(new Dexie.OpenFailedError('no'))).toContain('データベースを開けませんでした')
    expect(describeDbError(new Dexie.MissingAPIError('no'))).toContain('IndexedDB')
    expect(describeDbError(new Error('other'), '保存')).toContain('保存済みのデータは変更されていません')
  })

  it('reports a blocked upgrade through the handler', async () => {
    db.close()
    const old = await openDb('blocked-db')
    // keep the old connection from closing on versionchange, as a stuck tab would
    old.on('versionchange', () => false)
    const messages: string[] = []
    const newer = new (class extends IncentiveLensDb {
      constructor() { super('blocked-db'); this.version(3).stores({ datasets: '[code+fiscalYear], fiscalYear, prefecture' }) }
    })()
    newer.on('blocked', () => messages.push('blocked'))
    const opening = newer.open()
    await new Promise((r) => setTimeout(r, 50))
    expect(messages).toEqual(['blocked'])
    old.close()
    await opening
    newer.close()
    db = await openDb('test-db')
  })
})

describe('first run, from the listing index.html starts early', () => {
  const holder = globalThis as Record<string, unknown>
  afterEach(() => { delete holder[EARLY_LISTING_KEY] })

  it('uses the early listing once, then asks IndexedDB itself', async () => {
    // the early listing says the database exists; the fresh fake IndexedDB has only test-db
    holder[EARLY_LISTING_KEY] = Promise.resolve(['other', DB_NAME])
    expect(await isFirstRun()).toBe(false)
    expect(holder[EARLY_LISTING_KEY]).toBeUndefined()
    expect(await isFirstRun()).toBe(true)
    expect(await isFirstRun('test-db')).toBe(false)
  })

  it('is unsure, so not a first run, when the early listing failed', async () => {
    holder[EARLY_LISTING_KEY] = Promise.resolve(null)
    expect(await isFirstRun()).toBe(false)
    expect(await isFirstRun()).toBe(true)
  })

  it('reads a first run from an early listing without the database', async () => {
    holder[EARLY_LISTING_KEY] = Promise.resolve(['other'])
    expect(await isFirstRun()).toBe(true)
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import {
  deleteDatasets, existingKeys, importDatasets, IncentiveLensDb, loadAllDatasets, openDb, putRecords, seedExampleOnFirstRun, toRecord,
} from '@/db'
import { readAllTables as readEverything, restoreBackup } from '@/db/restore'
import { emptyTables } from '@/domain/backup'
import { exampleDatasets } from '@/data/example'
import type { YearDataset } from '@/domain'

const NOW = '2026-04-01T00:00:00.000Z'
let db: IncentiveLensDb

beforeEach(async () => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  db = await openDb('imports-db')
  await seedExampleOnFirstRun(db, exampleDatasets(), NOW)
})
afterEach(() => db.close())

function imported(code: string, name: string, fy: number, score: number): YearDataset {
  const ds = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
  ds.municipality = { code, name, prefecture: '宮城県' }
  ds.fiscalYear = fy
  ds.grants.suishin!.total.score = score
  ds.source = { label: '取り込み', file: 'peers.csv', importedAt: NOW, example: false }
  return ds
}

const snapshot = async () => (await readEverything(db)).datasets.map((r) => JSON.stringify(r)).sort()

describe('importDatasets', () => {
  it('adds new keys and keeps conflicting ones unless told to replace', async () => {
    const incoming = [imported('04100', '仙台市', 2025, 230), imported('04212', '登米市', 2025, 250)]
    expect([...(await existingKeys(db, incoming))]).toEqual(['04212:2025'])
    const kept = await importDatasets(db, incoming, new Map(), NOW)
    expect(kept).toMatchObject({ added: 1, replaced: 0, merged: 0, kept: 1 })
    // what was written, for the page to show without reading back: only the added one
    expect(kept.written.map((d) => `${d.municipality.code}:${d.fiscalYear}`)).toEqual(['04100:2025'])
    expect((await db.datasets.get(['04212', 2025]))?.data.grants.suishin?.total.score).toBe(246)

    const replaced = await importDatasets(db, incoming, new Map([['04212:2025', 'replace']]), NOW)
    expect(replaced).toMatchObject({ added: 0, replaced: 1, merged: 0, kept: 1 })
    expect(replaced.written).toEqual([(await db.datasets.get(['04212', 2025]))!.data])
    expect((await db.datasets.get(['04212', 2025]))?.data.grants.suishin?.total.score).toBe(250)
    expect(await db.datasets.count()).toBe(4)
  })

  it('is atomic: a record that cannot be stored leaves the database exactly as it was', async () => {
    const before = await snapshot()
    const bad = imported('04202', '石巻市', 2025, 200) as YearDataset & { oops?: unknown }
    bad.oops = () => 1 // functions cannot be cloned into IndexedDB
    const incoming = [imported('04100', '仙台市', 2025, 230), bad, imported('04212', '登米市', 2025, 250)]
    await expect(importDatasets(db, incoming, new Map([['04212:2025', 'replace']]), NOW)).rejects.toThrow()
    expect(await snapshot()).toEqual(before)
  })
})

describe('merging grants from separate files', () => {
  it('adds a grant to a stored dataset and keeps the other grant', async () => {
    const only = imported('04212', '登米市', 2025, 250)
    delete only.grants.doryoku
    only.insuredCount = 27000
    const r = await importDatasets(db, [only], new Map([['04212:2025', 'merge']]), NOW)
    expect(r).toMatchObject({ added: 0, replaced: 0, merged: 1, kept: 0 })
    const stored = (await db.datasets.get(['04212', 2025]))!.data
    // the merged dataset as written is what is stored: both grants
    expect(r.written).toEqual([stored])
    expect(stored.grants.suishin?.total.score).toBe(250)
    expect(stored.grants.doryoku?.total.score).toBe(190)
    expect(stored.insuredCount).toBe(27000)
  })
})

describe('delete with undo', () => {
  it('removes datasets and puts them back unchanged', async () => {
    const before = await snapshot()
    const removed = await deleteDatasets(db, [{ code: '04212', fiscalYear: 2023 }, { code: '04212', fiscalYear: 2024 }])
    expect(removed.map((r) => r.fiscalYear).sort()).toEqual([2023, 2024])
    expect((await loadAllDatasets(db)).map((d) => d.fiscalYear)).toEqual([2025])
    await putRecords(db, removed)
    expect(await snapshot()).toEqual(before)
  })
})

describe('restoreBackup', () => {
  it('replace empties first; merge keeps what the backup does not hold', async () => {
    const backup = { ...emptyTables(), datasets: [toRecord(imported('04100', '仙台市', 2025, 230), NOW)] }
    await restoreBackup(db, backup, 'merge', new Map(), NOW)
    expect(await db.datasets.count()).toBe(4)
    await restoreBackup(db, backup, 'replace', new Map(), NOW)
    expect((await loadAllDatasets(db)).map((d) => d.municipality.name)).toEqual(['仙台市'])
  })
})

describe('a national import (many datasets: stored keys read at once, only merged records read in full)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => imported(String(5201 + i).padStart(5, '0'), `市${i}`, 2025, 200 + (i % 50)))

  it('finds the stored keys in incoming order and applies each choice as for a small import', async () => {
    const onlySuishin = imported('04100', '仙台市', 2025, 230)
    delete onlySuishin.grants.doryoku
    await importDatasets(db, [imported('04100', '仙台市', 2025, 210), imported('04202', '石巻市', 2025, 220), imported('04203', '塩竈市', 2025, 225)], new Map(), NOW)
    const incoming = [
      ...many(40), imported('04212', '登米市', 2025, 250), onlySuishin, ...many(80).slice(40),
      imported('04202', '石巻市', 2025, 1), imported('04203', '塩竈市', 2025, 2), imported('04212', '登米市', 2024, 3),
    ]
    expect(incoming.length).toBeGreaterThan(64)
    expect([...(await existingKeys(db, incoming))]).toEqual(['04212:2025', '04100:2025', '04202:2025', '04203:2025', '04212:2024'])
    const before = new Map((await readEverything(db)).datasets.map((r) => [`${r.code}:${r.fiscalYear}`, r]))
    const choices = new Map([['04212:2025', 'replace'], ['04100:2025', 'merge'], ['04203:2025', 'keep']] as const)
    const r = await importDatasets(db, incoming, choices, NOW)
    expect(r).toMatchObject({ added: 80, replaced: 1, merged: 1, kept: 3 })
    expect(r.written).toHaveLength(82)
    expect(await db.datasets.count()).toBe(6 + 80)
    const get = async (code: string, fy: number) => (await db.datasets.get([code, fy]))!
    expect((await get('04212', 2025)).data.grants.suishin?.total.score).toBe(250)
    const merged = (await get('04100', 2025)).data
    expect(merged.grants.suishin?.total.score).toBe(230)
    expect(merged.grants.doryoku).toEqual(before.get('04100:2025')!.data.grants.doryoku)
    expect(await get('04202', 2025)).toEqual(before.get('04202:2025'))
    expect(await get('04203', 2025)).toEqual(before.get('04203:2025'))
    expect(await get('04212', 2024)).toEqual(before.get('04212:2024'))
    expect((await get('05240', 2025)).data.municipality.name).toBe('市39')
  })

  it('is atomic too', async () => {
    const before = await snapshot()
    const bad = imported('04202', '石巻市', 2025, 200) as YearDataset & { oops?: unknown }
    bad.oops = () => 1
    await expect(importDatasets(db, [...many(100), bad, imported('04212', '登米市', 2025, 250)], new Map([['04212:2025', 'replace']]), NOW)).rejects.toThrow()
    expect(await snapshot()).toEqual(before)
  })
})

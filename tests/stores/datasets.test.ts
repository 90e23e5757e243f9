import { beforeEach, describe, expect, it } from 'vitest'
import { watch } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { useDatasetsStore } from '@/stores/datasets'

beforeEach(() => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  setActivePinia(createPinia())
})

describe('datasets store', () => {
  it('seeds on first run and selects 登米市 令和7年度 with its weakest areas', async () => {
    const store = useDatasetsStore()
    await store.init({}, 'store-db')
    expect(store.dbState).toBe('ready')
    expect(store.dbMessage).toBeNull()
    expect(store.selection).toEqual({ code: '04212', fiscalYear: 2025 })
    expect(store.years).toEqual([2025, 2024, 2023])
    expect(store.weakest[0]?.key).toBe('doryoku/II')
    expect(store.issues.map((i) => i.code)).toEqual(['sum-mismatch'])
  })

  it('on a first run shows the example while the database is created; later runs wait for the database', async () => {
    const states: string[] = []
    const first = useDatasetsStore()
    watch(() => first.dbState, (s) => states.push(s), { flush: 'sync' })
    await first.init({}, 'first-run-db')
    expect(states).toEqual(['opening', 'ready'])
    expect(first.selected?.municipality.name).toBe('登米市')

    setActivePinia(createPinia())
    const again = useDatasetsStore()
    const later: string[] = []
    watch(() => again.dbState, (s) => later.push(s), { flush: 'sync' })
    await again.init({}, 'first-run-db')
    expect(later).toEqual(['ready'])
    expect(again.datasets).toHaveLength(3)
  })

  it('keeps a requested selection from the URL, and falls back when it does not exist', async () => {
    const store = useDatasetsStore()
    await store.init({ code: '04212', fiscalYear: 2023 }, 'store-db')
    expect(store.selection).toEqual({ code: '04212', fiscalYear: 2023 })
    expect(store.gapRows.map((r) => r.key)).toEqual(['suishin', 'doryoku'])
    store.select({ code: '99999', fiscalYear: 1999 })
    expect(store.selection).toEqual({ code: '04212', fiscalYear: 2025 })
  })

  it('a link to a municipality or year that is not stored selects nothing and says what was asked for', async () => {
    const store = useDatasetsStore()
    await store.init({ code: '04205', fiscalYear: 2025 }, 'store-db')
    expect(store.selection).toBeNull()
    expect(store.missing).toEqual({ code: '04205', fiscalYear: 2025 })
    store.selectFromLink({ code: '04212', fiscalYear: 2019 })
    expect([store.selection, store.missing]).toEqual([null, { code: '04212', fiscalYear: 2019 }])
    store.select({ code: '04212' })
    expect([store.selection, store.missing]).toEqual([{ code: '04212', fiscalYear: 2025 }, null])
  })

  it('a stored record of an unexpected shape is listed as unreadable, not handed on', async () => {
    const first = useDatasetsStore()
    await first.init({}, 'damaged-db')
    const db = first.database()!
    const rec = (await db.datasets.get(['04212', 2024]))!
    await db.datasets.put({ ...rec, data: { ...rec.data, grants: { suishin: 'x' } } as unknown as typeof rec.data })
    await first.reload()
    expect(first.datasets.map((d) => d.fiscalYear).sort()).toEqual([2023, 2025])
    expect(first.unreadable).toEqual([{ key: '04212 2024', errors: ['data.grants.suishin: オブジェクトではありません'] }])
  })

  it('a database of a newer version is neither opened nor upgraded: the example in memory, and the newer-version message', async () => {
    // a newer app's database: a higher version, without our tables
    await new Promise<void>((resolve, reject) => {
      const req = Dexie.dependencies.indexedDB.open('newer-db', 50)
      req.onsuccess = () => { req.result.close(); resolve() }
      req.onerror = () => reject(req.error)
    })
    const store = useDatasetsStore()
    await store.init({}, 'newer-db')
    expect(store.dbState).toBe('memory')
    expect(store.dbMessage).toContain('より新しい版のアプリで作成したデータがあります')
    expect(store.dbMessage).toContain('（データベースの版 50、この版のアプリは 20 まで）')
    expect(store.selected?.municipality.name).toBe('登米市')
    const after = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = Dexie.dependencies.indexedDB.open('newer-db')
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    expect([after.version, [...after.objectStoreNames]]).toEqual([50, []])
    after.close()
    expect(store.weakest[0]?.key).toBe('doryoku/II')
  })

  it('restores the example after years were deleted, and says so', async () => {
    const store = useDatasetsStore()
    await store.init({}, 'store-db')
    const db = new Dexie('store-db')
    await db.open()
    await db.table('datasets').delete(['04212', 2023])
    db.close()
    await store.restoreExample()
    expect(store.datasets).toHaveLength(3)
    expect(store.notice).toBe('例のデータ（3件）を復元しました。')
  })
})

describe('after an import', () => {
  it('shows the written datasets and the population without reading back, exactly as a reload would', async () => {
    const { importDatasets } = await import('@/db')
    const { exampleDatasets } = await import('@/data/example')
    const { populationOfCodes } = await import('../support/population')
    const store = useDatasetsStore()
    await store.init({}, 'apply-db')
    const peer = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    peer.municipality = { code: '01100', name: '札幌市', prefecture: '北海道' }
    peer.source = { ...peer.source, example: false }
    const r = await importDatasets(store.database()!, [peer], new Map(), '2026-07-01T00:00:00Z', populationOfCodes(2025, ['01100', '04212']))
    await store.applyWritten(r.written)
    const inMemory = { datasets: store.datasets, populations: store.populations }
    await store.reload()
    expect(inMemory.datasets).toEqual(store.datasets)
    expect(inMemory.populations).toEqual(store.populations)
    expect(store.datasets.map((d) => `${d.municipality.code}:${d.fiscalYear}`)).toEqual(['01100:2025', '04212:2023', '04212:2024', '04212:2025'])
  })
})

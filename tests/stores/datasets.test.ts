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

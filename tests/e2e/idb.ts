/**
 * Raw IndexedDB access from inside the page, bypassing the app and Dexie, so that a test can see
 * what is really stored and change it behind the app's back.
 */
import type { Page } from 'playwright-core'

export const DB_NAME = 'incentive-lens'

export interface StoredDataset {
  code: string
  fiscalYear: number
  name: string | null
  suishinTotalScore: number | null
}

/** Every record of the `datasets` store, or null when the database does not exist. */
export async function readDatasets(page: Page): Promise<{ version: number; stores: string[]; records: StoredDataset[] } | null> {
  return page.evaluate(async (dbName) => {
    const names = (await indexedDB.databases()).map((d) => d.name)
    if (!names.includes(dbName)) return null
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(dbName)
      req.onsuccess = () => ok(req.result)
      req.onerror = () => fail(req.error)
    })
    try {
      const stores = [...db.objectStoreNames]
      if (!stores.includes('datasets')) return { version: db.version, stores, records: [] }
      const rows = await new Promise<unknown[]>((ok, fail) => {
        const req = db.transaction('datasets', 'readonly').objectStore('datasets').getAll()
        req.onsuccess = () => ok(req.result as unknown[])
        req.onerror = () => fail(req.error)
      })
      const records = rows.map((row) => {
        const r = row as { code: string; fiscalYear: number; data?: { municipality?: { name?: string }; grants?: { suishin?: { total?: { score?: number | null } } } } }
        return {
          code: r.code,
          fiscalYear: r.fiscalYear,
          name: r.data?.municipality?.name ?? null,
          suishinTotalScore: r.data?.grants?.suishin?.total?.score ?? null,
        }
      })
      return { version: db.version, stores, records }
    } finally {
      db.close()
    }
  }, DB_NAME)
}

/** Rewrites one stored record's 推進 total score in place; returns the score it had before. */
export async function setSuishinTotalScore(page: Page, code: string, fiscalYear: number, score: number): Promise<number | null> {
  return page.evaluate(async ({ dbName, code, fiscalYear, score }) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(dbName)
      req.onsuccess = () => ok(req.result)
      req.onerror = () => fail(req.error)
    })
    try {
      return await new Promise<number | null>((ok, fail) => {
        const tx = db.transaction('datasets', 'readwrite')
        const store = tx.objectStore('datasets')
        let before: number | null = null
        const get = store.get([code, fiscalYear])
        get.onsuccess = () => {
          const rec = get.result as { data: { grants: { suishin: { total: { score: number | null } } } } } | undefined
          if (!rec) { tx.abort(); fail(new Error(`no record [${code}, ${fiscalYear}]`)); return }
          before = rec.data.grants.suishin.total.score
          rec.data.grants.suishin.total.score = score
          store.put(rec)
        }
        tx.oncomplete = () => ok(before)
        tx.onerror = () => fail(tx.error)
      })
    } finally {
      db.close()
    }
  }, { dbName: DB_NAME, code, fiscalYear, score })
}

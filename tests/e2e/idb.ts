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

/** One store of the database, as stored: schema and every record with its primary key. */
export interface RawStore {
  keyPath: string | string[] | null
  autoIncrement: boolean
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multiEntry: boolean }[]
  records: { key: unknown; value: unknown }[]
}

/**
 * The whole database read raw (schema, every store, every record with its key, in key order),
 * as one canonical text that also tells apart what JSON would blur: undefined, NaN, ±Infinity,
 * −0, Dates, Maps, Sets, binary data, and the order of properties. Two equal texts mean the
 * stored content did not change. 'absent' when the database does not exist.
 */
export async function snapshotDatabase(page: Page): Promise<string> {
  return page.evaluate(async (dbName) => {
    const names = (await indexedDB.databases()).map((d) => d.name)
    if (!names.includes(dbName)) return 'absent'
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(dbName)
      req.onsuccess = () => ok(req.result)
      req.onerror = () => fail(req.error)
    })
    const canon = (v: unknown): unknown => {
      if (v === undefined) return { $: 'undefined' }
      if (typeof v === 'number') {
        if (Number.isNaN(v)) return { $: 'NaN' }
        if (!Number.isFinite(v)) return { $: v > 0 ? 'Infinity' : '-Infinity' }
        if (Object.is(v, -0)) return { $: '-0' }
        return v
      }
      if (typeof v === 'bigint') return { $: 'bigint', v: v.toString() }
      if (v === null || typeof v !== 'object') return v
      if (v instanceof Date) return { $: 'Date', v: v.getTime() }
      if (ArrayBuffer.isView(v)) return { $: v.constructor.name, v: [...new Uint8Array(v.buffer, v.byteOffset, v.byteLength)] }
      if (v instanceof ArrayBuffer) return { $: 'ArrayBuffer', v: [...new Uint8Array(v)] }
      if (v instanceof Map) return { $: 'Map', v: [...v].map(([k, x]) => [canon(k), canon(x)]) }
      if (v instanceof Set) return { $: 'Set', v: [...v].map(canon) }
      if (v instanceof Blob) return { $: 'Blob', v: v.size }
      if (Array.isArray(v)) return v.map(canon)
      // property order is kept: it is part of what the structured clone stored
      return { $: 'object', v: Object.entries(v).map(([k, x]) => [k, canon(x)]) }
    }
    try {
      const storeNames = [...db.objectStoreNames]
      const stores: Record<string, RawStore> = {}
      if (storeNames.length > 0) {
        const tx = db.transaction(storeNames, 'readonly')
        await Promise.all(storeNames.map((name) => new Promise<void>((ok, fail) => {
          const store = tx.objectStore(name)
          const records: { key: unknown; value: unknown }[] = []
          stores[name] = {
            keyPath: store.keyPath,
            autoIncrement: store.autoIncrement,
            indexes: [...store.indexNames].map((i) => {
              const ix = store.index(i)
              return { name: ix.name, keyPath: ix.keyPath, unique: ix.unique, multiEntry: ix.multiEntry }
            }),
            records,
          }
          const req = store.openCursor()
          req.onsuccess = () => {
            const c = req.result
            if (!c) { ok(); return }
            records.push({ key: canon(c.primaryKey), value: canon(c.value) })
            c.continue()
          }
          req.onerror = () => fail(req.error)
        })))
      }
      return JSON.stringify({ version: db.version, stores })
    } finally {
      db.close()
    }
  }, DB_NAME)
}

/** A `datasets` record as the app stores it. */
export interface RawDatasetRecord {
  code: string
  fiscalYear: number
  prefecture: string
  // the YearDataset, typed loosely here so that this file does not depend on src/
  data: { municipality: { code: string; name: string; prefecture: string }; fiscalYear: number; source: { example: boolean; file: string | null } } & Record<string, unknown>
  savedAt: string
}

/** Every record of the `datasets` store as stored (structured clone), in key order. */
export async function readDatasetRecords(page: Page): Promise<RawDatasetRecord[]> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(dbName)
      req.onsuccess = () => ok(req.result)
      req.onerror = () => fail(req.error)
    })
    try {
      if (![...db.objectStoreNames].includes('datasets')) return []
      return await new Promise<RawDatasetRecord[]>((ok, fail) => {
        const req = db.transaction('datasets', 'readonly').objectStore('datasets').getAll()
        req.onsuccess = () => ok(req.result as RawDatasetRecord[])
        req.onerror = () => fail(req.error)
      })
    } finally {
      db.close()
    }
  }, DB_NAME)
}

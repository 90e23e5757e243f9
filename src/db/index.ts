/** The only module tree that imports dexie. */
import Dexie from 'dexie'
import { DB_NAME, IncentiveLensDb } from './schema'
import { BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE } from './errors'

export { IncentiveLensDb, DB_NAME, type DatasetRecord, type ScenarioRecord, type MetaRecord, type ReportRecord, type PopulationRecord } from './schema'
export { describeDbError, isQuotaError, BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE } from './errors'
export * from './datasets'
export * from './imports'
export * from './reports'
export * from './storage'
export * from './slides'
export * from './scenarios'
export * from './populations'

export interface OpenHandlers {
  /** another tab holds an older version open and does not let go */
  onBlocked?: (message: string) => void
  /** another tab opened a newer version; Dexie closes this connection */
  onVersionChange?: (message: string) => void
}

/** Where index.html's inline script leaves its early database listing: names, or null on failure. */
export const EARLY_LISTING_KEY = '__incentiveLensDatabases'

/** The listing index.html started, the first time only: later calls must ask afresh. */
function takeEarlyListing(): Promise<(string | undefined)[] | null> | undefined {
  const holder = globalThis as Record<string, unknown>
  const early = holder[EARLY_LISTING_KEY] as Promise<(string | undefined)[] | null> | undefined
  delete holder[EARLY_LISTING_KEY]
  return early
}

/**
 * True when this browser has never created the database, i.e. the first run, whose data will
 * be the example. False when unsure (indexedDB.databases() is missing or fails).
 */
export async function isFirstRun(name = DB_NAME): Promise<boolean> {
  const early = takeEarlyListing()
  const idb = Dexie.dependencies.indexedDB as IDBFactory | undefined
  if (!idb || typeof idb.databases !== 'function') return false
  try {
    const names = (await early) ?? (early === undefined ? (await idb.databases()).map((d) => d.name) : null)
    return names !== null && !names.includes(name)
  } catch {
    return false
  }
}

export async function openDb(name?: string, handlers: OpenHandlers = {}): Promise<IncentiveLensDb> {
  const db = new IncentiveLensDb(name)
  db.on('blocked', () => handlers.onBlocked?.(BLOCKED_MESSAGE))
  db.on('versionchange', () => {
    handlers.onVersionChange?.(VERSION_CHANGE_MESSAGE)
    // returning nothing lets Dexie close this connection so the other tab can upgrade
  })
  await db.open()
  return db
}

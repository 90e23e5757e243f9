/** The only module tree that imports dexie. */
import Dexie from 'dexie'
import { DB_NAME, IncentiveLensDb } from './schema'
import { BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE } from './errors'

export { IncentiveLensDb, DB_NAME, type DatasetRecord, type ScenarioRecord, type MetaRecord } from './schema'
export { describeDbError, isQuotaError, BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE } from './errors'
export * from './datasets'
export * from './imports'
export * from './storage'
export * from './slides'
export * from './scenarios'

export interface OpenHandlers {
  /** another tab holds an older version open and does not let go */
  onBlocked?: (message: string) => void
  /** another tab opened a newer version; Dexie closes this connection */
  onVersionChange?: (message: string) => void
}

/**
 * True when this browser has never created the database, i.e. the first run, whose data will
 * be the example. False when unsure (indexedDB.databases() is missing or fails).
 */
export async function isFirstRun(name = DB_NAME): Promise<boolean> {
  const idb = Dexie.dependencies.indexedDB as IDBFactory | undefined
  if (!idb || typeof idb.databases !== 'function') return false
  try {
    return !(await idb.databases()).some((d) => d.name === name)
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

/** The only module tree that imports dexie. */
import Dexie from 'dexie'
import { DB_NAME, IncentiveLensDb } from './schema'
import { BLOCKED_MESSAGE, NewerDatabaseError, VERSION_CHANGE_MESSAGE } from './errors'
import { announceWrites } from './changes'

export { IncentiveLensDb, DB_NAME, type DatasetRecord, type ScenarioRecord, type MetaRecord, type ReportRecord, type PopulationRecord } from './schema'
export { describeDbError, isQuotaError, BLOCKED_MESSAGE, VERSION_CHANGE_MESSAGE, NewerDatabaseError, DatasetGoneError } from './errors'
export { onOtherTabWrites } from './changes'
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

/**
 * The version of the database as it is on disk, or 0 when there is none, found without creating,
 * upgrading or writing anything: opening without a version never upgrades an existing database,
 * and the creation of a missing one is aborted.
 */
export function installedVersion(name = DB_NAME): Promise<number> {
  const idb = Dexie.dependencies.indexedDB as IDBFactory
  return new Promise((resolve, reject) => {
    let creating = false
    const req = idb.open(name)
    req.onupgradeneeded = () => { creating = true; req.transaction?.abort() }
    req.onsuccess = () => { const v = req.result.version; req.result.close(); resolve(v) }
    req.onerror = (e) => {
      if (!creating) { reject(req.error); return }
      e.preventDefault()
      resolve(0)
    }
  })
}

export interface OpenOptions extends OpenHandlers {
  /** the caller already knows the database does not exist yet (first run): skip the version probe */
  knownAbsent?: boolean
}

/**
 * Opens the database, creating or upgrading it to this app's schema, unless a newer version of
 * the app has made it: then NewerDatabaseError, before Dexie has opened (and so written to or
 * upgraded) anything.
 */
export async function openDb(name?: string, options: OpenOptions = {}): Promise<IncentiveLensDb> {
  const db = new IncentiveLensDb(name)
  // Dexie stores version n as n × 10 in IndexedDB
  const ours = Math.round(db.verno * 10)
  const installed = options.knownAbsent ? 0 : await installedVersion(db.name)
  if (installed > ours) throw new NewerDatabaseError(installed, ours)
  announceWrites(db)
  db.on('blocked', () => options.onBlocked?.(BLOCKED_MESSAGE))
  db.on('versionchange', () => {
    options.onVersionChange?.(VERSION_CHANGE_MESSAGE)
    // returning nothing lets Dexie close this connection so the other tab can upgrade
  })
  try {
    await db.open()
  } catch (err) {
    // another tab of a newer version may have upgraded it between the probe and the open
    if ((err as { name?: string }).name === 'VersionError') throw new NewerDatabaseError(await installedVersion(db.name).catch(() => ours + 1), ours)
    throw err
  }
  return db
}

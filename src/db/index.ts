/** The only module tree that imports dexie. */
import { IncentiveLensDb } from './schema'
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

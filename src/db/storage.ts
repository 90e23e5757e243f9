/** Storage persistence and usage, through the StorageManager API where the browser has it. */

export interface StorageStatus {
  /** null when the browser cannot tell */
  persisted: boolean | null
  usageBytes: number | null
  quotaBytes: number | null
}

/** Asks the browser not to evict the database under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = globalThis.navigator?.storage
  if (!storage?.persist) return null
  try {
    if (await storage.persisted()) return true
    return await storage.persist()
  } catch {
    return null
  }
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage
  const status: StorageStatus = { persisted: null, usageBytes: null, quotaBytes: null }
  if (!storage) return status
  try {
    if (storage.persisted) status.persisted = await storage.persisted()
    if (storage.estimate) {
      const e = await storage.estimate()
      status.usageBytes = e.usage ?? null
      status.quotaBytes = e.quota ?? null
    }
  } catch {
    // leave unknowns as null
  }
  return status
}

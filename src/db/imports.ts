/**
 * Writes that change many records: imports, deletions with undo, backups. Each runs in one
 * transaction, so a failure part-way leaves the database exactly as it was.
 */
import { datasetKeyString, type DatasetKey, type YearDataset } from '@/domain'
import type { DatasetRecord, IncentiveLensDb, ScenarioRecord } from './schema'

export function toRecord(ds: YearDataset, savedAt: string): DatasetRecord {
  return { code: ds.municipality.code, fiscalYear: ds.fiscalYear, prefecture: ds.municipality.prefecture, data: ds, savedAt }
}

const keyOf = (ds: YearDataset): [string, number] => [ds.municipality.code, ds.fiscalYear]

/** Which of these datasets' keys are already stored. */
export async function existingKeys(db: IncentiveLensDb, datasets: readonly YearDataset[]): Promise<Set<string>> {
  const found = await db.datasets.bulkGet(datasets.map(keyOf))
  return new Set(found.flatMap((r) => (r ? [datasetKeyString(r)] : [])))
}

/** merge: the incoming grants replace the stored ones of the same grant; other grants stay (MHLW publishes one workbook per grant). */
export type ConflictChoice = 'replace' | 'keep' | 'merge'

/** The stored dataset with the incoming one's grants laid over it. */
export function mergeGrants(stored: YearDataset, incoming: YearDataset): YearDataset {
  return {
    ...stored,
    municipality: incoming.municipality,
    insuredCount: incoming.insuredCount ?? stored.insuredCount,
    sizeTier: incoming.sizeTier ?? stored.sizeTier,
    grants: { ...stored.grants, ...incoming.grants },
    source: incoming.source,
  }
}

export interface ImportResult {
  added: number
  replaced: number
  merged: number
  kept: number
}

/**
 * Stores an import. A dataset whose key is already stored is replaced or kept as the user chose
 * (`choices` by key string; default keep). Everything happens in one read-write transaction.
 */
export async function importDatasets(
  db: IncentiveLensDb, datasets: readonly YearDataset[], choices: ReadonlyMap<string, ConflictChoice>, now: string,
): Promise<ImportResult> {
  return db.transaction('rw', db.datasets, async () => {
    const existing = await db.datasets.bulkGet(datasets.map(keyOf))
    const toPut: DatasetRecord[] = []
    const result: ImportResult = { added: 0, replaced: 0, merged: 0, kept: 0 }
    datasets.forEach((ds, i) => {
      const key = datasetKeyString({ code: ds.municipality.code, fiscalYear: ds.fiscalYear })
      const stored = existing[i]
      if (!stored) { result.added++; toPut.push(toRecord(ds, now)); return }
      const choice = choices.get(key)
      if (choice === 'replace') { result.replaced++; toPut.push(toRecord(ds, now)) }
      else if (choice === 'merge') { result.merged++; toPut.push(toRecord(mergeGrants(stored.data, ds), now)) }
      else result.kept++
    })
    await db.datasets.bulkPut(toPut)
    return result
  })
}

/** Deletes datasets and returns the records removed, so that the caller can undo. */
export async function deleteDatasets(db: IncentiveLensDb, keys: readonly DatasetKey[]): Promise<DatasetRecord[]> {
  return db.transaction('rw', db.datasets, async () => {
    const ks = keys.map((k) => [k.code, k.fiscalYear] as [string, number])
    const removed = (await db.datasets.bulkGet(ks)).filter((r): r is DatasetRecord => r !== undefined)
    await db.datasets.bulkDelete(ks)
    return removed
  })
}

/** Puts records back exactly as they were (undo of a deletion). */
export async function putRecords(db: IncentiveLensDb, records: readonly DatasetRecord[]): Promise<void> {
  await db.datasets.bulkPut([...records])
}

export interface StoredEverything {
  datasets: DatasetRecord[]
  scenarios: ScenarioRecord[]
}

export async function readEverything(db: IncentiveLensDb): Promise<StoredEverything> {
  return db.transaction('r', db.datasets, db.scenarios, async () => ({
    datasets: await db.datasets.toArray(),
    scenarios: await db.scenarios.toArray(),
  }))
}

/**
 * Restores a backup. 'replace' empties both tables first; 'merge' overwrites records with the
 * same key and keeps the rest. One transaction either way.
 */
export async function restoreBackup(
  db: IncentiveLensDb, datasets: readonly YearDataset[], scenarios: readonly ScenarioRecord[], mode: 'replace' | 'merge', now: string,
): Promise<void> {
  await db.transaction('rw', db.datasets, db.scenarios, async () => {
    if (mode === 'replace') {
      await db.datasets.clear()
      await db.scenarios.clear()
    }
    await db.datasets.bulkPut(datasets.map((d) => toRecord(d, now)))
    await db.scenarios.bulkPut([...scenarios])
  })
}

/**
 * Writes that change many records: imports, deletions with undo, backups. Each runs in one
 * transaction, so a failure part-way leaves the database exactly as it was.
 */
import { datasetKeyString, type DatasetKey, type Population, type YearDataset } from '@/domain'
import { toPopulationRecord } from './populations'
import type { DatasetRecord, IncentiveLensDb } from './schema'

export function toRecord(ds: YearDataset, savedAt: string): DatasetRecord {
  return { code: ds.municipality.code, fiscalYear: ds.fiscalYear, prefecture: ds.municipality.prefecture, data: ds, savedAt }
}

const keyOf = (ds: YearDataset): [string, number] => [ds.municipality.code, ds.fiscalYear]
const keyStringOf = (ds: YearDataset): string => datasetKeyString({ code: ds.municipality.code, fiscalYear: ds.fiscalYear })

/**
 * From this many incoming datasets on, the stored keys are read all at once (one getAllKeys, keys
 * only) instead of looking up every incoming record (one get each, whole records): a national
 * file brings thousands, and IndexedDB's cost follows the number of requests.
 */
const KEYS_AT_ONCE = 64

/** Every stored dataset key, as key strings. */
async function storedKeyStrings(db: IncentiveLensDb): Promise<Set<string>> {
  const keys = await db.datasets.toCollection().primaryKeys()
  const out = new Set<string>()
  for (const [code, fiscalYear] of keys) out.add(datasetKeyString({ code, fiscalYear }))
  return out
}

/** Which of these datasets' keys are already stored. */
export async function existingKeys(db: IncentiveLensDb, datasets: readonly YearDataset[]): Promise<Set<string>> {
  if (datasets.length < KEYS_AT_ONCE) {
    const found = await db.datasets.bulkGet(datasets.map(keyOf))
    return new Set(found.flatMap((r) => (r ? [datasetKeyString(r)] : [])))
  }
  const stored = await storedKeyStrings(db)
  const out = new Set<string>()
  for (const ds of datasets) {
    const key = keyStringOf(ds)
    if (stored.has(key)) out.add(key)
  }
  return out
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
  /** the datasets as written (merged ones with their grants joined), for the page to show without reading back */
  written: YearDataset[]
}

/**
 * Stores an import. A dataset whose key is already stored is replaced or kept as the user chose
 * (`choices` by key string; default keep). A national workbook's population replaces that year's.
 * Everything happens in one read-write transaction.
 */
export async function importDatasets(
  db: IncentiveLensDb, datasets: readonly YearDataset[], choices: ReadonlyMap<string, ConflictChoice>, now: string,
  population: Population | null = null,
): Promise<ImportResult> {
  return db.transaction('rw', db.datasets, db.populations, async () => {
    const keys = datasets.map(keyStringOf)
    // which keys are stored, and the stored records that a merge lays the incoming grants over
    let stored: Set<string>
    const mergeBase = new Map<string, DatasetRecord>()
    if (datasets.length < KEYS_AT_ONCE) {
      const found = await db.datasets.bulkGet(datasets.map(keyOf))
      stored = new Set()
      found.forEach((r, i) => {
        if (!r) return
        stored.add(keys[i]!)
        mergeBase.set(keys[i]!, r)
      })
    } else {
      // only the records actually merged are read in full
      const all = await storedKeyStrings(db)
      stored = all
      const merged = new Map<string, [string, number]>()
      datasets.forEach((ds, i) => {
        const key = keys[i]!
        if (all.has(key) && choices.get(key) === 'merge' && !merged.has(key)) merged.set(key, keyOf(ds))
      })
      if (merged.size > 0) {
        const mergedKeys = [...merged.keys()]
        const found = await db.datasets.bulkGet([...merged.values()])
        found.forEach((r, i) => { if (r) mergeBase.set(mergedKeys[i]!, r) })
      }
    }
    const toPut: DatasetRecord[] = []
    const result: ImportResult = { added: 0, replaced: 0, merged: 0, kept: 0, written: [] }
    datasets.forEach((ds, i) => {
      const key = keys[i]!
      if (!stored.has(key)) { result.added++; toPut.push(toRecord(ds, now)); return }
      const choice = choices.get(key)
      if (choice === 'replace') { result.replaced++; toPut.push(toRecord(ds, now)) }
      else if (choice === 'merge') { result.merged++; toPut.push(toRecord(mergeGrants(mergeBase.get(key)!.data, ds), now)) }
      else result.kept++
    })
    await db.datasets.bulkPut(toPut)
    if (population) await db.populations.put(toPopulationRecord(population, now))
    result.written = toPut.map((r) => r.data)
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

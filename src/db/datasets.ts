/** Repository functions for year datasets. */
import { datasetKeyString, type YearDataset } from '@/domain'
import type { DatasetRecord, IncentiveLensDb } from './schema'
import { toRecord } from './imports'

const EXAMPLE_SEEDED = 'exampleSeeded'

export async function loadAllDatasets(db: IncentiveLensDb): Promise<YearDataset[]> {
  const records = await db.datasets.toArray()
  return records.map((r) => r.data)
}

/**
 * On the very first run, puts the example into an empty database. Runs in one transaction so
 * two tabs opening at once cannot seed twice, and never again once done: a user who deletes
 * the example keeps an empty database until they ask to restore it.
 */
export async function seedExampleOnFirstRun(db: IncentiveLensDb, example: YearDataset[], now: string): Promise<boolean> {
  return db.transaction('rw', db.datasets, db.meta, async () => {
    if (await db.meta.get(EXAMPLE_SEEDED)) return false
    const empty = (await db.datasets.count()) === 0
    if (empty) await db.datasets.bulkAdd(example.map((d) => toRecord(d, now)))
    await db.meta.put({ key: EXAMPLE_SEEDED, value: now })
    return empty
  })
}

export interface RestoreResult {
  restored: string[]
  /** keys held by the user's own data, which restoring leaves alone */
  kept: string[]
}

/** Puts the example back, replacing only records that are missing or are themselves the example. */
export async function restoreExample(db: IncentiveLensDb, example: YearDataset[], now: string): Promise<RestoreResult> {
  return db.transaction('rw', db.datasets, async () => {
    const existing = await db.datasets.bulkGet(example.map((d) => [d.municipality.code, d.fiscalYear] as [string, number]))
    const restored: DatasetRecord[] = []
    const kept: string[] = []
    example.forEach((d, i) => {
      const current = existing[i]
      if (current && !current.data.source.example) kept.push(datasetKeyString({ code: d.municipality.code, fiscalYear: d.fiscalYear }))
      else restored.push(toRecord(d, now))
    })
    await db.datasets.bulkPut(restored)
    return { restored: restored.map((r) => datasetKeyString(r)), kept }
  })
}

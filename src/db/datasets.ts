/** Repository functions for year datasets. */
import { datasetKeyString, type YearDataset } from '@/domain'
import { datasetShapeErrors } from '@/domain/datasetShape'
import type { DatasetRecord, IncentiveLensDb } from './schema'
import { toRecord } from './imports'

const EXAMPLE_SEEDED = 'exampleSeeded'

/** A stored record the app cannot use (written by another version, or damaged), left as it is. */
export interface UnreadableRecord {
  /** 「04212 2025」, or what can be told of the key */
  key: string
  /** Japanese, with the field path */
  errors: string[]
}

export interface DatasetsRead {
  datasets: YearDataset[]
  unreadable: UnreadableRecord[]
}

/** Every stored dataset whose shape is checked; the others are reported, never handed on. */
export async function readDatasets(db: IncentiveLensDb): Promise<DatasetsRead> {
  const records = await db.datasets.toArray()
  const out: DatasetsRead = { datasets: [], unreadable: [] }
  for (const r of records as unknown[]) {
    const rec = (typeof r === 'object' && r !== null ? r : {}) as Partial<DatasetRecord>
    const errors = datasetShapeErrors(rec.data)
    const data = rec.data
    if (errors.length === 0 && data && (data.municipality.code !== rec.code || data.fiscalYear !== rec.fiscalYear)) {
      errors.push(`キー（${String(rec.code)} ${String(rec.fiscalYear)}）とデータ（${data.municipality.code} ${data.fiscalYear}）が一致しません`)
    }
    if (errors.length === 0 && data) out.datasets.push(data)
    else out.unreadable.push({ key: `${String(rec.code ?? '?')} ${String(rec.fiscalYear ?? '?')}`, errors })
  }
  return out
}

/** The usable datasets (see readDatasets for the unusable ones). */
export async function loadAllDatasets(db: IncentiveLensDb): Promise<YearDataset[]> {
  return (await readDatasets(db)).datasets
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

/**
 * Backups: every table read as stored, and restoring a backup's records in one transaction, as
 * planned by src/domain/restorePlan.ts (the plan is shown to the user before anything is written,
 * and worked out again inside the transaction, so that what another tab did meanwhile counts).
 */
import type { BackupTables } from '@/domain/backup'
import { isAppStateKey, planMerge, type MergePlan } from '@/domain/restorePlan'
import type { DatasetRecord, IncentiveLensDb, MetaRecord } from './schema'
import { mergeGrants, toRecord, type ConflictChoice } from './imports'

/** Every record of every table, as stored. */
export async function readAllTables(db: IncentiveLensDb): Promise<BackupTables> {
  return db.transaction('r', [db.datasets, db.scenarios, db.meta, db.reports, db.populations], async () => ({
    datasets: await db.datasets.toArray(),
    scenarios: await db.scenarios.toArray(),
    meta: await db.meta.toArray(),
    reports: await db.reports.toArray(),
    populations: await db.populations.toArray(),
  }))
}

/** What a merge of these records into the stored ones would do. */
export async function planBackupMerge(db: IncentiveLensDb, incoming: BackupTables): Promise<MergePlan> {
  return planMerge(await readAllTables(db), incoming)
}

/**
 * 置き換える: every table emptied, the backup's records written as they are. The app state the
 * backup does not carry (a version-1 backup has no meta) is kept, so the example is not seeded again.
 */
async function replaceAll(db: IncentiveLensDb, incoming: BackupTables): Promise<void> {
  const keptState = (await db.meta.toArray()).filter((m) => isAppStateKey(m.key) && !incoming.meta.some((x) => x.key === m.key))
  await Promise.all([db.datasets.clear(), db.scenarios.clear(), db.meta.clear(), db.reports.clear(), db.populations.clear()])
  await db.datasets.bulkPut(incoming.datasets as DatasetRecord[])
  await db.scenarios.bulkPut(incoming.scenarios)
  await db.meta.bulkPut([...incoming.meta, ...keptState])
  await db.reports.bulkPut(incoming.reports)
  await db.populations.bulkPut(incoming.populations)
}

/** 今のデータに追加する, by the plan; `choices` decide the datasets in conflict (default keep). */
async function mergeInto(db: IncentiveLensDb, incoming: BackupTables, choices: ReadonlyMap<string, ConflictChoice>, now: string): Promise<MergePlan> {
  const stored = await readAllTables(db)
  const plan = planMerge(stored, incoming)
  const dsKey = (d: { code: string; fiscalYear: number }) => `${d.code}:${d.fiscalYear}`
  const storedDs = new Map(stored.datasets.map((d) => [dsKey(d), d]))
  const take = new Set([...plan.datasets.add, ...plan.datasets.replaceExample])
  const datasets: DatasetRecord[] = []
  for (const rec of incoming.datasets as DatasetRecord[]) {
    const k = dsKey(rec)
    const choice = choices.get(k) ?? 'keep'
    if (take.has(k) || (plan.datasets.conflicts.includes(k) && choice === 'replace')) datasets.push(rec)
    else if (plan.datasets.conflicts.includes(k) && choice === 'merge') datasets.push(toRecord(mergeGrants(storedDs.get(k)!.data, rec.data), now))
  }
  const pick = <T>(records: readonly T[], key: (t: T) => string, p: { add: string[]; takeBackup: string[] }): T[] => {
    const keys = new Set([...p.add, ...p.takeBackup])
    return records.filter((r) => keys.has(key(r)))
  }
  const meta: MetaRecord[] = [
    ...pick(incoming.meta, (m) => m.key, plan.slides),
    ...pick(incoming.meta, (m) => m.key, plan.settings),
  ]
  await db.datasets.bulkPut(datasets)
  await db.scenarios.bulkPut(pick(incoming.scenarios, (s) => s.id, plan.scenarios))
  await db.meta.bulkPut(meta)
  await db.reports.bulkPut(pick(incoming.reports, (r) => `${r.code}:${r.fiscalYear}`, plan.reports))
  await db.populations.bulkPut(pick(incoming.populations, (p) => p.id, plan.populations))
  return plan
}

/** Restores a backup in one read-write transaction over every table. Returns the merge plan carried out (null for replace). */
export async function restoreBackup(
  db: IncentiveLensDb, incoming: BackupTables, mode: 'replace' | 'merge', choices: ReadonlyMap<string, ConflictChoice>, now: string,
): Promise<MergePlan | null> {
  return db.transaction('rw', [db.datasets, db.scenarios, db.meta, db.reports, db.populations], async () => {
    if (mode === 'replace') { await replaceAll(db, incoming); return null }
    return mergeInto(db, incoming, choices, now)
  })
}

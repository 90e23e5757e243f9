/**
 * Repository functions for saved what-if scenarios. A record copies the key fields (id, code,
 * fiscal year, name, timestamps) out of the scenario for indexing and listing, and keeps the
 * scenario itself, as plain JSON, in `body`: backups carry the records as they are
 * (src/domain/backup.ts), so whatever is stored here must survive JSON.stringify / JSON.parse.
 * Every read validates the body with the domain's scenarioFromJson; a record that fails is
 * reported, never handed on.
 */
import { scenarioFromJson, type FiscalYear, type Scenario } from '@/domain'
import type { IncentiveLensDb, ScenarioRecord } from './schema'
import { DatasetGoneError } from './errors'

export interface InvalidScenarioRecord {
  id: string
  name: string
  /** Japanese, from scenarioFromJson (or a key mismatch) */
  errors: string[]
}

export interface ScenarioList {
  /** newest first (by updatedAt, then name) */
  scenarios: Scenario[]
  invalid: InvalidScenarioRecord[]
}

/** A deep, JSON-safe copy: no Vue proxies, no undefined, nothing a backup would lose. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

export function toScenarioRecord(s: Scenario): ScenarioRecord {
  const body = plain(s)
  return { id: body.id, code: body.code, fiscalYear: body.fiscalYear, name: body.name, createdAt: body.createdAt, updatedAt: body.updatedAt, body }
}

/** The scenario of a record, or the reasons it cannot be used. The record's key fields win over the body's. */
export function scenarioFromRecord(r: ScenarioRecord): { scenario: Scenario | null; errors: string[] } {
  const { scenario, errors } = scenarioFromJson(r.body)
  if (!scenario) return { scenario: null, errors }
  if (scenario.id !== r.id || scenario.code !== r.code || scenario.fiscalYear !== r.fiscalYear) {
    return { scenario: null, errors: ['シナリオの保存内容と見出し（ID・市町村・年度）が一致しません。'] }
  }
  return { scenario: { ...scenario, name: r.name, createdAt: r.createdAt, updatedAt: r.updatedAt }, errors: [] }
}

const newestFirst = (a: Scenario, b: Scenario): number => b.updatedAt.localeCompare(a.updatedAt) || a.name.localeCompare(b.name, 'ja')

/** The saved scenarios of one municipality and year. */
export async function listScenarios(db: IncentiveLensDb, code: string, fiscalYear: FiscalYear): Promise<ScenarioList> {
  const records = await db.scenarios.where('[code+fiscalYear]').equals([code, fiscalYear]).toArray()
  const scenarios: Scenario[] = []
  const invalid: InvalidScenarioRecord[] = []
  for (const r of records) {
    const { scenario, errors } = scenarioFromRecord(r)
    if (scenario) scenarios.push(scenario)
    else invalid.push({ id: String(r.id), name: typeof r.name === 'string' ? r.name : '', errors })
  }
  return { scenarios: scenarios.sort(newestFirst), invalid }
}

/** One saved scenario by id; null when there is none or it cannot be read. */
export async function getScenario(db: IncentiveLensDb, id: string): Promise<Scenario | null> {
  const r = await db.scenarios.get(id)
  return r ? scenarioFromRecord(r).scenario : null
}

/**
 * Saves (inserts or replaces) a scenario; returns what was stored. Refused with DatasetGoneError
 * when its municipality × year is no longer stored (deleted in another tab while this one edited).
 */
export async function saveScenario(db: IncentiveLensDb, s: Scenario): Promise<Scenario> {
  const record = toScenarioRecord(s)
  await db.transaction('rw', db.scenarios, db.datasets, async () => {
    if ((await db.datasets.where(':id').equals([s.code, s.fiscalYear]).count()) === 0) {
      throw new DatasetGoneError(`シナリオ「${s.name}」を保存できませんでした。この保険者・年度（${s.code}・${s.fiscalYear}年度）のデータは、別のタブなどで削除されています。データを取り込み直してから保存してください。`)
    }
    await db.scenarios.put(record)
  })
  return record.body as Scenario
}

/** A copy under a new id and name, with fresh timestamps. Null when the original is gone. */
export async function duplicateScenario(db: IncentiveLensDb, id: string, copy: { id: string; name: string; now: string }): Promise<Scenario | null> {
  return db.transaction('rw', db.scenarios, db.datasets, async () => {
    const original = await getScenario(db, id)
    if (!original) return null
    return saveScenario(db, { ...original, id: copy.id, name: copy.name, createdAt: copy.now, updatedAt: copy.now })
  })
}

/** Renames a saved scenario. Null when it is gone. */
export async function renameScenario(db: IncentiveLensDb, id: string, name: string, now: string): Promise<Scenario | null> {
  return db.transaction('rw', db.scenarios, db.datasets, async () => {
    const s = await getScenario(db, id)
    if (!s) return null
    return saveScenario(db, { ...s, name, updatedAt: now })
  })
}

export async function deleteScenario(db: IncentiveLensDb, id: string): Promise<void> {
  await db.scenarios.delete(id)
}

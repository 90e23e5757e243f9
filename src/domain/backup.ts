/**
 * The backup file: everything the user made, as one versioned JSON document. Version 2 holds the
 * records of every table as stored (datasets with their savedAt, scenarios with their own
 * timestamps, the meta table with the slide choices, report texts, workbook populations), so that
 * restoring into an empty database gives back the same records. Version 1 (datasets and scenarios
 * only) is still read. Reading checks the whole shape and says where a problem is by JSON path.
 */
import { formatFiscalYear } from './format'
import { validationText } from './import/longFormat'
import type { ParsedImport } from './import/types'
import { isObj, has, posInt, readDataset, ShapeReader, type Obj } from './datasetShape'
import type { GoalId, GrantId, GroupKind, YearDataset } from './types'
import { validateDataset } from './validate'
import { scenarioFromJson } from './scenario'

export const BACKUP_APP = 'incentive-lens'
export const BACKUP_KIND = 'backup'
export const BACKUP_VERSION = 2

/*
 * The records as IndexedDB holds them (src/db/schema.ts has the same shapes; the domain cannot
 * import it). Bodies the domain does not own (report texts, populations) are carried as they are.
 */
export interface BackupDatasetRecord { code: string; fiscalYear: number; prefecture: string; data: YearDataset; savedAt: string }
export interface BackupScenarioRecord { id: string; code: string; fiscalYear: number; name: string; createdAt: string; updatedAt: string; body: unknown }
export interface BackupMetaRecord { key: string; value: unknown }
export interface BackupReportRecord { code: string; fiscalYear: number; body: unknown; updatedAt: string }
export interface BackupPopulationRecord { id: string; fiscalYear: number; body: unknown; savedAt: string }

/** Everything a backup holds, table by table. */
export interface BackupTables {
  datasets: BackupDatasetRecord[]
  scenarios: BackupScenarioRecord[]
  meta: BackupMetaRecord[]
  reports: BackupReportRecord[]
  populations: BackupPopulationRecord[]
}

export const BACKUP_TABLES = ['datasets', 'scenarios', 'meta', 'reports', 'populations'] as const

export interface BackupDocument extends BackupTables {
  app: typeof BACKUP_APP
  kind: typeof BACKUP_KIND
  version: typeof BACKUP_VERSION
  /** ISO timestamp, passed in by the caller */
  exportedAt: string
}

export interface BackupImport extends ParsedImport {
  /** the records to restore; every table empty after an error */
  tables: BackupTables
  /** the file's format version (1 or 2); null when unreadable */
  version: number | null
  exportedAt: string | null
}

export const emptyTables = (): BackupTables => ({ datasets: [], scenarios: [], meta: [], reports: [], populations: [] })

/** The backup as JSON text (two-space indented, UTF-8 when saved; no BOM needed). Records are written as given. */
export function serializeBackup(input: { tables: BackupTables; exportedAt: string }): string {
  const doc: BackupDocument = {
    app: BACKUP_APP, kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: input.exportedAt,
    datasets: input.tables.datasets, scenarios: input.tables.scenarios, meta: input.tables.meta,
    reports: input.tables.reports, populations: input.tables.populations,
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** JSON.parse's position, as 「3行12列目付近」, when the engine reports one. */
function jsonErrorWhere(text: string, e: unknown): string {
  const m = /position (\d+)/.exec(e instanceof Error ? e.message : '')
  if (!m) return ''
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const col = pos - before.lastIndexOf('\n')
  return `、${line}行${col}列目付近`
}

/** JSON path of a validation issue inside a dataset. */
function validationPath(ds: YearDataset, base: string, p: { grant?: GrantId; goal?: GoalId; group?: GroupKind; field?: string }): string {
  if (!p.grant) return base
  let path = `${base}.grants.${p.grant}`
  const g = ds.grants[p.grant]
  if (p.goal && g) {
    const gi = g.goals.findIndex((x) => x.goal === p.goal)
    path += `.goals[${gi}]`
    if (p.group) path += `.groups[${g.goals[gi]?.groups.findIndex((x) => x.kind === p.group) ?? -1}]`
  } else if (p.field) path += '.total'
  return p.field ? `${path}.${p.field}` : path
}

/** Checks a dataset's values (配点を超える…) and reports them at their JSON path. */
function checkValues(r: ShapeReader, ds: YearDataset, path: string): void {
  for (const issue of validateDataset(ds)) {
    const p = validationPath(ds, path, issue.path)
    if (issue.severity === 'error') r.error(p, validationText(issue))
    else r.warn(p, validationText(issue))
  }
}

const isoLike = (s: string) => (Number.isNaN(Date.parse(s)) ? `日時として読めません（${s}）` : null)
const fiscalYearInt = (y: number) => (Number.isInteger(y) ? null : `整数ではありません（${y}）`)

/** Reads the records of one table: each an object, its own checks, no key twice. */
function readRecords<T>(r: ShapeReader, raw: unknown[], table: string, read: (o: Obj, path: string) => T | undefined, keyOf: (t: T) => string): T[] {
  const out: T[] = []
  const seen = new Map<string, number>()
  raw.forEach((v, i) => {
    const path = `${table}[${i}]`
    const o = r.obj(v, path)
    const t = o ? read(o, path) : undefined
    if (t === undefined) return
    const key = keyOf(t)
    const first = seen.get(key)
    if (first !== undefined) { r.error(path, `${table}[${first}]と同じキーです（${key}）`); return }
    seen.set(key, i)
    out.push(t)
  })
  return out
}

function readDatasetRecord(r: ShapeReader, o: Obj, path: string): BackupDatasetRecord | undefined {
  const code = r.str(o, 'code', path)
  const fiscalYear = r.req(o, 'fiscalYear', path, fiscalYearInt)
  const prefecture = r.str(o, 'prefecture', path)
  const savedAt = r.str(o, 'savedAt', path)
  const data = readDataset(r, o.data, `${path}.data`)
  if (code === undefined || fiscalYear === undefined || prefecture === undefined || savedAt === undefined || !data) return undefined
  const m = data.municipality
  if (code !== m.code || fiscalYear !== data.fiscalYear || prefecture !== m.prefecture) {
    return r.error(path, `見出し（${code} ${fiscalYear} ${prefecture}）とデータ（${m.code} ${data.fiscalYear} ${m.prefecture}）が一致しません`)
  }
  checkValues(r, data, `${path}.data`)
  return o as unknown as BackupDatasetRecord
}

/** A scenario record: key fields typed; a body this version cannot open is kept, with a warning. */
function readScenarioRecord(r: ShapeReader, o: Obj, path: string, version: number): BackupScenarioRecord | undefined {
  const id = r.str(o, 'id', path)
  if (id === '') return r.error(`${path}.id`, '空です')
  if (version === 1) return id === undefined ? undefined : (o as unknown as BackupScenarioRecord)
  const code = r.str(o, 'code', path)
  const fiscalYear = r.req(o, 'fiscalYear', path, fiscalYearInt)
  const name = r.str(o, 'name', path)
  const createdAt = r.str(o, 'createdAt', path)
  const updatedAt = r.str(o, 'updatedAt', path)
  if (!has(o, 'body')) r.error(`${path}.body`, '項目がありません')
  if ([id, code, fiscalYear, name, createdAt, updatedAt].includes(undefined) || !has(o, 'body')) return undefined
  const { errors } = scenarioFromJson(o.body)
  if (errors.length > 0) r.warn(`${path}.body`, `このアプリでは開けないシナリオです（${errors[0]}）。そのまま復元します`)
  return o as unknown as BackupScenarioRecord
}

function readMetaRecord(r: ShapeReader, o: Obj, path: string): BackupMetaRecord | undefined {
  const key = r.str(o, 'key', path)
  if (key === '') return r.error(`${path}.key`, '空です')
  if (!has(o, 'value')) return r.error(`${path}.value`, '項目がありません')
  return key === undefined ? undefined : (o as unknown as BackupMetaRecord)
}

function readReportRecord(r: ShapeReader, o: Obj, path: string): BackupReportRecord | undefined {
  const code = r.str(o, 'code', path)
  const fiscalYear = r.req(o, 'fiscalYear', path, fiscalYearInt)
  const updatedAt = r.str(o, 'updatedAt', path)
  if (!has(o, 'body')) return r.error(`${path}.body`, '項目がありません')
  if (updatedAt !== undefined && isoLike(updatedAt)) r.error(`${path}.updatedAt`, isoLike(updatedAt)!)
  return code === undefined || fiscalYear === undefined || updatedAt === undefined ? undefined : (o as unknown as BackupReportRecord)
}

function readPopulationRecord(r: ShapeReader, o: Obj, path: string): BackupPopulationRecord | undefined {
  const id = r.str(o, 'id', path)
  const fiscalYear = r.req(o, 'fiscalYear', path, fiscalYearInt)
  const savedAt = r.str(o, 'savedAt', path)
  if (!has(o, 'body')) return r.error(`${path}.body`, '項目がありません')
  return id === undefined || fiscalYear === undefined || savedAt === undefined ? undefined : (o as unknown as BackupPopulationRecord)
}

/** Version 1: bare datasets (no savedAt: the export time stands in) and scenario records. */
function readVersion1(r: ShapeReader, top: Obj, exportedAt: string): BackupTables {
  const tables = emptyTables()
  const raw = r.arr(top.datasets, 'datasets') ?? []
  const seen = new Map<string, number>()
  raw.forEach((v, i) => {
    const path = `datasets[${i}]`
    const ds = readDataset(r, v, path)
    if (!ds) return
    const key = `${ds.municipality.code}:${ds.fiscalYear}`
    const first = seen.get(key)
    if (first !== undefined) {
      r.error(path, `datasets[${first}]と同じ保険者・年度です（${ds.municipality.code} ${ds.municipality.name} ${formatFiscalYear(ds.fiscalYear)}）`)
      return
    }
    seen.set(key, i)
    checkValues(r, ds, path)
    tables.datasets.push({ code: ds.municipality.code, fiscalYear: ds.fiscalYear, prefecture: ds.municipality.prefecture, data: ds, savedAt: exportedAt })
  })
  tables.scenarios = readRecords(r, r.arr(top.scenarios, 'scenarios') ?? [], 'scenarios', (o, p) => readScenarioRecord(r, o, p, 1), (s) => s.id)
  return tables
}

function readVersion2(r: ShapeReader, top: Obj): BackupTables {
  const list = (k: string): unknown[] => r.arr(top[k], k) ?? []
  return {
    datasets: readRecords(r, list('datasets'), 'datasets', (o, p) => readDatasetRecord(r, o, p), (d) => `${d.code}:${d.fiscalYear}`),
    scenarios: readRecords(r, list('scenarios'), 'scenarios', (o, p) => readScenarioRecord(r, o, p, 2), (s) => s.id),
    meta: readRecords(r, list('meta'), 'meta', (o, p) => readMetaRecord(r, o, p), (m) => m.key),
    reports: readRecords(r, list('reports'), 'reports', (o, p) => readReportRecord(r, o, p), (x) => `${x.code}:${x.fiscalYear}`),
    populations: readRecords(r, list('populations'), 'populations', (o, p) => readPopulationRecord(r, o, p), (x) => x.id),
  }
}

/**
 * Reads a backup (version 1 or 2). Errors (a wrong shape anywhere, an impossible value, a key
 * twice) leave every table empty: a backup is restored whole or not at all.
 */
export function parseBackup(text: string, file: string): BackupImport {
  const r = new ShapeReader(file)
  const result = (tables: BackupTables, version: number | null, exportedAt: string | null, rowCount: number): BackupImport => {
    const failed = r.issues.some((i) => i.severity === 'error')
    const kept = failed ? emptyTables() : tables
    return { format: 'backup-json', file, issues: r.issues, rowCount, datasets: kept.datasets.map((d) => d.data), tables: kept, version, exportedAt }
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    r.error('', `JSONとして読めません（構文エラー${jsonErrorWhere(text, e)}）`)
    return result(emptyTables(), null, null, 0)
  }
  const top = isObj(json) ? json : undefined
  if (!top) { r.error('', 'このアプリのバックアップファイルではありません（JSONの最上位がオブジェクトではありません）'); return result(emptyTables(), null, null, 0) }
  if (top.app !== BACKUP_APP || top.kind !== BACKUP_KIND) {
    r.error(top.app !== BACKUP_APP ? 'app' : 'kind', `incentive-lensのバックアップファイルではありません（app: ${JSON.stringify(top.app) ?? 'なし'}, kind: ${JSON.stringify(top.kind) ?? 'なし'}）`)
    return result(emptyTables(), null, null, 0)
  }
  const version = r.req(top, 'version', '', posInt)
  if (version !== undefined && version > BACKUP_VERSION) {
    r.error('version', `新しい形式（version ${version}）のバックアップです。このアプリは version ${BACKUP_VERSION} まで読めます。アプリを更新してください`)
    return result(emptyTables(), version, null, 0)
  }
  const exportedAt = r.str(top, 'exportedAt', '') ?? null
  if (version === undefined) return result(emptyTables(), null, exportedAt, 0)
  const tables = version === 1 ? readVersion1(r, top, exportedAt ?? '') : readVersion2(r, top)
  return result(tables, version, exportedAt, Array.isArray(top.datasets) ? top.datasets.length : 0)
}

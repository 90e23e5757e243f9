/**
 * The backup file: every dataset and scenario as one versioned JSON document. Reading it
 * checks the whole shape (every field typed, numbers finite or null, ids known) and says
 * where a problem is by JSON path, e.g. 「datasets[2].grants.suishin.total.score: 数値ではありません」.
 */
import { formatFiscalYear } from './format'
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR, validationText } from './import/longFormat'
import { locate, type ImportIssue, type ParsedImport } from './import/types'
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type DatasetSource, type GoalId, type GoalResult, type GrantId, type GrantResult, type GroupKind, type GroupResult,
  type Municipality, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from './types'
import { validateDataset } from './validate'

export const BACKUP_APP = 'incentive-lens'
export const BACKUP_KIND = 'backup'
export const BACKUP_VERSION = 1

export interface BackupDocument {
  app: typeof BACKUP_APP
  kind: typeof BACKUP_KIND
  version: typeof BACKUP_VERSION
  /** ISO timestamp, passed in by the caller */
  exportedAt: string
  datasets: YearDataset[]
  /** opaque here: the scenario module owns their shape */
  scenarios: unknown[]
}

export interface BackupImport extends ParsedImport {
  scenarios: unknown[]
  exportedAt: string | null
}

/** The backup as JSON text (two-space indented, UTF-8 when saved; no BOM needed). */
export function serializeBackup(input: { datasets: readonly YearDataset[]; scenarios?: readonly unknown[]; exportedAt: string }): string {
  const doc: BackupDocument = {
    app: BACKUP_APP, kind: BACKUP_KIND, version: BACKUP_VERSION, exportedAt: input.exportedAt,
    datasets: [...input.datasets], scenarios: [...(input.scenarios ?? [])],
  }
  return `${JSON.stringify(doc, null, 2)}\n`
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k)
/** `a.b`, or just `b` at the top level */
const join = (path: string, k: string): string => (path ? `${path}.${k}` : k)

/** Collects issues while reading; each reader returns a typed value or undefined after an error. */
class ShapeReader {
  readonly issues: ImportIssue[] = []
  constructor(private readonly file: string) {}

  error(path: string, text: string): undefined {
    this.issues.push({ severity: 'error', file: this.file, row: null, column: path || null, message: locate(null, path || null, text) })
    return undefined
  }

  warn(path: string, text: string): void {
    this.issues.push({ severity: 'warning', file: this.file, row: null, column: path || null, message: locate(null, path || null, text) })
  }

  obj(v: unknown, path: string): Obj | undefined {
    return isObj(v) ? v : this.error(path, v === undefined ? '項目がありません' : 'オブジェクトではありません')
  }

  arr(v: unknown, path: string): unknown[] | undefined {
    return Array.isArray(v) ? v : this.error(path, v === undefined ? '項目がありません' : '配列ではありません')
  }

  str(o: Obj, k: string, path: string): string | undefined {
    const v = o[k]
    if (!has(o, k)) return this.error(join(path, k), '項目がありません')
    return typeof v === 'string' ? v : this.error(join(path, k), '文字列ではありません')
  }

  strOrNull(o: Obj, k: string, path: string): string | null | undefined {
    if (!has(o, k)) return this.error(join(path, k), '項目がありません')
    const v = o[k]
    return v === null || typeof v === 'string' ? v : this.error(join(path, k), '文字列でもnullでもありません')
  }

  bool(o: Obj, k: string, path: string): boolean | undefined {
    if (!has(o, k)) return this.error(join(path, k), '項目がありません')
    const v = o[k]
    return typeof v === 'boolean' ? v : this.error(join(path, k), '真偽値（true/false）ではありません')
  }

  /** A finite number or null; `check` adds a domain rule (integer, range). */
  num(o: Obj, k: string, path: string, check?: (v: number) => string | null): number | null | undefined {
    if (!has(o, k)) return this.error(join(path, k), '項目がありません')
    const v = o[k]
    if (v === null) return null
    if (typeof v !== 'number' || !Number.isFinite(v)) return this.error(join(path, k), '数値ではありません')
    const why = check?.(v)
    return why ? this.error(join(path, k), why) : v
  }

  /** Like num, but null is not allowed. */
  req(o: Obj, k: string, path: string, check?: (v: number) => string | null): number | undefined {
    const v = this.num(o, k, path, check)
    if (v === null) return this.error(join(path, k), '数値ではありません（nullは使えません）')
    return v
  }
}

const nonNegInt = (v: number) => (Number.isInteger(v) && v >= 0 ? null : `0以上の整数ではありません（${v}）`)
const posInt = (v: number) => (Number.isInteger(v) && v >= 1 ? null : `1以上の整数ではありません（${v}）`)
const nonNeg = (v: number) => (v >= 0 ? null : `0未満の値です（${v}）`)

function readLine(r: ShapeReader, o: Obj, path: string): ScoreLine | undefined {
  const items = r.num(o, 'items', path, nonNegInt)
  const max = r.num(o, 'max', path, nonNeg)
  const score = r.num(o, 'score', path)
  const prefAvg = r.num(o, 'prefAvg', path)
  const natAvg = r.num(o, 'natAvg', path)
  if (items === undefined || max === undefined || score === undefined || prefAvg === undefined || natAvg === undefined) return undefined
  return { items, max, score, prefAvg, natAvg }
}

function readRank(r: ShapeReader, o: Obj, k: string, path: string): Rank | null | undefined {
  if (!has(o, k)) return r.error(join(path, k), '項目がありません')
  if (o[k] === null) return null
  const ro = r.obj(o[k], join(path, k))
  if (!ro) return undefined
  const rank = r.req(ro, 'rank', join(path, k), posInt)
  const of = r.req(ro, 'of', join(path, k), posInt)
  if (rank === undefined || of === undefined) return undefined
  if (rank > of) return r.error(`${path}.${k}.rank`, `順位が母数${of}を超えています（${rank}）`)
  return { rank, of }
}

function readGroup(r: ShapeReader, v: unknown, path: string): GroupResult | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const line = readLine(r, o, path)
  const kind = r.str(o, 'kind', path)
  if (kind !== undefined && !(GROUP_KINDS as readonly string[]).includes(kind)) return r.error(`${path}.kind`, `不明な指標群です（${kind}）`)
  if (!line || kind === undefined) return undefined
  return { ...line, kind: kind as GroupKind }
}

function readGoal(r: ShapeReader, v: unknown, path: string): GoalResult | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const line = readLine(r, o, path)
  const goal = r.str(o, 'goal', path)
  if (goal !== undefined && !(GOAL_IDS as readonly string[]).includes(goal)) r.error(`${path}.goal`, `不明な目標です（${goal}）`)
  const groupsRaw = r.arr(o.groups, `${path}.groups`)
  const groups = groupsRaw?.map((g, i) => readGroup(r, g, `${path}.groups[${i}]`))
  if (!line || goal === undefined || !(GOAL_IDS as readonly string[]).includes(goal) || !groups || groups.some((g) => g === undefined)) return undefined
  return { ...line, goal: goal as GoalId, groups: groups as GroupResult[] }
}

function readGrant(r: ShapeReader, key: GrantId, v: unknown, path: string): GrantResult | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const grant = r.str(o, 'grant', path)
  if (grant !== undefined && grant !== key) r.error(`${path}.grant`, `交付金のIDがキー（${key}）と一致しません（${grant}）`)
  const totalObj = r.obj(o.total, `${path}.total`)
  const total = totalObj ? readLine(r, totalObj, `${path}.total`) : undefined
  const goalsRaw = r.arr(o.goals, `${path}.goals`)
  const goals = goalsRaw?.map((g, i) => readGoal(r, g, `${path}.goals[${i}]`))
  const amountYen = r.num(o, 'amountYen', path, nonNeg)
  const prefRank = readRank(r, o, 'prefRank', path)
  const natRank = readRank(r, o, 'natRank', path)
  if (grant !== key || !total || !goals || goals.some((g) => g === undefined) || amountYen === undefined || prefRank === undefined || natRank === undefined) return undefined
  return { grant: key, total, goals: goals as GoalResult[], amountYen, prefRank, natRank }
}

function readMunicipality(r: ShapeReader, v: unknown, path: string): Municipality | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const code = r.str(o, 'code', path)
  const name = r.str(o, 'name', path)
  const prefecture = r.str(o, 'prefecture', path)
  if (code !== undefined && !/^\d{5}$/.test(code)) return r.error(`${path}.code`, `5桁の地方公共団体コードではありません（${code}）`)
  if (name !== undefined && name.trim() === '') return r.error(`${path}.name`, '空です')
  if (code === undefined || name === undefined || prefecture === undefined) return undefined
  return { code, name, prefecture }
}

function readSource(r: ShapeReader, v: unknown, path: string): DatasetSource | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const label = r.str(o, 'label', path)
  const file = r.strOrNull(o, 'file', path)
  const importedAt = r.strOrNull(o, 'importedAt', path)
  const example = r.bool(o, 'example', path)
  if (label === undefined || file === undefined || importedAt === undefined || example === undefined) return undefined
  return { label, file, importedAt, example }
}

function readDataset(r: ShapeReader, v: unknown, path: string): YearDataset | undefined {
  const o = r.obj(v, path)
  if (!o) return undefined
  const municipality = readMunicipality(r, o.municipality, `${path}.municipality`)
  const fiscalYear = r.req(o, 'fiscalYear', path, (y) => (Number.isInteger(y) && y >= MIN_FISCAL_YEAR && y <= MAX_FISCAL_YEAR
    ? null : `${MIN_FISCAL_YEAR}〜${MAX_FISCAL_YEAR}の整数ではありません（${y}）`))
  const insuredCount = r.num(o, 'insuredCount', path, nonNegInt)
  const sizeTier = r.num(o, 'sizeTier', path, (t) => ([1, 2, 3, 4, 5].includes(t) ? null : `1〜5ではありません（${t}）`))
  const grantsObj = r.obj(o.grants, `${path}.grants`)
  const grants: YearDataset['grants'] = {}
  let grantsOk = grantsObj !== undefined
  if (grantsObj) {
    for (const [k, gv] of Object.entries(grantsObj)) {
      if (!(GRANT_IDS as readonly string[]).includes(k)) { r.error(`${path}.grants.${k}`, `不明な交付金です（${k}）`); grantsOk = false; continue }
      const g = readGrant(r, k as GrantId, gv, `${path}.grants.${k}`)
      if (g) grants[k as GrantId] = g
      else grantsOk = false
    }
  }
  const source = readSource(r, o.source, `${path}.source`)
  if (!municipality || fiscalYear === undefined || insuredCount === undefined || sizeTier === undefined || !grantsOk || !source) return undefined
  return { municipality, fiscalYear, insuredCount, sizeTier: sizeTier as SizeTier | null, grants, source }
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

/**
 * Reads a backup. Errors (a wrong shape anywhere, an impossible value, a dataset twice)
 * leave `datasets` and `scenarios` empty: a backup is restored whole or not at all.
 */
export function parseBackup(text: string, file: string): BackupImport {
  const r = new ShapeReader(file)
  const result = (datasets: YearDataset[], scenarios: unknown[], exportedAt: string | null, rowCount: number): BackupImport => {
    const failed = r.issues.some((i) => i.severity === 'error')
    return { format: 'backup-json', file, issues: r.issues, rowCount,
      datasets: failed ? [] : datasets, scenarios: failed ? [] : scenarios, exportedAt }
  }
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (e) {
    r.error('', `JSONとして読めません（構文エラー${jsonErrorWhere(text, e)}）`)
    return result([], [], null, 0)
  }
  const top = isObj(json) ? json : undefined
  if (!top) { r.error('', 'このアプリのバックアップファイルではありません（JSONの最上位がオブジェクトではありません）'); return result([], [], null, 0) }
  if (top.app !== BACKUP_APP || top.kind !== BACKUP_KIND) {
    r.error(top.app !== BACKUP_APP ? 'app' : 'kind', `incentive-lensのバックアップファイルではありません（app: ${JSON.stringify(top.app) ?? 'なし'}, kind: ${JSON.stringify(top.kind) ?? 'なし'}）`)
    return result([], [], null, 0)
  }
  const version = r.req(top, 'version', '', posInt)
  if (version !== undefined && version > BACKUP_VERSION) {
    r.error('version', `新しい形式（version ${version}）のバックアップです。このアプリは version ${BACKUP_VERSION} まで読めます。アプリを更新してください`)
    return result([], [], null, 0)
  }
  const exportedAt = r.str(top, 'exportedAt', '') ?? null
  const datasetsRaw = r.arr(top.datasets, 'datasets') ?? []
  const scenarios = r.arr(top.scenarios, 'scenarios') ?? []

  const datasets: YearDataset[] = []
  const seen = new Map<string, number>()
  datasetsRaw.forEach((v, i) => {
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
    for (const issue of validateDataset(ds)) {
      const p = validationPath(ds, path, issue.path)
      if (issue.severity === 'error') r.error(p, validationText(issue))
      else r.warn(p, validationText(issue))
    }
    datasets.push(ds)
  })
  return result(datasets, scenarios, exportedAt, datasetsRaw.length)
}

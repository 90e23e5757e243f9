/**
 * Shape checks for data read from outside the app's own code: a backup file, or a record found in
 * IndexedDB (written by another version, or damaged). Every field is typed, numbers are finite or
 * null, ids are known; each problem is said with its JSON path, e.g.
 * 「datasets[2].grants.suishin.total.score: 数値ではありません」.
 *
 * Unknown fields are not errors: a checked dataset is handed on as the very object that was read,
 * with every field it has, so that optional fields added by a later version (or by the workbook
 * importer) survive a backup round trip.
 */
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from './import/longFormat'
import { locate, type ImportIssue } from './import/types'
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type DatasetSource, type GoalId, type GoalResult, type GrantId, type GrantResult, type GroupKind, type GroupResult,
  type Municipality, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from './types'

export type Obj = Record<string, unknown>
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
export const has = (o: Obj, k: string) => Object.prototype.hasOwnProperty.call(o, k)
/** `a.b`, or just `b` at the top level */
const join = (path: string, k: string): string => (path ? `${path}.${k}` : k)

/** Collects issues while reading; each reader returns a typed value or undefined after an error. */
export class ShapeReader {
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

export const nonNegInt = (v: number) => (Number.isInteger(v) && v >= 0 ? null : `0以上の整数ではありません（${v}）`)
export const posInt = (v: number) => (Number.isInteger(v) && v >= 1 ? null : `1以上の整数ではありません（${v}）`)
export const nonNeg = (v: number) => (v >= 0 ? null : `0未満の値です（${v}）`)

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

function checkDataset(r: ShapeReader, v: unknown, path: string): YearDataset | undefined {
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

/**
 * The dataset, checked field by field, or undefined after reporting what is wrong. On success the
 * object given is returned as it is (unknown optional fields kept).
 */
export function readDataset(r: ShapeReader, v: unknown, path: string): YearDataset | undefined {
  return checkDataset(r, v, path) ? (v as YearDataset) : undefined
}

// ── A fast yes/no of the same rules, for reading thousands of stored datasets on every load:
// no paths, no messages, no objects built. When it says no, the full reader above says why.

const numOrNull = (v: unknown): boolean => v === null || (typeof v === 'number' && Number.isFinite(v))
const intAtLeast = (v: unknown, min: number): boolean => typeof v === 'number' && Number.isInteger(v) && v >= min
const lineOk = (o: Obj): boolean =>
  has(o, 'items') && (o.items === null || intAtLeast(o.items, 0))
  && has(o, 'max') && (o.max === null || (numOrNull(o.max) && (o.max as number) >= 0))
  && has(o, 'score') && numOrNull(o.score) && has(o, 'prefAvg') && numOrNull(o.prefAvg) && has(o, 'natAvg') && numOrNull(o.natAvg)
const rankOk = (o: Obj, k: string): boolean => {
  if (!has(o, k)) return false
  const r = o[k]
  if (r === null) return true
  return isObj(r) && intAtLeast(r.rank, 1) && intAtLeast(r.of, 1) && (r.rank as number) <= (r.of as number)
}
const groupOk = (g: unknown): boolean => isObj(g) && lineOk(g) && typeof g.kind === 'string' && (GROUP_KINDS as readonly string[]).includes(g.kind)
const goalOk = (g: unknown): boolean => isObj(g) && lineOk(g) && typeof g.goal === 'string' && (GOAL_IDS as readonly string[]).includes(g.goal)
  && Array.isArray(g.groups) && g.groups.every(groupOk)
function grantOk(key: string, g: unknown): boolean {
  return (GRANT_IDS as readonly string[]).includes(key) && isObj(g) && g.grant === key && isObj(g.total) && lineOk(g.total)
    && Array.isArray(g.goals) && g.goals.every(goalOk) && has(g, 'amountYen') && (g.amountYen === null || (numOrNull(g.amountYen) && (g.amountYen as number) >= 0))
    && rankOk(g, 'prefRank') && rankOk(g, 'natRank')
}

/** True when the full check would find nothing wrong (it may say false for an odd but valid dataset: then ask datasetShapeErrors). */
export function datasetShapeOk(v: unknown): boolean {
  if (!isObj(v) || !isObj(v.municipality) || !isObj(v.grants) || !isObj(v.source)) return false
  const m = v.municipality, src = v.source
  return typeof m.code === 'string' && /^\d{5}$/.test(m.code) && typeof m.name === 'string' && m.name.trim() !== '' && typeof m.prefecture === 'string'
    && intAtLeast(v.fiscalYear, MIN_FISCAL_YEAR) && (v.fiscalYear as number) <= MAX_FISCAL_YEAR
    && has(v, 'insuredCount') && (v.insuredCount === null || intAtLeast(v.insuredCount, 0))
    && has(v, 'sizeTier') && (v.sizeTier === null || [1, 2, 3, 4, 5].includes(v.sizeTier as number))
    && Object.entries(v.grants).every(([k, g]) => grantOk(k, g))
    && typeof src.label === 'string' && has(src, 'file') && (src.file === null || typeof src.file === 'string')
    && has(src, 'importedAt') && (src.importedAt === null || typeof src.importedAt === 'string') && typeof src.example === 'boolean'
}

/** What is wrong with a dataset's shape, in Japanese, by the full reader (empty when it can be used). */
export function checkDatasetShape(v: unknown): string[] {
  const r = new ShapeReader('')
  readDataset(r, v, 'data')
  return r.issues.filter((i) => i.severity === 'error').map((i) => i.message)
}

/** The same, the fast check first: for every stored dataset on every load. */
export function datasetShapeErrors(v: unknown): string[] {
  return datasetShapeOk(v) ? [] : checkDatasetShape(v)
}

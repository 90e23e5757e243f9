/**
 * The long format: one row per municipality × 評価年度 × 交付金 × 目標 × 指標群, with Japanese
 * headers found by their text (not their position). Rows 指標群 = 合計 carry a grant's total,
 * 指標群 = 目標計 a goal's own figures; published figures are kept exactly as given. The
 * reader is incremental (push rows, then finish) so that a Web Worker can report progress.
 *
 * The first half of this module reads single cells (numbers the Japanese way, codes, year
 * labels, grant / goal / group names); the second half reads the table.
 */
import { GRANT_NAMES, GROUP_LABELS, goalDef, grantDef, type GrantDef } from '../catalogue/grantCatalogue'
import { formatFiscalYear } from '../format'
import { sumOrNull } from '../numbers'
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type GoalId, type GoalResult, type GrantId, type GroupKind, type GroupResult, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from '../types'
import { describePath, validateDataset, type IssuePath, type ValidationIssue } from '../validate'
import { EMPTY_FILE_MESSAGE } from './detect'
import { locate, type Cell, type Grid, type ImportFormat, type ImportIssue, type ParsedImport } from './types'
import { PREFECTURES } from '../prefectures'

// ───────────────────────────── cells ─────────────────────────────

export type CellResult<T> = { ok: true; value: T } | { ok: false; error: string }
const ok = <T>(value: T): CellResult<T> => ({ ok: true, value })
const fail = <T>(error: string): CellResult<T> => ({ ok: false, error })

/** Cell as trimmed text ('' for empty). Numbers from a spreadsheet are written without exponent where possible. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : ''
  return cell.trim()
}

/**
 * A character outside the texts NFKC leaves alone: printable ASCII, hiragana and katakana without
 * the combining sound marks (U+3099–U+309C), the prolonged sound mark and ・, CJK ideographs
 * (Extension A and the unified block) and the common Japanese punctuation 、。々〆〇 〈〉《》「」『』【】.
 * Every one of those is a starter that NFKC neither changes nor composes with a neighbour
 * (NFKC_QC = Yes, combining class 0; checked for every code point in the tests), so a text made of
 * them only is already NFKC: most cells, ASCII or Japanese, skip String.prototype.normalize.
 */
const NEEDS_NFKC = /[^\x20-\x7e\u3001\u3002\u3005-\u3011\u3041-\u3096\u309d\u309e\u30a1-\u30fe\u3400-\u4dbf\u4e00-\u9fff]/

/** NFKC, skipped for text it would not change (see NEEDS_NFKC). */
function nfkc(s: string): string {
  return NEEDS_NFKC.test(s) ? s.normalize('NFKC') : s
}

const HAS_SPACE = /\s/
const SPACES = /\s+/g

/** NFKC (full-width → ASCII digits and letters, ⅠⅡ → I II) and no whitespace at all. */
export function normalizeKey(s: string): string {
  const t = nfkc(s)
  return HAS_SPACE.test(t) ? t.replace(SPACES, '') : t
}

/** Marks that published tables use for "no figure": they are missing values, never 0. */
const MISSING_MARKS = new Set(['', '-', '—', '―', '‐', '–', '−', 'ー', '‑', '…', '*', '＊', 'N/A', '#N/A', 'n/a', 'NA'])

export function isMissingText(s: string): boolean {
  return MISSING_MARKS.has(nfkc(s).trim())
}

/** A text a spreadsheet would evaluate: starts with = + - @ (or full-width ＝ ＋ － ＠). */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(nfkc(s).trimStart())
}

/** HTML that must never reach a page as markup: tags, javascript: URLs, event handlers. */
export function looksLikeHtml(s: string): boolean {
  return /<\s*[a-zA-Z!/?]|javascript\s*:|\bon[a-z]+\s*=/i.test(s)
}

const UNIT_SUFFIX = /(円|人|点|位|件|項目)$/
const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k)

/**
 * The value of a plain number text (-?\d+(\.\d+)?, nothing else) exactly as Number() reads it,
 * or NaN when the text is not one. With up to 15 digits both the digits and 10^k are exact in a
 * double, so one division is the correctly rounded value (Clinger's fast path), which is what
 * Number() gives; longer texts are left to Number().
 */
function plainNumberValue(s: string): number {
  const n = s.length
  let i = s.charCodeAt(0) === 45 ? 1 : 0 // '-'
  const intStart = i
  let m = 0
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) break
    m = m * 10 + d
  }
  const intDigits = i - intStart
  if (intDigits === 0) return NaN
  let fracDigits = 0
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return NaN // '.'
    const fracStart = ++i
    for (; i < n; i++) {
      const d = s.charCodeAt(i) - 48
      if (d < 0 || d > 9) return NaN
      m = m * 10 + d
    }
    fracDigits = i - fracStart
    if (fracDigits === 0) return NaN
  }
  if (intDigits + fracDigits > 15) return Number(s)
  const v = fracDigits === 0 ? m : m / POW10[fracDigits]!
  return intStart === 1 ? -v : v
}

/**
 * A number as published: 1,234 / １，２３４ / 64 / 33.3 / −5 / 7,081,000円. Missing marks and
 * empty cells give null. A formula (=SUM(…)) is refused, not evaluated.
 */
export function parseNumberCell(cell: Cell | undefined): CellResult<number | null> {
  if (cell === null || cell === undefined) return ok(null)
  if (typeof cell === 'number') return Number.isFinite(cell) ? ok(cell) : fail(`数値ではありません（${String(cell)}）`)
  const plain = plainNumberValue(cell)
  if (plain === plain) return ok(plain) // not NaN: a plain number, the common case, without normalising
  const raw = cell.trim()
  if (isMissingText(raw)) return ok(null)
  let s = normalizeKey(raw)
  if (/^[=@]/.test(s) || /^[+-].*[A-Za-z(]/.test(s)) return fail(`数式は読み込めません（${raw}）。計算結果の値を入力してください`)
  s = s.replace(/^[−‐‑–—]/, '-').replace(UNIT_SUFFIX, '')
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?$/.exec(s)
  if (!m || (m[2] === undefined && m[3] === undefined)) return fail(`数値ではありません（${raw}）`)
  const v = Number(`${m[1] ?? ''}${(m[2] ?? '0').replace(/,/g, '')}${m[3] ?? ''}`)
  return Number.isFinite(v) ? ok(v) : fail(`数値ではありません（${raw}）`)
}

/** 全国地方公共団体コードの検査数字: weights 6,5,4,3,2; 11 − (sum mod 11), last digit. */
export function localGovCheckDigit(code5: string): number {
  let sum = 0
  for (let i = 0; i < 5; i++) sum += Number(code5[i]) * (6 - i)
  return (11 - (sum % 11)) % 10
}

export { PREFECTURES }

/** The prefecture a five-digit code belongs to (its first two digits), or null. */
export function prefectureOfCode(code5: string): string | null {
  return PREFECTURES[Number(code5.slice(0, 2)) - 1] ?? null
}

const PREFECTURE_BY_NAME = new Map<string, string>(PREFECTURES.flatMap((p) => [[p, p], [p.replace(/[都府県]$/, ''), p]] as const))

/** 宮城 and 宮城県 both name 宮城県; returns the official name or null. */
export function canonicalPrefecture(name: string): string | null {
  return PREFECTURE_BY_NAME.get(normalizeKey(name)) ?? null
}

/**
 * 保険者コード: five digits (04212), or the six-digit 全国地方公共団体コード with its check
 * digit (042129, verified and dropped). Leading zeros lost by a spreadsheet (4212) are restored.
 */
export function parseMunicipalityCode(cell: Cell | undefined): CellResult<string> {
  let digits: string
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 0) return fail(`保険者コードではありません（${String(cell)}）`)
    digits = String(cell)
  } else {
    const raw = cellText(cell)
    if (raw === '') return fail('値がありません')
    digits = normalizeKey(raw)
    if (!/^\d+$/.test(digits)) return fail(`数字5桁（または検査数字付きの6桁）ではありません（${raw}）`)
  }
  if (digits.length < 5) digits = digits.padStart(5, '0')
  let code: string
  if (digits.length === 5) code = digits
  else if (digits.length === 6) {
    code = digits.slice(0, 5)
    const expected = localGovCheckDigit(code)
    if (Number(digits[5]) !== expected) return fail(`検査数字が正しくありません（${digits}。${code}の検査数字は${expected}）`)
  } else return fail(`数字5桁（または検査数字付きの6桁）ではありません（${digits}）`)
  if (prefectureOfCode(code) === null) return fail(`先頭2桁の都道府県番号が01〜47ではありません（${code}）`)
  return ok(code)
}

export const MIN_FISCAL_YEAR = 2018
export const MAX_FISCAL_YEAR = 2099

function eraYear(era: string, n: string): number | null {
  const k = n === '元' ? 1 : Number(n)
  if (!Number.isInteger(k) || k < 1) return null
  if (/^(令和|R)$/i.test(era)) return 2018 + k
  if (/^(平成|H)$/i.test(era)) return 1988 + k
  return null
}

/** 評価年度: 2025, 2025年度, 令和7年度, R7, 令和7年度 (2025), 平成30年度, H30. */
export function parseFiscalYear(cell: Cell | undefined): CellResult<number> {
  let fy: number | null = null
  const raw = cellText(cell)
  if (raw === '') return fail('値がありません')
  if (typeof cell === 'number') fy = Number.isInteger(cell) ? cell : null
  else {
    const s = normalizeKey(raw)
    const both = /^(.+?)\((\d{4})(?:年度?)?\)$/.exec(s)
    const parse = (t: string): number | null => {
      const w = /^(\d{4})(?:年度?)?$/.exec(t)
      if (w) return Number(w[1])
      const e = /^(令和|平成|R|H)(\d{1,2}|元)(?:年度?)?$/i.exec(t)
      return e ? eraYear(e[1]!, e[2]!) : null
    }
    if (both) {
      const a = parse(both[1]!), b = Number(both[2])
      if (a !== null && a !== b) return fail(`和暦と西暦が一致しません（${raw}）`)
      fy = a ?? null
    } else fy = parse(s)
  }
  if (fy === null) return fail(`年度として読めません（${raw}）。2025、令和7年度、R7 のように書いてください`)
  if (fy < MIN_FISCAL_YEAR || fy > MAX_FISCAL_YEAR) return fail(`交付金の評価年度は平成30年度（2018）以降です（${raw}）`)
  return ok(fy)
}

/** The first evaluation year of each grant. */
export const GRANT_FIRST_YEAR: Record<GrantId, number> = { suishin: 2018, doryoku: 2020 }

const GRANT_WORDS: Record<GrantId, string[]> = {
  suishin: ['suishin', '推進', '推進交付金', '機能強化推進交付金', '保険者機能強化推進交付金'],
  doryoku: ['doryoku', '努力', '支援', '努力支援', '努力支援交付金', '保険者努力支援交付金', '介護保険保険者努力支援交付金'],
}
const GRANT_BY_WORD = new Map<string, GrantId>(
  (Object.entries(GRANT_WORDS) as [GrantId, string[]][]).flatMap(([g, ws]) => ws.map((w) => [normalizeKey(w).toLowerCase(), g] as const)))

export function parseGrant(cell: Cell | undefined, fiscalYear: number | null): CellResult<GrantId> {
  const raw = cellText(cell)
  if (raw === '') return fail('値がありません')
  const g = GRANT_BY_WORD.get(normalizeKey(raw).toLowerCase())
  if (!g) return fail(`不明な交付金です（${raw}）。推進交付金または努力支援交付金としてください`)
  if (fiscalYear !== null && fiscalYear < GRANT_FIRST_YEAR[g]) {
    return fail(`${g === 'suishin' ? '推進交付金' : '努力支援交付金'}は${formatFiscalYear(GRANT_FIRST_YEAR[g])}からです（${formatFiscalYear(fiscalYear)}）`)
  }
  return ok(g)
}

const GOAL_BY_WORD = new Map<string, GoalId>([
  ['I', 'I'], ['II', 'II'], ['III', 'III'], ['IV', 'IV'], ['1', 'I'], ['2', 'II'], ['3', 'III'], ['4', 'IV'],
])

/** 目標: I..IV, Ⅰ..Ⅳ, 1..4, 目標II. Empty gives null (a grant total row). */
export function parseGoal(cell: Cell | undefined): CellResult<GoalId | null> {
  const raw = cellText(cell)
  if (raw === '' || isMissingText(raw)) return ok(null)
  const s = normalizeKey(raw).replace(/^目標/, '').toUpperCase()
  const g = GOAL_BY_WORD.get(s)
  return g ? ok(g) : fail(`不明な目標です（${raw}）。I〜IV（Ⅰ〜Ⅳ、1〜4）としてください`)
}

/** What a 指標群 cell says the row is: one group, the goal's own figures, or the grant total. */
export type RowLevel = { level: 'group'; kind: GroupKind } | { level: 'goal' } | { level: 'total' } | { level: 'goal-or-total' }

const LEVEL_WORDS: [string[], RowLevel][] = [
  [['体制・取組指標群', '体制・取組', '体制取組', '体制', '(i)', 'i', 'structure'], { level: 'group', kind: 'structure' }],
  [['活動指標群', '活動', '(ii)', 'ii', 'activity'], { level: 'group', kind: 'activity' }],
  [['成果指標群', '成果', '成果指標', 'outcome'], { level: 'group', kind: 'outcome' }],
  [['目標計', '目標合計', 'goal'], { level: 'goal' }],
  [['合計', '計', '小計', '総計', '総合計', '交付金計', 'total'], { level: 'goal-or-total' }],
]
const groupKey = (s: string) => normalizeKey(s).replace(/[・･]/g, '').toLowerCase()
const LEVEL_BY_WORD = new Map<string, RowLevel>(LEVEL_WORDS.flatMap(([ws, l]) => ws.map((w) => [groupKey(w), l] as const)))

/** 指標群: 体制・取組指標群 / (i), 活動指標群 / (ii), 成果指標群, 目標計, 合計 (empty = 合計 or 目標計 by the 目標 cell). */
export function parseLevel(cell: Cell | undefined): CellResult<RowLevel> {
  const raw = cellText(cell)
  if (raw === '' || isMissingText(raw)) return ok({ level: 'goal-or-total' })
  const l = LEVEL_BY_WORD.get(groupKey(raw))
  return l ? ok(l) : fail(`不明な指標群です（${raw}）。体制・取組指標群、活動指標群、成果指標群、目標計、合計のいずれかとしてください`)
}

// ───────────────────────────── columns ─────────────────────────────

export type LongField =
  | 'code' | 'name' | 'prefecture' | 'fiscalYear' | 'workYear' | 'grant' | 'goal' | 'group'
  | 'items' | 'max' | 'score' | 'prefAvg' | 'natAvg'
  | 'amountYen' | 'prefRank' | 'prefRankOf' | 'natRank' | 'natRankOf' | 'insuredCount' | 'sizeTier' | 'source'

export interface LongColumn {
  field: LongField
  /** the header the template and the export write */
  header: string
  /** other headers accepted (compared after NFKC, without spaces and a trailing （単位）) */
  synonyms: readonly string[]
  required: boolean
}

/** The long format's columns, in the order the export writes them. */
export const LONG_COLUMNS: readonly LongColumn[] = [
  { field: 'code', header: '保険者コード', synonyms: ['市町村コード', '地方公共団体コード', '団体コード', '自治体コード'], required: true },
  { field: 'name', header: '保険者名', synonyms: ['市町村名', '自治体名', '団体名'], required: true },
  { field: 'prefecture', header: '都道府県', synonyms: ['都道府県名', '県名'], required: false },
  { field: 'fiscalYear', header: '評価年度', synonyms: ['年度', '交付年度'], required: true },
  { field: 'grant', header: '交付金', synonyms: ['交付金名', '交付金種別'], required: true },
  { field: 'goal', header: '目標', synonyms: ['目標番号'], required: true },
  { field: 'group', header: '指標群', synonyms: ['指標群名'], required: true },
  { field: 'items', header: '項目数', synonyms: ['指標数'], required: false },
  { field: 'max', header: '配点', synonyms: ['満点'], required: false },
  { field: 'score', header: '得点', synonyms: ['点数', '評価点'], required: true },
  { field: 'prefAvg', header: '県平均', synonyms: ['県平均点', '都道府県平均', '都道府県平均点'], required: false },
  { field: 'natAvg', header: '全国平均', synonyms: ['全国平均点'], required: false },
  { field: 'amountYen', header: '交付額', synonyms: ['交付金額', '交付決定額'], required: false },
  { field: 'prefRank', header: '県内順位', synonyms: ['都道府県内順位'], required: false },
  { field: 'prefRankOf', header: '県内保険者数', synonyms: ['県内市町村数', '都道府県内保険者数'], required: false },
  { field: 'natRank', header: '全国順位', synonyms: [], required: false },
  { field: 'natRankOf', header: '全国保険者数', synonyms: ['全国市町村数'], required: false },
  { field: 'insuredCount', header: '第1号被保険者数', synonyms: ['1号被保険者数', '第一号被保険者数'], required: false },
  { field: 'sizeTier', header: '規模区分', synonyms: [], required: false },
  { field: 'source', header: '出典', synonyms: [], required: false },
  // 見える化 labels a result by the year the work was done, one year before the evaluation year.
  { field: 'workYear', header: '実施年度', synonyms: ['取組年度'], required: false },
]

/** Header text compared: NFKC, no spaces, no trailing （単位） or ※note. */
export function normalizeHeader(s: string): string {
  return normalizeKey(s).replace(/※.*$/, '').replace(/\([^()]*\)$/, '')
}

const FIELD_BY_HEADER = new Map<string, LongField>(
  LONG_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c.field] as const)))

const COLUMN_OF = Object.fromEntries(LONG_COLUMNS.map((c) => [c.field, c])) as Record<LongField, LongColumn>

/** Rows searched for the header line (title lines above it are skipped). */
const HEADER_SCAN_ROWS = 20
/** Issues kept per import; the rest are counted in one closing issue. */
export const MAX_ISSUES = 500

// ───────────────────────────── validation messages ─────────────────────────────

const VALIDATION_FIELD_LABELS: Record<string, string> = { score: '得点', max: '配点', prefAvg: '県平均', natAvg: '全国平均', items: '項目数' }

/**
 * A validation message without the dataset path it starts with (交付金 目標 指標群 項目:),
 * for importers that say where by row and column instead.
 */
export function validationText(issue: ValidationIssue): string {
  let text = issue.message
  const where = describePath({ grant: issue.path.grant, goal: issue.path.goal, group: issue.path.group })
  if (where && text.startsWith(where)) text = text.slice(where.length).trimStart()
  const label = issue.path.field ? VALIDATION_FIELD_LABELS[issue.path.field] : undefined
  if (label && text.startsWith(`${label}: `)) return text.slice(label.length + 2)
  if (text.startsWith(': ')) return text.slice(2)
  return text
}

// ───────────────────────────── accumulation ─────────────────────────────

interface Attr<T> { value: T; row: number }
interface LineAt { row: number; line: ScoreLine }
interface GoalAcc { own: LineAt | null; groups: Map<GroupKind, LineAt>; firstRow: number }
interface GrantAcc {
  total: LineAt | null
  goals: Map<GoalId, GoalAcc>
  firstRow: number
  attrs: Partial<Record<'amountYen' | 'prefRank' | 'prefRankOf' | 'natRank' | 'natRankOf', Attr<number>>>
}
interface DatasetAcc {
  code: string
  fiscalYear: number
  name: Attr<string>
  prefecture: Attr<string> | null
  attrs: Partial<Record<'insuredCount' | 'sizeTier', Attr<number>>>
  source: Attr<string> | null
  grants: Map<GrantId, GrantAcc>
}

const levelName = (grant: GrantId, goal: GoalId | null, kind: GroupKind | 'goal' | 'total'): string => {
  const g = GRANT_NAMES[grant].shortName
  if (kind === 'total') return `${g} 合計`
  if (kind === 'goal') return `${g} 目標${goal ?? ''} 目標計`
  return `${g} 目標${goal ?? ''} ${GROUP_LABELS[kind].label}`
}

export interface LongTableOptions {
  /** the format reported in the result (a spreadsheet reader passes 'xlsx-long') */
  format?: ImportFormat
  /**
   * Refuse data rows whose cell count differs from the header's (default: on for 'csv-long').
   * In a CSV a short row is a line cut off, a long one a stray separator; a spreadsheet trims
   * trailing empty cells, so the check is off there.
   */
  checkWidth?: boolean
}

/** Incremental reader of the long format: push rows as they are parsed, then finish. */
export interface LongTableParser {
  push(rows: readonly (readonly Cell[])[]): void
  finish(): ParsedImport
}

/** What a free-text cell reads as, and the warnings it carries (the same for every row with the same text). */
interface FreeTextRead { text: string; formula: string | null; html: boolean }

function freeTextOf(cell: Cell | undefined): FreeTextRead {
  let t = cellText(cell)
  // a leading apostrophe is how our own export neutralises formula-like text: drop it again
  if (/^'[=+\-@\t\r]/.test(t)) t = t.slice(1)
  return { text: t, formula: looksLikeFormula(t) ? (t.trimStart()[0] ?? '') : null, html: looksLikeHtml(t) }
}

function isBlankRow(cells: readonly Cell[]): boolean {
  for (const c of cells) if (cellText(c) !== '') return false
  return true
}

/**
 * The row that says where a validation issue sits: the group's row, the goal's (目標計, else its
 * first row), else the grant's (合計, else its first row), else the dataset's first row.
 */
function issueRow(acc: DatasetAcc, p: IssuePath): number {
  const g = p.grant ? acc.grants.get(p.grant) : undefined
  if (!g) return acc.name.row
  const ga = p.goal ? g.goals.get(p.goal) : undefined
  if (ga) {
    if (!p.group) return ga.own?.row ?? ga.firstRow
    const gr = ga.groups.get(p.group)
    if (gr) return gr.row
  }
  return g.total?.row ?? g.firstRow
}

const cleanSum = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6)

function sumLines(lines: readonly ScoreLine[]): ScoreLine {
  const f = (k: keyof ScoreLine) => cleanSum(sumOrNull(lines.map((l) => l[k])))
  return { items: f('items'), max: f('max'), score: f('score'), prefAvg: f('prefAvg'), natAvg: f('natAvg') }
}
const EMPTY_LINE: ScoreLine = { items: null, max: null, score: null, prefAvg: null, natAvg: null }

export function createLongTableParser(file: string, opts: LongTableOptions = {}): LongTableParser {
  const format = opts.format ?? 'csv-long'
  const checkWidth = opts.checkWidth ?? format === 'csv-long'
  /** the header line's cell count, once found */
  let headerWidth = 0
  const issues: ImportIssue[] = []
  let dropped = 0
  let droppedError = false
  const add = (severity: ImportIssue['severity'], row: number | null, column: string | null, text: string) => {
    if (issues.length >= MAX_ISSUES) {
      dropped++
      droppedError ||= severity === 'error'
      return
    }
    issues.push({ severity, file, row, column, message: locate(row, column, text) })
  }

  let rowNo = 0
  let nonEmptyRows = 0
  let rowCount = 0
  let state: 'header' | 'data' | 'failed' = 'header'
  const headerBuffer: { cells: readonly Cell[]; row: number }[] = []
  const colIndex = new Map<LongField, number>()
  const headerText = new Map<LongField, string>()
  let yearFromWorkYear = false
  const datasets = new Map<string, DatasetAcc>()
  const nameOf = (f: LongField) => headerText.get(f) ?? COLUMN_OF[f].header
  /** each field's column index (-1 when absent), fixed once the header is settled */
  const at = Object.fromEntries(LONG_COLUMNS.map((c) => [c.field, -1])) as Record<LongField, number>

  function matchHeader(cells: readonly Cell[]): Map<LongField, { index: number; text: string }[]> {
    const found = new Map<LongField, { index: number; text: string }[]>()
    cells.forEach((c, index) => {
      const text = cellText(c)
      const field = text === '' ? undefined : FIELD_BY_HEADER.get(normalizeHeader(text))
      if (field) found.set(field, [...(found.get(field) ?? []), { index, text }])
    })
    return found
  }

  const requiredMissing = (found: Map<LongField, unknown>): string[] => LONG_COLUMNS
    .filter((c) => c.required && !found.has(c.field) && !(c.field === 'fiscalYear' && found.has('workYear')))
    .map((c) => c.header)

  function useHeader(cells: readonly Cell[], row: number): void {
    headerWidth = cells.length
    const found = matchHeader(cells)
    for (const [field, cols] of found) {
      const first = cols[0]!
      colIndex.set(field, first.index)
      headerText.set(field, first.text)
      if (cols.length > 1) {
        add('error', row, null, `列「${cols.map((c) => c.text).join('」「')}」が同じ項目（${COLUMN_OF[field].header}）を表しています。1列にしてください`)
      }
    }
    if (found.has('fiscalYear') && found.has('workYear')) {
      add('warning', row, found.get('workYear')![0]!.text, `「${COLUMN_OF.fiscalYear.header}」があるため、この列は読み込みません`)
      colIndex.delete('workYear')
    } else if (found.has('workYear')) {
      yearFromWorkYear = true
      add('warning', row, found.get('workYear')![0]!.text,
        '実施年度（取組の年度）を評価年度（翌年度）に読み替えます。例: 実施年度2024 → 令和7年度 (2025)')
    }
    for (const c of LONG_COLUMNS) at[c.field] = colIndex.get(c.field) ?? -1
    const unknown = cells.map(cellText).filter((t) => t !== '' && !FIELD_BY_HEADER.has(normalizeHeader(t)))
    if (unknown.length > 0) {
      add('warning', row, null, `次の列は読み込みません: ${unknown.slice(0, 10).join('、')}${unknown.length > 10 ? ` ほか${unknown.length - 10}列` : ''}`)
    }
    state = 'data'
  }

  /** Decides the header from the buffered lines: the one naming most known columns. */
  function settleHeader(final: boolean): void {
    let best: { cells: readonly Cell[]; row: number; score: number } | null = null
    for (const b of headerBuffer) {
      const found = matchHeader(b.cells)
      if (requiredMissing(found).length === 0) {
        useHeader(b.cells, b.row)
        const rest = headerBuffer.slice(headerBuffer.indexOf(b) + 1)
        headerBuffer.length = 0
        for (const r of rest) dataRow(r.cells, r.row)
        return
      }
      if (!best || found.size > best.score) best = { ...b, score: found.size }
    }
    if (!final && headerBuffer.length < HEADER_SCAN_ROWS) return
    const missing = requiredMissing(best ? matchHeader(best.cells) : new Map())
    add('error', best && best.score > 0 ? best.row : null, null, `必須の列がありません: ${missing.join('、')}`)
    state = 'failed'
    headerBuffer.length = 0
  }

  const cell = (cells: readonly Cell[], f: LongField): Cell | undefined => {
    const i = at[f]
    return i < 0 ? undefined : cells[i]
  }

  /** Text from a free-text column, with warnings for formula-like text and HTML; kept as given. */
  function freeText(cells: readonly Cell[], f: 'name' | 'prefecture' | 'source', row: number): string {
    const r = freeTextReaders[f](cell(cells, f))
    if (r.formula !== null) add('warning', row, nameOf(f), `数式として解釈されるおそれのある文字（${r.formula}）で始まっています。文字列としてそのまま読み込みます`)
    if (r.html) add('warning', row, nameOf(f), 'HTMLタグのような文字列を含んでいます。文字列としてそのまま扱います（画面にはタグとして表示されません）')
    return r.text
  }

  function num(cells: readonly Cell[], f: LongField, row: number, check?: (v: number) => string | null): number | null {
    const i = at[f]
    if (i < 0) return null
    const c = cells[i]
    if (c === null || c === undefined) return null
    // a plain number (the common case) is read as parseNumberCell reads it, without its result object
    let v: number | null = typeof c === 'string' ? plainNumberValue(c) : Number.NaN
    if (v !== v) {
      const r = parseNumberCell(c)
      if (!r.ok) { add('error', row, nameOf(f), r.error); return null }
      v = r.value
    }
    if (v !== null && check) {
      const why = check(v)
      if (why) { add('error', row, nameOf(f), why); return null }
    }
    return v
  }
  const nonNegInt = (v: number) => (Number.isInteger(v) && v >= 0 ? null : `0以上の整数ではありません（${v}）`)
  const posInt = (v: number) => (Number.isInteger(v) && v >= 1 ? null : `1以上の整数ではありません（${v}）`)
  const nonNeg = (v: number) => (v >= 0 ? null : `0未満の値です（${v}）`)
  const tier = (v: number) => ([1, 2, 3, 4, 5].includes(v) ? null : `規模区分は1〜5です（${v}）`)

  function setAttr<K extends string>(attrs: Partial<Record<K, Attr<number>>>, key: K, field: LongField, value: number | null, row: number): void {
    if (value === null) return
    const prev = attrs[key]
    if (!prev) { attrs[key] = { value, row }; return }
    if (prev.value !== value) add('error', row, nameOf(field), `${prev.row}行目の値（${prev.value}）と異なります（${value}）`)
  }

  // Key cells repeat on nearly every row: read each distinct text once.
  // The text of the row before is checked first: it repeats on the rows of one dataset.
  const memo = <T>(read: (c: Cell | undefined) => T) => {
    const cache = new Map<string, T>()
    let lastText: string | null = null
    let last: T | undefined
    return (c: Cell | undefined): T => {
      if (typeof c !== 'string') return read(c)
      if (c === lastText) return last as T
      let v = cache.get(c)
      if (v === undefined) {
        if (cache.size > 5000) cache.clear()
        v = read(c)
        cache.set(c, v)
      }
      lastText = c
      last = v
      return v
    }
  }
  const readCode = memo(parseMunicipalityCode)
  const readYear = memo(parseFiscalYear)
  const readGoal = memo(parseGoal)
  const readLevel = memo(parseLevel)
  const freeTextReaders = { name: memo(freeTextOf), prefecture: memo(freeTextOf), source: memo(freeTextOf) }
  const readPrefecture = memo((c) => (typeof c === 'string' ? canonicalPrefecture(c) : null))
  let lastDef: { grant: GrantId; fy: number; def: GrantDef | null } | null = null
  const defOf = (grant: GrantId, fy: number): GrantDef | null => {
    if (lastDef === null || lastDef.grant !== grant || lastDef.fy !== fy) lastDef = { grant, fy, def: grantDef(grant, fy) }
    return lastDef.def
  }
  let lastDs: DatasetAcc | null = null
  const grantReaders = new Map<number | null, (c: Cell | undefined) => CellResult<GrantId>>()
  const readGrant = (c: Cell | undefined, fy: number | null) => {
    let r = grantReaders.get(fy)
    if (!r) { r = memo((x) => parseGrant(x, fy)); grantReaders.set(fy, r) }
    return r(c)
  }

  /** False (with an error) when a CSV row is shorter than the header, or longer with text in the extra cells. */
  function widthOk(cells: readonly Cell[], row: number): boolean {
    const n = cells.length
    if (!checkWidth || n === headerWidth) return true
    if (n < headerWidth) {
      add('error', row, null, `列の数が見出しより少なくなっています（見出し${headerWidth}列、この行${n}列）。行が途中で切れているおそれがあります。空欄の列もコンマで区切って書いてください`)
      return false
    }
    for (let i = headerWidth; i < n; i++) {
      if (cellText(cells[i]) !== '') {
        add('error', row, null, `列の数が見出しより多くなっています（見出し${headerWidth}列、この行${n}列。${i + 1}列目「${cellText(cells[i])}」に見出しがありません）。区切りのコンマが余分でないか確かめてください`)
        return false
      }
    }
    return true
  }

  function dataRow(cells: readonly Cell[], row: number): void {
    rowCount++
    if (!widthOk(cells, row)) return
    const codeR = readCode(cell(cells, 'code'))
    if (!codeR.ok) add('error', row, nameOf('code'), codeR.error)
    const name = freeText(cells, 'name', row)
    if (name === '') add('error', row, nameOf('name'), '値がありません')
    let fyR = readYear(cell(cells, yearFromWorkYear ? 'workYear' : 'fiscalYear'))
    if (fyR.ok && yearFromWorkYear) fyR = fyR.value + 1 > MAX_FISCAL_YEAR ? { ok: false, error: '年度が範囲外です' } : { ok: true, value: fyR.value + 1 }
    if (!fyR.ok) add('error', row, nameOf(yearFromWorkYear ? 'workYear' : 'fiscalYear'), fyR.error)
    const fy = fyR.ok ? fyR.value : null
    const grantR = readGrant(cell(cells, 'grant'), fy)
    if (!grantR.ok) add('error', row, nameOf('grant'), grantR.error)
    const goalR = readGoal(cell(cells, 'goal'))
    if (!goalR.ok) add('error', row, nameOf('goal'), goalR.error)
    const levelR = readLevel(cell(cells, 'group'))
    if (!levelR.ok) add('error', row, nameOf('group'), levelR.error)

    const line: ScoreLine = {
      items: num(cells, 'items', row, nonNegInt),
      max: num(cells, 'max', row, nonNeg),
      score: num(cells, 'score', row),
      prefAvg: num(cells, 'prefAvg', row),
      natAvg: num(cells, 'natAvg', row),
    }
    const amountYen = num(cells, 'amountYen', row, nonNeg)
    const prefRank = num(cells, 'prefRank', row, posInt)
    const prefRankOf = num(cells, 'prefRankOf', row, posInt)
    const natRank = num(cells, 'natRank', row, posInt)
    const natRankOf = num(cells, 'natRankOf', row, posInt)
    const insuredCount = num(cells, 'insuredCount', row, nonNegInt)
    const sizeTier = num(cells, 'sizeTier', row, tier)
    const prefText = at.prefecture >= 0 ? freeText(cells, 'prefecture', row) : ''
    const sourceText = at.source >= 0 ? freeText(cells, 'source', row) : ''

    if (!codeR.ok || !fyR.ok || !grantR.ok || !goalR.ok || !levelR.ok || fy === null || name === '') return
    const code = codeR.value, grant = grantR.value, goal = goalR.value
    let level = levelR.value
    if (level.level === 'goal-or-total') level = goal === null ? { level: 'total' } : { level: 'goal' }
    if (level.level === 'total' && goal !== null) level = { level: 'goal' }
    if (level.level !== 'total' && goal === null) {
      add('error', row, nameOf('goal'), '値がありません（指標群・目標計の行には目標が必要です）')
      return
    }
    // the structure of the year: FY2023 has totals only; goal IV has no (i)/(ii)
    const def = defOf(grant, fy)
    if (level.level !== 'total' && def && def.goals === null) {
      add('error', row, nameOf('goal'), `${formatFiscalYear(fy)}は旧指標のため、目標別の値は読み込めません（合計の行のみ）`)
      return
    }
    if (level.level === 'group' && goal !== null && def?.goals) {
      const gDef = def.goals.find((g) => g.goal === goal) ?? null // goalDef(), from the def in hand
      if (gDef && !gDef.groups.some((g) => g.kind === level.kind)) {
        add('error', row, nameOf('group'), `目標${goal}にない指標群です（${GROUP_LABELS[level.kind].label}）`)
        return
      }
    }

    // the dataset: municipality × year (rows of one dataset mostly come together)
    let ds = lastDs !== null && lastDs.code === code && lastDs.fiscalYear === fy ? lastDs : datasets.get(`${code}:${fy}`)
    const officialPref = prefectureOfCode(code)
    let prefecture: string | null = null
    if (prefText !== '') {
      const canon = readPrefecture(prefText)
      if (canon !== officialPref) add('warning', row, nameOf('prefecture'), `保険者コード${code}の都道府県（${officialPref ?? '不明'}）と一致しません（${prefText}）`)
      prefecture = canon ?? prefText
    }
    if (!ds) {
      ds = { code, fiscalYear: fy, name: { value: name, row }, prefecture: prefecture === null ? null : { value: prefecture, row },
        attrs: {}, source: null, grants: new Map() }
      datasets.set(`${code}:${fy}`, ds)
    } else {
      if (ds.name.value !== name) add('error', row, nameOf('name'), `${ds.name.row}行目の値（${ds.name.value}）と異なります（${name}）`)
      if (prefecture !== null) {
        if (ds.prefecture === null) ds.prefecture = { value: prefecture, row }
        else if (ds.prefecture.value !== prefecture) add('error', row, nameOf('prefecture'), `${ds.prefecture.row}行目の値（${ds.prefecture.value}）と異なります（${prefecture}）`)
      }
    }
    if (sourceText !== '') {
      if (ds.source === null) ds.source = { value: sourceText, row }
      else if (ds.source.value !== sourceText) add('error', row, nameOf('source'), `${ds.source.row}行目の値（${ds.source.value}）と異なります（${sourceText}）`)
    }
    lastDs = ds
    setAttr(ds.attrs, 'insuredCount', 'insuredCount', insuredCount, row)
    setAttr(ds.attrs, 'sizeTier', 'sizeTier', sizeTier, row)

    let g = ds.grants.get(grant)
    if (!g) { g = { total: null, goals: new Map(), firstRow: row, attrs: {} }; ds.grants.set(grant, g) }
    setAttr(g.attrs, 'amountYen', 'amountYen', amountYen, row)
    setAttr(g.attrs, 'prefRank', 'prefRank', prefRank, row)
    setAttr(g.attrs, 'prefRankOf', 'prefRankOf', prefRankOf, row)
    setAttr(g.attrs, 'natRank', 'natRank', natRank, row)
    setAttr(g.attrs, 'natRankOf', 'natRankOf', natRankOf, row)

    const duplicate = (first: number, what: string) =>
      add('error', row, null, `${first}行目と重複しています（${code} ${formatFiscalYear(fy)} ${what}）`)
    if (level.level === 'total') {
      if (g.total) return duplicate(g.total.row, levelName(grant, null, 'total'))
      g.total = { row, line }
      return
    }
    const goalId = goal as GoalId
    let ga = g.goals.get(goalId)
    if (!ga) { ga = { own: null, groups: new Map(), firstRow: row }; g.goals.set(goalId, ga) }
    if (level.level === 'goal') {
      if (ga.own) return duplicate(ga.own.row, levelName(grant, goalId, 'goal'))
      ga.own = { row, line }
      return
    }
    const prev = ga.groups.get(level.kind)
    if (prev) return duplicate(prev.row, levelName(grant, goalId, level.kind))
    ga.groups.set(level.kind, { row, line })
  }

  /**
   * A 合計 / 目標計 row whose 得点 is blank while every part is there with a score: the score is
   * computed from the parts (as for a missing row), with a warning on that row. Otherwise as given.
   */
  function scoreFromParts(own: { row: number; line: ScoreLine }, parts: readonly ScoreLine[], expected: number | null, what: string, partName: string): ScoreLine {
    if (own.line.score !== null || expected === null || parts.length !== expected || parts.some((p) => p.score === null)) return own.line
    const score = cleanSum(sumOrNull(parts.map((p) => p.score)))
    add('warning', own.row, nameOf('score'), `${what}の行の得点が空欄のため、${partName}の得点の合計（${score}点）を使います`)
    return { ...own.line, score }
  }

  function build(): { datasets: YearDataset[] } {
    const out: YearDataset[] = []
    for (const acc of datasets.values()) {
      const grants: YearDataset['grants'] = {}
      for (const grant of GRANT_IDS) {
        const g = acc.grants.get(grant)
        if (!g) continue
        const def = grantDef(grant, acc.fiscalYear)
        const goals: GoalResult[] = []
        for (const goalId of GOAL_IDS) {
          const ga = g.goals.get(goalId)
          if (!ga) continue
          const groups: GroupResult[] = []
          for (const kind of GROUP_KINDS) {
            const gr = ga.groups.get(kind)
            if (!gr) continue
            const l = gr.line // { ...l, kind }, written out: object spread is slow in V8's hot loops
            groups.push({ items: l.items, max: l.max, score: l.score, prefAvg: l.prefAvg, natAvg: l.natAvg, kind })
          }
          let goalLine: ScoreLine
          const expectedGroups = goalDef(grant, acc.fiscalYear, goalId)?.groups.length ?? null
          if (ga.own) {
            goalLine = scoreFromParts(ga.own, groups, expectedGroups, `${GRANT_NAMES[grant].shortName} 目標${goalId}の目標計`, '指標群')
          } else {
            const expected = expectedGroups
            const firstGroupRow = Math.min(...[...ga.groups.values()].map((x) => x.row))
            if (expected !== null && groups.length === expected) {
              goalLine = sumLines(groups)
              add('warning', firstGroupRow, nameOf('group'),
                `目標計の行がないため、${GRANT_NAMES[grant].shortName} 目標${goalId}の値を指標群の合計から算出しました（公表値と端数が異なることがあります）`)
            } else {
              goalLine = { ...EMPTY_LINE }
              add('warning', firstGroupRow, nameOf('group'),
                `目標計の行がなく指標群もそろっていないため、${GRANT_NAMES[grant].shortName} 目標${goalId}の値は空欄とします`)
            }
          }
          goals.push({
            items: goalLine.items, max: goalLine.max, score: goalLine.score, prefAvg: goalLine.prefAvg, natAvg: goalLine.natAvg,
            goal: goalId, groups,
          })
        }
        let total: ScoreLine
        if (g.total) total = scoreFromParts(g.total, goals, def?.goals?.length ?? null, `${GRANT_NAMES[grant].shortName}の合計`, '目標')
        else {
          const expected = def?.goals?.length ?? null
          if (expected !== null && goals.length === expected) {
            total = sumLines(goals)
            add('warning', g.firstRow, nameOf('group'),
              `合計の行がないため、${GRANT_NAMES[grant].shortName}の合計を目標の合計から算出しました（公表値と端数が異なることがあります）`)
          } else {
            total = { ...EMPTY_LINE }
            add('warning', g.firstRow, nameOf('group'), `合計の行がないため、${GRANT_NAMES[grant].shortName}の合計は空欄とします`)
          }
        }
        const rank = (r: 'prefRank' | 'natRank', of: 'prefRankOf' | 'natRankOf'): Rank | null => {
          const a = g.attrs[r], b = g.attrs[of]
          if (a && b) {
            if (a.value > b.value) { add('error', a.row, nameOf(r), `${COLUMN_OF[of].header}${b.value}を超えています（${a.value}）`); return null }
            return { rank: a.value, of: b.value }
          }
          if (a || b) {
            const have = (a ?? b)!
            add('warning', have.row, nameOf(a ? r : of), `${COLUMN_OF[a ? of : r].header}がないため、順位は読み込みません`)
          }
          return null
        }
        grants[grant] = {
          grant, total, goals,
          amountYen: g.attrs.amountYen?.value ?? null,
          prefRank: rank('prefRank', 'prefRankOf'),
          natRank: rank('natRank', 'natRankOf'),
        }
      }
      const ds: YearDataset = {
        municipality: { code: acc.code, name: acc.name.value, prefecture: acc.prefecture?.value ?? prefectureOfCode(acc.code) ?? '' },
        fiscalYear: acc.fiscalYear,
        insuredCount: acc.attrs.insuredCount?.value ?? null,
        sizeTier: (acc.attrs.sizeTier?.value ?? null) as SizeTier | null,
        grants,
        source: { label: acc.source?.value ?? file, file, importedAt: null, example: false },
      }
      for (const issue of validateDataset(ds)) {
        if (issues.length >= MAX_ISSUES) { add(issue.severity, null, null, ''); continue } // only counted
        const p = issue.path
        const row = issueRow(acc, p)
        const column = p.field ? nameOf(p.field as LongField) : null
        add(issue.severity, row, column, validationText(issue))
      }
      out.push(ds)
    }
    return { datasets: out }
  }

  return {
    push(rows) {
      for (const cells of rows) {
        rowNo++
        if (state === 'failed') continue
        if (isBlankRow(cells)) continue
        nonEmptyRows++
        if (state === 'header') {
          headerBuffer.push({ cells, row: rowNo })
          settleHeader(false)
        } else dataRow(cells, rowNo)
      }
    },
    finish() {
      if (state === 'header') {
        if (nonEmptyRows === 0) add('error', null, null, EMPTY_FILE_MESSAGE)
        else settleHeader(true)
      }
      const built = state === 'data' ? build() : { datasets: [] }
      if (state === 'data' && rowCount === 0) add('error', null, null, 'データ行がありません（見出し行の下に1行以上必要です）')
      // by row, then left to right within a row (issues without a column first), then as found
      const columnAt = new Map([...headerText].map(([f, text]) => [text, colIndex.get(f) ?? -1]))
      const col = (i: ImportIssue) => (i.column === null ? -1 : columnAt.get(i.column) ?? -1)
      const sorted = issues
        .map((issue, i) => ({ issue, i }))
        .sort((a, b) => (a.issue.row ?? 0) - (b.issue.row ?? 0) || col(a.issue) - col(b.issue) || a.i - b.i)
        .map((x) => x.issue)
      if (dropped > 0) {
        sorted.push({ severity: droppedError ? 'error' : 'warning', file, row: null, column: null,
          message: `ほかに${dropped}件の問題があります（最初の${MAX_ISSUES}件のみ表示しています）` })
      }
      const failed = sorted.some((i) => i.severity === 'error')
      return { format, file, datasets: failed ? [] : built.datasets, issues: sorted, rowCount }
    },
  }
}

export interface ParseLongTableOptions extends LongTableOptions {
  /** rows done and total, called every `progressEvery` rows (default 2,000) and at the end */
  onProgress?: (done: number, total: number) => void
  progressEvery?: number
}

/**
 * Reads a long-format table (one row per municipality × 評価年度 × 交付金 × 目標 × 指標群)
 * found by its header text. If any issue is an error the datasets are empty: nothing is
 * half-imported. Warnings (rounding, derived goal rows, formula-like text) keep the data.
 */
export function parseLongTable(grid: Grid, file: string, opts: ParseLongTableOptions = {}): ParsedImport {
  const p = createLongTableParser(file, opts)
  const step = Math.max(1, opts.progressEvery ?? 2000)
  for (let at = 0; at < grid.length; at += step) {
    p.push(grid.slice(at, at + step))
    opts.onProgress?.(Math.min(at + step, grid.length), grid.length)
  }
  return p.finish()
}

/**
 * MHLW's national result workbook (「…全国集計結果」): one sheet with every municipality's
 * scores per item, group, goal and grant. What the reader expects, found by header TEXT only
 * (positions shift between years):
 *
 * - a title above the table (「令和7年度 … 全国集計結果」: the evaluation year);
 * - multi-row merged headers: 交付金 / 目標 / 指標群 / 指標名 / 枝番. A merged cell holds its text
 *   in its first cell and null in the rest, so a header text carries to the right until a new
 *   text starts in the same row or in any row above it (a merge never crosses its parent's);
 * - identification columns 通し番号, 都道府県番号, 保険者番号, 市町村名, 第1号被保険者数,
 *   区分 (規模区分), 過疎地域;
 * - national statistics rows (配点, 平均点, 中央値, 標準偏差, 該当率) between the headers and the
 *   data, recognised by their label in an identification column;
 * - the previous year's total and rank at the front (前年度…) and 今年度順位 at the end: both
 *   are skipped (ranks are computed here, from the scores).
 *
 * Per municipality it gives a YearDataset with every grant's total, goals and groups, 配点 from
 * the 配点 row, national averages from the 平均点 row as published, prefectural averages and
 * ranks computed from the file (peers.ts). Sheets with item columns only are summed into groups.
 *
 * Municipality code: the 6-digit 介護保険 保険者番号 is 2-digit prefecture + 3-digit number +
 * check digit (mod 10, weights 2-1). Its first five digits are the key: for a single-municipality
 * insurer they are the 地方公共団体コード without its check digit (登米市 04212), and since the
 * check digit follows from them, two insurers can never share them. A 市町村コード column, if
 * present, wins.
 */
import { goalDef, grantDef, GRANT_NAMES, GROUP_LABELS } from '../catalogue/grantCatalogue'
import { sumOrNull } from '../numbers'
import { datasetLines, fillPeerFiguresInPlace, meanScores, prefectureName } from '../peers'
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type GoalId, type GoalResult, type GrantId, type GrantResult, type GroupKind, type GroupResult, type ScoreLine, type SizeTier, type YearDataset,
} from '../types'
import { validateDataset } from '../validate'
import { sizeTierForInsured } from '../whatif/params'
import { canonicalPrefecture, cellText, isMissingText, MAX_ISSUES, normalizeKey, parseNumberCell } from './longFormat'
import { locate, type Cell, type Grid, type ImportIssue, type ParsedImport } from './types'

// ───────────────────────────── header words ─────────────────────────────

/** NFKC, no whitespace, no bracketed notes (but (i)/(ii) stay): 「第１号被保険者数（人）」 → 第1号被保険者数. */
export function headerKey(cell: Cell | undefined): string {
  return normalizeKey(cellText(cell))
    .replace(/\((?!i+\))[^()]*\)|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕/g, '')
    .replace(/^※.*/, '')
}

/** A header as shown in messages: the cell's text with runs of whitespace made one space. */
function headerDisplay(cell: Cell | undefined): string {
  return cellText(cell).replace(/\s+/g, ' ')
}

export type IdColumn = 'serial' | 'prefCode' | 'prefName' | 'insurerNo' | 'lgCode' | 'name' | 'insured' | 'tier' | 'depopulated'

/** The identification columns: label for messages and the header texts that name them. */
export const ID_COLUMNS: readonly { id: IdColumn; label: string; test: (key: string) => boolean }[] = [
  { id: 'serial', label: '通し番号', test: (k) => /^(通し番号|通番|連番|No\.?)$/i.test(k) },
  { id: 'prefCode', label: '都道府県番号', test: (k) => /^都道府県(番号|コード|No\.?)$/i.test(k) },
  { id: 'prefName', label: '都道府県名', test: (k) => /^都道府県名?$/.test(k) },
  { id: 'insurerNo', label: '保険者番号', test: (k) => /^(介護)?保険者(番号|No\.?)$/i.test(k) },
  { id: 'lgCode', label: '市町村コード', test: (k) => /^(市区?町村|地方公共団体|全国地方公共団体|団体)コード$/.test(k) },
  { id: 'name', label: '市町村名', test: (k) => /^(市区?町村名?|保険者名|市区?町村・?保険者名|保険者)$/.test(k) },
  { id: 'insured', label: '第1号被保険者数', test: (k) => /^第?1号被保険者数?$/.test(k) },
  { id: 'tier', label: '区分', test: (k) => /^(規模別?)?区分$/.test(k) },
  { id: 'depopulated', label: '過疎地域', test: (k) => /^過疎/.test(k) },
]
const REQUIRED_IDS: readonly IdColumn[] = ['insurerNo', 'name']
const idLabel = (id: IdColumn): string => ID_COLUMNS.find((c) => c.id === id)?.label ?? id

function idOf(key: string): IdColumn | null {
  if (key === '') return null
  return ID_COLUMNS.find((c) => c.test(key))?.id ?? null
}

export type StatKind = 'max' | 'mean' | 'median' | 'sd' | 'share'

/** 配点, 平均点 (全国平均点), 中央値, 標準偏差, 該当率 as a row label. */
export function statOf(key: string): StatKind | null {
  if (/^(全国)?(配点|満点)$/.test(key)) return 'max'
  if (/^(全国)?平均(点|値)?$/.test(key)) return 'mean'
  if (/^(全国)?中央値$/.test(key)) return 'median'
  if (/^(全国)?標準偏差$/.test(key)) return 'sd'
  if (/^(全国)?該当率$/.test(key)) return 'share'
  return null
}

const GRANT_LABELS: [string, GrantId][] = ([
  ['介護保険保険者努力支援交付金', 'doryoku'], ['保険者努力支援交付金', 'doryoku'], ['努力支援交付金', 'doryoku'], ['努力支援', 'doryoku'], ['努力', 'doryoku'],
  ['保険者機能強化推進交付金', 'suishin'], ['機能強化推進交付金', 'suishin'], ['推進交付金', 'suishin'], ['推進', 'suishin'],
] as [string, GrantId][]).sort((a, b) => b[0].length - a[0].length)

const TOTAL_WORDS = new Set(['計', '小計', '合計', '総計', '総合計', '合計点', '計点', '得点', '総得点', '得点計', '得点合計', '合計得点',
  '点数', '評価点', '評価点計', '目標計', '目標合計', '指標群計', '交付金計', '全体'])

function isTotalWord(key: string): boolean {
  return TOTAL_WORDS.has(key)
}

/** A grant header: the grant's name, optionally followed by a total word (推進交付金合計). */
function matchGrant(key: string): { grant: GrantId; rest: string } | null {
  for (const [label, grant] of GRANT_LABELS) {
    if (!key.startsWith(label)) continue
    const rest = key.slice(label.length).replace(/^[・:：]/, '')
    if (rest === '' || isTotalWord(rest)) return { grant, rest }
  }
  return null
}

/** The grant a free text (title, sheet or file name) is about, when it names exactly one. */
export function grantMentioned(text: string): GrantId | null {
  const k = normalizeKey(text)
  const s = /推進/.test(k), d = /努力/.test(k)
  return s === d ? null : s ? 'suishin' : 'doryoku'
}

const GOAL_TITLE_TO_ID: [string, GoalId][] = GRANT_IDS.flatMap((g) =>
  (grantDef(g, 2025)?.goals ?? []).map((d) => [normalizeKey(d.title), d.goal] as [string, GoalId]))

/** 目標I…, 目標Ⅳ, 目標3, or a goal's full title. `rest` is what follows the goal token. */
function matchGoal(key: string): { goal: GoalId; rest: string } | null {
  const m = /^目標(IV|III|II|I|[1-4])(?![IVX])/.exec(key)
  if (m) {
    const token = m[1] ?? ''
    const goal = (({ 1: 'I', 2: 'II', 3: 'III', 4: 'IV' } as Record<string, GoalId>)[token] ?? token) as GoalId
    return { goal, rest: key.slice(m[0].length).replace(/^[・:：.、]/, '') }
  }
  for (const [title, goal] of GOAL_TITLE_TO_ID) if (key.includes(title)) return { goal, rest: '' }
  return null
}

/** (i) 体制・取組指標群, (ii) 活動指標群, 成果指標群; `rest` is what follows (計 for a group total). */
function matchGroup(key: string): { kind: GroupKind; rest: string } | null {
  let kind: GroupKind | null = null
  if (/^\(i\)/.test(key) || /体制・?取組/.test(key)) kind = 'structure'
  else if (/^\(ii\)/.test(key) || /活動指標/.test(key)) kind = 'activity'
  else if (/成果指標/.test(key) || key === '成果') kind = 'outcome'
  if (kind === null) return null
  const rest = key.replace(/^\((i|ii)\)/, '').replace(/^.*指標群?/, '').replace(/^(体制・?取組|活動|成果)$/, '')
  return { kind, rest }
}

/** 令和7年度 → 2025, 平成30年度 → 2018, 2025年度 → 2025, R7 → 2025 (in a longer text). */
export function fiscalYearIn(text: string): number | null {
  const k = normalizeKey(text)
  const era = /(令和|平成)(元|\d{1,2})年度?/.exec(k)
  if (era) {
    const n = era[2] === '元' ? 1 : Number(era[2])
    return era[1] === '令和' ? 2018 + n : 1988 + n
  }
  const western = /(20\d{2})年度/.exec(k)
  if (western) return Number(western[1])
  const short = /(?:^|[^A-Za-z])R0?(\d{1,2})(?!\d)/i.exec(k)
  if (short) return 2018 + Number(short[1])
  return null
}

const PREVIOUS = /前年度|前年|前回|昨年度/
const RANK = /順位/
const RATE_ONLY = /^(得点率|達成率|率|偏差値|割合)$/

// ───────────────────────────── layout ─────────────────────────────

export interface MhlwColumn {
  index: number
  /** the header texts above the column, top to bottom (merged texts carried), shown in messages */
  label: string
  grant: GrantId | null
  goal: GoalId | null
  group: GroupKind | null
  item: string | null
  branch: string | null
  /** why the column is not read: another year's figure, a rank, a rate */
  skip: 'previous' | 'rank' | 'rate' | null
  /** a total word (合計, 計, 小計…) is among its headers */
  totalWord: boolean
  /** a header above any goal is not a known word (e.g. 交付額): not a grant total then */
  unknownText: boolean
}

export interface MhlwLayout {
  /** 0-based grid rows of the header block */
  headerRows: number[]
  /** 0-based row of the first row below the headers */
  bodyStart: number
  ids: Partial<Record<IdColumn, number>>
  /** the identification columns' header texts with their letters, for messages: 保険者番号（C列） */
  idLabels: Partial<Record<IdColumn, string>>
  columns: MhlwColumn[]
  /** the text above the table (title), if any */
  title: string | null
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

function rowHasText(row: readonly Cell[] | undefined): boolean {
  return !!row && row.some((c) => cellText(c) !== '')
}

/** Words that make a row part of the header block (when it sits above the 保険者番号 row). */
function isHeaderWord(key: string): boolean {
  return idOf(key) !== null || matchGrant(key) !== null || matchGoal(key) !== null || matchGroup(key) !== null
    || PREVIOUS.test(key) || RANK.test(key) || /^今年度/.test(key)
}

const INSURER_NUMBER = /^\d{5,6}$/

function looksLikeInsurerNumber(cell: Cell | undefined): boolean {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 && cell < 1_000_000
  return INSURER_NUMBER.test(normalizeKey(cellText(cell)))
}

/** Rows searched for the 保険者番号 header. */
const HEADER_SCAN_ROWS = 60

/** The row and column of the first 保険者番号 header, or null. */
function findAnchor(grid: Grid): { row: number; col: number } | null {
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    const row = grid[r] ?? []
    for (let c = 0; c < row.length; c++) if (idOf(headerKey(row[c])) === 'insurerNo') return { row: r, col: c }
  }
  return null
}

/** Which identification and score headers the sheet has: for telling layouts apart. */
export function probeMhlwLayout(grid: Grid): { found: IdColumn[]; missing: string[]; scoreHeaders: number } {
  const found = new Set<IdColumn>()
  let scoreHeaders = 0
  for (let r = 0; r < Math.min(grid.length, HEADER_SCAN_ROWS); r++) {
    for (const cell of grid[r] ?? []) {
      const key = headerKey(cell)
      if (key === '') continue
      const id = idOf(key)
      if (id) found.add(id)
      else if (matchGrant(key) || matchGoal(key) || matchGroup(key)) scoreHeaders++
    }
  }
  return { found: [...found], missing: REQUIRED_IDS.filter((id) => !found.has(id)).map(idLabel), scoreHeaders }
}

function statLabelIn(row: readonly Cell[], cols: readonly number[]): StatKind | null {
  for (const c of cols) {
    const s = statOf(headerKey(row[c]))
    if (s) return s
  }
  return null
}

/**
 * The header block, identification columns and score columns of the sheet, or the names of the
 * required columns that are missing.
 */
export function readMhlwLayout(grid: Grid, fiscalYear: number | null): MhlwLayout | { missing: string[] } {
  const anchor = findAnchor(grid)
  if (!anchor) {
    const missing = probeMhlwLayout(grid).missing
    return { missing: missing.length ? missing : [idLabel('insurerNo')] }
  }

  // the block: up from the anchor while rows carry header words, down to the first statistics or data row
  let top = anchor.row
  while (top > 0 && rowHasText(grid[top - 1]) && (grid[top - 1] ?? []).some((c) => isHeaderWord(headerKey(c)))) top--
  const idColsSoFar = (from: number, to: number): number[] => {
    const cols = new Set<number>()
    for (let r = from; r < to; r++) (grid[r] ?? []).forEach((c, i) => { if (idOf(headerKey(c))) cols.add(i) })
    return [...cols]
  }
  let bodyStart = anchor.row + 1
  while (bodyStart < grid.length) {
    const row = grid[bodyStart] ?? []
    if (looksLikeInsurerNumber(row[anchor.col])) break
    const labelCols = idColsSoFar(top, bodyStart)
    const leftmost = Math.min(...labelCols, anchor.col)
    if (statLabelIn(row, [...labelCols, ...Array.from({ length: leftmost + 1 }, (_, i) => i)])) break
    bodyStart++
  }
  const headerRows: number[] = []
  for (let r = top; r < bodyStart; r++) if (rowHasText(grid[r])) headerRows.push(r)
  const width = Math.max(0, ...headerRows.map((r) => (grid[r] ?? []).length))

  // carried header texts: raw[i][c] is the cell; carried to the right unless a text starts above
  const raw: string[][] = headerRows.map((r) => Array.from({ length: width }, (_, c) => cellText((grid[r] ?? [])[c])))
  const carried: string[][] = raw.map((row) => row.slice())
  for (let i = 0; i < raw.length; i++) {
    for (let c = 1; c < width; c++) {
      if (raw[i]![c] !== '') continue
      let startsAbove = false
      for (let k = 0; k < i; k++) if (raw[k]![c] !== '') startsAbove = true
      if (!startsAbove) carried[i]![c] = carried[i]![c - 1]!
    }
  }

  // identification columns: by their own (not carried) text, outside previous-year blocks
  const ids: Partial<Record<IdColumn, number>> = {}
  const idLabels: Partial<Record<IdColumn, string>> = {}
  for (let c = 0; c < width; c++) {
    const path = carried.map((row) => headerKey(row[c]))
    if (path.some((k) => PREVIOUS.test(k))) continue
    for (let i = 0; i < raw.length; i++) {
      const id = idOf(headerKey(raw[i]![c]))
      if (id && ids[id] === undefined) {
        ids[id] = c
        idLabels[id] = `${headerDisplay(raw[i]![c])}（${columnLetter(c)}列）`
        break
      }
    }
  }
  const missing = REQUIRED_IDS.filter((id) => ids[id] === undefined).map(idLabel)
  if (missing.length) return { missing }
  const idCols = new Set(Object.values(ids))

  const columns: MhlwColumn[] = []
  for (let c = 0; c < width; c++) {
    if (idCols.has(c)) continue
    const texts: string[] = []
    for (let i = 0; i < carried.length; i++) {
      const t = headerDisplay(carried[i]![c])
      if (t !== '' && texts[texts.length - 1] !== t) texts.push(t)
    }
    if (texts.length === 0) continue
    const col: MhlwColumn = { index: c, label: `${texts.join(' ')}（${columnLetter(c)}列）`,
      grant: null, goal: null, group: null, item: null, branch: null, skip: null, totalWord: false, unknownText: false }
    for (const text of texts) {
      let key = headerKey(text)
      if (PREVIOUS.test(key)) { col.skip = 'previous'; break }
      if (RANK.test(key)) { col.skip = 'rank'; break }
      if (RATE_ONLY.test(key)) { col.skip = 'rate'; break }
      const year = fiscalYearIn(key)
      if (year !== null && /年度/.test(key)) {
        if (fiscalYear !== null && year !== fiscalYear) { col.skip = 'previous'; break }
        key = key.replace(/(令和|平成)(元|\d{1,2})年度?|20\d{2}年度/, '')
        if (key === '') continue
      }
      const g = matchGrant(key)
      if (g) { col.grant = g.grant; continue }
      const goal = matchGoal(key)
      if (goal) {
        col.goal = goal.goal
        col.group = null
        col.item = null
        col.branch = null
        continue
      }
      const group = matchGroup(key)
      if (group && col.goal !== null) {
        col.group = group.kind
        col.item = null
        col.branch = null
        continue
      }
      if (isTotalWord(key)) { col.totalWord = true; continue }
      if (/^今年度/.test(key)) continue
      if (col.goal === null) { col.unknownText = true; continue }
      if ((col.group !== null || col.goal === 'IV') && col.item === null) col.item = text
      else if (col.item !== null && col.branch === null) col.branch = text
      // anything else (a goal title line, 満点 notes) describes the column and is not a level
    }
    if (col.goal === 'IV' && col.item !== null && col.group === null) col.group = 'outcome'
    columns.push(col)
  }

  const titleTexts: string[] = []
  // the title: the first text above the table that is not a bracketed or ※ note (（単位：点）)
  for (let r = 0; r < top; r++) for (const c of grid[r] ?? []) if (headerKey(c) !== '') titleTexts.push(headerDisplay(c))
  return { headerRows, bodyStart, ids, idLabels, columns, title: titleTexts[0] ?? null }
}

// ───────────────────────────── cells ─────────────────────────────

/** 保険者番号 → six digits (leading zeros restored), null when empty, or an error text. */
function parseInsurerNumber(cell: Cell | undefined): { ok: true; value: string | null } | { ok: false; error: string } {
  if (cell === null || cell === undefined) return { ok: true, value: null }
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell <= 0 || cell >= 1_000_000) return { ok: false, error: `6桁の数字ではありません（${cell}）` }
    return { ok: true, value: String(cell).padStart(6, '0') }
  }
  const raw = cell.trim()
  if (raw === '') return { ok: true, value: null }
  const k = normalizeKey(raw).replace(/[-‐]/g, '')
  if (!INSURER_NUMBER.test(k)) return { ok: false, error: `6桁の数字ではありません（${raw}）` }
  return { ok: true, value: k.padStart(6, '0') }
}

/** Check digit of a 保険者番号: from the last digit, weights 2,1,2,…; digit sums; 10 − (sum mod 10). */
export function insurerCheckDigit(first5: string): number {
  let sum = 0
  for (let i = 0; i < first5.length; i++) {
    const weight = (first5.length - 1 - i) % 2 === 0 ? 2 : 1
    const p = Number(first5[i]) * weight
    sum += p >= 10 ? Math.floor(p / 10) + (p % 10) : p
  }
  return (10 - (sum % 10)) % 10
}

/** The municipality code kept as the stable key: the first five digits of the 保険者番号. */
export function codeFromInsurerNumber(insurerNo: string): string {
  return insurerNo.slice(0, 5)
}

function parseTier(cell: Cell | undefined): SizeTier | null | 'invalid' {
  const k = headerKey(cell)
  if (k === '' || isMissingText(k)) return null
  const m = /^(?:規模)?(?:区分)?([1-5])(?:区分)?$/.exec(k)
  return m ? (Number(m[1]) as SizeTier) : 'invalid'
}

// ───────────────────────────── structure ─────────────────────────────

interface ItemCols { item: string; own: MhlwColumn | null; branches: MhlwColumn[] }
interface GroupCols { kind: GroupKind; total: MhlwColumn | null; items: Map<string, ItemCols> }
interface GoalCols { goal: GoalId; total: MhlwColumn | null; groups: Map<GroupKind, GroupCols> }
interface GrantCols { grant: GrantId; total: MhlwColumn | null; goals: Map<GoalId, GoalCols> }

interface Structure { grants: Map<GrantId, GrantCols>; duplicates: [MhlwColumn, MhlwColumn][] }

function buildStructure(columns: readonly MhlwColumn[]): Structure {
  const grants = new Map<GrantId, GrantCols>()
  const duplicates: [MhlwColumn, MhlwColumn][] = []
  const setOnce = (holder: { total: MhlwColumn | null }, col: MhlwColumn) => {
    if (holder.total) duplicates.push([holder.total, col])
    else holder.total = col
  }
  for (const col of columns) {
    if (col.skip || col.grant === null) continue
    let g = grants.get(col.grant)
    if (!g) { g = { grant: col.grant, total: null, goals: new Map() }; grants.set(col.grant, g) }
    if (col.goal === null) {
      if (!col.unknownText) setOnce(g, col)
      continue
    }
    let goal = g.goals.get(col.goal)
    if (!goal) { goal = { goal: col.goal, total: null, groups: new Map() }; g.goals.set(col.goal, goal) }
    if (col.group === null) { setOnce(goal, col); continue }
    let group = goal.groups.get(col.group)
    if (!group) { group = { kind: col.group, total: null, items: new Map() }; goal.groups.set(col.group, group) }
    if (col.item === null) { setOnce(group, col); continue }
    let item = group.items.get(col.item)
    if (!item) { item = { item: col.item, own: null, branches: [] }; group.items.set(col.item, item) }
    if (col.branch === null) {
      if (item.own) duplicates.push([item.own, col])
      else item.own = col
    } else item.branches.push(col)
  }
  return { grants, duplicates }
}

// ───────────────────────────── parse ─────────────────────────────

export interface MhlwParseOptions {
  /** the sheet's name: a fallback for the grant (a sheet per grant) and the year */
  sheet?: string
}

interface MunicipalityRow {
  row: number
  insurerNo: string
  code: string
  name: string
  prefecture: string
  insured: number | null
  tier: SizeTier | null
  values: Map<number, number | null>
  cellError: boolean
}

const EMPTY_LINE: ScoreLine = { items: null, max: null, score: null, prefAvg: null, natAvg: null }
const cleanSum = (x: number | null): number | null => (x === null ? null : Math.round(x * 1e6) / 1e6)
const sum = (xs: readonly (number | null)[]): number | null => cleanSum(sumOrNull(xs))

/**
 * Parses the MHLW national result sheet. `fiscalYear` overrides the year read from the title
 * (令和7年度 → 2025) or the file name. If any issue is an error the datasets are empty.
 */
export function parseMhlwWorkbook(grid: Grid, file: string, fiscalYear?: number, options: MhlwParseOptions = {}): ParsedImport {
  const issues: ImportIssue[] = []
  let dropped = 0
  let droppedError = false
  const add = (severity: ImportIssue['severity'], row: number | null, column: string | null, text: string): void => {
    if (issues.length >= MAX_ISSUES) { dropped++; droppedError ||= severity === 'error'; return }
    issues.push({ severity, file, row, column, message: locate(row, column, text) })
  }
  const result = (datasets: YearDataset[], rowCount: number): ParsedImport => {
    if (dropped > 0) {
      issues.push({ severity: droppedError ? 'error' : 'warning', file, row: null, column: null,
        message: `ほかに${dropped}件の問題があります（最初の${MAX_ISSUES}件のみ表示しています）` })
    }
    const failed = issues.some((i) => i.severity === 'error')
    return { format: 'mhlw-xlsx', file, datasets: failed ? [] : datasets, issues, rowCount }
  }

  // the year first: header texts with another year's label are skipped
  let fy: number | null = fiscalYear ?? null
  const anchor = findAnchor(grid)
  if (fy === null) {
    for (let r = 0; r < (anchor?.row ?? Math.min(grid.length, HEADER_SCAN_ROWS)) && fy === null; r++) {
      for (const c of grid[r] ?? []) {
        const t = cellText(c)
        if (t === '' || PREVIOUS.test(normalizeKey(t))) continue
        fy = fiscalYearIn(t)
        if (fy !== null) break
      }
    }
    fy ??= (options.sheet ? fiscalYearIn(options.sheet) : null) ?? fiscalYearIn(file)
  }

  const layout = readMhlwLayout(grid, fy)
  if ('missing' in layout) {
    add('error', null, null, `必要な列が見つかりません: ${layout.missing.join('、')}`)
    return result([], 0)
  }
  // a sheet per grant names the grant in its title only
  if (!layout.columns.some((c) => c.grant !== null && !c.skip)) {
    const g = grantMentioned(layout.title ?? '') ?? (options.sheet ? grantMentioned(options.sheet) : null) ?? grantMentioned(file)
    if (g) for (const c of layout.columns) if (!c.skip && (c.goal !== null || c.totalWord)) c.grant = g
  }
  const structure = buildStructure(layout.columns)
  if (structure.grants.size === 0) {
    add('error', null, null, '得点の列が見つかりません（交付金・目標・指標群の見出しを確認してください）')
    return result([], 0)
  }
  if (fy === null) {
    add('error', null, null, '評価年度が分かりません。表題かファイル名に「令和7年度」のような年度を入れてから読み込んでください')
    return result([], 0)
  }
  const year = fy

  for (const [first, second] of structure.duplicates) {
    add('warning', (layout.headerRows[0] ?? 0) + 1, second.label, `${first.label}と同じ得点の列です。最初の列（${first.label}）を読み込みます`)
  }
  // goal IV is one set of outcome indicators counted in both grants
  for (const [mine, other] of [['doryoku', 'suishin'], ['suishin', 'doryoku']] as const) {
    const a = structure.grants.get(mine), b = structure.grants.get(other)
    const bIV = b?.goals.get('IV')
    if (a && a.goals.size > 0 && !a.goals.has('IV') && bIV) {
      a.goals.set('IV', bIV)
      add('warning', null, null, `${GRANT_NAMES[mine].shortName}の目標IVの列がないため、${GRANT_NAMES[other].shortName}の目標IV（両交付金に共通の成果指標）を用います`)
    }
  }

  const scoreCols = new Map<number, MhlwColumn>()
  const collect = (c: MhlwColumn | null) => { if (c) scoreCols.set(c.index, c) }
  for (const g of structure.grants.values()) {
    collect(g.total)
    for (const goal of g.goals.values()) {
      collect(goal.total)
      for (const group of goal.groups.values()) {
        collect(group.total)
        for (const item of group.items.values()) { collect(item.own); item.branches.forEach(collect) }
      }
    }
  }

  // statistics and municipality rows
  const ids = layout.ids
  const colName = (id: IdColumn): string => layout.idLabels[id] ?? idLabel(id)
  const insurerCol = ids.insurerNo ?? 0
  const nameCol = ids.name ?? 0
  const firstScoreCol = Math.min(grid.reduce((w, r) => Math.max(w, r.length), 0), ...scoreCols.keys())
  const labelCols = [...new Set([...Object.values(ids), ...Array.from({ length: Math.max(0, firstScoreCol) }, (_, i) => i)])]
  const stats = new Map<StatKind, { row: number; values: Map<number, number | null> }>()
  const munis: MunicipalityRow[] = []
  const seen = new Map<string, number>()
  const skippedNoNumber: { row: number; name: string }[] = []
  const badTiers: { row: number; text: string }[] = []
  const badCheckDigits: { row: number; insurerNo: string; expected: string }[] = []
  let rowCount = 0
  const idCell = (r: readonly Cell[], id: IdColumn): Cell | undefined => (ids[id] === undefined ? undefined : r[ids[id]])

  for (let r = layout.bodyStart; r < grid.length; r++) {
    const cells = grid[r] ?? []
    const rowNo = r + 1
    if (!rowHasText(cells)) continue
    const insurerCell = cells[insurerCol]
    const stat = looksLikeInsurerNumber(insurerCell) ? null : statLabelIn(cells, labelCols)
    if (stat) {
      if (stats.has(stat)) continue
      const values = new Map<number, number | null>()
      for (const [c, col] of scoreCols) {
        const v = parseNumberCell(cells[c])
        if (!v.ok) { if (stat === 'max' || stat === 'mean') add('error', rowNo, col.label, v.error); values.set(c, null) }
        else values.set(c, v.value)
      }
      stats.set(stat, { row: rowNo, values })
      continue
    }
    const ins = parseInsurerNumber(insurerCell)
    if (ins.ok && ins.value === null) {
      const name = cellText(cells[nameCol])
      if (name !== '' && !/(計|平均)$/.test(normalizeKey(name))) skippedNoNumber.push({ row: rowNo, name })
      continue
    }
    rowCount++
    const insurerLabel = colName('insurerNo')
    if (!ins.ok) { add('error', rowNo, insurerLabel, ins.error); continue }
    const insurerNo = ins.value as string
    const name = cellText(cells[nameCol])
    if (name === '') { add('error', rowNo, colName('name'), '値がありません'); continue }
    const dupOf = seen.get(insurerNo)
    if (dupOf !== undefined) { add('error', rowNo, insurerLabel, `${dupOf}行目と同じ保険者番号です（${insurerNo}）`); continue }
    seen.set(insurerNo, rowNo)
    const expected = insurerCheckDigit(insurerNo.slice(0, 5))
    if (Number(insurerNo[5]) !== expected) badCheckDigits.push({ row: rowNo, insurerNo, expected: `${insurerNo.slice(0, 5)}${expected}` })

    // the key: a 市町村コード column wins; otherwise the 保険者番号 without its check digit
    let code = codeFromInsurerNumber(insurerNo)
    const lg = idCell(cells, 'lgCode')
    if (lg !== undefined && cellText(lg) !== '') {
      const k = normalizeKey(cellText(lg))
      if (/^\d{4,6}$/.test(k)) code = (k.length === 6 ? k.slice(0, 5) : k.padStart(5, '0'))
      else add('warning', rowNo, colName('lgCode'), `市町村コードとして読めません（${cellText(lg)}）。保険者番号から求めます`)
    }

    // prefecture: 都道府県番号, else 都道府県名, else the first two digits of the 保険者番号
    let prefecture = prefectureName(Number(insurerNo.slice(0, 2)))
    const prefCell = idCell(cells, 'prefCode')
    const prefNameCell = idCell(cells, 'prefName')
    if (prefCell !== undefined && cellText(prefCell) !== '') {
      const k = normalizeKey(cellText(prefCell))
      const fromNumber = /^\d{1,2}$/.test(k) ? prefectureName(Number(k)) : canonicalPrefecture(k)
      if (fromNumber === null) { add('error', rowNo, colName('prefCode'), `都道府県番号は1〜47です（${cellText(prefCell)}）`); continue }
      if (prefecture !== null && fromNumber !== prefecture) {
        add('warning', rowNo, colName('prefCode'), `保険者番号${insurerNo}の都道府県（${prefecture}）と一致しません（${fromNumber}）。都道府県番号を用います`)
      }
      prefecture = fromNumber
    } else if (prefNameCell !== undefined && cellText(prefNameCell) !== '') {
      prefecture = canonicalPrefecture(cellText(prefNameCell)) ?? prefecture
    }
    if (prefecture === null) { add('error', rowNo, insurerLabel, `先頭2桁の都道府県番号が01〜47ではありません（${insurerNo}）`); continue }

    let insured: number | null = null
    const insuredCell = idCell(cells, 'insured')
    if (insuredCell !== undefined) {
      const v = parseNumberCell(insuredCell)
      if (!v.ok) add('error', rowNo, colName('insured'), v.error)
      else if (v.value !== null && (!Number.isInteger(v.value) || v.value < 0)) add('error', rowNo, colName('insured'), `0以上の整数ではありません（${v.value}）`)
      else insured = v.value
    }
    let tier: SizeTier | null = null
    const tierCell = idCell(cells, 'tier')
    if (tierCell !== undefined) {
      const t = parseTier(tierCell)
      if (t === 'invalid') badTiers.push({ row: rowNo, text: cellText(tierCell) })
      else tier = t
    }

    const values = new Map<number, number | null>()
    let cellError = false
    const maxRow = () => stats.get('max')
    for (const [c, col] of scoreCols) {
      const v = parseNumberCell(cells[c])
      if (!v.ok) { add('error', rowNo, col.label, v.error); cellError = true; values.set(c, null); continue }
      if (v.value !== null) {
        const max = maxRow()?.values.get(c) ?? null
        if (v.value < 0) { add('error', rowNo, col.label, `0未満の値です（${v.value}）`); cellError = true }
        else if (max !== null && v.value > max) { add('error', rowNo, col.label, `配点${max}を超えています（${v.value}）`); cellError = true }
      }
      values.set(c, v.value)
    }
    munis.push({ row: rowNo, insurerNo, code, name, prefecture, insured, tier, values, cellError })
  }

  if (skippedNoNumber.length) {
    const f = skippedNoNumber[0]!
    add('warning', f.row, colName('insurerNo'), `保険者番号のない行は読み込みません（「${f.name}」${skippedNoNumber.length > 1 ? `ほか${skippedNoNumber.length - 1}行` : ''}）`)
  }
  if (badCheckDigits.length) {
    const f = badCheckDigits[0]!
    add('warning', f.row, colName('insurerNo'), `保険者番号の検証番号が一致しません（${f.insurerNo}。正しくは${f.expected}${badCheckDigits.length > 1 ? `。ほか${badCheckDigits.length - 1}行` : ''}）。番号はそのまま読み込みます`)
  }
  if (badTiers.length) {
    const f = badTiers[0]!
    add('warning', f.row, colName('tier'), `規模区分（1〜5）として読めません（${f.text}${badTiers.length > 1 ? `。ほか${badTiers.length - 1}行` : ''}）。規模区分は空欄とします`)
  }
  if (munis.length === 0 && !issues.some((i) => i.severity === 'error')) add('error', null, null, 'データ行がありません（保険者番号のある行が見つかりません）')
  // codes must not collide (a 市町村コード column could repeat)
  const byCode = new Map<string, number>()
  for (const m of munis) {
    const first = byCode.get(m.code)
    if (first !== undefined) add('error', m.row, colName('name'), `${first}行目と同じ市町村コード（${m.code}）になります`)
    else byCode.set(m.code, m.row)
  }
  if (ids.tier === undefined && munis.some((m) => m.insured !== null)) {
    for (const m of munis) m.tier = sizeTierForInsured(m.insured)
    add('warning', null, null, '区分（規模区分）の列がないため、第1号被保険者数から規模区分を求めました（1: 3,000人未満 … 5: 10万人以上）')
  }

  // lines: published where a column exists; otherwise summed from the level below
  const statValue = (kind: StatKind, col: MhlwColumn | null): number | null => (col ? stats.get(kind)?.values.get(col.index) ?? null : null)
  const derived = new Set<string>()
  const catalogueGroup = (grant: GrantId, goal: GoalId, kind: GroupKind) => goalDef(grant, year, goal)?.groups.find((g) => g.kind === kind) ?? null

  interface Built { score: number | null; max: number | null; natAvg: number | null; items: number | null }
  const itemLine = (m: MunicipalityRow, item: ItemCols): Built => {
    if (item.own) return { score: m.values.get(item.own.index) ?? null, max: statValue('max', item.own), natAvg: statValue('mean', item.own), items: 1 }
    return {
      score: sum(item.branches.map((b) => m.values.get(b.index) ?? null)),
      max: sum(item.branches.map((b) => statValue('max', b))),
      natAvg: sum(item.branches.map((b) => statValue('mean', b))),
      items: 1,
    }
  }
  const fromChildren = (children: readonly Built[]): Built => ({
    score: sum(children.map((c) => c.score)), max: sum(children.map((c) => c.max)),
    natAvg: sum(children.map((c) => c.natAvg)), items: sum(children.map((c) => c.items)),
  })
  const published = (m: MunicipalityRow, col: MhlwColumn): Built =>
    ({ score: m.values.get(col.index) ?? null, max: statValue('max', col), natAvg: statValue('mean', col), items: null })

  const hasMeanRow = stats.has('mean')
  const datasets: YearDataset[] = munis.map((m) => {
    const grants: YearDataset['grants'] = {}
    for (const grant of GRANT_IDS) {
      const g = structure.grants.get(grant)
      if (!g) continue
      const def = grantDef(grant, year)
      const goals: GoalResult[] = []
      const goalBuilt: Built[] = []
      for (const goalId of GOAL_IDS) {
        const goal = g.goals.get(goalId)
        if (!goal) continue
        const gDef = goalDef(grant, year, goalId)
        const groups: GroupResult[] = []
        const groupBuilt: Built[] = []
        for (const kind of GROUP_KINDS) {
          const group = goal.groups.get(kind)
          if (!group) continue
          let b: Built
          if (group.total) b = published(m, group.total)
          else {
            b = fromChildren([...group.items.values()].map((it) => itemLine(m, it)))
            derived.add(`${GRANT_NAMES[grant].shortName} 目標${goalId} ${GROUP_LABELS[kind].mark}`)
          }
          const cat = catalogueGroup(grant, goalId, kind)
          const line: GroupResult = { kind, items: cat?.items.length ?? (group.items.size || null), max: b.max ?? cat?.max ?? null,
            score: b.score, prefAvg: null, natAvg: hasMeanRow ? b.natAvg : null }
          groups.push(line)
          groupBuilt.push(b)
        }
        // goal IV has one group: the goal's figure and the group's are the same
        if (goalId === 'IV' && groups.length === 0 && goal.total) {
          const b = published(m, goal.total)
          const cat = catalogueGroup(grant, goalId, 'outcome')
          groups.push({ kind: 'outcome', items: cat?.items.length ?? null, max: b.max ?? cat?.max ?? null, score: b.score, prefAvg: null, natAvg: hasMeanRow ? b.natAvg : null })
          groupBuilt.push(b)
        }
        let gb: Built
        if (goal.total) gb = published(m, goal.total)
        else if (goalId === 'IV' && groupBuilt.length === 1) gb = groupBuilt[0]!
        else {
          gb = fromChildren(groupBuilt)
          derived.add(`${GRANT_NAMES[grant].shortName} 目標${goalId}`)
        }
        const items = gDef ? gDef.groups.reduce((s, x) => s + x.items.length, 0) : sum(groups.map((x) => x.items))
        goals.push({ goal: goalId, groups, items, max: gb.max ?? gDef?.max ?? null, score: gb.score, prefAvg: null, natAvg: hasMeanRow ? gb.natAvg : null })
        goalBuilt.push(gb)
      }
      let tb: Built
      if (g.total) tb = published(m, g.total)
      else {
        tb = fromChildren(goalBuilt)
        derived.add(`${GRANT_NAMES[grant].shortName} 合計`)
      }
      const total: ScoreLine = { ...EMPTY_LINE, items: def?.items ?? sum(goals.map((x) => x.items)), max: tb.max ?? def?.max ?? null,
        score: tb.score, natAvg: hasMeanRow ? tb.natAvg : null }
      const result: GrantResult = { grant, total, goals, amountYen: null, prefRank: null, natRank: null }
      grants[grant] = result
    }
    return {
      municipality: { code: m.code, name: m.name, prefecture: m.prefecture },
      fiscalYear: year, insuredCount: m.insured, sizeTier: m.tier, grants,
      source: { label: layout.title ? `厚生労働省「${layout.title}」` : `厚生労働省 全国集計結果（${file}）`, file, importedAt: null, example: false },
    }
  })

  if (derived.size) {
    const list = [...derived]
    add('warning', null, null, `得点の列がないため、下の階層の得点・配点・全国平均を合計して求めました: ${list.slice(0, 6).join('、')}${list.length > 6 ? ` ほか${list.length - 6}件` : ''}`)
  }
  if (!stats.has('max')) add('warning', null, null, '配点の行がないため、配点は交付金の評価指標（カタログ）の値を用います')

  // prefectural averages and ranks from the file; national averages as published in the 平均点 row,
  // or, without it, the mean over the file
  fillPeerFiguresInPlace(datasets)
  if (!hasMeanRow && datasets.length) {
    add('warning', null, null, '平均点の行がないため、全国平均はこのファイルの市町村の平均として計算しました')
    const means = meanScores(datasets)
    for (const ds of datasets) for (const { key, line } of datasetLines(ds)) line.natAvg = means.get(key)?.mean ?? null
  }

  // validation against the year's catalogue: one issue per distinct problem for file-wide figures
  const seenMessages = new Set<string>()
  datasets.forEach((ds, i) => {
    const m = munis[i]!
    for (const issue of validateDataset(ds)) {
      const field = issue.path.field
      if (field === 'prefAvg') continue // computed here from the scores: follows any score problem
      if ((issue.code === 'score-above-max' || issue.code === 'score-negative') && m.cellError) continue
      const fileWide = field === 'natAvg' || field === 'max' || issue.code === 'unknown-goal' || issue.code === 'unknown-group' || issue.code === 'unknown-grant'
      if (fileWide) {
        if (seenMessages.has(issue.message)) continue
        seenMessages.add(issue.message)
        const row = field === 'natAvg' ? stats.get('mean')?.row ?? null : field === 'max' ? stats.get('max')?.row ?? null : null
        add(issue.severity, row, null, issue.message)
      } else {
        add(issue.severity, m.row, null, issue.message)
      }
    }
  })
  return result(datasets, rowCount)
}

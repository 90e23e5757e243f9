/**
 * A synthetic sheet in the layout of MHLW's national result workbook (「…全国集計結果」), for
 * tests: a title, five merged header rows (交付金 / 目標 / 指標群 / 指標名 / 枝番), the
 * identification columns, the previous year's total and rank at the front, national statistics
 * rows (配点, 平均点, 中央値, 標準偏差, 該当率), the municipalities, and 今年度順位 at the end.
 * Options move things around (column order, blank columns, item-only columns) so that tests
 * can check the reader finds everything by header text.
 */
import { grantDef } from '@/domain/catalogue/grantCatalogue'
import { roundHalfAway } from '@/domain/numbers'
import { GOAL_IDS, type GoalId, type GrantId, type GroupKind } from '@/domain/types'
import type { Cell } from '@/domain/import/types'
import { cellRef, type SheetSpec } from './buildXlsx'

/** Group scores in catalogue order: [I(i), I(ii), II(i), II(ii), III(i), III(ii), IV 成果]; null = blank cell. */
export type GroupScores = readonly (number | null)[]

export interface MuniSpec {
  pref: number
  insurerNo: string
  name: string
  insured: number | null
  tier: number | string | null
  depopulated?: string | null
  suishin: GroupScores | null
  doryoku: GroupScores | null
}

export type IdKey = 'serial' | 'prefCode' | 'insurerNo' | 'name' | 'insured' | 'tier' | 'depopulated'

export interface MhlwSheetOptions {
  munis: readonly MuniSpec[]
  fiscalYear?: number
  title?: string | null
  /** identification columns in this order (default: 通し番号, 都道府県番号, 保険者番号, 市町村名, 第1号被保険者数, 区分, 過疎地域) */
  idOrder?: readonly IdKey[]
  /** header text per identification column (e.g. 保険者名 for 市町村名) */
  idHeaders?: Partial<Record<IdKey, string>>
  /** blank columns before the table */
  leadingBlankColumns?: number
  /** blank rows between the title and the table */
  blankRowsAfterTitle?: number
  /** the previous year's block: after the ids (default), before them, or none */
  previousYear?: 'after-ids' | 'before-ids' | 'none'
  grants?: readonly GrantId[]
  /** 'none': totals, goals and groups; 'with-totals': items too; 'only': item columns only */
  items?: 'none' | 'with-totals' | 'only'
  /** which statistics rows to write, in order */
  stats?: readonly ('配点' | '平均点' | '中央値' | '標準偏差' | '該当率')[]
  /** where the statistics label sits: merged over the id columns (default) or in the 市町村名 column */
  statLabelAt?: 'merged-ids' | 'name'
  /** 今年度順位 at the end (default true) */
  rankAtEnd?: boolean
  /** overrides of single data cells, by municipality index and score key ("suishin/I/structure") */
  cellOverrides?: readonly { muni: number; key: string; value: Cell }[]
  /** overrides of statistics cells by score key (e.g. 配点 of "suishin/I/structure") */
  statOverrides?: readonly { stat: string; key: string; value: Cell }[]
  /** a note far right above the table (単位：点), as real sheets have */
  unitNote?: boolean
}

export const GRANT_HEADER: Record<GrantId, string> = { suishin: '保険者機能強化推進交付金', doryoku: '介護保険保険者努力支援交付金' }
const ROMAN: Record<GoalId, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' }
const GROUP_HEADER: Record<GroupKind, string> = { structure: '（ⅰ）体制・取組指標群', activity: '（ⅱ）活動指標群', outcome: '成果指標群' }
const ID_HEADER: Record<IdKey, string> = {
  serial: '通し番号', prefCode: '都道府県番号', insurerNo: '保険者番号', name: '市町村名',
  insured: '第１号被保険者数', tier: '区分', depopulated: '過疎地域',
}
const DEFAULT_ID_ORDER: readonly IdKey[] = ['serial', 'prefCode', 'insurerNo', 'name', 'insured', 'tier', 'depopulated']

/** The group scores' positions: [goal, kind] in catalogue order. */
export const GROUP_ORDER: readonly [GoalId, GroupKind][] = [
  ['I', 'structure'], ['I', 'activity'], ['II', 'structure'], ['II', 'activity'], ['III', 'structure'], ['III', 'activity'], ['IV', 'outcome'],
]

export function groupScore(m: MuniSpec, grant: GrantId, goal: GoalId, kind: GroupKind): number | null {
  const scores = m[grant]
  if (!scores) return null
  const i = GROUP_ORDER.findIndex(([g, k]) => g === goal && k === kind)
  return scores[i] ?? null
}

export function goalScore(m: MuniSpec, grant: GrantId, goal: GoalId): number | null {
  const parts = GROUP_ORDER.filter(([g]) => g === goal).map(([, k]) => groupScore(m, grant, goal, k))
  return parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0)
}

export function totalScore(m: MuniSpec, grant: GrantId): number | null {
  const parts = GOAL_IDS.map((g) => goalScore(m, grant, g))
  return parts.some((p) => p === null) ? null : parts.reduce<number>((s, p) => s + (p ?? 0), 0)
}

/** A group score split over its items in order, each item filled up to its points. */
export function itemScores(score: number | null, points: readonly number[]): (number | null)[] {
  if (score === null) return points.map(() => null)
  let left = score
  return points.map((p) => {
    const v = Math.min(p, left)
    left -= v
    return v
  })
}

/** The rounded mean the 平均点 row publishes. */
export function publishedMean(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null)
  return xs.length ? roundHalfAway(xs.reduce((s, v) => s + v, 0) / xs.length, 1) : null
}

interface Column {
  value: (m: MuniSpec, index: number) => Cell
  stat: (stat: string) => Cell
  /** the score key, for overrides: "suishin", "suishin/I", "suishin/I/structure", "suishin/I/structure/1", "…/1/①" */
  key?: string
}

/** A sheet as the spreadsheet reader gives it (mutable rows) and as buildXlsx writes it. */
export interface MhlwSheet extends SheetSpec {
  rows: Cell[][]
  merges: string[]
}

export function buildMhlwSheet(opts: MhlwSheetOptions): MhlwSheet {
  const fy = opts.fiscalYear ?? 2025
  const grants = opts.grants ?? ['suishin', 'doryoku']
  const items = opts.items ?? 'none'
  const stats = opts.stats ?? ['配点', '平均点', '中央値', '標準偏差', '該当率']
  const idOrder = opts.idOrder ?? DEFAULT_ID_ORDER
  const H = 5
  const header: Cell[][] = Array.from({ length: H }, () => [])
  const spans: [number, number, number, number][] = [] // r0, c0, r1, c1 within the header block
  const columns: Column[] = []
  let c = opts.leadingBlankColumns ?? 0
  for (let i = 0; i < c; i++) columns.push({ value: () => null, stat: () => null })

  const place = (r0: number, c0: number, r1: number, c1: number, text: string) => {
    const row = header[r0]!
    row[c0] = text
    if (r1 > r0 || c1 > c0) spans.push([r0, c0, r1, c1])
  }
  const statValues = (key: string, values: (number | null)[], max: number | null) => (stat: string): Cell => {
    const override = opts.statOverrides?.find((o) => o.stat === stat && o.key === key)
    if (override) return override.value
    const mean = publishedMean(values)
    if (stat === '配点') return max
    if (stat === '平均点') return mean
    if (stat === '中央値') return mean === null ? null : Math.round(mean)
    if (stat === '標準偏差') return 10.5
    if (stat === '該当率') return mean === null || max === null ? null : `${roundHalfAway((mean / max) * 100, 1).toFixed(1)}%`
    return null
  }
  const scoreColumn = (key: string, get: (m: MuniSpec) => number | null, max: number | null): Column => ({
    key,
    value: (m, i) => {
      const o = opts.cellOverrides?.find((x) => x.muni === i && x.key === key)
      return o ? o.value : get(m)
    },
    stat: statValues(key, opts.munis.map(get), max),
  })

  const idColumns = () => {
    for (const id of idOrder) {
      place(0, c, H - 1, c, opts.idHeaders?.[id] ?? ID_HEADER[id])
      columns.push({
        value: (m, i) => {
          switch (id) {
            case 'serial': return i + 1
            case 'prefCode': return String(m.pref).padStart(2, '0')
            case 'insurerNo': return m.insurerNo
            case 'name': return m.name
            case 'insured': return m.insured
            case 'tier': return m.tier
            case 'depopulated': return m.depopulated ?? null
          }
        },
        stat: () => null,
      })
      c++
    }
  }
  const previousYear = () => {
    const start = c
    for (const grant of grants) {
      place(1, c, H - 1, c, `${grant === 'suishin' ? '推進交付金' : '努力支援交付金'} 合計点`)
      columns.push({ value: (_m, i) => 300 + i, stat: (s) => (s === '配点' ? 400 : s === '平均点' ? 301.5 : null) })
      c++
      place(1, c, H - 1, c, `${grant === 'suishin' ? '推進交付金' : '努力支援交付金'} 順位`)
      columns.push({ value: (_m, i) => i + 1, stat: () => null })
      c++
    }
    place(0, start, 0, c - 1, `前年度（${fy === 2025 ? '令和6年度' : `${fy - 1}年度`}）`)
  }

  if (opts.previousYear === 'before-ids') previousYear()
  idColumns()
  if ((opts.previousYear ?? 'after-ids') === 'after-ids') previousYear()

  for (const grant of grants) {
    const def = grantDef(grant, fy)
    if (!def?.goals) throw new Error(`no catalogue for ${grant} ${fy}`)
    const grantStart = c
    if (items !== 'only') {
      place(1, c, H - 1, c, '合計')
      columns.push(scoreColumn(grant, (m) => totalScore(m, grant), def.max))
      c++
    }
    for (const goal of def.goals) {
      const goalStart = c
      for (const group of goal.groups) {
        const groupStart = c
        const get = (m: MuniSpec) => groupScore(m, grant, goal.goal, group.kind)
        if (items !== 'none') {
          group.items.forEach((item, k) => {
            const itemGet = (m: MuniSpec) => itemScores(get(m), group.items.map((x) => x.points))[k] ?? null
            const key = `${grant}/${goal.goal}/${group.kind}/${k + 1}`
            const name = `${k + 1} ${item.name}`
            // the first item of 推進 I(i) has two branches (枝番) in item-only sheets
            if (items === 'only' && grant === 'suishin' && goal.goal === 'I' && group.kind === 'structure' && k === 0) {
              const a = Math.ceil(item.points / 2), b = item.points - a
              place(3, c, 3, c + 1, name)
              place(4, c, 4, c, '①')
              columns.push(scoreColumn(`${key}/①`, (m) => { const v = itemGet(m); return v === null ? null : Math.min(v, a) }, a))
              c++
              place(4, c, 4, c, '②')
              columns.push(scoreColumn(`${key}/②`, (m) => { const v = itemGet(m); return v === null ? null : Math.max(0, v - a) }, b))
              c++
            } else {
              place(3, c, H - 1, c, name)
              columns.push(scoreColumn(key, itemGet, item.points))
              c++
            }
          })
        }
        if (items !== 'only') {
          place(3, c, H - 1, c, '小計')
          columns.push(scoreColumn(`${grant}/${goal.goal}/${group.kind}`, get, group.max))
          c++
        }
        place(2, groupStart, 2, c - 1, GROUP_HEADER[group.kind])
      }
      if (items !== 'only') {
        place(2, c, H - 1, c, '目標計')
        columns.push(scoreColumn(`${grant}/${goal.goal}`, (m) => goalScore(m, grant, goal.goal), goal.max))
        c++
      }
      place(1, goalStart, 1, c - 1, `目標${ROMAN[goal.goal]} ${goal.title}`)
    }
    place(0, grantStart, 0, c - 1, GRANT_HEADER[grant])
  }
  if (opts.rankAtEnd ?? true) {
    const start = c
    for (const grant of grants) {
      place(1, c, H - 1, c, grant === 'suishin' ? '推進交付金' : '努力支援交付金')
      columns.push({ value: (_m, i) => i + 1, stat: () => null })
      c++
    }
    place(0, start, 0, c - 1, '今年度順位')
  }
  const width = c

  // the sheet: title, blank rows, header block, statistics rows, data
  const rows: Cell[][] = []
  const merges: string[] = []
  const blankRow = (): Cell[] => Array.from({ length: width }, () => null)
  const title = opts.title === undefined ? `令和${fy - 2018}年度 保険者機能強化推進交付金・介護保険保険者努力支援交付金 全国集計結果` : opts.title
  if (title !== null) {
    const r = blankRow()
    r[0] = title
    rows.push(r)
  }
  if (opts.unitNote ?? true) {
    const r = blankRow()
    r[Math.max(0, width - 3)] = '（単位：点）'
    rows.push(r)
  }
  for (let i = 0; i < (opts.blankRowsAfterTitle ?? 1); i++) rows.push(blankRow())
  const top = rows.length
  for (let r = 0; r < H; r++) {
    const row = blankRow()
    for (let k = 0; k < width; k++) row[k] = header[r]![k] ?? null
    rows.push(row)
  }
  for (const [r0, c0, r1, c1] of spans) merges.push(`${cellRef(top + r0, c0)}:${cellRef(top + r1, c1)}`)

  const idStart = columns.findIndex((_, k) => header[0]![k] === (opts.idHeaders?.[idOrder[0]!] ?? ID_HEADER[idOrder[0]!]))
  const nameCol = columns.findIndex((_, k) => header[0]![k] === (opts.idHeaders?.name ?? ID_HEADER.name))
  for (const stat of stats) {
    const r = rows.length
    const row = blankRow()
    columns.forEach((col, k) => { row[k] = col.stat(stat) })
    if ((opts.statLabelAt ?? 'merged-ids') === 'name') row[nameCol] = stat
    else {
      row[idStart] = stat
      merges.push(`${cellRef(r, idStart)}:${cellRef(r, idStart + idOrder.length - 1)}`)
    }
    rows.push(row)
  }
  opts.munis.forEach((m, i) => {
    const row = blankRow()
    columns.forEach((col, k) => { row[k] = col.value(m, i) })
    rows.push(row)
  })
  return { name: `令和${fy - 2018}年度全国集計結果`, rows, merges }
}

/**
 * The synthetic pool: seven municipalities in three prefectures, with a tie in 推進 (登米市 and
 * 石巻市 both 246; 蔵王町 and 新宿区 both 140) and one missing value (蔵王町 has no 努力 figures).
 * Goal IV is the same in both grants, as in the real results.
 */
export const POOL: readonly MuniSpec[] = [
  { pref: 4, insurerNo: '042127', name: '登米市', insured: 26000, tier: 3, depopulated: '○',
    suishin: [61, 3, 68, 16, 40, 13, 45], doryoku: [40, 20, 14, 6, 50, 20, 45] },
  { pref: 4, insurerNo: '042028', name: '石巻市', insured: 43000, tier: 3,
    suishin: [50, 10, 60, 20, 40, 16, 50], doryoku: [30, 30, 30, 10, 40, 10, 50] },
  { pref: 4, insurerNo: '043018', name: '蔵王町', insured: 4300, tier: 2, depopulated: '○',
    suishin: [30, 5, 40, 10, 20, 5, 30], doryoku: null },
  { pref: 3, insurerNo: '032011', name: '盛岡市', insured: 82000, tier: 4,
    suishin: [60, 30, 60, 30, 60, 30, 80], doryoku: [50, 40, 60, 30, 60, 30, 80] },
  { pref: 3, insurerNo: '032052', name: '花巻市', insured: 31000, tier: 3,
    suishin: [40, 20, 50, 20, 40, 20, 60], doryoku: [40, 20, 40, 20, 40, 20, 60] },
  { pref: 13, insurerNo: '131011', name: '千代田区', insured: 11000, tier: 3,
    suishin: [64, 36, 68, 32, 64, 36, 100], doryoku: [52, 48, 64, 36, 68, 32, 100] },
  { pref: 13, insurerNo: '131045', name: '新宿区', insured: 67000, tier: 4,
    suishin: [30, 6, 40, 10, 20, 4, 30], doryoku: [20, 10, 20, 10, 20, 10, 30] },
]

/**
 * The header block of each year's workbook and the plan of its columns, from mhlw-workbooks.md.
 *
 * 令和8年度 (FY2026) and the invented 令和9年度 (FY2027): 18 header rows, data from row 19.
 *   1 title · 2 交付金 · 3 目標 · 4 指標群 · 5 指標番号 · 6 指標名 · 7 枝番 · 8 枝番2 ·
 *   9–17 配点, 全国合計, 平均点, 項目平均, 平均得点率, 中央値, 標準偏差, 該当市町村数, 該当率 ·
 *   18 empty (assumption: the document gives rows 9–17 to statistics and data from row 19).
 * 令和6・7年度 (FY2024, FY2025): 14 header rows, data from row 15. Assumption (the document only
 * gives the count): the four rows dropped are 枝番2 (no item is split twice those years), 項目平均,
 * 平均得点率 and the empty row 18:
 *   1 title · 2 交付金 · 3 目標 · 4 指標群 · 5 指標番号 · 6 指標名 · 7 枝番 ·
 *   8–14 配点, 全国合計, 平均点, 中央値, 標準偏差, 該当市町村数, 該当率.
 *
 * Labels are merged the way Excel stores them: the text in the top-left cell only. ID labels and
 * every subtotal/total label are merged down to the last label row; goal IV's 「Ⅳ合計」 stands on
 * row 4 under 推進 and on row 3 under 支援; 「推進合計」「支援合計」 on row 3; 「推進・支援合計」 and
 * 「今年度順位」 on row 2. FY2024 writes its groups 「目標Ⅰｰ（ⅰ）体制・取組指標群」; 支援 III(ii) is
 * just 「活動指標群」 in every year.
 */
import type { Cell } from '@/domain/import/types'
import { columnLetter } from './xlsx'
import type { FiscalYear, GoalId, GrantDef, GroupDef, ItemDef } from './items'
import type { StatisticLabel } from './statistics'

export type IdKey = 'serial' | 'prefectureNumber' | 'insurerNumber' | 'prefecture' | 'name' | 'population' | 'insured' | 'tier' | 'kaso' | 'previousTotal' | 'previousRank'
export type AmountKey = 'suishinPlan' | 'suishinFinal' | 'doryokuPlan' | 'doryokuFinal' | 'totalPlan' | 'totalFinal'

export type Column =
  | { kind: 'id'; key: IdKey; label: string }
  | { kind: 'leaf'; id: string; max: number }
  | { kind: 'group' | 'goal' | 'grant' | 'total'; id: string; max: number }
  | { kind: 'rank' }
  | { kind: 'amount'; key: AmountKey }
  | { kind: 'extra'; n: number }

export interface Layout {
  year: FiscalYear
  /** header rows; data starts on the next row (1-based: headerRows + 1) */
  headerRows: number
  /** the statistics rows, in order, from 0-based row `statisticsStart` */
  statistics: StatisticLabel[]
  statisticsStart: number
  /** 0-based column of 市町村名, where statistics labels stand */
  nameColumn: number
  columns: Column[]
  header: Cell[][]
  merges: string[]
}

const ROMAN: Record<GoalId, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' }
const SMALL_ROMAN = { structure: '（ⅰ）', activity: '（ⅱ）', outcome: '' } as const
const GROUP_NAME = { structure: '体制・取組指標群', activity: '活動指標群', outcome: '成果指標群' } as const
const GRANT_TOTAL = { suishin: '推進合計', doryoku: '支援合計' } as const
const STATS_18: StatisticLabel[] = ['配点', '全国合計', '平均点', '項目平均', '平均得点率', '中央値', '標準偏差', '該当市町村数', '該当率']
const STATS_14: StatisticLabel[] = ['配点', '全国合計', '平均点', '中央値', '標準偏差', '該当市町村数', '該当率']
/** 0-based header rows */
const R = { grant: 1, goal: 2, group: 3, number: 4, name: 5, branch: 6, branch2: 7 } as const

export const reiwa = (year: number): number => year - 2018

function idColumns(year: FiscalYear): Column[] {
  const r = reiwa(year)
  const cols: [IdKey, string][] = [
    ['serial', '通し\n番号'],
    ['prefectureNumber', '都道府県\n番号'],
    ['insurerNumber', '保険者\n番号'],
    ['prefecture', '都道府県名'],
    ['name', '市　町　村　名'],
    ...(year >= 2026 ? [['population', `人口\n（令和${r - 1}年1月1日現在）`] as [IdKey, string]] : []),
    ['insured', `第１号被保険者数\n（令和${r - 2}年3月末現在）`],
    ...(year >= 2025 ? [['tier', '区分'] as [IdKey, string]] : []),
    ['kaso', '過疎地域\n該当有無'],
    ['previousTotal', `R${r - 1}評価指標合計得点`],
    ['previousRank', `R${r - 1}評価指標合計得点順位`],
  ]
  return cols.map(([key, label]) => ({ kind: 'id', key, label }))
}

function groupLabel(year: FiscalYear, group: GroupDef): string {
  if (group.grant === 'doryoku' && group.goal === 'III' && group.kind === 'activity') return '活動指標群'
  const label = `${SMALL_ROMAN[group.kind]}${GROUP_NAME[group.kind]}`
  return year === 2024 ? `目標${ROMAN[group.goal]}ｰ${label}` : label
}

/** A header grid that records merges in A1 notation. */
class Header {
  readonly rows: Cell[][]
  readonly merges: string[] = []
  readonly columns: Column[] = []
  constructor(height: number, readonly last: number) { this.rows = Array.from({ length: height }, () => []) }
  get col(): number { return this.columns.length }
  set(row: number, col: number, value: Cell): void { (this.rows[row] ??= [])[col] = value }
  merge(r1: number, c1: number, r2: number, c2: number): void {
    if (r1 !== r2 || c1 !== c2) this.merges.push(`${columnLetter(c1)}${r1 + 1}:${columnLetter(c2)}${r2 + 1}`)
  }
  /** a label over columns c1..c2 on one row */
  across(row: number, c1: number, c2: number, value: string | number): void { this.set(row, c1, value); this.merge(row, c1, row, c2) }
  /** a column of its own, labelled on `row` and merged down to the last label row */
  labelled(column: Column, row: number, value: string): void {
    const c = this.col
    this.columns.push(column)
    this.set(row, c, value)
    this.merge(row, c, this.last, c)
  }
}

function writeItem(h: Header, item: ItemDef): void {
  const start = h.col
  for (const leaf of item.leaves) h.columns.push({ kind: 'leaf', id: leaf.id, max: leaf.max })
  const end = h.col - 1
  h.across(R.number, start, end, item.number)
  if (start === end) {
    h.set(R.name, start, item.name)
    h.merge(R.name, start, h.last, start)
    return
  }
  h.across(R.name, start, end, item.name)
  let i = 0
  while (i < item.leaves.length) {
    const branch = item.leaves[i]!.branch
    let j = i
    while (j + 1 < item.leaves.length && item.leaves[j + 1]!.branch === branch) j++
    if (item.leaves[i]!.branch2 === null) {
      h.set(R.branch, start + i, branch)
      h.merge(R.branch, start + i, h.last, start + i)
    } else {
      h.across(R.branch, start + i, start + j, branch ?? '')
      for (let k = i; k <= j; k++) h.set(R.branch2, start + k, item.leaves[k]!.branch2)
    }
    i = j + 1
  }
}

function writeGrant(h: Header, year: FiscalYear, grant: GrantDef): void {
  const blockStart = h.col
  for (const goal of grant.goals) {
    const goalStart = h.col
    for (const group of goal.groups) {
      const groupStart = h.col
      for (const item of group.items) writeItem(h, item)
      h.across(R.group, groupStart, h.col - 1, groupLabel(year, group))
    }
    const roman = ROMAN[goal.goal]
    const title = `目標${roman}　${goal.title}`
    if (goal.goal !== 'IV') {
      for (const group of goal.groups) h.labelled({ kind: 'group', id: group.id, max: group.max }, R.group, `${roman}${SMALL_ROMAN[group.kind]}計`)
      h.labelled({ kind: 'goal', id: goal.id, max: goal.max }, R.group, `${roman}合計`)
      h.across(R.goal, goalStart, h.col - 1, title)
    } else if (grant.id === 'suishin') {
      h.labelled({ kind: 'goal', id: goal.id, max: goal.max }, R.group, 'Ⅳ合計')
      h.across(R.goal, goalStart, h.col - 1, title)
    } else {
      h.across(R.goal, goalStart, h.col - 1, title)
      h.labelled({ kind: 'goal', id: goal.id, max: goal.max }, R.goal, 'Ⅳ合計')
    }
  }
  h.labelled({ kind: 'grant', id: grant.id, max: grant.max }, R.goal, GRANT_TOTAL[grant.id])
  h.across(R.grant, blockStart, h.col - 1, grant.name)
}

function writeAmounts(h: Header): void {
  const start = h.col
  const pairs = [['推進交付金', 'suishin'], ['支援交付金', 'doryoku'], ['合計', 'total']] as const
  for (const [label, key] of pairs) {
    h.across(R.goal, h.col, h.col + 1, label)
    h.labelled({ kind: 'amount', key: `${key}Plan` }, R.group, '案')
    h.labelled({ kind: 'amount', key: `${key}Final` }, R.group, '確定')
  }
  h.across(R.grant, start, h.col - 1, '交付見込額（千円）')
}

function writeExtras(h: Header, count: number): void {
  if (count <= 0) return
  const start = h.col
  for (let n = 1; n <= count; n++) {
    h.set(R.number, h.col, n)
    h.labelled({ kind: 'extra', n }, R.name, `回答${n}`)
  }
  h.across(R.grant, start, h.col - 1, '（参考）評価指標の回答状況')
}

export interface LayoutOptions { year: FiscalYear; grants: GrantDef[]; extraColumns: number }

export function buildLayout({ year, grants, extraColumns }: LayoutOptions): Layout {
  const eighteen = year >= 2026
  const last = eighteen ? R.branch2 : R.branch
  const statistics = eighteen ? STATS_18 : STATS_14
  const headerRows = eighteen ? 18 : 14
  const h = new Header(headerRows, last)
  const r = reiwa(year)
  h.set(0, 0, `${year === 2024 ? '【交付見込額確定版】' : ''}令和${r}年度 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果（市町村分）`)
  for (const c of idColumns(year)) h.labelled(c, R.grant, c.kind === 'id' ? c.label : '')
  for (const grant of grants) writeGrant(h, year, grant)
  h.labelled({ kind: 'total', id: 'total', max: grants.reduce((a, g) => a + g.max, 0) }, R.grant, '推進・支援合計')
  h.labelled({ kind: 'rank' }, R.grant, '今年度順位')
  if (year === 2024) writeAmounts(h)
  writeExtras(h, extraColumns)
  const nameColumn = h.columns.findIndex((c) => c.kind === 'id' && c.key === 'name')
  return { year, headerRows, statistics, statisticsStart: last + 1, nameColumn, columns: h.columns, header: h.rows, merges: h.merges }
}

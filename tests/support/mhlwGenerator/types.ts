/** What the generator is asked for and the ground truth it returns. Ids: see items.ts. */
import type { Cell } from '@/domain/import/types'
import type { AmountsTruth } from './amounts'
import type { FiscalYear, GoalId, GrantId, GroupKind, ItemRule } from './items'
import type { Column } from './layout'
import type { Size } from './municipalities'
import type { ColumnStatistics } from './statistics'

export interface GenerateOptions {
  fiscalYear: FiscalYear
  /** 'small': 32 municipalities in 7 prefectures with 2 unions; 'full': 1,741 with 38 unions; a number: that many */
  size: Size
  seed?: number | string
}

export interface GeneratedSheet {
  name: string
  /** row 0 = spreadsheet row 1; merged cells hold their value in the top-left cell only */
  rows: Cell[][]
  /** merged ranges in A1 notation */
  merges: string[]
  /** number formats by 0-based column (the 保険者番号 column: 000000) */
  numberFormats: Map<number, string>
}

export interface MunicipalityTruth {
  /** 1-based spreadsheet row */
  row: number
  /** 通し番号 */
  serial: number
  /** 2 digits, '01' (the cell holds the number 1) */
  prefectureNumber: string
  prefecture: string
  name: string
  /** 6-digit 地方公共団体コード with check digit, e.g. '012335' */
  code: string
  /** the same without the check digit, e.g. '01233' */
  code5: string
  /** 6 digits as published ('011321'; the cell holds the number 11321); null for a member of a union */
  insurerNumber: string | null
  /** the union's name when the municipality is a member of one */
  union: string | null
  insured: number
  /** 人口: only FY2026 and later have the column */
  population: number | null
  /** 規模区分 1–5 by 第1号被保険者数; null in FY2024 (no 区分 column) */
  tier: 1 | 2 | 3 | 4 | 5 | null
  /** 過疎地域 (「○」) */
  kaso: boolean
  /** every item's score, split items included (their score follows their rule from the branches) */
  items: Record<string, number>
  /** every branch and sub-branch score (and a branch that is split again: the sum of its sub-branches) */
  branches: Record<string, number>
  groups: Record<string, number>
  goals: Record<string, number>
  /** 推進合計 */
  suishin: number
  /** 支援合計 */
  doryoku: number
  /** 推進・支援合計 */
  total: number
  /** 今年度順位: national competition rank of `total` among municipalities */
  rank: number
  /** the previous year's 評価指標合計得点 and its rank, as the front columns hold them */
  previousTotal: number
  previousRank: number
  /** FY2024 only */
  amounts: AmountsTruth | null
}

export interface UnionTruth {
  row: number
  serial: number
  prefectureNumber: string
  prefecture: string
  name: string
  insurerNumber: string
  /** the sum of its members' 第1号被保険者数, as its row shows */
  insured: number
  /** members' 地方公共団体コード, in row order (they follow the union's row) */
  members: string[]
}

export interface ItemTruth {
  id: string
  grant: GrantId
  goal: GoalId
  group: string
  kind: GroupKind
  /** 指標番号 (row 5): position in the group */
  number: number
  name: string
  /** 配点 */
  points: number
  rule: ItemRule
  /** ids of its score columns: the item itself, or its (sub-)branches */
  columns: string[]
}

export interface ColumnTruth {
  /** 0-based */
  index: number
  letter: string
  column: Column
}

export interface MhlwTruth {
  fiscalYear: FiscalYear
  reiwa: number
  sheetName: string
  headerRows: number
  /** 1-based spreadsheet rows */
  firstDataRow: number
  lastDataRow: number
  trailingStdDevRow: number
  /** 1-based rows of the statistics rows, by label */
  statisticsRows: Record<string, number>
  items: ItemTruth[]
  groups: { id: string; grant: GrantId; goal: GoalId; kind: GroupKind; max: number }[]
  goals: { id: string; grant: GrantId; goal: GoalId; max: number }[]
  grants: { id: GrantId; name: string; max: number }[]
  municipalities: MunicipalityTruth[]
  unions: UnionTruth[]
  /** the statistics rows as the file holds them, by score column id (leaf, group, goal, grant, 'total') */
  statistics: Record<string, ColumnStatistics>
  /** the same computed per item (a split item has no column of its own in the file) */
  itemStatistics: Record<string, ColumnStatistics>
  columns: ColumnTruth[]
  /** columns the layout document describes (ID, scores, totals, rank, FY2024 amounts) */
  knownColumnCount: number
  /** undocumented columns after 今年度順位, to be ignored */
  extraColumnCount: number
}

export interface GeneratedWorkbook {
  /** the data sheet (the first sheet) */
  sheet: GeneratedSheet
  /** every sheet in order: the data sheet, then a small prefecture-average table to be ignored */
  sheets: GeneratedSheet[]
  truth: MhlwTruth
  /** the .xlsx bytes */
  toXlsx(): Uint8Array
}

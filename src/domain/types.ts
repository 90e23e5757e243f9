/**
 * Domain types of a published evaluation result. Every figure may be missing (`null`):
 * older years publish totals only, and missing must never turn into 0.
 */

export const GRANT_IDS = ['suishin', 'doryoku'] as const
/** suishin = 保険者機能強化推進交付金, doryoku = 介護保険保険者努力支援交付金 */
export type GrantId = (typeof GRANT_IDS)[number]

export const GOAL_IDS = ['I', 'II', 'III', 'IV'] as const
export type GoalId = (typeof GOAL_IDS)[number]

/** structure = 体制・取組指標群 (i), activity = 活動指標群 (ii), outcome = 成果指標群 (goal IV). */
export const GROUP_KINDS = ['structure', 'activity', 'outcome'] as const
export type GroupKind = (typeof GROUP_KINDS)[number]

/** Evaluation (grant) fiscal year as MHLW labels it, e.g. 2025 = 令和7年度. */
export type FiscalYear = number

/** One scored line of a published table: a grant total, a goal or an indicator group. */
export interface ScoreLine {
  /** number of indicator items (項目数) */
  items: number | null
  /** maximum points (配点) */
  max: number | null
  score: number | null
  /** 県平均点 */
  prefAvg: number | null
  /** 全国平均点 */
  natAvg: number | null
}

export interface GroupResult extends ScoreLine {
  kind: GroupKind
}

export interface GoalResult extends ScoreLine {
  goal: GoalId
  /** Empty when the source gives goal figures only. */
  groups: GroupResult[]
}

export interface Rank {
  rank: number
  /** the denominator: municipalities ranked (e.g. 35 in Miyagi) */
  of: number
}

export interface GrantResult {
  grant: GrantId
  /** The totals exactly as published (a stated total may differ from the goal sum: see validation). */
  total: ScoreLine
  /** Empty when the source gives totals only. */
  goals: GoalResult[]
  /** 交付額 in yen (for 令和6年度 national workbooks: the 確定 amount) */
  amountYen: number | null
  /** 交付見込額 as the 令和6年度 national workbook publishes them (案 and 確定, in yen); absent elsewhere */
  amounts?: GrantAmounts | null
  prefRank: Rank | null
  natRank: Rank | null
}

export interface GrantAmounts {
  /** 案: before the cap at the municipality's own expected spending */
  draftYen: number | null
  /** 確定: what was paid */
  finalYen: number | null
}

/** 推進・支援合計 (800 points from FY2024): the figure people quote, with its ranks. */
export interface CombinedResult {
  score: number | null
  max: number | null
  prefAvg: number | null
  natAvg: number | null
  /** 今年度順位 as published (or computed over the population), denominator = its municipality count */
  natRank: Rank | null
  prefRank: Rank | null
}

export interface Municipality {
  /** 地方公共団体コード, five digits without the check digit (e.g. "04212"); the stable key */
  code: string
  name: string
  prefecture: string
}

/** 規模区分 from FY2025: 1 = <3,000 insured … 5 = 100,000+ */
export type SizeTier = 1 | 2 | 3 | 4 | 5

export interface DatasetSource {
  /** what the figures were taken from, shown as 出典 */
  label: string
  /** file name when imported; null for the embedded example */
  file: string | null
  /** ISO timestamp of the import; passed in, never read from a clock here */
  importedAt: string | null
  /** true for the embedded example, so that restoring it never touches user data */
  example: boolean
}

/** One municipality × one evaluation fiscal year. */
export interface YearDataset {
  municipality: Municipality
  fiscalYear: FiscalYear
  /** 第1号被保険者数 */
  insuredCount: number | null
  sizeTier: SizeTier | null
  grants: Partial<Record<GrantId, GrantResult>>
  source: DatasetSource
  /** 過疎地域 (national workbooks); absent or null when not known */
  depopulated?: boolean | null
  /** 推進・支援合計 and its ranks (national workbooks) */
  combined?: CombinedResult | null
  /** the previous year's 推進・支援合計 and national rank, as the workbook's front columns carry them */
  previous?: { total: number | null; rank: number | null } | null
  /** every item's (and branch's) score by stable item id, e.g. "doryoku.II.activity.1", "IV.outcome.2.ア" */
  items?: Record<string, number | null> | null
  /** the 広域連合 (wide-area union) the municipality insures through, when it is a member */
  union?: string | null
}

/** Stable key of a dataset: municipality code × fiscal year. */
export interface DatasetKey {
  code: string
  fiscalYear: FiscalYear
}

export function datasetKeyOf(ds: Pick<YearDataset, 'municipality' | 'fiscalYear'>): DatasetKey {
  return { code: ds.municipality.code, fiscalYear: ds.fiscalYear }
}

export function datasetKeyString(key: DatasetKey): string {
  return `${key.code}:${key.fiscalYear}`
}

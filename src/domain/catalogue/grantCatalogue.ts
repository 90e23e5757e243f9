/**
 * The grant structure per evaluation fiscal year: goals, indicator groups, maxima and the
 * top-level items (大項目) of each group. FY2024–FY2026 use 400 points per grant; FY2023 used
 * a different scale (1,355 / 830 points) for which only totals are modelled.
 */
import type { FiscalYear, GoalId, GrantId, GroupKind } from '../types'
import catalogueR7 from './indicator-catalogue-r7.json'

export interface CatalogueItem {
  /** stable id, e.g. "doryoku-II-structure-3" */
  id: string
  name: string
  points: number
}

export interface GroupDef {
  kind: GroupKind
  /** 体制・取組指標群 / 活動指標群 / 成果指標群 */
  label: string
  /** (i) / (ii) / 成果 */
  mark: string
  max: number
  items: CatalogueItem[]
}

export interface GoalDef {
  goal: GoalId
  title: string
  /** short name for sentences and chart axes, e.g. 認知症総合支援 */
  shortTitle: string
  max: number
  groups: GroupDef[]
  /** goal IV is one set of outcome items scored once and counted in both grants */
  sharedAcrossGrants: boolean
}

export interface GrantDef {
  grant: GrantId
  name: string
  shortName: string
  fiscalYear: FiscalYear
  max: number
  items: number
  /** null where the year's structure is not modelled (FY2023: totals only) */
  goals: GoalDef[] | null
  /** the scale this year belongs to; rates compare across scales, points do not */
  scale: 'r6' | 'r5'
  /**
   * A year after the last modelled one (令和9年度 arrives as a workbook before it arrives here): the
   * last modelled year's goals and groups, for labels only. Its maxima come from the data.
   */
  provisional?: boolean
}

export const GRANT_NAMES: Record<GrantId, { name: string; shortName: string }> = {
  suishin: { name: '保険者機能強化推進交付金', shortName: '推進交付金' },
  doryoku: { name: '介護保険保険者努力支援交付金', shortName: '努力支援交付金' },
}

export const GROUP_LABELS: Record<GroupKind, { label: string; mark: string }> = {
  structure: { label: '体制・取組指標群', mark: '(i)' },
  activity: { label: '活動指標群', mark: '(ii)' },
  outcome: { label: '成果指標群', mark: '成果' },
}

/** The year the 400-point structure replaced the 1,355 / 830-point one. */
export const STRUCTURE_REVISION_YEAR: FiscalYear = 2024
const R6_YEARS: readonly FiscalYear[] = [2024, 2025, 2026]
/** The last year whose items and points the catalogue holds. */
export const LAST_MODELLED_YEAR: FiscalYear = 2026
/** Later years are read from their workbooks; beyond this the year is taken for a typo. */
const LAST_PROVISIONAL_YEAR: FiscalYear = 2099

const SHORT_TITLES: Record<GrantId, Record<GoalId, string>> = {
  suishin: { I: '地域のあるべき姿', II: '公正・公平な給付', III: '介護人材・サービス基盤', IV: '自立支援の成果' },
  doryoku: { I: '介護予防・日常生活支援', II: '認知症総合支援', III: '在宅医療・介護連携', IV: '自立支援の成果' },
}

const GOAL_TITLES: Record<GrantId, Record<GoalId, string>> = {
  suishin: {
    I: '持続可能な地域のあるべき姿をかたちにする',
    II: '公正・公平な給付を行う体制を構築する',
    III: '介護人材の確保その他のサービス提供基盤の整備を推進する',
    IV: '高齢者がその状況に応じて可能な限り自立した日常生活を営む',
  },
  doryoku: {
    I: '介護予防/日常生活支援を推進する',
    II: '認知症総合支援を推進する',
    III: '在宅医療・在宅介護連携の体制を構築する',
    IV: '高齢者がその状況に応じて可能な限り自立した日常生活を営む',
  },
}

const KIND_BY_LABEL: Record<string, GroupKind> = {
  体制・取組指標群: 'structure',
  活動指標群: 'activity',
  成果指標群: 'outcome',
}

type RawGroups = Record<string, [string, number][]>
type RawGrant = Record<string, RawGroups | string>

/** FY2024 differs from FY2025 in one item of 努力 II(i) (see the catalogue's notes). */
const FY2024_REPLACEMENTS: Record<string, string> = {
  'doryoku-II-structure-3': '認知症初期集中支援チームの活動状況',
}

function buildGoals(grant: GrantId, fiscalYear: FiscalYear): GoalDef[] {
  // JSON tuples widen to arrays in TypeScript; the shape is checked by the catalogue tests.
  const raw = catalogueR7.grants as unknown as Record<GrantId, RawGrant>
  return (['I', 'II', 'III', 'IV'] as const).map((goal) => {
    let groupsRaw = raw[grant][goal]
    // 努力 IV is stated as "same as suishin IV": the outcome items are shared.
    if (typeof groupsRaw === 'string' || groupsRaw === undefined) groupsRaw = raw.suishin[goal] as RawGroups
    const groups: GroupDef[] = Object.entries(groupsRaw).map(([label, items]) => {
      const kind = KIND_BY_LABEL[label]
      if (!kind) throw new Error(`unknown group label in catalogue: ${label}`)
      const defs = items.map(([name, points], i) => {
        const id = `${grant}-${goal}-${kind}-${i + 1}`
        const replaced = fiscalYear === 2024 ? FY2024_REPLACEMENTS[id] : undefined
        return { id, name: replaced ?? name, points }
      })
      return { kind, ...GROUP_LABELS[kind], max: defs.reduce((s, d) => s + d.points, 0), items: defs }
    })
    return {
      goal,
      title: GOAL_TITLES[grant][goal],
      shortTitle: SHORT_TITLES[grant][goal],
      max: groups.reduce((s, g) => s + g.max, 0),
      groups,
      sharedAcrossGrants: goal === 'IV',
    }
  })
}

const cache = new Map<string, GrantDef | null>()

/** The grant's structure in a fiscal year, or null when that year is not modelled. */
export function grantDef(grant: GrantId, fiscalYear: FiscalYear): GrantDef | null {
  const key = `${grant}:${fiscalYear}`
  if (cache.has(key)) return cache.get(key) ?? null
  let def: GrantDef | null = null
  if (R6_YEARS.includes(fiscalYear)) {
    const goals = buildGoals(grant, fiscalYear)
    def = {
      grant, ...GRANT_NAMES[grant], fiscalYear, scale: 'r6', goals,
      max: goals.reduce((s, g) => s + g.max, 0),
      items: goals.reduce((s, g) => s + g.groups.reduce((t, gr) => t + gr.items.length, 0), 0),
    }
  } else if (fiscalYear > LAST_MODELLED_YEAR && fiscalYear <= LAST_PROVISIONAL_YEAR) {
    const last = grantDef(grant, LAST_MODELLED_YEAR)
    def = last && { ...last, fiscalYear, provisional: true }
  } else if (fiscalYear === 2023) {
    def = { grant, ...GRANT_NAMES[grant], fiscalYear, scale: 'r5', goals: null,
      max: grant === 'suishin' ? 1355 : 830, items: grant === 'suishin' ? 62 : 29 }
  }
  cache.set(key, def)
  return def
}

export function goalDef(grant: GrantId, fiscalYear: FiscalYear, goal: GoalId): GoalDef | null {
  return grantDef(grant, fiscalYear)?.goals?.find((g) => g.goal === goal) ?? null
}

export function groupDef(grant: GrantId, fiscalYear: FiscalYear, goal: GoalId, kind: GroupKind): GroupDef | null {
  return goalDef(grant, fiscalYear, goal)?.groups.find((g) => g.kind === kind) ?? null
}

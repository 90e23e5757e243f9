/**
 * Facts about the grant system per evaluation fiscal year, kept as data with their sources, for
 * the report's 制度の概要. Only what a source we hold says: a year we have no source for has
 * `frames: null` and the report says so, rather than repeating last year's shares.
 */
import type { FiscalYear } from '../types'

export type FrameId = 'base' | 'additional' | 'outcomeOriented'

export interface AllocationFrame {
  id: FrameId
  /** 基本配分枠 / 追加配分枠 / 成果指向型配分枠 */
  name: string
  /** share of each grant's budget, in percent */
  sharePercent: number
  /** the first fiscal year the frame existed */
  since: FiscalYear
  /** what the frame rewards, as a predicate: 「基本配分枠は、〜」 */
  description: string
}

export interface YearFacts {
  fiscalYear: FiscalYear
  /** the year's allocation frames, or null when no source we hold states them */
  frames: AllocationFrame[] | null
  /** what changed this year, one sentence each (です・ます) */
  changes: string[]
  /** where these facts come from */
  sources: string[]
}

/** Where the facts come from: the reports in shared/reference and the domain notes (shared/domain.md). */
export const FACT_SOURCES = {
  tomeR7: '登米市「令和7年度保険者機能強化推進交付金及び介護保険保険者努力支援交付金について」（制度の概要・交付金配分方法）',
  councilR7: '市町村議会報告「令和7年度保険者機能強化推進交付金及び介護保険保険者努力支援交付金の評価結果等について」（概要）',
  domain: 'incentive-lens 領域メモ（配分の仕組み：基本配分枠・追加配分枠・成果指向型配分枠）',
} as const

const BASE_DESCRIPTION = '評価指標の達成状況（評価指標の得点結果）と第1号被保険者数に応じて配分されます'
const ADDITIONAL_DESCRIPTION = '要介護認定率等の最終アウトカム指標の得点結果に応じた「アウトカム指標配分枠」と、前年度に続き上位の得点を獲得した自治体等に配分する「保険者機能強化推進枠」からなります'
const OUTCOME_DESCRIPTION = '地域のデータ分析に基づき、対象者・成果目標・評価指標を自ら設定して成果指向型の介護予防・健康づくりに取り組む保険者に配分されます'

const frame = (id: FrameId, sharePercent: number): AllocationFrame => {
  switch (id) {
    case 'base': return { id, name: '基本配分枠', sharePercent, since: 2018, description: BASE_DESCRIPTION }
    case 'additional': return { id, name: '追加配分枠', sharePercent, since: 2024, description: ADDITIONAL_DESCRIPTION }
    case 'outcomeOriented': return { id, name: '成果指向型配分枠', sharePercent, since: 2025, description: OUTCOME_DESCRIPTION }
  }
}

const FACTS: readonly YearFacts[] = [
  {
    fiscalYear: 2023,
    frames: [frame('base', 100)],
    changes: ['保険者機能強化推進交付金について、保険者機能強化に一層寄与するものとなるよう評価指標の見直しが行われました。'],
    sources: [FACT_SOURCES.tomeR7, FACT_SOURCES.domain],
  },
  {
    fiscalYear: 2024,
    frames: [frame('base', 95), frame('additional', 5)],
    changes: ['アウトカムの状況が上位の自治体や、評価得点が複数年にわたり上位の自治体など、一定の要件に該当する自治体に追加的な配分を行う枠組み（追加配分枠）が取り入れられました。',
      '評価指標が各交付金400点満点の体系に改められました。'],
    sources: [FACT_SOURCES.tomeR7, FACT_SOURCES.domain],
  },
  {
    fiscalYear: 2025,
    frames: [frame('base', 75), frame('additional', 20), frame('outcomeOriented', 5)],
    changes: ['アウトカム指標等に着目した追加配分枠が拡充されました。',
      '成果指向型の介護予防・健康づくりの取組を行う保険者を支援する成果指向型配分枠が創設されました。'],
    sources: [FACT_SOURCES.tomeR7, FACT_SOURCES.domain],
  },
]

/** The facts of a fiscal year; a year without a source gives frames null and no changes. */
export function yearFacts(fiscalYear: FiscalYear): YearFacts {
  return FACTS.find((f) => f.fiscalYear === fiscalYear) ?? { fiscalYear, frames: null, changes: [], sources: [] }
}

/** The years whose facts are held, ascending. */
export function factYears(): FiscalYear[] {
  return FACTS.map((f) => f.fiscalYear)
}

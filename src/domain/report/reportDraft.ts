/**
 * The yearly report to the council or committee, drafted from the data: one model that the
 * screen, the print layout and the Word file all render. Texts the user may edit (報告趣旨,
 * 制度の概要, 今後の方向性) are drafted here and replaced by the user's version where one is saved.
 */
import { grantDef, GRANT_NAMES } from '../catalogue/grantCatalogue'
import { formatFiscalYear } from '../format'
import { GRANT_IDS, type FiscalYear, type GrantId, type Municipality, type YearDataset } from '../types'
import { analysisParagraphs, type ReportParagraph } from './analysis'
import { directionDraft } from './directionDraft'
import { buildEvaluationTable, type EvaluationTable } from './evaluationTable'
import { itemsLeftParagraphs, type ItemsLeftInput } from './itemsLeft'
import { REPORT_TEXT_IDS, type ReportBody, type ReportTextId } from './reportBody'
import { yearFacts, type YearFacts } from './yearFacts'

/** Since when each grant exists (domain.md): 推進 FY2018 (平成30年度), 努力 FY2020 (令和2年度). */
export const GRANT_SINCE: Record<GrantId, FiscalYear> = { suishin: 2018, doryoku: 2020 }

export interface IndicatorExamples {
  grant: GrantId
  name: string
  /** goal titles I–III with one top-level item each, from the catalogue of the year */
  examples: string[]
}

export interface ReportDocument {
  /** 令和7年度保険者機能強化推進交付金及び介護保険保険者努力支援交付金の評価結果等について */
  title: string
  municipality: Municipality
  fiscalYear: FiscalYear
  /** 令和7年度 (2025) */
  yearLabel: string
  announcementDate: string
  /** purpose, overview and direction: the user's text where saved, else the draft */
  texts: Record<ReportTextId, string>
  /** which texts are the user's own */
  edited: Record<ReportTextId, boolean>
  drafts: Record<ReportTextId, string>
  indicatorExamples: IndicatorExamples[]
  table: EvaluationTable
  analysis: ReportParagraph[]
  /** hook for the item analysis (not built yet): empty when no item data exists, and then rendered as nothing */
  itemsLeft: ReportParagraph[]
  facts: YearFacts
  /** 出典 of the figures */
  source: string
}

const era = (fy: FiscalYear): string => formatFiscalYear(fy, { western: false })

/** 「令和7年4月1日付で国から…」; with no date yet, blanks for the user: 「令和7年　月　日付」. */
export function purposeDraft(fy: FiscalYear, announcementDate: string): string {
  const date = announcementDate.trim() || `${era(fy).replace(/年度$/, '年')}　月　日`
  return `${date}付で国から${era(fy)}保険者機能強化推進交付金及び介護保険保険者努力支援交付金の基準額の内示があったため、評価結果とともに報告するものです。`
}

function framesParagraph(fy: FiscalYear): string {
  const frames = yearFacts(fy).frames
  if (!frames) return `${era(fy)}の交付金の配分枠（基本配分枠等の割合）は、このアプリが保持する資料にはまだ記載がありません。国の通知により確認してください。`
  const only = frames.length === 1 ? frames[0] : undefined
  if (only) return `${era(fy)}の交付金は、${only.description}。`
  const before = yearFacts(fy - 1).frames
  const parts = frames.map((f) => {
    const prev = before?.find((b) => b.id === f.id)
    const note = f.since === fy ? `、${era(fy)}創設` : prev && prev.sharePercent !== f.sharePercent ? `、前年度${prev.sharePercent}%` : ''
    return `「${f.name}」（交付金予算額の${f.sharePercent}%${note}）`
  })
  return `${era(fy)}の交付金は、${parts.join('、')}により配分されます。${frames.map((f) => `${f.name}は、${f.description}。`).join('')}`
}

export function overviewDraft(fy: FiscalYear): string {
  const facts = yearFacts(fy)
  const paras = [
    `「${GRANT_NAMES.suishin.name}」は、高齢者の自立支援・重度化防止等に向けた保険者の取組や都道府県による保険者支援の取組が全国で実施されるよう、${era(GRANT_SINCE.suishin)}から交付されているものです。高齢者の自立支援や重度化防止等に関する取組について、客観的な指標に基づく評価の得点に応じて交付されます。`,
    `${era(GRANT_SINCE.doryoku)}からは、「${GRANT_NAMES.doryoku.name}」が創設され、介護予防・健康づくり等に資する取組を重点的に評価することにより、配分基準のメリハリ付けが強化されました。`,
  ]
  if (facts.changes.length > 0) paras.push(`${era(fy)}においては、${facts.changes.join('')}`)
  paras.push(framesParagraph(fy))
  return paras.join('\n\n')
}

function indicatorExamples(fy: FiscalYear): IndicatorExamples[] {
  return GRANT_IDS.map((grant) => {
    const def = grantDef(grant, fy)
    const examples = (def?.goals ?? []).filter((g) => !g.sharedAcrossGrants).map((g) => {
      const item = g.groups[0]?.items[0]
      return item ? `${g.title}（例：${item.name}）` : g.title
    })
    return { grant, name: GRANT_NAMES[grant].name, examples }
  })
}

export interface DraftInput {
  dataset: YearDataset
  /** the municipality's datasets of other years (others are ignored) */
  history: readonly YearDataset[]
  /** the user's saved edits, or null */
  body: ReportBody | null
  /** item-level results for the items-left hook; null until the item analysis exists */
  items?: ItemsLeftInput | null
}

export function buildReport({ dataset: ds, history, body, items = null }: DraftInput): ReportDocument {
  const fy = ds.fiscalYear
  const announcementDate = body?.announcementDate ?? ''
  const own = history.filter((h) => h.municipality.code === ds.municipality.code && h.fiscalYear !== fy)
  const drafts: Record<ReportTextId, string> = {
    purpose: purposeDraft(fy, announcementDate),
    overview: overviewDraft(fy),
    direction: directionDraft(ds, own),
  }
  const edited = Object.fromEntries(REPORT_TEXT_IDS.map((id) => [id, typeof body?.texts[id] === 'string'])) as Record<ReportTextId, boolean>
  const texts = Object.fromEntries(REPORT_TEXT_IDS.map((id) => [id, body?.texts[id] ?? drafts[id]])) as Record<ReportTextId, string>
  return {
    title: `${era(fy)}${GRANT_NAMES.suishin.name}及び${GRANT_NAMES.doryoku.name}の評価結果等について`,
    municipality: ds.municipality, fiscalYear: fy, yearLabel: formatFiscalYear(fy),
    announcementDate, texts, edited, drafts,
    indicatorExamples: indicatorExamples(fy),
    table: buildEvaluationTable(ds, own),
    analysis: analysisParagraphs(ds, own),
    itemsLeft: itemsLeftParagraphs(items),
    facts: yearFacts(fy),
    source: ds.source.label,
  }
}

/** Splits an edited text into paragraphs: blank lines or line breaks separate them. */
export function paragraphsOf(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '')
}

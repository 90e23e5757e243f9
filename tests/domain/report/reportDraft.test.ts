/** The report document: facts per year, drafts of the editable texts, and the user's edits over them. */
import { describe, expect, it } from 'vitest'
import { buildReport, factYears, overviewDraft, paragraphsOf, purposeDraft, yearFacts, type ReportBody } from '@/domain/report'
import { exampleDatasets } from '@/data/example'
import { exampleYear } from '../fixtures'

const all = exampleDatasets()
const body = (texts: Partial<ReportBody['texts']>, announcementDate = ''): ReportBody =>
  ({ version: 1, announcementDate, texts: { purpose: null, overview: null, direction: null, ...texts } })

describe('year facts', () => {
  it('allocation frames per year, with sources: FY2024 95/5, FY2025 75/20/5', () => {
    expect(yearFacts(2024).frames?.map((f) => [f.name, f.sharePercent])).toEqual([['基本配分枠', 95], ['追加配分枠', 5]])
    expect(yearFacts(2025).frames?.map((f) => [f.name, f.sharePercent])).toEqual([['基本配分枠', 75], ['追加配分枠', 20], ['成果指向型配分枠', 5]])
    for (const fy of factYears()) {
      const f = yearFacts(fy)
      expect(f.sources.length).toBeGreaterThan(0)
      expect(f.frames?.reduce((s, x) => s + x.sharePercent, 0)).toBe(100)
    }
  })
  it('FY2026 is not in any source we hold: frames unknown (null), and the overview says so', () => {
    expect(yearFacts(2026)).toEqual({ fiscalYear: 2026, frames: null, changes: [], sources: [] })
    expect(overviewDraft(2026)).toContain('令和8年度の交付金の配分枠（基本配分枠等の割合）は、このアプリが保持する資料にはまだ記載がありません。')
  })
})

describe('drafts', () => {
  it('報告趣旨: the announcement date is left for the user, blanks until given', () => {
    expect(purposeDraft(2025, '')).toBe('令和7年　月　日付で国から令和7年度保険者機能強化推進交付金及び介護保険保険者努力支援交付金の基準額の内示があったため、評価結果とともに報告するものです。')
    expect(purposeDraft(2025, ' 令和7年4月1日 ')).toMatch(/^令和7年4月1日付で国から/)
  })
  it('制度の概要: the grants since when, the year\'s changes and frames against the year before', () => {
    const paras = paragraphsOf(overviewDraft(2025))
    expect(paras[0]).toContain('平成30年度から交付されているものです')
    expect(paras[1]).toMatch(/^令和2年度からは、「介護保険保険者努力支援交付金」が創設され/)
    expect(paras[2]).toBe('令和7年度においては、アウトカム指標等に着目した追加配分枠が拡充されました。成果指向型の介護予防・健康づくりの取組を行う保険者を支援する成果指向型配分枠が創設されました。')
    expect(paras[3]).toMatch(/^令和7年度の交付金は、「基本配分枠」（交付金予算額の75%、前年度95%）、「追加配分枠」（交付金予算額の20%、前年度5%）、「成果指向型配分枠」（交付金予算額の5%、令和7年度創設）により配分されます。/)
    expect(paragraphsOf(overviewDraft(2024))[3]).toMatch(/「追加配分枠」（交付金予算額の5%、令和6年度創設）/)
  })
})

describe('buildReport', () => {
  it('without edits every text is the draft', () => {
    const r = buildReport({ dataset: exampleYear(2025), history: all, body: null })
    expect(r.title).toBe('令和7年度保険者機能強化推進交付金及び介護保険保険者努力支援交付金の評価結果等について')
    expect(r.texts).toEqual(r.drafts)
    expect(r.edited).toEqual({ purpose: false, overview: false, direction: false })
    expect(r.itemsLeft).toEqual([])
    expect(r.table.rows).toHaveLength(16)
    expect(r.indicatorExamples.map((e) => e.examples.length)).toEqual([3, 3])
  })
  it('the user\'s text wins where saved; the others follow the data; the date reaches the purpose draft', () => {
    const r = buildReport({ dataset: exampleYear(2025), history: all, body: body({ direction: '独自の方向性' }, '令和7年4月1日') })
    expect(r.texts.direction).toBe('独自の方向性')
    expect(r.edited).toEqual({ purpose: false, overview: false, direction: true })
    expect(r.texts.purpose).toMatch(/^令和7年4月1日付で/)
    expect(r.drafts.direction).toContain('26.5点下回っており')
  })
  it('an empty string is an edit (the user cleared the section), not the draft', () => {
    const r = buildReport({ dataset: exampleYear(2025), history: all, body: body({ overview: '' }) })
    expect(r.texts.overview).toBe('')
    expect(r.edited.overview).toBe(true)
  })
})

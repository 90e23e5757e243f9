/**
 * The meeting deck's slides, built from the selected dataset: a title slide, one slide per chart
 * and the weakest areas, each with a one-line caption from src/domain/captions.ts. Pure: the
 * chart options come from the same builders as the dashboard (animation off), and components
 * receive these slides as props. Ids are stable, so the saved slide choice keys on them.
 */
import type { EChartsCoreOption } from 'echarts/core'
import {
  datasetGapRows, formatFiscalYear, formatManYen, formatPoints, formatRank, formatRate, formatYen, gapCaption, GRANT_IDS,
  combinedLine, combinedSummary, GRANT_NAMES, radarCaption, scenarioCaption, titleCaption, trendCaption, trendHasData, trendSeries, weakAreaSentence,
  weakestAreas, weakestCaption, type ChangeEstimate, type GapRow, type GrantId, type YearDataset,
} from '@/domain'
import { buildRadarOption } from '@/charts/radarOption'
import { buildGapBarOption } from '@/charts/gapBarOption'
import { buildTrendOption } from '@/charts/trendOption'

/** The default order; saved scenarios follow. */
export const STANDARD_SLIDE_IDS = ['title', 'radar-suishin', 'radar-doryoku', 'gap', 'weakest', 'trend-suishin', 'trend-doryoku'] as const
export type StandardSlideId = (typeof STANDARD_SLIDE_IDS)[number]
export const SCENARIO_SLIDE_PREFIX = 'scenario:'

export interface DeckMeta {
  /** 登米市（宮城県） */
  who: string
  /** 令和7年度 (2025) */
  year: string
  source: string
  /** file names: 登米市_2025_会議資料 */
  fileStem: string
}

interface SlideBase {
  id: string
  title: string
  caption: string
  /** a short note under the content (legend hints, caveats); empty for none */
  note: string
  /** 出典 of this slide when it differs from the deck's (trends span several sources) */
  source: string
}

export interface GrantCard {
  grant: GrantId
  name: string
  score: string
  max: string
  rate: string
  prefRank: string
  natRank: string
  amount: string
}

export interface TitleSlide extends SlideBase {
  kind: 'title'; heading: string; subheading: string; cards: GrantCard[]
  /** 推進・支援合計 with its ranks, when a national workbook gives it */
  combined: string | null
}
export interface ChartSlide extends SlideBase { kind: 'chart'; option: EChartsCoreOption }
export interface ListItem {
  key: string
  /** 「介護保険保険者努力支援交付金 目標II 認知症総合支援」 */
  head: string
  /** 「全国平均を26.5点下回る」 */
  detail: string
}
export interface ListSlide extends SlideBase { kind: 'list'; items: ListItem[] }
export interface TableSlide extends SlideBase { kind: 'table'; columns: string[]; rows: { key: string; header: string; cells: string[] }[]; lines: string[] }
export type Slide = TitleSlide | ChartSlide | ListSlide | TableSlide

/** What a saved what-if scenario contributes (mapped from the simulator's store by useScenarioSlides). */
export interface ScenarioSlideInput {
  id: string
  name: string
  baseline: YearDataset
  /** the dataset with the scenario applied */
  applied: YearDataset
  /** 「努力支援交付金 目標II (i)：14→40点」 */
  changes: string[]
  allocation: ChangeEstimate
}

export function deckMeta(ds: YearDataset): DeckMeta {
  return {
    who: `${ds.municipality.name}（${ds.municipality.prefecture}）`,
    year: formatFiscalYear(ds.fiscalYear),
    source: ds.source.label,
    fileStem: `${ds.municipality.name}_${ds.fiscalYear}_会議資料`,
  }
}

function combinedOf(ds: YearDataset): string | null {
  const c = combinedSummary(ds)
  return c ? combinedLine(c) : null
}

function titleSlide(ds: YearDataset, rows: readonly GapRow[]): TitleSlide {
  const cards = GRANT_IDS.flatMap((g): GrantCard[] => {
    const r = ds.grants[g]
    const total = rows.find((x) => x.key === g)
    if (!r || !total) return []
    return [{
      grant: g, name: GRANT_NAMES[g].name, score: formatPoints(total.score), max: formatPoints(total.max), rate: formatRate(total.rate),
      prefRank: formatRank(r.prefRank), natRank: formatRank(r.natRank), amount: formatYen(r.amountYen),
    }]
  })
  return {
    id: 'title', kind: 'title', title: 'インセンティブ交付金 評価結果', caption: titleCaption(rows), note: '', source: '',
    heading: `${ds.municipality.name}（${ds.municipality.prefecture}）`,
    subheading: `${formatFiscalYear(ds.fiscalYear)} 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果`,
    cards, combined: combinedOf(ds),
  }
}

/** The dashboard's sentence, split where it says what: 「…認知症総合支援」「全国平均を26.5点下回る」. */
function listItem(r: GapRow): ListItem {
  const [head = '', ...rest] = weakAreaSentence(r).split('：')
  return { key: r.key, head, detail: rest.join('：') }
}

const hasGoals = (rows: readonly GapRow[], g: GrantId): boolean => rows.filter((r) => r.grant === g && r.level === 'goal').length >= 3

export function buildSlides(ds: YearDataset, all: readonly YearDataset[], scenarios: readonly ScenarioSlideInput[] = []): Slide[] {
  const rows = datasetGapRows(ds)
  const name = ds.municipality.name
  const labels = { municipality: name }
  const slides: Slide[] = [titleSlide(ds, rows)]
  const legend = `実線●＝${name}、破線▲＝県平均、点線◆＝全国平均。得点率＝得点÷配点。`

  for (const g of GRANT_IDS) {
    if (!hasGoals(rows, g)) continue
    const grantRows = rows.filter((r) => r.grant === g)
    slides.push({
      id: `radar-${g}`, kind: 'chart', title: `${GRANT_NAMES[g].name}：目標別の得点率`, caption: radarCaption(rows, g),
      note: legend, source: '', option: buildRadarOption(grantRows, { axes: 'goals', animation: false, labels }),
    })
  }
  if (rows.some((r) => r.level === 'group' && r.gapNatRate !== null)) {
    slides.push({
      id: 'gap', kind: 'chart', title: '指標群別 全国平均との得点率の差（弱い順）', caption: gapCaption(rows),
      note: '赤の棒と「−」は全国平均を下回る指標群。目標IVの成果指標群は両交付金で共通のため1本で表示。', source: '',
      option: buildGapBarOption(rows, { against: 'national', animation: false }),
    })
  }
  if (rows.some((r) => r.level === 'goal' && r.gapNatPoints !== null)) {
    const weakest = weakestAreas(ds)
    slides.push({
      id: 'weakest', kind: 'list', title: '課題の大きい目標（全国平均を下回る幅が大きい順）', caption: weakestCaption(weakest),
      note: '目標別。目標IVは両交付金で共通のため1回だけ数えています。', source: '',
      items: weakest.length > 0 ? weakest.map(listItem) : [{ key: 'none', head: '全国平均を下回る目標はありません。', detail: '' }],
    })
  }
  const trends = trendSeries(all, ds.municipality.code)
  const history = all.filter((d) => d.municipality.code === ds.municipality.code)
  const trendSource = [...new Set(history.map((d) => d.source.label))].join('／')
  for (const g of GRANT_IDS) {
    const t = trends[g]
    if (t.total.filter((p) => p.rate !== null).length < 2 || !trendHasData(t.total)) continue
    slides.push({
      id: `trend-${g}`, kind: 'chart', title: `${GRANT_NAMES[g].name}：得点率の推移`, caption: trendCaption(t, ds.fiscalYear),
      note: '令和6年度に指標が見直され配点が変わったため、年度間は得点率で比較しています。データのない年度は線を途切れさせています。',
      source: trendSource === ds.source.label ? '' : trendSource,
      option: buildTrendOption(t, { animation: false, goals: [], labels }),
    })
  }
  for (const s of scenarios) slides.push(scenarioSlide(s))
  return slides
}

/** +26点, −3.5点, ±0点: scores keep their published precision. */
const signedPoints = (x: number): string => {
  const p = formatPoints(Math.abs(x))
  return p === '0' ? '±0点' : `${x > 0 ? '+' : '−'}${p}点`
}

/** Estimates in 万円 with one decimal: a model's yen-exact figure would claim precision it has not. */
const signedManYen = (yen: number | null): string => {
  if (yen === null) return '—'
  const r = Math.round(yen / 1000) * 1000
  return r === 0 ? '±0円' : `${r > 0 ? '+' : '−'}${formatManYen(Math.abs(r))}`
}

export function scenarioSlide(s: ScenarioSlideInput): TableSlide {
  const rows = GRANT_IDS.map((g) => {
    const before = s.baseline.grants[g]?.total.score ?? null
    const after = s.applied.grants[g]?.total.score ?? null
    const est = s.allocation.grants[g]
    return {
      key: g, header: GRANT_NAMES[g].shortName,
      cells: [
        `${formatPoints(before)}点 → ${formatPoints(after)}点`,
        before === null || after === null ? '—' : signedPoints(after - before),
        `${formatManYen(est.baselineYen)} → ${formatManYen(est.scenarioYen)}`,
        signedManYen(est.changeYen),
      ],
    }
  })
  const changed = GRANT_IDS.filter((g) => s.baseline.grants[g]?.total.score !== s.applied.grants[g]?.total.score)
  const total = s.allocation.total.changeYen
  return {
    id: `${SCENARIO_SLIDE_PREFIX}${s.id}`, kind: 'table', title: `シナリオ「${s.name}」の試算（推計）`,
    caption: scenarioCaption({
      name: s.name, changeYen: total,
      grants: changed.map((g) => ({ grant: g, from: s.baseline.grants[g]?.total.score ?? null, to: s.applied.grants[g]?.total.score ?? null })),
    }),
    note: `${s.allocation.assumptions[0] ?? '推計：実際の交付額とは異なります。'}${total === null ? '' : ` 両交付金の変化の計：${signedManYen(total)}。`}`,
    source: '',
    columns: ['交付金', '得点', '得点の変化', '交付額（推計）', '交付額の変化（推計）'],
    rows, lines: s.changes,
  }
}

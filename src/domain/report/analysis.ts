/**
 * The report's 分析: sentences computed from the gap rows (unrounded figures, rounded only when
 * written) and the municipality's earlier years. A comparison is worded from its rounded value,
 * so the words never contradict the number beside them (a gap of −0.04 is 「同点」, not 「下回る」).
 */
import { GRANT_NAMES, grantDef } from '../catalogue/grantCatalogue'
import { groupCaptionName } from '../captions'
import { formatFiscalYear, formatPoints, formatRate } from '../format'
import { datasetGapRows, rankWeakest, type GapRow } from '../gaps'
import { ratePercent, roundHalfAway } from '../numbers'
import { GRANT_IDS, type FiscalYear, type GrantId, type YearDataset } from '../types'

/** One paragraph of generated text, keyed so that renderers and tests can find it. */
export interface ReportParagraph {
  id: string
  text: string
}

type Direction = 'above' | 'below' | 'even'
const direction = (x: number): Direction => {
  const r = roundHalfAway(x, 1)
  return r > 0 ? 'above' : r < 0 ? 'below' : 'even'
}
const abs1 = (x: number): string => Math.abs(roundHalfAway(x, 1)).toFixed(1)

/**
 * 「県平均点（207.7点）を38.3点、全国平均点（219.3点）を26.7点上回り」: comparisons going the same
 * way share one verb; `last` gives the finite form (「…上回りました」) that ends a sentence.
 */
function comparisons(comps: readonly { name: string; avg: number; gap: number }[], last: boolean): string {
  const verb = (d: Direction, end: boolean): string => (d === 'even' ? (end ? 'でした' : 'で') : `${d === 'above' ? '上回' : '下回'}${end ? 'りました' : 'り'}`)
  const phrase = (c: { name: string; avg: number; gap: number }): string =>
    direction(c.gap) === 'even' ? `${c.name}（${formatPoints(c.avg)}点）と同点` : `${c.name}（${formatPoints(c.avg)}点）を${abs1(c.gap)}点`
  const dirs = comps.map((c) => direction(c.gap))
  if (comps.length === 2 && dirs[0] === dirs[1] && dirs[0] !== 'even') return `${comps.map(phrase).join('、')}${verb(dirs[0] as Direction, last)}`
  return comps.map((c, i) => `${phrase(c)}${verb(direction(c.gap), last && i === comps.length - 1)}`).join('、')
}

/** 「保険者機能強化推進交付金は400点満点中246点（得点率61.5%）で、県平均点（207.7点）を38.3点、…」 */
export function totalSentence(ds: YearDataset, grant: GrantId, rows: readonly GapRow[] = datasetGapRows(ds)): string | null {
  const row = rows.find((r) => r.key === grant)
  const result = ds.grants[grant]
  if (!row || !result || row.score === null) return null
  const head = `${GRANT_NAMES[grant].name}は${formatPoints(row.max)}点満点中${formatPoints(row.score)}点（得点率${formatRate(row.rate)}）`
  const comps: { name: string; avg: number; gap: number }[] = []
  if (row.prefAvg !== null && row.gapPrefPoints !== null) comps.push({ name: '県平均点', avg: row.prefAvg, gap: row.gapPrefPoints })
  if (row.natAvg !== null && row.gapNatPoints !== null) comps.push({ name: '全国平均点', avg: row.natAvg, gap: row.gapNatPoints })
  const rank = result.prefRank
  const tail = rank ? `県内順位は${rank.of}市町村中${rank.rank}位でした。` : ''
  if (comps.length === 0) return `${head}${rank ? `で、${tail}` : 'でした。'}`
  return `${head}で、${comparisons(comps, !rank)}${rank ? `、${tail}` : '。'}`
}

/** 「介護保険保険者努力支援交付金の目標II（認知症総合支援を推進する）」; goal IV is common to both grants. */
export function goalName(row: GapRow, fy: FiscalYear): string {
  const title = grantDef(row.grant, fy)?.goals?.find((g) => g.goal === row.goal)?.title ?? row.shortTitle
  const owner = row.shared ? '両交付金共通' : GRANT_NAMES[row.grant].name
  return `${owner}の目標${row.goal ?? ''}（${title}）`
}

/** 「努力支援交付金の目標I「介護予防・日常生活支援」」: the compact name for lists. */
export function goalShortName(row: GapRow): string {
  return `${row.shared ? '両交付金共通' : GRANT_NAMES[row.grant].shortName}の目標${row.goal ?? ''}「${row.shortTitle}」`
}

const goalRows = (rows: readonly GapRow[]): GapRow[] => rankWeakest(rows.filter((r) => r.level === 'goal' && r.gapNatPoints !== null))

/** Goals below the national average, weakest first (goal IV once), by the rounded gap. */
export function goalsBelow(rows: readonly GapRow[]): GapRow[] {
  return goalRows(rows).filter((r) => direction(r.gapNatPoints ?? 0) === 'below')
}

/** Goals above the national average, strongest first. */
export function goalsAbove(rows: readonly GapRow[]): GapRow[] {
  return goalRows(rows).filter((r) => direction(r.gapNatPoints ?? 0) === 'above').reverse()
}

/** How the weakest goal stands against both averages: 「全国平均点（46.5点）を26.5点、県平均点（46.4点）を26.4点下回り」. */
function weakestClause(r: GapRow): string {
  const nat = `全国平均点（${formatPoints(r.natAvg)}点）を${abs1(r.gapNatPoints ?? 0)}点`
  if (r.prefAvg === null || r.gapPrefPoints === null) return `${nat}下回り`
  const pref = `県平均点（${formatPoints(r.prefAvg)}点）`
  const d = direction(r.gapPrefPoints)
  if (d === 'below') return `${nat}、${pref}を${abs1(r.gapPrefPoints)}点下回り`
  if (d === 'even') return `${pref}と同点ですが、${nat}下回り`
  return `${pref}を${abs1(r.gapPrefPoints)}点上回るものの、${nat}下回り`
}

/** The weakest goal against both averages, then the other goals below the national average. */
export function weakGoalSentences(rows: readonly GapRow[], fy: FiscalYear): string[] {
  const below = goalsBelow(rows)
  const first = below[0]
  if (!first) return goalRows(rows).length === 0 ? [] : ['目標別では、すべての目標で全国平均点以上でした。']
  const lead = `目標別では、${goalName(first, fy)}が${formatPoints(first.score)}点で、${weakestClause(first)}、全国平均点との差が最も大きくなっています。`
  const others = below.slice(1).map((r) => `${goalShortName(r)}（${signed(r.gapNatPoints ?? 0)}点）`)
  return others.length === 0 ? [lead] : [lead, `このほか、全国平均点を下回った目標は、${others.join('、')}です。`]
}

/** The groups furthest below the national average by score rate, with the prefectural gap. */
export function weakGroupSentence(rows: readonly GapRow[], count = 3): string | null {
  const groups = rankWeakest(rows.filter((r) => r.level === 'group' && r.gapNatRate !== null && direction(r.gapNatRate) === 'below')).slice(0, count)
  if (groups.length === 0) return null
  const parts = groups.map((r) => {
    const pref = r.gapPrefRate === null ? '' : `、県平均${formatRate(r.prefRate)}との差${signed(r.gapPrefRate)}ポイント`
    return `${groupCaptionName(r, rows)}（得点率${formatRate(r.rate)}、全国平均${formatRate(r.natRate)}との差${signed(r.gapNatRate ?? 0)}ポイント${pref}）`
  })
  return `指標群別に得点率でみると、全国平均との差が大きいのは、${parts.join('、')}の順です。`
}

function signed(x: number): string {
  const r = roundHalfAway(x, 1)
  return r === 0 ? '±0.0' : `${r > 0 ? '+' : '−'}${Math.abs(r).toFixed(1)}`
}

/** Goals above the national average: the municipality's strengths. */
export function strengthSentence(rows: readonly GapRow[], count = 3): string | null {
  const above = goalsAbove(rows).slice(0, count)
  if (above.length === 0) return null
  return `一方、全国平均点を上回った目標は、${above.map((r) => `${goalShortName(r)}（${signed(r.gapNatPoints ?? 0)}点）`).join('、')}です。`
}

export interface RateChange {
  grant: GrantId
  /** the years with a rate, ascending, and their unrounded rates */
  points: { fiscalYear: FiscalYear; rate: number }[]
  /** rate points against the year before, or null without it */
  fromPrevious: number | null
  /** rate points against two years before, or null without it */
  fromTwoBefore: number | null
}

/** The grant's total score rate this year and the two before, from the published totals. */
export function rateChange(ds: YearDataset, history: readonly YearDataset[], grant: GrantId): RateChange {
  const yearRate = (fy: FiscalYear): number | null => {
    const d = fy === ds.fiscalYear ? ds : history.find((h) => h.municipality.code === ds.municipality.code && h.fiscalYear === fy)
    const t = d?.grants[grant]?.total
    return t ? ratePercent(t.score, t.max ?? grantDef(grant, fy)?.max ?? null) : null
  }
  const years = [ds.fiscalYear - 2, ds.fiscalYear - 1, ds.fiscalYear]
  const rates = years.map(yearRate)
  const [two, one, now] = rates
  return {
    grant,
    points: years.flatMap((fy, i) => (rates[i] == null ? [] : [{ fiscalYear: fy, rate: rates[i] as number }])),
    fromPrevious: now == null || one == null ? null : now - one,
    fromTwoBefore: now == null || two == null ? null : now - two,
  }
}

const moved = (x: number): string => {
  const d = direction(x)
  return d === 'even' ? '同じ水準でした' : `${abs1(x)}ポイント${d === 'above' ? '上昇' : '低下'}しました`
}

/** 「推進交付金の得点率は、令和5年度60.9%、令和6年度56.8%、令和7年度61.5%と推移し、前年度から4.8ポイント上昇しました。」 */
export function trendSentence(change: RateChange): string | null {
  if (change.points.length < 2) return null
  const series = change.points.map((p) => `${formatFiscalYear(p.fiscalYear, { western: false })}${formatRate(p.rate)}`).join('、')
  const steps: string[] = []
  if (change.fromPrevious !== null) steps.push(`前年度から${moved(change.fromPrevious)}`)
  else if (change.fromTwoBefore !== null) steps.push(`2年前から${moved(change.fromTwoBefore)}`)
  return `${GRANT_NAMES[change.grant].shortName}の得点率は、${series}と推移し、${steps.join('')}。`
}

/** The note that goes with a trend crossing the FY2024 revision of the indicators. */
export function revisionNote(changes: readonly RateChange[]): string | null {
  const first = Math.min(...changes.flatMap((c) => c.points.map((p) => p.fiscalYear)))
  const r5 = grantDef('suishin', first)
  if (!Number.isFinite(first) || r5?.scale !== 'r5') return null
  return `なお、${formatFiscalYear(first, { western: false })}は評価指標の体系が異なる（推進${r5.max.toLocaleString('ja-JP')}点・努力${(grantDef('doryoku', first)?.max ?? 0).toLocaleString('ja-JP')}点満点）ため、得点率で比較しています。`
}

/** Every paragraph of the 分析 section, in reading order. */
export function analysisParagraphs(ds: YearDataset, history: readonly YearDataset[]): ReportParagraph[] {
  const rows = datasetGapRows(ds)
  const fy = ds.fiscalYear
  const changes = GRANT_IDS.map((g) => rateChange(ds, history, g))
  const out: ReportParagraph[] = []
  const add = (id: string, text: string | null): void => { if (text) out.push({ id, text }) }
  for (const g of GRANT_IDS) add(`total-${g}`, totalSentence(ds, g, rows))
  weakGoalSentences(rows, fy).forEach((t, i) => add(`weak-goals-${i}`, t))
  add('weak-groups', weakGroupSentence(rows))
  add('strengths', strengthSentence(rows))
  const trends = changes.map(trendSentence).filter((t): t is string => t !== null)
  if (trends.length > 0) add('trend', [...trends, revisionNote(changes) ?? ''].join(''))
  return out
}

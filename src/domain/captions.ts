/**
 * One-line Japanese captions for the meeting deck, computed from the same unrounded figures as
 * the charts. Every number is rounded here for display only (one decimal, like the tables), and
 * a comparison is classified by its rounded value so that the words never contradict the number
 * shown beside them (a gap of +0.04 reads 「±0.0」 and is not called 「上回る」).
 */
import { GRANT_NAMES, GROUP_LABELS, goalDef, STRUCTURE_REVISION_YEAR } from './catalogue/grantCatalogue'
import { formatFiscalYear, formatManYen, formatPoints, formatRate, formatSigned } from './format'
import { rankWeakest, type GapRow } from './gaps'
import { roundHalfAway } from './numbers'
import type { GrantTrend, TrendPoint } from './trends'
import type { FiscalYear, GrantId } from './types'

/** 推進交付金 → 推進, for compact names in long captions. */
const GRANT_SHORT: Record<GrantId, string> = { suishin: '推進', doryoku: '努力支援' }

type Direction = 'above' | 'below' | 'even'

function direction(x: number): Direction {
  const r = roundHalfAway(x, 1)
  return r > 0 ? 'above' : r < 0 ? 'below' : 'even'
}

const abs1 = (x: number): string => Math.abs(roundHalfAway(x, 1)).toFixed(1)

/** 「目標II 認知症総合支援」 for a goal row; the shortTitle alone for a total. */
function goalName(row: GapRow): string {
  return row.goal ? `目標${row.goal} ${row.shortTitle}`.trim() : row.shortTitle
}

/** 「努力支援 II(i) 認知症総合支援」: the gap chart's category name, with the grant spelt out a little. */
export function groupCaptionName(row: GapRow, rows: readonly GapRow[] = []): string {
  const goalRow = rows.find((r) => r.level === 'goal' && r.grant === row.grant && r.goal === row.goal)
  const title = goalRow?.shortTitle ?? (row.goal ? goalDef(row.grant, STRUCTURE_REVISION_YEAR, row.goal)?.shortTitle : '') ?? ''
  const mark = row.group === null || row.group === 'outcome' ? '' : GROUP_LABELS[row.group].mark
  const owner = row.shared ? '共通' : GRANT_SHORT[row.grant]
  return `${owner} ${row.goal ?? ''}${mark} ${title}`.replace(/\s+/g, ' ').trim()
}

// ---- title slide ----

function totalClause(row: GapRow, last: boolean, first: boolean): string {
  const name = GRANT_NAMES[row.grant].shortName
  if (row.gapNatPoints !== null) {
    const against = first ? '全国平均を' : ''
    const d = direction(row.gapNatPoints)
    if (d === 'even') return `${name}は全国平均と同点${last ? 'でした' : 'で'}`
    const verb = d === 'above' ? '上回' : '下回'
    return `${name}は${against}${abs1(row.gapNatPoints)}点${verb}${last ? 'りました' : 'り'}`
  }
  if (row.rate !== null) return `${name}の得点率は${formatRate(row.rate)}${last ? 'でした' : 'で'}`
  return `${name}は得点が公表されていません${last ? '' : '。'}`
}

/**
 * 「推進交付金は全国平均を26.7点上回り、努力支援交付金は25.7点下回りました」.
 * From the grant totals; a year without national averages falls back to the score rates.
 */
export function titleCaption(rows: readonly GapRow[]): string {
  const totals = rows.filter((r) => r.level === 'total')
  if (totals.length === 0) return '評価結果のデータがありません'
  const withGap = totals.every((r) => r.gapNatPoints !== null)
  return totals.map((r, i) => totalClause(r, i === totals.length - 1, i === 0 || !withGap)).join('、')
}

// ---- radar (goals of one grant) ----

/**
 * 「努力支援交付金は4目標中1目標で全国平均を上回り、最も下回るのは目標II 認知症総合支援（−26.5点）です」.
 * Goals have 100 points each, so points and rate points are the same number.
 */
export function radarCaption(rows: readonly GapRow[], grant: GrantId): string {
  const name = GRANT_NAMES[grant].shortName
  const goals = rows.filter((r) => r.grant === grant && r.level === 'goal')
  const compared = goals.filter((r) => r.gapNatPoints !== null)
  if (compared.length === 0) return `${name}は目標別の全国平均が公表されていないため、得点率のみを示します`
  const n = compared.length
  const above = compared.filter((r) => direction(r.gapNatPoints ?? 0) === 'above').length
  const below = compared.filter((r) => direction(r.gapNatPoints ?? 0) === 'below')
  const ranked = rankWeakest(compared)
  const weakest = ranked[0]
  const strongest = ranked[ranked.length - 1]
  if (below.length === 0 && strongest) {
    const all = above === n ? 'すべてで全国平均を上回り' : 'すべてで全国平均以上で'
    return `${name}は${n}目標${all}、最も上回るのは${goalName(strongest)}（${formatSigned(strongest.gapNatPoints)}点）です`
  }
  if (!weakest) return `${name}の目標別の得点率です`
  const lead = above === 0 ? `${n}目標すべてで全国平均を下回り` : `${n}目標中${above}目標で全国平均を上回り`
  const which = below.length === 1 ? '下回るのは' : '最も下回るのは'
  return `${name}は${lead}、${which}${goalName(weakest)}（${formatSigned(weakest.gapNatPoints)}点）です`
}

// ---- gap chart (every indicator group, goal IV once) ----

/**
 * 「13の指標群のうち8つが全国平均を下回り、最も差が大きいのは努力支援 II(i) 認知症総合支援（−30.2ポイント）です」.
 * The gap is in score-rate points, as on the chart.
 */
export function gapCaption(rows: readonly GapRow[]): string {
  const groups = rankWeakest(rows.filter((r) => r.level === 'group')).filter((r) => r.gapNatRate !== null)
  if (groups.length === 0) return '指標群別の全国平均が公表されていないため、比較できません'
  const below = groups.filter((r) => direction(r.gapNatRate ?? 0) === 'below')
  const weakest = groups[0]
  const strongest = groups[groups.length - 1]
  if (below.length === 0 || !weakest) {
    return strongest
      ? `${groups.length}の指標群すべてで全国平均以上です。最も上回るのは${groupCaptionName(strongest, rows)}（${formatSigned(strongest.gapNatRate)}ポイント）です`
      : '指標群別の比較です'
  }
  return `${groups.length}の指標群のうち${below.length}つが全国平均を下回り、最も差が大きいのは${groupCaptionName(weakest, rows)}（${formatSigned(weakest.gapNatRate)}ポイント）です`
}

// ---- weakest areas ----

/** 「認知症総合支援は全国平均を26.5点下回り、最大の課題です」 (the first of weakestAreas). */
export function weakestCaption(weakest: readonly GapRow[]): string {
  const first = weakest[0]
  if (!first || first.gapNatPoints === null || direction(first.gapNatPoints) !== 'below') {
    return '全国平均を下回る目標はありません'
  }
  return `${first.shortTitle || goalName(first)}は全国平均を${abs1(first.gapNatPoints)}点下回り、最大の課題です`
}

// ---- trend of one grant ----

function pointAt(points: readonly TrendPoint[], fiscalYear: FiscalYear | undefined): TrendPoint | undefined {
  const withRate = points.filter((p) => p.rate !== null)
  if (fiscalYear !== undefined) {
    const at = withRate.find((p) => p.fiscalYear === fiscalYear)
    if (at) return at
  }
  return withRate[withRate.length - 1]
}

/**
 * 「推進交付金の得点率は令和7年度61.5%で前年度から4.8ポイント上昇し、全国平均（54.8%）を上回っています」.
 * Rates only (the point scale changed in FY2024). The year is the deck's year when it has a rate,
 * else the latest year with one; the comparison is with the nearest earlier year with a rate.
 */
export function trendCaption(trend: GrantTrend, fiscalYear?: FiscalYear): string {
  const name = GRANT_NAMES[trend.grant].shortName
  const now = pointAt(trend.total, fiscalYear)
  if (!now || now.rate === null) return `${name}の得点率のデータがありません`
  const before = trend.total.filter((p) => p.rate !== null && p.fiscalYear < now.fiscalYear).pop()
  const text = `${name}の得点率は${formatFiscalYear(now.fiscalYear, { western: false })}${formatRate(now.rate)}`
  let change: { when: string; d: Direction; size: string } | null = null
  if (before && before.rate !== null) {
    const when = before.fiscalYear === now.fiscalYear - 1 ? '前年度' : formatFiscalYear(before.fiscalYear, { western: false })
    change = { when, d: direction(now.rate - before.rate), size: abs1(now.rate - before.rate) }
  }
  let nat: string | null = null
  if (now.natRate !== null) {
    const d = direction(now.rate - now.natRate)
    nat = `全国平均（${formatRate(now.natRate)}）${d === 'even' ? 'と同じです' : `を${d === 'above' ? '上回っています' : '下回っています'}`}`
  }
  const moved = change && change.d !== 'even' ? `${change.when}から${change.size}ポイント${change.d === 'above' ? '上昇' : '低下'}` : null
  if (change && nat) return `${text}で${moved ? `${moved}し` : `${change.when}と同じで`}、${nat}`
  if (change) return `${text}で、${moved ? `${moved}しました` : `${change.when}と同じです`}`
  if (nat) return `${text}で、${nat}`
  return `${text}です`
}

// ---- a saved what-if scenario ----

export interface ScenarioCaptionInput {
  name: string
  /** per grant whose total changed: published total and scenario total */
  grants: { grant: GrantId; from: number | null; to: number | null }[]
  /** both grants' modelled change in yen (推計), or null when not estimated */
  changeYen: number | null
}

const signedManYen = (yen: number): string => {
  const r = Math.round(yen)
  if (r === 0) return '±0円'
  return `${r > 0 ? '+' : '−'}${formatManYen(Math.abs(r))}`
}

/**
 * 「シナリオ「認知症施策の強化」では努力支援交付金が26点上がり、交付額は計+76.0万円の見込みです（推計）」.
 * Money is always labelled 推計: it comes from a simplified allocation model.
 */
export function scenarioCaption(input: ScenarioCaptionInput): string {
  const head = `シナリオ「${input.name}」`
  const moved = input.grants.flatMap((g) => {
    if (g.from === null || g.to === null) return []
    const delta = roundHalfAway(g.to - g.from, 1)
    if (delta === 0) return []
    return [`${GRANT_NAMES[g.grant].shortName}が${formatPoints(Math.abs(delta))}点${delta > 0 ? '上がり' : '下がり'}`]
  })
  if (moved.length === 0) return `${head}では得点は変わりません`
  const money = input.changeYen === null
    ? '交付額は推計できません'
    : `交付額は計${signedManYen(input.changeYen)}の見込みです（推計）`
  return `${head}では${moved.join('、')}、${money}`
}

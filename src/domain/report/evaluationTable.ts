/**
 * The 評価結果 table of the yearly report, in the layout municipalities publish (登米市 令和7年度):
 * both grants side by side; per goal and group 評価項目数, 配点, 得点, 得点率, 県平均点, 国平均点;
 * the 合計 row; rows for the 県内平均点 and 全国平均点; reference rows for the two previous years
 * with their own 配点; then 交付金額 and 県内順位. Cells are display text, figures as published;
 * rounding mismatches go to `notes`, under the table, never into a cell.
 */
import { grantDef, GRANT_NAMES, GROUP_LABELS, STRUCTURE_REVISION_YEAR, type GoalDef } from '../catalogue/grantCatalogue'
import { formatFiscalYear, formatPoints, formatRate } from '../format'
import { ratePercent, sumOrNull } from '../numbers'
import { validateDataset } from '../validate'
import { GOAL_IDS, GRANT_IDS, type FiscalYear, type GoalId, type GrantId, type GrantResult, type ScoreLine, type YearDataset } from '../types'

const DASH = '—'
const INTEGER = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 })

/** One grant's six cells of a row, as text. */
export interface GrantCells {
  items: string
  max: string
  score: string
  rate: string
  prefAvg: string
  natAvg: string
}

export type TableRowKind = 'goal' | 'group' | 'total' | 'prefAverage' | 'natAverage' | 'reference'

export interface EvaluationRow {
  /** stable key: "goal/II", "group/II/structure", "total", "pref", "nat", "ref/2023" */
  key: string
  kind: TableRowKind
  /** first cell, e.g. 「(i) 体制・取組指標群」 or 「【参考：令和5年度】」 */
  label: string
  /** goal rows: each grant's goal title, shown under the label (one entry when both grants share it) */
  titles: { marks: string; title: string }[]
  cells: Record<GrantId, GrantCells>
}

export interface EvaluationTable {
  fiscalYear: FiscalYear
  /** 令和7年度 */
  yearLabel: string
  municipalityName: string
  grantNames: Record<GrantId, string>
  rows: EvaluationRow[]
  /** 交付金額 and 県内順位, e.g. 7,081,000円 and 4位/35市町村 */
  amounts: Record<GrantId, { amount: string; prefRank: string }>
  /** what a reader must know about the figures: rounding adjustments, missing years */
  notes: string[]
}

const text = {
  int: (x: number | null | undefined): string => (x === null || x === undefined ? DASH : INTEGER.format(x)),
  points: formatPoints,
  rate: formatRate,
}

const BLANK: GrantCells = { items: DASH, max: DASH, score: DASH, rate: DASH, prefAvg: DASH, natAvg: DASH }

function scoreCells(line: ScoreLine | null, fallback: { items: number | null; max: number | null }, averages?: { prefAvg: number | null; natAvg: number | null }): GrantCells {
  const items = line?.items ?? fallback.items
  const max = line?.max ?? fallback.max
  const score = line?.score ?? null
  return {
    items: text.int(items), max: text.int(max), score: text.points(score), rate: text.rate(ratePercent(score, max)),
    prefAvg: text.points(averages ? averages.prefAvg : line?.prefAvg ?? null),
    natAvg: text.points(averages ? averages.natAvg : line?.natAvg ?? null),
  }
}

function perGrant(build: (g: GrantId) => GrantCells): Record<GrantId, GrantCells> {
  return { suishin: build('suishin'), doryoku: build('doryoku') }
}

function goalTitles(goal: GoalId, fy: FiscalYear): EvaluationRow['titles'] {
  const defs = GRANT_IDS.map((g) => grantDef(g, fy)?.goals?.find((d) => d.goal === goal) ?? null)
  const [s, d] = defs
  if (s && d && s.title === d.title) return [{ marks: '(推進)(努力)', title: s.title }]
  return GRANT_IDS.flatMap((g, i) => {
    const def = defs[i]
    return def ? [{ marks: g === 'suishin' ? '(推進)' : '(努力)', title: def.title }] : []
  })
}

function goalRows(ds: YearDataset, goal: GoalId): EvaluationRow[] {
  const defOf = (g: GrantId): GoalDef | null => grantDef(g, ds.fiscalYear)?.goals?.find((d) => d.goal === goal) ?? null
  const lineOf = (g: GrantId) => ds.grants[g]?.goals.find((x) => x.goal === goal) ?? null
  const rows: EvaluationRow[] = [{
    key: `goal/${goal}`, kind: 'goal', label: `目標${goal}`, titles: goalTitles(goal, ds.fiscalYear),
    cells: perGrant((g) => scoreCells(lineOf(g), { items: defOf(g)?.groups.reduce((n, gr) => n + gr.items.length, 0) ?? null, max: defOf(g)?.max ?? null })),
  }]
  for (const groupDef of defOf('suishin')?.groups ?? []) {
    const kind = groupDef.kind
    const labels = GROUP_LABELS[kind]
    rows.push({
      key: `group/${goal}/${kind}`, kind: 'group', titles: [],
      label: kind === 'outcome' ? labels.label : `${labels.mark} ${labels.label}`,
      cells: perGrant((g) => {
        const def = defOf(g)?.groups.find((x) => x.kind === kind) ?? null
        return scoreCells(lineOf(g)?.groups.find((x) => x.kind === kind) ?? null, { items: def?.items.length ?? null, max: def?.max ?? null })
      }),
    })
  }
  return rows
}

/**
 * The 合計 row's averages, as municipalities tabulate them: the sum of the goal rows above when
 * every goal is there (登米市's 努力 national figure is 215.7 here, 216.7 in the 全国平均点 row),
 * otherwise the published total.
 */
function totalAverages(result: GrantResult | undefined, goalCount: number): { prefAvg: number | null; natAvg: number | null } {
  if (!result) return { prefAvg: null, natAvg: null }
  const complete = goalCount > 0 && result.goals.length === goalCount
  const sum = (field: 'prefAvg' | 'natAvg'): number | null => (complete ? sumOrNull(result.goals.map((g) => g[field])) : null)
  return { prefAvg: sum('prefAvg') ?? result.total.prefAvg, natAvg: sum('natAvg') ?? result.total.natAvg }
}

function averageRow(ds: YearDataset, field: 'prefAvg' | 'natAvg'): EvaluationRow {
  return {
    key: field === 'prefAvg' ? 'pref' : 'nat', kind: field === 'prefAvg' ? 'prefAverage' : 'natAverage',
    label: field === 'prefAvg' ? '県内平均点' : '全国平均点', titles: [],
    cells: perGrant((g) => {
      const total = ds.grants[g]?.total ?? null
      const avg = total?.[field] ?? null
      const max = total?.max ?? grantDef(g, ds.fiscalYear)?.max ?? null
      return { ...BLANK, score: text.points(avg), rate: text.rate(ratePercent(avg, max)) }
    }),
  }
}

function referenceRow(fy: FiscalYear, ds: YearDataset | undefined): EvaluationRow {
  return {
    key: `ref/${fy}`, kind: 'reference', label: `【参考：${formatFiscalYear(fy, { western: false })}】`, titles: [],
    cells: perGrant((g) => {
      const total = ds?.grants[g]?.total ?? null
      const def = grantDef(g, fy)
      if (!total) return BLANK
      return { ...scoreCells(total, { items: def?.items ?? null, max: def?.max ?? null }), prefAvg: DASH, natAvg: DASH }
    }),
  }
}

function amountCells(result: GrantResult | undefined): { amount: string; prefRank: string } {
  const r = result?.prefRank ?? null
  return {
    amount: result?.amountYen == null ? DASH : `${INTEGER.format(result.amountYen)}円`,
    prefRank: r ? `${r.rank}位/${r.of}市町村` : DASH,
  }
}

function tableNotes(ds: YearDataset, history: readonly YearDataset[], rows: readonly EvaluationRow[]): string[] {
  const notes: string[] = []
  const mismatches = validateDataset(ds).filter((i) => i.code === 'sum-mismatch')
  if (mismatches.length > 0) notes.push('※小数点以下調整あり')
  // a grant total's average that differs from its goals' sum is explained below, by the two rows that show both
  for (const w of mismatches) if (w.path.goal !== undefined || w.path.field === 'score') notes.push(`※${w.message}`)
  const total = rows.find((r) => r.kind === 'total')
  const pairs = [['prefAverage', 'prefAvg', '県平均点', '県内平均点'], ['natAverage', 'natAvg', '国平均点', '全国平均点']] as const
  for (const g of GRANT_IDS) {
    for (const [kind, field, name, rowName] of pairs) {
      const stated = rows.find((r) => r.kind === kind)?.cells[g].score
      const summed = total?.cells[g][field]
      if (stated && summed && stated !== DASH && summed !== stated) {
        notes.push(`※${GRANT_NAMES[g].name}の合計欄の${name}（${summed}）は目標の${name}の合計、${rowName}の欄（${stated}）は公表された合計の平均点です。`)
      }
    }
  }
  for (const fy of [ds.fiscalYear - 2, ds.fiscalYear - 1]) {
    if (!history.some((h) => h.fiscalYear === fy)) notes.push(`※${formatFiscalYear(fy, { western: false })}のデータが読み込まれていないため、参考の行は空欄です。`)
  }
  const oldYear = STRUCTURE_REVISION_YEAR - 1
  if (ds.fiscalYear - 2 <= oldYear && ds.fiscalYear > oldYear) {
    notes.push(`※${formatFiscalYear(oldYear, { western: false })}以前は評価指標の体系が異なるため（推進${text.int(grantDef('suishin', oldYear)?.max)}点・努力${text.int(grantDef('doryoku', oldYear)?.max)}点満点）、得点でなく得点率で比較してください。`)
  }
  return notes
}

/**
 * The table for one municipality's year. `history` holds the municipality's other years (any
 * order, other municipalities ignored); the two years before `ds` become reference rows.
 */
export function buildEvaluationTable(ds: YearDataset, history: readonly YearDataset[]): EvaluationTable {
  const own = history.filter((h) => h.municipality.code === ds.municipality.code && h.fiscalYear !== ds.fiscalYear)
  const withGoals = GRANT_IDS.some((g) => (ds.grants[g]?.goals.length ?? 0) > 0)
  const goals = withGoals ? GOAL_IDS.filter((goal) => grantDef('suishin', ds.fiscalYear)?.goals?.some((d) => d.goal === goal)) : []
  const rows: EvaluationRow[] = goals.flatMap((goal) => goalRows(ds, goal))
  rows.push({
    key: 'total', kind: 'total', label: '合計', titles: [],
    cells: perGrant((g) => {
      const def = grantDef(g, ds.fiscalYear)
      return scoreCells(ds.grants[g]?.total ?? null, { items: def?.items ?? null, max: def?.max ?? null }, totalAverages(ds.grants[g], def?.goals?.length ?? 0))
    }),
  })
  rows.push(averageRow(ds, 'prefAvg'), averageRow(ds, 'natAvg'))
  for (const fy of [ds.fiscalYear - 2, ds.fiscalYear - 1]) rows.push(referenceRow(fy, own.find((h) => h.fiscalYear === fy)))
  return {
    fiscalYear: ds.fiscalYear,
    yearLabel: formatFiscalYear(ds.fiscalYear, { western: false }),
    municipalityName: ds.municipality.name,
    grantNames: { suishin: GRANT_NAMES.suishin.name, doryoku: GRANT_NAMES.doryoku.name },
    rows,
    amounts: { suishin: amountCells(ds.grants.suishin), doryoku: amountCells(ds.grants.doryoku) },
    notes: tableNotes(ds, own, rows),
  }
}

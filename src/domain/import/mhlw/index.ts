/**
 * MHLW's national result workbook 「（掲載用）令和N年度評価結果（市町村分）」, read as a pipeline of
 * small pure stages, each found by header text, never by position:
 *
 *   locate the header block → label every column (merge-aware) → classify rows →
 *   read municipalities → build datasets and the population with its statistics.
 *
 * The real layout and its traps are described in shared/mhlw-workbooks.md.
 */
import { grantDef, LAST_MODELLED_YEAR } from '../../catalogue/grantCatalogue'
import { fillPeerFiguresInPlace } from '../../peers'
import type { Population } from '../../population'
import type { YearDataset } from '../../types'
import { formatFiscalYear } from '../../format'
import { cellText, normalizeKey, parseNumberCell } from '../longFormat'
import type { Grid, ParsedImport } from '../types'
import { buildDataset, splitItems, type BuildContext, type StatValues } from './buildDatasets'
import { applyPublishedRanks, buildPopulation } from './buildPopulation'
import { classifyRows, type RowPlan } from './classifyRows'
import { labelColumns, type LabelledColumn } from './columnRoles'
import { cellPlace, fiscalYearIn, idLabel, STAT_LABELS } from './headerWords'
import { IssueSink } from './issueSink'
import { locateHeader, type HeaderBlock } from './locateHeader'
import { readMunicipalities, type CodeLookup } from './readMunicipalities'
import { buildScoreTree } from './scoreTree'
import type { MhlwSheet } from './sheet'
import { reportValidation } from './validation'

export type { MhlwSheet, MergeRange } from './sheet'
export type { CodeLookup } from './readMunicipalities'
export { parseRange } from './sheet'

export interface MhlwParseOptions {
  /** the evaluation year when neither title, sheet name nor file name says it */
  fiscalYear?: number
  /** (prefecture, name) → five-digit 地方公共団体コード */
  lookup: CodeLookup
}

export interface MhlwParsed extends ParsedImport {
  population: Population | null
  /** what the reader did beyond the issues: unions left out, columns ignored, structure read from the header */
  notes: string[]
}

const READ_KINDS = new Set(['item', 'total', 'combined', 'combinedRank', 'amount'])

/** 令和8年度 from the title (a previous year's label is passed over), the sheet name or the file name. */
function yearOf(grid: Grid, block: HeaderBlock, sheetName: string, file: string): number | null {
  for (let r = 0; r < block.top; r++) {
    for (const c of grid[r] ?? []) {
      const t = cellText(c)
      if (t === '' || /前年度|前年|昨年度/.test(normalizeKey(t))) continue
      const y = fiscalYearIn(t)
      if (y !== null) return y
    }
  }
  return fiscalYearIn(sheetName) ?? fiscalYearIn(file)
}

function readStats(grid: Grid, plan: RowPlan, columns: readonly LabelledColumn[], issues: IssueSink): StatValues {
  const out = new Map<Parameters<StatValues['get']>[0], (number | null)[]>()
  for (const [kind, r] of plan.stats) {
    const row = grid[r] ?? []
    out.set(kind, columns.map((col) => {
      const v = parseNumberCell(row[col.index])
      if (v.ok) return v.value
      if (kind === 'max' || kind === 'mean') issues.add('error', r, col.label, `${STAT_LABELS[kind]}: ${v.error}`)
      return null
    }))
  }
  return out
}

/** Columns inside a grant block whose header could not be read: named by cell, with what was expected. */
function reportUnreadable(columns: readonly LabelledColumn[], issues: IssueSink): void {
  const odd = columns.filter((c) => c.role.kind === 'unknown' && c.role.inGrantBlock && c.cell)
  for (const c of odd.slice(0, 10)) {
    issues.add('warning', null, null, `${cellPlace(c.cell!.row, c.index, c.cell!.text)}: 見出しを読み取れません（指標番号・指標名、`
      + '「Ⅰ（ⅰ）計」「Ⅰ合計」「推進合計」のような小計・合計の見出しを想定しています）。この列は読み込みません')
  }
  if (odd.length > 10) issues.add('warning', null, null, `ほかに見出しを読み取れない列が${odd.length - 10}列あります（読み込みません）`)
}

function notesOf(plan: RowPlan, columns: readonly LabelledColumn[], year: number, count: number): string[] {
  const notes = [`市町村: ${count.toLocaleString('ja-JP')}（この年度の順位・平均・按分の母集団になります）`]
  if (plan.unions.length) notes.push(`広域連合の行: ${plan.unions.length}行（得点がないため市町村としては読み込まず、構成市町村を読み込みます）`)
  const ignored = columns.filter((c) => c.role.kind === 'unknown').length
  if (ignored) notes.push(`読み込まない列: ${ignored.toLocaleString('ja-JP')}列（内容が分からない列・空の列）`)
  if (plan.trailingStats.length) notes.push(`データの後の統計の行: ${plan.trailingStats.length}行（読み込みません）`)
  if (grantDef('suishin', year)?.provisional) {
    notes.push(`${formatFiscalYear(year)}の指標の一覧はアプリにまだありません（${formatFiscalYear(LAST_MODELLED_YEAR)}まで）。指標・配点はこのファイルの見出しと配点の行から読み取りました`)
  }
  return notes
}

function failed(file: string, issues: IssueSink, notes: string[] = []): MhlwParsed {
  return { format: 'mhlw-xlsx', file, datasets: [], issues: issues.finish(), rowCount: 0, population: null, notes }
}

export function parseMhlwSheet(sheet: MhlwSheet, file: string, options: MhlwParseOptions): MhlwParsed {
  const issues = new IssueSink(file)
  const { grid } = sheet
  const block = locateHeader(grid)
  if (!block || block.ids.name === undefined) {
    issues.add('error', null, null, `必要な列が見つかりません: ${idLabel('insurerNo')}、${idLabel('name')}（見出しの文字で探しています）`)
    return failed(file, issues)
  }
  const year = options.fiscalYear ?? yearOf(grid, block, sheet.name, file)
  if (year === null) {
    issues.add('error', null, null, '評価年度が分かりません。表題かファイル名に「令和8年度」のような年度を入れてから読み込んでください')
    return failed(file, issues)
  }
  const all = labelColumns(grid, block, sheet.merges)
  reportUnreadable(all, issues)
  const columns = all.filter((c) => READ_KINDS.has(c.role.kind))
  const tree = buildScoreTree(columns, issues)
  if (tree.size === 0) {
    issues.add('error', block.top, null, '得点の列が見つかりません（交付金名・目標・指標群、「推進合計」「支援合計」の見出しを探しています）')
    return failed(file, issues)
  }
  const plan = classifyRows(grid, block, all)
  const stats = readStats(grid, plan, columns, issues)
  const rows = readMunicipalities(grid, block, plan, issues, { columns, max: stats.get('max') ?? [], lookup: options.lookup })
  const label = block.title ? `厚生労働省「${block.title}」` : `厚生労働省 評価結果（${file}）`
  const ctx: BuildContext = { year, columns, stats, tree, derived: new Set() }
  const kept = rows.filter((m) => !m.broken)
  const datasets: YearDataset[] = kept.map((m) => buildDataset(ctx, m, { label, file }))
  applyPublishedRanks(datasets, kept, columns.findIndex((c) => c.role.kind === 'combinedRank'))
  fillPeerFiguresInPlace(datasets)
  reportValidation(datasets, kept, plan, ctx, issues)
  if (datasets.length === 0 && !issues.failed) issues.add('error', null, null, 'データ行がありません（通し番号と合計点のある行が見つかりません）')
  const notes = notesOf(plan, all, year, datasets.length)
  if (issues.failed) return failed(file, issues, notes)
  const population = buildPopulation({ year, label, file, columns, stats, datasets,
    structure: grantDef('suishin', year)?.provisional ? 'header' : 'catalogue', ignoredColumns: all.filter((c) => c.role.kind === 'unknown').length,
    splits: splitItems(ctx) })
  return { format: 'mhlw-xlsx', file, datasets, issues: issues.finish(), rowCount: plan.municipalities.length, population, notes }
}

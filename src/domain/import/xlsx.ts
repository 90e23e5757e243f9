/**
 * An .xlsx workbook, as grids per sheet (src/import/readXlsx.ts reads the file), dispatched by
 * header text to the right reader: the long format (longFormat.ts, the same columns as the CSV)
 * or MHLW's national result workbook (mhlw/). Sheets that fit neither (notes, a
 * cover sheet) are passed over; a workbook where no sheet fits gets one clear error.
 */
import { datasetKeyString, type YearDataset } from '../types'
import { cellText, LONG_COLUMNS, normalizeHeader, parseLongTable, type LongField } from './longFormat'
import { parseMhlwSheet, type CodeLookup, type MergeRange } from './mhlw'
import { probeMhlwLayout } from './mhlw/probe'
import type { Grid, ImportFormat, ImportIssue, ParsedImport } from './types'

export interface SheetGrid {
  name: string
  grid: Grid
  /** merged ranges (MHLW's header labels are merged cells); none when unknown */
  merges?: readonly MergeRange[]
}

export interface XlsxParseOptions {
  /** the evaluation year of an MHLW workbook, when its title does not say (令和7年度) */
  fiscalYear?: number
  /** (prefecture, name) → 地方公共団体コード, for national workbooks (src/import/codeList.ts) */
  lookup?: CodeLookup
}

export type XlsxLayout = 'long' | 'mhlw'

export interface LayoutProbe {
  layout: XlsxLayout | null
  /** required columns missing for each layout (header texts, in the formats' own words) */
  missing: Record<XlsxLayout, string[]>
  /** how many of each layout's required columns were found: tells the closer layout apart */
  found: Record<XlsxLayout, number>
}

/** Rows searched for the long format's header line. */
const LONG_HEADER_ROWS = 20
const LONG_REQUIRED = LONG_COLUMNS.filter((c) => c.required)
const LONG_FIELD_BY_HEADER = new Map(LONG_COLUMNS.flatMap((c) => [c.header, ...c.synonyms].map((h) => [normalizeHeader(h), c.field] as const)))
const MHLW_SCORE_HEADERS = '交付金・目標・指標群の見出し'

function probeLong(grid: Grid): { missing: string[]; found: number } {
  let best: { missing: string[]; found: number } = { missing: LONG_REQUIRED.map((c) => c.header), found: 0 }
  for (let r = 0; r < Math.min(grid.length, LONG_HEADER_ROWS); r++) {
    const fields = new Set<LongField>()
    for (const c of grid[r] ?? []) {
      const f = LONG_FIELD_BY_HEADER.get(normalizeHeader(cellText(c)))
      if (f) fields.add(f)
    }
    // the work year (実施年度) stands in for the evaluation year
    const has = (f: LongField) => fields.has(f) || (f === 'fiscalYear' && fields.has('workYear'))
    const missing = LONG_REQUIRED.filter((c) => !has(c.field)).map((c) => c.header)
    const found = LONG_REQUIRED.length - missing.length
    if (found > best.found) best = { missing, found }
  }
  return best
}

/** Which layout a sheet is in, decided by header text only. */
export function probeSheetLayout(grid: Grid): LayoutProbe {
  const long = probeLong(grid)
  const mhlw = probeMhlwLayout(grid)
  const mhlwMissing = [...mhlw.missing, ...(mhlw.scoreHeaders === 0 ? [MHLW_SCORE_HEADERS] : [])]
  const mhlwFound = 2 - mhlw.missing.length + (mhlw.scoreHeaders > 0 ? 1 : 0)
  let layout: XlsxLayout | null = null
  if (long.missing.length === 0) layout = 'long'
  else if (mhlwMissing.length === 0) layout = 'mhlw'
  return { layout, missing: { long: long.missing, mhlw: mhlwMissing }, found: { long: long.found, mhlw: mhlwFound } }
}

const FORMAT_OF: Record<XlsxLayout, ImportFormat> = { long: 'xlsx-long', mhlw: 'mhlw-xlsx' }

/** Datasets of several sheets: one per municipality × year, grants of different sheets joined. */
function mergeDatasets(parts: readonly { sheet: string; datasets: readonly YearDataset[] }[], file: string, issues: ImportIssue[]): YearDataset[] {
  const out = new Map<string, { ds: YearDataset; sheet: string }>()
  for (const part of parts) {
    for (const ds of part.datasets) {
      const key = datasetKeyString({ code: ds.municipality.code, fiscalYear: ds.fiscalYear })
      const prev = out.get(key)
      if (!prev) { out.set(key, { ds: structuredClone(ds), sheet: part.sheet }); continue }
      for (const [grant, result] of Object.entries(ds.grants) as [keyof YearDataset['grants'], YearDataset['grants'][keyof YearDataset['grants']]][]) {
        if (!result) continue
        if (prev.ds.grants[grant]) {
          issues.push({ severity: 'error', file, row: null, column: null,
            message: `シート「${prev.sheet}」と「${part.sheet}」に同じ市町村・年度・交付金の得点があります（${ds.municipality.name} ${ds.fiscalYear}年度）` })
          continue
        }
        prev.ds.grants[grant] = structuredClone(result)
      }
      prev.ds.insuredCount ??= ds.insuredCount
      prev.ds.sizeTier ??= ds.sizeTier
    }
  }
  return [...out.values()].map((x) => x.ds)
}

/**
 * Parses every sheet that is in the long format or MHLW's layout and joins the results. If any
 * issue is an error the datasets are empty (nothing is half-imported), as in the other readers.
 */
export function parseXlsxWorkbook(sheets: readonly SheetGrid[], file: string, options: XlsxParseOptions = {}): ParsedImport {
  const probes = sheets.map((s) => ({ sheet: s, probe: probeSheetLayout(s.grid) }))
  const usable = probes.filter((p) => p.probe.layout !== null)
  if (usable.length === 0) {
    // the closest layout over all sheets says what is missing
    let best: { layout: XlsxLayout; missing: string[]; found: number } = { layout: 'mhlw', missing: ['保険者番号', '市町村名', MHLW_SCORE_HEADERS], found: -1 }
    for (const { probe } of probes) {
      for (const layout of ['mhlw', 'long'] as const) {
        if (probe.found[layout] > best.found) best = { layout, missing: probe.missing[layout], found: probe.found[layout] }
      }
    }
    const message = sheets.every((s) => s.grid.every((r) => r.every((c) => cellText(c) === '')))
      ? 'ブックが空です（データのあるシートがありません）'
      : `必要な列が見つかりません: ${best.missing.join('、')}（縦長形式では 保険者コード・保険者名・評価年度・交付金・目標・指標群・得点、`
        + '厚生労働省の全国集計結果では 保険者番号・市町村名 と 交付金・目標・指標群 の見出しが必要です）'
    return { format: FORMAT_OF[best.layout], file, datasets: [], rowCount: 0,
      issues: [{ severity: 'error', file, row: null, column: null, message }] }
  }

  const many = usable.length > 1
  const results = usable.map(({ sheet, probe }) => {
    const where = many ? `${file}（シート「${sheet.name}」）` : file
    const parsed = probe.layout === 'long'
      ? parseLongTable(sheet.grid, where, { format: 'xlsx-long' })
      : parseMhlwSheet({ name: sheet.name, grid: sheet.grid, merges: sheet.merges ?? [] }, where,
        { fiscalYear: options.fiscalYear, lookup: options.lookup ?? (() => null) })
    return { sheet: sheet.name, parsed }
  })
  const first = results[0]!.parsed
  if (!many) return { ...first, file }

  const issues: ImportIssue[] = results.flatMap((r) => r.parsed.issues)
  // one national population per workbook: the first sheet that defines one
  const population = results.map((r) => r.parsed.population ?? null).find((p) => p !== null) ?? null
  const notes = results.flatMap((r) => r.parsed.notes ?? [])
  const datasets = mergeDatasets(results.map((r) => ({ sheet: r.sheet, datasets: r.parsed.datasets })), file, issues)
  const failed = issues.some((i) => i.severity === 'error')
  return {
    format: first.format, file, issues, population, notes,
    datasets: failed ? [] : datasets,
    rowCount: results.reduce((s, r) => s + r.parsed.rowCount, 0),
  }
}

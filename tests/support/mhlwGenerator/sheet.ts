/**
 * Writes the data sheet: the header block of the layout, the statistics rows (label in the
 * 市町村名 column, not column A), one row per union or municipality, then a trailing 「標準偏差」
 * row right after the data (numeric in every score column, no 通し番号).
 * 保険者番号 and 都道府県番号 are stored as numbers (011321 → 11321, 01 → 1); 保険者番号 carries the
 * `000000` display format. Union rows carry 通し番号, numbers, names and 第1号被保険者数 but no scores.
 */
import type { Cell } from '@/domain/import/types'
import type { Column, Layout } from './layout'
import { statisticValue, type ColumnStatistics } from './statistics'
import { scoreOf, type RowsTruth } from './truth'
import type { GeneratedSheet, MunicipalityTruth, UnionTruth } from './types'

export const DATA_SHEET_NAME = '全国集計（市町村）'

/** the undocumented columns hold small numbers (0–2), as answer codes would */
function extraValue(code: string, n: number): number {
  return (Number(code) * 31 + n * 17) % 7 < 3 ? 1 : (n % 5 === 0 ? 2 : 0)
}

function municipalityCell(m: MunicipalityTruth, c: Column): Cell {
  switch (c.kind) {
    case 'id':
      switch (c.key) {
        case 'serial': return m.serial
        case 'prefectureNumber': return Number(m.prefectureNumber)
        case 'insurerNumber': return m.insurerNumber === null ? null : Number(m.insurerNumber)
        case 'prefecture': return m.prefecture
        case 'name': return m.name
        case 'population': return m.population
        case 'insured': return m.insured
        case 'tier': return m.tier
        case 'kaso': return m.kaso ? '○' : null
        case 'previousTotal': return m.previousTotal
        case 'previousRank': return m.previousRank
      }
      return null
    case 'rank': return m.rank
    case 'amount': return m.amounts?.thousandYen[c.key] ?? null
    case 'extra': return extraValue(m.code, c.n)
    default: return scoreOf(m, c) ?? null
  }
}

function unionCell(u: UnionTruth, c: Column): Cell {
  if (c.kind !== 'id') return null
  switch (c.key) {
    case 'serial': return u.serial
    case 'prefectureNumber': return Number(u.prefectureNumber)
    case 'insurerNumber': return Number(u.insurerNumber)
    case 'prefecture': return u.prefecture
    case 'name': return u.name
    case 'insured': return u.insured
    default: return null
  }
}

function statisticsRow(layout: Layout, label: Parameters<typeof statisticValue>[1], stats: Record<string, ColumnStatistics>): Cell[] {
  return layout.columns.map((c, i) => {
    if (i === layout.nameColumn) return label
    if (c.kind === 'leaf' || c.kind === 'group' || c.kind === 'goal' || c.kind === 'grant' || c.kind === 'total') {
      const s = stats[c.id]
      return s ? statisticValue(s, label) : null
    }
    return null
  })
}

export function writeDataSheet(layout: Layout, truth: RowsTruth, stats: Record<string, ColumnStatistics>): GeneratedSheet {
  const rows: Cell[][] = layout.header.map((r) => Array.from({ length: layout.columns.length }, (_, i) => r[i] ?? null))
  layout.statistics.forEach((label, k) => { rows[layout.statisticsStart + k] = statisticsRow(layout, label, stats) })
  const byRow = new Map<number, Cell[]>()
  for (const m of truth.municipalities) byRow.set(m.row, layout.columns.map((c) => municipalityCell(m, c)))
  for (const u of truth.unions) byRow.set(u.row, layout.columns.map((c) => unionCell(u, c)))
  const count = truth.municipalities.length + truth.unions.length
  for (let i = 0; i < count; i++) rows[layout.headerRows + i] = byRow.get(layout.headerRows + 1 + i)!
  rows.push(statisticsRow(layout, '標準偏差', stats))
  for (let i = 0; i < rows.length; i++) rows[i] ??= Array.from({ length: layout.columns.length }, () => null)
  const insurer = layout.columns.findIndex((c) => c.kind === 'id' && c.key === 'insurerNumber')
  return { name: DATA_SHEET_NAME, rows, merges: layout.merges, numberFormats: new Map([[insurer, '000000']]) }
}

/** A second sheet the importer must ignore: means of the grant totals by prefecture. */
export function writePrefectureSheet(municipalities: readonly MunicipalityTruth[]): GeneratedSheet {
  const rows: Cell[][] = [['都道府県別平均点'], ['都道府県名', '市町村数', '推進合計', '支援合計', '推進・支援合計']]
  const byPref = new Map<string, MunicipalityTruth[]>()
  for (const m of municipalities) byPref.set(m.prefecture, [...(byPref.get(m.prefecture) ?? []), m])
  for (const [pref, ms] of byPref) {
    const mean = (f: (m: MunicipalityTruth) => number) => ms.reduce((a, m) => a + f(m), 0) / ms.length
    rows.push([pref, ms.length, mean((m) => m.suishin), mean((m) => m.doryoku), mean((m) => m.total)])
  }
  return { name: '都道府県別平均', rows, merges: [], numberFormats: new Map() }
}

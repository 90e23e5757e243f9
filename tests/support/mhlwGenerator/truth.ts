/** The ground truth of one generated year: municipalities, unions and statistics, keyed by stable ids. */
import { allocate, type AmountsTruth } from './amounts'
import { itemsOf, type FiscalYear, type GrantDef } from './items'
import { tierOf, type Municipality, type Roster } from './municipalities'
import { createRandom } from './random'
import type { PreviousYear, YearScores } from './scores'
import { columnStatistics, type ColumnStatistics } from './statistics'
import type { Column } from './layout'
import type { ItemTruth, MunicipalityTruth, UnionTruth } from './types'

/** 第1号被保険者数 grows a little every year; 人口 shrinks */
export const insuredIn = (m: Municipality, year: FiscalYear): number => Math.round(m.insuredBase * (1 + 0.006 * (year - 2024)))
const populationIn = (m: Municipality, year: FiscalYear): number => Math.round(m.populationBase * (1 - 0.004 * (year - 2024)))

export interface RowsTruth { municipalities: MunicipalityTruth[]; unions: UnionTruth[] }

export function rowsTruth(roster: Roster, year: FiscalYear, firstDataRow: number, scored: YearScores, previous: PreviousYear, seed: number | string): RowsTruth {
  const amounts: Map<string, AmountsTruth> | null = year === 2024
    ? allocate(roster.municipalities.map((m) => ({ code: m.code, insured: insuredIn(m, year), ...pick(scored, m.code) })), createRandom(seed, 'amounts'))
    : null
  const municipalities: MunicipalityTruth[] = []
  const unions: UnionTruth[] = []
  roster.rows.forEach((r, i) => {
    const row = firstDataRow + i
    const serial = i + 1
    if (r.type === 'union') {
      const u = r.union
      const insured = roster.municipalities.filter((m) => u.members.includes(m.code)).reduce((a, m) => a + insuredIn(m, year), 0)
      unions.push({ row, serial, prefectureNumber: u.prefectureCode, prefecture: u.prefecture, name: u.name, insurerNumber: u.insurerNumber, insured, members: u.members })
      return
    }
    const m = r.municipality
    const s = scored.scores.get(m.code)!
    const insured = insuredIn(m, year)
    municipalities.push({
      row, serial, prefectureNumber: m.prefectureCode, prefecture: m.prefecture, name: m.name, code: m.code, code5: m.code.slice(0, 5),
      insurerNumber: m.insurerNumber, union: m.union, insured, population: year >= 2026 ? populationIn(m, year) : null,
      tier: year >= 2025 ? tierOf(insured) : null, kaso: m.kaso,
      items: s.items, branches: s.branches, groups: s.groups, goals: s.goals, suishin: s.suishin, doryoku: s.doryoku, total: s.total,
      rank: scored.ranks.get(m.code)!, previousTotal: previous.totals.get(m.code)!, previousRank: previous.ranks.get(m.code)!,
      amounts: amounts?.get(m.code) ?? null,
    })
  })
  return { municipalities, unions }
}

function pick(scored: YearScores, code: string): { suishin: number; doryoku: number } {
  const s = scored.scores.get(code)!
  return { suishin: s.suishin, doryoku: s.doryoku }
}

/** The value a municipality holds in a score column (leaf, subtotal, total), or undefined for other columns. */
export function scoreOf(m: MunicipalityTruth, column: Column): number | undefined {
  switch (column.kind) {
    case 'leaf': return m.branches[column.id] ?? m.items[column.id]
    case 'group': return m.groups[column.id]
    case 'goal': return m.goals[column.id]
    case 'grant': return column.id === 'suishin' ? m.suishin : m.doryoku
    case 'total': return m.total
    default: return undefined
  }
}

export function statisticsOf(columns: readonly Column[], municipalities: readonly MunicipalityTruth[]): Record<string, ColumnStatistics> {
  const out: Record<string, ColumnStatistics> = {}
  for (const c of columns) {
    if (c.kind !== 'leaf' && c.kind !== 'group' && c.kind !== 'goal' && c.kind !== 'grant' && c.kind !== 'total') continue
    out[c.id] = columnStatistics(municipalities.map((m) => scoreOf(m, c) ?? 0), c.max, c.kind !== 'leaf')
  }
  return out
}

export function itemTruths(grants: readonly GrantDef[]): ItemTruth[] {
  return itemsOf(grants).map((i) => ({
    id: i.id, grant: i.grant, goal: i.goal, group: i.groupId, kind: i.kind, number: i.number, name: i.name, points: i.points, rule: i.rule,
    columns: i.leaves.map((l) => l.id),
  }))
}

export function itemStatisticsOf(items: readonly ItemTruth[], municipalities: readonly MunicipalityTruth[]): Record<string, ColumnStatistics> {
  return Object.fromEntries(items.map((i) => [i.id, columnStatistics(municipalities.map((m) => m.items[i.id] ?? 0), i.points, false)]))
}

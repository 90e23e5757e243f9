/**
 * The population a workbook defines: its municipalities (union rows excluded, members included)
 * and the national statistics it published per item and per line. The published 今年度順位 is
 * laid onto each dataset's 推進・支援合計 with the population's size as denominator.
 */
import { lineKey } from '../../peers'
import { populationId, type ItemStat, type LineStat, type Population } from '../../population'
import type { YearDataset } from '../../types'
import type { LabelledColumn } from './columnRoles'
import type { SplitItem, StatValues } from './buildDatasets'
import type { MunicipalityRow } from './readMunicipalities'

function statAt(stats: StatValues, kind: Parameters<StatValues['get']>[0], i: number): number | null {
  return stats.get(kind)?.[i] ?? null
}

/** 該当率 as a share 0–1, whether the sheet prints 0.785 or 78.5. */
function shareScale(columns: readonly LabelledColumn[], stats: StatValues): number {
  const shares = columns.map((_, i) => statAt(stats, 'share', i)).filter((x): x is number => x !== null)
  return shares.some((x) => x > 1) ? 0.01 : 1
}

export function itemStats(columns: readonly LabelledColumn[], stats: StatValues): ItemStat[] {
  const scale = shareScale(columns, stats)
  const seen = new Set<string>()
  const out: ItemStat[] = []
  columns.forEach((col, i) => {
    const r = col.role
    if (r.kind !== 'item' || seen.has(r.itemId)) return
    seen.add(r.itemId)
    const share = statAt(stats, 'share', i)
    out.push({
      id: r.itemId, grant: r.grant, goal: r.goal, group: r.group, no: r.no, name: r.name, branch: r.branch,
      max: statAt(stats, 'max', i), mean: statAt(stats, 'mean', i), share: share === null ? null : share * scale, count: statAt(stats, 'count', i),
    })
  })
  return out
}

/** Split items have no column of their own: their statistics are computed from the municipalities' scores. */
export function splitItemStats(splits: readonly SplitItem[], columns: readonly LabelledColumn[], datasets: readonly YearDataset[]): ItemStat[] {
  return splits.flatMap((split) => {
    const first = columns[split.parts[0]?.[0] ?? -1]?.role
    if (!first || first.kind !== 'item') return []
    const scores = datasets.map((d) => d.items?.[split.id] ?? null).filter((x): x is number => x !== null)
    const count = scores.filter((x) => x > 0).length
    return [{
      id: split.id, grant: first.grant, goal: first.goal, group: first.group, no: first.no, name: first.name, branch: null,
      max: split.max, mean: scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
      share: scores.length ? count / scores.length : null, count,
    }]
  })
}

export function lineStats(columns: readonly LabelledColumn[], stats: StatValues): Record<string, LineStat> {
  const out: Record<string, LineStat> = {}
  columns.forEach((col, i) => {
    const r = col.role
    const key = r.kind === 'combined' ? 'combined' : r.kind === 'total' ? lineKey(r.line.grant, r.line.goal, r.line.group) : null
    if (key !== null && !(key in out)) out[key] = { max: statAt(stats, 'max', i), mean: statAt(stats, 'mean', i) }
  })
  return out
}

/** The published national rank of 推進・支援合計 onto each dataset (denominator: the population). */
export function applyPublishedRanks(datasets: readonly YearDataset[], rows: readonly MunicipalityRow[], rankCol: number): void {
  if (rankCol < 0) return
  const of = datasets.length
  datasets.forEach((ds, i) => {
    const rank = rows[i]?.values[rankCol] ?? null
    if (ds.combined && rank !== null && Number.isInteger(rank) && rank >= 1) ds.combined.natRank = { rank, of }
  })
}

export interface PopulationInput {
  year: number
  label: string
  file: string
  columns: readonly LabelledColumn[]
  stats: StatValues
  datasets: readonly YearDataset[]
  structure: Population['structure']
  ignoredColumns: number
  splits: readonly SplitItem[]
}

export function buildPopulation(p: PopulationInput): Population {
  return {
    id: populationId(p.year), fiscalYear: p.year, label: p.label, file: p.file, importedAt: null,
    members: p.datasets.map((d) => d.municipality.code),
    items: [...itemStats(p.columns, p.stats), ...splitItemStats(p.splits, p.columns, p.datasets)], lines: lineStats(p.columns, p.stats),
    structure: p.structure, ignoredColumns: p.ignoredColumns,
  }
}

/**
 * A population: the municipalities that one national workbook lists for one fiscal year (1,741
 * in a real one), with the statistics it published. Ranks, averages and the allocation pool of a
 * year are computed over its population, never over "whatever is loaded": the embedded example
 * and single-municipality imports never join one.
 */
import type { FiscalYear, GoalId, GrantId, GroupKind, YearDataset } from './types'

/** National statistics of one item (or branch) column, as published in the statistics rows. */
export interface ItemStat {
  /** stable item id: "doryoku.II.activity.1", "IV.outcome.2.ア" (goal IV is one set for both grants) */
  id: string
  /** the grant block the column was read from (goal IV: the first block) */
  grant: GrantId
  goal: GoalId
  group: GroupKind
  /** 指標番号 as printed (or n1, n2 … where the header has none) */
  no: string
  name: string | null
  branch: string | null
  /** 配点 */
  max: number | null
  /** 平均点 */
  mean: number | null
  /** 該当率 (0–1 or percent as published; see shareScale) */
  share: number | null
  /** 該当市町村数 */
  count: number | null
}

export interface LineStat {
  max: number | null
  mean: number | null
}

export interface Population {
  id: string
  fiscalYear: FiscalYear
  /** what it was read from, for 出典 */
  label: string
  file: string
  /** ISO time of the import, passed in */
  importedAt: string | null
  /** municipality codes, in the file's order */
  members: string[]
  items: ItemStat[]
  /** per line key ("suishin", "suishin/I", "suishin/I/structure", "combined"): 配点 and 平均点 */
  lines: Record<string, LineStat>
  /** 'header': the year is not in the catalogue, its structure was read from the header and 配点 row */
  structure: 'catalogue' | 'header'
  /** columns the reader did not know and left out */
  ignoredColumns: number
}

export function populationId(fiscalYear: FiscalYear): string {
  return `national-${fiscalYear}`
}

/** The datasets of a population, in its order; members without a stored dataset are left out. */
export function populationDatasets(pop: Pick<Population, 'members' | 'fiscalYear'>, byKey: ReadonlyMap<string, YearDataset>): YearDataset[] {
  const out: YearDataset[] = []
  for (const code of pop.members) {
    const ds = byKey.get(`${code}:${pop.fiscalYear}`)
    if (ds) out.push(ds)
  }
  return out
}

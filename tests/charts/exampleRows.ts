/** Gap rows of the embedded example (登米市 令和7年度), and a tiny way to blank figures out. */
import { datasetGapRows, grantGapRows, type GapRow, type GrantId, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

export function fy2025(): YearDataset {
  const ds = exampleDatasets().find((d) => d.fiscalYear === 2025)
  if (!ds) throw new Error('example FY2025 missing')
  return ds
}

export const grantRows = (grant: GrantId): GapRow[] => grantGapRows(fy2025(), grant)
export const allRows = (): GapRow[] => datasetGapRows(fy2025())

export function rowOf(rows: readonly GapRow[], key: string): GapRow {
  const r = rows.find((x) => x.key === key)
  if (!r) throw new Error(`no row ${key}`)
  return r
}

/** Replace one row's fields, e.g. to make an average missing. */
export function patchRow(rows: readonly GapRow[], key: string, patch: Partial<GapRow>): GapRow[] {
  return rows.map((r) => (r.key === key ? { ...r, ...patch } : r))
}

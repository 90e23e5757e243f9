/** Tiny fixture factories over the real example data. */
import type { YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'

export function exampleYear(fy: number): YearDataset {
  const ds = exampleDatasets().find((d) => d.fiscalYear === fy)
  if (!ds) throw new Error(`example has no FY${fy}`)
  return ds
}

/** A deep copy of the example's FY2025 with one change applied. */
export function editedExample(edit: (ds: YearDataset) => void, fy = 2025): YearDataset {
  const ds = structuredClone(exampleYear(fy))
  edit(ds)
  return ds
}

/** Whether a sheet looks like MHLW's national result workbook: for telling layouts apart by header text. */
import type { Grid } from '../types'
import { bareKey, fullKey, goalNamed, grantNamed, idColumnOf, idLabel, totalNamed, type IdColumn } from './headerWords'

const SCAN_ROWS = 60
const REQUIRED: readonly IdColumn[] = ['insurerNo', 'name']

export function probeMhlwLayout(grid: Grid): { found: IdColumn[]; missing: string[]; scoreHeaders: number } {
  const found = new Set<IdColumn>()
  let scoreHeaders = 0
  for (let r = 0; r < Math.min(grid.length, SCAN_ROWS); r++) {
    for (const cell of grid[r] ?? []) {
      const bare = bareKey(cell)
      if (bare === '') continue
      const id = idColumnOf(bare)
      if (id) found.add(id)
      else if (grantNamed(bare) || goalNamed(fullKey(cell)) || totalNamed(fullKey(cell))) scoreHeaders++
    }
  }
  return { found: [...found], missing: REQUIRED.filter((id) => !found.has(id)).map(idLabel), scoreHeaders }
}

/**
 * Stage 1: where the header block is. Found by content, never by position: the block starts at
 * the row of the identification labels (通し番号, 保険者番号, 市町村名 … merged down over the header
 * rows) and ends at the first statistics row (配点 …, labelled in an ID column) or data row
 * (a numeric 通し番号). 18 rows in 令和8年度, 14 in 令和6・7年度; neither number is assumed.
 */
import { cellText } from '../longFormat'
import type { Cell, Grid } from '../types'
import { bareKey, columnLetter, displayText, goalNamed, grantNamed, idColumnOf, statKindOf, totalNamed, type IdColumn } from './headerWords'

export interface HeaderBlock {
  /** first header row, 0-based */
  top: number
  /** first row after the header: statistics or data */
  end: number
  ids: Partial<Record<IdColumn, number>>
  /** 「保険者番号（C列）」 for messages */
  idPlaces: Partial<Record<IdColumn, string>>
  /** the text above the table: 「（掲載用）令和8年度評価結果（市町村分）」 */
  title: string | null
}

/** Rows searched for the identification labels. */
const SCAN_ROWS = 60

function isHeaderWord(cell: Cell | undefined): boolean {
  const k = bareKey(cell)
  return k !== '' && (idColumnOf(k) !== null || grantNamed(k) !== null || goalNamed(k) !== null || totalNamed(k) !== null)
}

/** The first cell labelled 保険者番号 or 市町村名. */
function findAnchor(grid: Grid): number | null {
  for (let r = 0; r < Math.min(grid.length, SCAN_ROWS); r++) {
    for (const cell of grid[r] ?? []) {
      const id = idColumnOf(bareKey(cell))
      if (id === 'insurerNo' || id === 'name') return r
    }
  }
  return null
}

/** A statistics label (配点, 平均点 …) in one of the given columns. */
export function statLabelIn(row: readonly Cell[] | undefined, cols: readonly number[]): ReturnType<typeof statKindOf> {
  if (!row) return null
  for (const c of cols) {
    const s = statKindOf(bareKey(row[c]))
    if (s) return s
  }
  return null
}

/** Columns where a statistics label may stand: the ID columns and every column left of the last one. */
export function statLabelColumns(ids: Partial<Record<IdColumn, number>>): number[] {
  const cols = Object.values(ids)
  const last = Math.max(0, ...cols)
  return Array.from({ length: last + 2 }, (_, i) => i)
}

function isNumeric(cell: Cell | undefined): boolean {
  return typeof cell === 'number' || /^\d+$/.test(cellText(cell))
}

/** The header block, or null when no identification label is found. */
export function locateHeader(grid: Grid): HeaderBlock | null {
  const anchor = findAnchor(grid)
  if (anchor === null) return null
  let top = anchor
  while (top > 0 && (grid[top - 1] ?? []).some(isHeaderWord)) top--

  const ids: Partial<Record<IdColumn, number>> = {}
  const idPlaces: Partial<Record<IdColumn, string>> = {}
  let end = top
  for (; end < Math.min(grid.length, top + SCAN_ROWS); end++) {
    const row = grid[end] ?? []
    if (end > anchor) {
      if (statLabelIn(row, statLabelColumns(ids))) break
      if (ids.serial !== undefined && isNumeric(row[ids.serial]) && cellText(row[ids.name ?? ids.serial]) !== '') break
    }
    row.forEach((cell, c) => {
      const id = idColumnOf(bareKey(cell))
      if (id && ids[id] === undefined && !Object.values(ids).includes(c)) {
        ids[id] = c
        idPlaces[id] = `${displayText(cell)}（${columnLetter(c)}列）`
      }
    })
  }
  let title: string | null = null
  for (let r = 0; r < top && title === null; r++) {
    const cell = (grid[r] ?? []).find((c) => cellText(c) !== '')
    if (cell !== undefined) title = displayText(cell)
  }
  return { top, end, ids, idPlaces, title }
}

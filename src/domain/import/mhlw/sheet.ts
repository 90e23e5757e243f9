/**
 * A worksheet as the MHLW reader takes it: the cells (row 0 = spreadsheet row 1) and the merged
 * ranges. Excel keeps a merged cell's value in its top-left cell only, so header labels can be
 * filled across their merge range, and never beyond it.
 */
import type { Grid } from '../types'

/** A merged range, 0-based and inclusive: rows r0..r1, columns c0..c1. */
export interface MergeRange { r0: number; c0: number; r1: number; c1: number }

export interface MhlwSheet {
  name: string
  grid: Grid
  merges: readonly MergeRange[]
}

/** 0-based column of letters: A → 0, Z → 25, AA → 26. */
function columnIndex(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}

/** "D3:K3" → { r0: 2, c0: 3, r1: 2, c1: 10 }; a single cell "B2" is a 1×1 range; null when unreadable. */
export function parseRange(ref: string): MergeRange | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref.trim().toUpperCase())
  if (!m) return null
  const c0 = columnIndex(m[1]!), r0 = Number(m[2]) - 1
  const c1 = m[3] ? columnIndex(m[3]) : c0, r1 = m[4] ? Number(m[4]) - 1 : r0
  return { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) }
}

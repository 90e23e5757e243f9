/**
 * Stage 2: what every column is, from the header texts above it. Merged labels are filled only
 * within their own merge range (a blind fill to the right would carry 「Ⅳ合計」 into 推進合計,
 * and 「支援合計」 into 推進・支援合計). The most specific label wins: a subtotal label
 * (「Ⅰ（ⅰ）計」) names its goal and group itself; an item column sits under a grant (row 2),
 * a goal (row 3) and a group (row 4) and has a number (row 5), a name (row 6) and maybe branches.
 */
import type { GoalId, GrantId, GroupKind } from '../../types'
import { cellText } from '../longFormat'
import type { Cell, Grid } from '../types'
import {
  amountNamed, bareKey, branchMark, columnLetter, displayText, fullKey, goalNamed, grantNamed, groupNamed,
  isCombinedRank, itemNumber, totalNamed, type IdColumn,
} from './headerWords'
import type { HeaderBlock } from './locateHeader'
import type { MergeRange } from './sheet'

/** A scored line: a grant total (goal null), a goal total (group null) or a group total. */
export interface LineRef { grant: GrantId; goal: GoalId | null; group: GroupKind | null }

export type ColumnRole =
  | { kind: 'id'; id: IdColumn }
  /** branch: the 枝番 path joined by '.', e.g. "ア" or "ア.①"; null for an item's own column */
  | { kind: 'item'; grant: GrantId; goal: GoalId; group: GroupKind; itemId: string; no: string; name: string | null; branch: string | null }
  | { kind: 'total'; line: LineRef }
  | { kind: 'combined' }
  | { kind: 'combinedRank' }
  | { kind: 'amount'; grant: GrantId | 'total'; stage: 'draft' | 'final' }
  | { kind: 'unknown'; inGrantBlock: boolean }

export interface LabelledColumn {
  index: number
  /** the header texts top to bottom with the column letter: 「保険者機能強化推進交付金 / 目標Ⅰ… / Ⅰ（ⅰ）計（AB列）」 */
  label: string
  role: ColumnRole
  /** the topmost header cell that made the column unreadable, for messages: row and text */
  cell: { row: number; text: string } | null
}

/** The header rows with every merged label filled across its own range (and no further). */
export function fillMerges(grid: Grid, block: Pick<HeaderBlock, 'top' | 'end'>, merges: readonly MergeRange[]): Cell[][] {
  const rows = Array.from({ length: block.end - block.top }, (_, i) => (grid[block.top + i] ?? []).slice())
  for (const m of merges) {
    if (m.r0 < block.top || m.r0 >= block.end) continue
    const value = grid[m.r0]?.[m.c0] ?? null
    if (value === null || cellText(value) === '') continue
    for (let r = m.r0; r <= Math.min(m.r1, block.end - 1); r++) {
      const row = rows[r - block.top]!
      for (let c = m.c0; c <= m.c1; c++) if (row[c] === null || row[c] === undefined) row[c] = value
    }
  }
  return rows
}

interface PathReading {
  grant: GrantId | null
  goal: GoalId | null
  group: GroupKind | null
  total: ReturnType<typeof totalNamed>
  rank: boolean
  no: string | null
  name: string | null
  branches: string[]
  texts: string[]
  /** the first text that fits no level (row, text) */
  odd: { row: number; text: string } | null
}

function readPath(path: readonly { row: number; cell: Cell }[]): PathReading {
  const p: PathReading = { grant: null, goal: null, group: null, total: null, rank: false, no: null, name: null, branches: [], texts: [], odd: null }
  for (const { row, cell } of path) {
    const full = fullKey(cell), bare = bareKey(cell)
    p.texts.push(displayText(cell))
    const total = totalNamed(full)
    if (total) { p.total = total; continue }
    if (isCombinedRank(bare)) { p.rank = true; continue }
    const grant = grantNamed(bare)
    if (grant) { p.grant = grant; continue }
    const goal = goalNamed(full)
    const group = groupNamed(full)
    if (goal) p.goal = goal
    if (group) p.group = group
    if (goal || group) continue
    const branch = branchMark(cell)
    if (branch) { p.branches.push(branch); continue }
    const no = itemNumber(cell)
    if (no !== null && p.no === null) { p.no = no; continue }
    if (p.goal !== null && p.name === null) { p.name = displayText(cell); continue }
    p.odd ??= { row, text: displayText(cell) }
  }
  return p
}

function roleOf(p: PathReading, fullTexts: readonly string[], ordinal: () => string): ColumnRole {
  if (p.total?.kind === 'combined') return { kind: 'combined' }
  if (p.rank && p.goal === null) return { kind: 'combinedRank' }
  if (p.total) {
    if (p.total.kind === 'grant') return { kind: 'total', line: { grant: p.total.grant, goal: null, group: null } }
    if (p.grant === null) return { kind: 'unknown', inGrantBlock: false }
    const group = p.total.kind === 'group' ? p.total.group : null
    return { kind: 'total', line: { grant: p.grant, goal: p.total.goal, group } }
  }
  if (p.goal === null) {
    const amount = amountNamed(fullTexts)
    return amount ? { kind: 'amount', ...amount } : { kind: 'unknown', inGrantBlock: p.grant !== null }
  }
  const group = p.group ?? (p.goal === 'IV' ? 'outcome' : null)
  if (p.grant === null || group === null || (p.no === null && p.name === null)) return { kind: 'unknown', inGrantBlock: p.grant !== null }
  const no = p.no ?? ordinal()
  const branch = p.branches.length ? p.branches.join('.') : null
  const base = p.goal === 'IV' ? `IV.outcome.${no}` : `${p.grant}.${p.goal}.${group}.${no}`
  return { kind: 'item', grant: p.grant, goal: p.goal, group, itemId: branch ? `${base}.${branch}` : base, no, name: p.name, branch }
}

/** Every column of the sheet with its role. */
export function labelColumns(grid: Grid, block: HeaderBlock, merges: readonly MergeRange[]): LabelledColumn[] {
  const rows = fillMerges(grid, block, merges)
  const width = Math.max(0, ...rows.map((r) => r.length), ...grid.slice(block.end, block.end + 50).map((r) => r.length))
  const idAt = new Map<number, IdColumn>(Object.entries(block.ids).map(([id, c]) => [c, id as IdColumn]))
  const unnumbered = new Map<string, number>()
  const out: LabelledColumn[] = []
  for (let c = 0; c < width; c++) {
    const id = idAt.get(c)
    // a label merged down over several rows counts once
    const path = rows.map((r, i) => ({ row: block.top + i, cell: r[c] ?? null }))
      .filter((x, i, all) => cellText(x.cell) !== '' && (i === 0 || all[i - 1]!.cell !== x.cell))
    const texts = path.map((x) => displayText(x.cell)).filter((t, i, a) => a[i - 1] !== t)
    const label = `${texts.length ? texts.join(' / ') : '見出しなし'}（${columnLetter(c)}列）`
    if (id) { out.push({ index: c, label, role: { kind: 'id', id }, cell: null }); continue }
    if (path.length === 0) { out.push({ index: c, label, role: { kind: 'unknown', inGrantBlock: false }, cell: null }); continue }
    const reading = readPath(path)
    const groupKey = `${reading.grant}.${reading.goal}.${reading.group}`
    const ordinal = () => {
      const n = (unnumbered.get(groupKey) ?? 0) + 1
      unnumbered.set(groupKey, n)
      return `n${n}`
    }
    const role = roleOf(reading, path.map((x) => fullKey(x.cell)), ordinal)
    const odd = role.kind === 'unknown' ? reading.odd ?? { row: path[path.length - 1]!.row, text: texts[texts.length - 1] ?? '' } : null
    out.push({ index: c, label, role, cell: odd })
  }
  return out
}

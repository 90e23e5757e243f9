/**
 * The score columns arranged as the grant structure: grant → goal → group → items, each level
 * with its published total column when the sheet has one. Positions are ordinals into the list of
 * read columns. Goal IV stands in both grant blocks with the same values; a block without it
 * borrows the other's.
 */
import { GRANT_NAMES } from '../../catalogue/grantCatalogue'
import type { GoalId, GrantId, GroupKind } from '../../types'
import type { LabelledColumn } from './columnRoles'
import type { IssueSink } from './issueSink'

export interface ItemCols { no: string; own: number | null; branches: number[] }
export interface GroupCols { total: number | null; items: Map<string, ItemCols> }
export interface GoalCols { total: number | null; groups: Map<GroupKind, GroupCols> }
export interface GrantCols { total: number | null; goals: Map<GoalId, GoalCols> }
export type ScoreTree = Map<GrantId, GrantCols>

function grantOf(tree: ScoreTree, grant: GrantId): GrantCols {
  let g = tree.get(grant)
  if (!g) { g = { total: null, goals: new Map() }; tree.set(grant, g) }
  return g
}
function goalOf(g: GrantCols, goal: GoalId): GoalCols {
  let x = g.goals.get(goal)
  if (!x) { x = { total: null, groups: new Map() }; g.goals.set(goal, x) }
  return x
}
function groupOf(g: GoalCols, kind: GroupKind): GroupCols {
  let x = g.groups.get(kind)
  if (!x) { x = { total: null, items: new Map() }; g.groups.set(kind, x) }
  return x
}

/** A second column for the same total: the first is read, the second named in a warning. */
function setTotal(holder: { total: number | null }, i: number, columns: readonly LabelledColumn[], issues: IssueSink): void {
  if (holder.total === null) { holder.total = i; return }
  issues.add('warning', null, columns[i]!.label, `${columns[holder.total]!.label}と同じ合計の列です。最初の列を読み込みます`)
}

export function buildScoreTree(columns: readonly LabelledColumn[], issues: IssueSink): ScoreTree {
  const tree: ScoreTree = new Map()
  columns.forEach((col, i) => {
    const role = col.role
    if (role.kind === 'total') {
      const g = grantOf(tree, role.line.grant)
      if (role.line.goal === null) return setTotal(g, i, columns, issues)
      const goal = goalOf(g, role.line.goal)
      if (role.line.group === null) return setTotal(goal, i, columns, issues)
      return setTotal(groupOf(goal, role.line.group), i, columns, issues)
    }
    if (role.kind !== 'item') return
    const group = groupOf(goalOf(grantOf(tree, role.grant), role.goal), role.group)
    let item = group.items.get(role.no)
    if (!item) { item = { no: role.no, own: null, branches: [] }; group.items.set(role.no, item) }
    if (role.branch === null) item.own ??= i
    else item.branches.push(i)
  })
  shareGoalIV(tree, issues)
  return tree
}

function shareGoalIV(tree: ScoreTree, issues: IssueSink): void {
  for (const [mine, other] of [['doryoku', 'suishin'], ['suishin', 'doryoku']] as const) {
    const a = tree.get(mine), b = tree.get(other)?.goals.get('IV')
    if (a && a.goals.size > 0 && !a.goals.has('IV') && b) {
      a.goals.set('IV', b)
      issues.add('warning', null, null, `${GRANT_NAMES[mine].shortName}の目標IVの列がないため、${GRANT_NAMES[other].shortName}の目標IV（両交付金に共通の成果指標）を用います`)
    }
  }
}

/**
 * Items split into branch columns (枝番 ア, イ … and again ①–④), with no column of their own.
 * Their score follows a rule the file does not print:
 * - goal IV's ア/イ are alternatives: the better one scores;
 * - an item whose branch maxima add up to more than its 配点 is capped at its 配点;
 * - otherwise the branches add up (a branch split again is the sum of its sub-branches).
 * The 配点 of a split item comes from the catalogue, or, in a year the catalogue does not hold,
 * from the group's 配点 less its other items' (the group total column is always printed).
 */
import { goalDef, grantDef } from '../../catalogue/grantCatalogue'
import type { GoalId, GrantId, GroupKind } from '../../types'
import type { BuildContext } from './buildDatasets'
import { maxOf, stat, sum } from './values'
import type { GroupCols, ItemCols } from './scoreTree'

export interface SplitItem {
  id: string
  /** top-level branches, each as its columns (one, or its sub-branches) */
  parts: number[][]
  partNames: string[]
  rule: 'best' | 'capped' | 'sum'
  /** the item's 配点 */
  max: number | null
}

const splitCache = new WeakMap<BuildContext, SplitItem[]>()

function partsOf(ctx: BuildContext, item: ItemCols): { names: string[]; parts: number[][] } {
  const byName = new Map<string, number[]>()
  for (const b of item.branches) {
    const role = ctx.columns[b]?.role
    const top = role?.kind === 'item' ? (role.branch ?? '').split('.')[0] ?? '' : ''
    byName.set(top, [...(byName.get(top) ?? []), b])
  }
  return { names: [...byName.keys()], parts: [...byName.values()] }
}

/** Maximum of an item that has its own column, or the sum of its branch maxima (never capped: an estimate). */
function plainMax(ctx: BuildContext, item: ItemCols): number | null {
  return item.own !== null ? stat(ctx, 'max', item.own) : sum(item.branches.map((b) => stat(ctx, 'max', b)))
}

function pointsOf(ctx: BuildContext, grant: GrantId, goal: GoalId, kind: GroupKind, group: GroupCols, item: ItemCols): number | null {
  if (!grantDef(grant, ctx.year)?.provisional) {
    const p = goalDef(grant, ctx.year, goal)?.groups.find((x) => x.kind === kind)?.items[Number(item.no) - 1]?.points
    if (p !== undefined) return p
  }
  const groupMax = stat(ctx, 'max', group.total)
  const others = sum([...group.items.values()].filter((x) => x !== item).map((x) => plainMax(ctx, x)))
  return groupMax === null || others === null ? null : groupMax - others
}

function splitItem(ctx: BuildContext, id: string, grant: GrantId, goal: GoalId, kind: GroupKind, group: GroupCols, item: ItemCols): SplitItem {
  const { names, parts } = partsOf(ctx, item)
  const partMax = parts.map((p) => sum(p.map((b) => stat(ctx, 'max', b))))
  if (goal === 'IV') return { id, parts, partNames: names, rule: 'best', max: maxOf(partMax) }
  const points = pointsOf(ctx, grant, goal, kind, group, item)
  const total = sum(partMax)
  const capped = points !== null && total !== null && total > points
  return { id, parts, partNames: names, rule: capped ? 'capped' : 'sum', max: capped ? points : total }
}

export function splitItems(ctx: BuildContext): SplitItem[] {
  const cached = splitCache.get(ctx)
  if (cached) return cached
  const out: SplitItem[] = []
  for (const [grant, g] of ctx.tree) {
    for (const [goal, goalCols] of g.goals) {
      for (const [kind, group] of goalCols.groups) {
        for (const item of group.items.values()) {
          if (item.own !== null || item.branches.length === 0) continue
          const id = goal === 'IV' ? `IV.outcome.${item.no}` : `${grant}.${goal}.${kind}.${item.no}`
          if (!out.some((x) => x.id === id)) out.push(splitItem(ctx, id, grant, goal, kind, group, item))
        }
      }
    }
  }
  splitCache.set(ctx, out)
  return out
}

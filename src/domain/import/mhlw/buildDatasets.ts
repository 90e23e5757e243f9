/**
 * Stage 5: one YearDataset per municipality. Every line takes its published total column; only a
 * level without one is summed from the level below (and a warning says so). Maxima come from the
 * 配点 row of the total columns, else the catalogue, never from summed branch columns (goal IV's
 * ア/イ are alternatives: the better one scores).
 */
import { goalDef, grantDef, GRANT_NAMES, GROUP_LABELS } from '../../catalogue/grantCatalogue'
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type GoalId, type GoalResult, type GrantAmounts, type GrantId, type GrantResult, type GroupKind, type GroupResult, type YearDataset,
} from '../../types'
import type { LabelledColumn } from './columnRoles'
import type { StatKind } from './headerWords'
import type { MunicipalityRow } from './readMunicipalities'
import type { GoalCols, GroupCols, ItemCols, ScoreTree } from './scoreTree'
import { splitItems, type SplitItem } from './splitItems'
import { maxOf, stat, sum } from './values'

export { splitItems, type SplitItem } from './splitItems'

/** The statistics rows' values, per read column. */
export type StatValues = ReadonlyMap<StatKind, readonly (number | null)[]>

interface Built { score: number | null; max: number | null; natAvg: number | null; items: number | null }


export interface BuildContext {
  year: number
  columns: readonly LabelledColumn[]
  stats: StatValues
  tree: ScoreTree
  /** lines summed from below, for one warning */
  derived: Set<string>
}


function published(ctx: BuildContext, m: MunicipalityRow, i: number): Built {
  return { score: m.values[i] ?? null, max: stat(ctx, 'max', i), natAvg: stat(ctx, 'mean', i), items: null }
}

/** An item's line: its own column, or its branches scored by the item's rule (splitItems.ts). */
function itemBuilt(ctx: BuildContext, m: MunicipalityRow, item: ItemCols): Built {
  if (item.own !== null) return { ...published(ctx, m, item.own), items: 1 }
  const split = splitItems(ctx).find((s) => s.parts[0]?.[0] === item.branches[0])
  return { score: split ? splitScore(split, m).score : null, max: split?.max ?? null, natAvg: null, items: 1 }
}

function fromChildren(children: readonly Built[]): Built {
  return { score: sum(children.map((c) => c.score)), max: sum(children.map((c) => c.max)), natAvg: sum(children.map((c) => c.natAvg)), items: sum(children.map((c) => c.items)) }
}

function groupLine(ctx: BuildContext, m: MunicipalityRow, grant: GrantId, goal: GoalId, kind: GroupKind, cols: GroupCols): GroupResult {
  const cat = goalDef(grant, ctx.year, goal)?.groups.find((g) => g.kind === kind) ?? null
  let b: Built
  if (cols.total !== null) b = published(ctx, m, cols.total)
  else {
    b = fromChildren([...cols.items.values()].map((it) => itemBuilt(ctx, m, it)))
    ctx.derived.add(`${GRANT_NAMES[grant].shortName} 目標${goal} ${GROUP_LABELS[kind].mark}`)
  }
  const items = grantDef(grant, ctx.year)?.provisional ? cols.items.size || null : cat?.items.length ?? (cols.items.size || null)
  return { kind, items, max: b.max ?? cat?.max ?? null, score: b.score, prefAvg: null, natAvg: b.natAvg }
}

function goalLine(ctx: BuildContext, m: MunicipalityRow, grant: GrantId, goal: GoalId, cols: GoalCols): GoalResult {
  const groups: GroupResult[] = []
  for (const kind of GROUP_KINDS) {
    let g = cols.groups.get(kind)
    // goal IV has one group: its 「Ⅳ合計」 is the group's total too
    if (goal === 'IV' && kind === 'outcome' && cols.total !== null && (g?.total ?? null) === null) g = { total: cols.total, items: g?.items ?? new Map() }
    if (g) groups.push(groupLine(ctx, m, grant, goal, kind, g))
  }
  let b: Built
  if (cols.total !== null) b = published(ctx, m, cols.total)
  else if (goal === 'IV' && groups.length === 1) b = { ...groups[0]!, items: groups[0]!.items }
  else {
    b = fromChildren(groups.map((g) => ({ score: g.score, max: g.max, natAvg: g.natAvg, items: g.items })))
    ctx.derived.add(`${GRANT_NAMES[grant].shortName} 目標${goal}`)
  }
  const def = goalDef(grant, ctx.year, goal)
  return { goal, groups, items: sum(groups.map((g) => g.items)), max: b.max ?? def?.max ?? null, score: b.score, prefAvg: null, natAvg: b.natAvg }
}

function grantResult(ctx: BuildContext, m: MunicipalityRow, grant: GrantId, amounts: GrantAmounts | null): GrantResult | null {
  const cols = ctx.tree.get(grant)
  if (!cols) return null
  const goals = GOAL_IDS.flatMap((g) => (cols.goals.has(g) ? [goalLine(ctx, m, grant, g, cols.goals.get(g)!)] : []))
  let b: Built
  if (cols.total !== null) b = published(ctx, m, cols.total)
  else {
    b = fromChildren(goals.map((g) => ({ score: g.score, max: g.max, natAvg: g.natAvg, items: g.items })))
    ctx.derived.add(`${GRANT_NAMES[grant].shortName} 合計`)
  }
  const def = grantDef(grant, ctx.year)
  return {
    grant, goals,
    total: { items: sum(goals.map((g) => g.items)) ?? def?.items ?? null, max: b.max ?? def?.max ?? null, score: b.score, prefAvg: null, natAvg: b.natAvg },
    amountYen: amounts?.finalYen ?? null, amounts, prefRank: null, natRank: null,
  }
}

/** 千円 → 円 for the 令和6年度 amounts. */
function amountsOf(ctx: BuildContext, m: MunicipalityRow, grant: GrantId | 'total'): GrantAmounts | null {
  let found = false
  const a: GrantAmounts = { draftYen: null, finalYen: null }
  ctx.columns.forEach((col, i) => {
    if (col.role.kind !== 'amount' || col.role.grant !== grant) return
    found = true
    const v = m.values[i] ?? null
    a[col.role.stage === 'draft' ? 'draftYen' : 'finalYen'] = v === null ? null : Math.round(v * 1000)
  })
  return found ? a : null
}

/** Every item and branch score of the row by item id; goal IV from the first block that has it. */
function itemScores(ctx: BuildContext, m: MunicipalityRow): Record<string, number | null> | null {
  const out: Record<string, number | null> = {}
  let any = false
  ctx.columns.forEach((col, i) => {
    if (col.role.kind !== 'item' || col.role.itemId in out) return
    out[col.role.itemId] = m.values[i] ?? null
    any = true
  })
  for (const split of splitItems(ctx)) {
    if (split.id in out) continue
    const { parts, score } = splitScore(split, m)
    split.parts.forEach((part, k) => { if (part.length > 1) out[`${split.id}.${split.partNames[k]}`] = parts[k] ?? null })
    out[split.id] = score
  }
  return any ? out : null
}

const capAt = (x: number | null, max: number | null): number | null => (x === null || max === null ? x : Math.min(x, max))

/** A split item's top-level branch scores (sub-branches add up) and its score by its rule. */
function splitScore(split: SplitItem, m: MunicipalityRow): { parts: (number | null)[]; score: number | null } {
  const parts = split.parts.map((part) => sum(part.map((b) => m.values[b] ?? null)))
  const score = split.rule === 'best' ? maxOf(parts) : split.rule === 'capped' ? capAt(sum(parts), split.max) : sum(parts)
  return { parts, score }
}

export interface DatasetSourceInfo { label: string; file: string }

export function buildDataset(ctx: BuildContext, m: MunicipalityRow, source: DatasetSourceInfo): YearDataset {
  const grants: YearDataset['grants'] = {}
  for (const grant of GRANT_IDS) {
    const r = grantResult(ctx, m, grant, amountsOf(ctx, m, grant))
    if (r) grants[grant] = r
  }
  const combinedCol = ctx.columns.findIndex((c) => c.role.kind === 'combined')
  const totals = GRANT_IDS.map((g) => grants[g]?.total ?? null)
  const combined = totals.some((t) => t !== null) || combinedCol >= 0 ? {
    score: combinedCol >= 0 ? m.values[combinedCol] ?? null : sum(totals.map((t) => t?.score ?? null)),
    max: stat(ctx, 'max', combinedCol >= 0 ? combinedCol : null) ?? sum(totals.map((t) => t?.max ?? null)),
    natAvg: stat(ctx, 'mean', combinedCol >= 0 ? combinedCol : null) ?? sum(totals.map((t) => t?.natAvg ?? null)),
    prefAvg: null, natRank: null, prefRank: null,
  } : null
  return {
    municipality: { code: m.code, name: m.name, prefecture: m.prefecture },
    fiscalYear: ctx.year, insuredCount: m.insured, sizeTier: m.tier, grants,
    source: { label: source.label, file: source.file, importedAt: null, example: false },
    depopulated: m.depopulated, combined,
    previous: m.previous.total === null && m.previous.rank === null ? null : m.previous,
    items: itemScores(ctx, m),
    union: m.union,
  }
}

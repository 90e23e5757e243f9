/**
 * The allocation model: what a score change is worth in yen, per grant, labelled 推計.
 *
 * A grant's budget is split into frames (FY2025: 基本配分枠 75%, 追加配分枠 20%,
 * 成果指向型配分枠 5%). The base frame is shared by score × 第1号被保険者数:
 * share_i = s_i·n_i / Σ s_j·n_j (nationally, or within the size tier). How the base-frame part
 * moves is computed by one of these methods, and the result says which:
 * - pool: every municipality's score and insured count are loaded; the share is computed exactly
 *   over the pool with the others held fixed. The level is calibrated on the actual amount when it
 *   is known (so the baseline reproduces it), else taken from the national budget.
 * - calibrated-insured: no pool; a unit price amount / (score × insured) is calibrated on the
 *   actual amount, and Σ s·n over the country is taken as unchanged (one municipality's change
 *   moves it by well under 0.1%).
 * - calibrated-score: as above when the insured count is unknown (the embedded example): a unit
 *   price per point, amount / score. With the insured count fixed the two give the same yen.
 * - unavailable: neither a pool nor an actual amount, or a missing score.
 * The other frames are assumptions the user can see and edit (params.otherFrames); by default
 * the municipality's part of each is held fixed at its calibrated part.
 */
import { GRANT_NAMES } from './catalogue/grantCatalogue'
import { formatFiscalYear, formatPoints, formatYen } from './format'
import { applyScenarioDetailed, type AppliedScenario, type Scenario } from './scenario'
import { GRANT_IDS, type FiscalYear, type GrantId, type SizeTier, type YearDataset } from './types'
import {
  allocationParamIssues, FRAME_LABELS, resolveAllocationParams, SCORED_MUNICIPALITY_COUNT, sizeTierForInsured,
  type AllocationParams, type FrameId, type OtherFrameId,
} from './whatif/params'
import { tierFractions, type WhatIfPool } from './whatif/pool'

export const ESTIMATE_LABEL = '推計'

export type AllocationMethod = 'pool' | 'calibrated-insured' | 'calibrated-score' | 'unavailable'

export interface FrameEstimate {
  frame: FrameId
  label: string
  /** the frame's fraction of the grant's budget */
  fraction: number
  /** formula = the base-frame model; calibrated = fixed at the calibrated part; yen/share = the user's figure */
  basis: 'formula' | 'calibrated' | 'yen' | 'share' | 'none'
  baselineYen: number | null
  scenarioYen: number | null
}

export interface UnitPrice {
  yen: number
  /** per point and insured person, or per point when the insured count is unknown */
  per: 'point-insured' | 'point'
}

export interface GrantEstimate {
  grant: GrantId
  label: typeof ESTIMATE_LABEL
  method: AllocationMethod
  baselineScore: number | null
  scenarioScore: number | null
  insured: number | null
  /** the published 交付額 */
  actualYen: number | null
  /** modelled amounts (the baseline equals the actual amount whenever it was calibrated on it) */
  baselineYen: number | null
  scenarioYen: number | null
  changeYen: number | null
  frames: FrameEstimate[]
  unitPrice: UnitPrice | null
  /** yen per additional point of this grant's total, base frame, at the baseline score */
  marginalYenPerPoint: number | null
  /** Japanese sentences, the first saying this is 推計 */
  assumptions: string[]
}

export interface ChangeEstimate {
  label: typeof ESTIMATE_LABEL
  code: string
  fiscalYear: FiscalYear
  grants: Record<GrantId, GrantEstimate>
  /** both grants; null when either is not estimated */
  total: { baselineYen: number | null; scenarioYen: number | null; changeYen: number | null }
  /** both grants' assumptions: the shared sentences, then each grant's own prefixed 【推進交付金】/【努力支援交付金】 */
  assumptions: string[]
  /** Japanese: parameters the model could not use, scenario edits that were not applied */
  issues: string[]
}

export interface GrantInput {
  grant: GrantId
  code: string
  baselineScore: number | null
  scenarioScore: number | null
  insured: number | null
  sizeTier: SizeTier | null
  actualYen: number | null
}

// ---- Japanese assumption texts ----

const pct = (f: number): string => `${formatPoints(f * 100)}％`

export const ASSUMPTION_TEXTS = {
  estimate: '推計：国の配分方法を単純化したモデルによる試算であり、実際の交付額とは異なります。',
  othersFixed: '他の市町村の得点と第1号被保険者数は変わらないものとしています。',
  capAndRedistribution: '実際の交付額は対象経費の実支出額が上限となり、残額は再配分されますが、この推計では考慮していません。',
  sharedGoalIV: '目標IV（成果指標）は両交付金に共通のため、変更を両方の交付金に反映しています。',
  frames: (fy: FiscalYear, p: AllocationParams): string =>
    `予算を基本配分枠${pct(p.frames.base)}・追加配分枠${pct(p.frames.additional)}・成果指向型配分枠${pct(p.frames.outcomeOriented)}に分けて計算しています（${formatFiscalYear(fy)}）。`,
  framesBorrowed: (fy: FiscalYear, from: FiscalYear): string =>
    `${formatFiscalYear(fy)}の配分枠の割合は確認できないため、${formatFiscalYear(from)}の割合を仮定しています。`,
  pool: (members: number): string =>
    `基本配分枠は、読み込んだ${members.toLocaleString('ja-JP')}市町村の「得点×第1号被保険者数」の合計に対する割合で按分しています。`,
  poolPartial: (members: number): string =>
    `全国${SCORED_MUNICIPALITY_COUNT.toLocaleString('ja-JP')}市町村のうち${members.toLocaleString('ja-JP')}市町村分のデータで按分しているため、全国での按分とは異なります。`,
  poolExcluded: (k: number): string => `得点または第1号被保険者数が欠けている${k}市町村は按分から除いています。`,
  perTier: '基本配分枠は規模区分ごとに按分し、各区分の枠の大きさは現状の得点で固定しています（区分の中でのみ金額が動きます）。',
  perTierExplicit: (t: SizeTier, f: number): string => `基本配分枠は規模区分ごとに按分し、区分${t}の枠を基本配分枠の${pct(f)}としています。`,
  perTierAlone: '読み込んだデータではこの規模区分に他の市町村がないため、基本配分枠の金額は得点によって変わりません。',
  perTierUnknown: '規模区分が分からないため、基本配分枠は全国一律で按分しています。',
  perTierIgnored: '全市町村のデータがないため、規模区分ごとの按分は反映していません（単価を実績から逆算しているため、区分の違いは単価に含まれます）。',
  poolLevelFromActual: (yen: number): string =>
    `基本配分枠の金額の水準は実際の交付額から逆算し（現状${formatYen(yen)}）、按分割合の変化だけを全市町村データから計算しています。`,
  poolLevelFromBudget: (grant: GrantId, budget: number, f: number): string =>
    `基本配分枠の原資は${GRANT_NAMES[grant].name}の市町村分予算${formatYen(budget)}の${pct(f)}としています。`,
  calibratedInsured: (unit: number): string =>
    `全市町村のデータがないため、実際の交付額から基本配分枠の単価（得点1点・第1号被保険者1人あたり${unit.toFixed(2)}円）を逆算しています。`,
  calibratedScore: (unit: number): string =>
    `全市町村のデータも第1号被保険者数もないため、実際の交付額から基本配分枠の得点1点あたりの単価（${formatYen(unit)}）を逆算しています。被保険者数は変わらないものとしているので、被保険者数が分かる場合と同じ結果になります。`,
  nationalSumFixed: '全国の「得点×第1号被保険者数」の合計は変わらないものとしています（1市町村の得点の変化による単価の低下はごく小さいため）。',
  baseShareOfActual: (f: number, yen: number): string =>
    `実際の交付額のうち基本配分枠分は${formatYen(yen)}（${pct(f)}）と仮定しています（各配分枠から全体の割合どおりに受け取ったものと仮定）。`,
  baseRemainder: (yen: number): string => `実際の交付額から他の配分枠の入力値を差し引いた${formatYen(yen)}を基本配分枠分としています。`,
  frameCalibrated: (frame: OtherFrameId, yen: number): string =>
    frame === 'additional'
      ? `追加配分枠（アウトカム指標配分枠・保険者機能強化推進枠）の受取額は現状の推計額${formatYen(yen)}のまま変わらないものとしています。該当の可否や配分の基準は公表データから判定できないためです。`
      : `成果指向型配分枠の受取額は現状の推計額${formatYen(yen)}のまま変わらないものとしています。該当の可否は公表データから判定できないためです。`,
  frameYen: (frame: OtherFrameId, y0: number, y1: number): string =>
    `${FRAME_LABELS[frame]}の受取額は、入力された値（現状${formatYen(y0)}、シナリオ${formatYen(y1)}）を使っています。`,
  frameShare: (frame: OtherFrameId, s0: number, s1: number): string =>
    `${FRAME_LABELS[frame]}の受取額は、枠全体に対する入力された割合（現状${pct(s0)}、シナリオ${pct(s1)}）から計算しています。`,
  frameShareNoBudget: (frame: OtherFrameId): string => `${FRAME_LABELS[frame]}の割合指定には全国の予算額が必要ですが、予算額が入力されていないため推計できません。`,
  unavailableScore: '得点が欠けているため、交付額は推計できません。',
  unavailableAmount: '実際の交付額も全市町村のデータ（と予算額）もないため、交付額は推計できません。',
  unavailableZero: '現状の得点が0点のため、実績から単価を逆算できません。',
  unavailableNegative: '他の配分枠の入力値が実際の交付額を上回るため、基本配分枠分を逆算できません。',
  poolYearMismatch: '読み込んだ全市町村データの年度が異なるため、全市町村データは使っていません。',
  poolNoInsured: 'この市町村の第1号被保険者数が不明なため、全市町村データでの按分は使っていません。',
  poolNoOthers: '全市町村データに他の市町村の得点と第1号被保険者数がないため、全市町村データでの按分は使っていません。',
} as const

// ---- the model ----

interface PoolContext {
  /** Σ s·n of the others in the relevant scope (nation or tier) */
  sEx: number
  /** the scope's fraction of the base frame (1 nationally) */
  tau: number
  notes: string[]
}

function poolContext(pool: WhatIfPool | undefined, params: AllocationParams, input: GrantInput, notes: string[]): PoolContext | null {
  if (!pool) return null
  if (pool.fiscalYear !== params.fiscalYear) { notes.push(ASSUMPTION_TEXTS.poolYearMismatch); return null }
  const n = input.insured
  const a = input.baselineScore
  if (n === null || !(n > 0) || a === null) { notes.push(ASSUMPTION_TEXTS.poolNoInsured); return null }
  const g = input.grant
  const i = pool.indexOf.get(input.code)
  const ownW = i === undefined ? NaN : pool.totals[g][i]! * pool.insured[i]!
  const ownCounted = !Number.isNaN(ownW)
  const others = pool.weighted[g] - (ownCounted ? 1 : 0)
  const nationalEx = pool.weightSums[g][0]! - (ownCounted ? ownW : 0)
  if (others < 1 || !(nationalEx > 0)) { notes.push(ASSUMPTION_TEXTS.poolNoOthers); return null }
  const out: string[] = [ASSUMPTION_TEXTS.pool(others + 1)]
  if (others + 1 < SCORED_MUNICIPALITY_COUNT) out.push(ASSUMPTION_TEXTS.poolPartial(others + 1))
  if (pool.excluded[g] > (i !== undefined && !ownCounted ? 1 : 0)) out.push(ASSUMPTION_TEXTS.poolExcluded(pool.excluded[g] - (i !== undefined && !ownCounted ? 1 : 0)))
  if (params.tiering === 'national') return { sEx: nationalEx, tau: 1, notes: out }
  const t = input.sizeTier ?? sizeTierForInsured(n)
  if (t === null) { out.push(ASSUMPTION_TEXTS.perTierUnknown); return { sEx: nationalEx, tau: 1, notes: out } }
  const ownTier = i === undefined ? 0 : pool.tier[i]!
  const tierEx = pool.weightSums[g][t]! - (ownCounted && ownTier === t ? ownW : 0)
  let tau: number
  if (params.tierBudgetShares) {
    tau = tierFractions(pool, g, params.tierBudgetShares)[t]!
    out.push(ASSUMPTION_TEXTS.perTierExplicit(t, tau))
  } else {
    // the tier's frame fixed at its baseline proportion (own municipality at its baseline score)
    const w0 = a * n
    tau = (tierEx + w0) / (nationalEx + w0)
    out.push(ASSUMPTION_TEXTS.perTier)
  }
  // Alone in its tier: the tier's frame is all its own, whatever the score (the model's exact answer).
  if (!(tierEx > 0)) {
    if (!(a * n > 0)) { notes.push(ASSUMPTION_TEXTS.poolNoOthers); return null }
    out.push(ASSUMPTION_TEXTS.perTierAlone)
    return { sEx: 0, tau, notes: out }
  }
  return { sEx: tierEx, tau, notes: out }
}

function unavailable(input: GrantInput, why: string, common: readonly string[]): GrantEstimate {
  return {
    grant: input.grant, label: ESTIMATE_LABEL, method: 'unavailable',
    baselineScore: input.baselineScore, scenarioScore: input.scenarioScore, insured: input.insured, actualYen: input.actualYen,
    baselineYen: null, scenarioYen: null, changeYen: null, frames: [], unitPrice: null, marginalYenPerPoint: null,
    assumptions: [ASSUMPTION_TEXTS.estimate, why, ...common.filter((c) => c !== ASSUMPTION_TEXTS.estimate)],
  }
}

/** The sentences every estimate of a year carries: head (推計, frames) and tail (general caveats). */
function commonAssumptions(params: AllocationParams, extra: readonly string[]): { head: string[]; tail: string[] } {
  const head = [ASSUMPTION_TEXTS.estimate, ASSUMPTION_TEXTS.frames(params.fiscalYear, params)]
  if (params.framesFromYear !== params.fiscalYear) head.push(ASSUMPTION_TEXTS.framesBorrowed(params.fiscalYear, params.framesFromYear))
  return { head, tail: [ASSUMPTION_TEXTS.othersFixed, ASSUMPTION_TEXTS.capAndRedistribution, ...extra] }
}

/**
 * One grant's estimate from its baseline and scenario totals. The lower-level entry point, used
 * by estimateChange and recomputePool; `extra` sentences (e.g. the goal IV note) are appended.
 */
export function estimateGrant(input: GrantInput, params: AllocationParams, pool?: WhatIfPool, extra: readonly string[] = []): GrantEstimate {
  const { head, tail } = commonAssumptions(params, extra)
  const common = [...head, ...tail]
  const { grant, baselineScore: a, scenarioScore: b, insured: n, actualYen: A } = input
  if (a === null || b === null) return unavailable(input, ASSUMPTION_TEXTS.unavailableScore, common)
  const fr = params.frames
  const budget = params.budgetYen[grant]
  const notes: string[] = []
  const ctx = poolContext(pool, params, input, notes)

  // Base-frame share at baseline and in the scenario (pool only): tau·x/(sEx + x), x = s·n.
  let share0: number | null = null
  let share1: number | null = null
  if (ctx && n !== null) {
    const share = (x: number): number => (ctx.sEx + x > 0 ? (ctx.tau * x) / (ctx.sEx + x) : 0)
    share0 = share(a * n)
    share1 = share(b * n)
  }
  const poolLevelFromActual = ctx !== null && A !== null && share0 !== null && share0 > 0
  const poolLevelFromBudget = ctx !== null && !poolLevelFromActual && budget !== null

  // Other frames at baseline and in the scenario.
  const frames: FrameEstimate[] = []
  const frameNotes: string[] = []
  for (const frame of ['additional', 'outcomeOriented'] as const) {
    const f = fr[frame]
    const rule = params.otherFrames[grant][frame]
    if (f === 0) { frames.push({ frame, label: FRAME_LABELS[frame], fraction: 0, basis: 'none', baselineYen: 0, scenarioYen: 0 }); continue }
    if (rule.kind === 'yen') {
      frames.push({ frame, label: FRAME_LABELS[frame], fraction: f, basis: 'yen', baselineYen: rule.baselineYen, scenarioYen: rule.scenarioYen })
      frameNotes.push(ASSUMPTION_TEXTS.frameYen(frame, rule.baselineYen, rule.scenarioYen))
    } else if (rule.kind === 'share') {
      if (budget === null) return unavailable(input, ASSUMPTION_TEXTS.frameShareNoBudget(frame), common)
      frames.push({ frame, label: FRAME_LABELS[frame], fraction: f, basis: 'share',
        baselineYen: budget * f * rule.baselineShare, scenarioYen: budget * f * rule.scenarioShare })
      frameNotes.push(ASSUMPTION_TEXTS.frameShare(frame, rule.baselineShare, rule.scenarioShare))
    } else {
      // calibrated: the frame's fraction of the actual amount, or (no amount) of the budget by the base share
      const p0 = A !== null ? A * f : poolLevelFromBudget && budget !== null && share0 !== null ? budget * f * share0 : null
      if (p0 === null) return unavailable(input, ASSUMPTION_TEXTS.unavailableAmount, [...notes, ...common])
      frames.push({ frame, label: FRAME_LABELS[frame], fraction: f, basis: 'calibrated', baselineYen: p0, scenarioYen: p0 })
      frameNotes.push(ASSUMPTION_TEXTS.frameCalibrated(frame, p0))
    }
  }
  const others0 = frames.reduce((s, x) => s + (x.baselineYen ?? 0), 0)
  const others1 = frames.reduce((s, x) => s + (x.scenarioYen ?? 0), 0)
  const allCalibrated = frames.every((x) => x.basis === 'calibrated' || x.basis === 'none')

  let method: AllocationMethod
  let base0: number
  let base1: number
  let marginal: number
  let unitPrice: UnitPrice | null = null
  const methodNotes: string[] = []
  const calibrationNote = (yen: number): string => allCalibrated ? ASSUMPTION_TEXTS.baseShareOfActual(fr.base, yen) : ASSUMPTION_TEXTS.baseRemainder(yen)

  if (ctx && share0 !== null && share1 !== null && n !== null && (poolLevelFromActual || poolLevelFromBudget)) {
    method = 'pool'
    methodNotes.push(...ctx.notes)
    // d(share)/d(score) = tau·n·sEx / (sEx + s·n)², at the baseline score
    const dShare = (ctx.tau * n * ctx.sEx) / (ctx.sEx + a * n) ** 2
    if (poolLevelFromActual && A !== null) {
      base0 = A - others0
      if (base0 < 0) return unavailable(input, ASSUMPTION_TEXTS.unavailableNegative, common)
      const k = base0 / share0 // yen of the base frame in scope per unit of share
      base1 = k * share1
      marginal = k * dShare
      methodNotes.push(calibrationNote(base0), ASSUMPTION_TEXTS.poolLevelFromActual(A))
    } else {
      const B = (budget ?? 0) * fr.base
      base0 = B * share0
      base1 = B * share1
      marginal = B * dShare
      methodNotes.push(ASSUMPTION_TEXTS.poolLevelFromBudget(grant, budget ?? 0, fr.base))
    }
  } else {
    if (A === null) return unavailable(input, ASSUMPTION_TEXTS.unavailableAmount, [...notes, ...common])
    if (!(a > 0)) return unavailable(input, ASSUMPTION_TEXTS.unavailableZero, [...notes, ...common])
    base0 = A - others0
    if (base0 < 0) return unavailable(input, ASSUMPTION_TEXTS.unavailableNegative, common)
    methodNotes.push(...notes, calibrationNote(base0))
    if (n !== null && n > 0) {
      method = 'calibrated-insured'
      const unit = base0 / (a * n)
      unitPrice = { yen: unit, per: 'point-insured' }
      base1 = unit * b * n
      marginal = unit * n
      methodNotes.push(ASSUMPTION_TEXTS.calibratedInsured(unit))
    } else {
      method = 'calibrated-score'
      const unit = base0 / a
      unitPrice = { yen: unit, per: 'point' }
      base1 = unit * b
      marginal = unit
      methodNotes.push(ASSUMPTION_TEXTS.calibratedScore(unit))
    }
    methodNotes.push(ASSUMPTION_TEXTS.nationalSumFixed)
    if (params.tiering === 'perTier') methodNotes.push(ASSUMPTION_TEXTS.perTierIgnored)
  }

  const baselineYen = base0 + others0
  const scenarioYen = base1 + others1
  // order: 推計, the frame split, the method, the other frames, then the general caveats
  return {
    grant, label: ESTIMATE_LABEL, method, baselineScore: a, scenarioScore: b, insured: n, actualYen: A,
    baselineYen, scenarioYen, changeYen: scenarioYen - baselineYen,
    frames: [{ frame: 'base', label: FRAME_LABELS.base, fraction: fr.base, basis: 'formula', baselineYen: base0, scenarioYen: base1 }, ...frames],
    unitPrice, marginalYenPerPoint: marginal,
    assumptions: [...new Set([...head, ...methodNotes, ...frameNotes, ...tail])],
  }
}

/**
 * Both grants' assumptions in one list: the sentences both share first, then each grant's own,
 * prefixed with the grant (【推進交付金】…) since their figures differ.
 */
function combinedAssumptions(grants: Record<GrantId, GrantEstimate>): string[] {
  const [a, b] = GRANT_IDS.map((g) => grants[g].assumptions) as [string[], string[]]
  const shared = a.filter((x) => b.includes(x))
  const own = GRANT_IDS.flatMap((g) => grants[g].assumptions.filter((x) => !shared.includes(x)).map((x) => `【${GRANT_NAMES[g].shortName}】${x}`))
  return [...shared, ...own]
}

/**
 * The estimate from an applied scenario (see estimateChange). Exported for recomputePool,
 * which applies the scenario once and reuses it.
 */
export function estimateFromApplied(baseline: YearDataset, applied: AppliedScenario, params: AllocationParams, pool?: WhatIfPool): ChangeEstimate {
  const paramIssues = allocationParamIssues(params)
  const extra = applied.sharedChanged ? [ASSUMPTION_TEXTS.sharedGoalIV] : []
  const grants = {} as Record<GrantId, GrantEstimate>
  for (const grant of GRANT_IDS) {
    const input: GrantInput = {
      grant, code: baseline.municipality.code,
      baselineScore: baseline.grants[grant]?.total.score ?? null,
      scenarioScore: applied.dataset.grants[grant]?.total.score ?? null,
      insured: baseline.insuredCount, sizeTier: baseline.sizeTier,
      actualYen: baseline.grants[grant]?.amountYen ?? null,
    }
    grants[grant] = paramIssues.length > 0
      ? unavailable(input, paramIssues[0] ?? '', (({ head, tail }) => [...head, ...tail])(commonAssumptions(params, extra)))
      : estimateGrant(input, params, pool, extra)
  }
  const sum = (f: (e: GrantEstimate) => number | null): number | null => {
    let s = 0
    for (const g of GRANT_IDS) { const v = f(grants[g]); if (v === null) return null; s += v }
    return s
  }
  return {
    label: ESTIMATE_LABEL, code: baseline.municipality.code, fiscalYear: baseline.fiscalYear, grants,
    total: { baselineYen: sum((e) => e.baselineYen), scenarioYen: sum((e) => e.scenarioYen), changeYen: sum((e) => e.changeYen) },
    assumptions: combinedAssumptions(grants),
    issues: [...paramIssues, ...applied.issues.map((i) => i.message)],
  }
}

/** The allocation parameters of a scenario: its year's defaults with its saved assumptions laid over. */
export function scenarioParams(s: Pick<Scenario, 'fiscalYear' | 'assumptions'>): AllocationParams {
  return resolveAllocationParams(s.fiscalYear, s.assumptions)
}

/**
 * What a scenario is worth: per grant and in total, baseline yen, scenario yen, the change,
 * the method used and the assumptions (Japanese, labelled 推計). Pass the pool when every
 * municipality's scores and insured counts are loaded.
 */
export function estimateChange(baseline: YearDataset, scenario: Scenario, params: AllocationParams, pool?: WhatIfPool): ChangeEstimate {
  return estimateFromApplied(baseline, applyScenarioDetailed(baseline, scenario), params, pool)
}

/**
 * Every member's base-frame amount in yen from the national budget (pool method, baseline):
 * budget × base fraction × share. Null when the budget is not known.
 */
export function baseFrameYen(shares: Float64Array, params: AllocationParams, grant: GrantId): Float64Array | null {
  const b = params.budgetYen[grant]
  if (b === null) return null
  const B = b * params.frames.base
  return shares.map((s) => B * s)
}

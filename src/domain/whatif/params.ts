/**
 * Parameters of the allocation model: the budget frames per fiscal year, the national budget
 * where it is known, and the user's assumptions about the frames that the published data cannot
 * settle. Everything here is plain data (JSON- and IndexedDB-safe) and is passed in to the model;
 * nothing is read from a clock or a global.
 */
import type { FiscalYear, GrantId, SizeTier } from '../types'

// ---- Known national figures (source: shared/domain.md, "How the money is allocated") ----

/**
 * FY2024 (令和6年度) amounts granted to municipalities in all, per grant, in yen:
 * 推進 9.5 billion (95億円), 努力 19.0 billion (190億円). Source: domain.md "Known figures".
 */
export const FY2024_MUNICIPAL_TOTAL_YEN: Readonly<Record<GrantId, number>> = { suishin: 9.5e9, doryoku: 19.0e9 }
/** FY2024 both grants together: 28.5 billion yen (285億円). Source: domain.md. */
export const FY2024_MUNICIPAL_TOTAL_BOTH_YEN = 28.5e9
/** FY2024 national mean amount per first-category insured person, yen (both grants). Source: domain.md. */
export const FY2024_MEAN_YEN_PER_INSURED = 795
/** FY2024 national median amount per first-category insured person, yen. Source: domain.md. */
export const FY2024_MEDIAN_YEN_PER_INSURED = 819
/** FY2024 mean yen per insured person by size tier 1–5 (smaller municipalities get more). Source: domain.md. */
export const FY2024_MEAN_YEN_PER_INSURED_BY_TIER: Readonly<Record<SizeTier, number>> = { 1: 1274, 2: 892, 3: 799, 4: 772, 5: 738 }
/** Municipalities (insurers) scored every year. Source: domain.md. */
export const SCORED_MUNICIPALITY_COUNT = 1741

/** Lower bounds of 規模区分 1–5 in first-category insured persons (from FY2025). Source: domain.md. */
export const SIZE_TIER_LOWER_BOUNDS: Readonly<Record<SizeTier, number>> = { 1: 0, 2: 3000, 3: 10000, 4: 50000, 5: 100000 }

/** The size tier an insured count falls in, or null when the count is missing or invalid. */
export function sizeTierForInsured(insured: number | null): SizeTier | null {
  if (insured === null || !Number.isFinite(insured) || insured < 0) return null
  if (insured >= 100000) return 5
  if (insured >= 50000) return 4
  if (insured >= 10000) return 3
  if (insured >= 3000) return 2
  return 1
}

// ---- Frames ----

export const FRAME_IDS = ['base', 'additional', 'outcomeOriented'] as const
/** base = 基本配分枠, additional = 追加配分枠, outcomeOriented = 成果指向型配分枠 */
export type FrameId = (typeof FRAME_IDS)[number]
export type OtherFrameId = Exclude<FrameId, 'base'>

export const FRAME_LABELS: Readonly<Record<FrameId, string>> = {
  base: '基本配分枠',
  additional: '追加配分枠',
  outcomeOriented: '成果指向型配分枠',
}

/** Fractions of a grant's budget per frame; they sum to 1. */
export type FrameFractions = Record<FrameId, number>

/**
 * Frame split by evaluation fiscal year. Source: domain.md: FY2025 75 / 20 / 5 %; FY2024 95 / 5 / 0 %
 * (追加配分枠 created FY2024, 成果指向型配分枠 new in FY2025); before FY2024 one frame only.
 */
export const FRAME_FRACTIONS_BY_YEAR: Readonly<Record<number, Readonly<FrameFractions>>> = {
  2023: { base: 1, additional: 0, outcomeOriented: 0 },
  2024: { base: 0.95, additional: 0.05, outcomeOriented: 0 },
  2025: { base: 0.75, additional: 0.2, outcomeOriented: 0.05 },
}

/**
 * The frame split of a year, and the year it was taken from when the year itself is not known
 * (years after the latest known one borrow the latest; years before FY2024 had one frame).
 */
export function frameFractionsFor(fiscalYear: FiscalYear): { fractions: FrameFractions; fromYear: FiscalYear } {
  const known = Object.keys(FRAME_FRACTIONS_BY_YEAR).map(Number).sort((a, b) => a - b)
  const first = known[0] ?? 2023
  const last = known[known.length - 1] ?? 2025
  const fromYear = fiscalYear < first ? first : fiscalYear > last ? last : fiscalYear
  const f = FRAME_FRACTIONS_BY_YEAR[fromYear] ?? { base: 1, additional: 0, outcomeOriented: 0 }
  return { fractions: { ...f }, fromYear: fiscalYear < first ? fiscalYear : fromYear }
}

/**
 * How this municipality's part of a non-base frame is set, at baseline and in the scenario.
 * - calibrated: its part is the frame's fraction of its actual amount (as if it had received from
 *   every frame in the same proportion as the national budget), held fixed in the scenario. Default.
 * - yen: the user states the part in yen, before and after (0 = does not qualify).
 * - share: the user states the part as a share (0..1) of the frame's national budget; needs the budget.
 */
export type FrameAttribution =
  | { kind: 'calibrated' }
  | { kind: 'yen'; baselineYen: number; scenarioYen: number }
  | { kind: 'share'; baselineShare: number; scenarioShare: number }

/** national = one pool for all municipalities; perTier = the base frame is shared within each size tier. */
export type Tiering = 'national' | 'perTier'

export interface AllocationParams {
  fiscalYear: FiscalYear
  frames: FrameFractions
  /** the year the frame split was taken from (differs from fiscalYear when borrowed) */
  framesFromYear: FiscalYear
  /** the national budget granted to municipalities per grant, yen; null when not known */
  budgetYen: Record<GrantId, number | null>
  tiering: Tiering
  /**
   * perTier only: each tier's fraction of the base frame. null = fixed at the tiers' baseline
   * proportions of Σ score × insured in the loaded pool (a scenario then moves money only within its tier).
   */
  tierBudgetShares: Partial<Record<SizeTier, number>> | null
  otherFrames: Record<GrantId, Record<OtherFrameId, FrameAttribution>>
}

/** The user's edits to the defaults, as saved with a scenario (every field optional). */
export interface AllocationOverrides {
  frames?: FrameFractions
  budgetYen?: Partial<Record<GrantId, number | null>>
  tiering?: Tiering
  tierBudgetShares?: Partial<Record<SizeTier, number>> | null
  otherFrames?: Partial<Record<GrantId, Partial<Record<OtherFrameId, FrameAttribution>>>>
}

/** Known municipal budgets per year (only FY2024 is known, see FY2024_MUNICIPAL_TOTAL_YEN). */
export function knownBudgetYen(fiscalYear: FiscalYear): Record<GrantId, number | null> {
  if (fiscalYear === 2024) return { ...FY2024_MUNICIPAL_TOTAL_YEN }
  return { suishin: null, doryoku: null }
}

const calibrated = (): Record<OtherFrameId, FrameAttribution> => ({ additional: { kind: 'calibrated' }, outcomeOriented: { kind: 'calibrated' } })

export function defaultAllocationParams(fiscalYear: FiscalYear): AllocationParams {
  const { fractions, fromYear } = frameFractionsFor(fiscalYear)
  return {
    fiscalYear, frames: fractions, framesFromYear: fromYear,
    budgetYen: knownBudgetYen(fiscalYear),
    tiering: 'national',
    tierBudgetShares: null,
    otherFrames: { suishin: calibrated(), doryoku: calibrated() },
  }
}

/** Defaults of the year with the user's overrides laid over them. */
export function resolveAllocationParams(fiscalYear: FiscalYear, overrides: AllocationOverrides = {}): AllocationParams {
  const p = defaultAllocationParams(fiscalYear)
  const frames = overrides.frames ? { ...overrides.frames } : p.frames
  return {
    ...p,
    frames,
    framesFromYear: overrides.frames ? fiscalYear : p.framesFromYear,
    budgetYen: { ...p.budgetYen, ...overrides.budgetYen },
    tiering: overrides.tiering ?? p.tiering,
    tierBudgetShares: overrides.tierBudgetShares === undefined ? p.tierBudgetShares : overrides.tierBudgetShares,
    otherFrames: {
      suishin: { ...p.otherFrames.suishin, ...overrides.otherFrames?.suishin },
      doryoku: { ...p.otherFrames.doryoku, ...overrides.otherFrames?.doryoku },
    },
  }
}

/** Japanese messages for parameters the model cannot use; empty when all is well. */
export function allocationParamIssues(p: AllocationParams): string[] {
  const out: string[] = []
  const fr = FRAME_IDS.map((f) => p.frames[f])
  if (fr.some((x) => !Number.isFinite(x) || x < 0 || x > 1)) out.push('配分枠の割合は0〜100％で指定してください。')
  else if (Math.abs(fr.reduce((s, x) => s + x, 0) - 1) > 1e-9) out.push('配分枠の割合の合計が100％になっていません。')
  for (const g of ['suishin', 'doryoku'] as const) {
    const b = p.budgetYen[g]
    if (b !== null && (!Number.isFinite(b) || b < 0)) out.push('予算額は0以上の金額で指定してください。')
    for (const f of ['additional', 'outcomeOriented'] as const) {
      const a = p.otherFrames[g][f]
      if (a.kind === 'yen' && ![a.baselineYen, a.scenarioYen].every((x) => Number.isFinite(x) && x >= 0)) {
        out.push(`${FRAME_LABELS[f]}の受取額は0以上の金額で指定してください。`)
      }
      if (a.kind === 'share' && ![a.baselineShare, a.scenarioShare].every((x) => Number.isFinite(x) && x >= 0 && x <= 1)) {
        out.push(`${FRAME_LABELS[f]}の受取割合は0〜100％で指定してください。`)
      }
    }
  }
  if (p.tierBudgetShares) {
    const v = Object.values(p.tierBudgetShares)
    if (v.some((x) => !Number.isFinite(x) || x < 0)) out.push('規模区分ごとの枠の割合は0以上で指定してください。')
    else if (Math.abs(v.reduce((s, x) => s + x, 0) - 1) > 1e-9) out.push('規模区分ごとの枠の割合の合計が100％になっていません。')
  }
  return [...new Set(out)]
}

/** A frame's national budget in yen for a grant, or null when the budget is not known. */
export function frameBudgetYen(p: AllocationParams, grant: GrantId, frame: FrameId): number | null {
  const b = p.budgetYen[grant]
  return b === null ? null : b * p.frames[frame]
}

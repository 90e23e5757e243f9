/**
 * 令和6年度 (FY2024) amounts per municipality, in 千円, as the 【交付見込額確定版】 carries them:
 * 推進 案/確定, 支援 案/確定, 合計 案/確定. Invented but shaped like the real allocation:
 *   - 案: each grant's budget (FY2024: 9.5 and 19.0 billion yen, scaled to the number of
 *     municipalities) shared by score × 第1号被保険者数, whole 千円 by largest remainders;
 *   - 確定: a few municipalities (24 of 1,741) are capped at their own expected spending, below
 *     their 案, and what they leave is redistributed to others (332 of 1,741) in proportion to their 案.
 * Sums of 確定 equal sums of 案 to the 千円, per grant.
 */
import type { Random } from './random'

export type AmountRecord = Record<'suishinPlan' | 'suishinFinal' | 'doryokuPlan' | 'doryokuFinal' | 'totalPlan' | 'totalFinal', number>

export interface AmountsTruth {
  /** as the cells hold them */
  thousandYen: AmountRecord
  yen: AmountRecord
  /** 確定 < 案: capped at the municipality's own expected spending */
  capped: boolean
  /** 確定 > 案: received part of what capped municipalities left */
  redistributed: boolean
}

export interface AmountInput { code: string; insured: number; suishin: number; doryoku: number }

const BUDGET_THOUSAND_YEN = { suishin: 9_500_000, doryoku: 19_000_000 }
const NATION = 1741
const CAPPED_SHARE = 24 / NATION
const RECIPIENT_SHARE = 332 / NATION

/** Splits `total` whole units in proportion to `weights`, by largest remainders. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum <= 0) return weights.map(() => 0)
  const exact = weights.map((w) => (total * w) / sum)
  const parts = exact.map(Math.floor)
  let left = total - parts.reduce((a, b) => a + b, 0)
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  for (const [, i] of order) {
    if (left <= 0) break
    parts[i]! += 1
    left--
  }
  return parts
}

function pick(count: number, from: readonly number[], rnd: Random): Set<number> {
  const pool = [...from]
  const chosen = new Set<number>()
  while (chosen.size < count && pool.length) chosen.add(pool.splice(rnd.int(0, pool.length - 1), 1)[0]!)
  return chosen
}

export function allocate(inputs: readonly AmountInput[], rnd: Random): Map<string, AmountsTruth> {
  const n = inputs.length
  const all = inputs.map((_, i) => i)
  const capped = pick(Math.max(1, Math.round(n * CAPPED_SHARE)), all, rnd)
  const recipients = pick(Math.max(1, Math.round(n * RECIPIENT_SHARE)), all.filter((i) => !capped.has(i)), rnd)
  const factors = inputs.map(() => 0.55 + 0.35 * rnd.next())
  const perGrant = (grant: 'suishin' | 'doryoku') => {
    const budget = Math.round((BUDGET_THOUSAND_YEN[grant] * n) / NATION)
    const plan = apportion(budget, inputs.map((x) => x[grant] * x.insured))
    const final = plan.map((p, i) => (capped.has(i) ? Math.floor(p * factors[i]!) : p))
    const unspent = plan.reduce((a, p, i) => a + p - final[i]!, 0)
    const recipientList = [...recipients]
    apportion(unspent, recipientList.map((i) => plan[i]!)).forEach((extra, k) => { final[recipientList[k]!]! += extra })
    return { plan, final }
  }
  const s = perGrant('suishin')
  const d = perGrant('doryoku')
  return new Map(inputs.map((x, i) => {
    const k: AmountRecord = {
      suishinPlan: s.plan[i]!, suishinFinal: s.final[i]!, doryokuPlan: d.plan[i]!, doryokuFinal: d.final[i]!,
      totalPlan: s.plan[i]! + d.plan[i]!, totalFinal: s.final[i]! + d.final[i]!,
    }
    const yen = Object.fromEntries(Object.entries(k).map(([key, v]) => [key, v * 1000])) as AmountRecord
    return [x.code, { thousandYen: k, yen, capped: k.totalFinal < k.totalPlan, redistributed: k.totalFinal > k.totalPlan }]
  }))
}

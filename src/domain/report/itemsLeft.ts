/**
 * HOOK for the item analysis (issue: points left on the table per indicator item), which is not
 * built yet. Until it exists nobody passes item data, the input is null and the report renders
 * nothing here: no heading, no placeholder text. When the item analysis lands, it fills
 * `ItemsLeftInput` from item-level results and this module turns it into sentences.
 */
import { GRANT_NAMES } from '../catalogue/grantCatalogue'
import { formatPoints } from '../format'
import type { GoalId, GrantId } from '../types'
import type { ReportParagraph } from './analysis'

/** One indicator item where points were not scored: what the item analysis is expected to provide. */
export interface ItemLeft {
  grant: GrantId
  goal: GoalId
  /** the item's name as in the catalogue */
  name: string
  /** points available in the item and not scored */
  pointsLeft: number
}

export interface ItemsLeftInput {
  items: ItemLeft[]
}

/** The few items with the most points left; [] when there is no item data (the hook renders nothing). */
export function itemsLeftParagraphs(input: ItemsLeftInput | null, count = 5): ReportParagraph[] {
  if (!input) return []
  const top = input.items.filter((i) => i.pointsLeft > 0).sort((a, b) => b.pointsLeft - a.pointsLeft || a.name.localeCompare(b.name)).slice(0, count)
  if (top.length === 0) return []
  const list = top.map((i) => `${GRANT_NAMES[i.grant].shortName} 目標${i.goal}「${i.name}」（${formatPoints(i.pointsLeft)}点）`).join('、')
  return [{ id: 'items-left', text: `得点できなかった配点の大きい項目は、${list}です。` }]
}

/** Japanese sentences computed from gap rows, for the dashboard and later for slide captions. */
import { GRANT_NAMES } from './catalogue/grantCatalogue'
import { roundHalfAway } from './numbers'
import type { GapRow } from './gaps'

/** 「介護保険保険者努力支援交付金 目標II 認知症総合支援：全国平均を26.5点下回る」 */
export function weakAreaSentence(row: GapRow): string {
  const owner = row.shared ? '両交付金共通' : GRANT_NAMES[row.grant].name
  const where = row.level === 'total' ? owner : `${owner} ${row.goal ? `目標${row.goal}` : ''} ${row.shortTitle}`.replace(/\s+/g, ' ').trim()
  if (row.gapNatPoints === null) return `${where}：全国平均との比較ができません（データなし）`
  const gap = roundHalfAway(row.gapNatPoints, 1)
  const pts = Math.abs(gap).toFixed(1)
  if (gap < 0) return `${where}：全国平均を${pts}点下回る`
  if (gap > 0) return `${where}：全国平均を${pts}点上回る`
  return `${where}：全国平均と同じ`
}

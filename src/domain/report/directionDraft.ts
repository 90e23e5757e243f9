/**
 * The 今後の方向性 draft: a few sentences in plain 行政 Japanese built from the analysis (the
 * weakest goal and group, the strengths, a falling score rate). The user edits it before export.
 */
import { datasetGapRows, rankWeakest } from '../gaps'
import { GRANT_NAMES, GROUP_LABELS } from '../catalogue/grantCatalogue'
import { roundHalfAway } from '../numbers'
import { GRANT_IDS, type YearDataset } from '../types'
import { goalName, goalsAbove, goalsBelow, rateChange } from './analysis'

/** 登米市 → 本市, ○○町 → 本町, ○○村 → 本村; anything else (広域連合 …) → 本保険者. */
export function selfReference(name: string): string {
  const last = name.trim().slice(-1)
  return last === '市' || last === '町' || last === '村' || last === '区' ? `本${last}` : '本保険者'
}

const abs1 = (x: number): string => Math.abs(roundHalfAway(x, 1)).toFixed(1)

/** The draft as paragraphs separated by blank lines, the form the textarea and the exports use. */
export function directionDraft(ds: YearDataset, history: readonly YearDataset[]): string {
  const rows = datasetGapRows(ds)
  const self = selfReference(ds.municipality.name)
  const fy = ds.fiscalYear
  const paras: string[] = [
    `評価指標の達成状況は、介護保険事業を推進するにあたり、${self}の現状を把握し、個々の事業等への取組状況や進捗状況を確認・分析する基準の一つと捉えています。`,
  ]
  const weakest = goalsBelow(rows)[0]
  if (weakest) {
    const group = rankWeakest(rows.filter((r) => r.level === 'group' && r.grant === weakest.grant && r.goal === weakest.goal && r.gapNatRate !== null))[0]
    const groupText = group && group.group && group.gapNatRate !== null && roundHalfAway(group.gapNatRate, 1) < 0
      ? `特に${GROUP_LABELS[group.group].label}の得点率が全国平均を${abs1(group.gapNatRate)}ポイント下回っています。`
      : ''
    paras.push(`今回の評価結果では、${goalName(weakest, fy)}が全国平均点を${abs1(weakest.gapNatPoints ?? 0)}点下回っており、${groupText}この分野を中心に、取組が不足している項目や改善が必要な項目について、地域のニーズ等を踏まえながら検討し、次年度の実績に繋げていきます。`)
  } else {
    paras.push('それぞれの項目で、取組が不足している部分や改善が必要な部分について、地域のニーズ等を踏まえながら検討し、次年度の実績に繋げていきます。')
  }
  const strong = goalsAbove(rows)[0]
  if (strong) paras.push(`また、全国平均点を上回った${goalName(strong, fy)}などの取組は、引き続き継続していきます。`)
  for (const g of GRANT_IDS) {
    const change = rateChange(ds, history, g).fromPrevious
    if (change !== null && roundHalfAway(change, 1) < 0) {
      paras.push(`${GRANT_NAMES[g].name}の得点率が前年度から${abs1(change)}ポイント低下していることから、得点が下がった項目とその要因を確認します。`)
    }
  }
  paras.push(`取組の検討・推進にあたっては、関係機関等と取組の方向性や${self}の現状の共有を図っていきます。`)
  return paras.join('\n\n')
}

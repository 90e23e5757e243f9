/**
 * The built datasets checked against the year's catalogue, and what the reader had to assume.
 * A problem of the whole file (a 配点 or 平均点 that differs from the catalogue) is said once, at
 * the statistics row it comes from; a problem of one municipality at its row.
 */
import { validateDataset } from '../../validate'
import type { YearDataset } from '../../types'
import type { BuildContext } from './buildDatasets'
import type { RowPlan } from './classifyRows'
import type { IssueSink } from './issueSink'
import type { MunicipalityRow } from './readMunicipalities'

const FILE_WIDE = new Set(['unknown-goal', 'unknown-group', 'unknown-grant'])

export function reportValidation(datasets: readonly YearDataset[], rows: readonly MunicipalityRow[], plan: RowPlan, ctx: BuildContext, issues: IssueSink): void {
  const said = new Set<string>()
  datasets.forEach((ds, i) => {
    for (const issue of validateDataset(ds)) {
      const field = issue.path.field
      if (field === 'prefAvg') continue // computed here from the scores: follows any score problem
      const fileWide = field === 'natAvg' || field === 'max' || FILE_WIDE.has(issue.code)
      if (!fileWide) { issues.add(issue.severity, rows[i]!.row, null, issue.message); continue }
      if (said.has(issue.message)) continue
      said.add(issue.message)
      const row = field === 'natAvg' ? plan.stats.get('mean') : field === 'max' ? plan.stats.get('max') : undefined
      issues.add(issue.severity, row ?? null, null, issue.message)
    }
  })
  if (ctx.derived.size) {
    const list = [...ctx.derived]
    issues.add('warning', null, null, `合計の列がないため、下の階層の得点・配点を合計して求めました: ${list.slice(0, 6).join('、')}${list.length > 6 ? ` ほか${list.length - 6}件` : ''}`)
  }
  if (!plan.stats.has('max')) issues.add('warning', null, null, '配点の行がないため、配点は交付金の評価指標（カタログ）の値を用います')
  if (!plan.stats.has('mean')) issues.add('warning', null, null, '平均点の行がないため、全国平均は空欄になります')
  if (plan.noScores.length) {
    issues.add('warning', plan.noScores[0]!, null, `得点も保険者番号もない行は読み込みません（${plan.noScores.length}行）`)
  }
}

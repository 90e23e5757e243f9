import { it } from 'vitest'
import { datasetGapRows, weakestAreas, titleCaption, radarCaption, gapCaption, weakestCaption, trendCaption, trendSeries, scenarioCaption, createScenario, withGroupScore, estimateChange, scenarioParams, applyScenarioDetailed } from '@/domain'
import { exampleDatasets } from '@/data/example'
it('print', () => {
  const all = exampleDatasets()
  for (const fy of [2025, 2024, 2023]) {
    const ds = all.find((d) => d.fiscalYear === fy)!
    const rows = datasetGapRows(ds)
    console.log(fy, titleCaption(rows))
    console.log(fy, radarCaption(rows, 'suishin'))
    console.log(fy, radarCaption(rows, 'doryoku'))
    console.log(fy, gapCaption(rows))
    console.log(fy, weakestCaption(weakestAreas(ds)))
    const t = trendSeries(all, '04212')
    console.log(fy, trendCaption(t.suishin, fy))
    console.log(fy, trendCaption(t.doryoku, fy))
  }
  const ds = all.find((d) => d.fiscalYear === 2025)!
  let s = createScenario({ id: 's1', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: '2025-01-01T00:00:00Z' })
  s = withGroupScore(s, 'doryoku/II/structure', 40, 'x')
  const est = estimateChange(ds, s, scenarioParams(s))
  const ap = applyScenarioDetailed(ds, s)
  console.log(JSON.stringify(est.total), est.grants.doryoku.method, est.grants.doryoku.changeYen, est.grants.suishin.changeYen)
  console.log(scenarioCaption({ name: s.name, grants: ap.changedGrants.map((g) => ({ grant: g, from: ds.grants[g]!.total.score, to: ap.dataset.grants[g]!.total.score })), changeYen: est.total.changeYen }))
})

/** Slide captions on the embedded example (登米市, FY2023–FY2025) and on small edits of it. */
import { describe, expect, it } from 'vitest'
import {
  applyScenarioDetailed, createScenario, datasetGapRows, estimateChange, gapCaption, groupCaptionName, radarCaption,
  scenarioCaption, scenarioParams, titleCaption, trendCaption, trendSeries, weakestAreas, weakestCaption, withGroupScore,
  type GapRow, type GrantTrend,
} from '@/domain'
import { exampleDatasets } from '@/data/example'
import { editedExample, exampleYear } from './fixtures'

const TOME = '04212'
const rows2025 = (): GapRow[] => datasetGapRows(exampleYear(2025))

describe('titleCaption', () => {
  it('FY2025: both totals against the national average, in points', () => {
    // 推進 246 − 219.3 = +26.7; 努力 190 − 216.7 (the stated national total) = −26.7
    expect(titleCaption(rows2025())).toBe('推進交付金は全国平均を26.7点上回り、努力支援交付金は26.7点下回りました')
  })

  it('a totals-only year without averages falls back to the score rates', () => {
    expect(titleCaption(datasetGapRows(exampleYear(2024)))).toBe('推進交付金の得点率は56.8%で、努力支援交付金の得点率は52.3%でした')
    expect(titleCaption(datasetGapRows(exampleYear(2023)))).toBe('推進交付金の得点率は60.9%で、努力支援交付金の得点率は48.2%でした')
  })

  it('a gap that rounds to zero is 同点, not 上回る', () => {
    const ds = editedExample((d) => { d.grants.suishin!.total.score = 219.34 })
    expect(titleCaption(datasetGapRows(ds))).toMatch(/^推進交付金は全国平均と同点で、/)
  })

  it('no data', () => {
    expect(titleCaption([])).toBe('評価結果のデータがありません')
  })
})

describe('radarCaption', () => {
  it('推進: three goals above, goal IV below by 2.8 points', () => {
    expect(radarCaption(rows2025(), 'suishin')).toBe('推進交付金は4目標中3目標で全国平均を上回り、下回るのは目標IV 自立支援の成果（−2.8点）です')
  })

  it('努力: one goal above, goal II 認知症総合支援 the furthest below (−26.5)', () => {
    expect(radarCaption(rows2025(), 'doryoku')).toBe('努力支援交付金は4目標中1目標で全国平均を上回り、最も下回るのは目標II 認知症総合支援（−26.5点）です')
  })

  it('every goal above the average names the strongest', () => {
    const ds = editedExample((d) => { d.grants.suishin!.goals.find((g) => g.goal === 'IV')!.score = 60 })
    expect(radarCaption(datasetGapRows(ds), 'suishin')).toBe('推進交付金は4目標すべてで全国平均を上回り、最も上回るのは目標II 公正・公平な給付（+18.6点）です')
  })

  it('without goal averages it says so instead of guessing', () => {
    expect(radarCaption(datasetGapRows(exampleYear(2024)), 'suishin')).toBe('推進交付金は目標別の全国平均が公表されていないため、得点率のみを示します')
  })
})

describe('gapCaption', () => {
  it('13 groups (goal IV once), 8 below; 努力 II(i) is −30.2 rate points from unrounded rates, not −30.1', () => {
    expect(gapCaption(rows2025())).toBe('13の指標群のうち8つが全国平均を下回り、最も差が大きいのは努力支援 II(i) 認知症総合支援（−30.2ポイント）です')
  })

  it('names groups like the chart, with 共通 for the shared outcome group', () => {
    const rows = rows2025()
    const shared = rows.find((r) => r.key === 'suishin/IV/outcome')
    const s1 = rows.find((r) => r.key === 'suishin/I/activity')
    expect(shared && groupCaptionName(shared, rows)).toBe('共通 IV 自立支援の成果')
    expect(s1 && groupCaptionName(s1, rows)).toBe('推進 I(ii) 地域のあるべき姿')
  })

  it('no group averages', () => {
    expect(gapCaption(datasetGapRows(exampleYear(2025)).filter((r) => r.level !== 'group'))).toBe('指標群別の全国平均が公表されていないため、比較できません')
  })
})

describe('weakestCaption', () => {
  it('the example sentence: 認知症総合支援 is 26.5 points below the national average', () => {
    expect(weakestCaption(weakestAreas(exampleYear(2025)))).toBe('認知症総合支援は全国平均を26.5点下回り、最大の課題です')
  })

  it('nothing below the average', () => {
    expect(weakestCaption([])).toBe('全国平均を下回る目標はありません')
  })
})

describe('trendCaption', () => {
  const trend = trendSeries(exampleDatasets(), TOME)

  it('推進 FY2025: 61.5%, up 4.8 points on FY2024 (61.5 − 56.75, unrounded), above the national 54.8%', () => {
    expect(trendCaption(trend.suishin, 2025)).toBe('推進交付金の得点率は令和7年度61.5%で前年度から4.8ポイント上昇し、全国平均（54.8%）を上回っています')
  })

  it('努力 FY2025: 47.5%, down 4.8 points, below the national 54.2%', () => {
    expect(trendCaption(trend.doryoku, 2025)).toBe('努力支援交付金の得点率は令和7年度47.5%で前年度から4.8ポイント低下し、全国平均（54.2%）を下回っています')
  })

  it('FY2024 compares with FY2023 across the revision, by rate', () => {
    expect(trendCaption(trend.suishin, 2024)).toBe('推進交付金の得点率は令和6年度56.8%で、前年度から4.1ポイント低下しました')
  })

  it('the first year has nothing to compare with', () => {
    expect(trendCaption(trend.doryoku, 2023)).toBe('努力支援交付金の得点率は令和5年度48.2%です')
  })

  it('a missing year is skipped and named', () => {
    const gap: GrantTrend = { ...trend.suishin, total: trend.suishin.total.map((p) => (p.fiscalYear === 2024 ? { ...p, rate: null } : p)) }
    expect(trendCaption(gap, 2025)).toMatch(/^推進交付金の得点率は令和7年度61.5%で令和5年度から0.6ポイント上昇し、/)
  })

  it('no rate at all', () => {
    const empty: GrantTrend = { ...trend.suishin, total: trend.suishin.total.map((p) => ({ ...p, rate: null })) }
    expect(trendCaption(empty)).toBe('推進交付金の得点率のデータがありません')
  })
})

describe('scenarioCaption', () => {
  it('raising 努力 II(i) from 14 to 40 points: +26 points and the modelled change, labelled 推計', () => {
    const ds = exampleYear(2025)
    const s = withGroupScore(createScenario({ id: 's1', name: '認知症施策の強化', code: TOME, fiscalYear: 2025, now: '2025-06-01T00:00:00Z' }), 'doryoku/II/structure', 40, '2025-06-01T00:00:00Z')
    const applied = applyScenarioDetailed(ds, s)
    const est = estimateChange(ds, s, scenarioParams(s))
    const caption = scenarioCaption({
      name: s.name,
      grants: applied.changedGrants.map((g) => ({ grant: g, from: ds.grants[g]?.total.score ?? null, to: applied.dataset.grants[g]?.total.score ?? null })),
      changeYen: est.total.changeYen,
    })
    expect(caption).toMatch(/^シナリオ「認知症施策の強化」では努力支援交付金が26点上がり、交付額は計\+[\d.,]+万円の見込みです（推計）$/)
  })

  it('no change, a fall, and an estimate that cannot be made', () => {
    expect(scenarioCaption({ name: 'A', grants: [], changeYen: null })).toBe('シナリオ「A」では得点は変わりません')
    expect(scenarioCaption({ name: 'B', grants: [{ grant: 'suishin', from: 246, to: 240 }], changeYen: -52000 }))
      .toBe('シナリオ「B」では推進交付金が6点下がり、交付額は計−5.2万円の見込みです（推計）')
    expect(scenarioCaption({ name: 'C', grants: [{ grant: 'suishin', from: 246, to: 250 }], changeYen: null }))
      .toBe('シナリオ「C」では推進交付金が4点上がり、交付額は推計できません')
  })
})

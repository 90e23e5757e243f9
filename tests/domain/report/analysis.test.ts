/** The report's 分析 and 今後の方向性 sentences on the example's numbers (登米市 令和5〜7年度) and small edits of it. */
import { describe, expect, it } from 'vitest'
import {
  analysisParagraphs, directionDraft, rateChange, selfReference, strengthSentence, totalSentence, trendSentence,
  weakGoalSentences, weakGroupSentence, itemsLeftParagraphs,
} from '@/domain/report'
import { datasetGapRows } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { editedExample, exampleYear } from '../fixtures'

const ds = exampleYear(2025)
const rows = datasetGapRows(ds)
const all = exampleDatasets()

describe('totals', () => {
  it('推進: above both averages, one verb for both, rank at the end', () => {
    expect(totalSentence(ds, 'suishin')).toBe('保険者機能強化推進交付金は400点満点中246点（得点率61.5%）で、県平均点（207.7点）を38.3点、全国平均点（219.3点）を26.7点上回り、県内順位は35市町村中4位でした。')
  })
  it('努力: below both, against the published national total 216.7', () => {
    expect(totalSentence(ds, 'doryoku')).toBe('介護保険保険者努力支援交付金は400点満点中190点（得点率47.5%）で、県平均点（211点）を21.0点、全国平均点（216.7点）を26.7点下回り、県内順位は35市町村中5位でした。')
  })
  it('mixed directions get a verb each; no rank ends the sentence on the last verb', () => {
    const edited = editedExample((d) => {
      const t = d.grants.doryoku
      if (t) { t.total.score = 214; t.prefRank = null }
    })
    expect(totalSentence(edited, 'doryoku')).toBe('介護保険保険者努力支援交付金は400点満点中214点（得点率53.5%）で、県平均点（211点）を3.0点上回り、全国平均点（216.7点）を2.7点下回りました。')
  })
  it('a year with totals only states the score and rate', () => {
    expect(totalSentence(exampleYear(2024), 'suishin')).toBe('保険者機能強化推進交付金は400点満点中227点（得点率56.8%）でした。')
  })
})

describe('weakest goals and groups', () => {
  it('努力 goal II 認知症総合支援 is the weakest: 20 points, 26.5 below the national and 26.4 below the prefectural average', () => {
    const [lead, others] = weakGoalSentences(rows, 2025)
    expect(lead).toBe('目標別では、介護保険保険者努力支援交付金の目標II（認知症総合支援を推進する）が20点で、全国平均点（46.5点）を26.5点、県平均点（46.4点）を26.4点下回り、全国平均点との差が最も大きくなっています。')
    expect(others).toBe('このほか、全国平均点を下回った目標は、努力支援交付金の目標I「介護予防・日常生活支援」（−8.3点）、両交付金共通の目標IV「自立支援の成果」（−2.8点）です。')
  })
  it('groups by rate from unrounded figures: 努力 II(i) is −30.2 points, not the −30.1 of rounded rates', () => {
    expect(weakGroupSentence(rows)).toBe('指標群別に得点率でみると、全国平均との差が大きいのは、努力支援 II(i) 認知症総合支援（得点率21.9%、全国平均52.0%との差−30.2ポイント、県平均51.4%との差−29.5ポイント）、努力支援 II(ii) 認知症総合支援（得点率16.7%、全国平均36.7%との差−20.0ポイント、県平均37.5%との差−20.8ポイント）、推進 I(ii) 地域のあるべき姿（得点率8.3%、全国平均27.8%との差−19.4ポイント、県平均18.3%との差−10.0ポイント）の順です。')
  })
  it('a weak goal above the prefectural average says so', () => {
    const edited = editedExample((d) => {
      const g = d.grants.doryoku?.goals.find((x) => x.goal === 'II')
      if (g) g.prefAvg = 15
    })
    expect(weakGoalSentences(datasetGapRows(edited), 2025)[0]).toContain('が20点で、県平均点（15点）を5.0点上回るものの、全国平均点（46.5点）を26.5点下回り、')
  })
  it('strengths: the goals above the national average, strongest first', () => {
    expect(strengthSentence(rows)).toBe('一方、全国平均点を上回った目標は、推進交付金の目標II「公正・公平な給付」（+18.6点）、努力支援交付金の目標III「在宅医療・介護連携」（+11.9点）、推進交付金の目標III「介護人材・サービス基盤」（+6.4点）です。')
  })
  it('no goal data (FY2024 totals only): no goal or group sentence', () => {
    const r24 = datasetGapRows(exampleYear(2024))
    expect(weakGoalSentences(r24, 2024)).toEqual([])
    expect(weakGroupSentence(r24)).toBeNull()
    expect(strengthSentence(r24)).toBeNull()
  })
})

describe('three-year change', () => {
  it('rates of FY2023–2025 from unrounded figures: 推進 +4.8 (61.5 − 56.75), 努力 −4.8', () => {
    const s = rateChange(ds, all, 'suishin')
    expect(s.points.map((p) => p.fiscalYear)).toEqual([2023, 2024, 2025])
    expect(s.fromPrevious).toBeCloseTo(4.75, 10)
    expect(s.fromTwoBefore).toBeCloseTo(61.5 - (825 / 1355) * 100, 10)
    expect(trendSentence(s)).toBe('推進交付金の得点率は、令和5年度60.9%、令和6年度56.8%、令和7年度61.5%と推移し、前年度から4.8ポイント上昇しました。')
    expect(trendSentence(rateChange(ds, all, 'doryoku'))).toBe('努力支援交付金の得点率は、令和5年度48.2%、令和6年度52.3%、令和7年度47.5%と推移し、前年度から4.8ポイント低下しました。')
  })
  it('one year only: no trend sentence', () => {
    expect(trendSentence(rateChange(ds, [ds], 'suishin'))).toBeNull()
  })
  it('the analysis closes with the trend and the note on the FY2023 scale', () => {
    const paras = analysisParagraphs(ds, all)
    expect(paras.map((p) => p.id)).toEqual(['total-suishin', 'total-doryoku', 'weak-goals-0', 'weak-goals-1', 'weak-groups', 'strengths', 'trend'])
    expect(paras.at(-1)?.text).toContain('なお、令和5年度は評価指標の体系が異なる（推進1,355点・努力830点満点）ため、得点率で比較しています。')
  })
})

describe('今後の方向性 draft', () => {
  it('built from the analysis: the weakest goal and group, the strength, the falling rate', () => {
    const paras = directionDraft(ds, all).split('\n\n')
    expect(paras).toEqual([
      '評価指標の達成状況は、介護保険事業を推進するにあたり、本市の現状を把握し、個々の事業等への取組状況や進捗状況を確認・分析する基準の一つと捉えています。',
      '今回の評価結果では、介護保険保険者努力支援交付金の目標II（認知症総合支援を推進する）が全国平均点を26.5点下回っており、特に体制・取組指標群の得点率が全国平均を30.2ポイント下回っています。この分野を中心に、取組が不足している項目や改善が必要な項目について、地域のニーズ等を踏まえながら検討し、次年度の実績に繋げていきます。',
      'また、全国平均点を上回った保険者機能強化推進交付金の目標II（公正・公平な給付を行う体制を構築する）などの取組は、引き続き継続していきます。',
      '介護保険保険者努力支援交付金の得点率が前年度から4.8ポイント低下していることから、得点が下がった項目とその要因を確認します。',
      '取組の検討・推進にあたっては、関係機関等と取組の方向性や本市の現状の共有を図っていきます。',
    ])
  })
  it('follows the data: with 努力 II at the national average the weakest is 努力 I', () => {
    const edited = editedExample((d) => {
      const g = d.grants.doryoku?.goals.find((x) => x.goal === 'II')
      if (g) { g.score = 47; for (const gr of g.groups) gr.score = gr.natAvg }
    })
    // 努力 I(i): 29/52 = 55.8% against 35.1/52 = 67.5%, the larger gap of goal I's two groups
    expect(directionDraft(edited, all)).toContain('介護保険保険者努力支援交付金の目標I（介護予防/日常生活支援を推進する）が全国平均点を8.3点下回っており、特に体制・取組指標群の得点率が全国平均を11.7ポイント下回っています。')
  })
  it('self reference from the name', () => {
    expect(selfReference('登米市')).toBe('本市')
    expect(selfReference('女川町')).toBe('本町')
    expect(selfReference('大衡村')).toBe('本村')
    expect(selfReference('○○広域連合')).toBe('本保険者')
  })
})

describe('items left on the table (hook for the item analysis)', () => {
  it('renders nothing without item data', () => {
    expect(itemsLeftParagraphs(null)).toEqual([])
    expect(itemsLeftParagraphs({ items: [] })).toEqual([])
  })
  it('lists the items with the most points left, when given', () => {
    const p = itemsLeftParagraphs({ items: [
      { grant: 'doryoku', goal: 'II', name: '認知症初期集中支援チーム', pointsLeft: 12 },
      { grant: 'suishin', goal: 'I', name: 'PFS委託事業数', pointsLeft: 12 },
      { grant: 'doryoku', goal: 'I', name: 'データ活用', pointsLeft: 0 },
      { grant: 'doryoku', goal: 'III', name: '連携会議', pointsLeft: 20 },
    ] })
    expect(p).toEqual([{ id: 'items-left', text: '得点できなかった配点の大きい項目は、努力支援交付金 目標III「連携会議」（20点）、推進交付金 目標I「PFS委託事業数」（12点）、努力支援交付金 目標II「認知症初期集中支援チーム」（12点）です。' }])
  })
})

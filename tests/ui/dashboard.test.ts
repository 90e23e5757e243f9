import { beforeEach, describe, expect, it } from 'vitest'
import DashboardView from '@/views/DashboardView.vue'
import TheAppHeader from '@/components/TheAppHeader.vue'
import { mountWithApp } from './mountApp'

beforeEach(() => { delete document.documentElement.dataset.ready })

describe('DashboardView', () => {
  it('shows both grants with totals, rates, averages, ranks and amounts', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView)
    expect(w.get('[data-testid="municipality-name"]').text()).toBe('登米市')
    expect(w.get('[data-testid="fiscal-year"]').text()).toBe('令和7年度 (2025)')
    const s = w.get('[data-testid="grant-suishin"]')
    expect(s.get('[data-testid="total-score"]').text()).toBe('246')
    expect(s.get('[data-testid="total-rate"]').text()).toBe('61.5%')
    expect(s.text()).toContain('207.7点（51.9%）')
    expect(s.text()).toContain('4位／35')
    expect(s.text()).toContain('7,081,000円（708.1万円）')
    const d = w.get('[data-testid="grant-doryoku"]')
    expect(d.text()).toContain('216.7点（54.2%）')
    expect(d.text()).toContain('−26.7点')
    expect(d.text()).toContain('11,350,000円')
    expect(document.documentElement.dataset.ready).toBe('dashboard')
    // no national rank in the municipality's own publication: say why instead of a bare dash
    expect(s.get('[data-testid="nat-rank"]').text()).toContain('公表資料にありません。「データ」で全国集計結果を取り込むと算出します')
  })

  it('states the three weakest areas as sentences', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView)
    expect(w.findAll('[data-testid="weakest"] li .weak-text').map((li) => li.text())).toEqual([
      '介護保険保険者努力支援交付金 目標II 認知症総合支援：全国平均を26.5点下回る',
      '介護保険保険者努力支援交付金 目標I 介護予防・日常生活支援：全国平均を8.3点下回る',
      '両交付金共通 目標IV 自立支援の成果：全国平均を2.8点下回る',
    ])
  })

  it('draws each weak goal as a bar: its rate in blue, the shortfall to the national average in red', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView)
    const li = w.get('[data-testid="weakest"] li[data-key="doryoku/II"]')
    // 努力 II: 20/100 = 20 %, national 46.5/100 = 46.5 %
    expect(li.get('.weak-fill').attributes('style')).toContain('width: 20%')
    const short = li.get('[data-testid="weak-short"]').attributes('style')
    expect(short).toContain('left: 20%')
    expect(short).toMatch(/width: 26\.5\d*%/)
    expect(li.get('.weak-avg').attributes('style')).toContain('left: 46.5%')
    expect(li.text()).toContain('得点率 20.0% ／ 全国平均 46.5%')
  })

  it('lists every goal and group with signed gaps, shortfalls marked beyond colour', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView)
    const rows = w.findAll('[data-testid="gap-table"] tbody tr')
    expect(rows).toHaveLength(2 * (1 + 4 + 7))
    const d2i = w.get('[data-key="doryoku/II/structure"]')
    expect(d2i.classes()).toContain('short')
    const cells = d2i.findAll('td').map((c) => c.text())
    expect(cells[0]).toBe('14')
    expect(cells[1]).toBe('64')
    expect(cells[2]).toBe('21.9%')
    expect(cells[6]).toContain('−19.3点')
    expect(cells[6]).toContain('−30.2ポイント')
    expect(cells[6]).toContain('▼')
    expect(cells[6]).toContain('（下回る）')
    const s2i = w.get('[data-key="suishin/II/structure"]')
    expect(s2i.classes()).not.toContain('short')
    expect(s2i.findAll('td')[6]!.text()).toContain('+20.7点')
  })

  it('shows the rounding warning as a note', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView)
    expect(w.get('[data-testid="data-issues"]').text()).toContain('公表値216.7が目標の合計215.7と一致しません')
  })

  it('a totals-only old-scale year says so and shows no averages as zero', async () => {
    const { wrapper: w } = await mountWithApp(DashboardView, { want: { fiscalYear: 2023 } })
    expect(w.text()).toContain('旧体系（1355点・830点満点）')
    expect(w.text()).toContain('合計点のみ公表')
    expect(w.find('[data-testid="weakest"]').exists()).toBe(false)
    const s = w.get('[data-testid="grant-suishin"]')
    expect(s.text()).toContain('825')
    expect(s.text()).toContain('60.9%')
    expect(s.text()).toContain('平均公表なし')
    expect(s.text()).not.toContain('—点')
  })
})

describe('TheAppHeader', () => {
  it('changes the selected year from the selector', async () => {
    const { wrapper: w, store } = await mountWithApp(TheAppHeader)
    const options = w.findAll('[data-testid="select-year"] option').map((o) => o.text())
    expect(options).toEqual(['令和7年度 (2025)', '令和6年度 (2024)', '令和5年度 (2023)'])
    await w.get('[data-testid="select-year"]').setValue('2024')
    expect(store.selection).toEqual({ code: '04212', fiscalYear: 2024 })
  })
})

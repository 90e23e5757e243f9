import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import RadarPanel from '@/components/RadarPanel.vue'
import GapChartPanel from '@/components/GapChartPanel.vue'
import TrendPanel from '@/components/TrendPanel.vue'
import ChartView from '@/views/ChartView.vue'
import GoalView from '@/views/GoalView.vue'
import { putRecords, toRecord } from '@/db'
import { exampleDatasets } from '@/data/example'
import { mountWithApp } from './mountApp'

type Opt = { series: { name: string; data: { value: (number | null)[] }[] }[]; radar: { indicator: { name: string; max: number }[] } }

describe('RadarPanel', () => {
  it('hands the chart the domain rates on a 0–100 scale and switches to groups through the URL', async () => {
    const { wrapper, router } = await mountWithApp(RadarPanel, { props: { grant: 'doryoku' } })
    const chart = wrapper.findComponent({ name: 'Echarts' })
    const opt = chart.props('option') as unknown as Opt
    expect(opt.radar.indicator.map((i) => i.max)).toEqual([100, 100, 100, 100])
    const mine = opt.series.find((s) => s.name === '登米市')
    expect(mine?.data[0]?.value).toEqual([47, 20, 78, 45])
    await wrapper.findAll('.segmented button')[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.axes).toBe('groups')
    const opt2 = wrapper.findComponent({ name: 'Echarts' }).props('option') as unknown as Opt
    expect(opt2.radar.indicator).toHaveLength(7)
  })

  it('shows the same numbers as a table', async () => {
    const { wrapper } = await mountWithApp(RadarPanel, { props: { grant: 'doryoku' } })
    await wrapper.get('[data-testid="toggle-table"]').trigger('click')
    const row = wrapper.get('[data-testid="table-radar-doryoku"] tr[data-key="doryoku/II"]')
    const cells = row.findAll('td').map((c) => c.text())
    expect(row.get('th').text()).toBe('II 認知症総合支援')
    // keyboard users can reach the table's scroll area (axe: scrollable-region-focusable)
    const region = wrapper.get('[data-testid="table-radar-doryoku"]')
    expect(region.attributes('tabindex')).toBe('0')
    expect(region.attributes('role')).toBe('region')
    // the points go on a second, smaller line so that six columns fit a half-width card
    expect(row.findAll('td')[0]!.get('.cell-sub').text()).toBe('（20/100点）')
    expect(cells[0]).toBe('20.0%（20/100点）')
    expect(cells[2]).toBe('46.5%（46.5/100点）')
    expect(cells[4]).toBe('−26.5')
  })

  it('drills into a goal when its axis name is clicked', async () => {
    const { wrapper, router } = await mountWithApp(RadarPanel, { props: { grant: 'doryoku' } })
    wrapper.findComponent({ name: 'Echarts' }).vm.$emit('click', { componentType: 'radar', name: 'II 認知症総合支援' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('goal')
    expect(router.currentRoute.value.params).toEqual({ grant: 'doryoku', goal: 'II' })
  })
})

describe('GapChartPanel', () => {
  it('puts 努力 II(i) first and switches to the prefectural average', async () => {
    const { wrapper, router } = await mountWithApp(GapChartPanel)
    await wrapper.get('[data-testid="toggle-table"]').trigger('click')
    const first = wrapper.get('[data-testid="table-gap"] tbody tr')
    expect(first.attributes('data-key')).toBe('doryoku/II/structure')
    expect(first.findAll('td').map((c) => c.text())).toEqual(['21.9%', '52.0%', '−30.2', '−19.3'])
    await wrapper.findAll('.segmented button')[1]!.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.against).toBe('prefectural')
    const firstPref = wrapper.get('[data-testid="table-gap"] tbody tr')
    // 14/64 vs 32.9/64: −29.5 rate points, the largest prefectural shortfall too
    expect(firstPref.findAll('td').map((c) => c.text())[2]).toBe('−29.5')
  })
})

describe('TrendPanel', () => {
  it('has every year with old-scale rates and no invented averages', async () => {
    const { wrapper } = await mountWithApp(TrendPanel, { props: { grant: 'suishin' } })
    await wrapper.get('[data-testid="toggle-table"]').trigger('click')
    const rows = wrapper.findAll('[data-testid="table-trend-suishin"] tbody tr')
    expect(rows.map((r) => r.attributes('data-key'))).toEqual(['2023', '2024', '2025'])
    expect(rows[0]!.findAll('td').map((c) => c.text())).toEqual(['60.9%（825/1355点）', '—', '—'])
    expect(rows[2]!.findAll('td').map((c) => c.text())[2]).toBe('54.8%（219.3/400点）')
  })
})

describe('deep links', () => {
  it('the single-chart view fills the window and sets the chart text large (24 px at 1920 px wide)', async () => {
    const before = window.innerWidth
    window.innerWidth = 1920
    try {
      const { wrapper } = await mountWithApp(ChartView, { path: '/chart/radar-doryoku?m=04212&y=2025', want: { code: '04212', fiscalYear: 2025 } })
      const opt = wrapper.findComponent({ name: 'Echarts' }).props('option') as unknown as { radar: { axisName: { fontSize: number } }; legend: { textStyle: { fontSize: number } } }
      expect(opt.radar.axisName.fontSize).toBe(24)
      expect(opt.legend.textStyle.fontSize).toBe(24)
      expect(wrapper.findComponent({ name: 'BaseChart' }).props('height')).toBe('max(420px, calc(100vh - 17.5rem))')
    } finally {
      window.innerWidth = before
    }
    // the same panel on the dashboard keeps its own size and ECharts' small type
    const { wrapper: panel } = await mountWithApp(RadarPanel, { props: { grant: 'doryoku' } })
    expect(panel.findComponent({ name: 'BaseChart' }).props('height')).toBe('400px')
    const small = panel.findComponent({ name: 'Echarts' }).props('option') as unknown as { radar: { axisName: { fontSize?: number } } }
    expect(small.radar.axisName.fontSize).not.toBe(24)
  })

  it('/chart/radar-doryoku for a totals-only year explains why there is no radar instead of showing nothing', async () => {
    const { wrapper } = await mountWithApp(ChartView, { path: '/chart/radar-doryoku?m=04212&y=2024', want: { code: '04212', fiscalYear: 2024 } })
    expect(wrapper.findComponent({ name: 'Echarts' }).exists()).toBe(false)
    const note = wrapper.get('[data-testid="panel-radar-doryoku"] [data-testid="radar-unavailable"]').text()
    expect(note).toContain('この年度は目標・指標群別の値がないため、レーダーはありません')
    expect(wrapper.get('[data-testid="panel-radar-doryoku"] h2').text()).toContain('介護保険保険者努力支援交付金')
  })

  it('the group radar of goal-level-only data says so and offers the goal radar', async () => {
    const { wrapper, store } = await mountWithApp(ChartView, { path: '/chart/radar-doryoku?m=04212&y=2025&axes=groups', want: { code: '04212', fiscalYear: 2025 } })
    const goalsOnly = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    for (const grant of Object.values(goalsOnly.grants)) for (const goal of grant?.goals ?? []) goal.groups = []
    await putRecords(store.database()!, [toRecord(goalsOnly, '2026-01-01T00:00:00.000Z')])
    await store.reload()
    await flushPromises()
    expect(wrapper.findComponent({ name: 'Echarts' }).exists()).toBe(false)
    expect(wrapper.get('[data-testid="radar-unavailable"]').text()).toContain('この年度は指標群別の値がないため')
    await wrapper.get('[data-testid="show-goal-radar"]').trigger('click')
    await flushPromises()
    const opt = wrapper.findComponent({ name: 'Echarts' }).props('option') as unknown as Opt
    expect(opt.radar.indicator).toHaveLength(4)
  })

  it('/chart/radar-doryoku opens that chart for the municipality and year in the URL', async () => {
    const { wrapper } = await mountWithApp(ChartView, { path: '/chart/radar-doryoku?m=04212&y=2025&axes=groups', want: { code: '04212', fiscalYear: 2025 } })
    expect(wrapper.find('[data-testid="panel-radar-doryoku"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="panel-radar-suishin"]').exists()).toBe(false)
    const opt = wrapper.findComponent({ name: 'Echarts' }).props('option') as unknown as Opt
    expect(opt.radar.indicator).toHaveLength(7)
  })

  it('the goal drill-down lists the catalogue items of each group', async () => {
    const { wrapper } = await mountWithApp(GoalView, { path: '/goal/doryoku/II' })
    expect(wrapper.text()).toContain('認知症総合支援を推進する')
    const items = wrapper.get('[data-testid="group-structure"]').findAll('tbody tr').map((r) => r.text())
    expect(items).toHaveLength(3)
    expect(items[2]).toContain('難聴高齢者の早期発見・早期介入')
    expect(items[2]).toContain('20点')
    expect(wrapper.get('[data-testid="group-structure"]').text()).toContain('−30.2ポイント')
  })
})

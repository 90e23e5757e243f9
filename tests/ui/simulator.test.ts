import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import SimulatorView from '@/views/SimulatorView.vue'
import { useScenariosStore } from '@/stores/scenarios'
import { putRecords, toPopulationRecord, toRecord } from '@/db'
import { formatSignedYen } from '@/components/scenario/signedYen'
import {
  createScenario, estimateChange, pointsToAverage, scenarioParams, type Scenario, type YearDataset,
} from '@/domain'
import { exampleDatasets } from '@/data/example'
import { mountWithApp } from './mountApp'
import { populationOfCodes } from '../support/population'

type Opt = { series: { name: string; data: { value: (number | null)[] }[] }[] }
const PATH = '/simulate?m=04212&y=2025'

beforeEach(() => { delete document.documentElement.dataset.simulator })

async function mountSimulator(path = PATH) {
  const m = await mountWithApp(SimulatorView, { path })
  await vi.waitFor(() => expect(m.wrapper.find('[data-testid="scenario-editor"]').exists()).toBe(true))
  return { ...m, scenarios: useScenariosStore() }
}

const text = (w: VueWrapper, sel: string): string => w.get(sel).text().replace(/\s+/g, ' ').trim()
const totalChange = (w: VueWrapper) => text(w, '[data-testid="alloc-total"] [data-testid="alloc-change"]')
const grantChange = (w: VueWrapper, g: string) => text(w, `[data-testid="alloc-${g}"] [data-testid="alloc-change"]`)
const scoreCell = (w: VueWrapper, key: string) => text(w, `[data-testid="scenario-totals"] tr[data-key="${key}"] [data-testid="score"]`)

/** What the domain says the scenario is worth, for the selected dataset. */
function expected(ds: YearDataset, edits: Record<string, number>): ReturnType<typeof estimateChange> {
  const s: Scenario = { ...createScenario({ id: 'x', name: 'x', code: '04212', fiscalYear: 2025, now: '' }), edits }
  return estimateChange(ds, s, scenarioParams(s))
}

describe('SimulatorView', () => {
  it('moving a slider changes the total and the estimated amount, as the domain computes them', async () => {
    const { wrapper: w, store } = await mountSimulator()
    expect(totalChange(w)).toBe('±0円')
    expect(scoreCell(w, 'doryoku')).toBe('190 → 190')

    await w.get('[data-testid="slider-doryoku/II/structure"]').setValue('40')
    await flushPromises()

    const e = expected(store.selected!, { 'doryoku/II/structure': 40 })
    expect(totalChange(w)).toBe(formatSignedYen(e.total.changeYen))
    expect(grantChange(w, 'doryoku')).toBe(formatSignedYen(e.grants.doryoku.changeYen))
    // 26 points at the calibrated 44,803円 per point: about 1.16 million yen more, 推進 unchanged
    expect(totalChange(w)).toBe('+1,164,868円')
    expect(grantChange(w, 'suishin')).toBe('±0円')
    expect(scoreCell(w, 'doryoku')).toBe('190 → 216')
    expect(scoreCell(w, 'doryoku/II')).toBe('20 → 46')
    expect((w.get('[data-testid="number-doryoku/II/structure"]').element as HTMLInputElement).value).toBe('40')
    expect(w.get('[data-testid="allocation"]').text()).toContain('推計')
    expect(w.get('[data-testid="alloc-assumptions"]').text()).toContain(e.assumptions[0]!)

    // the 努力 radar (its municipality series has goal II at 20 %) has the scenario series with the scenario's rates
    const radar = w.findAllComponents({ name: 'Echarts' }).map((c) => c.props('option') as unknown as Opt)
      .find((o) => o.series.find((s) => s.name === '登米市（現状）')?.data[0]?.value[1] === 20)
    expect(radar?.series.at(-1)?.name).toBe('シナリオ「シナリオ1」')
    expect(radar?.series.at(-1)?.data[0]?.value[1]).toBeCloseTo(46, 10)
  })

  it('asks before a reload while the scenario has unsaved edits, and not once it is saved', async () => {
    const { wrapper: w, scenarios } = await mountSimulator()
    const unload = (): Event => {
      const e = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(e)
      return e
    }
    expect(unload().defaultPrevented).toBe(false)
    await w.get('[data-testid="slider-doryoku/II/structure"]').setValue('40')
    await flushPromises()
    expect(scenarios.dirty).toBe(true)
    expect(unload().defaultPrevented).toBe(true)
    expect(await scenarios.save()).toBe(true)
    await flushPromises()
    expect(unload().defaultPrevented).toBe(false)
  })

  it('the number box edits the same value; goal IV is edited once and counts in both grants', async () => {
    const { wrapper: w } = await mountSimulator()
    expect(w.findAll('[data-testid="group-suishin/IV/outcome"]')).toHaveLength(1)
    expect(w.find('[data-testid="group-doryoku/IV/outcome"]').exists()).toBe(false)
    expect(w.get('[data-testid="editor-shared"]').text()).toContain('両交付金共通')
    await w.get('[data-testid="number-suishin/IV/outcome"]').setValue('55')
    await flushPromises()
    expect((w.get('[data-testid="slider-suishin/IV/outcome"]').element as HTMLInputElement).value).toBe('55')
    expect(scoreCell(w, 'suishin')).toBe('246 → 256')
    expect(scoreCell(w, 'doryoku')).toBe('190 → 200')
    expect(grantChange(w, 'suishin')).toMatch(/^\+/)
    expect(grantChange(w, 'doryoku')).toMatch(/^\+/)
  })

  it('a number box takes whole points within the group: 99 on a 36-point group shows 36, 12.5 shows 13', async () => {
    const { wrapper: w } = await mountSimulator()
    const box = w.get('[data-testid="number-doryoku/II/activity"]')
    await box.setValue('99')
    await box.trigger('change')
    await flushPromises()
    expect((box.element as HTMLInputElement).value).toBe('36')
    expect(text(w, '[data-testid="result-doryoku/II/activity"]')).toContain('→ 36点')
    await box.setValue('12.5')
    await box.trigger('change')
    await flushPromises()
    expect((box.element as HTMLInputElement).value).toBe('13')
    expect(text(w, '[data-testid="result-doryoku/II/activity"]')).toContain('→ 13点')
  })

  it('ordering by weakness puts 努力支援 目標II (認知症) first, as its gap to the national average is the largest', async () => {
    const { wrapper: w } = await mountSimulator()
    const firstGroups = (): string[] => w.findAll('[data-testid^="group-"]').slice(0, 2).map((g) => g.attributes('data-testid')!)
    expect(firstGroups()).toEqual(['group-suishin/I/structure', 'group-suishin/I/activity'])
    await w.get('[data-testid="order-weakness"]').trigger('click')
    await flushPromises()
    expect(firstGroups()).toEqual(['group-doryoku/II/structure', 'group-doryoku/II/activity'])
    expect(w.get('[data-testid="order-weakness"]').attributes('aria-pressed')).toBe('true')
    // the weakest goals, in the order the dashboard names them
    const goalTitles = w.findAll('.editor-goal h3').map((h) => h.text())
    expect(goalTitles.slice(0, 2)).toEqual(['目標II 認知症総合支援', '目標I 介護予防・日常生活支援'])
  })

  it('ticking an item adds its points, capped at the group maximum', async () => {
    const { wrapper: w } = await mountSimulator()
    await w.get('[data-testid="item-doryoku-II-activity-1"]').setValue(true)
    await flushPromises()
    expect(text(w, '[data-testid="result-doryoku/II/activity"]')).toContain('18点')
    await w.get('[data-testid="slider-doryoku/II/activity"]').setValue('30')
    await flushPromises()
    expect(text(w, '[data-testid="result-doryoku/II/activity"]')).toContain('36点')
    expect(w.get('[data-testid="group-doryoku/II/activity"]').text()).toContain('36点で止めています')
  })

  it('the inverse answer applies a plan that reaches the national average', async () => {
    const { wrapper: w, store, scenarios } = await mountSimulator()
    await w.get('[data-testid="ask-average"]').trigger('submit')
    await flushPromises()
    const want = pointsToAverage(store.selected!, 'doryoku', 'II', 'national', { base: scenarios.current! })
    expect(text(w, '[data-testid="inverse-summary"]')).toBe(want.summary)
    expect(text(w, '[data-testid="inverse-needed"]')).toBe('26.5点')
    expect(w.findAll('[data-testid="inverse-picks"] li').map((li) => li.text())[0]).toContain('早期診断・早期対応の体制構築（19点）')
    await w.get('[data-testid="apply-plan"]').trigger('click')
    await flushPromises()
    expect(scenarios.current?.items).toEqual(want.picks.map((p) => p.itemId))
    expect(scoreCell(w, 'doryoku/II')).toBe('20 → 51')
    const reached = scenarios.evaluation?.gaps.find((r) => r.key === 'doryoku/II')
    expect(reached!.score! >= reached!.natAvg!).toBe(true)
    expect(text(w, '[data-testid="plan-applied"]')).toContain('反映しました')
  })

  it('the money question accepts its own default: 1,000,000 fits the field\'s min and step', async () => {
    const { wrapper: w } = await mountSimulator()
    const input = w.get('[data-testid="money-yen"]').element as HTMLInputElement
    const value = Number(input.value)
    expect(value).toBe(1_000_000)
    // happy-dom does not check step: do the browser's arithmetic (the e2e test asks Chromium too)
    const min = Number(input.min)
    const step = Number(input.step)
    expect(value >= min && (value - min) % step === 0).toBe(true)
    await w.get('[data-testid="ask-money"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="inverse-answer"]').attributes('data-status')).toBe('reachable')
  })

  it('the money question finds items worth at least the sum asked, and applying them shows that much more', async () => {
    const { wrapper: w, scenarios } = await mountSimulator()
    await w.get('[data-testid="ask-money"] input').setValue('1000000')
    await w.get('[data-testid="ask-money"]').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="inverse-answer"]').attributes('data-status')).toBe('reachable')
    await w.get('[data-testid="apply-plan"]').trigger('click')
    await flushPromises()
    const change = scenarios.evaluation!.allocation.total.changeYen!
    expect(change).toBeGreaterThanOrEqual(1_000_000)
    expect(totalChange(w)).toBe(formatSignedYen(change))
  })

  it('passing the next municipality needs peers: says why not, then answers with them', async () => {
    const { wrapper: w, store } = await mountSimulator()
    expect(w.get('[data-testid="pass-unavailable"]').text()).toContain('全国の評価結果が読み込まれていない')
    expect(w.find('[data-testid="ranks-unavailable"]').exists()).toBe(true)
    const peer = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    peer.municipality = { code: '04202', name: '石巻市', prefecture: '宮城県' }
    peer.grants.suishin!.total.score = 250
    await putRecords(store.database()!, [toRecord(peer, '2025-06-01T00:00:00.000Z')])
    await store.reload()
    await flushPromises()
    // a second municipality alone is no pool: the year's national population is
    expect(w.find('[data-testid="pass-unavailable"]').exists()).toBe(true)
    await store.database()!.populations.put(toPopulationRecord(populationOfCodes(2025, ['04212', '04202']), '2025-06-01T00:00:00.000Z'))
    await store.reload()
    await flushPromises()
    expect(text(w, '[data-testid="rank-suishin"]')).toContain('2位／2 → 2位／2')
    await w.get('[data-testid="ask-pass"]').trigger('submit')
    await flushPromises()
    expect(text(w, '[data-testid="inverse-summary"]')).toContain('石巻市')
    await w.get('[data-testid="apply-plan"]').trigger('click')
    await flushPromises()
    expect(text(w, '[data-testid="rank-suishin"]')).toContain('2位／2 → 1位／2')
  })

  it('saves a named scenario, keeps its id in the URL, and renames, duplicates and deletes it', async () => {
    const { wrapper: w, router, scenarios } = await mountSimulator()
    await w.get('[data-testid="scenario-name"]').setValue('認知症施策の強化')
    await w.get('[data-testid="slider-doryoku/II/structure"]').setValue('40')
    await w.get('[data-testid="scenario-toolbar"] form').trigger('submit')
    await vi.waitFor(() => expect(scenarios.isSaved).toBe(true))
    await flushPromises()
    expect(router.currentRoute.value.query.s).toBe(scenarios.current?.id)
    expect(text(w, '[data-testid="scenario-status"]')).toBe('保存済み')
    expect(w.findAll('[data-testid="scenario-item-name"]').map((x) => x.text())).toEqual(['認知症施策の強化'])

    const item = () => w.get(`[data-testid="scenario-${scenarios.current!.id}"]`)
    await item().get('[data-testid="duplicate-scenario"]').trigger('click')
    await vi.waitFor(() => expect(scenarios.saved).toHaveLength(2))
    await item().get('[data-testid="rename-scenario"]').trigger('click')
    await item().get('[data-testid="rename-input"]').setValue('案A')
    await item().get('form').trigger('submit')
    await vi.waitFor(() => expect(w.findAll('[data-testid="scenario-item-name"]').map((x) => x.text()).sort()).toEqual(['案A', '認知症施策の強化のコピー']))

    // compare: baseline, A (the open one) and B (the copy)
    const copyId = scenarios.saved.find((s) => s.name.endsWith('のコピー'))!.id
    await w.get('[data-testid="compare-b"]').setValue(copyId)
    const heads = w.findAll('[data-testid="compare-table"] thead th').map((th) => th.text())
    expect(heads).toEqual(['項目', '現状（公表値）', 'A：案A', 'B：認知症施策の強化のコピー'])
    expect(w.get('[data-testid="compare-table"] tr[data-key="doryoku/score"]').findAll('td').map((td) => td.text())).toEqual(['190', '216', '216'])
    expect(w.get('[data-testid="compare-table"] tr[data-key="total/change"]').findAll('td').map((td) => td.text())).toEqual(['—', '+1,164,868円', '+1,164,868円'])

    // deleting asks first
    const id = scenarios.current!.id
    await item().get('[data-testid="delete-scenario"]').trigger('click')
    expect(item().text()).toContain('削除しますか')
    await item().get('[data-testid="confirm-delete"]').trigger('click')
    await vi.waitFor(() => expect(scenarios.saved.map((s) => s.id)).not.toContain(id))
    await flushPromises()
    expect(router.currentRoute.value.query.s).toBeUndefined()
  })

  it('a URL with ?s= opens that saved scenario; a draft has no id in the URL', async () => {
    const { wrapper: w, router, scenarios } = await mountSimulator()
    scenarios.setName('URLで開く')
    scenarios.setGroupScore('doryoku/II/structure', 30)
    await scenarios.save()
    const id = scenarios.current!.id
    await flushPromises()
    expect(router.currentRoute.value.query.s).toBe(id)
    await w.get('[data-testid="new-scenario"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.s).toBeUndefined()
    expect((w.get('[data-testid="slider-doryoku/II/structure"]').element as HTMLInputElement).value).toBe('14')
    await router.push(`${PATH}&s=${id}`)
    await vi.waitFor(() => expect(scenarios.current?.id).toBe(id))
    await flushPromises()
    expect((w.get('[data-testid="scenario-name"]').element as HTMLInputElement).value).toBe('URLで開く')
    expect((w.get('[data-testid="slider-doryoku/II/structure"]').element as HTMLInputElement).value).toBe('30')
    await router.push(`${PATH}&s=no-such-id`)
    await vi.waitFor(() => expect(w.text()).toContain('URLで指定されたシナリオが見つかりません'))
  })

  it('a totals-only year says it cannot be simulated', async () => {
    const { wrapper: w } = await mountWithApp(SimulatorView, { path: '/simulate?m=04212&y=2023', want: { code: '04212', fiscalYear: 2023 } })
    await flushPromises()
    expect(w.get('[data-testid="not-editable"]').text()).toContain('シミュレーションできません')
  })

  it('令和6年度 (totals only) does not tell the user to pick 令和6年度 or later: it names the years that work', async () => {
    const { wrapper: w } = await mountWithApp(SimulatorView, { path: '/simulate?m=04212&y=2024', want: { code: '04212', fiscalYear: 2024 } })
    await flushPromises()
    const note = w.get('[data-testid="not-editable"]').text()
    expect(note).toContain('令和6年度は指標群ごとの得点がないため、シミュレーションできません。')
    expect(note).toContain('指標群ごとの得点がある令和7年度を選んでください。')
    expect(note).not.toContain('令和6年度以降')
  })
})

describe('allocation assumptions', () => {
  it('stating that the municipality loses the additional frame changes the estimate, and is saved with the scenario', async () => {
    const { wrapper: w, scenarios } = await mountSimulator()
    const frame = w.get('[data-testid="frame-doryoku-additional"]')
    await frame.findAll('input[type="radio"]')[1]!.setValue(true)
    await flushPromises()
    const inputs = w.get('[data-testid="frame-doryoku-additional"]').findAll('input[type="number"]')
    expect((inputs[0]!.element as HTMLInputElement).value).toBe('2270000')
    await inputs[1]!.setValue('0')
    await inputs[1]!.trigger('change')
    await flushPromises()
    expect(scenarios.current?.assumptions).toEqual({ otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 2_270_000, scenarioYen: 0 } } } })
    expect(grantChange(w, 'doryoku')).toBe('−2,270,000円')
    expect(w.get('[data-testid="alloc-assumptions"]').text()).toContain('入力された値（現状2,270,000円、シナリオ0円）')
  })
})

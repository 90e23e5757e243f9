/**
 * Meeting mode mounted with the real store on fake-indexeddb and a memory router; charts are
 * stubbed (no canvas in happy-dom) and the off-screen chart images are faked.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import PresentView from '@/views/PresentView.vue'
import { loadSlideChoice, saveScenario } from '@/db'
import { createScenario, withGroupScore } from '@/domain'
import { createMemoryHistory, createRouter } from 'vue-router'
import { router as appRouter } from '@/router'
import type { DatasetKey } from '@/domain'
import { setupStore } from './mountApp'

vi.mock('@/composables/chartImage', () => ({
  renderChartImage: vi.fn(async (_o: unknown, size: { width: number; height: number }) => ({ dataUrl: 'data:image/png;base64,AAAA', ...size })),
}))

const PATH = '/present?m=04212&y=2025'
const SLIDES = 7
let mounted: VueWrapper[] = []

/** The view on a fresh database (fake-indexeddb), with a memory router at `path`. */
async function open(path = PATH, want: Partial<DatasetKey> = {}, attach = false) {
  const { pinia, store } = await setupStore(want)
  const router = createRouter({ history: createMemoryHistory(), routes: appRouter.options.routes })
  await router.push(path)
  await router.isReady()
  await import('@/components/BaseChart.vue')
  const wrapper = mount(PresentView, { ...(attach ? { attachTo: document.body } : {}), global: { plugins: [pinia, router], stubs: { Echarts: true } } })
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, store, router, pinia }
}

afterEach(() => {
  for (const w of mounted) w.unmount()
  mounted = []
  document.body.innerHTML = ''
})

const number = (w: VueWrapper): string => w.get('.present-main [data-testid="slide-number"]').text()
const slideId = (w: VueWrapper): string | undefined => w.get('.present-main .deck-slide').attributes('data-slide-id')

async function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = window): Promise<void> {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }))
  await flushPromises()
}

describe('PresentView: the deck', () => {
  it('builds the example deck: title slide first, municipality, year and source on the slide', async () => {
    const { wrapper: w } = await open()
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    const slide = w.get('.present-main .deck-slide')
    expect(slide.text()).toContain('登米市（宮城県）')
    expect(slide.text()).toContain('令和7年度 (2025)')
    expect(slide.text()).toContain('出典：登米市「令和7年度')
    expect(slide.get('[data-testid="title-card-suishin"]').text()).toContain('4位／35')
    expect(slide.get('[data-testid="slide-caption"]').text()).toBe('推進交付金は全国平均を26.7点上回り、努力支援交付金は26.7点下回りました')
    expect(w.findAll('[data-testid="slide-chooser"] li')).toHaveLength(SLIDES)
  })

  it('hands each chart slide a large-type option with animation off', async () => {
    const { wrapper: w } = await open(`${PATH}&slide=3`)
    expect(slideId(w)).toBe('radar-doryoku')
    const chart = w.findComponent({ name: 'Echarts' })
    const option = chart.props('option') as { animation: boolean; radar: { axisName: { fontSize: number } }; legend: { orient: string } }
    expect(option.animation).toBe(false)
    expect(option.radar.axisName.fontSize).toBe(26)
    expect(option.legend.orient).toBe('vertical')
    expect(w.get('.present-main [data-testid="slide-caption"]').text()).toBe('努力支援交付金は4目標中1目標で全国平均を上回り、最も下回るのは目標II 認知症総合支援（−26.5点）です')
  })
})

describe('PresentView: keys', () => {
  it('→ ← PageDown PageUp Space Shift+Space Home End move, and the URL keeps the slide', async () => {
    const { wrapper: w, router } = await open()
    await press('ArrowRight')
    expect(number(w)).toBe(`2 / ${SLIDES}`)
    expect(router.currentRoute.value.query.slide).toBe('2')
    await press(' ')
    expect(number(w)).toBe(`3 / ${SLIDES}`)
    await press(' ', { shiftKey: true })
    expect(number(w)).toBe(`2 / ${SLIDES}`)
    await press('PageDown')
    await press('PageDown')
    expect(number(w)).toBe(`4 / ${SLIDES}`)
    await press('PageUp')
    expect(number(w)).toBe(`3 / ${SLIDES}`)
    await press('End')
    expect(number(w)).toBe(`${SLIDES} / ${SLIDES}`)
    expect(slideId(w)).toBe('trend-doryoku')
    await press('ArrowRight')
    expect(number(w)).toBe(`${SLIDES} / ${SLIDES}`)
    await press('Home')
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    await press('ArrowLeft')
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    expect(router.currentRoute.value.query).toMatchObject({ m: '04212', y: '2025', slide: '1' })
  })

  it('ignores keys while typing in an input, and browser shortcuts with Ctrl', async () => {
    const { wrapper: w } = await open()
    const input = document.createElement('input')
    document.body.append(input)
    input.focus()
    await press('ArrowRight', {}, input)
    await press(' ', {}, input)
    await press('Escape', {}, input)
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    await press('ArrowRight', { ctrlKey: true })
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    await press('ArrowRight', {}, input.ownerDocument.body)
    expect(number(w)).toBe(`2 / ${SLIDES}`)
  })

  it('Esc leaves for the overview, keeping the municipality and year', async () => {
    const { router } = await open(`${PATH}&slide=4`)
    await press('Escape')
    expect(router.currentRoute.value.name).toBe('overview')
    expect(router.currentRoute.value.query).toEqual({ m: '04212', y: '2025' })
    // Back returns to the deck on the same slide
    router.back()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('present'))
    expect(router.currentRoute.value.query.slide).toBe('4')
  })

  it('the toolbar buttons move too, and the number is clamped from the URL', async () => {
    const { wrapper: w } = await open(`${PATH}&slide=99`)
    expect(number(w)).toBe(`${SLIDES} / ${SLIDES}`)
    await w.get('[data-testid="slide-prev"]').trigger('click')
    await flushPromises()
    expect(number(w)).toBe(`${SLIDES - 1} / ${SLIDES}`)
  })
})

describe('PresentView: choosing slides', () => {
  it('leaving a slide out shrinks the deck, is saved for the municipality, and is restored next time', async () => {
    const { wrapper: w, store, pinia, router } = await open()
    await w.get('[data-testid="include-gap"]').setValue(false)
    await flushPromises()
    expect(number(w)).toBe(`1 / ${SLIDES - 1}`)
    const db = store.database()
    expect(db).not.toBeNull()
    const saved = db ? await loadSlideChoice(db, '04212') : null
    expect(saved?.find((e) => e.id === 'gap')).toEqual({ id: 'gap', included: false })

    // a second visit: a new view on the same database reads the choice back
    w.unmount()
    mounted = []
    const again = mount(PresentView, { global: { plugins: [pinia, router], stubs: { Echarts: true } } })
    mounted.push(again)
    await flushPromises()
    await flushPromises()
    expect(number(again)).toBe(`1 / ${SLIDES - 1}`)
    expect((again.get('[data-testid="include-gap"]').element as HTMLInputElement).checked).toBe(false)
  })

  it('↑/↓ reorder the deck, focus follows the moved slide, and the order is saved', async () => {
    const { wrapper: w, store } = await open(PATH, {}, true)
    const order = (): (string | undefined)[] => w.findAll('[data-testid="slide-chooser"] li').map((li) => li.attributes('data-testid'))
    const down = w.get('[data-move="title:1"]')
    ;(down.element as HTMLButtonElement).focus()
    await down.trigger('click')
    await flushPromises()
    expect(order().slice(0, 2)).toEqual(['choice-radar-suishin', 'choice-title'])
    expect(document.activeElement?.getAttribute('data-move')).toBe('title:1')
    expect(slideId(w)).toBe('radar-suishin')

    const up = w.get('[data-move="title:-1"]')
    await up.trigger('click')
    await flushPromises()
    expect(order()[0]).toBe('choice-title')
    // at the top the ↑ button is disabled: focus moves to the slide's ↓ button
    expect(document.activeElement?.getAttribute('data-move')).toBe('title:1')
    expect((w.get('[data-move="title:-1"]').element as HTMLButtonElement).disabled).toBe(true)

    const db = store.database()
    const saved = db ? await loadSlideChoice(db, '04212') : null
    expect(saved?.map((e) => e.id).slice(0, 2)).toEqual(['title', 'radar-suishin'])
  })

  it('既定の構成に戻す brings every standard slide back in the default order', async () => {
    const { wrapper: w } = await open()
    await w.get('[data-testid="include-title"]').setValue(false)
    await w.get('[data-move="gap:-1"]').trigger('click')
    await flushPromises()
    expect(number(w)).toBe(`1 / ${SLIDES - 1}`)
    await w.get('[data-testid="choice-reset"]').trigger('click')
    await flushPromises()
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    expect(slideId(w)).toBe('title')
  })

  it('a totals-only year has no chart slides but keeps the title and trend slides', async () => {
    const { wrapper: w } = await open('/present?m=04212&y=2024', { fiscalYear: 2024 })
    const ids = w.findAll('[data-testid="slide-chooser"] li').map((li) => li.attributes('data-testid'))
    expect(ids).toEqual(['choice-title', 'choice-trend-suishin', 'choice-trend-doryoku'])
    expect(w.get('.present-main [data-testid="slide-caption"]').text()).toBe('推進交付金の得点率は56.8%で、努力支援交付金の得点率は52.3%でした')
  })
})

describe('PresentView: saved what-if scenarios', () => {
  it('a saved scenario is offered as a slide, left out until chosen, and shows scores and 推計 amounts', async () => {
    const { pinia, store } = await setupStore()
    const db = store.database()
    if (!db) throw new Error('no database')
    const s = withGroupScore(createScenario({ id: 'sc-1', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: '2026-01-01T00:00:00Z' }), 'doryoku/II/structure', 40, '2026-01-01T00:00:00Z')
    await saveScenario(db, s)
    const router = createRouter({ history: createMemoryHistory(), routes: appRouter.options.routes })
    await router.push(PATH)
    const w = mount(PresentView, { global: { plugins: [pinia, router], stubs: { Echarts: true } } })
    mounted.push(w)
    await flushPromises()
    await flushPromises()
    const box = w.get('[data-testid="include-scenario:sc-1"]')
    expect((box.element as HTMLInputElement).checked).toBe(false)
    expect(w.get('[data-testid="choice-scenario:sc-1"]').text()).toContain('シナリオ「認知症施策の強化」の試算（推計）')
    expect(number(w)).toBe(`1 / ${SLIDES}`)
    await box.setValue(true)
    await press('End')
    expect(number(w)).toBe(`${SLIDES + 1} / ${SLIDES + 1}`)
    const slide = w.get('.present-main .deck-slide')
    expect(slide.attributes('data-slide-id')).toBe('scenario:sc-1')
    expect(slide.text()).toContain('190点 → 216点')
    expect(slide.text()).toContain('努力支援交付金 目標II 体制・取組指標群：14点 → 40点')
    expect(slide.text()).toContain('1,135万円 → 1,251.5万円')
    expect(slide.text()).toContain('+116.5万円')
  })
})

describe('PresentView: print layout', () => {
  it('renders the whole chosen deck for print, with the chart images once drawn', async () => {
    const { wrapper: w } = await open()
    const print = w.get('[data-testid="print-deck"]')
    expect(print.findAll('.print-page')).toHaveLength(SLIDES)
    expect(print.attributes('data-print-ready')).toBe('false')
    // drawn in the background, a moment after the deck is on screen
    await vi.waitFor(() => expect(w.get('[data-testid="print-deck"]').attributes('data-print-ready')).toBe('true'), { timeout: 5000 })
    expect(w.findAll('.print-deck img.chart-slide-img')).toHaveLength(5)
    expect(w.findAll('.print-deck [data-testid="slide-number"]').map((n) => n.text())).toEqual(
      Array.from({ length: SLIDES }, (_, i) => `${i + 1} / ${SLIDES}`),
    )
  })
})

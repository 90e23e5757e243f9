/** The pure parts of meeting mode: slide choice, key mapping, slide numbers, large type, slides. */
import { describe, expect, it } from 'vitest'
import { includedByDefault, mergeChoice, moveEntry, storedChoice, toggleEntry } from '@/composables/useSlideChoice'
import { isTypingTarget, slideKeyAction } from '@/composables/useSlideKeys'
import { slideIndexFromQuery } from '@/composables/useSlideNav'
import { largeTypeOption } from '@/composables/largeTypeOption'
import { buildSlides, deckMeta, scenarioSlide, STANDARD_SLIDE_IDS } from '@/composables/presentationSlides'
import {
  applyScenarioDetailed, createScenario, estimateChange, scenarioParams, withGroupScore,
} from '@/domain'
import { exampleDatasets } from '@/data/example'

const e = (id: string, included = true) => ({ id, included })
const ALL = ['title', 'radar-suishin', 'radar-doryoku', 'gap', 'weakest', 'trend-suishin', 'trend-doryoku']

describe('mergeChoice', () => {
  it('without a saved choice: every slide, in the default order, scenarios left out', () => {
    expect(mergeChoice(null, [...ALL, 'scenario:a'])).toEqual([...ALL.map((id) => e(id)), e('scenario:a', false)])
    expect(includedByDefault('gap')).toBe(true)
    expect(includedByDefault('scenario:x')).toBe(false)
  })

  it('keeps the saved order and choice, and drops slides not available now', () => {
    const saved = [e('weakest'), e('title'), e('gap', false), e('radar-suishin')]
    expect(mergeChoice(saved, ['title', 'radar-suishin', 'gap', 'weakest'])).toEqual([e('weakest'), e('title'), e('gap', false), e('radar-suishin')])
    expect(mergeChoice(saved, ['title', 'trend-suishin'])).toEqual([e('title'), e('trend-suishin')])
  })

  it('places a slide missing from the saved choice after its nearest predecessor in the default order', () => {
    // saved in a totals-only year: title, trends; now the radars, gap and weakest are available
    const saved = [e('trend-doryoku'), e('title'), e('trend-suishin', false)]
    expect(mergeChoice(saved, ALL).map((x) => x.id)).toEqual(['trend-doryoku', 'title', 'radar-suishin', 'radar-doryoku', 'gap', 'weakest', 'trend-suishin'])
    expect(mergeChoice([e('gap')], ['title', 'gap']).map((x) => x.id)).toEqual(['title', 'gap'])
  })
})

describe('storedChoice, moveEntry, toggleEntry', () => {
  it('stores the visible entries and keeps saved entries of slides not available now', () => {
    expect(storedChoice([e('title'), e('gap', false)], [e('trend-suishin', false), e('gap'), e('title')])).toEqual([e('title'), e('gap', false), e('trend-suishin', false)])
  })

  it('moves one place and stops at either end', () => {
    const list = [e('a'), e('b'), e('c')]
    expect(moveEntry(list, 'b', -1).map((x) => x.id)).toEqual(['b', 'a', 'c'])
    expect(moveEntry(list, 'b', 1).map((x) => x.id)).toEqual(['a', 'c', 'b'])
    expect(moveEntry(list, 'a', -1).map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(moveEntry(list, 'c', 1).map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(moveEntry(list, 'zz', 1).map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'c'])
  })

  it('toggles one entry', () => {
    expect(toggleEntry([e('a'), e('b')], 'b', false)).toEqual([e('a'), e('b', false)])
  })
})

describe('slideKeyAction', () => {
  const key = (k: string, o: Partial<KeyboardEvent> = {}) =>
    slideKeyAction({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, target: document.body, ...o })

  it('maps the presentation keys', () => {
    expect(['ArrowRight', 'ArrowDown', 'PageDown', ' '].map((k) => key(k))).toEqual(['next', 'next', 'next', 'next'])
    expect(['ArrowLeft', 'ArrowUp', 'PageUp'].map((k) => key(k))).toEqual(['prev', 'prev', 'prev'])
    expect(key(' ', { shiftKey: true })).toBe('prev')
    expect([key('Home'), key('End'), key('Escape'), key('f'), key('F')]).toEqual(['first', 'last', 'leave', 'toggleFullscreen', 'toggleFullscreen'])
    expect(key('a')).toBeNull()
  })

  it('leaves browser shortcuts and IME composition alone', () => {
    expect(key('ArrowLeft', { altKey: true })).toBeNull()
    expect(key('p', { ctrlKey: true })).toBeNull()
    expect(key('f', { metaKey: true })).toBeNull()
    expect(key(' ', { isComposing: true })).toBeNull()
  })

  it('ignores typing targets; Space and Enter on a button press the button', () => {
    const input = document.createElement('input')
    const textarea = document.createElement('textarea')
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' })
    const button = document.createElement('button')
    const editable = document.createElement('div')
    editable.contentEditable = 'true'
    expect(isTypingTarget(input)).toBe(true)
    expect(isTypingTarget(textarea)).toBe(true)
    expect(isTypingTarget(checkbox)).toBe(false)
    expect(key('ArrowRight', { target: input })).toBeNull()
    expect(key('Escape', { target: textarea })).toBeNull()
    expect(key(' ', { target: button })).toBeNull()
    expect(key(' ', { target: checkbox })).toBeNull()
    expect(key('ArrowRight', { target: button })).toBe('next')
    expect(key('ArrowRight', { target: checkbox })).toBe('next')
  })
})

describe('slideIndexFromQuery', () => {
  it('is 1-based in the URL, clamped to the deck, and the first slide when absent or odd', () => {
    expect(slideIndexFromQuery('3', 7)).toBe(2)
    expect(slideIndexFromQuery('99', 7)).toBe(6)
    expect(slideIndexFromQuery('0', 7)).toBe(0)
    expect(slideIndexFromQuery(undefined, 7)).toBe(0)
    expect(slideIndexFromQuery('2x', 7)).toBe(0)
    expect(slideIndexFromQuery(['2'], 7)).toBe(0)
    expect(slideIndexFromQuery('3', 0)).toBe(0)
  })
})

describe('largeTypeOption', () => {
  it('sets every text size, grows markers and margins, turns animation off, leaves the input alone', () => {
    const input = {
      animation: true,
      textStyle: { fontFamily: 'x' },
      grid: { left: 12, top: 44 },
      xAxis: { axisLabel: { color: '#000' }, nameGap: 24 },
      legend: { bottom: 0, textStyle: {} },
      series: [{ type: 'line', symbolSize: 9, lineStyle: { width: 2 }, label: { show: true }, markLine: { label: { show: true } }, data: [{ value: 1, label: { position: 'left' } }] }],
    }
    const copy = structuredClone(input)
    const out = largeTypeOption(input, { fontSize: 24 }) as typeof input & { legend: { itemWidth: number } }
    expect(input).toEqual(copy)
    expect(out.animation).toBe(false)
    expect(out.textStyle).toMatchObject({ fontFamily: 'x', fontSize: 24, lineHeight: 31 })
    expect(out.xAxis.axisLabel).toMatchObject({ fontSize: 24, color: '#000' })
    expect(out.xAxis.nameGap).toBe(48)
    expect(out.series[0]?.symbolSize).toBe(18)
    expect(out.series[0]?.lineStyle.width).toBe(3)
    expect(out.series[0]?.markLine.label).toMatchObject({ fontSize: 24 })
    expect(out.series[0]?.data[0]?.label).toMatchObject({ fontSize: 24, position: 'left' })
    expect(out.grid).toEqual({ left: 18, top: 66 })
    expect(out.legend.itemWidth).toBe(50)
  })

  it('a radar gets the whole height, one-line axis names and the legend at the side', () => {
    const out = largeTypeOption({ radar: { radius: '70%', axisName: { fontSize: 13, formatter: () => 'a\nb' } }, legend: { bottom: 0 } }, { fontSize: 26 }) as {
      radar: { radius: string; axisName: Record<string, unknown> }; legend: Record<string, unknown>
    }
    expect(out.radar.radius).toBe('80%')
    expect(out.radar.axisName.fontSize).toBe(26)
    expect(out.radar.axisName.formatter).toBeUndefined()
    expect(out.legend).toMatchObject({ orient: 'vertical', right: 0, top: 'middle' })
    expect(out.legend.bottom).toBeUndefined()
  })
})

describe('buildSlides', () => {
  const all = exampleDatasets()
  const ds = all.find((d) => d.fiscalYear === 2025)!

  it('FY2025: the seven standard slides in the default order, each with a caption', () => {
    const slides = buildSlides(ds, all)
    expect(slides.map((s) => s.id)).toEqual([...STANDARD_SLIDE_IDS])
    expect(slides.every((s) => s.caption.length > 10)).toBe(true)
    const weakest = slides.find((s) => s.id === 'weakest')
    expect(weakest?.kind === 'list' && weakest.items[0]).toEqual({ key: 'doryoku/II', head: '介護保険保険者努力支援交付金 目標II 認知症総合支援', detail: '全国平均を26.5点下回る' })
    const chart = slides.find((s) => s.id === 'gap')
    expect(chart?.kind === 'chart' && (chart.option as { animation: boolean }).animation).toBe(false)
  })

  it('meta: who, year, source and a file name', () => {
    expect(deckMeta(ds)).toEqual({ who: '登米市（宮城県）', year: '令和7年度 (2025)', source: ds.source.label, fileStem: '登米市_2025_会議資料' })
  })

  it('a saved scenario becomes a table slide with before/after scores and modelled amounts, labelled 推計', () => {
    const s = withGroupScore(createScenario({ id: 's1', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: 'T' }), 'doryoku/II/structure', 40, 'T')
    const applied = applyScenarioDetailed(ds, s)
    const slide = scenarioSlide({ id: s.id, name: s.name, baseline: ds, applied: applied.dataset, changes: ['努力支援交付金 目標II 体制・取組指標群：14点 → 40点'], allocation: estimateChange(ds, s, scenarioParams(s)) })
    expect(slide.id).toBe('scenario:s1')
    expect(slide.title).toBe('シナリオ「認知症施策の強化」の試算（推計）')
    expect(slide.caption).toMatch(/^シナリオ「認知症施策の強化」では努力支援交付金が26点上がり、交付額は計\+[\d.]+万円の見込みです（推計）$/)
    const doryoku = slide.rows.find((r) => r.key === 'doryoku')
    expect(doryoku?.cells[0]).toBe('190点 → 216点')
    expect(doryoku?.cells[1]).toBe('+26点')
    expect(slide.rows.find((r) => r.key === 'suishin')?.cells[1]).toBe('±0点')
    expect(slide.note).toMatch(/^推計/)
    expect(buildSlides(ds, all, []).some((x) => x.kind === 'table')).toBe(false)
  })
})

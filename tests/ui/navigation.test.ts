import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises } from '@vue/test-utils'
import TheNav from '@/components/TheNav.vue'
import { documentTitle, useDocumentTitle } from '@/composables/useDocumentTitle'
import { mountWithApp } from './mountApp'

const current = (w: Awaited<ReturnType<typeof mountWithApp>>['wrapper']): string[] =>
  w.findAll('[aria-current="page"]').map((a) => a.text())

describe('navigation', () => {
  it('marks the tab of the view shown, and none on a goal drill-down or a single chart', async () => {
    const { wrapper, router } = await mountWithApp(TheNav, { path: '/?m=04212&y=2025' })
    expect(current(wrapper)).toEqual(['概要'])
    for (const path of ['/chart/radar-doryoku?m=04212&y=2025', '/goal/doryoku/II?m=04212&y=2025']) {
      await router.push(path)
      await flushPromises()
      expect(current(wrapper), path).toEqual([])
    }
    await router.push('/simulate?m=04212&y=2025')
    await flushPromises()
    expect(current(wrapper)).toEqual(['シミュレーション'])
  })

  it('the tab title names the view, the municipality and the year', async () => {
    const Probe = defineComponent({ setup() { useDocumentTitle(); return () => h('div') } })
    const { router } = await mountWithApp(Probe, { path: '/compare?m=04212&y=2025' })
    expect(document.title).toBe('比較｜登米市 令和7年度 — incentive-lens')
    await router.push('/simulate?m=04212&y=2025')
    await flushPromises()
    expect(document.title).toBe('シミュレーション｜登米市 令和7年度 — incentive-lens')
    await router.push('/chart/radar-doryoku?m=04212&y=2025')
    await flushPromises()
    expect(document.title).toBe('グラフ｜登米市 令和7年度 — incentive-lens')
    expect(documentTitle(null, null, null)).toBe('incentive-lens')
  })
})

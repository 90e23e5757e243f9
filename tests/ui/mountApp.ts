/** Mounting helpers: a real store on fake-indexeddb, a memory router, and the chart stubbed (happy-dom has no canvas). */
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import type { Component } from 'vue'
import { router as appRouter } from '@/router'
import { useDatasetsStore } from '@/stores/datasets'
import type { DatasetKey } from '@/domain'

export async function setupStore(want: Partial<DatasetKey> = {}) {
  Dexie.dependencies.indexedDB = new IDBFactory()
  const pinia = createPinia()
  setActivePinia(pinia)
  const store = useDatasetsStore()
  await store.init(want, 'ui-db')
  return { pinia, store }
}

export async function mountWithApp(component: Component, opts: { path?: string; want?: Partial<DatasetKey>; props?: Record<string, unknown> } = {}) {
  const { pinia, store } = await setupStore(opts.want)
  const router = createRouter({ history: createMemoryHistory(), routes: appRouter.options.routes })
  await router.push(opts.path ?? '/')
  await router.isReady()
  // ChartPanel loads the chart lazily; have the module ready so one flush settles it
  await import('@/components/BaseChart.vue')
  const wrapper = mount(component, { props: opts.props, global: { plugins: [pinia, router], stubs: { Echarts: true } } })
  await flushPromises()
  return { wrapper, store, router }
}

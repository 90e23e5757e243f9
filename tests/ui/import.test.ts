import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { readFileSync } from 'node:fs'
import DataView from '@/views/DataView.vue'
import { useImportStore } from '@/stores/imports'
import { exampleDatasets } from '@/data/example'
import { longTableCsv } from '@/domain/export/longTableCsv'
import { mountWithApp } from './mountApp'

const fixture = (name: string) => new File([readFileSync(`tests/fixtures/csv/${name}`)], name, { type: 'text/csv' })
const stored = async (store: { database: () => { datasets: { toArray: () => Promise<unknown[]> } } | null }) =>
  JSON.stringify(await store.database()!.datasets.toArray())

/** fake-indexeddb completes on timers, so a click that writes needs more than a microtask flush */
async function settle(until: () => boolean) {
  for (let i = 0; i < 50 && !until(); i++) await new Promise((r) => setTimeout(r, 10))
  await flushPromises()
}

async function choose(wrapper: Awaited<ReturnType<typeof mountWithApp>>['wrapper'], file: File) {
  const input = wrapper.get('[data-testid="import-file"]')
  Object.defineProperty(input.element, 'files', { value: [file], configurable: true })
  await input.trigger('change')
  // reading the file and checking stored keys are real async steps
  for (let i = 0; i < 10 && !wrapper.find('[data-testid="import-preview"]').exists(); i++) await new Promise((r) => setTimeout(r, 20))
  await flushPromises()
}

describe('import with preview', () => {
  it('previews a valid CSV, writes nothing until confirmed, then adds the new municipality', async () => {
    const { wrapper, store } = await mountWithApp(DataView)
    const before = await stored(store)
    await choose(wrapper, fixture('valid-two-municipalities.csv'))
    expect(wrapper.get('[data-testid="preview-municipalities"]').text()).toBe('2')
    expect(wrapper.get('[data-testid="preview-counts"]').text()).toMatch(/^0件／/)
    // 登米市 2025 is already stored: a conflict, kept by default
    expect(wrapper.get('[data-testid="preview-conflicts"]').text()).toContain('登米市（04212）')
    expect(await stored(store)).toBe(before)

    await wrapper.get('[data-testid="import-commit"]').trigger('click')
    await settle(() => store.municipalities.length === 2)
    const names = new Set(store.datasets.map((d) => d.municipality.name))
    expect(names.size).toBe(2)
    expect(wrapper.get('[data-testid="import-message"]').text()).toContain('を追加')
    // the kept 2025 record is still the example
    expect(store.datasets.find((d) => d.municipality.code === '04212' && d.fiscalYear === 2025)?.source.example).toBe(true)
  })

  it('shows an error with row and column, cannot be committed, and changes nothing', async () => {
    const { wrapper, store } = await mountWithApp(DataView)
    const before = await stored(store)
    await choose(wrapper, fixture('above-max.csv'))
    const issues = wrapper.get('[data-testid="preview-issues"]').text()
    expect(issues).toContain('［above-max.csv］')
    expect(issues).toContain('3行目 得点: 配点64を超えています（70）')
    expect(wrapper.get('[data-testid="import-commit"]').attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="import-commit"]').trigger('click')
    await flushPromises()
    expect(await stored(store)).toBe(before)
  })

  it('a binary file renamed .csv gets a clear message', async () => {
    const { wrapper } = await mountWithApp(DataView)
    await choose(wrapper, fixture('pdf-renamed.csv'))
    expect(wrapper.get('[data-testid="preview-issues"]').text()).toContain('PDF')
  })

  it('replaces a conflicting dataset when the user says so', async () => {
    const { wrapper, store } = await mountWithApp(DataView)
    const edited = structuredClone(exampleDatasets())
    edited.forEach((d) => { d.grants.suishin!.total.score = (d.grants.suishin!.total.score ?? 0) + 1 })
    const file = new File([longTableCsv(edited)], 'mine.csv', { type: 'text/csv' })
    await choose(wrapper, file)
    const imports = useImportStore()
    expect(imports.conflicts.sort()).toEqual(['04212:2023', '04212:2024', '04212:2025'])
    imports.chooseAll('replace')
    await wrapper.get('[data-testid="import-commit"]').trigger('click')
    await settle(() => imports.phase === 'idle')
    expect(store.datasets.find((d) => d.fiscalYear === 2025)?.grants.suishin?.total.score).toBe(247)
    expect(store.datasets.find((d) => d.fiscalYear === 2025)?.source.file).toBe('mine.csv')
  })
})

describe('stored datasets', () => {
  it('deletes after confirmation and undoes', async () => {
    const { wrapper, store } = await mountWithApp(DataView)
    const row = () => wrapper.get('[data-testid="dataset-list"] tr[data-key="04212:2023"]')
    await row().get('[data-testid="delete"]').trigger('click')
    await row().get('[data-testid="confirm-delete"]').trigger('click')
    await settle(() => store.datasets.length === 2)
    expect(store.datasets.map((d) => d.fiscalYear).sort()).toEqual([2024, 2025])
    expect(wrapper.get('[data-testid="list-notice"]').text()).toContain('1件のデータを削除しました')
    await wrapper.get('[data-testid="undo-delete"]').trigger('click')
    await settle(() => store.datasets.length === 3)
    expect(store.datasets.map((d) => d.fiscalYear).sort()).toEqual([2023, 2024, 2025])
  })
})

import { describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import CompareView from '@/views/CompareView.vue'
import TheAppHeader from '@/components/TheAppHeader.vue'
import DashboardView from '@/views/DashboardView.vue'
import { importDatasets } from '@/db'
import { exampleDatasets } from '@/data/example'
import type { SizeTier, YearDataset } from '@/domain'
import { mountWithApp } from './mountApp'
import { populationOfCodes } from '../support/population'

/** 登米市 2025 plus eight peers: five more in 宮城県, three in 岩手県, scores spread around it. */
function peers(): YearDataset[] {
  const base = exampleDatasets().find((d) => d.fiscalYear === 2025)!
  const spec: [string, string, string, number, SizeTier][] = [
    ['04100', '仙台市', '宮城県', 300, 5], ['04202', '石巻市', '宮城県', 246, 3], ['04203', '塩竈市', '宮城県', 200, 3],
    ['04205', '気仙沼市', '宮城県', 180, 3], ['04206', '白石市', '宮城県', 150, 2],
    ['03201', '盛岡市', '岩手県', 260, 4], ['03202', '宮古市', '岩手県', 210, 3], ['03203', '大船渡市', '岩手県', 100, 2],
  ]
  const self = structuredClone(base)
  self.sizeTier = 3
  self.grants.suishin!.prefRank = null
  return [self, ...spec.map(([code, name, prefecture, score, tier]) => {
    const d = structuredClone(base)
    d.municipality = { code, name, prefecture }
    d.sizeTier = tier
    d.grants.suishin!.total.score = score
    d.source = { label: 'テスト', file: 'peers.csv', importedAt: null, example: false }
    return d
  })]
}

async function withPeers<T extends object>(component: T, path = '/') {
  const mounted = await mountWithApp(component, { path })
  const all = peers()
  await importDatasets(mounted.store.database()!, all, new Map([['04212:2025', 'replace']]), '2026-04-01T00:00:00Z',
    populationOfCodes(2025, all.map((d) => d.municipality.code)))
  await mounted.store.reload()
  await flushPromises()
  return mounted
}

describe('many municipalities', () => {
  it('ranks 登米市 among the loaded peers, ties shared (competition ranking)', async () => {
    const { wrapper } = await withPeers(CompareView, '/compare')
    // 宮城県: 300, 246 (登米市), 246 (石巻市), 200, 180, 150 → 登米市 shares 2nd of 6; all 9: 300, 260, 246, 246 … → 3rd of 9; tier 3 holds five, 登米市 tied first
    expect(wrapper.get('[data-testid="peer-ranks-suishin"]').text()).toBe('県内 2位／6・全体 3位／9・規模区分内 1位／5')
    const total = wrapper.get('[data-testid="peer-table"] tr[data-key="suishin"]').findAll('td').map((c) => c.text())
    // 宮城県 mean rate: (300+246+246+200+180+150)/6/400 = 55.083…%
    expect(total[1]).toBe('55.1%')
    expect(total[2]).toBe('+6.4')
  })

  it('the dashboard fills a missing published rank from the loaded data and says so', async () => {
    const { wrapper } = await withPeers(DashboardView)
    const card = wrapper.get('[data-testid="grant-suishin"]')
    expect(card.get('[data-testid="pref-rank"]').text()).toBe('2位／6（読み込んだデータから算出）')
    // 努力 keeps its published rank 5/35
    expect(wrapper.get('[data-testid="grant-doryoku"] [data-testid="pref-rank"]').text()).toBe('5位／35')
  })

  it('the selector searches by name or code', async () => {
    const { wrapper, store } = await withPeers(TheAppHeader)
    const search = wrapper.get('[data-testid="search-municipality"]')
    await search.setValue('盛岡')
    expect(store.selection?.code).toBe('03201')
    await search.setValue('0420')
    const names = wrapper.findAll('[data-testid="select-municipality"] option').map((o) => o.text())
    expect(names.some((n) => n.startsWith('石巻市'))).toBe(true)
    expect(names.some((n) => n.startsWith('宮古市'))).toBe(false)
  })
})

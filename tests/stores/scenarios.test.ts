import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { useDatasetsStore } from '@/stores/datasets'
import { useScenariosStore } from '@/stores/scenarios'
import { putRecords, toPopulationRecord, toRecord } from '@/db'
import { estimateChange, scenarioParams, type YearDataset } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { populationOfCodes } from '../support/population'

const DB = 'scenario-store-db'

async function setup() {
  setActivePinia(createPinia())
  const datasets = useDatasetsStore()
  await datasets.init({ code: '04212', fiscalYear: 2025 }, DB)
  const scenarios = useScenariosStore()
  await scenarios.load()
  scenarios.ensureForSelection()
  return { datasets, scenarios }
}

/** Another municipality of 宮城県 for FY2025 that scores above 登米市 in 推進 (a peer). */
function peer(code: string, name: string, suishin: number): YearDataset {
  const ds = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
  ds.municipality = { code, name, prefecture: '宮城県' }
  ds.grants.suishin!.total.score = suishin
  ds.source = { label: 'テスト', file: 'peers.csv', importedAt: '2025-06-01T00:00:00.000Z', example: false }
  return ds
}

beforeEach(() => {
  Dexie.dependencies.indexedDB = new IDBFactory()
})

describe('scenarios store', () => {
  it('starts an empty draft for the selection whose estimate is no change', async () => {
    const { scenarios } = await setup()
    expect(scenarios.current).toMatchObject({ code: '04212', fiscalYear: 2025, name: 'シナリオ1', edits: {}, items: [] })
    expect(scenarios.isSaved).toBe(false)
    expect(scenarios.dirty).toBe(false)
    expect(scenarios.evaluation?.allocation.total.changeYen).toBe(0)
    expect(scenarios.evaluation?.ranks).toBeNull()
    expect(scenarios.pool).toBeNull()
  })

  it('recomputes through the domain on every edit', async () => {
    const { datasets, scenarios } = await setup()
    scenarios.setGroupScore('doryoku/II/structure', 40)
    const s = scenarios.current!
    const expected = estimateChange(datasets.selected!, s, scenarioParams(s))
    expect(scenarios.evaluation?.allocation).toEqual(expected)
    expect(scenarios.evaluation?.allocation.grants.doryoku.changeYen).toBeGreaterThan(0)
    expect(scenarios.evaluation?.gaps.find((r) => r.key === 'doryoku')?.score).toBe(190 + 26)
    expect(scenarios.dirty).toBe(true)
    // goal IV once, counted in both grants
    scenarios.setGroupScore('suishin/IV/outcome', 55)
    expect(scenarios.evaluation?.gaps.find((r) => r.key === 'suishin/IV')?.score).toBe(55)
    expect(scenarios.evaluation?.gaps.find((r) => r.key === 'doryoku/IV')?.score).toBe(55)
    scenarios.setItem('doryoku-II-activity-1', true)
    expect(scenarios.evaluation?.gaps.find((r) => r.key === 'doryoku/II/activity')?.score).toBe(6 + 12)
  })

  it('saves, duplicates, renames and deletes; the list survives a new session', async () => {
    const { scenarios } = await setup()
    scenarios.setName('認知症施策の強化')
    scenarios.setGroupScore('doryoku/II/structure', 40)
    expect(await scenarios.save()).toBe(true)
    expect(scenarios.isSaved).toBe(true)
    expect(scenarios.dirty).toBe(false)
    const id = scenarios.current!.id
    const copy = await scenarios.duplicate(id)
    expect(copy?.name).toBe('認知症施策の強化のコピー')
    expect(await scenarios.rename(copy!.id, '比較用')).toBe(true)
    expect(scenarios.saved.map((s) => s.name).sort()).toEqual(['比較用', '認知症施策の強化'])

    // a new session on the same database
    const again = await setup()
    expect(again.scenarios.saved.map((s) => s.name).sort()).toEqual(['比較用', '認知症施策の強化'])
    const opened = await again.scenarios.open(id)
    expect(opened?.edits).toEqual({ 'doryoku/II/structure': 40 })
    expect(again.scenarios.isSaved).toBe(true)

    // deleting the open scenario leaves an empty draft
    expect(await again.scenarios.remove(id)).toBe(true)
    expect(again.scenarios.current?.id).not.toBe(id)
    expect(again.scenarios.isSaved).toBe(false)
    const third = await setup()
    expect(third.scenarios.saved.map((s) => s.name)).toEqual(['比較用'])
  })

  it('with peers of the same year, ranks with the others held fixed; the pool is laid out once', async () => {
    const { datasets, scenarios } = await setup()
    await putRecords(datasets.database()!, [toRecord(peer('04202', '石巻市', 260), '2025-06-01T00:00:00.000Z'), toRecord(peer('04203', '塩竈市', 250), '2025-06-01T00:00:00.000Z')])
    await datasets.reload()
    // loaded alone, they are no pool: only a national population is
    expect(scenarios.pool).toBeNull()
    await datasets.database()!.populations.put(toPopulationRecord(populationOfCodes(2025, ['04212', '04202', '04203']), '2025-06-01T00:00:00.000Z'))
    await datasets.reload()
    const pool = scenarios.pool
    expect(pool?.size).toBe(3)
    expect(scenarios.evaluation?.ranks?.suishin.baseline.pref).toEqual({ rank: 3, of: 3 })
    scenarios.setGroupScore('suishin/III/structure', 64) // +26: 246 → 272, above both
    expect(scenarios.evaluation?.ranks?.suishin.scenario.pref).toEqual({ rank: 1, of: 3 })
    expect(scenarios.evaluation?.allocation.grants.suishin.method).toBe('calibrated-score') // no insured count in the example
    expect(scenarios.pool).toBe(pool)
  })
})

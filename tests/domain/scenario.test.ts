import { describe, expect, it } from 'vitest'
import {
  applyScenario, applyScenarioDetailed, canonicalItemId, createScenario, findCatalogueItem, groupRoom, isEmptyScenario,
  parseGroupKey, scenarioFromJson, sharedTwinKey, withGroupScore, withItem, type GrantId, type Scenario, type YearDataset,
} from '@/domain'
import { editedExample, exampleYear } from './fixtures'

const NOW = '2025-06-01T00:00:00.000Z'
const LATER = '2025-06-02T00:00:00.000Z'

const scenarioOf = (ds: YearDataset, edits: Record<string, number> = {}, items: string[] = []): Scenario =>
  ({ ...createScenario({ id: 's1', name: 'テスト', code: ds.municipality.code, fiscalYear: ds.fiscalYear, now: NOW }), edits, items })

const goal = (ds: YearDataset, grant: GrantId, g: string) => ds.grants[grant]?.goals.find((x) => x.goal === g)
const group = (ds: YearDataset, key: string) => {
  const [grant, g, kind] = key.split('/') as [GrantId, string, string]
  return goal(ds, grant, g)?.groups.find((x) => x.kind === kind)
}

describe('scenario keys and items', () => {
  it('parses group keys and knows the goal IV twin', () => {
    expect(parseGroupKey('doryoku/II/structure')).toEqual({ grant: 'doryoku', goal: 'II', kind: 'structure' })
    expect(parseGroupKey('doryoku/V/structure')).toBeNull()
    expect(parseGroupKey('doryoku/II')).toBeNull()
    expect(sharedTwinKey('doryoku/IV/outcome')).toBe('suishin/IV/outcome')
    expect(sharedTwinKey('suishin/IV/outcome')).toBe('doryoku/IV/outcome')
    expect(sharedTwinKey('suishin/II/structure')).toBeNull()
  })

  it('finds catalogue items, goal IV under one canonical id', () => {
    expect(findCatalogueItem(2025, 'doryoku-II-structure-3')).toMatchObject({ points: 20, name: '難聴高齢者の早期発見・早期介入', groupKey: 'doryoku/II/structure' })
    expect(findCatalogueItem(2024, 'doryoku-II-structure-3')?.name).toBe('認知症初期集中支援チームの活動状況')
    expect(canonicalItemId('doryoku-IV-outcome-2')).toBe('suishin-IV-outcome-2')
    expect(findCatalogueItem(2025, 'doryoku-IV-outcome-2')?.id).toBe('suishin-IV-outcome-2')
    expect(findCatalogueItem(2025, 'doryoku-II-structure-9')).toBeNull()
    expect(findCatalogueItem(2023, 'doryoku-II-structure-1')).toBeNull()
  })
})

describe('applyScenario on the example (登米市 令和7年度)', () => {
  it('an empty scenario changes nothing', () => {
    const ds = exampleYear(2025)
    const r = applyScenarioDetailed(ds, scenarioOf(ds))
    expect(r.dataset).toBe(ds)
    expect(r.changes).toEqual([])
    expect(r.issues).toEqual([])
  })

  it('a group edit moves the goal and the grant total by its delta; averages stay', () => {
    const ds = exampleYear(2025)
    const r = applyScenarioDetailed(ds, scenarioOf(ds, { 'doryoku/II/structure': 40 }))
    const out = r.dataset
    expect(group(out, 'doryoku/II/structure')?.score).toBe(40)
    expect(goal(out, 'doryoku', 'II')?.score).toBe(46)
    expect(out.grants.doryoku?.total.score).toBe(216)
    expect(out.grants.doryoku?.total.natAvg).toBe(216.7)
    expect(goal(out, 'doryoku', 'II')?.natAvg).toBe(46.5)
    expect(group(out, 'doryoku/II/structure')?.prefAvg).toBe(32.9)
    // the published amount and ranks of the changed grant no longer hold
    expect(out.grants.doryoku?.amountYen).toBeNull()
    expect(out.grants.doryoku?.prefRank).toBeNull()
    // the other grant is untouched
    expect(out.grants.suishin?.total.score).toBe(246)
    expect(out.grants.suishin?.amountYen).toBe(7081000)
    expect(r.changes).toEqual([expect.objectContaining({ key: 'doryoku/II/structure', from: 14, to: 40, delta: 26, edit: 40, capped: false })])
    expect(r.changedGrants).toEqual(['doryoku'])
    expect(r.sharedChanged).toBe(false)
    expect(out.source.label).toContain('シナリオ「テスト」')
  })

  it('does not mutate the input dataset', () => {
    const ds = exampleYear(2025)
    const before = structuredClone(ds)
    applyScenario(ds, scenarioOf(ds, { 'doryoku/II/structure': 40, 'suishin/IV/outcome': 60 }, ['doryoku-I-activity-2']))
    expect(ds).toEqual(before)
  })

  it('ticked items add their points to the group, capped at the group maximum', () => {
    const ds = exampleYear(2025)
    const one = applyScenario(ds, scenarioOf(ds, {}, ['doryoku-II-structure-2']))
    expect(group(one, 'doryoku/II/structure')?.score).toBe(14 + 19)
    expect(goal(one, 'doryoku', 'II')?.score).toBe(20 + 19)
    expect(one.grants.doryoku?.total.score).toBe(190 + 19)

    const all = applyScenarioDetailed(ds, scenarioOf(ds, {}, ['doryoku-II-structure-1', 'doryoku-II-structure-2', 'doryoku-II-structure-3']))
    expect(group(all.dataset, 'doryoku/II/structure')?.score).toBe(64)
    expect(goal(all.dataset, 'doryoku', 'II')?.score).toBe(20 + 50)
    expect(all.changes[0]?.capped).toBe(true)
    expect(all.issues.map((i) => i.code)).toEqual(['capped'])
  })

  it('items add on top of an edit of the same group', () => {
    const ds = exampleYear(2025)
    const out = applyScenario(ds, scenarioOf(ds, { 'doryoku/II/activity': 10 }, ['doryoku-II-activity-1']))
    expect(group(out, 'doryoku/II/activity')?.score).toBe(22)
    expect(goal(out, 'doryoku', 'II')?.score).toBe(20 + 16)
  })

  it('a goal IV edit applies to both grants, under either key', () => {
    const ds = exampleYear(2025)
    for (const key of ['doryoku/IV/outcome', 'suishin/IV/outcome']) {
      const r = applyScenarioDetailed(ds, scenarioOf(ds, { [key]: 60 }))
      expect(goal(r.dataset, 'suishin', 'IV')?.score).toBe(60)
      expect(goal(r.dataset, 'doryoku', 'IV')?.score).toBe(60)
      expect(r.dataset.grants.suishin?.total.score).toBe(246 + 15)
      expect(r.dataset.grants.doryoku?.total.score).toBe(190 + 15)
      expect(r.changedGrants).toEqual(['suishin', 'doryoku'])
      expect(r.sharedChanged).toBe(true)
    }
  })

  it('a goal IV item applies to both grants, and is counted once when ticked under both spellings', () => {
    const ds = exampleYear(2025)
    const out = applyScenario(ds, scenarioOf(ds, {}, ['doryoku-IV-outcome-1', 'suishin-IV-outcome-1']))
    expect(out.grants.suishin?.total.score).toBe(266)
    expect(out.grants.doryoku?.total.score).toBe(210)
  })

  it('conflicting goal IV edits: 推進 spelling wins so both grants stay equal', () => {
    const ds = exampleYear(2025)
    const r = applyScenarioDetailed(ds, scenarioOf(ds, { 'doryoku/IV/outcome': 70, 'suishin/IV/outcome': 50 }))
    expect(goal(r.dataset, 'suishin', 'IV')?.score).toBe(50)
    expect(goal(r.dataset, 'doryoku', 'IV')?.score).toBe(50)
    expect(r.issues.map((i) => i.code)).toEqual(['shared-conflict'])
  })

  it('moves published totals by the delta instead of re-summing them (rounding is kept)', () => {
    // a published total that is not the sum of its goals (190 → 191 here, goals still sum to 190)
    const ds = editedExample((d) => { d.grants.doryoku!.total.score = 191 })
    const out = applyScenario(ds, scenarioOf(ds, { 'doryoku/II/activity': 11 }))
    expect(out.grants.doryoku?.total.score).toBe(196)
    expect(goal(out, 'doryoku', 'II')?.score).toBe(25)
  })

  it('bounds scores to 0..max and says so', () => {
    const ds = exampleYear(2025)
    const r = applyScenarioDetailed(ds, scenarioOf(ds, { 'doryoku/II/structure': -5, 'doryoku/I/activity': 99 }))
    expect(group(r.dataset, 'doryoku/II/structure')?.score).toBe(0)
    expect(group(r.dataset, 'doryoku/I/activity')?.score).toBe(48)
    expect(r.issues.filter((i) => i.code === 'clamped')).toHaveLength(2)
    // goal and total bounded too: a goal already at its stated max stays there
    const full = editedExample((d) => { d.grants.suishin!.total.score = 398 })
    const out = applyScenario(full, scenarioOf(full, { 'suishin/I/activity': 36 }))
    expect(out.grants.suishin?.total.score).toBe(400)
  })

  it('reports what it cannot apply and leaves those figures alone', () => {
    const ds = exampleYear(2025)
    const r = applyScenarioDetailed(ds, scenarioOf(ds, { 'doryoku/II/nonsense': 1, 'suishin/IV/structure': 3 }, ['doryoku-II-structure-9']))
    expect(r.issues.map((i) => i.code).sort()).toEqual(['unknown-item', 'unknown-key', 'unknown-key'])
    expect(r.dataset.grants.doryoku?.total.score).toBe(190)

    // FY2024 has totals only: a group edit cannot be applied, and missing stays missing
    const y24 = exampleYear(2024)
    const r24 = applyScenarioDetailed(y24, scenarioOf(y24, { 'doryoku/II/structure': 40 }))
    expect(r24.issues.map((i) => i.code)).toEqual(['group-missing'])
    expect(r24.dataset.grants.doryoku?.total.score).toBe(209)

    // a missing group score is not turned into 0
    const gap = editedExample((d) => { d.grants.doryoku!.goals[1]!.groups[0]!.score = null })
    const rg = applyScenarioDetailed(gap, scenarioOf(gap, {}, ['doryoku-II-structure-1']))
    expect(rg.issues.map((i) => i.code)).toEqual(['score-missing'])
    expect(group(rg.dataset, 'doryoku/II/structure')?.score).toBeNull()
    expect(rg.dataset.grants.doryoku?.total.score).toBe(190)
  })

  it('does not apply a scenario made for another municipality or year', () => {
    const ds = exampleYear(2025)
    const s = { ...scenarioOf(ds, { 'doryoku/II/structure': 40 }), code: '01100' }
    const r = applyScenarioDetailed(ds, s)
    expect(r.dataset).toBe(ds)
    expect(r.issues.map((i) => i.code)).toEqual(['dataset-mismatch'])
  })

  it('groupRoom is max − score, null when missing', () => {
    const ds = exampleYear(2025)
    expect(groupRoom(ds, 'doryoku/II/structure')).toBe(50)
    expect(groupRoom(ds, 'suishin/II/structure')).toBe(0)
    expect(groupRoom(exampleYear(2024), 'doryoku/II/structure')).toBeNull()
  })
})

describe('scenario editing and storage', () => {
  it('edits are pure and stamp updatedAt; goal IV keeps one value', () => {
    const ds = exampleYear(2025)
    const s0 = scenarioOf(ds)
    expect(isEmptyScenario(s0)).toBe(true)
    const s1 = withGroupScore(s0, 'suishin/IV/outcome', 55, LATER)
    const s2 = withGroupScore(s1, 'doryoku/IV/outcome', 60, LATER)
    expect(s0.edits).toEqual({})
    expect(s2.edits).toEqual({ 'doryoku/IV/outcome': 60 })
    expect(s2.updatedAt).toBe(LATER)
    expect(s2.createdAt).toBe(NOW)
    expect(withGroupScore(s2, 'doryoku/IV/outcome', null, LATER).edits).toEqual({})
    const s3 = withItem(withItem(s0, 'doryoku-IV-outcome-1', true, LATER), 'suishin-IV-outcome-1', true, LATER)
    expect(s3.items).toEqual(['suishin-IV-outcome-1'])
    expect(withItem(s3, 'doryoku-IV-outcome-1', false, LATER).items).toEqual([])
  })

  it('survives a JSON round trip and rejects a bad shape', () => {
    const ds = exampleYear(2025)
    const s = { ...scenarioOf(ds, { 'doryoku/II/structure': 40 }, ['doryoku-II-activity-1']), assumptions: { tiering: 'perTier' as const } }
    const back = scenarioFromJson(JSON.parse(JSON.stringify(s)))
    expect(back.errors).toEqual([])
    expect(back.scenario).toEqual(s)
    expect(scenarioFromJson({ ...s, edits: { a: 'x' } }).errors).toHaveLength(1)
    expect(scenarioFromJson({ ...s, items: [1] }).scenario).toBeNull()
    expect(scenarioFromJson(null).errors).toEqual(['シナリオの形式が正しくありません。'])
    // an old backup without assumptions still reads
    const old: Partial<Scenario> = { ...s }
    delete old.assumptions
    expect(scenarioFromJson(old).scenario?.assumptions).toEqual({})
  })
})

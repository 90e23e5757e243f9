import { describe, expect, it } from 'vitest'
import { goalDef, grantDef, groupDef } from '@/domain'

describe('grant catalogue', () => {
  it('FY2025: 400 points per grant with the published group maxima and item counts', () => {
    const s = grantDef('suishin', 2025)!
    const d = grantDef('doryoku', 2025)!
    expect([s.max, d.max]).toEqual([400, 400])
    expect([s.items, d.items]).toEqual([21, 32])
    expect(s.goals!.map((g) => g.groups.map((x) => x.max))).toEqual([[64, 36], [68, 32], [64, 36], [100]])
    expect(d.goals!.map((g) => g.groups.map((x) => x.max))).toEqual([[52, 48], [64, 36], [68, 32], [100]])
  })

  it('goal IV is the same outcome items in both grants', () => {
    const a = goalDef('suishin', 2025, 'IV')!
    const b = goalDef('doryoku', 2025, 'IV')!
    expect(a.sharedAcrossGrants && b.sharedAcrossGrants).toBe(true)
    expect(b.groups[0]!.items.map((i) => [i.name, i.points])).toEqual(a.groups[0]!.items.map((i) => [i.name, i.points]))
  })

  it('FY2024 differs in one item of 努力 II(i); item ids are stable across years', () => {
    const r7 = groupDef('doryoku', 2025, 'II', 'structure')!.items
    const r6 = groupDef('doryoku', 2024, 'II', 'structure')!.items
    expect(r7.map((i) => i.id)).toEqual(r6.map((i) => i.id))
    expect(r7[2]!.name).toBe('難聴高齢者の早期発見・早期介入')
    expect(r6[2]!.name).toBe('認知症初期集中支援チームの活動状況')
    expect(r6[2]!.points).toBe(20)
  })

  it('FY2023 is the old scale with totals only; years before are null', () => {
    expect(grantDef('suishin', 2023)).toMatchObject({ max: 1355, items: 62, goals: null, scale: 'r5' })
    expect(grantDef('doryoku', 2023)).toMatchObject({ max: 830, items: 29, goals: null })
    expect(grantDef('suishin', 2022)).toBeNull()
  })

  it('a year after the last modelled one borrows its goals and groups for labels only, marked provisional', () => {
    const r9 = grantDef('doryoku', 2027)!
    expect(r9).toMatchObject({ fiscalYear: 2027, provisional: true, scale: 'r6' })
    expect(r9.goals?.find((g) => g.goal === 'II')?.shortTitle).toBe('認知症総合支援')
    expect(grantDef('doryoku', 2026)?.provisional).toBeUndefined()
  })
})

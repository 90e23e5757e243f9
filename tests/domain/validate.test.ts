import { describe, expect, it } from 'vitest'
import { validateDataset, type GrantResult } from '@/domain'
import { editedExample, exampleYear } from './fixtures'

const goal = (g: GrantResult | undefined, id: string) => {
  const found = g?.goals.find((x) => x.goal === id)
  if (!found) throw new Error(`no goal ${id}`)
  return found
}

describe('validateDataset on the published example', () => {
  it('reports the 努力 national total 216.7 vs goal sum 215.7 as a warning and keeps both', () => {
    const ds = exampleYear(2025)
    const issues = validateDataset(ds)
    expect(issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(issues).toHaveLength(1)
    const w = issues[0]!
    expect(w).toMatchObject({ severity: 'warning', code: 'sum-mismatch', path: { grant: 'doryoku', field: 'natAvg' } })
    expect(w.message).toContain('216.7')
    expect(w.message).toContain('215.7')
    // both figures are kept as published
    expect(ds.grants.doryoku?.total.natAvg).toBe(216.7)
    const goalSum = ds.grants.doryoku!.goals.reduce((s, g) => s + (g.natAvg ?? 0), 0)
    expect(goalSum).toBeCloseTo(215.7, 10)
  })

  it('accepts the totals-only years', () => {
    expect(validateDataset(exampleYear(2024))).toEqual([])
    expect(validateDataset(exampleYear(2023))).toEqual([])
  })
})

describe('impossible values are errors that say where', () => {
  it('a score above the group maximum', () => {
    const ds = editedExample((d) => { goal(d.grants.doryoku, 'II').groups[0]!.score = 70 })
    const errors = validateDataset(ds).filter((i) => i.severity === 'error')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'score-above-max', path: { grant: 'doryoku', goal: 'II', group: 'structure', field: 'score' } })
    expect(errors[0]!.message).toBe('介護保険保険者努力支援交付金 目標II 体制・取組指標群 得点: 配点64を超えています（70）')
  })

  it('a negative score', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'I').score = -1 })
    const errors = validateDataset(ds).filter((i) => i.severity === 'error')
    expect(errors.map((e) => e.code)).toEqual(['score-negative'])
    expect(errors[0]!.message).toContain('0未満')
  })

  it('a maximum that does not match the catalogue for the year', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'I').groups[0]!.max = 60 })
    expect(validateDataset(ds).some((i) => i.code === 'max-mismatch' && i.message.includes('配点64'))).toBe(true)
  })

  it('an unknown goal, an unknown group and a duplicated goal', () => {
    const ds = editedExample((d) => {
      const s = d.grants.suishin!
      s.goals.push({ ...goal(s, 'I'), goal: 'V' as never })
      goal(d.grants.doryoku, 'IV').groups.push({ kind: 'structure', items: 1, max: 10, score: 1, prefAvg: null, natAvg: null })
      s.goals.push(structuredClone(goal(s, 'II')))
    })
    const codes = validateDataset(ds).filter((i) => i.severity === 'error').map((i) => i.code).sort()
    expect(codes).toEqual(['duplicate', 'unknown-goal', 'unknown-group'])
  })

  it('an unknown grant key', () => {
    const ds = editedExample((d) => { (d.grants as Record<string, GrantResult>).other = { ...d.grants.suishin!, grant: 'other' as never } })
    expect(validateDataset(ds).map((i) => i.code)).toContain('unknown-grant')
  })

  it('a group sum that does not match its goal is a warning, not an error', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'III').groups[1]!.prefAvg = 7.0 })
    const issues = validateDataset(ds).filter((i) => i.path.grant === 'suishin')
    expect(issues).toHaveLength(1)
    expect(issues[0]).toMatchObject({ severity: 'warning', path: { goal: 'III', field: 'prefAvg' } })
    // 31.3 + 7.0 = 38.3 against 38.2: within what rounding explains
    expect(issues[0]!.message).toContain('端数調整とみられます')
  })

  it('a difference too large for rounding is not called rounding', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'III').groups[1]!.score = 30 })
    const issue = validateDataset(ds).find((i) => i.path.goal === 'III' && i.path.field === 'score')
    expect(issue?.message).toBe('保険者機能強化推進交付金 目標III 得点: 公表値53が指標群の合計68と一致しません（公表値のまま表示します）')
  })

  it('a goal with only some of its groups is not compared with their partial sum', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'III').groups.pop() })
    expect(validateDataset(ds).filter((i) => i.path.grant === 'suishin')).toEqual([])
  })

  it('missing values are not checked against sums', () => {
    const ds = editedExample((d) => { goal(d.grants.suishin, 'III').groups[1]!.natAvg = null })
    expect(validateDataset(ds).filter((i) => i.path.grant === 'suishin')).toEqual([])
  })
})

/**
 * The MHLW reader on workbooks laid out as the real ones are (令和6・7・8年度, and an unmodelled
 * 令和9年度), generated independently of the reader from shared/mhlw-workbooks.md, checked
 * against the generator's ground truth: every municipality, every line, every item.
 */
import { describe, expect, it } from 'vitest'
import { parseMhlwSheet, parseRange, type MhlwParsed } from '@/domain/import/mhlw'
import { lineKey } from '@/domain/peers'
import type { GoalId, GrantId, GroupKind, YearDataset } from '@/domain/types'
import { generateMhlwWorkbook, type GeneratedWorkbook } from '../../../support/mhlwGenerator'
import { realCodeLookup } from '../../../support/codeLookup'

const YEARS = [2024, 2025, 2026, 2027] as const

function parse(wb: GeneratedWorkbook, file = 'hyoka.xlsx'): MhlwParsed {
  const merges = wb.sheet.merges.map((m) => parseRange(m)!)
  return parseMhlwSheet({ name: wb.sheet.name, grid: wb.sheet.rows, merges }, file, { lookup: realCodeLookup })
}

/** The generator names goal IV per grant; the reader keeps it once for both (same values). */
const itemIdOf = (truthId: string): string => truthId.replace(/^(suishin|doryoku)\.IV\./, 'IV.')

function groupOf(ds: YearDataset, grant: GrantId, goal: GoalId, kind: GroupKind) {
  return ds.grants[grant]?.goals.find((g) => g.goal === goal)?.groups.find((g) => g.kind === kind) ?? null
}

const cache = new Map<number, { wb: GeneratedWorkbook; parsed: MhlwParsed }>()
function year(fy: (typeof YEARS)[number]) {
  let hit = cache.get(fy)
  if (!hit) {
    const wb = generateMhlwWorkbook({ fiscalYear: fy, size: 'small', seed: 7 })
    hit = { wb, parsed: parse(wb) }
    cache.set(fy, hit)
  }
  return hit
}

describe.each(YEARS)('令和%s', (fy) => {
  it('reads every municipality, with no error, and no union as a municipality', () => {
    const { wb, parsed } = year(fy)
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(parsed.datasets).toHaveLength(wb.truth.municipalities.length)
    const names = new Set(parsed.datasets.map((d) => d.municipality.name))
    for (const u of wb.truth.unions) expect(names.has(u.name)).toBe(false)
    expect(parsed.datasets.every((d) => d.fiscalYear === fy)).toBe(true)
  })

  it('identifies each municipality by its 地方公共団体コード, union members included', () => {
    const { wb, parsed } = year(fy)
    const byCode = new Map(parsed.datasets.map((d) => [d.municipality.code, d]))
    for (const t of wb.truth.municipalities) {
      const ds = byCode.get(t.code5)
      expect(ds, `${t.prefecture}${t.name}`).toBeDefined()
      expect(ds!.municipality).toEqual({ code: t.code5, name: t.name, prefecture: t.prefecture })
      expect(ds!.union ?? null).toBe(t.union)
      expect(ds!.insuredCount).toBe(t.insured)
      expect(ds!.sizeTier).toBe(t.tier)
      expect(ds!.depopulated).toBe(t.kaso)
      expect(ds!.previous).toEqual({ total: t.previousTotal, rank: t.previousRank })
    }
    // 伊達市 in two prefectures, each with its own code
    const date = parsed.datasets.filter((d) => d.municipality.name === '伊達市').map((d) => `${d.municipality.prefecture}:${d.municipality.code}`)
    expect(date.sort()).toEqual(['北海道:01233', '福島県:07213'])
    for (const u of wb.truth.unions) {
      expect(u.members.length).toBeGreaterThan(0)
      for (const m of u.members) expect(byCode.get(m.slice(0, 5))?.union).toBe(u.name)
    }
  })

  it('takes every group, goal, grant and combined total as published, with the national rank over all municipalities', () => {
    const { wb, parsed } = year(fy)
    const byCode = new Map(parsed.datasets.map((d) => [d.municipality.code, d]))
    const n = wb.truth.municipalities.length
    for (const t of wb.truth.municipalities) {
      const ds = byCode.get(t.code5)!
      expect(ds.grants.suishin?.total.score).toBe(t.suishin)
      expect(ds.grants.doryoku?.total.score).toBe(t.doryoku)
      expect(ds.combined?.score).toBe(t.total)
      expect(ds.combined?.max).toBe(800)
      expect(ds.combined?.natRank).toEqual({ rank: t.rank, of: n })
      for (const [id, score] of Object.entries(t.goals)) {
        const [grant, goal] = id.split('.') as [GrantId, GoalId]
        expect(ds.grants[grant]?.goals.find((g) => g.goal === goal)?.score, id).toBe(score)
      }
      for (const [id, score] of Object.entries(t.groups)) {
        const [grant, goal, kind] = id.split('.') as [GrantId, GoalId, GroupKind]
        expect(groupOf(ds, grant, goal, kind)?.score, id).toBe(score)
      }
    }
  })

  it('keeps every item and branch score, and scores split items by their rule (goal IV: the better branch)', () => {
    const { wb, parsed } = year(fy)
    const byCode = new Map(parsed.datasets.map((d) => [d.municipality.code, d]))
    for (const t of wb.truth.municipalities) {
      const items = byCode.get(t.code5)!.items!
      for (const [id, score] of Object.entries(t.items)) expect(items[itemIdOf(id)], id).toBe(score)
      for (const [id, score] of Object.entries(t.branches)) {
        if (/\.[①-④]$/.test(id)) continue
        expect(items[itemIdOf(id)], id).toBe(score)
      }
    }
  })

  it('takes maxima from the 配点 row of the totals, never from summed branches, and national averages from the 平均点 row', () => {
    const { wb, parsed } = year(fy)
    const ds = parsed.datasets[0]!
    for (const g of wb.truth.groups) {
      const line = groupOf(ds, g.grant, g.goal, g.kind)
      expect(line?.max, g.id).toBe(g.max)
      // goal IV's one group has no subtotal column: its figures are the 「Ⅳ合計」 column's
      const stats = wb.truth.statistics[g.id] ?? wb.truth.statistics[`${g.grant}.${g.goal}`]!
      expect(line?.natAvg, g.id).toBeCloseTo(stats.mean, 9)
    }
    expect(ds.grants.suishin?.goals.find((g) => g.goal === 'IV')?.max).toBe(100)
    expect(ds.grants.doryoku?.total.max).toBe(400)
    expect(ds.combined?.natAvg).toBeCloseTo(wb.truth.statistics.total!.mean, 9)
  })

  it('builds the population: members, per-item statistics, per-line statistics', () => {
    const { wb, parsed } = year(fy)
    const pop = parsed.population!
    expect(pop.fiscalYear).toBe(fy)
    expect(pop.members.sort()).toEqual(wb.truth.municipalities.map((m) => m.code5).sort())
    const byId = new Map(pop.items.map((i) => [i.id, i]))
    for (const item of wb.truth.items) {
      const stat = byId.get(itemIdOf(item.id))
      expect(stat, item.id).toBeDefined()
      expect(stat!.max, item.id).toBe(item.points)
      const truthStat = wb.truth.itemStatistics[item.id]!
      expect(stat!.mean!, item.id).toBeCloseTo(truthStat.mean, 9)
      expect(stat!.share!, item.id).toBeCloseTo(truthStat.share, 9)
    }
    expect(pop.lines[lineKey('doryoku', 'II', 'structure')]?.max).toBe(64)
    expect(pop.lines.combined?.mean).toBeCloseTo(wb.truth.statistics.total!.mean, 9)
  })
})

describe('year-specific layouts', () => {
  it('令和6年度: amounts in 千円 become yen, 確定 is the amount paid', () => {
    const { wb, parsed } = year(2024)
    const byCode = new Map(parsed.datasets.map((d) => [d.municipality.code, d]))
    let capped = 0
    for (const t of wb.truth.municipalities) {
      const ds = byCode.get(t.code5)!
      const a = t.amounts!.yen
      expect(ds.grants.suishin?.amounts).toEqual({ draftYen: a.suishinPlan, finalYen: a.suishinFinal })
      expect(ds.grants.doryoku?.amounts).toEqual({ draftYen: a.doryokuPlan, finalYen: a.doryokuFinal })
      expect(ds.grants.doryoku?.amountYen).toBe(a.doryokuFinal)
      if (t.amounts!.capped) capped++
    }
    expect(capped).toBeGreaterThan(0)
  })

  it('令和6年度 has no 区分 column: no size tier is invented', () => {
    expect(year(2024).parsed.datasets.every((d) => d.sizeTier === null)).toBe(true)
    expect(year(2025).parsed.datasets.some((d) => d.sizeTier !== null)).toBe(true)
  })

  it('令和8年度: the undocumented columns after 今年度順位 are left out and counted', () => {
    const { wb, parsed } = year(2026)
    expect(wb.truth.extraColumnCount).toBeGreaterThan(0)
    expect(parsed.notes.join('\n')).toMatch(new RegExp(`読み込まない列: ${wb.truth.extraColumnCount}列`))
  })

  it('令和9年度, which nobody has modelled, imports from its header and 配点 row with a note', () => {
    const { wb, parsed } = year(2027)
    expect(parsed.population?.structure).toBe('header')
    expect(parsed.notes.join('\n')).toContain('見出しと配点の行から読み取りました')
    // its items are the file's own, not the catalogue's: every truth item is there with its points
    const ids = new Set(parsed.population!.items.map((i) => i.id))
    for (const item of wb.truth.items) expect(ids.has(itemIdOf(item.id)), item.id).toBe(true)
  })

  it('competition ranks: ties share a rank and the next rank is skipped (1, 2, 2, 4)', () => {
    const { parsed } = year(2026)
    const ranks = parsed.datasets.map((d) => ({ score: d.combined!.score!, rank: d.combined!.natRank!.rank })).sort((a, b) => a.rank - b.rank)
    const tie = ranks.findIndex((r, i) => i > 0 && r.rank === ranks[i - 1]!.rank)
    expect(tie).toBeGreaterThan(0)
    const next = ranks.find((r) => r.rank > ranks[tie]!.rank)!
    expect(next.rank).toBe(ranks[tie]!.rank + ranks.filter((r) => r.rank === ranks[tie]!.rank).length)
    // the grant ranks the reader computes itself follow the same rule, over the same denominator
    const suishin = parsed.datasets.map((d) => d.grants.suishin!.natRank!)
    expect(new Set(suishin.map((r) => r.of))).toEqual(new Set([parsed.datasets.length]))
  })
})

describe('messages that help', () => {
  it('names the header cell it cannot read (row, column letter, text) and what it expected, without blaming the 配点', () => {
    const wb = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 7 })
    const rows = wb.sheet.rows.map((r) => r.slice())
    const r = rows.findIndex((row) => row.includes('Ⅰ（ⅱ）計'))
    const c = rows[r]!.indexOf('Ⅰ（ⅱ）計')
    rows[r]![c] = 'Ⅰ（ⅲ）計'
    const parsed = parseMhlwSheet({ name: wb.sheet.name, grid: rows, merges: wb.sheet.merges.map((m) => parseRange(m)!) }, 'r8.xlsx', { lookup: realCodeLookup })
    const letter = wb.truth.columns[c]!.letter
    expect(parsed.issues.map((i) => i.message)).toContain(
      `${r + 1}行目 ${letter}列「Ⅰ（ⅲ）計」: 見出しを読み取れません（指標番号・指標名、「Ⅰ（ⅰ）計」「Ⅰ合計」「推進合計」のような小計・合計の見出しを想定しています）。この列は読み込みません`)
    expect(parsed.issues.some((i) => /配点.*異なります/.test(i.message))).toBe(false)
    // the group total is then summed from its items, and says so
    expect(parsed.issues.map((i) => i.message).join('\n')).toContain('推進交付金 目標I (ii)')
  })

  it('a name missing from the official code list is a warning naming the row, never a silent drop', () => {
    const wb = generateMhlwWorkbook({ fiscalYear: 2026, size: 'small', seed: 7 })
    const rows = wb.sheet.rows.map((r) => r.slice())
    const t = wb.truth.municipalities.find((m) => m.insurerNumber !== null)!
    const nameCol = rows[1]!.findIndex((x) => typeof x === 'string' && x.replace(/\s/g, '') === '市町村名')
    rows[t.row - 1]![nameCol] = '架空町'
    const parsed = parseMhlwSheet({ name: wb.sheet.name, grid: rows, merges: wb.sheet.merges.map((m) => parseRange(m)!) }, 'r8.xlsx', { lookup: realCodeLookup })
    expect(parsed.datasets).toHaveLength(wb.truth.municipalities.length)
    const w = parsed.issues.find((i) => i.message.includes('架空町'))!
    expect(w.severity).toBe('warning')
    expect(w.row).toBe(t.row)
    expect(parsed.datasets.find((d) => d.municipality.name === '架空町')?.municipality.code).toBe(t.insurerNumber!.slice(0, 5))
  })
})

describe('a full-size national workbook (令和8年度: 1,741 municipalities, 38 unions, 1,563 columns)', () => {
  it('reads every municipality, ranks over 1,741, keeps the 205 union members and no union', () => {
    const wb = generateMhlwWorkbook({ fiscalYear: 2026, size: 'full', seed: 1 })
    const parsed = parse(wb)
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([])
    expect(parsed.datasets).toHaveLength(1741)
    expect(parsed.population?.members).toHaveLength(1741)
    expect(wb.truth.unions).toHaveLength(38)
    const members = parsed.datasets.filter((d) => d.union !== null && d.union !== undefined)
    expect(members).toHaveLength(wb.truth.municipalities.filter((m) => m.union !== null).length)
    const unionNames = new Set(wb.truth.unions.map((u) => u.name))
    expect(parsed.datasets.some((d) => unionNames.has(d.municipality.name))).toBe(false)
    const byCode = new Map(parsed.datasets.map((d) => [d.municipality.code, d]))
    for (const t of wb.truth.municipalities) {
      const ds = byCode.get(t.code5)!
      expect(ds.combined?.natRank, t.name).toEqual({ rank: t.rank, of: 1741 })
      expect(ds.grants.doryoku?.natRank?.of).toBe(1741)
    }
    // the national mean of 推進・支援合計 as the file's 平均点 row has it, over municipalities only
    const mean = wb.truth.municipalities.reduce((s, m) => s + m.total, 0) / 1741
    expect(parsed.datasets[0]!.combined?.natAvg).toBeCloseTo(mean, 9)
    expect(parsed.notes.join('\n')).toContain(`読み込まない列: ${wb.truth.extraColumnCount.toLocaleString('ja-JP')}列`)
  }, 120_000)
})

/**
 * The packed form the CSV Worker sends its datasets in (src/import/datasetTransfer.ts): what comes
 * back is the same as what went in, down to key order and -0, or nothing is packed at all.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { packDatasets, unpackDatasets } from '@/import/datasetTransfer'
import { parseCsvImport } from '@/domain/import/csv'
import { longTableCsv } from '@/domain/export/longTableCsv'
import { exampleDatasets } from '@/data/example'
import type { YearDataset } from '@/domain'
import { syntheticNation } from '../support/syntheticNation'

/** JSON with key order, and -0 and undefined told apart. */
const exact = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v === undefined ? '(undefined)' : v))

function roundTrip(datasets: YearDataset[]): YearDataset[] {
  const packed = packDatasets(datasets)
  if (!packed) throw new Error('not packed')
  // as postMessage delivers it: a structured clone, the number buffer transferred
  return unpackDatasets(structuredClone(packed, { transfer: [packed.numbers.buffer] }))
}

describe('packDatasets / unpackDatasets', () => {
  it('gives back what the CSV reader produced, exactly (key order included)', () => {
    const csv = longTableCsv(syntheticNation({ years: [2025] }).slice(0, 60))
    const parsed = parseCsvImport(new TextEncoder().encode(csv), 'n.csv')
    expect(parsed.issues).toEqual([])
    expect(parsed.datasets).toHaveLength(60)
    const back = roundTrip(parsed.datasets)
    expect(back).toStrictEqual(parsed.datasets)
    expect(exact(back)).toBe(exact(parsed.datasets))
  })

  it('gives back the fixtures that read, including totals-only years, derived lines and missing ranks', () => {
    let seen = 0
    for (const f of readdirSync('tests/fixtures/csv').filter((x) => x.endsWith('.csv'))) {
      const parsed = parseCsvImport(new Uint8Array(readFileSync(`tests/fixtures/csv/${f}`)), f)
      if (parsed.datasets.length === 0) continue
      seen++
      expect(exact(roundTrip(parsed.datasets)), f).toBe(exact(parsed.datasets))
    }
    expect(seen).toBeGreaterThan(2)
    expect(exact(roundTrip(exampleDatasets()))).toBe(exact(exampleDatasets()))
  })

  it('keeps -0, null, Infinity, a stamped source and grants in their own order', () => {
    const ds = structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    ds.grants = { doryoku: ds.grants.doryoku!, suishin: ds.grants.suishin! }
    ds.grants.suishin!.total.score = -0
    ds.grants.suishin!.total.prefAvg = Number.POSITIVE_INFINITY
    ds.grants.suishin!.natRank = null
    ds.insuredCount = null
    ds.source = { label: '出典', file: null, importedAt: '2026-04-01T00:00:00.000Z', example: true }
    const back = roundTrip([ds])
    expect(exact(back)).toBe(exact([ds]))
    expect(Object.is(back[0]!.grants.suishin!.total.score, -0)).toBe(true)
    expect(Object.keys(back[0]!.grants)).toEqual(['doryoku', 'suishin'])
  })

  it('packs nothing when a dataset is not exactly of the domain shape', () => {
    const base = () => structuredClone(exampleDatasets().find((d) => d.fiscalYear === 2025)!)
    const odd: ((d: YearDataset) => void)[] = [
      (d) => { d.grants.suishin!.total.score = Number.NaN },
      (d) => { (d as unknown as Record<string, unknown>).extra = 1 },
      (d) => { delete (d.grants.suishin as unknown as Record<string, unknown>).prefRank },
      (d) => { (d.grants.suishin!.goals[0] as unknown as Record<string, unknown>).score = undefined },
      (d) => { d.grants.suishin!.goals[0]!.groups[0]!.kind = 'other' as never },
      (d) => { d.grants.suishin!.goals[0]!.goal = 'V' as never },
      (d) => { (d.grants as Record<string, unknown>).other = d.grants.suishin },
      (d) => { d.municipality = { name: d.municipality.name, code: d.municipality.code, prefecture: d.municipality.prefecture } },
      (d) => { d.grants.suishin!.total = { max: 400, items: null, score: 1, prefAvg: null, natAvg: null } },
      (d) => { (d.source as unknown as Record<string, unknown>).example = 'no' },
    ]
    for (const [i, change] of odd.entries()) {
      const d = base()
      change(d)
      expect(packDatasets([base(), d]), `case ${i}`).toBeNull()
    }
    expect(packDatasets([base()])).not.toBeNull()
  })

  it('packs an empty list', () => {
    const packed = packDatasets([])
    expect(packed && unpackDatasets(packed)).toEqual([])
  })
})

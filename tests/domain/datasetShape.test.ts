/** The fast yes/no check agrees with the full reader: every field of a dataset broken in turn. */
import { describe, expect, it } from 'vitest'
import { checkDatasetShape, datasetShapeOk } from '@/domain/datasetShape'
import { exampleDatasets } from '@/data/example'
import { mulberry32 } from '../support/syntheticNation'

type Json = Record<string, unknown> | unknown[]

/** Every path to a leaf or an object in the dataset. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof v !== 'object' || v === null) return [at]
  const kids = Object.entries(v as Json).flatMap(([k, x]) => paths(x, [...at, Array.isArray(v) ? Number(k) : k]))
  return at.length === 0 ? kids : [at, ...kids]
}

function setAt(root: unknown, path: (string | number)[], value: unknown): void {
  let o = root as Record<string | number, unknown>
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>
  o[path[path.length - 1]!] = value
}

describe('datasetShapeOk', () => {
  const ds = exampleDatasets().find((d) => d.fiscalYear === 2025)!

  it('says yes to the example and to unknown extra fields', () => {
    expect(datasetShapeOk(ds)).toBe(true)
    expect(datasetShapeOk({ ...ds, combinedTotal: { score: 436 } })).toBe(true)
  })

  it('says no exactly where the full reader finds an error (every field replaced by bad values)', () => {
    const bad: unknown[] = ['x', -1, 1.5, null, {}, [], true, 99999, 0, 'V']
    const rand = mulberry32(12)
    let checked = 0
    for (const p of paths(ds)) {
      for (const value of bad) {
        if (rand() < 0.5) continue
        const copy = structuredClone(ds)
        setAt(copy, p, value)
        expect([p.join('.'), value, datasetShapeOk(copy)]).toEqual([p.join('.'), value, checkDatasetShape(copy).length === 0])
        checked++
      }
    }
    expect(checked).toBeGreaterThan(200)
  })
})

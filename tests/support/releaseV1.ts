/**
 * A database as release 0.1.0 (IndexedDB schema version 1) left it after a realistic life: the
 * example seeded on the first run, a CSV imported with 「置き換える」, two saved scenarios (one
 * with markup in its name) and a chosen deck. Used to test that a newer version keeps all of it:
 * through Dexie in tests/db/upgrade.test.ts, raw in a real browser in tests/e2e/update.e2e.test.ts.
 */
import { readFileSync } from 'node:fs'
import { toRecord, toScenarioRecord, type DatasetRecord, type MetaRecord, type ScenarioRecord } from '@/db'
import { createScenario, withAssumptions, withGroupScore, withItem } from '@/domain'
import { parseCsvImport } from '@/domain/import/csv'
import { exampleDatasets } from '@/data/example'

/** The schema exactly as release 0.1.0 declared it to Dexie: version 1 only. */
export const RELEASE_V1_STORES = {
  datasets: '[code+fiscalYear], fiscalYear, prefecture',
  scenarios: 'id, [code+fiscalYear]',
  meta: 'key',
} as const

export interface StoreLayout {
  name: string
  keyPath: string | string[]
  indexes: { name: string; keyPath: string | string[] }[]
}

/** The same schema as IndexedDB holds it (Dexie stores its version 1 as IndexedDB version 10). */
export const RELEASE_V1_LAYOUT: { version: number; stores: StoreLayout[] } = {
  version: 10,
  stores: [
    { name: 'datasets', keyPath: ['code', 'fiscalYear'], indexes: [{ name: 'fiscalYear', keyPath: 'fiscalYear' }, { name: 'prefecture', keyPath: 'prefecture' }] },
    { name: 'meta', keyPath: 'key', indexes: [] },
    { name: 'scenarios', keyPath: 'id', indexes: [{ name: '[code+fiscalYear]', keyPath: ['code', 'fiscalYear'] }] },
  ],
}

export const SEEDED_AT = '2026-10-01T00:00:00.000Z'
export const IMPORTED_AT = '2026-10-15T09:30:00.000Z'
export const CSV_NAME = 'valid-two-municipalities.csv'

/** The deck of 登米市: the gap chart first, the weakest-areas slide left out. */
export const SLIDE_CHOICE = {
  version: 1,
  entries: [{ id: 'gap', included: true }, { id: 'title', included: true }, { id: 'weakest', included: false }],
  savedAt: IMPORTED_AT,
}

export interface ReleaseV1Content {
  datasets: DatasetRecord[]
  scenarios: ScenarioRecord[]
  meta: MetaRecord[]
}

/** Every record, as 0.1.0 wrote them. Reads the CSV fixture relative to the repository root. */
export function releaseV1Content(): ReleaseV1Content {
  const imported = parseCsvImport(new Uint8Array(readFileSync(`tests/fixtures/csv/${CSV_NAME}`)), CSV_NAME)
    .datasets.map((d) => ({ ...d, source: { ...d.source, file: CSV_NAME, importedAt: IMPORTED_AT } }))
  const all = [...exampleDatasets().map((d) => toRecord(d, SEEDED_AT)), ...imported.map((d) => toRecord(d, IMPORTED_AT))]
  // the CSV's 登米市 2024 and 2025 replaced the example's, as 「置き換える」 did
  const last = new Map(all.map((r) => [`${r.code}:${r.fiscalYear}`, r]))
  const datasets = [...last.values()]

  let dementia = createScenario({ id: 's-dementia', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: SEEDED_AT })
  dementia = withGroupScore(dementia, 'doryoku/II/structure', 40, IMPORTED_AT)
  dementia = withItem(dementia, 'doryoku-II-activity-1', true, IMPORTED_AT)
  dementia = withAssumptions(dementia, { otherFrames: { doryoku: { additional: { kind: 'yen', baselineYen: 2_000_000, scenarioYen: 0 } } } }, IMPORTED_AT)
  const kurihara = withGroupScore(createScenario({ id: 's-kurihara', name: '<b>栗原</b>&"案"', code: '04213', fiscalYear: 2025, now: IMPORTED_AT }), 'suishin/I/structure', 30, IMPORTED_AT)

  return {
    datasets,
    scenarios: [toScenarioRecord(dementia), toScenarioRecord(kurihara)],
    meta: [{ key: 'exampleSeeded', value: SEEDED_AT }, { key: 'slides:04212', value: SLIDE_CHOICE }],
  }
}

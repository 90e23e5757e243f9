/**
 * The IndexedDB schema. Versions are only ever added, never edited: Dexie cannot change a
 * primary key later, so version 1 already keys datasets by municipality code × fiscal year
 * (many municipalities and years live side by side) and reserves a table for saved scenarios.
 */
import Dexie, { type Table } from 'dexie'
import type { YearDataset } from '@/domain'

export const DB_NAME = 'incentive-lens'

/** One municipality × one evaluation fiscal year. The key fields are copied out of `data` for indexing. */
export interface DatasetRecord {
  code: string
  fiscalYear: number
  prefecture: string
  data: YearDataset
  /** ISO time the record was written */
  savedAt: string
}

/** A saved what-if scenario (filled in by the simulator; declared now so its key never changes). */
export interface ScenarioRecord {
  id: string
  code: string
  fiscalYear: number
  name: string
  createdAt: string
  updatedAt: string
  body: unknown
}

/** The user's edits to the yearly council report, one per municipality × fiscal year (version 2). */
export interface ReportRecord {
  code: string
  fiscalYear: number
  /** the report's editable texts by stable section id; the report module owns their shape */
  body: unknown
  updatedAt: string
}

/**
 * A named population (version 2): the municipalities of one national workbook for one year, with
 * the national statistics it published. Ranks, averages and allocation pools are computed over a
 * population, never over "whatever is loaded"; the import module owns the body's shape.
 */
export interface PopulationRecord {
  id: string
  fiscalYear: number
  body: unknown
  savedAt: string
}

/** Small app-wide facts: whether the example was ever seeded, chosen slides, and the like. */
export interface MetaRecord {
  key: string
  value: unknown
}

export class IncentiveLensDb extends Dexie {
  datasets!: Table<DatasetRecord, [string, number]>
  scenarios!: Table<ScenarioRecord, string>
  meta!: Table<MetaRecord, string>
  reports!: Table<ReportRecord, [string, number]>
  populations!: Table<PopulationRecord, string>

  constructor(name = DB_NAME) {
    super(name)
    this.version(1).stores({
      datasets: '[code+fiscalYear], fiscalYear, prefecture',
      scenarios: 'id, [code+fiscalYear]',
      meta: 'key',
    })
    // version 2 adds tables only: existing records stay as they are (no upgrade function needed)
    this.version(2).stores({
      reports: '[code+fiscalYear]',
      populations: 'id, fiscalYear',
    })
  }
}

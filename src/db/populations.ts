/**
 * National populations (one per fiscal year: the municipalities of the last national workbook
 * imported for that year, with its statistics). Written in the same transaction as the datasets
 * they list; read back with a shape check, so a damaged record is skipped, never thrown at the page.
 */
import type { Population } from '@/domain'
import type { IncentiveLensDb, PopulationRecord } from './schema'

export function toPopulationRecord(p: Population, now: string): PopulationRecord {
  return { id: p.id, fiscalYear: p.fiscalYear, body: { ...p, importedAt: p.importedAt ?? now }, savedAt: now }
}

/** The population in a record, or null when the record is not one (unknown shape). */
export function populationOf(record: PopulationRecord): Population | null {
  const b = record.body as Partial<Population> | null
  if (!b || typeof b !== 'object' || b.id !== record.id || typeof b.fiscalYear !== 'number') return null
  if (!Array.isArray(b.members) || !b.members.every((m) => typeof m === 'string')) return null
  if (!Array.isArray(b.items) || typeof b.lines !== 'object' || b.lines === null) return null
  return b as Population
}

export async function loadPopulations(db: IncentiveLensDb): Promise<Population[]> {
  const records = await db.populations.toArray()
  return records.map(populationOf).filter((p): p is Population => p !== null)
}

/** A population of the given municipalities with no statistics: what a national import would define for them. */
import { populationId, type Population } from '@/domain'

export function populationOfCodes(fiscalYear: number, members: readonly string[]): Population {
  return { id: populationId(fiscalYear), fiscalYear, label: 'テスト', file: 'test.xlsx', importedAt: null, members: [...members], items: [], lines: {}, structure: 'catalogue', ignoredColumns: 0 }
}

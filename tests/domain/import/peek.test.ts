import { it } from 'vitest'
import { generateMhlwWorkbook } from '../../support/mhlwGenerator'
import { parseMhlwSheet, parseRange } from '@/domain/import/mhlw'
import { realCodeLookup } from '../../support/codeLookup'
it('peek', () => {
  const wb = generateMhlwWorkbook({ fiscalYear: 2024, size: 'small', seed: 7 })
  const r = parseMhlwSheet({ name: wb.sheet.name, grid: wb.sheet.rows, merges: wb.sheet.merges.map((m) => parseRange(m)!) }, 'x.xlsx', { lookup: realCodeLookup })
  console.log(r.datasets.map((d) => `${d.municipality.code} ${d.municipality.name}`).join(', '))
  console.log(wb.truth.municipalities.map((d) => `${d.code5} ${d.name}`).join(', '))
  console.log(r.issues.map((i) => i.message).join('\n'))
})

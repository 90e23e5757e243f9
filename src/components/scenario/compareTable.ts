/**
 * Two scenarios side by side with the baseline: totals, rates, gaps, ranks (with a pool) and the
 * estimated amounts, as table rows. Pure: the component wires it to the store.
 */
import {
  formatPoints, formatRank, formatRate, formatSigned, formatYen, GRANT_IDS, GRANT_NAMES, type GrantId,
} from '@/domain'
import type { ScenarioEvaluation } from '@/stores/scenarios'
import { formatSignedYen } from './signedYen'

export interface CompareColumn {
  key: string
  title: string
  ev: ScenarioEvaluation
  /** the baseline column shows published figures, not changes */
  baseline: boolean
}

export interface CompareRow {
  key: string
  header: string
  /** a grant's heading row has no cells */
  heading: boolean
  cells: string[]
}

export function compareRows(columns: readonly CompareColumn[]): CompareRow[] {
  const rows: CompareRow[] = []
  const line = (key: string, header: string, cell: (c: CompareColumn) => string): void => {
    rows.push({ key, header, heading: false, cells: columns.map(cell) })
  }
  const total = (c: CompareColumn, g: GrantId) => c.ev.gaps.find((r) => r.key === g) ?? null
  for (const g of GRANT_IDS) {
    if (!columns.some((c) => total(c, g))) continue
    rows.push({ key: g, header: GRANT_NAMES[g].name, heading: true, cells: [] })
    line(`${g}/score`, '合計点', (c) => formatPoints(total(c, g)?.score ?? null))
    line(`${g}/rate`, '得点率', (c) => formatRate(total(c, g)?.rate ?? null))
    line(`${g}/gapPref`, '県平均との差（点）', (c) => formatSigned(total(c, g)?.gapPrefPoints ?? null))
    line(`${g}/gapNat`, '全国平均との差（点）', (c) => formatSigned(total(c, g)?.gapNatPoints ?? null))
    if (columns.some((c) => c.ev.ranks)) {
      line(`${g}/prefRank`, '県内順位', (c) => formatRank(c.ev.ranks?.[g].scenario.pref ?? null))
      line(`${g}/natRank`, '全国順位（読み込んだ市町村）', (c) => formatRank(c.ev.ranks?.[g].scenario.nat ?? null))
    }
    line(`${g}/yen`, '交付額（推計）', (c) => formatYen(c.baseline ? c.ev.allocation.grants[g].baselineYen : c.ev.allocation.grants[g].scenarioYen))
    line(`${g}/change`, '交付額の変化（推計）', (c) => (c.baseline ? '—' : formatSignedYen(c.ev.allocation.grants[g].changeYen)))
  }
  rows.push({ key: 'total', header: '両交付金の合計', heading: true, cells: [] })
  line('total/yen', '交付額（推計）', (c) => formatYen(c.baseline ? c.ev.allocation.total.baselineYen : c.ev.allocation.total.scenarioYen))
  line('total/change', '交付額の変化（推計）', (c) => (c.baseline ? '—' : formatSignedYen(c.ev.allocation.total.changeYen)))
  return rows
}

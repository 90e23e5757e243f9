/**
 * Stage 4: each municipality row read into typed values. The key is the 地方公共団体コード (five
 * digits, without the check digit), looked up from prefecture + name (伊達市 exists in 北海道 and
 * 福島県); union members have no 保険者番号, so the name is the only way to them. A name that
 * cannot be looked up keeps the row, with a warning naming it.
 */
import { prefectureCode, prefectureName } from '../../peers'
import type { SizeTier } from '../../types'
import { canonicalPrefecture, cellText, isMissingText, normalizeKey, parseNumberCell } from '../longFormat'
import type { Cell, Grid } from '../types'
import type { LabelledColumn } from './columnRoles'
import type { RowPlan, UnionRow } from './classifyRows'
import { idLabel, type IdColumn } from './headerWords'
import type { IssueSink } from './issueSink'
import type { HeaderBlock } from './locateHeader'

/** (prefecture, municipality name) → five-digit 地方公共団体コード, or null. */
export type CodeLookup = (prefecture: string, name: string) => string | null

export interface MunicipalityRow {
  /** 0-based grid row */
  row: number
  code: string
  name: string
  prefecture: string
  /** six digits, leading zeros restored; null for a union member */
  insurerNo: string | null
  union: string | null
  insured: number | null
  tier: SizeTier | null
  depopulated: boolean | null
  previous: { total: number | null; rank: number | null }
  /** one value per read column, in the order of `columns` passed in */
  values: (number | null)[]
  /** a score cell was refused: the row's datasets are not built */
  broken: boolean
}

interface Context {
  grid: Grid
  block: HeaderBlock
  issues: IssueSink
  place: (id: IdColumn) => string
}

function idCell(ctx: Context, row: readonly Cell[], id: IdColumn): Cell | undefined {
  const c = ctx.block.ids[id]
  return c === undefined ? undefined : row[c]
}

/** 保険者番号 as six digits: numbers lose leading zeros in the file (011321 arrives as 11321). */
export function insurerNumber(cell: Cell | undefined): string | null | 'invalid' {
  if (cell === null || cell === undefined || cellText(cell) === '') return null
  const k = typeof cell === 'number' ? String(cell) : normalizeKey(cellText(cell)).replace(/[-‐]/g, '')
  return /^\d{4,6}$/.test(k) ? k.padStart(6, '0') : 'invalid'
}

function prefectureOf(ctx: Context, row: readonly Cell[], insurerNo: string | null): string | null {
  const byName = cellText(idCell(ctx, row, 'prefName'))
  if (byName !== '') return canonicalPrefecture(byName)
  const byCode = cellText(idCell(ctx, row, 'prefCode'))
  if (/^\d{1,2}$/.test(normalizeKey(byCode))) return prefectureName(Number(normalizeKey(byCode)))
  return insurerNo ? prefectureName(Number(insurerNo.slice(0, 2))) : null
}

function numberOrNull(ctx: Context, r: number, cell: Cell | undefined, id: IdColumn): number | null {
  const v = parseNumberCell(cell)
  if (!v.ok) { ctx.issues.add('warning', r, ctx.place(id), `${v.error}。空欄として読み込みます`); return null }
  return v.value
}

function tierOf(cell: Cell | undefined): SizeTier | null {
  const k = normalizeKey(cellText(cell))
  const m = /^(?:規模)?(?:区分)?([1-5])(?:区分)?$/.exec(k)
  return m ? (Number(m[1]) as SizeTier) : null
}

function depopulatedOf(cell: Cell | undefined, present: boolean): boolean | null {
  if (!present) return null
  const k = normalizeKey(cellText(cell))
  return k !== '' && !isMissingText(k) && !/^(×|無|なし|非該当|0)$/.test(k)
}

/** The score cells of one row; a refused cell is an error naming the row and column. */
function readValues(ctx: Context, r: number, row: readonly Cell[], columns: readonly LabelledColumn[], max: readonly (number | null)[]): { values: (number | null)[]; broken: boolean } {
  let broken = false
  const values = columns.map((col, i) => {
    const v = parseNumberCell(row[col.index])
    if (!v.ok) { ctx.issues.add('error', r, col.label, v.error); broken = true; return null }
    if (v.value === null || col.role.kind !== 'item' && col.role.kind !== 'total') return v.value
    const m = max[i] ?? null
    if (v.value < 0) { ctx.issues.add('error', r, col.label, `0未満の値です（${v.value}）`); broken = true }
    else if (m !== null && v.value > m + 1e-9) { ctx.issues.add('error', r, col.label, `配点${m}を超えています（${v.value}）`); broken = true }
    return v.value
  })
  return { values, broken }
}

export interface ReadOptions {
  columns: readonly LabelledColumn[]
  /** the 配点 row's value per column of `columns` */
  max: readonly (number | null)[]
  lookup: CodeLookup
}

/** Reads every municipality row of the plan; rows that cannot be identified are errors. */
export function readMunicipalities(grid: Grid, block: HeaderBlock, plan: RowPlan, issues: IssueSink, opts: ReadOptions): MunicipalityRow[] {
  const ctx: Context = { grid, block, issues, place: (id) => block.idPlaces[id] ?? idLabel(id) }
  const unmatched: { row: number; name: string }[] = []
  const out: MunicipalityRow[] = []
  let synthetic = 0
  for (const { row: r, union } of plan.municipalities) {
    const row = grid[r] ?? []
    const name = cellText(idCell(ctx, row, 'name'))
    if (name === '') { issues.add('error', r, ctx.place('name'), '市町村名がありません'); continue }
    const ins = insurerNumber(idCell(ctx, row, 'insurerNo'))
    if (ins === 'invalid') { issues.add('error', r, ctx.place('insurerNo'), `保険者番号として読めません（${cellText(idCell(ctx, row, 'insurerNo'))}）`); continue }
    const prefecture = prefectureOf(ctx, row, ins) ?? prefectureFromUnion(union)
    if (prefecture === null) { issues.add('error', r, ctx.place('prefName'), `都道府県が分かりません（${name}）`); continue }
    let code = opts.lookup(prefecture, name)
    if (code === null) {
      unmatched.push({ row: r, name: `${prefecture}${name}` })
      // the insurer number's first five digits, or a key outside the code list (x9xx is never assigned)
      code = ins ? ins.slice(0, 5) : `${String(prefectureCode(prefecture) ?? 0).padStart(2, '0')}9${String(++synthetic % 100).padStart(2, '0')}`
    }
    const { values, broken } = readValues(ctx, r, row, opts.columns, opts.max)
    const tierCell = idCell(ctx, row, 'tier')
    out.push({
      row: r, code, name, prefecture, insurerNo: ins, union: union?.name ?? null,
      insured: numberOrNull(ctx, r, idCell(ctx, row, 'insured'), 'insured'),
      tier: tierCell === undefined ? null : tierOf(tierCell),
      depopulated: depopulatedOf(idCell(ctx, row, 'depopulated'), block.ids.depopulated !== undefined),
      previous: { total: numberOrNull(ctx, r, idCell(ctx, row, 'prevTotal'), 'prevTotal'), rank: numberOrNull(ctx, r, idCell(ctx, row, 'prevRank'), 'prevRank') },
      values, broken,
    })
  }
  issues.addGrouped(unmatched, ctx.place('name'), (list) =>
    `全国地方公共団体コードの一覧に見つからない市町村名です（${list}）。保険者番号の先頭5桁（番号のない構成市町村は仮の番号）で読み込みます。市町村名の表記を確認してください`)
  rejectDuplicateCodes(out, issues, ctx.place('name'))
  return out
}

function prefectureFromUnion(union: UnionRow | null): string | null {
  const n = union ? insurerNumber(union.insurerCell) : null
  return typeof n === 'string' && n !== 'invalid' ? prefectureName(Number(n.slice(0, 2))) : null
}

function rejectDuplicateCodes(rows: readonly MunicipalityRow[], issues: IssueSink, column: string): void {
  const first = new Map<string, MunicipalityRow>()
  for (const m of rows) {
    const f = first.get(m.code)
    if (f) issues.add('error', m.row, column, `${f.row + 1}行目（${f.name}）と同じ地方公共団体コード（${m.code}）になります`)
    else first.set(m.code, m)
  }
}

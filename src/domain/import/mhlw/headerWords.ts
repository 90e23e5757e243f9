/**
 * The words of MHLW's national result workbook, as they stand in its header cells, and what each
 * one means. Texts are matched after NFKC (「Ⅰ（ⅰ）計」 → `I(i)計`, 「第１号」 → `第1号`) with all
 * whitespace removed (ID labels carry line breaks and full-width spaces).
 */
import type { GoalId, GrantId, GroupKind } from '../../types'
import { cellText, normalizeKey } from '../longFormat'
import type { Cell } from '../types'

/** NFKC, no whitespace. Brackets stay: 「（案）」 and 「(i)」 carry meaning. */
export function fullKey(cell: Cell | undefined): string {
  return normalizeKey(cellText(cell))
}

/** fullKey without bracketed notes (but (i)/(ii) stay): 「第１号被保険者数\n（令和6年3月末現在）」 → 第1号被保険者数. */
export function bareKey(cell: Cell | undefined): string {
  return fullKey(cell).replace(/\((?!i+\))[^()]*\)|【[^】]*】|\[[^\]]*\]|〔[^〕]*〕/g, '').replace(/^※.*/, '')
}

/** A header text as shown in messages: whitespace runs made one space. */
export function displayText(cell: Cell | undefined): string {
  return cellText(cell).replace(/\s+/g, ' ')
}

export type IdColumn =
  | 'serial' | 'prefCode' | 'prefName' | 'insurerNo' | 'lgCode' | 'name' | 'population' | 'insured' | 'tier' | 'depopulated'
  | 'prevTotal' | 'prevRank'

/** Identification columns: label for messages, and a test on the bare key. Order matters (previous year first). */
export const ID_COLUMNS: readonly { id: IdColumn; label: string; test: (k: string) => boolean }[] = [
  { id: 'prevRank', label: '前年度の合計得点順位', test: (k) => /順位$/.test(k) && /(^R\d+|前年度|昨年度|^(令和|平成)\d+年度)/.test(k) },
  { id: 'prevTotal', label: '前年度の合計得点', test: (k) => /(合計得点|合計点)$/.test(k) && /(^R\d+|前年度|昨年度|^(令和|平成)\d+年度)/.test(k) },
  { id: 'serial', label: '通し番号', test: (k) => /^(通し番号|通番|連番|No\.?)$/i.test(k) },
  { id: 'prefCode', label: '都道府県番号', test: (k) => /^都道府県(番号|コード|No\.?)$/i.test(k) },
  { id: 'prefName', label: '都道府県名', test: (k) => /^都道府県名?$/.test(k) },
  { id: 'insurerNo', label: '保険者番号', test: (k) => /^(介護)?保険者(番号|No\.?)$/i.test(k) },
  { id: 'lgCode', label: '市町村コード', test: (k) => /^(市区?町村|地方公共団体|全国地方公共団体|団体)コード$/.test(k) },
  { id: 'name', label: '市町村名', test: (k) => /^(市区?町村名?|保険者名|市区?町村・?保険者名|保険者)$/.test(k) },
  { id: 'population', label: '人口', test: (k) => /^(総)?人口$/.test(k) },
  { id: 'insured', label: '第1号被保険者数', test: (k) => /^第?1号被保険者数?/.test(k) },
  { id: 'tier', label: '区分', test: (k) => /^(規模別?)?区分$/.test(k) },
  { id: 'depopulated', label: '過疎地域', test: (k) => /^過疎/.test(k) },
]

export function idColumnOf(bare: string): IdColumn | null {
  if (bare === '') return null
  return ID_COLUMNS.find((c) => c.test(bare))?.id ?? null
}

export function idLabel(id: IdColumn): string {
  return ID_COLUMNS.find((c) => c.id === id)?.label ?? id
}

/** The statistics rows between the header and the data (and one 標準偏差 row after it). */
export type StatKind = 'max' | 'sum' | 'mean' | 'itemMean' | 'meanRate' | 'median' | 'sd' | 'count' | 'share'

const STAT_WORDS: [RegExp, StatKind][] = [
  [/^(全国)?(配点|満点)$/, 'max'],
  [/^全国合計$/, 'sum'],
  [/^(全国)?平均(点|値)?$/, 'mean'],
  [/^項目平均(点)?$/, 'itemMean'],
  [/^(全国)?平均得点率$/, 'meanRate'],
  [/^(全国)?中央値$/, 'median'],
  [/^(全国)?標準偏差$/, 'sd'],
  [/^該当(市町村|保険者)数$/, 'count'],
  [/^(全国)?該当率$/, 'share'],
]

export function statKindOf(bare: string): StatKind | null {
  for (const [re, kind] of STAT_WORDS) if (re.test(bare)) return kind
  return null
}

export const STAT_LABELS: Record<StatKind, string> = {
  max: '配点', sum: '全国合計', mean: '平均点', itemMean: '項目平均', meanRate: '平均得点率', median: '中央値', sd: '標準偏差', count: '該当市町村数', share: '該当率',
}

/** 保険者機能強化推進交付金 / 介護保険保険者努力支援交付金 (a grant block's row-2 label). */
export function grantNamed(key: string): GrantId | null {
  // whole labels only: a title naming both grants is not a grant block's label
  if (/^(保険者)?機能強化推進交付金$|^推進(交付金)?$/.test(key)) return 'suishin'
  if (/^(介護保険)?(保険者)?努力支援交付金$|^(努力|支援)(交付金)?$/.test(key)) return 'doryoku'
  return null
}

const GOAL_TOKEN: Record<string, GoalId> = { I: 'I', II: 'II', III: 'III', IV: 'IV', 1: 'I', 2: 'II', 3: 'III', 4: 'IV' }

/** 「目標Ⅰ　持続可能な…」 → I. */
export function goalNamed(key: string): GoalId | null {
  const m = /^目標(IV|III|II|I|[1-4])(?![IVX])/.exec(key)
  return m ? GOAL_TOKEN[m[1] ?? ''] ?? null : null
}

/** 「（ⅰ）体制・取組指標群」, 「目標Ⅰｰ（ⅰ）体制・取組指標群」 (R6), 「活動指標群」, 「成果指標群」. */
export function groupNamed(key: string): GroupKind | null {
  if (/計$/.test(key)) return null
  if (/\(i\)/.test(key) || /体制・?取組/.test(key)) return 'structure'
  if (/\(ii\)/.test(key) || /活動指標/.test(key)) return 'activity'
  if (/成果指標/.test(key)) return 'outcome'
  return null
}

/** A total column's label: 「Ⅰ（ⅰ）計」, 「Ⅰ合計」, 「Ⅳ合計」, 「推進合計」, 「支援合計」, 「推進・支援合計」. */
export type TotalLabel =
  | { kind: 'group'; goal: GoalId; group: GroupKind }
  | { kind: 'goal'; goal: GoalId }
  | { kind: 'grant'; grant: GrantId }
  | { kind: 'combined' }

export function totalNamed(key: string): TotalLabel | null {
  if (/^推進・?(支援|努力)(支援)?(交付金)?合計(得点)?$/.test(key)) return { kind: 'combined' }
  if (/^推進(交付金)?合計(得点)?$/.test(key)) return { kind: 'grant', grant: 'suishin' }
  if (/^(支援|努力支援?)(交付金)?合計(得点)?$/.test(key)) return { kind: 'grant', grant: 'doryoku' }
  const m = /^(?:目標)?(IV|III|II|I)(?:\((i|ii)\))?(計|合計|小計)$/.exec(key)
  if (!m) return null
  const goal = GOAL_TOKEN[m[1] ?? ''] ?? null
  if (!goal) return null
  if (m[2]) return { kind: 'group', goal, group: m[2] === 'i' ? 'structure' : 'activity' }
  return { kind: 'goal', goal }
}

/** 今年度順位: the national competition rank of 推進・支援合計. */
export function isCombinedRank(key: string): boolean {
  return /^今年度(の)?順位$|^(全国)?順位$/.test(key)
}

/** 交付見込額 columns (令和6年度 only): which grant (or both) and which stage. */
export function amountNamed(path: readonly string[]): { grant: GrantId | 'total'; stage: 'draft' | 'final' } | null {
  const joined = path.join('/')
  if (!/交付|見込|金額|額|千円/.test(joined) && !/(^|\/)\(?(案|確定)\)?($|\/)/.test(joined)) return null
  const stage = /確定/.test(joined) ? 'final' : /案/.test(joined) ? 'draft' : null
  if (stage === null) return null
  const last = path.filter((p) => !/^\(?(案|確定)\)?$/.test(p)).map((p) => p.replace(/\((案|確定)\)|案$|確定$/, ''))
  let grant: GrantId | 'total' | null = null
  for (const p of last) {
    if (/推進・?支援|^合計/.test(p)) grant = 'total'
    else if (/推進/.test(p)) grant = 'suishin'
    else if (/支援|努力/.test(p)) grant = 'doryoku'
  }
  return grant === null ? null : { grant, stage }
}

/** Branch marks: ア, イ … (枝番) and ①–④ (枝番2), read from the raw text (NFKC turns ① into 1). */
export function branchMark(cell: Cell | undefined): string | null {
  const raw = cellText(cell)
  if (/^[ア-ンｱ-ﾝ]$/.test(raw)) return raw.normalize('NFKC')
  if (/^[\u2460-\u2473]$/.test(raw)) return raw
  return null
}

/** An item number: 1, 12, (3), 「１」. Circled numbers are branches, not item numbers. */
export function itemNumber(cell: Cell | undefined): string | null {
  if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? String(cell) : null
  if (branchMark(cell) !== null) return null
  const m = /^\(?(\d{1,3})\)?$/.exec(fullKey(cell))
  return m ? String(Number(m[1])) : null
}

/** 令和7年度 → 2025, 平成30年度 → 2018, 2025年度 → 2025, R7 → 2025 (in a longer text). */
export function fiscalYearIn(text: string): number | null {
  const k = normalizeKey(text)
  const era = /(令和|平成)(元|\d{1,2})年度?/.exec(k)
  if (era) {
    const n = era[2] === '元' ? 1 : Number(era[2])
    return era[1] === '令和' ? 2018 + n : 1988 + n
  }
  const western = /(20\d{2})年度/.exec(k)
  if (western) return Number(western[1])
  const short = /(?:^|[^A-Za-z])R0?(\d{1,2})(?!\d)/i.exec(k)
  if (short) return 2018 + Number(short[1])
  return null
}

/** Spreadsheet column letter of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let s = ''
  while (n > 0) {
    const r = (n - 1) % 26
    s = String.fromCharCode(65 + r) + s
    n = Math.floor((n - 1) / 26)
  }
  return s
}

/** 「3行目 D列「目標Ⅰ…」」: where a header cell is, for messages. */
export function cellPlace(row: number, col: number, text: string): string {
  return `${row + 1}行目 ${columnLetter(col)}列「${text}」`
}

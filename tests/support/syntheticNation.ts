/**
 * A deterministic synthetic nation: every municipality scored by both grants, for load tests and
 * the import benchmark (bench/import.mjs). 1,741 municipalities in the 47 prefectures with the
 * real number of municipalities per prefecture (and roughly the real number of cities), codes in
 * the real shape (pp2xx cities, 131xx Tokyo wards, pp3xx–pp5xx towns and villages), invented
 * names, insured counts that follow the kind of municipality, size tiers, and for each evaluation
 * year of the 400-point structure (FY2024–FY2026) every group, goal and total of both grants with
 * prefectural and national averages, ranks and amounts.
 *
 * All figures are invented (seeded PRNG, mulberry32): the same seed gives the same datasets,
 * byte for byte once written with longTableCsv. The figures are internally consistent (goal =
 * sum of its groups, total = sum of goals, averages the same way), so the long format reads
 * them without a single warning; goal IV is the same outcome score in both grants, as published.
 * 04212 is left out so that the embedded example (登米市) never conflicts with an import.
 */
import { grantDef, GRANT_NAMES } from '@/domain/catalogue/grantCatalogue'
import { PREFECTURES } from '@/domain/import/longFormat'
import {
  GRANT_IDS,
  type GoalResult, type GrantId, type GrantResult, type GroupResult, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from '@/domain/types'

/** Municipalities per prefecture (都道府県番号 order; Tokyo counts its 23 wards). Sums to 1,741. */
export const MUNICIPALITY_COUNTS = [
  179, 40, 33, 35, 25, 35, 59, 44, 25, 35, 63, 54, 62, 33, 30, 15, 19, 17, 27, 77, 42, 35, 54, 29,
  19, 26, 43, 41, 39, 30, 19, 19, 27, 23, 19, 24, 17, 20, 34, 60, 20, 21, 45, 18, 26, 43, 41,
] as const

/** Cities (市) per prefecture, same order; Tokyo's 23 wards come on top of its 26 cities. */
const CITY_COUNTS = [
  35, 10, 14, 14, 13, 13, 13, 32, 14, 12, 40, 37, 26, 19, 20, 10, 11, 9, 13, 19, 21, 23, 38, 14,
  13, 15, 33, 29, 12, 9, 4, 8, 15, 14, 13, 8, 8, 11, 11, 29, 10, 13, 14, 14, 9, 19, 11,
] as const
const TOKYO_WARDS = 23

export const SYNTHETIC_YEARS = [2024, 2025, 2026] as const
export const SYNTHETIC_SOURCE = '合成データ（ベンチマーク用の架空の値）'

/** Budgets shared by score × insured (FY2024 municipal totals), yen. */
const BUDGET_YEN: Record<GrantId, number> = { suishin: 9_500_000_000, doryoku: 19_000_000_000 }

/** mulberry32: a small, fast, well-mixed 32-bit PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal by Box–Muller. */
function gaussian(rand: () => number): number {
  const u = Math.max(rand(), 1e-12)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
}

const NAME_PARTS = [...'青赤秋朝東芦天新有粟安飯生池石泉磯板市井稲今入岩上浮宇内梅浦江大岡沖奥小尾加柏春片金釜上亀川北木清久草串熊倉栗黒桑郡小坂桜佐里沢塩島清下白新杉須瀬関高竹田多玉丹千津土寺遠戸富豊中長那南西沼野幡花浜早原日東平広福藤船古堀本前牧松真水三南宮妙武村本森八柳山湯横吉米若和']

/** A name of two characters not used before in its prefecture, e.g. 松浦. */
function inventName(rand: () => number, used: Set<string>): string {
  for (;;) {
    const a = NAME_PARTS[Math.floor(rand() * NAME_PARTS.length)]!
    const b = NAME_PARTS[Math.floor(rand() * NAME_PARTS.length)]!
    const n = a === b ? a : `${a}${b}`
    if (!used.has(n)) { used.add(n); return n }
  }
}

export type MunicipalityKind = 'ward' | 'city' | 'town' | 'village'

export interface SyntheticMunicipality {
  code: string
  name: string
  prefecture: string
  kind: MunicipalityKind
  /** 第1号被保険者数 in the first year; later years drift a little */
  insured: number
  /** how well it does, a standard normal: the same municipality scores alike every year */
  ability: number
}

/** 規模区分 from the insured count. */
export function sizeTierOf(insured: number): SizeTier {
  if (insured < 3_000) return 1
  if (insured < 10_000) return 2
  if (insured < 50_000) return 3
  if (insured < 100_000) return 4
  return 5
}

const clampInt = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)))
const r1 = (x: number) => Math.round(x * 10) / 10

/** The 1,741 municipalities, in code order. */
export function syntheticMunicipalities(seed = 20250601): SyntheticMunicipality[] {
  const rand = mulberry32(seed)
  const out: SyntheticMunicipality[] = []
  PREFECTURES.forEach((prefecture, p) => {
    const pp = String(p + 1).padStart(2, '0')
    const total = MUNICIPALITY_COUNTS[p]!
    const wards = p === 12 ? TOKYO_WARDS : 0
    const cities = CITY_COUNTS[p]!
    const rest = total - wards - cities
    const towns = Math.round(rest * 0.75)
    const used = new Set<string>()
    const add = (code: string, kind: MunicipalityKind, suffix: string, medianInsured: number, spread: number) => {
      const insured = Math.max(150, Math.round(medianInsured * Math.exp(spread * gaussian(rand))))
      out.push({ code, name: `${inventName(rand, used)}${suffix}`, prefecture, kind, insured, ability: gaussian(rand) })
    }
    for (let i = 0; i < wards; i++) add(`${pp}${101 + i}`, 'ward', '区', 55_000, 0.5)
    // cities pp201…, skipping 04212 (the embedded example's 登米市)
    for (let i = 0, n = 201; i < cities; n++) {
      if (`${pp}${n}` === '04212') continue
      add(`${pp}${n}`, 'city', '市', 22_000, 0.9)
      i++
    }
    // towns and villages in blocks of 50 per hundred, as districts (郡) are numbered: 301–350, 401–450, 501…
    for (let i = 0; i < rest; i++) {
      const n = 300 + Math.floor(i / 50) * 100 + (i % 50) + 1
      if (i < towns) add(`${pp}${n}`, 'town', '町', 4_500, 0.7)
      else add(`${pp}${n}`, 'village', '村', 900, 0.8)
    }
  })
  return out
}

interface Line { items: number; max: number; score: number }

/**
 * Every municipality × FY2024–FY2026 (5,223 datasets), with both grants in full. The source
 * label says the figures are invented; file and importedAt are left null (an importer stamps them).
 */
export function syntheticNation(opts: { seed?: number; years?: readonly number[] } = {}): YearDataset[] {
  const seed = opts.seed ?? 20250601
  const years = opts.years ?? SYNTHETIC_YEARS
  const munis = syntheticMunicipalities(seed)
  const rand = mulberry32(seed ^ 0x9e3779b9)
  const out: YearDataset[] = []

  for (const [y, fiscalYear] of years.entries()) {
    // scores first: per municipality, per grant, the groups of each goal in catalogue order
    type Scored = { m: SyntheticMunicipality; insured: number; lines: Record<GrantId, { goal: string; kind: string; line: Line }[]> }
    const scored: Scored[] = munis.map((m) => {
      const insured = Math.max(100, Math.round(m.insured * (1 + 0.02 * y) * (1 + 0.01 * gaussian(rand))))
      const yearForm = m.ability + 0.25 * gaussian(rand)
      const lines = {} as Scored['lines']
      let outcome: number | null = null
      for (const grant of GRANT_IDS) {
        const def = grantDef(grant, fiscalYear)
        if (!def?.goals) throw new Error(`no 400-point structure for ${fiscalYear}`)
        lines[grant] = []
        for (const goal of def.goals) {
          for (const group of goal.groups) {
            let score: number
            if (group.kind === 'outcome' && outcome !== null) score = outcome // goal IV: one score for both grants
            else {
              // structures score high, activities (national rank tiers) lower, each with its own spread
              const base = group.kind === 'structure' ? 0.55 : group.kind === 'activity' ? -0.1 : 0.1
              const x = base + 0.7 * yearForm + 0.6 * gaussian(rand)
              score = clampInt(group.max / (1 + Math.exp(-x)), 0, group.max)
              if (group.kind === 'outcome') outcome = score
            }
            lines[grant].push({ goal: goal.goal, kind: group.kind, line: { items: group.items.length, max: group.max, score } })
          }
        }
      }
      return { m, insured, lines }
    })

    // averages of each group over the prefecture and the nation, one decimal; goals and totals are their sums
    const groupCount = (g: GrantId) => scored[0]!.lines[g].length
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length
    const natAvg: Record<GrantId, number[]> = { suishin: [], doryoku: [] }
    const prefAvg = new Map<string, Record<GrantId, number[]>>()
    for (const g of GRANT_IDS) {
      for (let k = 0; k < groupCount(g); k++) natAvg[g].push(r1(mean(scored.map((s) => s.lines[g][k]!.line.score))))
    }
    for (const prefecture of PREFECTURES) {
      const members = scored.filter((s) => s.m.prefecture === prefecture)
      const rec = { suishin: [] as number[], doryoku: [] as number[] }
      for (const g of GRANT_IDS) for (let k = 0; k < groupCount(g); k++) rec[g].push(r1(mean(members.map((s) => s.lines[g][k]!.line.score))))
      prefAvg.set(prefecture, rec)
    }

    // totals, ranks (standard competition ranking) and amounts by score × insured
    const totalOf = (s: Scored, g: GrantId) => s.lines[g].reduce((t, x) => t + x.line.score, 0)
    const ranks = (pool: Scored[], g: GrantId) => {
      const sorted = pool.map((s) => totalOf(s, g)).sort((a, b) => b - a)
      return (s: Scored): Rank => ({ rank: sorted.indexOf(totalOf(s, g)) + 1, of: pool.length })
    }
    const natRank = { suishin: ranks(scored, 'suishin'), doryoku: ranks(scored, 'doryoku') }
    const prefRank = new Map<string, Record<GrantId, (s: Scored) => Rank>>(PREFECTURES.map((p) => {
      const pool = scored.filter((s) => s.m.prefecture === p)
      return [p, { suishin: ranks(pool, 'suishin'), doryoku: ranks(pool, 'doryoku') }]
    }))
    const points = { suishin: 0, doryoku: 0 }
    for (const s of scored) for (const g of GRANT_IDS) points[g] += totalOf(s, g) * s.insured

    for (const s of scored) {
      const pa = prefAvg.get(s.m.prefecture)!
      const grants: YearDataset['grants'] = {}
      for (const g of GRANT_IDS) {
        const goals: GoalResult[] = []
        s.lines[g].forEach((x, k) => {
          const group: GroupResult = { kind: x.kind as GroupResult['kind'], ...x.line, prefAvg: pa[g][k]!, natAvg: natAvg[g][k]! }
          let goal = goals.find((o) => o.goal === x.goal)
          if (!goal) {
            goal = { goal: x.goal as GoalResult['goal'], items: 0, max: 0, score: 0, prefAvg: 0, natAvg: 0, groups: [] }
            goals.push(goal)
          }
          goal.groups.push(group)
        })
        const sum = (ls: readonly ScoreLine[], f: keyof ScoreLine) => r1(ls.reduce((t, l) => t + (l[f] ?? 0), 0))
        for (const goal of goals) for (const f of ['items', 'max', 'score', 'prefAvg', 'natAvg'] as const) goal[f] = sum(goal.groups, f)
        const total: ScoreLine = { items: 0, max: 0, score: 0, prefAvg: 0, natAvg: 0 }
        for (const f of ['items', 'max', 'score', 'prefAvg', 'natAvg'] as const) total[f] = sum(goals, f)
        const result: GrantResult = {
          grant: g, total, goals,
          amountYen: Math.round((BUDGET_YEN[g] * totalOf(s, g) * s.insured) / points[g] / 1000) * 1000,
          prefRank: prefRank.get(s.m.prefecture)![g](s),
          natRank: natRank[g](s),
        }
        grants[g] = result
      }
      out.push({
        municipality: { code: s.m.code, name: s.m.name, prefecture: s.m.prefecture },
        fiscalYear,
        insuredCount: s.insured,
        sizeTier: sizeTierOf(s.insured),
        grants,
        source: { label: `${SYNTHETIC_SOURCE} ${GRANT_NAMES.suishin.shortName}・${GRANT_NAMES.doryoku.shortName}`, file: null, importedAt: null, example: false },
      })
    }
  }
  return out
}

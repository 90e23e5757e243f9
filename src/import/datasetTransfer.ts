/**
 * A compact form of the datasets a CSV import produces, for the trip from the parsing Worker
 * to the page. A national file holds some 5,000 datasets of about 45 small objects each; the
 * structured clone of that many objects costs the page a quarter of a second to receive. Packed,
 * the figures travel as one transferred Float64Array (no copy), the texts as a short deduplicated
 * list, and the page rebuilds the objects itself several times faster.
 *
 * The packing is exact or not done at all: every object must have exactly the keys of the
 * domain types, in the order the long-format reader writes them, and every figure must be a
 * number or null; the objects come back with the same keys in the same order, the same strings
 * and the same numbers (-0 included). Anything else (another shape, NaN, undefined) makes
 * packDatasets return null, and the caller sends the datasets as they are.
 */
import {
  GOAL_IDS, GRANT_IDS, GROUP_KINDS,
  type GoalResult, type GrantResult, type GroupResult, type Rank, type ScoreLine, type SizeTier, type YearDataset,
} from '@/domain/types'

export interface PackedDatasets {
  count: number
  /** figures, code words for the structure, and indices into `strings`, in reading order */
  numbers: Float64Array
  strings: string[]
}

const DATASET_KEYS = ['municipality', 'fiscalYear', 'insuredCount', 'sizeTier', 'grants', 'source'] as const
const MUNICIPALITY_KEYS = ['code', 'name', 'prefecture'] as const
const SOURCE_KEYS = ['label', 'file', 'importedAt', 'example'] as const
const GRANT_KEYS = ['grant', 'total', 'goals', 'amountYen', 'prefRank', 'natRank'] as const
const LINE_KEYS = ['items', 'max', 'score', 'prefAvg', 'natAvg'] as const
const GOAL_KEYS = [...LINE_KEYS, 'goal', 'groups'] as const
const GROUP_KEYS = [...LINE_KEYS, 'kind'] as const
const RANK_KEYS = ['rank', 'of'] as const

/** A missing figure. NaN itself is never packed (packDatasets gives up on it). */
const NULL = Number.NaN

class Unpackable extends Error {}

/** A plain object whose own enumerable keys are exactly `keys`, in that order. */
function hasKeys(o: unknown, keys: readonly string[]): o is Record<string, unknown> {
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return false
  let k = 0
  for (const key in o) {
    if (key !== keys[k]) return false
    k++
  }
  return k === keys.length
}

function check(o: unknown, keys: readonly string[]): Record<string, unknown> {
  if (!hasKeys(o, keys)) throw new Unpackable()
  return o
}

/** The packed form of the datasets, or null when any of them is not exactly of the domain shape. */
export function packDatasets(datasets: readonly YearDataset[]): PackedDatasets | null {
  let numbers = new Float64Array(Math.max(1024, datasets.length * 256))
  let n = 0
  const strings: string[] = []
  const stringIndex = new Map<string, number>()

  const put = (v: number) => {
    if (n === numbers.length) {
      const bigger = new Float64Array(numbers.length * 2)
      bigger.set(numbers)
      numbers = bigger
    }
    numbers[n++] = v
  }
  const figure = (v: unknown) => {
    if (v === null) put(NULL)
    else if (typeof v === 'number' && v === v) put(v)
    else throw new Unpackable()
  }
  const text = (v: unknown, nullable = false) => {
    if (v === null && nullable) { put(-1); return }
    if (typeof v !== 'string') throw new Unpackable()
    let i = stringIndex.get(v)
    if (i === undefined) {
      i = strings.length
      strings.push(v)
      stringIndex.set(v, i)
    }
    put(i)
  }
  const id = (v: unknown, ids: readonly string[]) => {
    const i = ids.indexOf(v as string)
    if (i < 0) throw new Unpackable()
    put(i)
  }
  const line = (l: Record<string, unknown>) => {
    figure(l.items); figure(l.max); figure(l.score); figure(l.prefAvg); figure(l.natAvg)
  }
  const rank = (r: unknown) => {
    if (r === null) { put(0); return }
    const o = check(r, RANK_KEYS)
    put(1); figure(o.rank); figure(o.of)
  }

  try {
    for (const ds of datasets) {
      const d = check(ds, DATASET_KEYS)
      const m = check(d.municipality, MUNICIPALITY_KEYS)
      text(m.code); text(m.name); text(m.prefecture)
      figure(d.fiscalYear); figure(d.insuredCount); figure(d.sizeTier)
      const grants = d.grants
      if (typeof grants !== 'object' || grants === null || Array.isArray(grants)) throw new Unpackable()
      const grantKeys: string[] = []
      for (const key in grants) grantKeys.push(key)
      put(grantKeys.length)
      for (const key of grantKeys) {
        id(key, GRANT_IDS)
        const g = check((grants as Record<string, unknown>)[key], GRANT_KEYS)
        id(g.grant, GRANT_IDS)
        line(check(g.total, LINE_KEYS))
        const goals = g.goals
        if (!Array.isArray(goals)) throw new Unpackable()
        put(goals.length)
        for (let i = 0; i < goals.length; i++) {
          const goal = check(goals[i], GOAL_KEYS)
          line(goal)
          id(goal.goal, GOAL_IDS)
          const groups = goal.groups
          if (!Array.isArray(groups)) throw new Unpackable()
          put(groups.length)
          for (let j = 0; j < groups.length; j++) {
            const group = check(groups[j], GROUP_KEYS)
            line(group)
            id(group.kind, GROUP_KINDS)
          }
        }
        figure(g.amountYen)
        rank(g.prefRank)
        rank(g.natRank)
      }
      const s = check(d.source, SOURCE_KEYS)
      text(s.label); text(s.file, true); text(s.importedAt, true)
      if (typeof s.example !== 'boolean') throw new Unpackable()
      put(s.example ? 1 : 0)
    }
  } catch (e) {
    if (e instanceof Unpackable) return null
    throw e
  }
  return { count: datasets.length, numbers: numbers.slice(0, n), strings }
}

/** The datasets back from their packed form. */
export function unpackDatasets(packed: PackedDatasets): YearDataset[] {
  const { numbers, strings } = packed
  let n = 0
  const figure = (): number | null => {
    const v = numbers[n++]!
    return v !== v ? null : v
  }
  const text = (): string => strings[numbers[n++]!]!
  const textOrNull = (): string | null => {
    const i = numbers[n++]!
    return i < 0 ? null : strings[i]!
  }
  const rank = (): Rank | null => {
    if (numbers[n++] === 0) return null
    const r = figure() as number
    return { rank: r, of: figure() as number }
  }

  const out: YearDataset[] = []
  for (let k = 0; k < packed.count; k++) {
    const code = text(), name = text(), prefecture = text()
    const fiscalYear = figure() as number
    const insuredCount = figure()
    const sizeTier = figure() as SizeTier | null
    const grants: YearDataset['grants'] = {}
    const grantCount = numbers[n++]!
    for (let g = 0; g < grantCount; g++) {
      const key = GRANT_IDS[numbers[n++]!]!
      const grant = GRANT_IDS[numbers[n++]!]!
      const items = figure(), max = figure(), score = figure(), prefAvg = figure(), natAvg = figure()
      const total: ScoreLine = { items, max, score, prefAvg, natAvg }
      const goalCount = numbers[n++]!
      const goals: GoalResult[] = []
      for (let i = 0; i < goalCount; i++) {
        const items = figure(), max = figure(), score = figure(), prefAvg = figure(), natAvg = figure()
        const goal = GOAL_IDS[numbers[n++]!]!
        const groupCount = numbers[n++]!
        const groups: GroupResult[] = []
        for (let j = 0; j < groupCount; j++) {
          const items = figure(), max = figure(), score = figure(), prefAvg = figure(), natAvg = figure()
          groups.push({ items, max, score, prefAvg, natAvg, kind: GROUP_KINDS[numbers[n++]!]! })
        }
        goals.push({ items, max, score, prefAvg, natAvg, goal, groups })
      }
      const amountYen = figure()
      const prefRank = rank()
      const natRank = rank()
      const result: GrantResult = { grant, total, goals, amountYen, prefRank, natRank }
      grants[key] = result
    }
    const label = text(), file = textOrNull(), importedAt = textOrNull()
    const example = numbers[n++] === 1
    out.push({
      municipality: { code, name, prefecture },
      fiscalYear, insuredCount, sizeTier, grants,
      source: { label, file, importedAt, example },
    })
  }
  return out
}

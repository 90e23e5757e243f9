/**
 * What-if scenarios of the selected municipality and year: the one being edited (`current`), the
 * saved ones, and everything computed from them. Every figure comes from the domain: the scenario
 * is applied with applyScenarioDetailed, valued with the allocation model, and, when other
 * municipalities of the same year are loaded (a pool), re-ranked with recomputePool. The pool is
 * laid out once per fiscal year and set of datasets, not on every slider move.
 */
import { defineStore } from 'pinia'
import { computed, markRaw, ref, shallowRef } from 'vue'
import {
  applyScenarioDetailed, createScenario, datasetGapRows, estimateFromApplied, preparePool, recomputePool, scenarioParams,
  weakestAreas, withAssumptions, withGroupScore, withItem,
  type AllocationOverrides, type AllocationParams, type ChangeEstimate, type GapRow, type GrantId, type Scenario, type ScenarioGrantRanks,
  type ScenarioIssue, type WhatIfPool, type YearDataset,
} from '@/domain'
import {
  deleteScenario, describeDbError, duplicateScenario, getScenario, listScenarios, renameScenario, saveScenario,
  type InvalidScenarioRecord,
} from '@/db'
import { useDatasetsStore } from './datasets'

export interface ScenarioEvaluation {
  scenario: Scenario
  /** the dataset with the scenario applied (ranks from the pool when there is one) */
  dataset: YearDataset
  gaps: GapRow[]
  weakest: GapRow[]
  allocation: ChangeEstimate
  /** ranks with the others held fixed; null without a pool */
  ranks: Record<GrantId, ScenarioGrantRanks> | null
  /** municipalities in the pool, or null */
  poolSize: number | null
  issues: ScenarioIssue[]
}

/** A new id: a UUID where the browser has one, else time and randomness. */
export function newScenarioId(): string {
  const c = globalThis.crypto as Crypto | undefined
  if (c && typeof c.randomUUID === 'function') return c.randomUUID()
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

const sameContent = (a: Scenario, b: Scenario): boolean =>
  a.name === b.name && JSON.stringify([a.edits, [...a.items].sort(), a.assumptions]) === JSON.stringify([b.edits, [...b.items].sort(), b.assumptions])

export const useScenariosStore = defineStore('scenarios', () => {
  const datasets = useDatasetsStore()
  const current = shallowRef<Scenario | null>(null)
  const saved = shallowRef<Scenario[]>([])
  const invalid = shallowRef<InvalidScenarioRecord[]>([])
  const loadedFor = ref<string | null>(null)
  const notice = ref<string | null>(null)
  const error = ref<string | null>(null)
  const now = (): string => new Date().toISOString()

  const baseline = computed(() => datasets.selected)
  // A primitive: the pool below recomputes when the year or the datasets change, not on every edit.
  const poolYear = computed(() => datasets.selected?.fiscalYear ?? null)
  const pool = computed<WhatIfPool | null>(() => {
    const fy = poolYear.value
    if (fy === null) return null
    // the year's national population: never the example or single imports mixed into it
    const members = datasets.poolOf(fy)
    const code = datasets.selected?.municipality.code
    if (!members || members.length < 2 || !members.some((d) => d.municipality.code === code)) return null
    try {
      return markRaw(preparePool(members))
    } catch {
      return null
    }
  })

  function evaluate(s: Scenario | null): ScenarioEvaluation | null {
    const b = baseline.value
    if (!s || !b || s.code !== b.municipality.code || s.fiscalYear !== b.fiscalYear) return null
    const params = scenarioParams(s)
    const p = pool.value
    if (p && p.datasets[p.indexOf.get(b.municipality.code) ?? -1] === b) {
      const r = recomputePool(p, b.municipality.code, s, params)
      const gaps = r.gaps ?? datasetGapRows(r.dataset)
      return { scenario: s, dataset: r.dataset, gaps, weakest: weakestAreas(r.dataset), allocation: r.allocation, ranks: r.ranks, poolSize: p.size, issues: r.issues }
    }
    const applied = applyScenarioDetailed(b, s)
    return {
      scenario: s, dataset: applied.dataset, gaps: datasetGapRows(applied.dataset), weakest: weakestAreas(applied.dataset),
      allocation: estimateFromApplied(b, applied, params), ranks: null, poolSize: null, issues: applied.issues,
    }
  }

  const evaluation = computed(() => evaluate(current.value))
  /** the baseline as a scenario without edits (for comparisons); does not change while editing */
  const baselineEvaluation = computed(() => {
    const b = baseline.value
    return b ? evaluate(createScenario({ id: 'baseline', name: '現状', code: b.municipality.code, fiscalYear: b.fiscalYear, now: '' })) : null
  })
  /** the allocation parameters in force: the year's defaults with the scenario's assumptions */
  const currentParams = computed<AllocationParams | null>((previous) => {
    const c = current.value
    if (!c) return null
    // unchanged by score edits: keep the same object so that the assumptions panel does not re-render
    const next = scenarioParams(c)
    return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next
  })
  const isSaved = computed(() => current.value !== null && saved.value.some((s) => s.id === current.value?.id))
  const dirty = computed(() => {
    const c = current.value
    if (!c) return false
    const s = saved.value.find((x) => x.id === c.id)
    return s ? !sameContent(s, c) : !(Object.keys(c.edits).length === 0 && c.items.length === 0)
  })

  function draftName(): string {
    const names = new Set(saved.value.map((s) => s.name))
    for (let i = 1; ; i++) if (!names.has(`シナリオ${i}`)) return `シナリオ${i}`
  }

  /** Starts an empty, unsaved scenario for the selection. */
  function newDraft(): void {
    const b = baseline.value
    if (!b) { current.value = null; return }
    const t = now()
    current.value = createScenario({ id: newScenarioId(), name: draftName(), code: b.municipality.code, fiscalYear: b.fiscalYear, now: t })
  }

  /** Keeps the current scenario if it belongs to the selection; otherwise starts a draft. */
  function ensureForSelection(): void {
    const b = baseline.value
    const c = current.value
    if (b && c && c.code === b.municipality.code && c.fiscalYear === b.fiscalYear) return
    newDraft()
  }

  // ---- editing (every edit goes through the domain's pure functions) ----
  function edit(f: (s: Scenario, t: string) => Scenario): void {
    if (current.value) current.value = f(current.value, now())
  }
  const setGroupScore = (key: string, score: number | null): void => edit((s, t) => withGroupScore(s, key, score, t))
  const setItem = (id: string, ticked: boolean): void => edit((s, t) => withItem(s, id, ticked, t))
  const setAssumptions = (a: AllocationOverrides): void => edit((s, t) => withAssumptions(s, a, t))
  const setName = (name: string): void => edit((s, t) => ({ ...s, name, updatedAt: t }))
  /** Ticks the items of a plan (an inverse answer) in the current scenario. */
  const applyItems = (ids: readonly string[]): void => edit((s, t) => ids.reduce((acc, id) => withItem(acc, id, true, t), s))
  function reset(): void {
    edit((s, t) => ({ ...s, edits: {}, items: [], assumptions: {}, updatedAt: t }))
  }

  // ---- persistence ----
  const key = (code: string, fy: number): string => `${code}:${fy}`

  async function guard<T>(what: '読み込み' | '保存', f: () => Promise<T>): Promise<T | null> {
    error.value = null
    try {
      return await f()
    } catch (err) {
      error.value = describeDbError(err, what)
      return null
    }
  }

  /** Reads the saved scenarios of the selection (again, with `force`). */
  async function load(force = false): Promise<void> {
    const b = baseline.value
    if (!b) { saved.value = []; invalid.value = []; loadedFor.value = null; return }
    const k = key(b.municipality.code, b.fiscalYear)
    if (!force && loadedFor.value === k) return
    const db = datasets.database()
    if (!db) {
      if (loadedFor.value !== k) { saved.value = []; invalid.value = [] }
      loadedFor.value = k
      return
    }
    const list = await guard('読み込み', () => listScenarios(db, b.municipality.code, b.fiscalYear))
    // the selection may have moved on while reading
    if (!list || baseline.value !== b) return
    saved.value = list.scenarios
    invalid.value = list.invalid
    loadedFor.value = k
  }

  function putInList(s: Scenario): void {
    saved.value = [s, ...saved.value.filter((x) => x.id !== s.id)]
  }

  async function save(): Promise<boolean> {
    const c = current.value
    if (!c) return false
    const named = c.name.trim() === '' ? { ...c, name: draftName() } : c
    const s = { ...named, updatedAt: now() }
    const db = datasets.database()
    const stored = db ? await guard('保存', () => saveScenario(db, s)) : s
    if (!stored) return false
    current.value = stored
    putInList(stored)
    notice.value = db ? `「${stored.name}」を保存しました。` : `「${stored.name}」をこの画面の中だけに保存しました（データベースを開けないため、ページを閉じると消えます）。`
    return true
  }

  /** Opens a saved scenario by id (from the list, else from the database). Null when there is none. */
  async function open(id: string): Promise<Scenario | null> {
    const db = datasets.database()
    const s = saved.value.find((x) => x.id === id) ?? (db ? await guard('読み込み', () => getScenario(db, id)) : null)
    if (!s) return null
    current.value = s
    notice.value = null
    return s
  }

  async function duplicate(id: string): Promise<Scenario | null> {
    const original = saved.value.find((x) => x.id === id)
    if (!original) return null
    const copy = { id: newScenarioId(), name: `${original.name}のコピー`, now: now() }
    const db = datasets.database()
    const s = db ? await guard('保存', () => duplicateScenario(db, id, copy)) : { ...original, ...copy, createdAt: copy.now, updatedAt: copy.now }
    if (!s) return null
    putInList(s)
    notice.value = `「${original.name}」を複製して「${s.name}」を作りました。`
    return s
  }

  async function rename(id: string, name: string): Promise<boolean> {
    const trimmed = name.trim()
    const old = saved.value.find((x) => x.id === id)
    if (!old || trimmed === '') return false
    const db = datasets.database()
    const s = db ? await guard('保存', () => renameScenario(db, id, trimmed, now())) : { ...old, name: trimmed, updatedAt: now() }
    if (!s) return false
    putInList(s)
    if (current.value?.id === id) current.value = { ...current.value, name: s.name, updatedAt: s.updatedAt }
    notice.value = `「${old.name}」の名前を「${s.name}」に変えました。`
    return true
  }

  async function remove(id: string): Promise<boolean> {
    const old = saved.value.find((x) => x.id === id)
    if (!old) return false
    const db = datasets.database()
    if (db && (await guard('保存', () => deleteScenario(db, id).then(() => true))) === null) return false
    saved.value = saved.value.filter((x) => x.id !== id)
    if (current.value?.id === id) newDraft()
    notice.value = `「${old.name}」を削除しました。`
    return true
  }

  // a scenario saved, renamed or deleted in another tab shows up here too
  datasets.onOtherTab((tables) => { if (tables.includes('scenarios')) void load(true) })

  return {
    current, saved, invalid, notice, error,
    baseline, pool, evaluation, baselineEvaluation, currentParams, isSaved, dirty,
    evaluate, newDraft, ensureForSelection, setGroupScore, setItem, setAssumptions, setName, applyItems, reset,
    load, save, open, duplicate, rename, remove,
  }
})

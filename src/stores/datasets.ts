/**
 * Datasets and the current selection. Reads and writes go through src/db; every figure shown is
 * computed by src/domain. When the database cannot be opened the example is held in memory so
 * the app stays usable, and the reason is shown.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  datasetGapRows, datasetKeyOf, datasetKeyString, peerTable, populationDatasets, validateDataset, weakestAreas,
  type DatasetKey, type FiscalYear, type Population, type YearDataset,
} from '@/domain'
import {
  deleteDatasets, describeDbError, isFirstRun, loadPopulations, onOtherTabWrites, openDb, putRecords, readDatasets, requestPersistentStorage,
  restoreExample as restoreExampleInDb, seedExampleOnFirstRun, storageStatus, type DatasetRecord, type IncentiveLensDb,
  type StorageStatus, type UnreadableRecord,
} from '@/db'
import { formatFiscalYear } from '@/domain/format'
import { exampleDatasets } from '@/data/example'

/** opening: first run, the example is shown while the database is created and seeded */
export type DbState = 'loading' | 'opening' | 'ready' | 'memory'

export const useDatasetsStore = defineStore('datasets', () => {
  const datasets = shallowRef<YearDataset[]>([])
  /** national populations, one per fiscal year at most: what ranks, averages and pools are computed over */
  const populations = shallowRef<Population[]>([])
  const dbState = ref<DbState>('loading')
  /** the current problem with storage, in Japanese, or null */
  const dbMessage = ref<string | null>(null)
  /** a passing notice, e.g. after restoring the example */
  const notice = ref<string | null>(null)
  /** what another tab changed under this one (shown on every screen) */
  const otherTabNotice = ref<string | null>(null)
  const persisted = ref<boolean | null>(null)
  const selection = ref<DatasetKey | null>(null)
  /** a link asked for a municipality (or year) that is not stored: said so, nothing else shown in its place */
  const missing = ref<Partial<DatasetKey> | null>(null)
  /** stored records the app cannot use (another version's, or damaged): listed, left as they are */
  const unreadable = shallowRef<UnreadableRecord[]>([])
  let db: IncentiveLensDb | null = null
  let stopListening: (() => void) | null = null
  /** other stores' interest in what other tabs write (scenarios, slide choices…) */
  const otherTabListeners = new Set<(tables: string[]) => void>()
  function onOtherTab(cb: (tables: string[]) => void): () => void {
    otherTabListeners.add(cb)
    return () => otherTabListeners.delete(cb)
  }

  const byKey = computed(() => new Map(datasets.value.map((d) => [datasetKeyString({ code: d.municipality.code, fiscalYear: d.fiscalYear }), d])))

  const municipalities = computed(() => {
    const seen = new Map<string, YearDataset['municipality']>()
    for (const d of datasets.value) if (!seen.has(d.municipality.code)) seen.set(d.municipality.code, d.municipality)
    return [...seen.values()].sort((a, b) => a.code.localeCompare(b.code))
  })

  function yearsOf(code: string): number[] {
    return datasets.value.filter((d) => d.municipality.code === code).map((d) => d.fiscalYear).sort((a, b) => b - a)
  }

  const years = computed(() => (selection.value ? yearsOf(selection.value.code) : []))
  const selected = computed(() => (selection.value ? byKey.value.get(datasetKeyString(selection.value)) ?? null : null))
  const gapRows = computed(() => (selected.value ? datasetGapRows(selected.value) : []))
  const weakest = computed(() => (selected.value ? weakestAreas(selected.value) : []))
  const issues = computed(() => (selected.value ? validateDataset(selected.value) : []))
  const populationByYear = computed(() => new Map(populations.value.map((p) => [p.fiscalYear, p])))

  /**
   * The year's pool: the datasets of its national population. Null without one: the example and
   * single-municipality imports never form or join a pool.
   */
  function poolOf(fiscalYear: FiscalYear): YearDataset[] | null {
    const pop = populationByYear.value.get(fiscalYear)
    return pop ? populationDatasets(pop, byKey.value) : null
  }

  /** with the year's national population loaded: the comparison with prefecture and size tier */
  const peers = computed(() => {
    const sel = selection.value
    if (!sel) return null
    const pool = poolOf(sel.fiscalYear)
    if (!pool || !pool.some((d) => d.municipality.code === sel.code)) return null
    return peerTable(pool, sel.code, sel.fiscalYear)
  })
  /** the selected municipality's datasets, every year, for trends */
  const history = computed(() => (selection.value ? datasets.value.filter((d) => d.municipality.code === selection.value?.code) : []))

  /** Keeps a requested selection when it exists; otherwise the first municipality's latest year. */
  function select(want: Partial<DatasetKey> = {}): void {
    missing.value = null
    otherTabNotice.value = null
    const code = want.code && municipalities.value.some((m) => m.code === want.code) ? want.code : municipalities.value[0]?.code
    if (!code) { selection.value = null; return }
    const ys = yearsOf(code)
    const fiscalYear = want.fiscalYear !== undefined && ys.includes(want.fiscalYear) ? want.fiscalYear : ys[0]
    selection.value = fiscalYear === undefined ? null : { code, fiscalYear }
  }

  /**
   * The selection a link (?m=…&y=…) asks for. A municipality or year that is not stored is not
   * swapped for another: the selection is cleared and `missing` says what was asked for.
   */
  function selectFromLink(want: Partial<DatasetKey>): void {
    const code = want.code
    const knownCode = code !== undefined && municipalities.value.some((m) => m.code === code)
    if ((code !== undefined && !knownCode) || (knownCode && want.fiscalYear !== undefined && !yearsOf(code).includes(want.fiscalYear))) {
      selection.value = null
      missing.value = { ...want }
      return
    }
    select(want)
  }

  /** After another tab wrote: read again, and say so when what this tab showed is gone. */
  async function refreshFromOtherTab(): Promise<void> {
    const before = selected.value
    await reload()
    if (!before || byKey.value.has(datasetKeyString({ code: before.municipality.code, fiscalYear: before.fiscalYear }))) return
    const now = selected.value
    otherTabNotice.value = `表示していた${before.municipality.name} ${formatFiscalYear(before.fiscalYear)}のデータは、別のタブで削除されました。`
      + (now ? `${now.municipality.name} ${formatFiscalYear(now.fiscalYear)}を表示しています。` : '')
  }

  async function init(want: Partial<DatasetKey> = {}, dbName?: string): Promise<void> {
    dbState.value = 'loading'
    // On the very first run the database will hold exactly the example: show it at once rather
    // than after the database has been created (the slowest step of a first visit).
    const firstRun = await isFirstRun(dbName)
    if (firstRun) {
      datasets.value = exampleDatasets()
      selectFromLink(want)
      dbState.value = 'opening'
    }
    try {
      db = await openDb(dbName, {
        knownAbsent: firstRun,
        onBlocked: (m) => { dbMessage.value = m },
        onVersionChange: (m) => { dbMessage.value = m; dbState.value = 'memory' },
      })
      const seeded = await seedExampleOnFirstRun(db, exampleDatasets(), new Date().toISOString())
      // what was shown is what was stored; otherwise (another tab got there first) read it back
      if (!(firstRun && seeded)) await readAll(db)
      stopListening?.()
      stopListening = onOtherTabWrites(db.name, (tables) => {
        if (tables.includes('datasets') || tables.includes('populations')) void refreshFromOtherTab()
        for (const cb of otherTabListeners) cb(tables)
      })
      dbState.value = 'ready'
      dbMessage.value = null
      void requestPersistentStorage().then((p) => { persisted.value = p })
    } catch (err) {
      db = null
      datasets.value = exampleDatasets()
      dbState.value = 'memory'
      dbMessage.value = describeDbError(err, '開く')
    }
    if (selection.value) select(selection.value)
    else selectFromLink(want)
  }

  async function readAll(open: IncentiveLensDb): Promise<void> {
    const read = await readDatasets(open)
    datasets.value = read.datasets
    unreadable.value = read.unreadable
    populations.value = await loadPopulations(open)
  }

  /** The open database, or null when running on the in-memory example. */
  function database(): IncentiveLensDb | null {
    return db
  }

  /** Reads everything again after a write, keeping the selection where it still exists. */
  async function reload(): Promise<void> {
    if (!db) return
    await readAll(db)
    if (!missing.value) select(selection.value ?? {})
  }

  /**
   * After an import: the datasets just written join the list in memory, in the database's key
   * order, instead of reading thousands of records back (they were validated by the importer).
   */
  async function applyWritten(written: readonly YearDataset[]): Promise<void> {
    if (!db) return
    const merged = new Map(datasets.value.map((d) => [datasetKeyString(datasetKeyOf(d)), d]))
    for (const d of written) merged.set(datasetKeyString(datasetKeyOf(d)), d)
    datasets.value = [...merged.values()].sort((a, b) => (a.municipality.code < b.municipality.code ? -1 : a.municipality.code > b.municipality.code ? 1 : a.fiscalYear - b.fiscalYear))
    populations.value = await loadPopulations(db)
    if (!missing.value) select(selection.value ?? {})
  }

  /** What the last deletion removed, for 元に戻す. */
  const lastDeleted = shallowRef<DatasetRecord[]>([])
  const storage = ref<StorageStatus | null>(null)

  async function refreshStorage(): Promise<void> {
    storage.value = await storageStatus()
  }

  async function remove(keys: DatasetKey[]): Promise<void> {
    notice.value = null
    if (!db) return
    try {
      lastDeleted.value = await deleteDatasets(db, keys)
      await reload()
      notice.value = `${lastDeleted.value.length}件のデータを削除しました。`
    } catch (err) {
      dbMessage.value = describeDbError(err, '保存')
    }
  }

  async function undoRemove(): Promise<void> {
    if (!db || lastDeleted.value.length === 0) return
    try {
      await putRecords(db, lastDeleted.value)
      notice.value = `削除した${lastDeleted.value.length}件を元に戻しました。`
      lastDeleted.value = []
      await reload()
    } catch (err) {
      dbMessage.value = describeDbError(err, '保存')
    }
  }

  async function restoreExample(): Promise<void> {
    notice.value = null
    if (!db) { datasets.value = exampleDatasets(); select(selection.value ?? {}); return }
    try {
      const result = await restoreExampleInDb(db, exampleDatasets(), new Date().toISOString())
      await readAll(db)
      notice.value = result.kept.length === 0
        ? `例のデータ（${result.restored.length}件）を復元しました。`
        : `例のデータ${result.restored.length}件を復元しました。取り込み済みのデータと重なる${result.kept.length}件は変更していません。`
      select(selection.value ?? {})
    } catch (err) {
      dbMessage.value = describeDbError(err, '保存')
    }
  }

  return {
    datasets, populations, populationByYear, poolOf, dbState, dbMessage, notice, persisted, selection, missing, unreadable, otherTabNotice,
    municipalities, years, selected, gapRows, weakest, issues, history, peers,
    lastDeleted, storage,
    init, select, selectFromLink, applyWritten, onOtherTab, restoreExample, reload, database, remove, undoRemove, refreshStorage,
  }
})

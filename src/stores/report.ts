/**
 * The yearly report of the selected municipality and year: the user's edits (loaded from and
 * saved to the `reports` table, a moment after typing stops) and the report document the domain
 * builds from the data and those edits. Thin: the drafting is src/domain/report.
 */
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { buildReport, emptyReportBody, type ReportBody, type ReportTextId } from '@/domain/report'
import { deleteReport, describeDbError, loadReport, saveReport } from '@/db'
import { useDatasetsStore } from './datasets'

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'memory' | 'error'

/** Typing pauses this long before the texts are written. */
export const SAVE_DELAY_MS = 600

export const useReportStore = defineStore('report', () => {
  const data = useDatasetsStore()
  const body = ref<ReportBody>(emptyReportBody())
  const loadedKey = ref<string | null>(null)
  const saveState = ref<SaveState>('idle')
  const message = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let pendingKey: { code: string; fiscalYear: number } | null = null

  const key = computed(() => data.selection)
  const keyString = computed(() => (key.value ? `${key.value.code}:${key.value.fiscalYear}` : null))

  const report = computed(() => {
    const ds = data.selected
    if (!ds || loadedKey.value !== keyString.value) return null
    return buildReport({ dataset: ds, history: data.history, body: body.value })
  })

  async function load(): Promise<void> {
    await flush()
    const k = key.value
    const want = keyString.value
    const db = data.database()
    message.value = null
    if (!k || !db) {
      body.value = emptyReportBody()
      saveState.value = db ? 'idle' : 'memory'
      loadedKey.value = want
      return
    }
    try {
      const loaded = await loadReport(db, k.code, k.fiscalYear)
      if (keyString.value !== want) return // the selection moved on meanwhile
      body.value = loaded.body ?? emptyReportBody()
      message.value = loaded.error
      saveState.value = loaded.body ? 'saved' : 'idle'
    } catch (err) {
      body.value = emptyReportBody()
      message.value = describeDbError(err, '開く')
      saveState.value = 'error'
    }
    loadedKey.value = want
  }

  watch([keyString, () => data.dbState], () => { void load() }, { immediate: true })

  async function write(): Promise<void> {
    const db = data.database()
    const k = pendingKey
    pendingKey = null
    if (!db || !k) { saveState.value = db ? saveState.value : 'memory'; return }
    saveState.value = 'saving'
    try {
      await saveReport(db, k.code, k.fiscalYear, body.value, new Date().toISOString())
      saveState.value = 'saved'
      message.value = null
    } catch (err) {
      saveState.value = 'error'
      // a body the domain refuses (too long) is a plain Error with a Japanese message; the rest come from IndexedDB
      message.value = err instanceof Error && err.name === 'Error' ? `保存できませんでした。${err.message}` : describeDbError(err, '保存')
    }
  }

  function schedule(): void {
    if (!key.value) return
    pendingKey = { ...key.value }
    saveState.value = data.database() ? 'pending' : 'memory'
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => { timer = null; void write() }, SAVE_DELAY_MS)
  }

  /** Writes a pending edit now (before an export, a change of selection, leaving the view). */
  async function flush(): Promise<void> {
    if (!timer) return
    clearTimeout(timer)
    timer = null
    await write()
  }

  function setText(id: ReportTextId, text: string): void {
    body.value = { ...body.value, texts: { ...body.value.texts, [id]: text } }
    schedule()
  }

  function setAnnouncementDate(date: string): void {
    body.value = { ...body.value, announcementDate: date }
    schedule()
  }

  /** One text back to the draft (the draft follows the data again). */
  function resetText(id: ReportTextId): void {
    body.value = { ...body.value, texts: { ...body.value.texts, [id]: null } }
    schedule()
  }

  /** Every edit of this municipality and year removed. */
  async function resetAll(): Promise<void> {
    if (timer) { clearTimeout(timer); timer = null }
    pendingKey = null
    body.value = emptyReportBody()
    const db = data.database()
    const k = key.value
    if (!db || !k) return
    try {
      await deleteReport(db, k.code, k.fiscalYear)
      saveState.value = 'idle'
    } catch (err) {
      saveState.value = 'error'
      message.value = describeDbError(err, '保存')
    }
  }

  return { body, report, saveState, message, setText, setAnnouncementDate, resetText, resetAll, flush, load }
})

/** The report store on fake-indexeddb: drafts for the selection, edits saved after a pause, per municipality × year. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { useDatasetsStore } from '@/stores/datasets'
import { SAVE_DELAY_MS, useReportStore } from '@/stores/report'
import { loadReport } from '@/db'

const DB = 'report-store-db'

async function setup() {
  setActivePinia(createPinia())
  const datasets = useDatasetsStore()
  await datasets.init({ code: '04212', fiscalYear: 2025 }, DB)
  const report = useReportStore()
  await report.load()
  return { datasets, report }
}

beforeEach(() => { Dexie.dependencies.indexedDB = new IDBFactory() })
afterEach(() => { vi.useRealTimers() })

describe('report store', () => {
  it('drafts the selected year from the data', async () => {
    const { report } = await setup()
    expect(report.report?.fiscalYear).toBe(2025)
    expect(report.report?.table.rows.find((r) => r.key === 'goal/II')?.cells.doryoku.score).toBe('20')
    expect(report.saveState).toBe('idle')
  })

  it('an edit is written after the pause, and flush writes at once', async () => {
    const { datasets, report } = await setup()
    report.setText('direction', '認知症施策を重点的に見直します。')
    expect(report.saveState).toBe('pending')
    expect(report.report?.texts.direction).toBe('認知症施策を重点的に見直します。')
    expect(report.report?.edited.direction).toBe(true)
    await report.flush()
    expect(report.saveState).toBe('saved')
    const db = datasets.database()!
    expect((await loadReport(db, '04212', 2025)).body?.texts.direction).toBe('認知症施策を重点的に見直します。')
  })

  it('saves by itself once typing stops', async () => {
    const { datasets, report } = await setup()
    vi.useFakeTimers()
    report.setAnnouncementDate('令和7年4月1日')
    await vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 10)
    vi.useRealTimers()
    await expect.poll(async () => (await loadReport(datasets.database()!, '04212', 2025)).body?.announcementDate).toBe('令和7年4月1日')
    expect(report.report?.texts.purpose).toMatch(/^令和7年4月1日付で/)
  })

  it('another year has its own texts; coming back restores the saved ones; reset goes back to the draft', async () => {
    const { datasets, report } = await setup()
    report.setText('overview', '令和7年度の概要（編集）')
    await report.flush()
    datasets.select({ code: '04212', fiscalYear: 2024 })
    await nextTick()
    await expect.poll(() => report.report?.fiscalYear).toBe(2024)
    expect(report.report?.edited.overview).toBe(false)
    datasets.select({ code: '04212', fiscalYear: 2025 })
    await expect.poll(() => report.report?.texts.overview).toBe('令和7年度の概要（編集）')
    report.resetText('overview')
    await report.flush()
    expect(report.report?.edited.overview).toBe(false)
    expect((await loadReport(datasets.database()!, '04212', 2025)).body?.texts.overview).toBeNull()
    await report.resetAll()
    expect(await datasets.database()!.reports.count()).toBe(0)
  })
})

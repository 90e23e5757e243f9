/** The report texts in the `reports` table: per municipality × year, validated on read and write. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { allReportRecords, deleteReport, loadReport, openDb, saveReport, type IncentiveLensDb } from '@/db'
import { emptyReportBody, parseReportBody, REPORT_TEXT_MAX, type ReportBody } from '@/domain/report'

const NOW = '2026-04-01T00:00:00.000Z'
const XSS = '<img src=x onerror=alert(1)>&"\''
let db: IncentiveLensDb

beforeEach(async () => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  db = await openDb('reports-db')
})
afterEach(() => db.close())

const body = (direction: string | null, date = '令和7年4月1日'): ReportBody =>
  ({ version: 1, announcementDate: date, texts: { purpose: null, overview: null, direction } })

describe('reports repository', () => {
  it('nothing saved reads as no body and no error', async () => {
    expect(await loadReport(db, '04212', 2025)).toEqual({ body: null, error: null, updatedAt: null })
  })

  it('saves per municipality and year, reads back exactly, text kept as given', async () => {
    await saveReport(db, '04212', 2025, body(`本市は${XSS}\n\n次の段落`), NOW)
    await saveReport(db, '04212', 2024, body(null, ''), NOW)
    await saveReport(db, '04202', 2025, body('石巻市の方向性'), NOW)
    expect((await loadReport(db, '04212', 2025)).body).toEqual(body(`本市は${XSS}\n\n次の段落`))
    expect((await loadReport(db, '04212', 2024)).body).toEqual(body(null, ''))
    expect((await loadReport(db, '04202', 2025)).body?.texts.direction).toBe('石巻市の方向性')
    const records = await allReportRecords(db)
    expect(records.map((r) => [r.code, r.fiscalYear])).toEqual([['04202', 2025], ['04212', 2024], ['04212', 2025]])
    expect(records[0]?.updatedAt).toBe(NOW)
  })

  it('a second save replaces the first; delete goes back to the draft', async () => {
    await saveReport(db, '04212', 2025, body('一回目'), NOW)
    await saveReport(db, '04212', 2025, body('二回目'), NOW)
    expect((await loadReport(db, '04212', 2025)).body?.texts.direction).toBe('二回目')
    await deleteReport(db, '04212', 2025)
    expect((await loadReport(db, '04212', 2025)).body).toBeNull()
  })

  it('a broken record is reported, not handed on and not changed', async () => {
    await db.reports.put({ code: '04212', fiscalYear: 2025, body: { version: 1, announcementDate: 3, texts: {} }, updatedAt: NOW })
    const loaded = await loadReport(db, '04212', 2025)
    expect(loaded.body).toBeNull()
    expect(loaded.error).toBe(`報告書の文章: 内示日が文字列ではありません（保存日時 ${NOW}）。下書きを表示しています。`)
    expect((await db.reports.get(['04212', 2025]))?.body).toEqual({ version: 1, announcementDate: 3, texts: {} })
  })

  it('refuses to write a body that would not read back', async () => {
    const bad = { ...body(null), texts: { purpose: null, overview: null, direction: 'x'.repeat(REPORT_TEXT_MAX + 1) } }
    await expect(saveReport(db, '04212', 2025, bad, NOW)).rejects.toThrow('今後の方向性が長すぎます')
    expect(await db.reports.count()).toBe(0)
  })
})

describe('parseReportBody (for restore from backups too)', () => {
  it('accepts the empty body and fills missing texts with null', () => {
    expect(parseReportBody(emptyReportBody())).toEqual({ ok: true, body: emptyReportBody() })
    expect(parseReportBody({ version: 1, announcementDate: '', texts: { direction: 'a' } })).toEqual({ ok: true, body: body('a', '') })
  })
  it.each([
    [null, '報告書の文章: 形式が正しくありません'],
    [[], '報告書の文章: 形式が正しくありません'],
    [{ version: 2, announcementDate: '', texts: {} }, '報告書の文章: 対応していない版です（2）'],
    [{ version: 1, announcementDate: '', texts: { summary: 'x' } }, '報告書の文章: 不明な項目があります（summary）'],
    [{ version: 1, announcementDate: '', texts: { purpose: 5 } }, '報告書の文章: 報告趣旨が文字列ではありません'],
    [{ version: 1, announcementDate: 'x'.repeat(101), texts: {} }, '報告書の文章: 内示日が長すぎます（100文字まで）'],
    [{ version: 1, announcementDate: '' }, '報告書の文章: texts がありません'],
  ])('rejects %j', (value, message) => {
    expect(parseReportBody(value)).toEqual({ ok: false, message })
  })
})

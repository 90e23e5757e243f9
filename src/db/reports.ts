/**
 * The yearly report's user-edited texts, one record per municipality × fiscal year in the
 * `reports` table (schema version 2). The body's shape belongs to the domain
 * (src/domain/report/reportBody.ts) and is checked on every read: a record that fails is
 * reported with its reason, never handed on, and never overwritten without the user saving.
 */
import { parseReportBody, type ReportBody } from '@/domain/report/reportBody'
import type { IncentiveLensDb, ReportRecord } from './schema'

export interface LoadedReport {
  /** the saved body, or null when none is saved or it cannot be read */
  body: ReportBody | null
  /** Japanese, when a saved record cannot be read */
  error: string | null
  updatedAt: string | null
}

/** A deep, JSON-safe copy: no Vue proxies, nothing a backup would lose. */
function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

export async function loadReport(db: IncentiveLensDb, code: string, fiscalYear: number): Promise<LoadedReport> {
  const rec = await db.reports.get([code, fiscalYear])
  if (!rec) return { body: null, error: null, updatedAt: null }
  const parsed = parseReportBody(rec.body)
  return parsed.ok
    ? { body: parsed.body, error: null, updatedAt: rec.updatedAt }
    : { body: null, error: `${parsed.message}（保存日時 ${rec.updatedAt}）。下書きを表示しています。`, updatedAt: rec.updatedAt }
}

export async function saveReport(db: IncentiveLensDb, code: string, fiscalYear: number, body: ReportBody, now: string): Promise<void> {
  const parsed = parseReportBody(plain(body))
  if (!parsed.ok) throw new Error(parsed.message)
  const record: ReportRecord = { code, fiscalYear, body: parsed.body, updatedAt: now }
  await db.reports.put(record)
}

/** Back to the draft: the saved texts of that municipality and year are removed. */
export async function deleteReport(db: IncentiveLensDb, code: string, fiscalYear: number): Promise<void> {
  await db.reports.delete([code, fiscalYear])
}

/** Every saved report, in key order (for backups). */
export async function allReportRecords(db: IncentiveLensDb): Promise<ReportRecord[]> {
  return db.reports.toArray()
}

/**
 * What the user edits in the report, stored per municipality × fiscal year in the `reports`
 * table (ReportRecord.body) and carried by backups. A text left `null` follows the draft, so
 * that new data or a corrected figure still reaches the report until the user edits that text.
 */

export const REPORT_TEXT_IDS = ['purpose', 'overview', 'direction'] as const
/** purpose = 報告趣旨, overview = 制度の概要, direction = 今後の方向性 */
export type ReportTextId = (typeof REPORT_TEXT_IDS)[number]

export const REPORT_TEXT_LABELS: Record<ReportTextId, string> = {
  purpose: '報告趣旨',
  overview: '制度の概要',
  direction: '今後の方向性',
}

export interface ReportBody {
  version: 1
  /** the date of the national announcement (内示), as the user writes it, e.g. 令和7年4月1日; '' when not yet known */
  announcementDate: string
  /** the user's text per section; null = use the draft */
  texts: Record<ReportTextId, string | null>
}

/** Long enough for any council report section; guards a backup from carrying megabytes of text. */
export const REPORT_TEXT_MAX = 20_000
export const REPORT_DATE_MAX = 100

export function emptyReportBody(): ReportBody {
  return { version: 1, announcementDate: '', texts: { purpose: null, overview: null, direction: null } }
}

export type ReportBodyResult = { ok: true; body: ReportBody } | { ok: false; message: string }

/**
 * Checks a stored or restored body. Never throws; the message says what is wrong and where,
 * in Japanese, for the restore screen.
 */
export function parseReportBody(value: unknown): ReportBodyResult {
  const fail = (message: string): ReportBodyResult => ({ ok: false, message: `報告書の文章: ${message}` })
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('形式が正しくありません')
  const v = value as Record<string, unknown>
  if (v.version !== 1) return fail(`対応していない版です（${String(v.version)}）`)
  if (typeof v.announcementDate !== 'string') return fail('内示日が文字列ではありません')
  if (v.announcementDate.length > REPORT_DATE_MAX) return fail(`内示日が長すぎます（${REPORT_DATE_MAX}文字まで）`)
  if (typeof v.texts !== 'object' || v.texts === null || Array.isArray(v.texts)) return fail('texts がありません')
  const raw = v.texts as Record<string, unknown>
  const unknown = Object.keys(raw).filter((k) => !(REPORT_TEXT_IDS as readonly string[]).includes(k))
  if (unknown.length > 0) return fail(`不明な項目があります（${unknown.join('、')}）`)
  const texts = { purpose: null, overview: null, direction: null } as Record<ReportTextId, string | null>
  for (const id of REPORT_TEXT_IDS) {
    const t = raw[id]
    if (t === undefined || t === null) continue
    if (typeof t !== 'string') return fail(`${REPORT_TEXT_LABELS[id]}が文字列ではありません`)
    if (t.length > REPORT_TEXT_MAX) return fail(`${REPORT_TEXT_LABELS[id]}が長すぎます（${REPORT_TEXT_MAX}文字まで）`)
    texts[id] = t
  }
  return { ok: true, body: { version: 1, announcementDate: v.announcementDate, texts } }
}

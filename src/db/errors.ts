/** Japanese messages for the ways IndexedDB fails in real browsers. */

function names(err: unknown): string[] {
  const out: string[] = []
  let e: unknown = err
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const name = (e as { name?: unknown }).name
    if (typeof name === 'string') out.push(name)
    e = (e as { inner?: unknown }).inner
  }
  return out
}

export function isQuotaError(err: unknown): boolean {
  return names(err).some((n) => n === 'QuotaExceededError')
}

export function describeDbError(err: unknown, action: '開く' | '保存' | '読み込み' = '開く'): string {
  const n = names(err)
  if (n.includes('QuotaExceededError')) {
    return 'ブラウザの保存容量が不足しているため、データを保存できませんでした。不要なデータを削除するか、ブラウザの設定で保存容量を確保してください。保存済みのデータは変更されていません。'
  }
  if (n.includes('MissingAPIError')) {
    return 'このブラウザではデータベース（IndexedDB）が使えません。プライベートブラウズを終了するか、別のブラウザでお試しください。例のデータを一時的に表示しています（保存はされません）。'
  }
  if (n.includes('NewerDatabaseError') && err instanceof Error) return err.message
  if (n.includes('VersionError')) return NEWER_VERSION_MESSAGE
  if (n.includes('DatasetGoneError') && err instanceof Error) return err.message
  if (action === '開く') {
    return 'データベースを開けませんでした。ブラウザの設定でサイトデータの保存が許可されているかご確認ください。例のデータを一時的に表示しています（保存はされません）。'
  }
  return `データを${action}できませんでした（${n[0] ?? '不明なエラー'}）。保存済みのデータは変更されていません。`
}

export const BLOCKED_MESSAGE = 'このアプリが別のタブで開かれているため、データベースを更新できません。ほかのタブを閉じると続行します。'
export const VERSION_CHANGE_MESSAGE = '別のタブで新しい版のアプリが開かれたため、このタブのデータベース接続を閉じました。ページを再読み込みしてください。'

export const NEWER_VERSION_MESSAGE = 'このブラウザに、より新しい版のアプリで作成したデータがあります。そのデータを守るため、この版のアプリはデータベースを開かず、読み書きもしません。'
  + '新しい版のアプリ（より新しい HTML ファイル）を開いて使ってください。この版でも使いたいときは、新しい版の「データ」画面でバックアップを書き出しておいてください。'
  + '例のデータを一時的に表示しています（保存はされません）。'

/** The database on disk was made by a newer version of the app (IndexedDB version above ours). */
export class NewerDatabaseError extends Error {
  override readonly name = 'NewerDatabaseError'
  constructor(readonly installed: number, readonly supported: number) {
    super(`${NEWER_VERSION_MESSAGE}（データベースの版 ${installed}、この版のアプリは ${supported} まで）`)
  }
}

/** A write for a dataset that is no longer stored (deleted in another tab, for instance). */
export class DatasetGoneError extends Error {
  override readonly name = 'DatasetGoneError'
}

/**
 * Reads a file the user picked into a ParsedImport: decides the format by content, parses CSV
 * in a Worker with progress, spreadsheets through the lazily loaded reader, backups as JSON.
 * Never throws for bad input: every problem comes back as an issue in Japanese.
 */
import type { ParsedImport } from '@/domain/import/types'
import type { BackupTables } from '@/domain/backup'
import { checkImportSize, detectFormat } from '@/domain/import/detect'
import { parseCsvImport } from '@/domain/import/csv'
import type { CsvWorkerMessage, CsvWorkerRequest } from './csvWorker'
import type { XlsxStage } from './readXlsx'
import type { XlsxWorkerMessage, XlsxWorkerRequest } from './xlsxWorker'
import { unpackDatasets } from './datasetTransfer'
import CsvWorker from './csvWorker?worker'
import XlsxWorker from './xlsxWorker?worker'
import { startWorker } from './startWorker'

export type ImportProgress = (done: number, total: number) => void

export interface FileImport extends ParsedImport {
  /** a backup's records, table by table (null for other formats) */
  backup: BackupTables | null
  /** false when the file's format could not be told (empty, binary, unknown) */
  formatKnown: boolean
}

function failed(file: string, message: string): FileImport {
  return { format: 'csv-long', formatKnown: false, file, datasets: [], rowCount: 0, backup: null, issues: [{ severity: 'error', file, row: null, column: null, message }] }
}

function parseCsvInWorker(bytes: Uint8Array, file: string, onProgress: ImportProgress): Promise<ParsedImport> {
  const worker = startWorker(CsvWorker, 'csv')
  if (!worker) return Promise.resolve(parseCsvImport(bytes, file, { onProgress }))
  return new Promise((resolve) => {
    const done = (r: ParsedImport) => { worker.terminate(); resolve(r) }
    worker.onmessage = (e: MessageEvent<CsvWorkerMessage>) => {
      const m = e.data
      if (m.type === 'progress') onProgress(m.done, m.total)
      else if (m.type === 'done') done(m.packed ? { ...m.result, datasets: unpackDatasets(m.packed) } : m.result)
      else done(failed(file, `ファイルを解析できませんでした（${m.message}）`))
    }
    // a worker that cannot start (e.g. blocked by policy) falls back to the main thread
    worker.onerror = () => { worker.terminate(); resolve(parseCsvImport(bytes, file, { onProgress })) }
    worker.postMessage({ bytes, file } satisfies CsvWorkerRequest, [bytes.buffer])
  })
}

/** How far an .xlsx read is at the end of each stage, out of 100 (reading the cells is most of it). */
const XLSX_STAGE_DONE: Record<XlsxStage, number> = { merges: 12, cells: 85, codes: 90, parsed: 100 }

async function parseXlsxOnMainThread(bytes: Uint8Array, file: string, onProgress: ImportProgress): Promise<ParsedImport> {
  const { importXlsx } = await import('./readXlsx')
  return importXlsx(bytes.buffer as ArrayBuffer, file, {}, (stage) => onProgress(XLSX_STAGE_DONE[stage], 100))
}

function parseXlsxInWorker(bytes: Uint8Array, file: string, onProgress: ImportProgress): Promise<ParsedImport> {
  const worker = startWorker(XlsxWorker, 'xlsx')
  if (!worker) return parseXlsxOnMainThread(bytes, file, onProgress)
  onProgress(3, 100)
  return new Promise((resolve) => {
    const done = (r: ParsedImport) => { worker.terminate(); resolve(r) }
    const received: ParsedImport['datasets'] = []
    worker.onmessage = (e: MessageEvent<XlsxWorkerMessage>) => {
      const m = e.data
      if (m.type === 'stage') onProgress(XLSX_STAGE_DONE[m.stage], 100)
      else if (m.type === 'datasets') { for (const d of m.slice) received.push(d) }
      else if (m.type === 'done') done({ ...m.result, datasets: received })
      else done(failed(file, `ファイルを解析できませんでした（${m.message}）`))
    }
    // a worker that cannot start (e.g. blocked by policy) falls back to the main thread
    worker.onerror = () => { worker.terminate(); resolve(parseXlsxOnMainThread(bytes, file, onProgress)) }
    worker.postMessage({ bytes, file } satisfies XlsxWorkerRequest)
  })
}

export async function parseImportFile(file: File, now: string, onProgress: ImportProgress = () => {}): Promise<FileImport> {
  const sizeIssue = checkImportSize(file)
  if (sizeIssue) return failed(file.name, sizeIssue.message)
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await file.arrayBuffer())
  } catch {
    return failed(file.name, 'ファイルを読み込めませんでした。ファイルが開かれたままでないか確認してください')
  }
  const format = detectFormat(file.name, bytes)
  if (typeof format !== 'string') return failed(file.name, format.error)

  let parsed: ParsedImport
  let backup: BackupTables | null = null
  if (format === 'csv-long') {
    parsed = await parseCsvInWorker(bytes, file.name, onProgress)
  } else if (format === 'backup-json') {
    const [{ parseBackup }, { decodeText }] = await Promise.all([import('@/domain/backup'), import('@/domain/import/encoding')])
    const decoded = decodeText(bytes)
    if ('error' in decoded) return failed(file.name, decoded.error)
    const parsedBackup = parseBackup(decoded.text, file.name)
    parsed = parsedBackup
    backup = parsedBackup.tables
  } else {
    parsed = await parseXlsxInWorker(bytes, file.name, onProgress)
  }
  onProgress(1, 1)
  // stamp the file and time of the import; a backup restores its datasets exactly as they were
  const datasets = format === 'backup-json' ? parsed.datasets
    : parsed.datasets.map((d) => ({ ...d, source: { ...d.source, file: d.source.file ?? file.name, importedAt: d.source.importedAt ?? now } }))
  return { ...parsed, datasets, backup, formatKnown: true }
}

/**
 * Reads a file the user picked into a ParsedImport: decides the format by content, parses CSV
 * in a Worker with progress, spreadsheets through the lazily loaded reader, backups as JSON.
 * Never throws for bad input: every problem comes back as an issue in Japanese.
 */
import type { ParsedImport } from '@/domain/import/types'
import { checkImportSize, detectFormat } from '@/domain/import/detect'
import { parseCsvImport } from '@/domain/import/csv'
import type { CsvWorkerMessage, CsvWorkerRequest } from './csvWorker'
import { unpackDatasets } from './datasetTransfer'
import CsvWorker from './csvWorker?worker'
import { startWorker } from './startWorker'

export type ImportProgress = (done: number, total: number) => void

export interface FileImport extends ParsedImport {
  /** scenarios carried by a backup file */
  scenarios: unknown[]
  /** false when the file's format could not be told (empty, binary, unknown) */
  formatKnown: boolean
}

function failed(file: string, message: string): FileImport {
  return { format: 'csv-long', formatKnown: false, file, datasets: [], rowCount: 0, scenarios: [], issues: [{ severity: 'error', file, row: null, column: null, message }] }
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
  let scenarios: unknown[] = []
  if (format === 'csv-long') {
    parsed = await parseCsvInWorker(bytes, file.name, onProgress)
  } else if (format === 'backup-json') {
    const [{ parseBackup }, { decodeText }] = await Promise.all([import('@/domain/backup'), import('@/domain/import/encoding')])
    const decoded = decodeText(bytes)
    if ('error' in decoded) return failed(file.name, decoded.error)
    const backup = parseBackup(decoded.text, file.name)
    parsed = backup
    scenarios = backup.scenarios
  } else {
    const { importXlsx } = await import('./readXlsx')
    parsed = await importXlsx(bytes.buffer as ArrayBuffer, file.name)
  }
  onProgress(1, 1)
  // stamp the file and time of the import; a backup restores its datasets exactly as they were
  const datasets = format === 'backup-json' ? parsed.datasets
    : parsed.datasets.map((d) => ({ ...d, source: { ...d.source, file: d.source.file ?? file.name, importedAt: d.source.importedAt ?? now } }))
  return { ...parsed, datasets, scenarios, formatKnown: true }
}

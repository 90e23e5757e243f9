/// <reference lib="webworker" />
/** Parses a CSV import off the main thread, reporting progress, so a large file never freezes the page. */
import { parseCsvImport } from '@/domain/import/csv'

export interface CsvWorkerRequest { bytes: Uint8Array; file: string }
export type CsvWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; result: ReturnType<typeof parseCsvImport> }
  | { type: 'failed'; message: string }

const ctx = self as unknown as DedicatedWorkerGlobalScope

ctx.onmessage = (e: MessageEvent<CsvWorkerRequest>) => {
  const post = (m: CsvWorkerMessage) => ctx.postMessage(m)
  try {
    const result = parseCsvImport(e.data.bytes, e.data.file, {
      chunkSize: 500_000,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    })
    post({ type: 'done', result })
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
  }
}

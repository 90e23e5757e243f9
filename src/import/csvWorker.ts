/// <reference lib="webworker" />
/** Parses a CSV import off the main thread, reporting progress, so a large file never freezes the page. */
import { parseCsvImport } from '@/domain/import/csv'
import { packDatasets, type PackedDatasets } from './datasetTransfer'

export interface CsvWorkerRequest { bytes: Uint8Array; file: string }
export type CsvWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  /** `packed`, when present, holds the datasets (and `result.datasets` is empty): see datasetTransfer.ts */
  | { type: 'done'; result: ReturnType<typeof parseCsvImport>; packed?: PackedDatasets }
  | { type: 'failed'; message: string }

const ctx = self as unknown as DedicatedWorkerGlobalScope

ctx.onmessage = (e: MessageEvent<CsvWorkerRequest>) => {
  const post = (m: CsvWorkerMessage, transfer: Transferable[] = []) => ctx.postMessage(m, transfer)
  try {
    const result = parseCsvImport(e.data.bytes, e.data.file, {
      chunkSize: 500_000,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
    })
    // thousands of small objects are slow to clone: send them packed (figures in a transferred buffer)
    const packed = result.datasets.length > 0 ? packDatasets(result.datasets) : null
    if (packed) post({ type: 'done', result: { ...result, datasets: [] }, packed }, [packed.numbers.buffer])
    else post({ type: 'done', result })
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
  }
}

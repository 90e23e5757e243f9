/// <reference lib="webworker" />
/**
 * Reads and parses an .xlsx off the main thread: a national workbook is some 2.8 million cells,
 * and the page must stay responsive (and its progress bar moving) while they are read.
 */
import type { ParsedImport } from '@/domain/import/types'
import { importXlsx, type XlsxStage } from './readXlsx'

export interface XlsxWorkerRequest { bytes: Uint8Array; file: string }
export type XlsxWorkerMessage =
  | { type: 'stage'; stage: XlsxStage }
  /** datasets in slices: the page receives each in its own short task instead of one long one */
  | { type: 'datasets'; slice: ParsedImport['datasets'] }
  | { type: 'done'; result: ParsedImport }
  | { type: 'failed'; message: string }

/** About 40 ms of structured-clone work per slice on a slow laptop (a dataset with items is ~150 values). */
export const SLICE = 150

const ctx = self as unknown as DedicatedWorkerGlobalScope

ctx.onmessage = async (e: MessageEvent<XlsxWorkerRequest>) => {
  const post = (m: XlsxWorkerMessage) => ctx.postMessage(m)
  try {
    const { bytes, file } = e.data
    const result = await importXlsx(bytes.buffer as ArrayBuffer, file, {}, (stage) => post({ type: 'stage', stage }))
    for (let i = 0; i < result.datasets.length; i += SLICE) post({ type: 'datasets', slice: result.datasets.slice(i, i + SLICE) })
    post({ type: 'done', result: { ...result, datasets: [] } })
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
  }
}

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
  | { type: 'done'; result: ParsedImport }
  | { type: 'failed'; message: string }

const ctx = self as unknown as DedicatedWorkerGlobalScope

ctx.onmessage = async (e: MessageEvent<XlsxWorkerRequest>) => {
  const post = (m: XlsxWorkerMessage) => ctx.postMessage(m)
  try {
    const { bytes, file } = e.data
    const result = await importXlsx(bytes.buffer as ArrayBuffer, file, {}, (stage) => post({ type: 'stage', stage }))
    post({ type: 'done', result })
  } catch (err) {
    post({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
  }
}

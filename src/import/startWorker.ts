/**
 * Starts a Web Worker that Vite built from a `?worker` import, the same way in both builds:
 *
 *   import CsvWorker from './csvWorker?worker'
 *   const worker = startWorker(CsvWorker, 'csv')   // null → parse on the main thread
 *
 * The normal build (dist/) loads the worker from its own file next to the page. The single-file
 * build (npm run build:single) rewrites every `?worker` import to `?worker&inline` (vite.config.ts),
 * so the worker's code is inside the HTML and starts from a blob: URL: Chromium refuses a worker
 * script from a file:// URL. Returns null when this browser has no Worker or refuses to start one;
 * a worker that starts but then fails to load reports through its `error` event, which the caller
 * must also treat as "fall back".
 */
export type WorkerConstructor = new (options?: { name?: string }) => Worker

export function startWorker(Ctor: WorkerConstructor, name: string): Worker | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Ctor({ name })
  } catch {
    return null
  }
}

/**
 * Section: importing a whole nation. A synthetic national CSV in the long format (1,741
 * municipalities × FY2024–FY2026 = 5,223 datasets, every group, goal and total row of both
 * grants: 125,352 rows, ~13 MB; tests/support/syntheticNation.ts, seeded, so byte-identical on
 * every run) is written to .bench/import/ and chosen in the built app at /#/data on a fresh
 * on-disk profile. Measured in the page (performance.now(), first frame after the DOM change):
 *
 *   (i)   the file input's change event → the preview shown (read, parse in the Worker, conflict check)
 *   (ii)  the click on 取り込む → the message shown (one IndexedDB transaction, then the message)
 *   (ii') the click on 取り込む → the stored-data count says 5,226件 (the app's reload of every
 *         record and the re-render of the lists that follow the write)
 *   (iii) total (i) + (ii), and (iii') (i) + (ii'): the bench's own reaction time between preview
 *         and click is left out
 *
 * and the peak JS heap of the page's main thread (CDP Performance.getMetrics JSHeapUsedSize,
 * sampled every 50 ms; the Worker's heap separately where performance.memory is offered there).
 *
 * The floor: a bare page at the app's own origin (served through request interception, so
 * nothing is written into dist/) on its own fresh on-disk profile, holding the very records the
 * app stores ({ code, fiscalYear, prefecture, data, savedAt }, built in Node with the project's
 * own parser and toRecord()), puts them into a store with the app's schema (key [code,
 * fiscalYear], indexes fiscalYear and prefecture) in one raw IndexedDB transaction. Its read-back
 * (getAll) is shown too, as the floor of the app's reload.
 *
 * App and floor runs are interleaved; medians of 3 runs each (or --runs=N when given).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { withColdBrowser } from './lib/browser.mjs'
import { mb, startHeapSampler } from './lib/heap.mjs'
import { withProjectModules } from './lib/ssr.mjs'
import { median, ms } from './lib/table.mjs'

export const BUDGET_TOTAL_MS = 3000
export const BUDGET_RATIO = 1.5
export const BUDGET_HEAP_MB = 200
const DEFAULT_RUNS = 3
const CSV_NAME = 'synthetic-nation.csv'
/** the example the app seeds on a fresh profile */
const SEEDED = 3

/**
 * Writes the CSV and the floor's records; checks that the project's parser reads the CSV
 * without a single issue.
 */
async function prepare(root) {
  const dir = resolve(root, '.bench/import')
  await mkdir(dir, { recursive: true })
  return withProjectModules(root, async (load) => {
    const { syntheticNation } = await load('/tests/support/syntheticNation.ts')
    const { longTableCsv } = await load('/src/domain/export/longTableCsv.ts')
    const { parseCsvImport } = await load('/src/domain/import/csv.ts')
    const { toRecord } = await load('/src/db/imports.ts')
    const csv = longTableCsv(syntheticNation())
    const bytes = Buffer.from(csv, 'utf8')
    const csvPath = join(dir, CSV_NAME)
    await writeFile(csvPath, bytes)
    const t = performance.now()
    const parsed = parseCsvImport(new Uint8Array(bytes), CSV_NAME)
    const nodeParseMs = performance.now() - t
    if (parsed.issues.length > 0) throw new Error(`the synthetic CSV does not read cleanly: ${parsed.issues[0].message} (${parsed.issues.length} issues)`)
    // as src/import/importFile.ts stamps them, and src/db/imports.ts stores them
    const now = new Date().toISOString()
    const records = parsed.datasets.map((d) => toRecord({ ...d, source: { ...d.source, file: CSV_NAME, importedAt: now } }, now))
    const recordsPath = join(dir, 'records.json')
    await writeFile(recordsPath, JSON.stringify(records))
    return { csvPath, recordsPath, nodeParseMs, bytes: bytes.length, rows: parsed.rowCount, datasets: parsed.datasets.length, municipalities: new Set(records.map((r) => r.code)).size }
  })
}

/**
 * Before the app loads: timestamps of the CSV Worker (message posted, 'done' received, time to
 * deserialise its result) and of every IndexedDB transaction (mode, stores, start, complete, and
 * the requests made in it), to say where the time of each phase goes. A few wrapped prototype
 * methods; their cost is microseconds per call.
 */
function instrumentPhases() {
  const w = /** @type {any} */ (window)
  const p = (w.__phases = { workers: [], txs: [] })
  const Native = w.Worker
  w.Worker = class extends Native {
    constructor(...args) {
      super(...args)
      this.__rec = { created: performance.now(), posted: null, done: null, deserialise: null, progress: 0 }
      p.workers.push(this.__rec)
    }
    postMessage(...args) {
      if (this.__rec.posted === null) this.__rec.posted = performance.now()
      return super.postMessage(...args)
    }
    set onmessage(fn) {
      const rec = this.__rec
      super.onmessage = fn && ((e) => {
        const t = performance.now()
        const d = e.data // deserialised here, once; the app's own read is then free
        if (d?.type === 'done') { rec.done = t; rec.deserialise = performance.now() - t } else if (d?.type === 'progress') rec.progress++
        return fn.call(this, e)
      })
    }
    get onmessage() { return super.onmessage }
  }
  const recOf = new WeakMap()
  const transaction = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = transaction.apply(this, args)
    const rec = { mode: tx.mode, stores: [...tx.objectStoreNames].join('+'), start: performance.now(), end: null, lastSuccess: null, ops: {} }
    p.txs.push(rec)
    recOf.set(tx, rec)
    tx.addEventListener('complete', () => { rec.end = performance.now() })
    tx.addEventListener('abort', () => { rec.end = performance.now(); rec.aborted = true })
    return tx
  }
  for (const op of ['get', 'getAll', 'getAllKeys', 'put', 'add', 'delete', 'openCursor', 'count', 'clear']) {
    const native = IDBObjectStore.prototype[op]
    IDBObjectStore.prototype[op] = function (...args) {
      const rec = recOf.get(this.transaction)
      const req = native.apply(this, args)
      if (rec) {
        rec.ops[op] = (rec.ops[op] ?? 0) + 1
        // registered before the caller's onsuccess, so it stamps the dispatch, not what the caller then does
        req.addEventListener('success', () => { rec.lastSuccess = performance.now() })
      }
      return req
    }
  }
}

/** Marks set in the page by listeners and a MutationObserver, each at the first frame after its DOM change. */
function installMarks(expectedCount) {
  const w = /** @type {any} */ (window)
  const b = (w.__bench = { marks: {}, longTasks: [] })
  const mark = (k) => { if (b.marks[k] === undefined) b.marks[k] = performance.now() }
  // the first frame after the change: requestAnimationFrame runs before paint, the task it posts after it
  const painted = (k) => requestAnimationFrame(() => setTimeout(() => mark(k), 0))
  document.addEventListener('change', (e) => { if (e.target?.dataset?.testid === 'import-file') mark('change') }, true)
  document.addEventListener('click', (e) => { if (e.target?.closest?.('[data-testid="import-commit"]')) mark('click') }, true)
  const check = () => {
    if (b.marks.progress === undefined && document.querySelector('[data-testid="import-progress"]')) mark('progress')
    if (b.marks.preview === undefined && document.querySelector('[data-testid="import-preview"]')) { mark('preview'); painted('previewPaint') }
    if (b.marks.click !== undefined) {
      if (b.marks.message === undefined && document.querySelector('[data-testid="import-message"]')) { mark('message'); painted('messagePaint') }
      const status = document.querySelector('[data-testid="db-status"]')?.textContent ?? ''
      if (b.marks.listed === undefined && status.includes(`（${expectedCount}件のデータ）`)) { mark('listed'); painted('listedPaint') }
    }
  }
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true })
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]) }).observe({ type: 'longtask' })
  } catch { /* no long-task timing */ }
}

async function appRun(baseUrl, prep) {
  return withColdBrowser(async (page, context) => {
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.addInitScript(instrumentPhases)
    await page.goto(`${baseUrl}#/data`)
    await page.getByTestId('data-view').waitFor({ timeout: 60_000 })
    await page.waitForFunction((n) => (document.querySelector('[data-testid="db-status"]')?.textContent ?? '').includes(`（${n}件のデータ）`), SEEDED, { timeout: 60_000 })
    const expected = SEEDED + prep.datasets
    await page.evaluate(installMarks, expected)
    const heap = await startHeapSampler(page, context, { intervalMs: 50 })

    await page.getByTestId('import-file').setInputFiles(prep.csvPath)
    await page.waitForFunction(() => /** @type {any} */ (window).__bench.marks.previewPaint !== undefined, undefined, { timeout: 120_000, polling: 50 })
    const preview = await page.evaluate(() => ({
      municipalities: document.querySelector('[data-testid="preview-municipalities"]')?.textContent?.trim(),
      datasets: document.querySelector('[data-testid="preview-datasets"]')?.textContent?.trim(),
      counts: document.querySelector('[data-testid="preview-counts"]')?.textContent?.trim(),
      conflicts: document.querySelector('[data-testid="preview-conflicts"]') !== null,
    }))
    if (preview.counts !== '0件／0件' || preview.conflicts) throw new Error(`unexpected preview: ${JSON.stringify(preview)}`)

    await page.getByTestId('import-commit').click({ timeout: 60_000 })
    await page.waitForFunction(() => {
      const m = /** @type {any} */ (window).__bench.marks
      return m.messagePaint !== undefined && m.listedPaint !== undefined
    }, undefined, { timeout: 120_000, polling: 50 })
    const h = await heap.stop()
    const r = await page.evaluate(() => /** @type {any} */ (window).__bench)
    const phases = await page.evaluate(() => /** @type {any} */ (window).__phases)
    const message = (await page.getByTestId('import-message').innerText()).trim()
    const stored = await page.evaluate(() => new Promise((ok, fail) => {
      const req = indexedDB.open('incentive-lens')
      req.onsuccess = () => {
        const c = req.result.transaction('datasets', 'readonly').objectStore('datasets').count()
        c.onsuccess = () => { ok(c.result); req.result.close() }
        c.onerror = () => fail(c.error)
      }
      req.onerror = () => fail(req.error)
    }))
    if (stored !== expected) throw new Error(`IndexedDB holds ${stored} datasets after the import, expected ${expected}`)
    if (errors.length) throw new Error(`page error: ${errors[0]}`)
    const m = r.marks
    const inWindow = (from, to) => r.longTasks.filter(([s, d]) => s + d > from && s < to)
    const longest = (from, to) => Math.max(0, ...inWindow(from, to).map(([, d]) => d))
    // where the time went: the Worker, then the transactions of each phase, in order
    const wk = phases.workers.find((x) => x.done !== null && x.created >= m.change - 1)
    const txIn = (from, to) => phases.txs.filter((t) => t.start >= from && t.start <= to && t.stores === 'datasets')
    // ms: start → complete event; requestsMs: start → the last request's success (a read's complete event waits for whatever the page does with the result)
    const describeTx = (t) => ({ mode: t.mode, ms: t.end === null ? null : t.end - t.start, requestsMs: t.lastSuccess === null ? null : t.lastSuccess - t.start, ops: t.ops, start: t.start })
    const parseTx = txIn(m.change, m.previewPaint).map(describeTx)
    const commitTx = txIn(m.click, m.listedPaint).map(describeTx)
    return {
      parse: m.previewPaint - m.change,
      write: m.messagePaint - m.click,
      listed: m.listedPaint - m.click,
      wait: m.click - m.previewPaint,
      progressShown: m.progress !== undefined,
      longestParse: longest(m.change, m.previewPaint),
      longestCommit: longest(m.click, m.listedPaint),
      heap: h,
      phases: {
        read: wk ? wk.posted - m.change : null,
        worker: wk ? wk.done - wk.posted : null,
        deserialise: wk ? wk.deserialise : null,
        progressMessages: wk ? wk.progress : null,
        parseTx,
        previewRender: parseTx.length ? m.previewPaint - Math.max(...parseTx.map((t) => t.start + (t.requestsMs ?? 0))) : null,
        beforeWrite: commitTx[0] ? commitTx[0].start - m.click : null,
        commitTx,
        messageAfterWrite: commitTx[0]?.ms != null ? m.messagePaint - (commitTx[0].start + commitTx[0].ms) : null,
        afterReload: commitTx.length > 1 && commitTx.at(-1).requestsMs != null ? m.listedPaint - (commitTx.at(-1).start + commitTx.at(-1).requestsMs) : null,
      },
      preview,
      message,
    }
  })
}

const FLOOR_HTML = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>import floor</title></head>
<body><p>raw IndexedDB put of the app's records</p><script>
window.runFloor = async () => {
  const records = await (await fetch('records.json')).json()
  const db = await new Promise((ok, fail) => {
    const req = indexedDB.open('incentive-lens', 10)
    req.onupgradeneeded = () => {
      const s = req.result.createObjectStore('datasets', { keyPath: ['code', 'fiscalYear'] })
      s.createIndex('fiscalYear', 'fiscalYear')
      s.createIndex('prefecture', 'prefecture')
    }
    req.onsuccess = () => ok(req.result)
    req.onerror = () => fail(req.error)
  })
  const t0 = performance.now()
  await new Promise((ok, fail) => {
    const tx = db.transaction('datasets', 'readwrite')
    const store = tx.objectStore('datasets')
    for (const r of records) store.put(r)
    tx.oncomplete = () => ok()
    tx.onerror = () => fail(tx.error)
    tx.onabort = () => fail(tx.error)
  })
  const t1 = performance.now()
  const count = await new Promise((ok, fail) => {
    const req = db.transaction('datasets', 'readonly').objectStore('datasets').getAll()
    req.onsuccess = () => ok(req.result.length)
    req.onerror = () => fail(req.error)
  })
  const t2 = performance.now()
  db.close()
  return { write: t1 - t0, read: t2 - t1, count, records: records.length }
}
</script></body></html>`

async function floorRun(baseUrl, prep) {
  return withColdBrowser(async (page, context) => {
    // a bare page at the app's origin, without touching dist/ or the server
    await page.route(`${baseUrl}__bench/import-floor.html`, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: FLOOR_HTML }))
    await page.route(`${baseUrl}__bench/records.json`, (route) => route.fulfill({ contentType: 'application/json', path: prep.recordsPath }))
    await page.goto(`${baseUrl}__bench/import-floor.html`)
    const heap = await startHeapSampler(page, context, { intervalMs: 50 })
    const r = await page.evaluate(() => /** @type {any} */ (window).runFloor())
    const h = await heap.stop()
    if (r.count !== prep.datasets) throw new Error(`floor stored ${r.count} records, expected ${prep.datasets}`)
    return { ...r, heap: h }
  })
}

/** Where the time of (i) and (ii') went, medians over the runs. */
function phaseNotes(app, prep) {
  const med = (f) => {
    const xs = app.map(f).filter((x) => typeof x === 'number' && Number.isFinite(x))
    return xs.length ? ms(median(xs)) : '—'
  }
  const ops = (t) => (t ? Object.entries(t.ops).map(([k, v]) => `${k}×${v}`).join(' ') || 'no requests' : '—')
  const first = app[0].phases
  const write = (a) => a.phases.commitTx.find((t) => t.mode === 'readwrite')
  const reload = (a) => a.phases.commitTx.filter((t) => t.mode === 'readonly').at(-1)
  return [
    `(i) breakdown: file read + post to the Worker ${med((a) => a.phases.read)} ms; Worker decode + parse + post back ${med((a) => a.phases.worker)} ms ` +
      `(the same parser in Node: ${ms(prep.nodeParseMs)} ms; ${first.progressMessages} progress messages); receiving its result (structured clone) ${med((a) => a.phases.deserialise)} ms; ` +
      `conflict check ${first.parseTx.map((t) => `${t.mode} [${ops(t)}]`).join(', ')} ${med((a) => a.phases.parseTx.reduce((s, t) => s + (t.requestsMs ?? 0), 0))} ms; ` +
      `then to the preview painted ${med((a) => a.phases.previewRender)} ms`,
    `(ii') breakdown: click → write transaction starts ${med((a) => a.phases.beforeWrite)} ms; write transaction [${ops(write(app[0]))}] ${med((a) => write(a)?.ms)} ms; ` +
      `→ message painted ${med((a) => a.phases.messageAfterWrite)} ms; reload transaction [${ops(reload(app[0]))}] to its result ${med((a) => reload(a)?.requestsMs)} ms; ` +
      `→ list painted (reactivity + render of every stored dataset) ${med((a) => a.phases.afterReload)} ms (${first.commitTx.length} transactions on datasets in all: ${first.commitTx.map((t) => `${t.mode} ${ms(t.requestsMs)} ms to last result`).join(', ')})`,
  ]
}

const explicitRuns = process.argv.some((a) => a.startsWith('--runs='))

export default {
  title: `Import of a synthetic national CSV (1,741 municipalities × FY2024–2026) on a fresh on-disk profile, against a raw IndexedDB put (budget ≤ ${BUDGET_TOTAL_MS} ms, ≤ ${BUDGET_RATIO}× the floor, < ${BUDGET_HEAP_MB} MB)`,
  /** @param {{ root: string, baseUrl: string, runs: number }} ctx */
  async run({ root, baseUrl, runs }) {
    const n = explicitRuns ? runs : DEFAULT_RUNS
    const t = performance.now()
    const prep = await prepare(root)
    const prepMs = performance.now() - t

    const app = []
    const floor = []
    for (let i = 0; i < n; i++) {
      app.push(await appRun(baseUrl, prep))
      floor.push(await floorRun(baseUrl, prep))
    }

    const med = (xs) => median(xs)
    const parse = med(app.map((a) => a.parse))
    const write = med(app.map((a) => a.write))
    const listed = med(app.map((a) => a.listed))
    const total = med(app.map((a) => a.parse + a.write))
    const totalListed = med(app.map((a) => a.parse + a.listed))
    const fWrite = med(floor.map((f) => f.write))
    const fRead = med(floor.map((f) => f.read))
    const heap = med(app.map((a) => a.heap.peak))
    const workerHeaps = app.map((a) => a.heap.workerPeak).filter((x) => x !== null)
    const combined = med(app.map((a) => a.heap.combined))
    const fHeap = med(floor.map((f) => f.heap.peak))
    const verdict = (ok) => (ok ? 'within' : 'OVER')
    const ratio = (x, y) => `${(x / y).toFixed(2)}×`

    const rows = [
      ['(i) file chosen → preview shown (Worker parse)', ms(parse), '', ''],
      ['(ii) 取り込む → message shown', ms(write), '', ''],
      ["(ii') 取り込む → list says 5,226件 (reload + render)", ms(listed), '', ''],
      ['(iii) total (i) + (ii)', ms(total), `≤ ${BUDGET_TOTAL_MS} ms`, verdict(total <= BUDGET_TOTAL_MS)],
      ["(iii') total (i) + (ii')", ms(totalListed), `≤ ${BUDGET_TOTAL_MS} ms`, verdict(totalListed <= BUDGET_TOTAL_MS)],
      ['-'],
      ['floor: raw put of the 5,223 records, one transaction', ms(fWrite), '', ''],
      ['floor: read back (getAll)', ms(fRead), '', ''],
      ['(ii) write phase ÷ floor put', ratio(write, fWrite), `≤ ${BUDGET_RATIO}×`, verdict(write / fWrite <= BUDGET_RATIO)],
      ["(ii') write + reload ÷ floor put + getAll", ratio(listed, fWrite + fRead), `≤ ${BUDGET_RATIO}×`, verdict(listed / (fWrite + fRead) <= BUDGET_RATIO)],
      ['(iii) total ÷ floor put', ratio(total, fWrite), `≤ ${BUDGET_RATIO}×`, verdict(total / fWrite <= BUDGET_RATIO)],
      ['-'],
      ['peak JS heap, app main thread (MB)', mb(heap), `< ${BUDGET_HEAP_MB} MB`, verdict(heap / 1024 / 1024 < BUDGET_HEAP_MB)],
      ['peak JS heap, app CSV Worker (MB)', workerHeaps.length ? mb(med(workerHeaps)) : '—', '', ''],
      ['peak JS heap, app main + Worker at one moment (MB)', mb(combined), `< ${BUDGET_HEAP_MB} MB`, verdict(combined / 1024 / 1024 < BUDGET_HEAP_MB)],
      ['peak JS heap, floor page (MB)', mb(fHeap), '', ''],
    ]
    const list = (xs) => xs.map(ms).join(', ')
    const notes = [
      `input: ${CSV_NAME}, ${(prep.bytes / 1e6).toFixed(1)} MB, ${prep.rows.toLocaleString('en')} rows, ${prep.datasets.toLocaleString('en')} datasets of ${prep.municipalities.toLocaleString('en')} municipalities (generated, parsed and turned into records in Node in ${(prepMs / 1000).toFixed(1)} s)`,
      `app runs: (i) ${list(app.map((a) => a.parse))} ms; (ii) ${list(app.map((a) => a.write))} ms; (ii') ${list(app.map((a) => a.listed))} ms; bench reaction between preview and click ${list(app.map((a) => a.wait))} ms (not counted)`,
      `floor runs: put ${list(floor.map((f) => f.write))} ms; getAll ${list(floor.map((f) => f.read))} ms`,
      `longest main-thread task: during (i) ${list(app.map((a) => a.longestParse))} ms; during (ii') ${list(app.map((a) => a.longestCommit))} ms`,
      `heap: main thread = CDP Performance.getMetrics JSHeapUsedSize, Worker = CDP Runtime.getHeapUsage usedSize on the Worker's target, both every 50 ms (used bytes incl. uncollected garbage; both answer during long tasks); ` +
        `main-thread baseline before choosing the file ${mb(med(app.map((a) => a.heap.baseline)))} MB; sampling rounds per run ${app.map((a) => a.heap.samples).join(', ')}, of which with the Worker alive ${app.map((a) => a.heap.workerSamples).join(', ')}; per run main ${app.map((a) => mb(a.heap.peak)).join(', ')} MB, Worker ${app.map((a) => mb(a.heap.workerPeak)).join(', ')} MB`,
      `progress bar seen: ${app.map((a) => (a.progressShown ? 'yes' : 'no')).join(', ')}; preview said ${app[0].preview.municipalities} municipalities, ${app[0].preview.datasets}, issues ${app[0].preview.counts}; message 「${app[0].message}」`,
      ...phaseNotes(app, prep),
      `ratios: (ii) and (ii') compare the write phase with the floor; (iii) compares the whole user-visible import (parse + write) with the floor's write alone`,
    ]
    return { columns: ['measure (median)', 'value', 'budget', 'verdict'], rows, notes }
  },
}

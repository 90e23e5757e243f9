/**
 * Section: importing MHLW's national result workbook at full size (issue 10). A generated
 * 令和8年度-shaped workbook (1,741 municipalities and 38 unions × 1,563 columns, 18 header rows,
 * merged labels, statistics rows; tests/support/mhlwGenerator, seeded, cached in
 * test-results/fixtures by bench/lib/mhlwFixtures.mjs) is chosen in the built app's データ view
 * (/#/data) on a fresh on-disk profile. Measured in the page (performance.now(); "painted" = the
 * first frame after the DOM change):
 *
 *   (i)   the file input's change event → the preview painted (read, parse, checks)
 *   (ii)  the click on 取り込む → the message painted (saved)
 *   (iii) (i) + (ii): file chosen → saved, without the bench's own reaction time in between
 *
 * with the peak JS heap (main thread, and main + workers at one moment; bench/lib/heap.mjs), the
 * longest main-thread task while parsing (PerformanceObserver 'longtask'), whether the progress
 * bar was on screen (first seen, share of frames with it shown) and the longest gap between
 * frames while parsing. The preview's own figures (municipalities, datasets, errors/warnings, the
 * first issues) are printed as they are: a preview full of errors is reported, not a crash.
 *
 * The floor, in the same run: a bare page (bench/mhlw-floor, built into .bench/mhlw-floor and
 * served at the app's own origin through request interception) where the same file, chosen in a
 * file input, is read by read-excel-file alone (no app code), on its own fresh profile.
 *
 * Budget (issue 10): (iii) ≤ 1.5× the floor, ≤ 400 MB peak, no main-thread task > 200 ms while
 * parsing, a progress bar throughout. Figures only: the exit code never depends on a budget.
 * App and floor runs are interleaved; medians of 2 runs (or --runs=N).
 */
import { readFile } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { build } from 'vite'
import { withColdBrowser } from './lib/browser.mjs'
import { mb, startHeapSampler } from './lib/heap.mjs'
import { ensureMhlwFixtures } from './lib/mhlwFixtures.mjs'
import { median, ms } from './lib/table.mjs'

export const BUDGET_RATIO = 1.5
export const BUDGET_HEAP_MB = 400
export const BUDGET_TASK_MS = 200
const DEFAULT_RUNS = 2
const FIXTURE = 'r8-full'
/** one full-size read may take long on a loaded machine */
const PARSE_TIMEOUT_MS = 480_000

/** Builds bench/mhlw-floor into .bench/mhlw-floor, with no project config. */
async function buildFloor(root) {
  const outDir = resolve(root, '.bench/mhlw-floor')
  await build({
    root: resolve(root, 'bench/mhlw-floor'),
    configFile: false,
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  })
  return outDir
}

const CONTENT_TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' }

/** Marks set in the app page, at the change event, on DOM changes and at the first frame after them. */
function installMarks() {
  const w = /** @type {any} */ (window)
  const b = (w.__bench = { marks: {}, longTasks: [], frames: [] })
  const mark = (k) => { if (b.marks[k] === undefined) b.marks[k] = performance.now() }
  const painted = (k) => requestAnimationFrame(() => setTimeout(() => mark(k), 0))
  const progressShown = () => {
    const el = document.querySelector('[data-testid="import-progress"]')
    return el !== null && el.getClientRects().length > 0
  }
  // every frame from the change to the preview: was the progress bar on screen, and how far apart were frames
  const frame = () => {
    if (b.marks.previewPaint !== undefined || b.marks.earlyMessagePaint !== undefined) return
    b.frames.push([performance.now(), progressShown()])
    requestAnimationFrame(frame)
  }
  document.addEventListener('change', (e) => {
    if (e.target?.dataset?.testid === 'import-file') { mark('change'); requestAnimationFrame(frame) }
  }, true)
  document.addEventListener('click', (e) => { if (e.target?.closest?.('[data-testid="import-commit"]')) mark('click') }, true)
  const check = () => {
    if (b.marks.change === undefined) return
    if (b.marks.progress === undefined && progressShown()) mark('progress')
    if (b.marks.preview === undefined && document.querySelector('[data-testid="import-preview"]')) { mark('preview'); painted('previewPaint') }
    const message = document.querySelector('[data-testid="import-message"]')
    if (b.marks.click === undefined && b.marks.preview === undefined && message && b.marks.earlyMessage === undefined) { mark('earlyMessage'); painted('earlyMessagePaint') }
    if (b.marks.click !== undefined && b.marks.message === undefined && message) { mark('message'); painted('messagePaint') }
  }
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true })
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]) }).observe({ type: 'longtask' })
  } catch { /* no long-task timing */ }
}

function readPreview() {
  const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent?.trim() ?? null
  return {
    municipalities: text('preview-municipalities'),
    datasets: text('preview-datasets'),
    counts: text('preview-counts'),
    issues: [...document.querySelectorAll('[data-testid="preview-issues"] li')].slice(0, 4).map((li) => li.textContent?.trim() ?? ''),
    conflicts: document.querySelector('[data-testid="preview-conflicts"]') !== null,
    message: text('import-message'),
  }
}

const inWindow = (tasks, from, to) => tasks.filter(([s, d]) => s + d > from && s < to)
const longest = (tasks, from, to) => Math.max(0, ...inWindow(tasks, from, to).map(([, d]) => d))

async function appRun(baseUrl, xlsxPath) {
  return withColdBrowser(async (page, context) => {
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${baseUrl}#/data`)
    await page.getByTestId('data-view').waitFor({ timeout: 60_000 })
    await page.waitForFunction(() => /（\d+件のデータ）/.test(document.querySelector('[data-testid="db-status"]')?.textContent ?? ''), undefined, { timeout: 60_000 })
    const statusBefore = (await page.getByTestId('db-status').innerText()).trim()
    await page.evaluate(installMarks)
    const heap = await startHeapSampler(page, context, { intervalMs: 50 })

    await page.getByTestId('import-file').setInputFiles(xlsxPath)
    await page.waitForFunction(() => {
      const m = /** @type {any} */ (window).__bench.marks
      return m.previewPaint !== undefined || m.earlyMessagePaint !== undefined
    }, undefined, { timeout: PARSE_TIMEOUT_MS, polling: 100 })
    const preview = await page.evaluate(readPreview)
    const commit = page.getByTestId('import-commit')
    const canCommit = (await commit.count()) > 0 && (await commit.isEnabled())
    let saved = false
    if (canCommit) {
      await commit.click({ timeout: 60_000 })
      await page.waitForFunction(() => /** @type {any} */ (window).__bench.marks.messagePaint !== undefined, undefined, { timeout: PARSE_TIMEOUT_MS, polling: 100 })
      saved = true
    }
    const h = await heap.stop()
    const r = await page.evaluate(() => /** @type {any} */ (window).__bench)
    const message = await page.evaluate(() => document.querySelector('[data-testid="import-message"]')?.textContent?.trim() ?? null)
    const statusAfter = (await page.getByTestId('db-status').innerText()).trim()
    const m = r.marks
    const parsedAt = m.previewPaint ?? m.earlyMessagePaint
    // frames until the preview (or a message) replaced the progress bar
    const shownUntil = m.preview ?? m.earlyMessage
    const frames = r.frames.filter(([t]) => t >= m.change && t < shownUntil)
    // from the change itself: a parse started in the change's own task delays the very first frame
    const times = [m.change, ...frames.map(([t]) => t), shownUntil]
    const gaps = times.slice(1).map((t, i) => t - times[i])
    return {
      parse: parsedAt - m.change,
      write: saved ? m.messagePaint - m.click : null,
      wait: saved ? m.click - parsedAt : null,
      saved,
      preview,
      message,
      statusBefore,
      statusAfter,
      errors,
      progressFirst: m.progress === undefined ? null : m.progress - m.change,
      progressFrames: frames.filter(([, shown]) => shown).length,
      frames: frames.length,
      longestFrameGap: gaps.length ? Math.max(...gaps) : null,
      longestParse: longest(r.longTasks, m.change, parsedAt),
      longestCommit: saved ? longest(r.longTasks, m.click, m.messagePaint) : null,
      heap: h,
    }
  })
}

async function floorRun(baseUrl, outDir, xlsxPath) {
  return withColdBrowser(async (page, context) => {
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    const prefix = `${baseUrl}__bench/mhlw-floor/`
    await page.route(`${prefix}**`, async (route) => {
      const rel = new URL(route.request().url()).pathname.replace(/^.*__bench\/mhlw-floor\//, '') || 'index.html'
      const path = join(outDir, rel)
      if (!path.startsWith(outDir)) return route.fulfill({ status: 404, body: '' })
      try {
        await route.fulfill({ contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', body: await readFile(path) })
      } catch {
        await route.fulfill({ status: 404, body: '' })
      }
    })
    await page.goto(`${prefix}index.html`)
    await page.getByTestId('floor-file').waitFor({ timeout: 60_000 })
    const heap = await startHeapSampler(page, context, { intervalMs: 50 })
    await page.getByTestId('floor-file').setInputFiles(xlsxPath)
    await page.waitForFunction(() => /** @type {any} */ (window).__floor.marks.done !== undefined, undefined, { timeout: PARSE_TIMEOUT_MS, polling: 100 })
    const h = await heap.stop()
    const f = await page.evaluate(() => /** @type {any} */ (window).__floor)
    if (f.error) throw new Error(`the floor could not read the file: ${f.error}`)
    if (errors.length) throw new Error(`floor page error: ${errors[0]}`)
    return {
      parse: f.marks.done - f.marks.change,
      fileRead: f.marks.read - f.marks.change,
      sheets: f.sheets,
      longest: longest(f.longTasks, f.marks.change, f.marks.done),
      heap: h,
    }
  })
}

const explicitRuns = process.argv.some((a) => a.startsWith('--runs='))
const verdict = (ok) => (ok ? 'within' : 'OVER')
const ratio = (x, y) => (x === null || !y ? '—' : `${(x / y).toFixed(2)}×`)

function summarise(app, floor, fixture) {
  const med = (xs) => {
    const ys = xs.filter((x) => typeof x === 'number' && Number.isFinite(x))
    return ys.length ? median(ys) : null
  }
  const parse = med(app.map((a) => a.parse))
  const write = med(app.map((a) => a.write))
  const total = app.every((a) => a.saved) ? med(app.map((a) => a.parse + a.write)) : null
  const fParse = med(floor.map((f) => f.parse))
  const heap = med(app.map((a) => a.heap.peak))
  const combined = med(app.map((a) => a.heap.combined))
  const fHeap = med(floor.map((f) => f.heap.peak))
  const task = med(app.map((a) => a.longestParse))
  const progressShare = med(app.map((a) => (a.frames ? a.progressFrames / a.frames : 0)))
  const under = (x, limit) => (x === null ? '—' : verdict(x <= limit))
  const rows = [
    ['(i) file chosen → preview shown', ms(parse), '', ''],
    ['(ii) 取り込む → saved (message shown)', write === null ? 'not saved' : ms(write), '', ''],
    ['(iii) file chosen → saved, (i) + (ii)', total === null ? 'not saved' : ms(total), '', ''],
    ['floor: read-excel-file alone, file chosen → read', ms(fParse), '', ''],
    ['(i) ÷ floor', ratio(parse, fParse), `≤ ${BUDGET_RATIO}×`, parse === null ? '—' : verdict(parse / fParse <= BUDGET_RATIO)],
    ['(iii) ÷ floor', ratio(total, fParse), `≤ ${BUDGET_RATIO}×`, total === null ? '—' : verdict(total / fParse <= BUDGET_RATIO)],
    ['-'],
    ['peak JS heap, app main thread (MB)', mb(heap), `≤ ${BUDGET_HEAP_MB} MB`, under(heap / 1024 / 1024, BUDGET_HEAP_MB)],
    ['peak JS heap, app main + workers at one moment (MB)', mb(combined), `≤ ${BUDGET_HEAP_MB} MB`, under(combined / 1024 / 1024, BUDGET_HEAP_MB)],
    ['peak JS heap, floor page (MB)', mb(fHeap), '', ''],
    ['-'],
    ['longest main-thread task while parsing, app (ms)', ms(task), `≤ ${BUDGET_TASK_MS} ms`, under(task, BUDGET_TASK_MS)],
    ['longest main-thread task, floor (ms)', ms(med(floor.map((f) => f.longest))), '', ''],
    ['longest gap between frames while parsing, app (ms)', ms(med(app.map((a) => a.longestFrameGap))), '', ''],
    ['progress bar on screen, share of frames while parsing', `${Math.round((progressShare ?? 0) * 100)}%`, 'throughout', verdict(progressShare === 1)],
  ]
  const list = (xs) => xs.map((x) => (x === null ? '—' : ms(x))).join(', ')
  const a0 = app[0]
  const notes = [
    `input: ${fixture.xlsxPath.replace(/^.*test-results/, 'test-results')}, ${(fixture.meta.bytes / 1e6).toFixed(2)} MB, ${fixture.meta.rows} rows × ${fixture.meta.columns} columns, ` +
      `${fixture.meta.municipalities} municipalities + ${fixture.meta.unions} unions, seed ${fixture.meta.seed} (generated in ${(fixture.meta.generateMs / 1000).toFixed(1)} s + .xlsx ${(fixture.meta.xlsxMs / 1000).toFixed(1)} s when not cached)`,
    `app runs: (i) ${list(app.map((a) => a.parse))} ms; (ii) ${list(app.map((a) => a.write))} ms; bench reaction between preview and click ${list(app.map((a) => a.wait))} ms (not counted)`,
    `floor runs: ${list(floor.map((f) => f.parse))} ms (of which File.arrayBuffer() ${list(floor.map((f) => f.fileRead))} ms); it read ${floor[0].sheets.map((s) => `「${s.name}」 ${s.rows}×${s.columns}`).join(', ')}`,
    `longest main-thread task while parsing, per run: app ${list(app.map((a) => a.longestParse))} ms; after 取り込む ${list(app.map((a) => a.longestCommit))} ms; floor ${list(floor.map((f) => f.longest))} ms`,
    `progress bar: first shown ${list(app.map((a) => a.progressFirst))} ms after the change; on screen in ${app.map((a) => `${a.progressFrames}/${a.frames}`).join(', ')} frames while parsing`,
    `heap per run: app main ${app.map((a) => mb(a.heap.peak)).join(', ')} MB (baseline ${app.map((a) => mb(a.heap.baseline)).join(', ')} MB), workers ${app.map((a) => mb(a.heap.workerPeak)).join(', ')} MB; floor ${floor.map((f) => mb(f.heap.peak)).join(', ')} MB`,
    `preview: municipalities ${a0.preview.municipalities ?? '—'}, datasets ${a0.preview.datasets ?? '—'}, errors/warnings ${a0.preview.counts ?? '—'}${a0.preview.conflicts ? ', conflicts shown' : ''}; ` +
      `取り込む ${a0.saved ? 'clicked' : 'not possible (disabled or absent)'}; expected from the generator: ${fixture.meta.municipalities} municipalities`,
    ...a0.preview.issues.map((t, i) => `preview issue ${i + 1}: ${t.slice(0, 240)}`),
    `message: ${a0.message ?? '—'}; status before 「${a0.statusBefore}」, after 「${a0.statusAfter}」`,
    ...(a0.errors.length ? [`page errors: ${a0.errors.slice(0, 3).join(' | ')}`] : []),
  ]
  return { columns: ['measure (median)', 'value', 'budget', 'verdict'], rows, notes }
}

export default {
  title: `Import of a full-size 令和8年度 national workbook (1,741 municipalities × 1,563 columns) on a fresh on-disk profile, against read-excel-file alone (budget ≤ ${BUDGET_RATIO}× the floor, ≤ ${BUDGET_HEAP_MB} MB, no task > ${BUDGET_TASK_MS} ms, a progress bar throughout)`,
  /** @param {{ root: string, baseUrl: string, runs: number }} ctx */
  async run({ root, baseUrl, runs }) {
    const n = explicitRuns ? runs : DEFAULT_RUNS
    const { [FIXTURE]: fixture } = await ensureMhlwFixtures(root, { names: [FIXTURE] })
    const outDir = await buildFloor(root)
    const app = []
    const floor = []
    for (let i = 0; i < n; i++) {
      app.push(await appRun(baseUrl, fixture.xlsxPath))
      floor.push(await floorRun(baseUrl, outDir, fixture.xlsxPath))
    }
    return summarise(app, floor, fixture)
  },
}

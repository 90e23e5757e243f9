/**
 * Section: time from navigation start to the first chart drawn (the app's
 * performance.mark('first-chart-drawn'), set on ECharts' first 'finished' event) on
 * /#/?m=04212&y=2025, with animation off (anim=0) and on, beside a floor: a bare page that draws
 * the same 努力 radar with ECharts alone (bench/floor/), the app's own option builder on the same
 * rows, at the same size and with the same animation setting. The difference is the app around
 * the chart: Vue, Pinia, router, Dexie opening and seeding IndexedDB, the lazy chart chunk.
 *
 * The floor is built here with Vite's build() into .bench/floor (gitignored) and served by its own
 * `vite preview`, like dist/. Cold loads only (fresh browser, empty profile), app and floor
 * interleaved so that the shared machine's drift hits both alike; medians of `runs` loads each.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, preview } from 'vite'
import { withColdBrowser } from './lib/browser.mjs'
import { freePort } from './lib/server.mjs'
import { kB, median, ms } from './lib/table.mjs'

/** The app may take at most this multiple of the floor's time to its first chart. */
export const BUDGET_RATIO = 1.25

const APP_ROUTE = '#/?m=04212&y=2025'

/** Builds bench/floor into .bench/floor with the app's '@' alias and no project config. */
export async function buildFloor(root) {
  const floorRoot = resolve(root, 'bench/floor')
  const outDir = resolve(root, '.bench/floor')
  await build({
    root: floorRoot,
    configFile: false,
    base: './',
    logLevel: 'warn',
    resolve: { alias: { '@': resolve(root, 'src') } },
    build: { outDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000 },
  })
  return { floorRoot, outDir }
}

async function serveFloor(floorRoot, outDir) {
  let server
  for (let i = 1; !server; i++) {
    try {
      server = await preview({
        root: floorRoot,
        configFile: false,
        base: './',
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port: await freePort(), strictPort: true, open: false },
      })
    } catch (err) {
      if (i >= 3) throw err
    }
  }
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview (floor) reports no local URL')
  return { url: url.endsWith('/') ? url : `${url}/`, close: () => server.close() }
}

/** One cold load: navigation → 'first-chart-drawn', plus the size of the app's 努力 radar box. */
async function coldLoad(url) {
  return withColdBrowser(async (page) => {
    const errors = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(url)
    await page.waitForFunction(() => document.documentElement.dataset.chartDrawn === 'true', undefined, { timeout: 60_000 })
    const r = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="panel-radar-doryoku"] .chart-box')
      return {
        drawn: performance.getEntriesByName('first-chart-drawn')[0]?.startTime ?? null,
        box: box ? { w: box.clientWidth, h: box.clientHeight } : null,
      }
    })
    if (errors.length) throw new Error(`page error at ${url}: ${errors[0]}`)
    return r
  })
}

async function gzipOfJs(dir) {
  const assets = join(dir, 'assets')
  let total = 0
  for (const f of await readdir(assets)) if (f.endsWith('.js')) total += gzipSync(await readFile(join(assets, f)), { level: 9 }).length
  return total
}

/**
 * Cold loads of the app at `appUrl` (with animation on, then off) interleaved with the floor at
 * the same size and setting, `runs` times; returns one row per setting (name, app ms, floor ms,
 * ratio, verdict against `budget`) and notes with every load's figure.
 */
export async function raceTheFloor({ root, appUrl, runs, budget }) {
  const { floorRoot, outDir } = await buildFloor(root)
  const floor = await serveFloor(floorRoot, outDir)
  const settings = [
    // The budget is read at the app's own setting (animation on, what users get); the row with
    // animation off shows the app's own work around the chart without the 1 s animation.
    { name: 'on (default)', app: appUrl, floorHash: 'anim=1', budget: true },
    { name: 'off (anim=0)', app: `${appUrl}&anim=0`, floorHash: 'anim=0', budget: false },
  ]
  const times = settings.map(() => ({ app: [], floor: [] }))
  let size = { w: 566, h: 400 } // replaced by the app's own radar box after its first load
  try {
    for (let i = 0; i < runs; i++) {
      for (const [k, s] of settings.entries()) {
        const app = await coldLoad(s.app)
        if (app.box && app.box.w > 0) size = app.box
        const fl = await coldLoad(`${floor.url}#${s.floorHash}&w=${size.w}&h=${size.h}`)
        times[k].app.push(app.drawn)
        times[k].floor.push(fl.drawn)
      }
    }
  } finally {
    await floor.close()
  }

  const rows = []
  const notes = []
  for (const [k, s] of settings.entries()) {
    const app = times[k].app.filter((x) => x !== null)
    const fl = times[k].floor.filter((x) => x !== null)
    if (!app.length || !fl.length) { rows.push([s.name, ms(null), ms(null), '—', 'no mark']); continue }
    const ratio = median(app) / median(fl)
    const verdict = ratio <= budget ? 'within' : 'OVER'
    rows.push([s.name, ms(median(app)), ms(median(fl)), `${ratio.toFixed(2)}×`, s.budget ? verdict : `(reference: ${verdict.toLowerCase()})`])
    notes.push(`animation ${s.name}: app ${times[k].app.map(ms).join(', ')} ms; floor ${times[k].floor.map(ms).join(', ')} ms`)
    if (app.length < runs || fl.length < runs) notes.push(`animation ${s.name}: ${runs - app.length} app and ${runs - fl.length} floor load(s) had no mark`)
  }
  notes.push('the budget applies to the default row (the app animates its charts); the anim=0 row is for reference')
  notes.push(`floor: ${size.w}×${size.h} px radar (the app's 努力 radar box), ${kB(await gzipOfJs(outDir))} kB gzip JS; medians of ${runs} cold loads each`)
  return { rows, notes }
}

export default {
  title: `Time to first chart drawn: the app against a bare ECharts radar (cold loads, budget ≤ ${BUDGET_RATIO}× the floor)`,
  /** @param {{ root: string, baseUrl: string, runs: number }} ctx */
  async run({ root, baseUrl, runs }) {
    const { rows, notes } = await raceTheFloor({ root, appUrl: `${baseUrl}${APP_ROUTE}`, runs, budget: BUDGET_RATIO })
    return {
      columns: ['animation', 'app ms', 'floor ms', 'app ÷ floor', `budget ≤ ${BUDGET_RATIO}×`],
      rows,
      notes,
    }
  },
}

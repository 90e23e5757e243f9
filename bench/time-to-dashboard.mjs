/**
 * Section: time from navigation start to the dashboard drawn with data, as the app marks it
 * (performance.mark('dashboard-drawn') when html[data-ready=dashboard]), over cold loads: each
 * with a new browser and an empty profile, so every load also opens and seeds IndexedDB.
 */
import { median, ms } from './lib/table.mjs'
import { withColdBrowser } from './lib/browser.mjs'

async function coldLoad(url) {
  return withColdBrowser(async (page) => {
    await page.goto(url)
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'dashboard', undefined, { timeout: 60_000 })
    return page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      return {
        drawn: performance.getEntriesByName('dashboard-drawn')[0]?.startTime ?? null,
        dcl: nav ? nav.domContentLoadedEventEnd : null,
      }
    })
  })
}

export default {
  title: 'Time to dashboard drawn (cold loads: fresh browser, empty profile)',
  /** @param {{ baseUrl: string, runs: number }} ctx */
  async run({ baseUrl, runs }) {
    const results = []
    for (let i = 0; i < runs; i++) results.push(await coldLoad(`${baseUrl}#/?m=04212&y=2025`))
    const rows = results.map((r, i) => [`load ${i + 1}`, ms(r.dcl), ms(r.drawn)])
    const drawn = results.map((r) => r.drawn).filter((x) => x !== null)
    const dcl = results.map((r) => r.dcl).filter((x) => x !== null)
    rows.push(['-'])
    const stat = (name, f) => [name, dcl.length ? ms(f(dcl)) : '—', drawn.length ? ms(f(drawn)) : '—']
    rows.push(stat('median', median), stat('min', (xs) => Math.min(...xs)), stat('max', (xs) => Math.max(...xs)))
    const notes = drawn.length < results.length ? [`${results.length - drawn.length} load(s) had no 'dashboard-drawn' mark`] : []
    return { columns: ['', 'DOMContentLoaded ms', 'dashboard-drawn ms'], rows, notes }
  },
}

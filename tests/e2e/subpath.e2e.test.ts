/**
 * The normal build (dist/) on an intranet web server under a sub-path, /kaigo/incentive-lens/,
 * served by a plain static server (no rewrite rules, 404 for anything else): the first screen,
 * a lazily loaded view and the CSV worker all load from under the sub-path, the hash routes work
 * after a reload, the Content-Security-Policy written at build time lets all of it run (a
 * violation is a console error), and nothing is asked for outside the sub-path.
 */
import { resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OFFICE_VIEWPORT, launchBrowser, screenshot, waitForDashboard, type BrowserSession } from './browser'
import { serveStatic, type StaticServer } from './staticServer'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const PREFIX = '/kaigo/incentive-lens/'

let server: StaticServer
let session: BrowserSession

beforeAll(async () => {
  server = await serveStatic(resolve(root, 'dist'), PREFIX)
  session = await launchBrowser({ viewport: OFFICE_VIEWPORT })
})

afterAll(async () => {
  await session?.close()
  await server?.close()
})

describe(`dist/ served at ${PREFIX}`, () => {
  it('the sub-path without its slash is redirected, and the dashboard draws', async () => {
    const { page } = session
    await page.goto(server.url.slice(0, -1))
    await waitForDashboard(page)
    expect(new URL(page.url()).pathname).toBe(PREFIX)
    expect(await page.getByTestId('municipality-name').innerText()).toBe('登米市')
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/)
    expect(policy).toContain("connect-src 'none'")
    await screenshot(page, 'subpath-01-dashboard')
  })

  it('a lazily loaded view opens by its hash route, also after a reload', async () => {
    const { page } = session
    await page.goto(`${server.url}#/trend?m=04212&y=2025`)
    await page.getByTestId('trend-view').waitFor({ timeout: 30_000 })
    await page.reload()
    await page.getByTestId('trend-view').waitFor({ timeout: 30_000 })
    expect(server.log.some((r) => /^\/kaigo\/incentive-lens\/assets\/TrendView-[\w-]+\.js$/.test(r.path) && r.status === 200)).toBe(true)
  })

  it('a CSV is read by the worker loaded from under the sub-path', async () => {
    const { page } = session
    await page.goto(`${server.url}#/data`)
    await page.getByTestId('data-view').waitFor({ timeout: 30_000 })
    await page.getByTestId('import-file').setInputFiles(resolve(root, 'tests/fixtures/csv/valid-two-municipalities.csv'))
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('preview-municipalities').innerText()).toBe('2')
    expect(server.log.some((r) => /^\/kaigo\/incentive-lens\/assets\/csvWorker-[\w-]+\.js$/.test(r.path) && r.status === 200)).toBe(true)
  })

  it('asked for nothing outside the sub-path, got no 404, and logged no error', () => {
    const origin = new URL(server.url).origin
    const outside = session.requests.filter((u) => !(u.startsWith(`${origin}${PREFIX}`) || u.startsWith('data:') || u.startsWith('blob:')))
    // the one request for the sub-path without its slash, before the redirect
    expect(outside).toEqual([`${origin}${PREFIX.slice(0, -1)}`])
    expect(server.log.filter((r) => r.status === 404)).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })

  // last: the browser's refusals of the scripts are logged as console errors
  it('dist/index.html opened from a folder says which file to use instead of staying blank', async () => {
    const page = await session.context.newPage()
    await page.goto(pathToFileURL(resolve(root, 'dist/index.html')).href)
    const note = page.getByTestId('boot-note')
    await expect.poll(() => note.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await note.innerText()).toContain('incentive-lens.html')
    await page.close()
  })
})

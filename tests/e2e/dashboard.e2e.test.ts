/**
 * One visitor's whole session in real Chromium against the production build: first visit seeds
 * IndexedDB with the example, a reload and a browser restart read from IndexedDB, the example can be
 * restored, and throughout nothing leaves the app's origin and nothing is logged as an error.
 * The tests share one browser profile and run in order.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { inkedPixels, launchBrowser, screenshot, waitForDashboard, type BrowserSession } from './browser'
import { readDatasets, setSuishinTotalScore } from './idb'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin

const TOME = '04212'
const FIRST_WEAKEST = '介護保険保険者努力支援交付金 目標II 認知症総合支援：全国平均を26.5点下回る'
/** a 推進 total that appears nowhere in the example, written straight into IndexedDB */
const PLANTED_SCORE = 333
/** 「246 ／400点」: the card may use an ASCII or a full-width slash */
const SUISHIN_246 = /246\s*[/／]\s*400/

let session: BrowserSession

/** A fresh document (not a same-document hash change) at the given route, drawn. */
async function visit(hash = ''): Promise<void> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}${hash}`)
  await waitForDashboard(page)
}

const text = async (testid: string): Promise<string> =>
  (await session.page.getByTestId(testid).innerText()).replace(/\s+/g, ' ').trim()

beforeAll(async () => {
  session = await launchBrowser()
})

afterAll(async () => {
  await session?.close()
})

describe('dashboard in Chromium', () => {
  it('first visit seeds the example and shows 登米市 令和7年度 with its weakest areas', async () => {
    const { page } = session
    await visit()

    const dashboard = await text('dashboard')
    expect(dashboard).toContain('登米市')
    expect(dashboard).toContain('令和7年度')

    const weakest = page.getByTestId('weakest').locator('li .weak-text')
    await expect.poll(() => weakest.count()).toBe(3)
    const sentences = (await weakest.allInnerTexts()).map((s) => s.trim())
    expect(sentences[0]).toContain(FIRST_WEAKEST)
    expect(sentences[0]).toContain('26.5')
    expect(sentences.join('\n')).toContain('認知症総合支援')

    const suishin = await text('grant-suishin')
    expect(suishin).toMatch(SUISHIN_246)
    expect(suishin).toContain('61.5%')
    expect(await text('grant-doryoku')).not.toBe('')

    const gapTable = page.getByTestId('gap-table')
    expect(await gapTable.evaluate((el) => el.tagName === 'TABLE' || el.querySelector('table') !== null)).toBe(true)
    expect(await gapTable.locator('tbody tr').count()).toBeGreaterThanOrEqual(8) // two grants × four goals, plus groups

    const drawnAt = await page.evaluate(() => performance.getEntriesByName('dashboard-drawn')[0]?.startTime ?? null)
    expect(drawnAt).not.toBeNull()

    await screenshot(page, '01-first-visit')
    await screenshot(page, '01-first-visit-full', { fullPage: true, settleMs: 0 })
  })

  it('draws its charts on canvas', async () => {
    const { page } = session
    const canvases = page.getByTestId('dashboard').locator('canvas')
    await expect.poll(() => canvases.count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect((await inkedPixels(canvases)).some((n) => n > 1000)).toBe(true)
  })

  it('stores the three example years in IndexedDB', async () => {
    const stored = await readDatasets(session.page)
    expect(stored).not.toBeNull()
    expect(stored?.stores).toContain('datasets')
    const keys = stored?.records.map((r) => [r.code, r.fiscalYear, r.name]) ?? []
    expect(keys).toEqual([
      [TOME, 2023, '登米市'],
      [TOME, 2024, '登米市'],
      [TOME, 2025, '登米市'],
    ])
    expect(stored?.records.find((r) => r.fiscalYear === 2025)?.suishinTotalScore).toBe(246)
  })

  it('a reload reads the dashboard from IndexedDB, not from the embedded example', async () => {
    const { page } = session
    expect(await setSuishinTotalScore(page, TOME, 2025, PLANTED_SCORE)).toBe(246)
    await page.reload()
    await waitForDashboard(page)

    const suishin = await text('grant-suishin')
    expect(suishin).toContain(String(PLANTED_SCORE))
    expect(suishin).not.toMatch(SUISHIN_246)
    expect((await readDatasets(page))?.records).toHaveLength(3) // not seeded a second time
    await screenshot(page, '02-reload-planted-score')
  })

  it('after closing and relaunching the browser on the same profile the data is still there', async () => {
    await session.relaunch()
    await visit(`#/?m=${TOME}&y=2025`)
    expect(await text('dashboard')).toContain('令和7年度')
    expect(await text('grant-suishin')).toContain(String(PLANTED_SCORE))
    const stored = await readDatasets(session.page)
    expect(stored?.records).toHaveLength(3)
    expect(stored?.records.find((r) => r.fiscalYear === 2025)?.suishinTotalScore).toBe(PLANTED_SCORE)
    await screenshot(session.page, '03-after-restart')
  })

  it('the route selects the fiscal year', async () => {
    await visit(`#/?m=${TOME}&y=2024`)
    const dashboard = await text('dashboard')
    expect(dashboard).toContain('登米市')
    expect(dashboard).toContain('令和6年度')
    await screenshot(session.page, '04-fy2024')
  })

  it('「例のデータを復元」 puts the example back into IndexedDB', async () => {
    const { page } = session
    await page.goto(`${baseUrl}#/data?m=${TOME}&y=2025`)
    await page.getByTestId('data-view').waitFor()
    expect(await text('db-status')).toContain('3件のデータ')
    await page.getByRole('button', { name: '例のデータを復元' }).click()
    await expect.poll(() => text('data-notice'), { timeout: 10_000 }).toContain('復元しました')
    await screenshot(page, '05-restore-notice')
    await page.getByTestId('nav-overview').click()
    await expect.poll(() => text('grant-suishin'), { timeout: 10_000 }).toMatch(SUISHIN_246)
    await expect
      .poll(async () => (await readDatasets(page))?.records.find((r) => r.fiscalYear === 2025)?.suishinTotalScore)
      .toBe(246)
    await page.reload()
    await waitForDashboard(page)
    expect(await text('grant-suishin')).toMatch(SUISHIN_246)
    await screenshot(page, '06-restored-after-reload')
  })

  it('no request left the app origin during the whole visit', () => {
    expect(session.requests.length).toBeGreaterThan(0)
    const foreign = session.requests.filter(
      (url) => !(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')),
    )
    expect(foreign).toEqual([])
  })

  it('no console error or warning and no page error during the whole visit', () => {
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

/**
 * What a new manager meets at 1366×768 (the office laptop) and 1920×1080 (the projector), in
 * Chromium against the production build: the first screen shows the weakness as a graphic, the
 * simulator's own default works and its results column has no second scroll bar, the single-chart
 * link fills the window, tables in the cards fit, the focus ring contrasts and is not clipped, and
 * axe finds no serious or critical violation on any view in the states tested.
 * Screenshots of every step go to test-results/e2e/walkthrough-*.png.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Page } from 'playwright-core'
import { launchBrowser, screenshot, SCREENSHOT_DIR, waitForDashboard, type BrowserSession } from './browser'
import { seriousViolations } from './axe'
import { contrast } from '../support/contrast'

const baseUrl = inject('baseUrl')
const Q = 'm=04212&y=2025&anim=0'
const LAPTOP = { width: 1366, height: 768 }
const PROJECTOR = { width: 1920, height: 1080 }

let session: BrowserSession

async function open(page: Page, hash: string): Promise<void> {
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}#/${hash}`)
}

async function expectNoSeriousAxe(page: Page, where: string): Promise<void> {
  const found = await seriousViolations(page)
  expect(found, `${where}: ${JSON.stringify(found, null, 1)}`).toEqual([])
}

beforeAll(async () => {
  session = await launchBrowser()
  await session.page.setViewportSize(LAPTOP)
})

afterAll(async () => {
  await session?.close()
})

describe('walkthrough at 1366×768', () => {
  it('概要: the weakest goals are drawn as bars within the first screen, the shortfall in red', async () => {
    const { page } = session
    await open(page, `?${Q}`)
    await waitForDashboard(page)
    const bars = page.getByTestId('weak-bar')
    await expect.poll(() => bars.count()).toBe(3)
    const box = await bars.first().boundingBox()
    expect(box).not.toBeNull()
    expect(box!.y + box!.height).toBeLessThan(LAPTOP.height)
    const red = await page.getByTestId('weak-short').first().evaluate((e) => getComputedStyle(e).backgroundColor)
    expect(red).toBe('rgb(206, 0, 0)')
    await screenshot(page, 'walkthrough-overview-1366', { settleMs: 300 })
    await expectNoSeriousAxe(page, '概要')
  })

  it('概要 with both radar tables open: six columns fit the card, no hidden side scroll, axe clean', async () => {
    const { page } = session
    for (const g of ['suishin', 'doryoku']) await page.locator(`[data-testid="panel-radar-${g}"] [data-testid="toggle-table"]`).click()
    for (const g of ['suishin', 'doryoku']) {
      const region = page.getByTestId(`table-radar-${g}`)
      const [scroll, client] = await region.evaluate((e) => [e.scrollWidth, e.clientWidth])
      expect(scroll).toBeLessThanOrEqual(client)
      // 区分 names on at most two lines
      const th = await region.locator('tbody th').first().evaluate((e) => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)])
      expect(th[0]!).toBeLessThan(th[1]! * 2 + 16)
    }
    await page.getByTestId('table-radar-doryoku').scrollIntoViewIfNeeded()
    await screenshot(page, 'walkthrough-overview-tables-1366', { settleMs: 200 })
    await expectNoSeriousAxe(page, '概要（表で表示）')
  })

  it('the focus ring on the 目標／指標群 toggle contrasts 3:1 or more and is not clipped', async () => {
    const { page } = session
    await open(page, `?${Q}`)
    await waitForDashboard(page)
    // reach the toggle by keyboard, so that :focus-visible applies as it does for a user
    const target = page.locator('[data-testid="panel-radar-suishin"] .segmented button').nth(1)
    await page.locator('[data-testid="panel-radar-suishin"] .segmented button').first().focus()
    await page.keyboard.press('Tab')
    expect(await target.evaluate((e) => e === document.activeElement && e.matches(':focus-visible'))).toBe(true)
    const ring = await target.evaluate((e) => {
      const cs = getComputedStyle(e)
      const clipped: string[] = []
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p)
        if (o.overflowX !== 'visible' || o.overflowY !== 'visible') clipped.push(p.className)
      }
      return { colour: cs.outlineColor, width: parseFloat(cs.outlineWidth), style: cs.outlineStyle, shadow: cs.boxShadow, clipped }
    })
    expect(ring.style).toBe('solid')
    expect(ring.width).toBeGreaterThanOrEqual(2)
    // the card is white and the page grey: WCAG 2.1 1.4.11 asks for 3:1 against what is next to it
    expect(contrast(ring.colour, '#ffffff')).toBeGreaterThanOrEqual(3)
    const pageBg = await page.evaluate(() => getComputedStyle(document.body.parentElement!).backgroundColor)
    expect(contrast(ring.colour, pageBg)).toBeGreaterThanOrEqual(3)
    // the inner yellow ring keeps it visible on the blue header as well
    const yellow = /rgb\([^)]*\)/.exec(ring.shadow)?.[0] ?? ''
    const headerBlue = await page.locator('.app-header').evaluate((e) => getComputedStyle(e).backgroundColor)
    expect(contrast(yellow, headerBlue)).toBeGreaterThanOrEqual(3)
    expect(contrast(yellow, ring.colour)).toBeGreaterThanOrEqual(3)
    expect(ring.clipped).toEqual([])
    await target.scrollIntoViewIfNeeded()
    await screenshot(page, 'walkthrough-focus-1366', { settleMs: 200 })
  })

  it('simulator: the money question accepts its default, one scroll area, results reachable to their end', async () => {
    const { page } = session
    await open(page, `simulate?${Q}`)
    await page.waitForFunction(() => document.documentElement.dataset.simulator === 'ready', undefined, { timeout: 30_000 })
    await screenshot(page, 'walkthrough-simulator-1366', { settleMs: 300 })
    const money = page.getByTestId('money-yen')
    expect(await money.inputValue()).toBe('1000000')
    expect(await money.evaluate((e) => (e as HTMLInputElement).checkValidity())).toBe(true)
    await page.getByTestId('ask-money').locator('button[type="submit"]').click()
    await page.getByTestId('inverse-answer').waitFor({ timeout: 15_000 })

    const results = page.getByTestId('sim-results')
    const own = await results.evaluate((e) => ({ overflow: getComputedStyle(e).overflowY, scroll: e.scrollHeight, client: e.clientHeight }))
    expect(own.overflow).toBe('visible')
    expect(own.scroll).toBeLessThanOrEqual(own.client)
    // scrolled down the editor, the end of the results column (the summary table) is in the window
    await page.getByTestId('slider-doryoku/II/activity').scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 400))
    await page.waitForTimeout(200)
    const table = await page.getByTestId('scenario-summary').boundingBox()
    expect(table).not.toBeNull()
    expect(table!.y).toBeGreaterThanOrEqual(0)
    expect(table!.y + table!.height).toBeLessThanOrEqual(LAPTOP.height)
    await screenshot(page, 'walkthrough-simulator-scrolled-1366', { settleMs: 200 })
    await expectNoSeriousAxe(page, 'シミュレーション')
  })

  it('a single-chart link for a year without group values explains itself; axe clean', async () => {
    const { page } = session
    await open(page, 'chart/radar-doryoku?m=04212&y=2024&anim=0')
    await page.getByTestId('radar-unavailable').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('radar-unavailable').textContent()).toContain('この年度は目標・指標群別の値がないため')
    await expectNoSeriousAxe(page, 'グラフ単体（値なし）')
  })

  it('the deck, the comparison, the trend and an import preview with errors: axe clean', async () => {
    const { page } = session
    await open(page, `present?${Q}`)
    await page.locator('.present-main').getByTestId('slide-number').waitFor({ timeout: 30_000 })
    await expectNoSeriousAxe(page, '会議で表示')
    for (const view of ['compare', 'trend']) {
      await open(page, `${view}?${Q}`)
      await page.locator('.chart-box').first().waitFor({ timeout: 30_000 })
      await expectNoSeriousAxe(page, view)
    }
    await open(page, `data?${Q}`)
    await page.getByTestId('import-file').setInputFiles(resolve('tests/fixtures/csv/negative.csv'))
    await page.getByTestId('import-preview').waitFor({ timeout: 30_000 })
    expect(await page.getByTestId('import-preview').textContent()).toContain('negative.csv')
    await expectNoSeriousAxe(page, 'データ（エラーのある取り込みの確認）')
  })
})

/** Pages in a PDF: its /Type /Page objects (not /Pages). */
const pdfPages = (pdf: Buffer): number => pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0

describe('printing 概要, 比較 and 推移 (Chromium PDF, A4)', () => {
  it('drops the controls, keeps who, when and source in the heading, and each chart whole', async () => {
    const { page } = session
    await page.setViewportSize(LAPTOP)
    const cases = [
      { view: '', name: 'overview', ready: () => waitForDashboard(page), maxPages: 3 },
      { view: 'compare', name: 'compare', ready: () => page.locator('.chart-box').first().waitFor(), maxPages: 1 },
      { view: 'trend', name: 'trend', ready: () => page.locator('.chart-box').first().waitFor(), maxPages: 1 },
    ]
    for (const c of cases) {
      await open(page, `${c.view}?${Q}`)
      await c.ready()
      await page.waitForTimeout(500)
      await page.emulateMedia({ media: 'print' })
      const shown = await page.evaluate(() => {
        const visible = (sel: string) => [...document.querySelectorAll(sel)].some((e) => getComputedStyle(e).display !== 'none')
        const panels = [...document.querySelectorAll('.chart-panel')].map((e) => getComputedStyle(e).breakInside)
        return {
          controls: ['.app-header', '.app-nav', '.app-footer', '.chart-panel-tools', '.button'].filter(visible),
          heading: (document.querySelector('.page-head, [data-testid="print-meta"]')?.textContent ?? '').replace(/\s+/g, ' '),
          panels,
        }
      })
      await page.emulateMedia({ media: null })
      expect(shown.controls, c.name).toEqual([])
      expect(shown.heading, c.name).toContain('登米市')
      expect(shown.heading, c.name).toContain('令和7年度')
      expect(shown.heading, c.name).toContain('出典')
      expect(shown.panels.length).toBeGreaterThan(0)
      expect(shown.panels.every((b) => b === 'avoid')).toBe(true)
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
      await mkdir(SCREENSHOT_DIR, { recursive: true })
      const pdfPath = join(SCREENSHOT_DIR, `walkthrough-print-${c.name}.pdf`)
      await writeFile(pdfPath, pdf)
      // to look at: the first page as PNG, where poppler is installed (not needed in CI)
      if (existsSync('/usr/bin/pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', pdfPath, pdfPath.replace(/\.pdf$/, '')])
      expect(pdfPages(pdf), c.name).toBeGreaterThanOrEqual(1)
      expect(pdfPages(pdf), c.name).toBeLessThanOrEqual(c.maxPages)
    }
  })
})

describe('walkthrough at 1920×1080', () => {
  beforeAll(async () => { await session.page.setViewportSize(PROJECTOR) })

  it('a single-chart link fills the window with large type', async () => {
    const { page } = session
    await open(page, `chart/radar-doryoku?${Q}`)
    await page.waitForFunction(() => document.documentElement.dataset.chartDrawn === 'true', undefined, { timeout: 30_000 })
    const box = await page.locator('.chart-box').boundingBox()
    expect(box).not.toBeNull()
    expect(box!.width).toBeGreaterThan(1700)
    expect(box!.height).toBeGreaterThan(780)
    await screenshot(page, 'walkthrough-chart-1920', { settleMs: 300 })
    await expectNoSeriousAxe(page, 'グラフ単体')
  })

  it('概要 and the simulator at projector size', async () => {
    const { page } = session
    await open(page, `?${Q}`)
    await waitForDashboard(page)
    await screenshot(page, 'walkthrough-overview-1920', { settleMs: 300 })
    await open(page, `simulate?${Q}`)
    await page.waitForFunction(() => document.documentElement.dataset.simulator === 'ready', undefined, { timeout: 30_000 })
    await screenshot(page, 'walkthrough-simulator-1920', { settleMs: 300 })
    expect(session.pageErrors).toEqual([])
  })

  it('public/ is served unchanged: the icon the page links to and the CSV template', async () => {
    const { page } = session
    const icon = await page.evaluate(() => (document.querySelector('link[rel="icon"]') as HTMLLinkElement).href)
    const got = await session.context.request.get(icon)
    expect(got.status()).toBe(200)
    expect((await got.text()).startsWith('<svg')).toBe(true)
    const csv = await session.context.request.get(`${baseUrl}incentive-lens-template.csv`)
    expect(csv.status()).toBe(200)
    expect((await csv.body()).equals(readFileSync(resolve('public/incentive-lens-template.csv')))).toBe(true)
  })
})

/**
 * The what-if simulator in real Chromium against the production build: a slider moved by value
 * and by the mouse changes the estimate (checked against the domain), a named scenario is saved
 * in IndexedDB, survives a reload through ?s=<id>, and nothing is logged as an error.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createScenario, estimateChange, pointsToAverage, scenarioParams, type Scenario, type YearDataset } from '@/domain'
import { formatSignedYen } from '@/components/scenario/signedYen'
import { exampleDatasets } from '@/data/example'
import { launchBrowser, screenshot, type BrowserSession } from './browser'
import { DB_NAME } from './idb'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin
const ROUTE = '#/simulate?m=04212&y=2025'
const NAME = '認知症施策の強化'
const tome = exampleDatasets().find((d) => d.fiscalYear === 2025) as YearDataset

let session: BrowserSession

/**
 * The text of an element. textContent, not innerText: the sections below the fold use
 * content-visibility: auto, and Chromium gives no innerText for content it has skipped.
 */
const text = async (page: Page, selector: string): Promise<string> =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim()
const totalChange = (page: Page) => text(page, '[data-testid="alloc-total"] [data-testid="alloc-change"]')
const grantChange = (page: Page, g: string) => text(page, `[data-testid="alloc-${g}"] [data-testid="alloc-change"]`)

function expectedChange(edits: Record<string, number>) {
  const s: Scenario = { ...createScenario({ id: 'x', name: 'x', code: '04212', fiscalYear: 2025, now: '' }), edits }
  return estimateChange(tome, s, scenarioParams(s))
}

async function waitForSimulator(page: Page): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.simulator === 'ready', undefined, { timeout: 30_000 })
}

async function storedScenarioNames(page: Page): Promise<string[]> {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(dbName)
      req.onsuccess = () => ok(req.result)
      req.onerror = () => fail(req.error)
    })
    try {
      const rows = await new Promise<{ name: string }[]>((ok, fail) => {
        const req = db.transaction('scenarios', 'readonly').objectStore('scenarios').getAll()
        req.onsuccess = () => ok(req.result as { name: string }[])
        req.onerror = () => fail(req.error)
      })
      return rows.map((r) => r.name)
    } finally {
      db.close()
    }
  }, DB_NAME)
}

beforeAll(async () => {
  session = await launchBrowser()
})

afterAll(async () => {
  await session?.close()
})

describe('simulator in Chromium', () => {
  it('opens for 登米市 令和7年度 with no change estimated', async () => {
    const { page } = session
    await page.goto(`${baseUrl}${ROUTE}`)
    await waitForSimulator(page)
    expect(await text(page, '[data-testid="simulator"] h1')).toContain('登米市')
    expect(await totalChange(page)).toBe('±0円')
    expect(await page.getByLabel('目標II (i) 体制・取組指標群').first().getAttribute('type')).toBe('range')
  })

  it('filling a slider changes the totals and the estimate, as the domain computes them', async () => {
    const { page } = session
    await page.getByTestId('slider-doryoku/II/structure').fill('40')
    const e = expectedChange({ 'doryoku/II/structure': 40 })
    await expect.poll(() => totalChange(page)).toBe(formatSignedYen(e.total.changeYen))
    expect(await grantChange(page, 'doryoku')).toBe(formatSignedYen(e.grants.doryoku.changeYen))
    expect(await text(page, '[data-testid="scenario-totals"] tr[data-key="doryoku"] [data-testid="score"]')).toBe('190 → 216')
    expect(await page.getByTestId('number-doryoku/II/structure').inputValue()).toBe('40')
    await page.getByTestId('alloc-assumptions').locator('summary').click()
    expect(await text(page, '[data-testid="alloc-assumptions"]')).toContain(e.assumptions[0]!)
    await page.getByTestId('allocation').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-00-assumptions', { settleMs: 300 })
    await page.getByTestId('alloc-assumptions').locator('summary').click()
    await page.getByTestId('alloc-editor').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-00-alloc-editor', { settleMs: 300 })
  })

  it('dragging a slider with the mouse moves the estimate while dragging', async () => {
    const { page } = session
    const slider = page.getByTestId('slider-suishin/III/structure')
    await slider.scrollIntoViewIfNeeded()
    const box = await slider.boundingBox()
    if (!box) throw new Error('slider not visible')
    const y = box.y + box.height / 2
    const from = box.x + box.width * (38 / 64)
    await page.mouse.move(from, y)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width * 0.8, y, { steps: 10 })
    const midway = await grantChange(page, 'suishin')
    await page.mouse.move(box.x + box.width + 20, y, { steps: 10 })
    await page.mouse.up()
    const value = Number(await slider.inputValue())
    expect(value).toBe(64)
    expect(midway).toMatch(/^\+/)
    const e = expectedChange({ 'doryoku/II/structure': 40, 'suishin/III/structure': value })
    await expect.poll(() => grantChange(page, 'suishin')).toBe(formatSignedYen(e.grants.suishin.changeYen))
    expect(await totalChange(page)).toBe(formatSignedYen(e.total.changeYen))
    await screenshot(page, 'sim-01-dragged')
  })

  it('saves a named scenario that survives a reload through ?s=', async () => {
    const { page } = session
    await page.getByTestId('scenario-name').fill(NAME)
    await page.getByTestId('save-scenario').click()
    await expect.poll(() => page.url()).toMatch(/[?&]s=[^&]+/)
    expect(await text(page, '[data-testid="scenario-status"]')).toBe('保存済み')
    expect(await storedScenarioNames(page)).toEqual([NAME])

    await page.reload()
    await waitForSimulator(page)
    await expect.poll(async () => (await page.getByTestId('scenario-item-name').allTextContents()).map((t) => t.trim())).toEqual([NAME])
    expect(await page.getByTestId('scenario-name').inputValue()).toBe(NAME)
    expect(await page.getByTestId('slider-doryoku/II/structure').inputValue()).toBe('40')
    expect(await page.getByTestId('slider-suishin/III/structure').inputValue()).toBe('64')
    const e = expectedChange({ 'doryoku/II/structure': 40, 'suishin/III/structure': 64 })
    expect(await totalChange(page)).toBe(formatSignedYen(e.total.changeYen))
    await screenshot(page, 'sim-02-after-reload')
  })

  it('draws the radars with the scenario on canvas', async () => {
    const { page } = session
    const canvases = page.locator('[data-testid^="panel-scenario-radar"] canvas')
    await expect.poll(() => canvases.count(), { timeout: 10_000 }).toBeGreaterThan(1)
    await page.getByTestId('panel-scenario-radar-doryoku').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-03-radar')
    await screenshot(page, 'sim-04-full', { fullPage: true, settleMs: 0 })
  })

  it('answers an inverse question and applies the plan to the scenario', async () => {
    const { page } = session
    const form = page.getByTestId('ask-average')
    await form.scrollIntoViewIfNeeded()
    // the question opens on the scenario's weakest goal; ask about 努力 II explicitly
    await form.getByLabel('目標').selectOption('doryoku/II')
    await form.getByRole('button', { name: '必要な点数を計算' }).click()
    const base: Scenario = { ...createScenario({ id: 'x', name: NAME, code: '04212', fiscalYear: 2025, now: '' }), edits: { 'doryoku/II/structure': 40, 'suishin/III/structure': 64 } }
    const want = pointsToAverage(tome, 'doryoku', 'II', 'national', { base })
    await expect.poll(() => text(page, '[data-testid="inverse-summary"]')).toBe(want.summary)
    await page.getByTestId('inverse-answer').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-05-inverse', { settleMs: 300 })
    await page.getByTestId('apply-plan').click()
    await expect.poll(() => text(page, '[data-testid="plan-applied"]')).toContain('反映しました')
    expect(await text(page, '[data-testid="scenario-status"]')).toContain('未保存')
    const goal = await text(page, '[data-testid="scenario-totals"] tr[data-key="doryoku/II"] [data-testid="score"]')
    expect(Number(goal.split('→')[1])).toBeGreaterThanOrEqual(46.5)
  })

  it('duplicates the saved scenario and compares the two with the baseline', async () => {
    const { page } = session
    await page.getByTestId('duplicate-scenario').first().click()
    await expect.poll(() => page.getByTestId('scenario-item-name').count()).toBe(2)
    const b = page.getByTestId('compare-b')
    await b.selectOption({ label: `${NAME}のコピー` })
    const heads = await page.locator('[data-testid="compare-table"] thead th').allTextContents()
    expect(heads.map((h) => h.trim())).toEqual(['項目', '現状（公表値）', `A：${NAME}`, `B：${NAME}のコピー`])
    await page.getByTestId('scenario-library').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-06-library-compare', { settleMs: 300 })
    await page.getByTestId('scenario-compare').scrollIntoViewIfNeeded()
    await screenshot(page, 'sim-07-compare', { settleMs: 300 })
  })

  it('no request left the app origin, and no console error or page error', () => {
    const foreign = session.requests.filter((url) => !(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')))
    expect(foreign).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

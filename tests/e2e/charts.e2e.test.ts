/**
 * The analysis charts in real Chromium against the production build: every chart draws on its
 * canvas, PNG export downloads a real PNG of the documented size, each chart's table shows what
 * the domain computes, deep links open the right chart in the right state, a click on a radar
 * axis name drills into its goal, a chart hidden behind its table is resized when shown again,
 * and nothing leaves the origin or logs an error. Screenshots of the four views (and the densest
 * chart variants) at 1280×800 and 1920×1080, and the exported PNGs, go to test-results/e2e/ for a
 * human to look at.
 *
 * The expected numbers come from the domain functions themselves (datasetGapRows on the embedded
 * example), not from strings copied off the screen.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  GOAL_IDS, GROUP_KINDS, datasetGapRows, formatPoints, formatRate, formatSigned, rankWeakest, type GapRow,
} from '@/domain'
import { exampleDatasets } from '@/data/example'
import { categoryName } from '@/charts/labels'
import { SCREENSHOT_DIR, VIEWPORT, launchBrowser, type BrowserSession } from './browser'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin

const TOME = '04212'
const FY = 2025
const SEL = `m=${TOME}&y=${FY}`
type ChartId = 'radar-suishin' | 'radar-doryoku' | 'gap' | 'trend-suishin' | 'trend-doryoku'

/** What the app draws from: the example's 登米市 令和7年度, through the domain. */
const dataset = exampleDatasets().find((d) => d.municipality.code === TOME && d.fiscalYear === FY)
if (!dataset) throw new Error(`the example has no ${TOME} ${FY}`)
const gapRows: GapRow[] = datasetGapRows(dataset)
const groupRows = gapRows.filter((r) => r.level === 'group')
const byKey = new Map(gapRows.map((r) => [r.key, r]))
const rowOf = (key: string): GapRow => {
  const r = byKey.get(key)
  if (!r) throw new Error(`no gap row ${key}`)
  return r
}

/** Export size, as documented in src/composables/useChartExport.ts: 2× the chart plus a 64 px header and a 36 px footer. */
const expectedExportSize = (w: number, h: number) => ({ width: Math.round(w * 2), height: Math.round((h + 64 + 36) * 2) })

/** Palette colours the charts must show (src/charts/theme.ts). */
const COLOURS = { municipality: [0x00, 0x17, 0xc1], shortfall: [0xce, 0x00, 0x00], surplus: [0x34, 0x60, 0xfb] } as const

let session: BrowserSession

/** A fresh document (not a same-document hash change) at the given route. */
async function visit(hash: string): Promise<Page> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}${hash}`)
  return page
}

const panel = (id: ChartId): Locator => session.page.getByTestId(`panel-${id}`)

interface Ink {
  /** canvas size in device pixels and CSS pixels, and the chart box it sits in */
  canvas: { width: number; height: number; cssWidth: number; cssHeight: number }
  box: { width: number; height: number }
  /** pixels that, drawn on white, differ clearly from white */
  inked: number
  /** pixels close to each palette colour */
  colours: Record<keyof typeof COLOURS, number>
}

/** Reads the chart's canvas pixels (ECharts draws on a transparent canvas: composite on white first). */
async function readInk(id: ChartId): Promise<Ink | null> {
  return panel(id).evaluate((el, colours) => {
    const box = el.querySelector<HTMLElement>('.chart-box')
    const c = box?.querySelector('canvas')
    if (!box || !c || c.width === 0 || c.height === 0) return null
    // Read a copy: repeated getImageData on the chart's own canvas makes Chromium warn
    // (willReadFrequently), and that warning would count as a console issue of the app.
    const copy = document.createElement('canvas')
    copy.width = c.width
    copy.height = c.height
    const ctx = copy.getContext('2d', { willReadFrequently: true })
    if (!ctx) return null
    ctx.drawImage(c, 0, 0)
    const d = ctx.getImageData(0, 0, c.width, c.height).data
    const keys = Object.keys(colours) as (keyof typeof colours)[]
    const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<keyof typeof colours, number>
    let inked = 0
    for (let i = 0; i < d.length; i += 4) {
      const a = (d[i + 3] ?? 0) / 255
      if (a === 0) continue
      const rgb = [0, 1, 2].map((j) => 255 - a * (255 - (d[i + j] ?? 0)))
      if (Math.max(...rgb.map((v) => 255 - v)) > 24) inked++
      for (const k of keys) {
        const t = colours[k]
        if (Math.abs(rgb[0]! - t[0]) + Math.abs(rgb[1]! - t[1]) + Math.abs(rgb[2]! - t[2]) < 60) counts[k]++
      }
    }
    const r = c.getBoundingClientRect()
    return {
      canvas: { width: c.width, height: c.height, cssWidth: r.width, cssHeight: r.height },
      box: { width: box.clientWidth, height: box.clientHeight },
      inked,
      colours: counts,
    }
  }, COLOURS)
}

/** Waits until the chart's canvas holds a real drawing (at least `min` inked pixels). */
async function waitForInk(id: ChartId, min = 3000, timeout = 20_000): Promise<Ink> {
  await panel(id).locator('.chart-box canvas').first().waitFor({ state: 'attached', timeout })
  await expect.poll(async () => (await readInk(id))?.inked ?? 0, { timeout, interval: 100 }).toBeGreaterThanOrEqual(min)
  const ink = await readInk(id)
  if (!ink) throw new Error(`${id}: the canvas went away`)
  return ink
}

/** The rows of a chart's table: key, header cell and data cells, as shown. */
async function tableRows(id: ChartId): Promise<{ key: string; header: string; cells: string[] }[]> {
  const table = session.page.getByTestId(`table-${id}`)
  await table.waitFor()
  return table.locator('tbody tr[data-key]').evaluateAll((trs) => trs.map((tr) => ({
    key: tr.getAttribute('data-key') ?? '',
    header: (tr.querySelector('th')?.textContent ?? '').trim(),
    cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim()),
  })))
}

/** Asserts the PNG signature and an IHDR first chunk; returns the IHDR width and height. */
function pngSize(buf: Buffer): { width: number; height: number } {
  const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(buf.subarray(0, 8).equals(SIGNATURE), 'PNG signature').toBe(true)
  expect(buf.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

/** Clicks 「画像（PNG）で保存」 and checks the downloaded file against the chart box's size. */
async function exportAndCheck(id: ChartId): Promise<void> {
  const { page } = session
  const box = await panel(id).locator('.chart-box').evaluate((el) => ({ width: el.clientWidth, height: el.clientHeight }))
  expect(box.width).toBeGreaterThan(200)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    panel(id).getByTestId('export-png').click(),
  ])
  expect(download.suggestedFilename()).toBe(`登米市_${FY}_${id}.png`)
  expect(download.url()).toMatch(/^blob:/)
  const path = join(SCREENSHOT_DIR, `export-${id}.png`) // kept for a human to look at
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await download.saveAs(path)
  const buf = await readFile(path)
  expect(pngSize(buf)).toEqual(expectedExportSize(box.width, box.height))

  // Not a blank image: decode it in the page and look for ink in the header (title) and in the chart area.
  const ink = await page.evaluate(async (b64) => {
    const img = new Image()
    img.src = `data:image/png;base64,${b64}`
    await img.decode()
    const c = document.createElement('canvas')
    c.width = img.naturalWidth
    c.height = img.naturalHeight
    const ctx = c.getContext('2d', { willReadFrequently: true })
    if (!ctx) return null
    ctx.drawImage(img, 0, 0)
    const d = ctx.getImageData(0, 0, c.width, c.height).data
    const count = (y0: number, y1: number): number => {
      let n = 0
      for (let i = y0 * c.width * 4; i < y1 * c.width * 4; i += 4) if ((d[i] ?? 255) < 200 || (d[i + 1] ?? 255) < 200 || (d[i + 2] ?? 255) < 200) n++
      return n
    }
    return { header: count(0, 128), chart: count(128, c.height - 72), opaque: d[3] }
  }, buf.toString('base64'))
  expect(ink?.opaque, 'white background, not transparent').toBe(255)
  expect(ink?.header ?? 0, 'title text in the header').toBeGreaterThan(500)
  expect(ink?.chart ?? 0, 'the chart in the image').toBeGreaterThan(3000)
  expect(await panel(id).getByRole('alert').count(), 'no export error shown').toBe(0)
}

beforeAll(async () => {
  session = await launchBrowser()
})

afterAll(async () => {
  await session?.close()
})

describe('analysis charts in Chromium', () => {
  it('概要 draws both radars, with the municipality in blue', async () => {
    await visit(`#/?${SEL}&anim=0`)
    for (const id of ['radar-suishin', 'radar-doryoku'] as const) {
      const ink = await waitForInk(id)
      expect(ink.colours.municipality, `${id}: the municipality's blue line`).toBeGreaterThan(300)
      expect(ink.canvas.cssWidth).toBeCloseTo(ink.box.width, 0)
      expect(ink.canvas.cssHeight).toBeCloseTo(ink.box.height, 0)
    }
    expect(await session.page.evaluate(() => document.documentElement.dataset.chartDrawn)).toBe('true')
    expect(await session.page.evaluate(() => performance.getEntriesByName('first-chart-drawn').length)).toBe(1)
  })

  it('比較 draws the gap bars: red shortfalls and blue surpluses', async () => {
    await visit(`#/compare?${SEL}&anim=0`)
    const ink = await waitForInk('gap')
    const shortfalls = groupRows.filter((r) => (r.gapNatRate ?? 0) < 0).length
    const surpluses = groupRows.filter((r) => (r.gapNatRate ?? 0) > 0).length
    expect(shortfalls).toBeGreaterThan(0)
    if (shortfalls > 0) expect(ink.colours.shortfall, 'red bars').toBeGreaterThan(5000)
    if (surpluses > 0) expect(ink.colours.surplus, 'blue bars').toBeGreaterThan(5000)
  })

  it('推移 draws both trends', async () => {
    await visit(`#/trend?${SEL}&anim=0`)
    for (const id of ['trend-suishin', 'trend-doryoku'] as const) {
      const ink = await waitForInk(id)
      expect(ink.colours.municipality, `${id}: the municipality's blue line`).toBeGreaterThan(500)
    }
  })

  it('PNG export downloads a real PNG of 2× the chart plus header and footer', async () => {
    await visit(`#/?${SEL}&anim=0`)
    await waitForInk('radar-doryoku')
    await exportAndCheck('radar-doryoku')
    await visit(`#/compare?${SEL}&anim=0`)
    await waitForInk('gap')
    await exportAndCheck('gap') // a taller chart: its height follows the number of bars
  })

  it('the gap table shows what the domain computes, weakest first', async () => {
    await visit(`#/compare?${SEL}&anim=0`)
    await waitForInk('gap')
    await panel('gap').getByTestId('toggle-table').click()
    const shown = await tableRows('gap')

    // goal IV's outcome group is scored for both grants and shown once
    const expected = rankWeakest(groupRows)
    expect(expected.length).toBe(groupRows.length - 1)
    expect(shown.map((r) => r.key)).toEqual(expected.map((r) => r.key))
    expect(shown).toEqual(expected.map((r) => ({
      key: r.key,
      header: categoryName(r, gapRows),
      cells: [formatRate(r.rate), formatRate(r.natRate), formatSigned(r.gapNatRate), formatSigned(r.gapNatPoints)],
    })))
    // weakest first: the unrounded gaps never decrease down the table
    const gaps = shown.map((r) => rowOf(r.key).gapNatRate).filter((g): g is number => g !== null)
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b))
    // the worked example: 努力 II(i) 14/64 = 21.875 % against 33.3/64: −30.15625 → −30.2, at the top
    const top = rowOf('doryoku/II/structure')
    expect(top.gapNatRate).toBeCloseTo(-30.15625, 9)
    expect(shown[0]).toMatchObject({ key: 'doryoku/II/structure', cells: ['21.9%', '52.0%', '−30.2', '−19.3'] })

    // back to the chart: drawn again at the box's size
    await panel('gap').getByTestId('toggle-table').click()
    const ink = await waitForInk('gap')
    expect(ink.canvas.cssWidth).toBeCloseTo(ink.box.width, 0)
  })

  it('/chart/radar-doryoku?axes=groups opens that chart alone, on the seven groups', async () => {
    const { page } = session
    await visit(`#/chart/radar-doryoku?${SEL}&axes=groups`)
    await page.getByTestId('chart-view-radar-doryoku').waitFor()
    await waitForInk('radar-doryoku') // with animation: waits for the drawing to fill in
    expect(await page.locator('[data-testid^="panel-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(['panel-radar-doryoku'])
    expect(await panel('radar-doryoku').getByTestId('permalink').count(), 'no link to itself').toBe(0)
    expect(await panel('radar-doryoku').getByRole('button', { name: '指標群（7）' }).getAttribute('aria-pressed')).toBe('true')

    await panel('radar-doryoku').getByTestId('toggle-table').click()
    const shown = await tableRows('radar-doryoku')
    const order = (r: GapRow) => GOAL_IDS.indexOf(r.goal ?? 'I') * GROUP_KINDS.length + GROUP_KINDS.indexOf(r.group ?? 'structure')
    const expected = groupRows.filter((r) => r.grant === 'doryoku').sort((a, b) => order(a) - order(b))
    expect(shown).toHaveLength(7)
    expect(expected).toHaveLength(7)
    expect(shown.map((r) => r.key)).toEqual(expected.map((r) => r.key))
    const withPoints = (rate: number | null, pts: number | null, max: number | null) =>
      rate === null ? '—' : `${formatRate(rate)}（${formatPoints(pts)}/${formatPoints(max)}点）`
    expect(shown.map((r) => r.cells)).toEqual(expected.map((r) => [
      withPoints(r.rate, r.score, r.max), withPoints(r.prefRate, r.prefAvg, r.max), withPoints(r.natRate, r.natAvg, r.max),
      formatSigned(r.gapPrefRate), formatSigned(r.gapNatRate),
    ]))
  })

  it('/compare?against=prefectural opens the prefectural variant', async () => {
    const { page } = session
    await visit('#/compare?against=prefectural')
    const ink = await waitForInk('gap')
    expect(ink.inked).toBeGreaterThan(3000)
    expect(await page.getByTestId('compare-view').innerText()).toContain('県平均との得点率の差')
    expect(await panel('gap').getByRole('button', { name: '県平均' }).getAttribute('aria-pressed')).toBe('true')
    expect(await panel('gap').getByRole('button', { name: '全国平均' }).getAttribute('aria-pressed')).toBe('false')

    await panel('gap').getByTestId('toggle-table').click()
    expect(await page.getByTestId('table-gap').locator('thead').innerText()).toContain('県平均の得点率')
    const shown = await tableRows('gap')
    // rankWeakest ranks by the national gap; for the prefectural view the two gaps swap roles
    const expected = rankWeakest(groupRows.map((r) => ({ ...r, gapNatRate: r.gapPrefRate, gapPrefRate: r.gapNatRate })))
      .map((r) => rowOf(r.key))
    expect(shown.map((r) => r.key)).toEqual(expected.map((r) => r.key))
    expect(shown.map((r) => r.cells)).toEqual(expected.map((r) => [
      formatRate(r.rate), formatRate(r.prefRate), formatSigned(r.gapPrefRate), formatSigned(r.gapPrefPoints),
    ]))
    const gaps = shown.map((r) => rowOf(r.key).gapPrefRate).filter((g): g is number => g !== null)
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b))
  })

  it('clicking a radar axis name drills into that goal', async () => {
    const { page } = session
    await visit(`#/?${SEL}&anim=0`)
    const ink = await waitForInk('radar-doryoku')
    const chartBox = panel('radar-doryoku').locator('.chart-box')
    await chartBox.scrollIntoViewIfNeeded() // mouse clicks do not scroll
    const box = await chartBox.boundingBox()
    if (!box) throw new Error('no chart box')
    // The radar's geometry (radarOption.ts): centre 50 %/47 %, radius 72 % of half the shorter
    // side, goal I at the top, clockwise, names 10 px beyond the axis end. Goal II is the second
    // axis: on the right, its name wrapped onto two lines centred on the axis.
    expect(ink.box.width).toBeGreaterThan(ink.box.height)
    const cx = box.x + box.width / 2
    const cy = box.y + box.height * 0.47
    const r = (0.72 * Math.min(box.width, box.height)) / 2
    const at = { x: cx + r + 10 + 20, y: cy + 8 }
    await page.mouse.move(at.x, at.y)
    // ECharts shows a pointer over an axis name that triggers events: proof we are on the label
    await expect.poll(() => chartBox.evaluate((el) => getComputedStyle(el.querySelector('.echarts-host > div') ?? el).cursor)).toBe('pointer')
    await page.mouse.click(at.x, at.y)
    await page.waitForURL(/#\/goal\/doryoku\/II\b/, { timeout: 10_000 })
    await page.getByTestId('goal-view').waitFor()
    expect(new URL(page.url().replace('#/', '')).searchParams.get('m')).toBe(TOME)
    expect(await page.getByTestId('goal-view').locator('h1').innerText()).toContain('目標II')
    // the drill-down shows the same group figures as the domain
    const structure = rowOf('doryoku/II/structure')
    expect(await page.getByTestId('group-structure').innerText()).toContain(`${formatPoints(structure.score)}点（${formatRate(structure.rate)}）`)
  })

  it('a chart hidden behind its table is resized to its box when shown again', async () => {
    const { page } = session
    await page.setViewportSize(VIEWPORT)
    await visit(`#/?${SEL}&anim=0`)
    const before = await waitForInk('radar-doryoku')
    const toggle = panel('radar-doryoku').getByTestId('toggle-table')
    await toggle.click()
    await page.getByTestId('table-radar-doryoku').waitFor()
    // narrower window: the two radars stack, so each box gets wider
    await page.setViewportSize({ width: 900, height: 800 })
    await page.waitForTimeout(200)
    await toggle.click()
    await page.getByTestId('table-radar-doryoku').waitFor({ state: 'detached' })
    await expect.poll(async () => {
      const ink = await readInk('radar-doryoku')
      return ink ? [Math.round(ink.canvas.cssWidth) - ink.box.width, ink.canvas.width - ink.box.width] : null
    }, { timeout: 5000 }).toEqual([0, 0])
    const after = await waitForInk('radar-doryoku')
    expect(after.box.width).toBeGreaterThan(before.box.width + 100)
    expect(after.canvas.width).toBe(after.box.width)
    await page.setViewportSize(VIEWPORT)
  })

  it('screenshots of 概要, 比較, 推移, the drill-down and the dense variants at 1280×800 and 1920×1080', async () => {
    const { page } = session
    await mkdir(SCREENSHOT_DIR, { recursive: true })
    const views: { name: string; hash: string; charts: ChartId[]; ready?: string }[] = [
      { name: 'overview', hash: `#/?${SEL}&anim=0`, charts: ['radar-suishin', 'radar-doryoku'] },
      { name: 'compare', hash: `#/compare?${SEL}&anim=0`, charts: ['gap'] },
      { name: 'trend', hash: `#/trend?${SEL}&anim=0`, charts: ['trend-suishin', 'trend-doryoku'] },
      { name: 'goal-doryoku-II', hash: `#/goal/doryoku/II?${SEL}`, charts: [], ready: 'goal-view' },
      // the densest variants: seven radar axes, and the trend with a line per goal
      { name: 'chart-radar-doryoku-groups', hash: `#/chart/radar-doryoku?${SEL}&axes=groups&anim=0`, charts: ['radar-doryoku'] },
      { name: 'trend-goals', hash: `#/trend?${SEL}&detail=goals&anim=0`, charts: ['trend-suishin', 'trend-doryoku'] },
    ]
    for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size)
      for (const v of views) {
        await visit(v.hash)
        for (const id of v.charts) await waitForInk(id)
        if (v.ready) await page.getByTestId(v.ready).waitFor()
        await page.waitForTimeout(150)
        await page.screenshot({ path: join(SCREENSHOT_DIR, `charts-${size.width}x${size.height}-${v.name}.png`), fullPage: true, animations: 'disabled' })
      }
    }
    await page.setViewportSize(VIEWPORT)
  })

  it('no request left the app origin', () => {
    expect(session.requests.length).toBeGreaterThan(0)
    const foreign = session.requests.filter(
      (url) => !(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')),
    )
    expect(foreign).toEqual([])
  })

  it('no console error or warning and no page error', () => {
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

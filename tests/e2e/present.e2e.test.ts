/**
 * Meeting mode in real Chromium against the production build: the deck opens on the example,
 * keys move between slides and the URL keeps the slide, the slide choice survives a reload,
 * the PowerPoint file downloads as a valid zip with one slide XML per slide and the captions in
 * it, the print layout gives one A4 landscape page per slide, Esc leaves to the overview, and
 * nothing leaves the app's origin. Screenshots at 1280×800 and 1920×1080 go to test-results/e2e/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { datasetGapRows, gapCaption, radarCaption, weakestAreas, weakestCaption } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { launchBrowser, SCREENSHOT_DIR, type BrowserSession } from './browser'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin
const TOME = '04212'
const ds2025 = exampleDatasets().find((d) => d.fiscalYear === 2025)
if (!ds2025) throw new Error('example FY2025 missing')
const rows = datasetGapRows(ds2025)
/** title, 2 radars, gap, weakest, 2 trends */
const SLIDES = 7

let session: BrowserSession

/** the slide on screen (the print deck holds every slide too, hidden) */
const onScreen = () => session.page.locator('.present-main')
const slideNumber = async (): Promise<string> => (await onScreen().getByTestId('slide-number').innerText()).trim()
const slideQuery = (): string | null => new URL(session.page.url().replace('#/', '')).searchParams.get('slide')

/** Adopted style sheets holding the deck's default A4 landscape page rule. */
const deckPageRules = (page: Page): Promise<number> => page.evaluate(() => document.adoptedStyleSheets
  .filter((sheet) => [...sheet.cssRules].some((r) => r instanceof CSSPageRule && r.style.getPropertyValue('size').includes('landscape'))).length)

async function openDeck(query = `m=${TOME}&y=2025`): Promise<void> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}#/present?${query}`)
  await onScreen().getByTestId('slide-number').waitFor({ timeout: 30_000 })
}

async function shot(name: string, settleMs = 600): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await session.page.waitForTimeout(settleMs)
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await session.page.screenshot({ path, animations: 'disabled' })
  return path
}

/** Non-transparent pixels in the slide's chart canvas (0 when there is none). */
async function inkedChartPixels(): Promise<number> {
  return session.page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('.present-main canvas')
    const ctx = c?.getContext('2d')
    if (!c || !ctx || c.width === 0) return 0
    const data = ctx.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++
    return n
  })
}

beforeAll(async () => {
  session = await launchBrowser()
})

afterAll(async () => {
  await session?.close()
})

describe('meeting mode in Chromium', () => {
  it('opens the deck of 登米市 令和7年度 with the slide chooser, title slide first', async () => {
    const { page } = session
    await openDeck()
    expect(await slideNumber()).toBe(`1 / ${SLIDES}`)
    const slide = (await page.locator('.present-main .deck-slide').innerText()).replace(/\s+/g, '')
    expect(slide).toContain('登米市（宮城県）')
    expect(slide).toContain('令和7年度(2025)')
    expect(slide).toContain('246')
    expect(slide).toContain('4位／35')
    expect(slide).toContain('出典：')
    await expect.poll(() => page.getByTestId('slide-chooser').locator('li').count()).toBe(SLIDES)
    await shot('present-01-chooser-1280')
  })

  it('keys move between slides, the number and the URL follow', async () => {
    const { page } = session
    await page.getByTestId('chooser-close').click()
    await page.keyboard.press('ArrowRight')
    await expect.poll(slideNumber).toBe(`2 / ${SLIDES}`)
    expect(slideQuery()).toBe('2')
    await page.keyboard.press(' ')
    await expect.poll(slideNumber).toBe(`3 / ${SLIDES}`)
    await page.keyboard.press('Shift+ ')
    await expect.poll(slideNumber).toBe(`2 / ${SLIDES}`)
    await page.keyboard.press('PageDown')
    await expect.poll(slideNumber).toBe(`3 / ${SLIDES}`)
    await page.keyboard.press('End')
    await expect.poll(slideNumber).toBe(`${SLIDES} / ${SLIDES}`)
    await page.keyboard.press('ArrowRight') // stays on the last
    await expect.poll(slideNumber).toBe(`${SLIDES} / ${SLIDES}`)
    await page.keyboard.press('Home')
    await expect.poll(slideNumber).toBe(`1 / ${SLIDES}`)
    await page.keyboard.press('PageUp') // stays on the first
    expect(await slideNumber()).toBe(`1 / ${SLIDES}`)
  })

  it('every slide at 1280×800 and 1920×1080: captions from the domain, charts drawn', async () => {
    const { page } = session
    const captions: string[] = []
    for (const [w, h] of [[1280, 800], [1920, 1080]] as const) {
      await page.setViewportSize({ width: w, height: h })
      await page.keyboard.press('Home')
      for (let i = 1; i <= SLIDES; i++) {
        await expect.poll(slideNumber).toBe(`${i} / ${SLIDES}`)
        const id = await page.locator('.present-main .deck-slide').getAttribute('data-slide-id')
        if (id?.startsWith('radar') || id === 'gap' || id?.startsWith('trend')) {
          await expect.poll(inkedChartPixels, { timeout: 10_000 }).toBeGreaterThan(5000)
        }
        if (w === 1280) captions.push((await onScreen().getByTestId('slide-caption').innerText()).trim())
        await shot(`present-02-slide${i}-${id}-${w}`, 300)
        await page.keyboard.press('ArrowRight')
      }
    }
    expect(captions).toContain(radarCaption(rows, 'doryoku'))
    expect(captions).toContain(gapCaption(rows))
    expect(captions).toContain(weakestCaption(weakestAreas(ds2025)))
    expect(captions).toContain('認知症総合支援は全国平均を26.5点下回り、最大の課題です')
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('the cursor and the toolbar hide after about 2 s without pointer movement, and come back', async () => {
    const { page } = session
    const cursor = (): Promise<string> => page.locator('.present-main').evaluate((el) => getComputedStyle(el).cursor)
    await page.mouse.move(640, 300)
    await page.mouse.move(660, 320)
    expect(await cursor()).not.toBe('none')
    await shot('present-04-toolbar-1280', 200)
    await expect.poll(cursor, { timeout: 5000 }).toBe('none')
    await expect.poll(() => page.locator('.present-toolbar').evaluate((el) => getComputedStyle(el).opacity)).toBe('0')
    await page.mouse.move(700, 340)
    await expect.poll(cursor).not.toBe('none')
  })

  it('a reload keeps the slide from the URL', async () => {
    const { page } = session
    await openDeck(`m=${TOME}&y=2025&slide=4`)
    expect(await slideNumber()).toBe(`4 / ${SLIDES}`)
    expect(await page.getByTestId('slide-chooser').count()).toBe(0) // arriving on a slide: presenting, no panel
  })

  it('the slide choice is saved for the municipality and restored after a reload', async () => {
    const { page } = session
    await openDeck()
    await page.getByTestId('include-gap').uncheck()
    await expect.poll(slideNumber).toBe(`1 / ${SLIDES - 1}`)
    // move 「課題の大きい目標」 to second place with the keyboard
    const up = page.locator('[data-move="weakest:-1"]')
    await up.focus()
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    await page.keyboard.press('Enter')
    const order = async (): Promise<string[]> => page.getByTestId('slide-chooser').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))
    await expect.poll(order).toEqual(['choice-title', 'choice-weakest', 'choice-radar-suishin', 'choice-radar-doryoku', 'choice-gap', 'choice-trend-suishin', 'choice-trend-doryoku'])
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-move'))).toBe('weakest:-1') // focus stayed on the moved slide
    await shot('present-03-choice')

    await page.reload()
    await onScreen().getByTestId('slide-number').waitFor()
    await expect.poll(order).toEqual(['choice-title', 'choice-weakest', 'choice-radar-suishin', 'choice-radar-doryoku', 'choice-gap', 'choice-trend-suishin', 'choice-trend-doryoku'])
    expect(await page.getByTestId('include-gap').isChecked()).toBe(false)
    expect(await slideNumber()).toBe(`1 / ${SLIDES - 1}`)
    await page.keyboard.press('ArrowRight')
    await expect.poll(async () => page.locator('.present-main .deck-slide').getAttribute('data-slide-id')).toBe('weakest')

    await page.getByTestId('choice-reset').click()
    await expect.poll(slideNumber).toBe(`2 / ${SLIDES}`)
  })

  it('PowerPoint: a valid .pptx downloads, one slide XML per slide, captions as text, charts as PNG', async () => {
    const { page } = session
    await openDeck()
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pptx').click()])
    expect(download.suggestedFilename()).toBe('登米市_2025_会議資料.pptx')
    expect(download.url()).toMatch(/^blob:/)
    const path = await download.path()
    const bytes = new Uint8Array(await readFile(path))
    await writeFile(join(SCREENSHOT_DIR, 'present-deck.pptx'), bytes)
    const zip = unzipSync(bytes)
    const slideFiles = Object.keys(zip).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    expect(slideFiles).toHaveLength(SLIDES)
    expect(zip['[Content_Types].xml']).toBeDefined()
    const xml = slideFiles.sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0])).map((f) => strFromU8(zip[f] ?? new Uint8Array()))
    const all = xml.join('\n')
    expect(all).toContain('認知症総合支援は全国平均を26.5点下回り、最大の課題です')
    expect(all).toContain(gapCaption(rows))
    expect(xml[0]).toContain('登米市（宮城県）')
    expect(all).toContain('出典：')
    const pngs = Object.keys(zip).filter((f) => /^ppt\/media\/.+\.png$/.test(f))
    expect(pngs.length).toBe(5) // two radars, the gap chart, two trends
    const png = zip[pngs[0] ?? ''] ?? new Uint8Array()
    // 2× the chart area (1776 × 660): the PNG header's width and height
    const view = new DataView(png.buffer, png.byteOffset)
    expect(view.getUint32(16)).toBe(3552)
    expect(view.getUint32(20)).toBe(1320)
    await expect.poll(async () => page.getByTestId('export-status').innerText()).toContain('保存しました')
  })

  it('print: one A4 landscape page per slide, chrome hidden', async () => {
    const { page } = session
    await page.getByTestId('print-deck').and(page.locator('[data-print-ready="true"]')).waitFor({ state: 'attached', timeout: 60_000 })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const pdfPath = join(SCREENSHOT_DIR, 'present-deck.pdf')
    await writeFile(pdfPath, pdf)
    const text = pdf.toString('latin1')
    const pages = text.match(/\/Type\s*\/Page(?!s)/g) ?? []
    expect(pages).toHaveLength(SLIDES)
    // every page A4 landscape, in points: 841.89 × 595.28
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    expect(boxes).toHaveLength(SLIDES)
    for (const b of boxes) {
      expect(Math.abs(Number(b[1]) - 841.9)).toBeLessThan(1)
      expect(Math.abs(Number(b[2]) - 595.3)).toBeLessThan(1)
    }
    // Render page 1 and 5 where poppler is installed (optional: CI need not have it).
    if (existsSync('/usr/bin/pdftoppm')) {
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdfPath, join(SCREENSHOT_DIR, 'present-pdf-page')])
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '5', '-l', '5', pdfPath, join(SCREENSHOT_DIR, 'present-pdf-page')])
    }
  })

  it('F asks for full screen where the browser allows it; the deck works either way', async () => {
    const { page } = session
    await openDeck(`m=${TOME}&y=2025&slide=2`)
    await page.keyboard.press('f')
    await page.waitForTimeout(300)
    const fs = await page.evaluate(() => ({ enabled: document.fullscreenEnabled, on: document.fullscreenElement !== null }))
    if (fs.enabled) expect(fs.on).toBe(true)
    await page.keyboard.press('ArrowRight')
    await expect.poll(slideNumber).toBe(`3 / ${SLIDES}`)
    await page.keyboard.press('f')
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true)
    await expect.poll(slideNumber).toBe(`3 / ${SLIDES}`) // leaving full screen by F stays in the deck
  })

  it('printing other views keeps the browser default page: the deck\'s page rule leaves with it', async () => {
    const { page } = session
    expect(await deckPageRules(page)).toBe(1)
  })

  it('Esc leaves the presentation for the overview, keeping the municipality and year', async () => {
    const { page } = session
    await page.keyboard.press('Escape')
    await page.getByTestId('dashboard').waitFor({ timeout: 15_000 })
    const url = new URL(page.url().replace('#/', ''))
    expect(url.pathname.endsWith('/')).toBe(true)
    expect(url.searchParams.get('m')).toBe(TOME)
    expect(url.searchParams.get('y')).toBe('2025')
    expect(url.searchParams.get('slide')).toBeNull()
    expect(await page.getByTestId('present').count()).toBe(0)
    expect(await deckPageRules(page)).toBe(0)
  })

  it('no request left the app origin, and no console error or page error', () => {
    const foreign = session.requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith('data:') || u.startsWith('blob:')))
    expect(foreign).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

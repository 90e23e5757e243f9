/**
 * The 報告書 view in real Chromium against the production build, on a fresh on-disk profile: the
 * draft of 登米市 令和7年度 opens from the nav with the published figures, an edit survives a
 * reload (IndexedDB `reports`), the Word file downloads as a valid zip whose document.xml parses
 * in the browser's XML parser and holds the table and the edited text, the print PDF is A4
 * portrait with the whole 評価結果 table on one page, and a hostile municipality name and report
 * text stay text. Screenshots at 1366×768 and the PDF pages as PNG go to test-results/e2e/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { unzipSync, strFromU8 } from 'fflate'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildReport, evaluationFigures } from '@/domain/report'
import { exampleDatasets } from '@/data/example'
import { launchBrowser, SCREENSHOT_DIR, type BrowserSession } from './browser'
import { DB_NAME } from './idb'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin
const TOME = '04212'
const XSS = '<img src=x onerror=alert(1)>&"\''
const EDIT = `本市は認知症初期集中支援の体制を見直します。${XSS}`
const all = exampleDatasets()
const expected = buildReport({ dataset: all.find((d) => d.fiscalYear === 2025)!, history: all, body: null })

let session: BrowserSession

async function shot(name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await session.page.waitForTimeout(400)
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await session.page.screenshot({ path, animations: 'disabled' })
  return path
}

async function openReport(query = `m=${TOME}&y=2025`): Promise<void> {
  const { page } = session
  await page.goto(`${baseUrl}#/report?${query}`)
  await page.getByTestId('report-table').waitFor({ timeout: 30_000 })
}

/** The `reports` store as stored. */
async function storedReports(): Promise<{ code: string; fiscalYear: number; body: unknown }[]> {
  return session.page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error) })
    try {
      return await new Promise((ok, fail) => {
        const req = db.transaction('reports', 'readonly').objectStore('reports').getAll()
        req.onsuccess = () => ok(req.result as { code: string; fiscalYear: number; body: unknown }[])
        req.onerror = () => fail(req.error)
      })
    } finally { db.close() }
  }, DB_NAME)
}

/** Renames every stored dataset of a municipality behind the app's back. */
async function renameMunicipality(code: string, name: string): Promise<void> {
  await session.page.evaluate(async ({ dbName, code, name }) => {
    const db = await new Promise<IDBDatabase>((ok, fail) => { const r = indexedDB.open(dbName); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error) })
    try {
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction('datasets', 'readwrite')
        const req = tx.objectStore('datasets').openCursor()
        req.onsuccess = () => {
          const c = req.result
          if (!c) return
          const rec = c.value as { code: string; data: { municipality: { name: string } } }
          if (rec.code === code) { rec.data.municipality.name = name; c.update(rec) }
          c.continue()
        }
        tx.oncomplete = () => ok()
        tx.onerror = () => fail(tx.error)
      })
    } finally { db.close() }
  }, { dbName: DB_NAME, code, name })
}

/** Downloads the .docx and returns its document.xml, checked by Chromium's XML parser. */
async function downloadDocx(name: string): Promise<{ xml: string; cells: string[][]; text: string; file: string }> {
  const { page } = session
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('report-docx').click()])
  expect(download.url()).toMatch(/^blob:/)
  const bytes = new Uint8Array(await readFile(await download.path()))
  const path = join(SCREENSHOT_DIR, name)
  await writeFile(path, bytes)
  const zip = unzipSync(bytes)
  expect(zip['[Content_Types].xml']).toBeDefined()
  const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array())
  const parsed = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'application/xml')
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
    const text = (el: Element): string => [...el.getElementsByTagNameNS(W, 't')].map((t) => t.textContent ?? '').join('')
    const table = doc.getElementsByTagNameNS(W, 'tbl')[0]
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      cells: table ? [...table.getElementsByTagNameNS(W, 'tr')].map((tr) => [...tr.getElementsByTagNameNS(W, 'tc')].map(text)) : [],
      text: text(doc.documentElement),
      injected: doc.getElementsByTagName('img').length,
    }
  }, xml)
  expect(parsed.errors).toBe(0)
  expect(parsed.injected).toBe(0)
  return { xml, cells: parsed.cells, text: parsed.text, file: download.suggestedFilename() }
}

beforeAll(async () => {
  session = await launchBrowser()
  await session.page.setViewportSize({ width: 1366, height: 768 })
})
afterAll(async () => { await session?.close() })

describe('報告書 in Chromium', () => {
  it('opens from the nav, keeping 登米市 令和7年度, with the published figures', async () => {
    const { page } = session
    await page.goto(`${baseUrl}#/?m=${TOME}&y=2025`)
    await page.getByTestId('nav-report').click()
    await page.getByTestId('report-table').waitFor({ timeout: 30_000 })
    const url = new URL(page.url().replace('#/', ''))
    expect(url.pathname.endsWith('/report')).toBe(true)
    expect([url.searchParams.get('m'), url.searchParams.get('y')]).toEqual([TOME, '2025'])
    expect(await page.getByTestId('report-title').innerText()).toBe(expected.title)
    const goal2 = await page.locator('[data-row="goal/II"] td').allInnerTexts()
    expect(goal2.slice(6)).toEqual(['6', '100', '20', '20.0%', '46.4', '46.5'])
    const nat = await page.locator('[data-row="nat"] td').allInnerTexts()
    expect(nat).toEqual(evaluationFigures(expected.table.rows.find((r) => r.key === 'nat')!))
    expect(await page.getByTestId('report-notes').innerText()).toContain('※小数点以下調整あり')
    expect(await page.getByTestId('report-analysis').innerText()).toContain(expected.analysis[2]?.text)
    await page.getByTestId('report-radars').locator('img').nth(1).waitFor({ timeout: 20_000 })
    await shot('report-01-top-1366')
    await page.getByTestId('report-results').scrollIntoViewIfNeeded()
    await shot('report-02-table-1366')
    await page.getByTestId('report-section-direction').scrollIntoViewIfNeeded()
    await shot('report-03-direction-1366')
  })

  it('an edit of 今後の方向性 and the announcement date are saved and survive a reload', async () => {
    const { page } = session
    await page.getByTestId('report-text-direction').fill(EDIT)
    await page.getByTestId('report-date').fill('令和7年4月1日')
    await expect.poll(() => page.getByTestId('report-save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved')
    expect(await storedReports()).toEqual([{ code: TOME, fiscalYear: 2025, updatedAt: expect.any(String) as string, body: { version: 1, announcementDate: '令和7年4月1日', texts: { purpose: null, overview: null, direction: EDIT } } }])
    await page.reload()
    await page.getByTestId('report-table').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('report-text-direction').inputValue()).toBe(EDIT)
    expect(await page.getByTestId('report-text-purpose').inputValue()).toContain('令和7年4月1日付で国から')
    expect(await page.getByTestId('report-section-direction').getByText('編集済み').count()).toBe(1)
    // another year has its own (empty) edits
    await openReport(`m=${TOME}&y=2024`)
    expect(await page.getByTestId('report-text-direction').inputValue()).not.toContain('初期集中支援の体制を見直します')
  })

  it('Word: a valid .docx with the table, the figures and the edited text', async () => {
    await openReport()
    const { cells, text, file } = await downloadDocx('report.docx')
    expect(file).toBe('登米市_2025_評価結果報告書.docx')
    const goal2 = cells.find((r) => r[0]?.startsWith('目標II'))
    expect(goal2?.slice(7)).toEqual(['6', '100', '20', '20.0%', '46.4', '46.5'])
    expect(cells.find((r) => r[0] === '全国平均点')?.slice(1)).toEqual(evaluationFigures(expected.table.rows.find((r) => r.key === 'nat')!))
    expect(text).toContain(EDIT)
    expect(text).toContain('令和7年4月1日付で国から')
    await expect.poll(() => session.page.getByTestId('report-export-status').innerText()).toContain('保存しました')
  })

  it('print: A4 portrait, the 評価結果 table with its notes and amounts on one page, no controls', async () => {
    const { page } = session
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const pdfPath = join(SCREENSHOT_DIR, 'report.pdf')
    await writeFile(pdfPath, pdf)
    const raw = pdf.toString('latin1')
    const boxes = [...raw.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    expect(boxes.length).toBeGreaterThan(1)
    for (const b of boxes) {
      expect(Math.abs(Number(b[1]) - 595.3)).toBeLessThan(1)
      expect(Math.abs(Number(b[2]) - 841.9)).toBeLessThan(1)
    }
    // poppler, where installed (not needed in CI): the page text and a PNG of every page to look at
    if (existsSync('/usr/bin/pdftotext')) {
      const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-']).toString('utf8').split('\f')
      const withTable = pages.filter((p) => p.includes('評価指標内容'))
      expect(withTable).toHaveLength(1)
      for (const s of ['目標II', '全国平均点', '【参考：令和5年度】', '【参考：令和6年度】', '※小数点以下調整あり', '7,081,000円', '5位/35市町村']) expect(withTable[0]).toContain(s)
      expect(pages.join('')).not.toContain('Word（.docx）で保存')
      expect(pages.join('')).toContain(EDIT)
      execFileSync('pdftoppm', ['-png', '-r', '70', pdfPath, join(SCREENSHOT_DIR, 'report-pdf-page')])
    }
  })

  it('a hostile municipality name and report text stay text, on screen and in the .docx', async () => {
    const { page } = session
    await renameMunicipality(TOME, XSS)
    await page.reload()
    await page.getByTestId('report-table').waitFor({ timeout: 30_000 })
    expect(await page.locator('.report-who').innerText()).toBe(`${XSS}（宮城県）`)
    expect(await page.locator('.report-view img:not([src^="data:image/png"])').count()).toBe(0)
    const { text, file } = await downloadDocx('report-hostile.docx')
    expect(file).not.toMatch(/[<>"]/)
    expect(text).toContain(`${XSS}（宮城県）`)
    expect(text).toContain(EDIT)
  })

  it('no request left the app origin, no console error, no page error, no alert', () => {
    const foreign = session.requests.filter((u) => !(u.startsWith(`${origin}/`) || u.startsWith('data:') || u.startsWith('blob:')))
    expect(foreign).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

/**
 * The single file (npm run build:single → dist-single/incentive-lens.html) as a manager uses it:
 * copied into a folder whose path has Japanese and a space, opened over file:// in Chromium with a
 * fresh on-disk profile at 1366×768. The dashboard draws the example; every view opens; a CSV, a
 * Shift_JIS CSV, an .xlsx and a national workbook read through データ (the CSV in the inline
 * worker), two of them saved; a backup is written and read back; the browser is closed and
 * reopened and the data is still there; a PNG, a .pptx and the printed deck come out. The page's
 * Content-Security-Policy is in force throughout (a violation is a console error, which fails the
 * last test), and no request is made but the file itself, data: and blob:.
 *
 * Needs both builds: dist/ for the global setup's preview server, dist-single/ for this file.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { strFromU8, unzipSync } from 'fflate'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateMhlwWorkbook } from '../support/mhlwGenerator'
import { OFFICE_VIEWPORT, SCREENSHOT_DIR, inkedPixels, launchBrowser, screenshot, waitForDashboard, type BrowserSession } from './browser'
import { readDatasetRecords, readDatasets } from './idb'

/** a national workbook in the real 令和7年度 layout (32 municipalities, two 広域連合 with their members) */
const NATIONAL = generateMhlwWorkbook({ fiscalYear: 2025, size: 'small', seed: 1 })
const MUNIS = NATIONAL.truth.municipalities

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BUILT = join(root, 'dist-single/incentive-lens.html')
if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build:single first (npm run test:e2e does)`)
const fixture = (path: string) => join(root, 'tests/fixtures', path)
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }

const TOME = '04212'
const KURIHARA = '04213'

let folder: string
let fileUrl: string
let session: BrowserSession

/** A fresh document at the given route of the file. */
async function visit(hash: string): Promise<Page> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${fileUrl}${hash}`)
  return page
}

const text = async (testid: string): Promise<string> =>
  (await session.page.getByTestId(testid).innerText()).replace(/\s+/g, ' ').trim()

/** Non-transparent pixels of each canvas inside the element with this test id. */
const inkedIn = (testid: string): Promise<number[]> => inkedPixels(session.page.getByTestId(testid).locator('canvas'))

/** Picks a file in データ and waits for its preview. */
async function preview(path: string): Promise<void> {
  const { page } = session
  await page.getByTestId('import-file').setInputFiles(path)
  const name = path.split('/').pop() ?? path
  await page.getByTestId('import-preview').filter({ hasText: `取り込む内容の確認：${name}` }).waitFor({ timeout: 30_000 })
}

async function downloadFrom(click: () => Promise<void>, keepAs: string): Promise<{ name: string; bytes: Buffer; path: string }> {
  const [dl] = await Promise.all([session.page.waitForEvent('download', { timeout: 60_000 }) as Promise<Download>, click()])
  expect(dl.url()).toMatch(/^blob:/)
  const bytes = await readFile(await dl.path())
  const path = join(SCREENSHOT_DIR, keepAs)
  await writeFile(path, bytes)
  return { name: dl.suggestedFilename(), bytes, path }
}

/** Requests other than the copies of the file (any route of them), data: and blob:. */
function foreignRequests(): string[] {
  const copies = [fileUrl, pathToFileURL(join(folder, '..', '移した先', 'incentive-lens.html')).href]
  return session.requests.filter((u) => !(copies.includes(u.split('#')[0] ?? '') || u.startsWith('data:') || u.startsWith('blob:')))
}

beforeAll(async () => {
  // where a manager might put it: a shared folder with Japanese in its name and a space
  folder = join(await mkdtemp(join(tmpdir(), 'incentive-lens-file-')), '介護保険課 共有')
  await mkdir(folder, { recursive: true })
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const placed = join(folder, 'incentive-lens.html')
  await copyFile(BUILT, placed)
  fileUrl = pathToFileURL(placed).href
  session = await launchBrowser({ viewport: OFFICE_VIEWPORT })
})

afterAll(async () => {
  await session?.close()
  if (folder) await rm(resolve(folder, '..'), { recursive: true, force: true })
})

describe('the single file over file://', () => {
  it('opens by its file:// URL and draws the example on the dashboard, with the version in the footer', async () => {
    const page = await visit('')
    await waitForDashboard(page)
    expect(page.url().startsWith('file:///')).toBe(true)
    expect(await text('municipality-name')).toBe('登米市')
    expect(await text('grant-suishin')).toMatch(/246\s*[/／]\s*400/)
    await expect.poll(async () => Math.max(0, ...(await inkedIn('dashboard'))), { timeout: 10_000 }).toBeGreaterThan(1000)
    expect(await text('app-version')).toMatch(new RegExp(`^incentive-lens ${pkg.version.replace(/\./g, '\\.')}（\\d{4}-\\d{2}-\\d{2} 版）$`))
    const stored = await readDatasets(page)
    expect(stored?.records.map((r) => `${r.code}:${r.fiscalYear}`)).toEqual([`${TOME}:2023`, `${TOME}:2024`, `${TOME}:2025`])
    await screenshot(page, 'file-01-dashboard')
    await screenshot(page, 'file-01-dashboard-full', { fullPage: true, settleMs: 0 })
  })

  const VIEWS: { hash: string; testid: string; shot: string }[] = [
    { hash: '#/compare', testid: 'compare-view', shot: 'file-02-compare' },
    { hash: '#/trend', testid: 'trend-view', shot: 'file-03-trend' },
    { hash: '#/goal/doryoku/II', testid: 'goal-view', shot: 'file-04-goal' },
    { hash: '#/simulate', testid: 'simulator', shot: 'file-05-simulate' },
    { hash: '#/data', testid: 'data-view', shot: 'file-06-data' },
    { hash: '#/present', testid: 'present', shot: 'file-07-present' },
    { hash: '#/chart/radar-doryoku', testid: 'chart-view-radar-doryoku', shot: 'file-08-chart' },
  ]

  it('every view opens, its lazily loaded parts coming from inside the file', async () => {
    for (const v of VIEWS) {
      const page = await visit(`${v.hash}?m=${TOME}&y=2025`)
      await page.getByTestId(v.testid).waitFor({ timeout: 30_000 })
      expect((await text(v.testid)).length, v.hash).toBeGreaterThan(20)
      await screenshot(page, v.shot)
    }
    // the bar and line charts (a lazily loaded part) draw too
    await visit(`#/trend?m=${TOME}&y=2025`)
    await expect.poll(async () => Math.max(0, ...(await inkedIn('trend-view'))), { timeout: 15_000 }).toBeGreaterThan(1000)
  })

  it('imports a CSV through データ in the inline worker, and saves it', async () => {
    const page = await visit('#/data')
    await page.getByTestId('data-view').waitFor()
    await expect.poll(() => text('db-status')).toMatch(/\d+件のデータ/)
    const blobsBefore = session.requests.filter((u) => u.startsWith('blob:')).length
    await preview(fixture('csv/valid-two-municipalities.csv'))
    // the CSV worker started from a blob: URL inside the file (not the main-thread fallback)
    expect(session.requests.filter((u) => u.startsWith('blob:')).length).toBeGreaterThan(blobsBefore)
    expect(await text('preview-municipalities')).toBe('2')
    expect(await text('preview-counts')).toMatch(/^0件／/)
    await screenshot(page, 'file-09-import-csv', { settleMs: 200 })
    await page.getByTestId('import-commit').click()
    await expect.poll(() => text('import-message'), { timeout: 15_000 }).toContain('2件を追加')
    expect(await page.getByTestId('select-municipality').locator('option').allInnerTexts()).toContain('栗原市（宮城県・04213）')
  })

  it('reads a Shift_JIS CSV and an .xlsx in this app\'s format (previewed, not saved)', async () => {
    const page = session.page
    await preview(fixture('csv/shift-jis.csv'))
    expect(await text('preview-counts')).toMatch(/^0件／/)
    expect(await text('import-preview')).toContain('登米市')
    await page.getByTestId('import-cancel').click()
    await preview(fixture('xlsx/long-tome.xlsx'))
    expect(await text('preview-counts')).toMatch(/^0件／/)
    expect(await text('preview-municipalities')).toBe('1')
    await page.getByTestId('import-cancel').click()
    await page.getByTestId('import-preview').waitFor({ state: 'detached' })
  })

  it('imports a national workbook (厚生労働省 評価結果（市町村分）) and saves its municipalities', async () => {
    const page = session.page
    const workbook = join(folder, '（掲載用）令和7年度評価結果（市町村分）.xlsx')
    await writeFile(workbook, NATIONAL.toXlsx())
    await preview(workbook)
    expect(await text('import-preview')).toContain('Excel（厚生労働省 評価結果（市町村分））')
    expect(await text('preview-municipalities')).toBe(String(MUNIS.length))
    expect(await text('preview-counts')).toMatch(/^0件／/)
    await page.getByTestId('import-commit').click()
    // 登米市 2025 is the example's: kept by default
    await expect.poll(() => text('import-message'), { timeout: 15_000 }).toContain(`${MUNIS.length - 1}件を追加`)
    const names = await page.getByTestId('select-municipality').locator('option').allInnerTexts()
    for (const m of MUNIS) expect(names.some((n) => n.startsWith(`${m.name}（`)), m.name).toBe(true)
    await screenshot(page, 'file-10-after-workbook', { settleMs: 200 })
  })

  it('writes a backup and reads it back', async () => {
    const page = session.page
    const stored = await readDatasetRecords(page)
    expect(stored.length).toBe(3 + 2 + MUNIS.length - 1)
    const backup = await downloadFrom(() => page.getByTestId('export-backup').click(), 'file-backup.json')
    expect(backup.name).toMatch(/^incentive-lens-backup_\d{4}-\d{2}-\d{2}\.json$/)
    const doc = JSON.parse(backup.bytes.toString('utf8')) as { app: string; datasets: unknown[] }
    expect([doc.app, doc.datasets.length]).toEqual(['incentive-lens', stored.length])
    await preview(backup.path)
    expect(await text('import-preview')).toContain('バックアップ（JSON）')
    expect(await text('preview-counts')).toMatch(/^0件／/)
    await page.getByTestId('import-cancel').click()
  })

  it('closing and reopening the browser keeps everything', async () => {
    const before = (await readDatasetRecords(session.page)).map((r) => `${r.code}:${r.fiscalYear}`).sort()
    await session.relaunch()
    const page = await visit(`#/?m=${KURIHARA}&y=2025`)
    await waitForDashboard(page)
    expect(await text('municipality-name')).toBe('栗原市')
    expect((await readDatasetRecords(page)).map((r) => `${r.code}:${r.fiscalYear}`).sort()).toEqual(before)
    const names = await page.getByTestId('select-municipality').locator('option').allInnerTexts()
    const other = MUNIS.find((m) => m.union !== null)!
    expect(names).toContain(`${other.name}（${other.prefecture}・${other.code5}）`)
    await screenshot(page, 'file-11-reopened-kurihara')

    // a copy of the file in another folder finds the same data (all file:// pages share one IndexedDB)
    const moved = join(folder, '..', '移した先', 'incentive-lens.html')
    await mkdir(join(moved, '..'), { recursive: true })
    await copyFile(BUILT, moved)
    await page.goto('about:blank')
    await page.goto(`${pathToFileURL(moved).href}#/?m=${KURIHARA}&y=2025`)
    await waitForDashboard(page)
    expect(await text('municipality-name')).toBe('栗原市')
    expect((await readDatasetRecords(page)).length).toBe(before.length)
    await page.goto('about:blank')
  })

  it('saves a chart as PNG', async () => {
    const page = await visit(`#/?m=${TOME}&y=2025`)
    await waitForDashboard(page)
    const png = await downloadFrom(() => page.getByTestId('panel-radar-doryoku').getByTestId('export-png').click(), 'file-radar.png')
    expect(png.name).toBe(`登米市_2025_radar-doryoku.png`)
    expect(png.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true)
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(500) // IHDR width: 2× the chart
  })

  it('writes the meeting deck as PowerPoint and prints it', async () => {
    const page = await visit(`#/present?m=${TOME}&y=2025`)
    await page.locator('.present-main').getByTestId('slide-number').waitFor({ timeout: 30_000 })
    const total = Number((await page.locator('.present-main').getByTestId('slide-number').innerText()).split('/')[1])
    expect(total).toBeGreaterThan(3)
    const pptx = await downloadFrom(() => page.getByTestId('export-pptx').click(), 'file-deck.pptx')
    expect(pptx.name).toBe('登米市_2025_会議資料.pptx')
    const zip = unzipSync(new Uint8Array(pptx.bytes))
    const slides = Object.keys(zip).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    expect(slides).toHaveLength(total)
    expect(strFromU8(zip['ppt/slides/slide1.xml'] ?? new Uint8Array())).toContain('登米市（宮城県）')
    expect(Object.keys(zip).filter((f) => /^ppt\/media\/.+\.png$/.test(f)).length).toBeGreaterThan(0)

    await page.getByTestId('print-deck').and(page.locator('[data-print-ready="true"]')).waitFor({ state: 'attached', timeout: 60_000 })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await writeFile(join(SCREENSHOT_DIR, 'file-deck.pdf'), pdf)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(total)
  })

  it('made no request but the file itself, data: and blob:, and logged no error (no policy violation either)', () => {
    expect(session.requests.some((u) => u.split('#')[0] === fileUrl)).toBe(true)
    expect(foreignRequests()).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })

  // last: its deliberate violations are logged as console errors
  it('the page\'s Content-Security-Policy is in force: no connection, no eval, no inline script it did not hash', async () => {
    const page = session.page
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
    expect(policy).toContain("connect-src 'none'")
    expect(policy).not.toMatch(/unsafe-(eval|inline)/)
    const issuesBefore = session.consoleIssues.length
    const probe = await page.evaluate(async (url) => {
      let fetched = 'allowed'
      try { await fetch(url) } catch { fetched = 'refused' }
      const w = window as unknown as Record<string, unknown>
      const script = document.createElement('script')
      script.textContent = 'window.__inlineProbe = 1'
      document.head.append(script)
      // in a later task: code run by page.evaluate itself may eval whatever the policy says
      const evaluated = await new Promise<string>((done) => setTimeout(() => {
        try { (0, eval)('1 + 1'); done('allowed') } catch (e) { done(e instanceof Error ? e.name : 'refused') }
      }, 0))
      return { fetched, evaluated, inline: w.__inlineProbe === 1 ? 'ran' : 'blocked' }
    }, fileUrl)
    expect(probe).toEqual({ fetched: 'refused', evaluated: 'EvalError', inline: 'blocked' })
    await expect.poll(() => session.consoleIssues.slice(issuesBefore).map((i) => i.text).join('\n'))
      .toMatch(/connect-src[\s\S]*script-src|script-src[\s\S]*connect-src/)
  })
})

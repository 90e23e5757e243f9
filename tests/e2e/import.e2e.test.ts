/**
 * The import feature (/#/data) in real Chromium against the production build, on one on-disk
 * profile, in order: a valid CSV previewed, committed and still there after a reload; every bad
 * fixture refused (or warned about) with a Japanese message that says file, row and column, with
 * IndexedDB unchanged byte for byte (national workbooks: mhlw.e2e.test.ts); a backup round trip through 「置き換える」; the gap CSV and the template as Excel wants them
 * (BOM, CRLF), the template importing cleanly; and throughout nothing leaves the origin, no
 * dialog opens and nothing is logged as an error or warning.
 *
 * Expected figures come from the domain (the project's own parser, gap rows, peer table and CSV
 * writers run here in Node), not from strings copied off the screen. Screenshots of the previews
 * and the downloaded files go to test-results/e2e/ for a human to look at.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  datasetGapRows, formatPoints, formatRank, formatRate, type YearDataset,
} from '@/domain'
import { parseCsvImport } from '@/domain/import/csv'
import { gapTableCsv } from '@/domain/export/gapTableCsv'
import { longTableCsv } from '@/domain/export/longTableCsv'
import { exampleDatasets } from '@/data/example'
import { SCREENSHOT_DIR, launchBrowser, screenshot, waitForDashboard, type BrowserSession } from './browser'
import { readDatasetRecords, readDatasets, snapshotDatabase, type RawDatasetRecord } from './idb'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const fixture = (path: string) => join(root, 'tests/fixtures', path)

const TOME = '04212'
const KURIHARA = '04213'
const VALID = 'valid-two-municipalities.csv'

/** The valid fixture through the project's own parser: what the dashboard must show for 栗原市. */
const validParsed = parseCsvImport(new Uint8Array(await readFile(fixture(`csv/${VALID}`))), VALID)
const kurihara2025 = validParsed.datasets.find((d) => d.municipality.code === KURIHARA && d.fiscalYear === 2025)
if (!kurihara2025) throw new Error(`${VALID} has no ${KURIHARA} 2025`)

let session: BrowserSession
const dialogs: string[] = []

/** A fresh document (not a same-document hash change) at the given route. */
async function visit(hash: string): Promise<Page> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}${hash}`)
  return page
}

/** /#/data with the database open (the view is mounted only once the store has loaded). */
async function openDataView(query = ''): Promise<Page> {
  const page = await visit(`#/data${query}`)
  await page.getByTestId('data-view').waitFor()
  await expect.poll(() => page.getByTestId('db-status').innerText()).toMatch(/\d+件のデータ/)
  return page
}

const text = async (testid: string): Promise<string> =>
  (await session.page.getByTestId(testid).innerText()).replace(/\s+/g, ' ').trim()

/** Chooses a file with the real <input type=file> and waits for its preview. */
async function choose(path: string): Promise<void> {
  const { page } = session
  const name = path.split('/').pop() ?? path
  await page.getByTestId('import-file').setInputFiles(path)
  await page.getByTestId('import-preview').filter({ hasText: `取り込む内容の確認：${name}` }).waitFor({ timeout: 30_000 })
}

async function cancelPreview(): Promise<void> {
  await session.page.getByTestId('import-cancel').click()
  await session.page.getByTestId('import-preview').waitFor({ state: 'detached' })
}

/** Clicks a button that downloads, and returns the file's name and bytes (also kept in test-results/e2e/). */
async function download(testid: string, keepAs: string): Promise<{ name: string; bytes: Buffer; path: string }> {
  const { page } = session
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }) as Promise<Download>,
    page.getByTestId(testid).click(),
  ])
  expect(dl.url()).toMatch(/^blob:/)
  const bytes = await readFile(await dl.path())
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const path = join(SCREENSHOT_DIR, keepAs)
  await writeFile(path, bytes)
  return { name: dl.suggestedFilename(), bytes, path }
}

const byKey = (a: RawDatasetRecord, b: RawDatasetRecord) => a.code.localeCompare(b.code) || a.fiscalYear - b.fiscalYear

const BOM = Buffer.from([0xef, 0xbb, 0xbf])
/** UTF-8 BOM first, and every line ends CRLF (no bare LF or CR anywhere outside that). */
function expectExcelCsv(bytes: Buffer): string {
  expect(bytes.subarray(0, 3).equals(BOM), 'UTF-8 BOM').toBe(true)
  const body = bytes.subarray(3).toString('utf8')
  expect(body.endsWith('\r\n'), 'ends with CRLF').toBe(true)
  expect(body.replace(/\r\n/g, '').match(/[\r\n]/g), 'bare CR or LF').toBeNull()
  return `\uFEFF${body}`
}

beforeAll(async () => {
  session = await launchBrowser()
  session.context.on('page', (p) => p.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss() }))
  session.page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss() })
})

afterAll(async () => {
  await session?.close()
})

describe('import in Chromium', () => {
  it('(a) a valid CSV: preview with 2 municipalities and the conflict, commit, new municipality listed and kept across a reload', async () => {
    const page = await openDataView()
    await expect.poll(() => page.locator('[data-testid="dataset-list"] tbody tr').count()).toBe(3) // the seeded example
    const before = await snapshotDatabase(page)

    await choose(fixture(`csv/${VALID}`))
    expect(await text('preview-municipalities')).toBe('2')
    expect(await text('preview-datasets')).toBe(`${validParsed.datasets.length}（${validParsed.rowCount}行）`)
    expect(await text('preview-counts')).toMatch(/^0件／\d+件$/)
    const conflicts = await text('preview-conflicts')
    expect(conflicts).toContain('保存済みのデータと重なるもの（2件）')
    expect(conflicts).toContain('登米市（04212） 令和7年度 (2025)')
    expect(conflicts).toContain('登米市（04212） 令和6年度 (2024)')
    // nothing written before the user confirms
    expect(await snapshotDatabase(page)).toBe(before)
    await screenshot(page, 'import-01-preview-valid', { fullPage: true, settleMs: 200 })

    await page.getByTestId('import-commit').click()
    await expect.poll(() => text('import-message'), { timeout: 15_000 }).toContain('2件を追加')
    expect(await text('import-message')).toContain('2件は今のデータを残しました')
    await expect(page.getByTestId('import-preview').count()).resolves.toBe(0)

    // in the selector and in the list
    const options = await page.getByTestId('select-municipality').locator('option').allInnerTexts()
    expect(options).toContain('栗原市（宮城県・04213）')
    const list = page.getByTestId('dataset-list')
    await list.locator(`tr[data-key="${KURIHARA}:2025"]`).waitFor()
    await list.locator(`tr[data-key="${KURIHARA}:2024"]`).waitFor()

    const stored = (await readDatasetRecords(page)).sort(byKey)
    expect(stored.map((r) => `${r.code}:${r.fiscalYear}`)).toEqual([`${TOME}:2023`, `${TOME}:2024`, `${TOME}:2025`, `${KURIHARA}:2024`, `${KURIHARA}:2025`])
    // kept by default: 登米市 2025 is still the example
    expect(stored.find((r) => r.code === TOME && r.fiscalYear === 2025)?.data.source.example).toBe(true)
    const kuriStored = stored.find((r) => r.code === KURIHARA && r.fiscalYear === 2025)
    expect(kuriStored?.data.source.file).toBe(VALID)
    expect({ ...kuriStored?.data, source: null }).toEqual({ ...kurihara2025, source: null })

    // a reload reads it back from IndexedDB
    await page.reload()
    await page.getByTestId('data-view').waitFor()
    await page.getByTestId('dataset-list').locator(`tr[data-key="${KURIHARA}:2025"]`).waitFor()
    expect((await readDatasets(page))?.records).toHaveLength(5)

    // and the dashboard shows its figures
    await visit(`#/?m=${KURIHARA}&y=2025`)
    await waitForDashboard(page)
    expect(await text('municipality-name')).toBe('栗原市')
    const gaps = datasetGapRows(kurihara2025)
    for (const grant of ['suishin', 'doryoku'] as const) {
      const total = gaps.find((r) => r.key === grant)
      if (!total) throw new Error(`no ${grant} total row`)
      const card = page.getByTestId(`grant-${grant}`)
      expect(await card.getByTestId('total-score').innerText()).toBe(formatPoints(total.score))
      expect(await card.getByTestId('total-rate').innerText()).toBe(formatRate(total.rate))
      expect((await card.getByTestId('pref-rank').innerText()).trim()).toBe(formatRank(kurihara2025.grants[grant]?.prefRank ?? null))
    }
    expect(await page.getByTestId('grant-suishin').getByTestId('total-score').innerText()).toBe('230')
    expect(await page.getByTestId('grant-doryoku').getByTestId('nat-rank').innerText()).toBe('100位／1741')
    await screenshot(page, 'import-02-kurihara-dashboard')
  })

  /** A fixture, what the preview must say (file, row, column in the message) and whether it may be committed. */
  const BAD: { file: string; severity: 'error' | 'warning'; message: string; errors: number }[] = [
    { file: 'above-max.csv', severity: 'error', message: '3行目 得点: 配点64を超えています（70）', errors: 1 },
    { file: 'binary.csv', severity: 'error', message: 'CSVファイルとして読めません（バイナリファイルの可能性があります）', errors: 1 },
    { file: 'pdf-renamed.csv', severity: 'error', message: 'PDFファイルは読み込めません。', errors: 1 },
    { file: 'missing-columns.csv', severity: 'error', message: '1行目: 必須の列がありません: 保険者名、得点', errors: 1 },
    { file: 'html-in-cell.csv', severity: 'warning', message: '2行目 保険者名: HTMLタグのような文字列を含んでいます', errors: 0 },
    { file: 'formula-in-number.csv', severity: 'error', message: '2行目 得点: 数式は読み込めません（=SUM(J3:J4)）', errors: 1 },
    { file: 'shift-jis.csv', severity: 'warning', message: '2行目 指標群: 合計の行がないため、努力支援交付金の合計は空欄とします', errors: 0 },
    { file: 'empty.csv', severity: 'error', message: 'ファイルが空です', errors: 1 },
  ]

  it('(b) bad files: a Japanese message with file, row and column; no commit on errors; IndexedDB unchanged byte for byte', async () => {
    const page = await openDataView()
    const before = await snapshotDatabase(page)
    expect(before).not.toBe('absent')
    const imgsBefore = await page.locator('img').count()

    for (const f of BAD) {
      await choose(fixture(`csv/${f.file}`))
      const issues = await page.getByTestId('preview-issues').locator('li').allInnerTexts()
      const label = f.severity === 'error' ? 'エラー' : '注意'
      expect(issues.some((i) => i.startsWith(`${label}［${f.file}］${f.message}`)), `${f.file}: ${issues.join(' | ')}`).toBe(true)
      expect(await text('preview-counts'), f.file).toMatch(new RegExp(`^${f.errors}件／`))
      const commit = page.getByTestId('import-commit')
      if (f.errors > 0) {
        expect(await commit.isDisabled(), `${f.file}: commit disabled`).toBe(true)
        expect(await page.getByRole('alert').first().innerText()).toContain('エラーがあるため取り込めません')
        await commit.click({ force: true, timeout: 2_000 }) // a disabled button does nothing
        if (f.file === 'above-max.csv') await screenshot(page, 'import-03-preview-errors', { settleMs: 200 })
        if (f.file === 'pdf-renamed.csv') await screenshot(page, 'import-03b-preview-pdf', { settleMs: 200 })
      } else {
        expect(await commit.isDisabled(), `${f.file}: commit enabled (warnings only)`).toBe(false)
      }
      if (f.file === 'shift-jis.csv') {
        // decoded, not mojibake: the names and the 令和 label come through
        expect(await text('preview-municipalities')).toBe('1')
        expect(await text('preview-conflicts')).toContain('登米市（04212） 令和7年度 (2025)')
        await screenshot(page, 'import-04-preview-shift-jis', { settleMs: 200 })
      }
      if (f.file === 'html-in-cell.csv') {
        // shown as text, never as markup
        expect(await text('preview-conflicts')).toContain('<script>alert(1)</script>登米市（04212）')
        const injected = await page.evaluate(() => ({
          // index.html's own inline script (the early IndexedDB listing) sits in <head>, outside the app
          scripts: [...document.querySelectorAll('script')].filter((s) => s.closest('#app') || /alert/.test(s.textContent ?? '')).length,
          html: document.body.innerHTML.includes('<script>alert'),
        }))
        expect(injected).toEqual({ scripts: 0, html: false })
        expect(await page.locator('img').count()).toBe(imgsBefore)
        await screenshot(page, 'import-05-preview-html-in-cell', { settleMs: 200 })
      }
      await cancelPreview()
      expect(await snapshotDatabase(page), `${f.file}: IndexedDB changed`).toBe(before)
    }
    expect(dialogs).toEqual([])
  })

  it('(d) backup round trip: export, delete everything (one undo on the way), restore with 置き換える, datasets equal the originals', async () => {
    const page = await openDataView()
    const originals = (await readDatasetRecords(page)).sort(byKey)
    expect(originals.length).toBe(5)

    const backup = await download('export-backup', 'import-backup.json')
    expect(backup.name).toMatch(/^incentive-lens-backup_\d{4}-\d{2}-\d{2}\.json$/)
    const doc = JSON.parse(backup.bytes.toString('utf8')) as { app: string; kind: string; version: number; datasets: unknown[] }
    expect([doc.app, doc.kind, doc.version, doc.datasets.length]).toEqual(['incentive-lens', 'backup', 2, originals.length])

    // delete one and undo: the record comes back exactly as it was
    const snapshot = await snapshotDatabase(page)
    const list = page.getByTestId('dataset-list')
    const row = list.locator(`tr[data-key="${KURIHARA}:2024"]`)
    await row.getByTestId('delete').click()
    await row.getByTestId('confirm-delete').click()
    await row.waitFor({ state: 'detached' })
    await page.getByTestId('undo-delete').click()
    await row.waitFor()
    expect(await snapshotDatabase(page)).toBe(snapshot)

    // delete everything through the list
    const rows = list.locator('tbody tr')
    for (let n = await rows.count(); n > 0; n--) {
      await rows.first().getByTestId('delete').click()
      await rows.first().getByTestId('confirm-delete').click()
      await expect.poll(() => rows.count()).toBe(n - 1)
    }
    expect(await readDatasetRecords(page)).toEqual([])
    expect(await text('db-status')).toContain('0件のデータ')

    await choose(backup.path)
    expect(await text('import-preview')).toContain('バックアップ（JSON）')
    expect(await text('preview-counts')).toMatch(/^0件／/)
    await page.getByTestId('backup-replace').check()
    await page.getByTestId('import-commit').click()
    await expect.poll(() => text('import-message'), { timeout: 15_000 }).toContain(`バックアップから${originals.length}件を復元しました`)

    const restored = (await readDatasetRecords(page)).sort(byKey)
    expect(restored.map((r) => [r.code, r.fiscalYear, r.prefecture])).toEqual(originals.map((r) => [r.code, r.fiscalYear, r.prefecture]))
    // first everything but the provenance stamps, then all of it, so that a failure says which part differs
    const unstamped = (rs: RawDatasetRecord[]) => rs.map((r) => ({ ...r.data, source: { ...r.data.source, file: undefined, importedAt: undefined } }))
    expect(unstamped(restored)).toEqual(unstamped(originals))
    expect(restored.map((r) => r.data), 'source.file / source.importedAt must survive the round trip').toEqual(originals.map((r) => r.data))
  })

  it('(e) the gap CSV and the template: UTF-8 BOM, CRLF, what the domain writes; the template imports with no errors', async () => {
    const page = await openDataView(`?m=${TOME}&y=2025`)
    const tome = (await readDatasetRecords(page)).find((r) => r.code === TOME && r.fiscalYear === 2025)
    if (!tome) throw new Error('登米市 2025 is not stored')
    const ds = tome.data as unknown as YearDataset

    const gaps = await download('export-gaps', 'import-gaps.csv')
    expect(gaps.name).toBe('登米市_2025_gaps.csv')
    const gapText = expectExcelCsv(gaps.bytes)
    expect(gapText).toBe(gapTableCsv(datasetGapRows(ds), { municipality: ds.municipality, fiscalYear: ds.fiscalYear, source: ds.source.label }))

    const template = await download('export-template', 'import-template.csv')
    expect(template.name).toBe('incentive-lens-template.csv')
    expect(expectExcelCsv(template.bytes)).toBe(longTableCsv(exampleDatasets()))

    const before = await snapshotDatabase(page)
    await choose(template.path)
    expect(await text('preview-counts')).toMatch(/^0件／/)
    expect(await page.getByTestId('preview-issues').locator('li.issue-error').count()).toBe(0)
    expect(await text('preview-municipalities')).toBe('1')
    expect(await text('preview-datasets')).toMatch(/^3（/)
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(false)
    await cancelPreview()
    expect(await snapshotDatabase(page)).toBe(before)
  })

  it('(f) no request left the app origin, no dialog, no console error or warning, no page error', () => {
    expect(session.requests.length).toBeGreaterThan(0)
    const foreign = session.requests.filter(
      (url) => !(url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')),
    )
    expect(foreign).toEqual([])
    expect(dialogs).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

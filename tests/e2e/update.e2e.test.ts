/**
 * Updating by replacing the file: a manager has used release 0.1.0 (IndexedDB schema version 1)
 * and opens this version's single file from the same place. The old database is created raw in
 * the browser before the app loads (a page next to the file: all file:// pages share one
 * IndexedDB origin), with the records 0.1.0 wrote (tests/support/releaseV1.ts). The app opens it,
 * upgrades it to version 2, and every dataset, scenario and slide choice is there and in use.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { OFFICE_VIEWPORT, launchBrowser, screenshot, waitForDashboard, type BrowserSession } from './browser'
import { DB_NAME, readDatasetRecords, readDatasets } from './idb'
import { RELEASE_V1_LAYOUT, releaseV1Content, type StoreLayout } from '../support/releaseV1'

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const BUILT = join(root, 'dist-single/incentive-lens.html')
if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run npm run build:single first (npm run test:e2e does)`)

const content = releaseV1Content()
let folder: string
let session: BrowserSession

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'incentive-lens-update-'))
  await copyFile(BUILT, join(folder, 'incentive-lens.html'))
  await writeFile(join(folder, 'prepare.html'), '<!doctype html><meta charset="utf-8"><title>prepare</title>')
  session = await launchBrowser({ viewport: OFFICE_VIEWPORT })
})

afterAll(async () => {
  await session?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
})

describe('a newer file over the database of release 0.1.0', () => {
  it('finds every dataset, scenario and slide choice, and upgrades the schema by adding tables only', async () => {
    const { page } = session
    await page.goto(pathToFileURL(join(folder, 'prepare.html')).href)
    await page.evaluate(async ({ name, layout, records }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open(name, layout.version)
        req.onupgradeneeded = () => {
          for (const s of layout.stores as StoreLayout[]) {
            const store = req.result.createObjectStore(s.name, { keyPath: s.keyPath })
            for (const i of s.indexes) store.createIndex(i.name, i.keyPath)
          }
        }
        req.onsuccess = () => ok(req.result)
        req.onerror = () => fail(req.error)
      })
      await new Promise<void>((ok, fail) => {
        const tx = db.transaction(Object.keys(records), 'readwrite')
        for (const [store, rows] of Object.entries(records)) for (const r of rows) tx.objectStore(store).put(r)
        tx.oncomplete = () => ok()
        tx.onerror = () => fail(tx.error)
      })
      db.close()
    }, { name: DB_NAME, layout: RELEASE_V1_LAYOUT, records: content as unknown as Record<string, unknown[]> })
    const old = await readDatasets(page)
    expect([old?.version, old?.stores]).toEqual([10, ['datasets', 'meta', 'scenarios']])

    await page.goto(`${pathToFileURL(join(folder, 'incentive-lens.html')).href}#/?m=04213&y=2025`)
    await waitForDashboard(page)
    expect(await page.getByTestId('municipality-name').innerText()).toBe('栗原市')
    const upgraded = await readDatasets(page)
    expect([upgraded?.version, upgraded?.stores]).toEqual([20, ['datasets', 'meta', 'populations', 'reports', 'scenarios']])
    const byKey = (a: { code: string; fiscalYear: number }, b: { code: string; fiscalYear: number }) => a.code.localeCompare(b.code) || a.fiscalYear - b.fiscalYear
    expect(await readDatasetRecords(page)).toEqual([...content.datasets].sort(byKey))
    await screenshot(page, 'update-01-kurihara')
  })

  it('the saved scenarios are listed in シミュレーション, names shown as text', async () => {
    const { page } = session
    await page.goto('about:blank')
    await page.goto(`${pathToFileURL(join(folder, 'incentive-lens.html')).href}#/simulate?m=04212&y=2025`)
    await page.getByTestId('scenario-list').waitFor({ timeout: 30_000 })
    // far down the page, where the browser skips drawing until it is scrolled to
    await page.getByTestId('scenario-library').scrollIntoViewIfNeeded()
    await screenshot(page, 'update-02-scenarios')
    expect(await page.getByTestId('scenario-s-dementia').getByTestId('scenario-item-name').innerText()).toBe('認知症施策の強化')
    await page.getByTestId('select-municipality').selectOption('04213')
    await page.getByTestId('scenario-s-kurihara').waitFor()
    // as text: markup in the name would have become an element, and its tags would be gone
    const name = page.getByTestId('scenario-s-kurihara').getByTestId('scenario-item-name')
    expect(await name.textContent()).toBe('<b>栗原</b>&"案"')
    expect(await name.locator('b').count()).toBe(0)
  })

  it('the deck keeps its chosen order and the slide left out', async () => {
    const { page } = session
    await page.goto('about:blank')
    await page.goto(`${pathToFileURL(join(folder, 'incentive-lens.html')).href}#/present?m=04212&y=2025`)
    await page.getByTestId('slide-chooser').waitFor({ timeout: 30_000 })
    const ids = await page.getByTestId('slide-chooser').locator('li[data-testid^="choice-"]')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-testid')))
    expect(ids.slice(0, 2)).toEqual(['choice-gap', 'choice-title'])
    expect(await page.getByTestId('include-weakest').isChecked()).toBe(false)
    expect(await page.getByTestId('include-gap').isChecked()).toBe(true)
  })

  it('made no request but the files themselves, data: and blob:, and logged no error', () => {
    const folderUrl = pathToFileURL(folder).href
    expect(session.requests.filter((u) => !(u.startsWith(`${folderUrl}/`) || u.startsWith('data:') || u.startsWith('blob:')))).toEqual([])
    expect(session.consoleIssues).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

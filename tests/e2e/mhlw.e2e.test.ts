/**
 * National result workbooks in real Chromium, as a manager would use them: the 令和6・7・8年度
 * files (the real layouts, made by tests/support/mhlwGenerator and committed under
 * tests/fixtures/xlsx) chosen one after another in the データ view, then a town that insures
 * through a 広域連合 picked and looked at on 概要, 比較, 推移 and the simulator.
 * Expected figures come from the generator's ground truth, not from the screen.
 */
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { formatPoints, formatRank } from '@/domain'
import { generateMhlwWorkbook, type MunicipalityTruth } from '../support/mhlwGenerator'
import { launchBrowser, screenshot, type BrowserSession } from './browser'
import { readDatasetRecords } from './idb'

const baseUrl = inject('baseUrl')
const origin = new URL(baseUrl).origin
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const FILES = [[2024, 'mhlw-r6-small.xlsx'], [2025, 'mhlw-r7-small.xlsx'], [2026, 'mhlw-r8-small.xlsx']] as const
const truth = Object.fromEntries(FILES.map(([fy]) => [fy, generateMhlwWorkbook({ fiscalYear: fy, size: 'small', seed: 1 }).truth])) as Record<number, ReturnType<typeof generateMhlwWorkbook>['truth']>
const r8 = truth[2026]!
/** a member town of a union: no 保険者番号 of its own */
const member = r8.municipalities.find((m) => m.union !== null)!
const memberIn = (fy: number): MunicipalityTruth => truth[fy]!.municipalities.find((m) => m.code5 === member.code5)!

let session: BrowserSession

const text = async (testid: string): Promise<string> =>
  ((await session.page.getByTestId(testid).first().textContent()) ?? '').replace(/\s+/g, ' ').trim()

async function visit(hash: string): Promise<Page> {
  const { page } = session
  if (page.url() !== 'about:blank') await page.goto('about:blank')
  await page.goto(`${baseUrl}${hash}`)
  return page
}

/** Competition rank (1, 2, 2, 4) of one value among all. */
const rankOf = (value: number, all: readonly number[]): number => 1 + all.filter((v) => v > value).length

beforeAll(async () => {
  session = await launchBrowser()
})

afterAll(async () => {
  await session?.close()
})

describe('national result workbooks', () => {
  it('imports the 令和6・7・8年度 workbooks one after another through the データ view', async () => {
    const page = await visit('#/data')
    await page.getByTestId('data-view').waitFor()
    await expect.poll(() => text('db-status')).toMatch(/\d+件のデータ/)
    for (const [fy, file] of FILES) {
      await page.getByTestId('import-file').setInputFiles(join(root, 'tests/fixtures/xlsx', file))
      await page.getByTestId('import-preview').filter({ hasText: `取り込む内容の確認：${file}` }).waitFor({ timeout: 60_000 })
      const t = truth[fy]!
      expect(await text('preview-municipalities'), file).toBe(String(t.municipalities.length))
      expect(await text('preview-counts'), file).toMatch(/^0件／/)
      const notes = await text('preview-notes')
      expect(notes).toContain(`広域連合の行: ${t.unions.length}行`)
      if (t.extraColumnCount > 0) expect(notes).toContain(`読み込まない列: ${t.extraColumnCount}列`)
      if (fy === 2026) await screenshot(page, 'mhlw-01-preview-r8', { settleMs: 200 })
      // the example's 登米市 of the same year: the national file's figures replace it
      if (await page.getByTestId('preview-conflicts').count()) await page.getByRole('button', { name: 'すべて置き換える' }).click()
      await page.getByTestId('import-commit').click()
      await expect.poll(() => text('import-message'), { timeout: 30_000 }).toContain(file)
    }
    const stored = await readDatasetRecords(page)
    for (const [fy] of FILES) {
      const codes = stored.filter((r) => r.fiscalYear === fy).map((r) => r.code).sort()
      expect(codes).toEqual(truth[fy]!.municipalities.map((m) => m.code5).sort())
      // no 広域連合 became a municipality
      expect(stored.some((r) => truth[fy]!.unions.some((u) => (r.data as { municipality: { name: string } }).municipality.name === u.name))).toBe(false)
    }
  })

  it('概要 shows the union member town with its own figures, 推進・支援合計 and its national rank', async () => {
    const page = await visit(`#/?m=${member.code5}&y=2026`)
    await page.getByTestId('dashboard').waitFor()
    expect(await text('municipality-name')).toBe(member.name)
    expect(await text('grant-suishin')).toContain(formatPoints(member.suishin))
    expect(await page.getByTestId('grant-suishin').getByTestId('total-score').textContent()).toBe(formatPoints(member.suishin))
    expect(await page.getByTestId('grant-doryoku').getByTestId('total-score').textContent()).toBe(formatPoints(member.doryoku))
    expect(await text('combined-score')).toBe(formatPoints(member.total))
    expect(await text('combined-nat-rank')).toBe(formatRank({ rank: member.rank, of: r8.municipalities.length }))
    const samePref = r8.municipalities.filter((m) => m.prefecture === member.prefecture)
    expect(await text('combined-pref-rank')).toBe(formatRank({ rank: rankOf(member.total, samePref.map((m) => m.total)), of: samePref.length }))
    await page.setViewportSize({ width: 1366, height: 768 })
    await screenshot(page, 'mhlw-02-dashboard-member', { settleMs: 600 })
  })

  it('比較 ranks it among the year\'s municipalities (the workbook\'s count), in its prefecture and nationally', async () => {
    const page = await visit(`#/compare?m=${member.code5}&y=2026`)
    await page.getByTestId('peer-table').waitFor({ timeout: 20_000 })
    const all = r8.municipalities
    const pref = all.filter((m) => m.prefecture === member.prefecture)
    const natRank = formatRank({ rank: rankOf(member.suishin, all.map((m) => m.suishin)), of: all.length })
    const prefRank = formatRank({ rank: rankOf(member.suishin, pref.map((m) => m.suishin)), of: pref.length })
    expect(await text('peer-ranks-suishin')).toMatch(new RegExp(`^県内 ${prefRank}・全体 ${natRank}・`))
    expect(await text('compare-combined')).toContain(`全国 ${member.rank}位／${all.length}`)
    await screenshot(page, 'mhlw-03-compare-member', { fullPage: true })
  })

  it('推移 shows its three years from the three files', async () => {
    const page = await visit(`#/trend?m=${member.code5}&y=2026&anim=0`)
    const panel = page.getByTestId('panel-trend-suishin')
    await panel.waitFor({ timeout: 20_000 })
    await panel.getByTestId('toggle-table').click()
    const table = await panel.getByTestId('table-trend-suishin').textContent() ?? ''
    for (const fy of [2024, 2025, 2026]) {
      const rate = (memberIn(fy).suishin / 400) * 100
      expect(table, `${fy}`).toContain(`${rate.toFixed(1)}%`)
    }
    await screenshot(page, 'mhlw-04-trend-member', { fullPage: true })
  })

  it('the simulator ranks it over the workbook\'s municipalities, never the example mixed in', async () => {
    const page = await visit(`#/simulate?m=${member.code5}&y=2026`)
    await page.waitForFunction(() => document.documentElement.dataset.simulator === 'ready', undefined, { timeout: 30_000 })
    expect(await text('rank-suishin')).toContain(`／${r8.municipalities.length}`)
    expect(await text('rank-suishin')).not.toContain(`／${r8.municipalities.length + 1}`)
  })

  it('no request left the app origin, and no page error', () => {
    const foreign = session.requests.filter((u) => !u.startsWith(origin) && !/^(data|blob):/.test(u))
    expect(foreign).toEqual([])
    expect(session.pageErrors).toEqual([])
  })
})

import { chromium } from 'playwright-core'
import { preview } from 'vite'
import { mkdtempSync } from 'node:fs'
const server = await preview({ root: '/work/wt/ui', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } })
const base = server.resolvedUrls.local[0]
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/shots/p-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'], viewport: { width: 1366, height: 768 }, locale: 'ja-JP' })
const page = ctx.pages()[0]
await page.goto(base + '#/?m=04212&y=2025&anim=0')
await page.waitForTimeout(2000)
await page.locator('[data-testid="panel-radar-doryoku"] [data-testid="toggle-table"]').click()
await page.locator('[data-testid="table-radar-doryoku"]').scrollIntoViewIfNeeded()
await page.waitForTimeout(500)
const m = await page.locator('[data-testid="table-radar-doryoku"]').evaluate((e) => [e.scrollWidth, e.clientWidth])
console.log(m)
await page.locator('[data-testid="panel-radar-doryoku"]').screenshot({ path: '/tmp/shots/table1366.png' })
await ctx.close(); await server.close()

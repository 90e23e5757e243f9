import { chromium } from 'playwright-core'
import { preview } from 'vite'
import { mkdtempSync } from 'node:fs'
const server = await preview({ root: '/work/wt/ui', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0 } })
const base = server.resolvedUrls.local[0]
const ctx = await chromium.launchPersistentContext(mkdtempSync('/tmp/shots/p-'), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox','--disable-gpu'], viewport: { width: 1366, height: 768 }, locale: 'ja-JP' })
const page = ctx.pages()[0]
page.on('console', (m) => { if (m.type() === 'error') console.log('console:', m.text()) })
const which = process.argv.slice(2)
for (const spec of which) {
  const [name, w, h, hash, print] = spec.split('|')
  await page.setViewportSize({ width: +w, height: +h })
  await page.goto(base + hash)
  await page.waitForTimeout(2500)
  if (print === 'pdf') {
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: `/tmp/shots/${name}.pdf`, format: 'A4', printBackground: true })
    await page.emulateMedia({ media: 'screen' })
  } else {
    await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: print === 'full' })
  }
  console.log('shot', name)
}
await ctx.close(); await server.close()

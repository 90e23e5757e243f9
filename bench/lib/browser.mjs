/**
 * Debian's Chromium through playwright-core, each launch on a fresh on-disk profile (IndexedDB on
 * disk, as users have it; newContext() would keep it in memory and be 20–40% faster). Never
 * downloads a browser. Same flags as tests/e2e/browser.ts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
]
export const VIEWPORT = { width: 1280, height: 800 }

export function chromiumVersion() {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return `not found at ${CHROMIUM_PATH}`
  }
}

/**
 * Runs `fn(page, context)` in a new browser on a new profile, then closes the browser and deletes
 * the profile.
 * @template T
 * @param {(page: import('playwright-core').Page, context: import('playwright-core').BrowserContext) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withColdBrowser(fn) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'incentive-lens-bench-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: 'ja-JP',
    timeout: 60_000,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    return await fn(page, context)
  } finally {
    await context.close().catch(() => undefined)
    await rm(userDataDir, { recursive: true, force: true })
  }
}

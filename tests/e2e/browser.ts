/**
 * Debian's Chromium driven through playwright-core, on a fresh on-disk profile so that IndexedDB
 * survives reloads and browser restarts within one test. Every request URL, console error or
 * warning (Content-Security-Policy violations included) and uncaught page error is recorded for
 * the whole session, across relaunches.
 * Never downloads a browser.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Flags that keep Chromium quiet and off the network on these closed machines. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export const VIEWPORT = { width: 1280, height: 800 }
/** the municipal PCs' screen */
export const OFFICE_VIEWPORT = { width: 1366, height: 768 }

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)))
/** Screenshots go here (gitignored). */
export const SCREENSHOT_DIR = join(root, 'test-results', 'e2e')

export interface ConsoleEntry {
  type: string
  text: string
  url: string
}

export interface BrowserSession {
  readonly context: BrowserContext
  /** the first page of the current context */
  readonly page: Page
  readonly userDataDir: string
  /** every request URL, in order, since the session began */
  readonly requests: string[]
  /** console messages of type error or warning */
  readonly consoleIssues: ConsoleEntry[]
  /** uncaught exceptions and unhandled rejections in pages */
  readonly pageErrors: string[]
  /** closes the browser and starts a new one on the same profile */
  relaunch(): Promise<void>
  /** closes the browser and deletes the profile */
  close(): Promise<void>
}

async function launchContext(userDataDir: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    timeout: 60_000,
  })
}

export async function launchBrowser(opts: { viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const viewport = opts.viewport ?? VIEWPORT
  const userDataDir = await mkdtemp(join(tmpdir(), 'incentive-lens-e2e-'))
  const requests: string[] = []
  const consoleIssues: ConsoleEntry[] = []
  const pageErrors: string[] = []

  async function record(context: BrowserContext): Promise<void> {
    context.on('request', (req) => requests.push(req.url()))
    // anything the page's Content-Security-Policy refuses becomes a console error, so that every
    // test that checks consoleIssues also checks that the app works within the policy
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`CSP violation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)
      })
    })
    context.on('console', (msg) => {
      const type = msg.type()
      if (type === 'error' || type === 'warning') {
        const loc = msg.location()
        consoleIssues.push({ type, text: msg.text(), url: loc.url ? `${loc.url}:${loc.lineNumber}` : '' })
      }
    })
    context.on('weberror', (err) => {
      const e = err.error()
      pageErrors.push(e.stack ?? `${e.name}: ${e.message}`)
    })
  }

  let context = await launchContext(userDataDir, viewport)
  await record(context)
  let page = context.pages()[0] ?? (await context.newPage())

  return {
    get context() { return context },
    get page() { return page },
    userDataDir,
    requests,
    consoleIssues,
    pageErrors,
    async relaunch() {
      await context.close()
      context = await launchContext(userDataDir, viewport)
      await record(context)
      page = context.pages()[0] ?? (await context.newPage())
    },
    async close() {
      await context.close().catch(() => undefined)
      await rm(userDataDir, { recursive: true, force: true })
    },
  }
}

/** Waits until the app says the dashboard is drawn with data. */
export async function waitForDashboard(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'dashboard', undefined, { timeout })
}

/**
 * A viewport screenshot (1280×800), or the whole page with `fullPage`. Waits a little first:
 * ECharts' default entry animation takes about a second after the dashboard is drawn.
 */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean; settleMs?: number } = {}): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  await page.waitForTimeout(opts.settleMs ?? 1500)
  const path = join(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, fullPage: opts.fullPage ?? false, animations: 'disabled' })
  return path
}

/**
 * For each canvas the locator matches, how many pixels are not fully transparent: ECharts draws
 * with a 2d context, so a drawn chart has thousands and an empty one none.
 */
export async function inkedPixels(canvases: Locator): Promise<number[]> {
  return canvases.evaluateAll((els) => els.map((el) => {
    const c = el as HTMLCanvasElement
    const ctx = c.getContext('2d')
    if (!ctx || c.width === 0 || c.height === 0) return 0
    const data = ctx.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++
    return n
  }))
}

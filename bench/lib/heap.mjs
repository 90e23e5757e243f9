/**
 * Peak JS heap of a page and of its dedicated workers, sampled from Node through the Chrome
 * DevTools Protocol every `intervalMs`:
 * - the page's main thread: `Performance.getMetrics` → JSHeapUsedSize (used bytes of the V8 heap,
 *   garbage not yet collected included). Chromium answers it even in the middle of a long task.
 * - each dedicated worker (e.g. the CSV parser): `Runtime.getHeapUsage` → usedSize, sent to the
 *   worker's target through `Target.sendMessageToTarget` (a non-flattened auto-attach on this
 *   page's own CDP session; Playwright offers no CDP session for workers). Also answered while
 *   the worker is busy.
 * A sample still in flight is not doubled up, so the count of samples is reported. `combined` is
 * the largest main + workers sum seen in one sampling round.
 */

/**
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').BrowserContext} context
 * @param {{ intervalMs?: number }} [opts]
 */
export async function startHeapSampler(page, context, { intervalMs = 50 } = {}) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')

  // workers: raw protocol messages through the page session
  const workers = new Set()
  let nextId = 1
  const pending = new Map()
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workers.add(e.sessionId) })
  cdp.on('Target.detachedFromTarget', (e) => { workers.delete(e.sessionId) })
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message)
    const done = pending.get(m.id)
    if (done) { pending.delete(m.id); done(m) }
  })
  const ask = (sessionId, method) => new Promise((ok) => {
    const id = nextId++
    pending.set(id, ok)
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) })
      .catch(() => { pending.delete(id); ok({ error: 'gone' }) })
  })
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false })

  const readMain = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0
  }
  const readWorkers = async () => {
    const sizes = await Promise.all([...workers].map(async (s) => {
      const r = await ask(s, 'Runtime.getHeapUsage')
      return typeof r?.result?.usedSize === 'number' ? r.result.usedSize : null
    }))
    return sizes.filter((x) => x !== null)
  }

  const baseline = await readMain()
  let peak = baseline
  let samples = 0
  let workerPeak = null
  let workerSamples = 0
  let combined = baseline
  let inFlight = false
  let stopped = false
  const round = async () => {
    const [main, ws] = await Promise.all([readMain(), readWorkers()])
    peak = Math.max(peak, main)
    samples++
    const wsum = ws.reduce((a, b) => a + b, 0)
    if (ws.length > 0) { workerPeak = Math.max(workerPeak ?? 0, ...ws); workerSamples++ }
    combined = Math.max(combined, main + wsum)
  }
  const timer = setInterval(() => {
    if (stopped || inFlight) return
    inFlight = true
    void round().catch(() => undefined).finally(() => { inFlight = false })
  }, intervalMs)

  return {
    /** @returns {Promise<{ baseline: number, peak: number, samples: number, workerPeak: number | null, workerSamples: number, combined: number }>} */
    async stop() {
      stopped = true
      clearInterval(timer)
      try { await round() } catch { /* page gone */ }
      await cdp.detach().catch(() => undefined)
      return { baseline, peak, samples, workerPeak, workerSamples, combined }
    },
  }
}

/** bytes → '123.4' MB (MiB, as DevTools shows) */
export const mb = (bytes) => (bytes === null || bytes === undefined ? '—' : (bytes / 1024 / 1024).toFixed(1))

/**
 * Keeps the screen awake while `active()` is true, with the Screen Wake Lock API where the
 * browser has it (it needs a secure context: https or localhost). The browser drops the lock when
 * the page is hidden, so it is taken again when the page becomes visible. Every failure is silent:
 * without the lock the deck works exactly the same, the screen may just dim.
 */
import { onBeforeUnmount, ref, watch } from 'vue'

type Sentinel = { released: boolean; release: () => Promise<void>; addEventListener: (t: 'release', f: () => void) => void }
type WakeLockApi = { request: (type: 'screen') => Promise<Sentinel> }

export function useWakeLock(active: () => boolean) {
  const api = (globalThis.navigator as (Navigator & { wakeLock?: WakeLockApi }) | undefined)?.wakeLock
  const supported = api !== undefined && typeof api.request === 'function'
  /** true while the browser holds the lock for us */
  const locked = ref(false)
  let sentinel: Sentinel | null = null
  let pending = false

  async function request(): Promise<void> {
    if (!supported || !api || pending || (sentinel && !sentinel.released)) return
    if (typeof document !== 'undefined' && document.visibilityState !== 'visible') return
    pending = true
    try {
      const s = await api.request('screen')
      sentinel = s
      locked.value = true
      s.addEventListener('release', () => { if (sentinel === s) { sentinel = null; locked.value = false } })
      if (!active()) await release()
    } catch {
      // not allowed (no user gesture, battery saver, insecure context): carry on without it
    } finally {
      pending = false
    }
  }

  async function release(): Promise<void> {
    const s = sentinel
    sentinel = null
    locked.value = false
    try { await s?.release() } catch { /* already released */ }
  }

  const onVisibility = (): void => { if (document.visibilityState === 'visible' && active()) void request() }

  watch(active, (on) => { void (on ? request() : release()) }, { immediate: true })
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility)
  onBeforeUnmount(() => {
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', onVisibility)
    void release()
  })

  return { supported, locked }
}

/**
 * The Fullscreen API on one element, where the browser allows it. The deck already fills the
 * window without it, so every failure is silent. `onUserExit` runs when full screen ends without
 * us asking (the user pressed Esc, which the browser keeps for itself in full screen): the
 * presentation treats that Esc like its own.
 */
import { onBeforeUnmount, ref, type Ref } from 'vue'

export function useFullscreen(target: Ref<HTMLElement | null>, opts: { onUserExit?: () => void } = {}) {
  const doc = typeof document === 'undefined' ? null : document
  const supported = doc !== null && doc.fullscreenEnabled === true && typeof doc.documentElement.requestFullscreen === 'function'
  const active = ref(doc?.fullscreenElement != null)
  let exitingOnPurpose = false

  function onChange(): void {
    const now = doc?.fullscreenElement != null
    const wasActive = active.value
    active.value = now
    if (wasActive && !now && !exitingOnPurpose) opts.onUserExit?.()
    if (!now) exitingOnPurpose = false
  }

  async function enter(): Promise<void> {
    if (!supported || active.value) return
    try {
      await (target.value ?? doc?.documentElement)?.requestFullscreen({ navigationUI: 'hide' })
    } catch {
      // refused (no user gesture, policy): the deck still fills the window
    }
  }

  async function exit(): Promise<void> {
    if (!doc?.fullscreenElement) return
    exitingOnPurpose = true
    try {
      await doc.exitFullscreen()
    } catch {
      exitingOnPurpose = false
    }
  }

  const toggle = (): Promise<void> => (active.value ? exit() : enter())

  doc?.addEventListener('fullscreenchange', onChange)
  onBeforeUnmount(() => {
    doc?.removeEventListener('fullscreenchange', onChange)
    void exit()
  })

  return { supported, active, enter, exit, toggle }
}

/**
 * Hides the mouse cursor (and whatever else binds to `idle`) after a short time without pointer
 * movement over an element, as presentation tools do. Any movement, click or wheel shows it again.
 */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue'

export const CURSOR_IDLE_MS = 2000

const EVENTS = ['pointermove', 'pointerdown', 'wheel', 'touchstart'] as const

export function useHideCursorIdle(target: Ref<HTMLElement | null>, ms = CURSOR_IDLE_MS) {
  const idle = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null

  const arm = (): void => {
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(() => { idle.value = true }, ms)
  }
  const wake = (): void => {
    idle.value = false
    arm()
  }

  watch(target, (el, old) => {
    for (const e of EVENTS) old?.removeEventListener(e, wake)
    for (const e of EVENTS) el?.addEventListener(e, wake, { passive: true })
    if (el) arm()
  }, { immediate: true })

  onBeforeUnmount(() => {
    if (timer !== null) clearTimeout(timer)
    for (const e of EVENTS) target.value?.removeEventListener(e, wake)
  })

  return { idle, wake }
}

/**
 * A sticky column that may be taller than the window without a scroll bar of its own: its
 * `top` is the window height minus its height when that is below the usual 0.5rem offset, so
 * it scrolls with the page until its end is in view and then stays. One scroll area, nothing cut.
 */
import { onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

const GAP_PX = 8

export function useStickyColumn(el: Ref<HTMLElement | null>): Ref<string> {
  const top = ref(`${GAP_PX}px`)
  const update = (): void => {
    const h = el.value?.offsetHeight ?? 0
    top.value = `${Math.min(GAP_PX, window.innerHeight - h - GAP_PX)}px`
  }
  const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update)
  // the column appears once the scenario is ready, after the view has mounted
  watch(el, (now, before) => {
    if (before) observer?.unobserve(before)
    if (now) observer?.observe(now)
    update()
  })
  onMounted(() => { window.addEventListener('resize', update); update() })
  onBeforeUnmount(() => {
    window.removeEventListener('resize', update)
    observer?.disconnect()
  })
  return top
}

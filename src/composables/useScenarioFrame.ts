/**
 * At most one call per animation frame, leading and trailing: the first call runs at once, later
 * calls in the same frame are folded into one that runs at the next frame with the latest
 * arguments. A dragged slider fires many input events per frame; recomputing and redrawing the
 * page more than once per frame only delays the frame.
 */
import { onBeforeUnmount } from 'vue'

export interface FrameThrottled<A extends unknown[]> {
  (...args: A): void
  cancel: () => void
}

export function frameThrottle<A extends unknown[]>(fn: (...args: A) => void): FrameThrottled<A> {
  let frame: number | null = null
  let last: A | null = null
  const tick = (): void => {
    if (last === null) { frame = null; return }
    const args = last
    last = null
    fn(...args)
    frame = requestAnimationFrame(tick)
  }
  const throttled = ((...args: A): void => {
    if (frame !== null) { last = args; return }
    fn(...args)
    frame = requestAnimationFrame(tick)
  }) as FrameThrottled<A>
  throttled.cancel = () => {
    if (frame !== null) cancelAnimationFrame(frame)
    frame = null
    last = null
  }
  return throttled
}

/** frameThrottle, cancelled when the component unmounts. */
export function useScenarioFrame<A extends unknown[]>(fn: (...args: A) => void): FrameThrottled<A> {
  const throttled = frameThrottle(fn)
  onBeforeUnmount(throttled.cancel)
  return throttled
}

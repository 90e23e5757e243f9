/**
 * Keyboard shortcuts of the meeting deck, on the window:
 *   → ↓ PageDown Space: next · ← ↑ PageUp Shift+Space: back · Home / End: first / last
 *   F: full screen · Esc: leave the presentation.
 * Ignored while typing (inputs, text areas, selects, editable text) and with Ctrl, Alt or Meta
 * held (browser shortcuts such as Ctrl+P and Alt+←). On a focused button, link, checkbox or
 * summary, Space and Enter keep their own meaning (press the control).
 */
import { onBeforeUnmount, onMounted } from 'vue'

export interface SlideKeyActions {
  next: () => void
  prev: () => void
  first: () => void
  last: () => void
  leave: () => void
  toggleFullscreen: () => void
}

export type SlideKeyAction = keyof SlideKeyActions

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'month', 'time', 'week', 'range', 'color', 'file'])

/** True when keys typed at this element belong to it: text entry, selects, editable content. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  const tag = target.tagName
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target as HTMLInputElement).type || 'text')
  return false
}

function isPressable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.closest('button, a[href], input, summary, [role="button"], [role="checkbox"]') !== null
}

/** The deck action of a key press, or null when the deck should leave it alone. Pure. */
export function slideKeyAction(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey' | 'target' | 'isComposing'>): SlideKeyAction | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return null
  if (isTypingTarget(e.target)) return null
  const space = e.key === ' ' || e.key === 'Spacebar'
  if ((space || e.key === 'Enter') && isPressable(e.target)) return null
  if (space) return e.shiftKey ? 'prev' : 'next'
  switch (e.key) {
    case 'ArrowRight': case 'ArrowDown': case 'PageDown': return 'next'
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp': return 'prev'
    case 'Home': return 'first'
    case 'End': return 'last'
    case 'Escape': case 'Esc': return 'leave'
    case 'f': case 'F': return 'toggleFullscreen'
    default: return null
  }
}

export function useSlideKeys(actions: SlideKeyActions): void {
  function onKey(e: KeyboardEvent): void {
    if (e.defaultPrevented) return
    const action = slideKeyAction(e)
    if (!action) return
    e.preventDefault()
    actions[action]()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}

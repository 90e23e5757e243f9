/**
 * Asks before a reload or a closed tab would lose unsaved edits. One window listener for the
 * whole session, added the first time a view asks for it: the scenario being edited outlives
 * the simulator view (it stays in the store), so the guard must outlive it too.
 */
const checks = new Map<string, () => boolean>()
let installed = false

function onBeforeUnload(event: BeforeUnloadEvent): void {
  if (![...checks.values()].some((dirty) => dirty())) return
  event.preventDefault()
  // older Chromium and Edge still need returnValue set to show the dialog
  event.returnValue = ''
}

/**
 * Registers `dirty` under `key` (a later registration with the same key replaces it); the
 * browser asks before leaving the page while any of them returns true.
 */
export function useUnsavedGuard(key: string, dirty: () => boolean): void {
  checks.set(key, dirty)
  if (installed || typeof window === 'undefined') return
  window.addEventListener('beforeunload', onBeforeUnload)
  installed = true
}

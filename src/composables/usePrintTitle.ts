/**
 * While the browser prints (a button or Ctrl+P), the page title is the given file stem: browsers
 * offer the title as the PDF's file name. The title comes back after printing and on unmount.
 */
import { onBeforeUnmount, onMounted } from 'vue'

export function usePrintTitle(stem: () => string | null): void {
  let savedTitle: string | null = null
  const beforePrint = (): void => {
    const s = stem()
    if (s === null || savedTitle !== null) return
    savedTitle = document.title
    document.title = s
  }
  const afterPrint = (): void => {
    if (savedTitle !== null) document.title = savedTitle
    savedTitle = null
  }
  onMounted(() => {
    window.addEventListener('beforeprint', beforePrint)
    window.addEventListener('afterprint', afterPrint)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeprint', beforePrint)
    window.removeEventListener('afterprint', afterPrint)
    afterPrint()
  })
}

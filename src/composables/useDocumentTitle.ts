/**
 * The tab title says which view, municipality and year: 「概要｜登米市 令和7年度 — incentive-lens」,
 * so that tabs and bookmarks can be told apart.
 */
import { watchEffect } from 'vue'
import { useRoute } from 'vue-router'
import { formatFiscalYear } from '@/domain'
import { useDatasetsStore } from '@/stores/datasets'

export const APP_NAME = 'incentive-lens'

export function documentTitle(view: string | null, municipality: string | null, fiscalYear: number | null): string {
  const who = [municipality, fiscalYear === null ? null : formatFiscalYear(fiscalYear, { western: false })].filter(Boolean).join(' ')
  const head = [view, who].filter(Boolean).join('｜')
  return head ? `${head} — ${APP_NAME}` : APP_NAME
}

export function useDocumentTitle(): void {
  const route = useRoute()
  const store = useDatasetsStore()
  watchEffect(() => {
    const view = typeof route.meta.title === 'string' ? route.meta.title : null
    const ds = store.selected
    document.title = documentTitle(view, ds?.municipality.name ?? null, ds?.fiscalYear ?? null)
  })
}

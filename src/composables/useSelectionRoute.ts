/** Keeps the selected municipality and year in the URL (?m=04212&y=2025) and back. */
import { watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import type { DatasetKey } from '@/domain'
import { useDatasetsStore } from '@/stores/datasets'

export function selectionFromQuery(query: Record<string, unknown>): Partial<DatasetKey> {
  const m = typeof query.m === 'string' && /^\d{5,6}$/.test(query.m) ? query.m : undefined
  const y = typeof query.y === 'string' && /^\d{4}$/.test(query.y) ? Number(query.y) : undefined
  return { ...(m ? { code: m } : {}), ...(y ? { fiscalYear: y } : {}) }
}

export function useSelectionRoute(): void {
  const store = useDatasetsStore()
  const route = useRoute()
  const router = useRouter()

  watch(() => store.selection, (sel) => {
    if (!sel) return
    const m = sel.code
    const y = String(sel.fiscalYear)
    if (route.query.m !== m || route.query.y !== y) void router.replace({ query: { ...route.query, m, y } })
  })

  // back/forward and edited URLs
  watch(() => [route.query.m, route.query.y], () => {
    if (store.dbState === 'loading') return
    const want = selectionFromQuery(route.query)
    const sel = store.selection
    if (sel && want.code === sel.code && want.fiscalYear === sel.fiscalYear) return
    if (want.code || want.fiscalYear) store.selectFromLink({ code: want.code ?? sel?.code, fiscalYear: want.fiscalYear })
  })
}

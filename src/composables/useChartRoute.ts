/**
 * Chart view settings kept in the URL, so a link opens the same chart in the same state
 * (municipality, year, axes, comparison) in a meeting. `anim=0` turns animation off for screenshots.
 */
import { computed, type WritableComputedRef } from 'vue'
import { useRoute, useRouter, type RouteLocationRaw } from 'vue-router'
import { formatFiscalYear } from '@/domain'
import { useDatasetsStore } from '@/stores/datasets'
import type { ExportMeta } from './useChartExport'

export function useQueryChoice<T extends string>(name: string, allowed: readonly T[], fallback: T): WritableComputedRef<T> {
  const route = useRoute()
  const router = useRouter()
  return computed({
    get: () => {
      const v = route.query[name]
      return typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback
    },
    set: (v: T) => { void router.replace({ query: { ...route.query, [name]: v === fallback ? undefined : v } }) },
  })
}

export function useChartAnimation() {
  const route = useRoute()
  return computed(() => route.query.anim !== '0')
}

/** The standalone URL of one chart, keeping the current query (selection and settings). */
export function useChartLink(chartId: string) {
  const route = useRoute()
  return computed<RouteLocationRaw | null>(() => (route.name === 'chart' ? null : { name: 'chart', params: { chart: chartId }, query: route.query }))
}

export function useExportMeta(chartId: string, title: () => string) {
  const store = useDatasetsStore()
  return computed<ExportMeta>(() => {
    const ds = store.selected
    const who = ds ? `${ds.municipality.name}（${ds.municipality.prefecture}）` : ''
    return {
      title: title(),
      subtitle: ds ? `${who} ${formatFiscalYear(ds.fiscalYear)} 評価結果` : '',
      source: ds?.source.label ?? '',
      fileName: `${ds?.municipality.name ?? 'chart'}_${ds?.fiscalYear ?? ''}_${chartId}.png`,
    }
  })
}

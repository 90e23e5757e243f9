/**
 * Keeps the open scenario in the URL (?s=<id>, beside ?m= and ?y=) and back: a reload or a shared
 * link reopens the same saved scenario; an unsaved draft has no id in the URL. The saved
 * scenarios of the selection are read whenever the selection changes.
 */
import { ref, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useDatasetsStore } from '@/stores/datasets'
import { useScenariosStore } from '@/stores/scenarios'

export function useScenarioRoute(): { missing: Ref<string | null> } {
  const datasets = useDatasetsStore()
  const scenarios = useScenariosStore()
  const route = useRoute()
  const router = useRouter()
  const missing = ref<string | null>(null)

  watch(() => [datasets.selected, route.query.s] as const, async ([ds, s]) => {
    if (!ds) return
    await scenarios.load()
    if (datasets.selected !== ds) return // the selection moved on while reading
    const want = typeof s === 'string' && s !== '' ? s : null
    if (want && want !== scenarios.current?.id) {
      const opened = await scenarios.open(want)
      if (!opened) {
        missing.value = 'URLで指定されたシナリオが見つかりません（削除された可能性があります）。新しいシナリオを表示しています。'
        void router.replace({ query: { ...route.query, s: undefined } })
      } else if (opened.code !== ds.municipality.code || opened.fiscalYear !== ds.fiscalYear) {
        // a scenario of another municipality or year: select its dataset when it is loaded
        if (datasets.datasets.some((d) => d.municipality.code === opened.code && d.fiscalYear === opened.fiscalYear)) {
          datasets.select({ code: opened.code, fiscalYear: opened.fiscalYear })
          return
        }
        missing.value = `シナリオ「${opened.name}」の市町村・年度のデータがないため開けません。新しいシナリオを表示しています。`
        void router.replace({ query: { ...route.query, s: undefined } })
      } else {
        missing.value = null
      }
    }
    scenarios.ensureForSelection()
  }, { immediate: true })

  // A saved scenario puts its id in the URL; a draft takes it out.
  watch(() => (scenarios.isSaved ? scenarios.current?.id ?? null : null), (id) => {
    const inUrl = typeof route.query.s === 'string' ? route.query.s : null
    if (id === inUrl) return
    if (id === null && inUrl !== null && scenarios.current === null) return
    void router.replace({ query: { ...route.query, s: id ?? undefined } })
  })

  return { missing }
}

/**
 * THE HOOK between the meeting deck and the what-if simulator: the saved scenarios of the
 * selected municipality and year, as slide inputs. It is the only file of the deck that knows the
 * simulator's store (src/stores/scenarios.ts); should that store change shape, only this file
 * changes. It reads `saved`, `load()` and `evaluate(scenario)`; everything else the slide shows is
 * computed by the domain (applyScenarioDetailed for the list of changes).
 */
import { computed, watch, type ComputedRef } from 'vue'
import { applyScenarioDetailed, formatPoints, GRANT_NAMES, GROUP_LABELS, type GroupChange, type YearDataset } from '@/domain'
import { useScenariosStore } from '@/stores/scenarios'
import type { ScenarioSlideInput } from './presentationSlides'

function changeLine(c: GroupChange): string {
  const owner = c.goal === 'IV' ? '両交付金共通' : GRANT_NAMES[c.grant].shortName
  const items = c.itemIds.length > 0 ? `（取組${c.itemIds.length}項目）` : ''
  return `${owner} 目標${c.goal} ${GROUP_LABELS[c.kind].label}：${formatPoints(c.from)}点 → ${formatPoints(c.to)}点${items}`
}

export function useScenarioSlides(baseline: () => YearDataset | null): ComputedRef<ScenarioSlideInput[]> {
  const store = useScenariosStore()
  watch(() => baseline(), (b) => { if (b) void store.load() }, { immediate: true })
  return computed(() => {
    const b = baseline()
    if (!b) return []
    return store.saved.flatMap((s): ScenarioSlideInput[] => {
      const ev = store.evaluate(s)
      if (!ev) return []
      const changes = [...new Set(applyScenarioDetailed(b, s).changes.map(changeLine))]
      return [{ id: s.id, name: s.name, baseline: b, applied: ev.dataset, changes, allocation: ev.allocation }]
    })
  })
}

/**
 * Which slides the deck shows and in what order, saved per municipality (src/db/slides.ts).
 * Pure functions first (merge, move, toggle), then the reactive wrapper that loads and saves.
 *
 * The stored list keeps entries for slides that are not available right now (e.g. a year with
 * totals only has no radar), so switching years never loses the choice; new slides are placed
 * where the default order puts them.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { describeDbError, loadSlideChoice, saveSlideChoice, type SlideChoiceEntry } from '@/db'
import { useDatasetsStore } from '@/stores/datasets'

export type { SlideChoiceEntry }

/** Saved scenarios are shown only when chosen; every other slide is in the deck by default. */
export function includedByDefault(id: string): boolean {
  return !id.startsWith('scenario:')
}

/**
 * The entries for the available slides: the saved order and choice where there is one, and
 * each slide not in it inserted after its nearest predecessor in the default order.
 * `available` is in the default order.
 */
export function mergeChoice(saved: readonly SlideChoiceEntry[] | null, available: readonly string[]): SlideChoiceEntry[] {
  const avail = new Set(available)
  const out = (saved ?? []).filter((e) => avail.has(e.id)).map((e) => ({ ...e }))
  const placed = new Set(out.map((e) => e.id))
  available.forEach((id, i) => {
    if (placed.has(id)) return
    let at = 0
    for (let j = i - 1; j >= 0; j--) {
      const k = out.findIndex((e) => e.id === available[j])
      if (k >= 0) { at = k + 1; break }
    }
    out.splice(at, 0, { id, included: includedByDefault(id) })
    placed.add(id)
  })
  return out
}

/** What to store: the visible entries, then saved entries for slides not available now. */
export function storedChoice(visible: readonly SlideChoiceEntry[], saved: readonly SlideChoiceEntry[] | null): SlideChoiceEntry[] {
  const ids = new Set(visible.map((e) => e.id))
  return [...visible.map((e) => ({ ...e })), ...(saved ?? []).filter((e) => !ids.has(e.id)).map((e) => ({ ...e }))]
}

/** Moves an entry one place up (−1) or down (+1); unchanged at either end. */
export function moveEntry(list: readonly SlideChoiceEntry[], id: string, delta: -1 | 1): SlideChoiceEntry[] {
  const i = list.findIndex((e) => e.id === id)
  const j = i + delta
  const out = list.map((e) => ({ ...e }))
  const a = out[i]
  const b = out[j]
  if (i < 0 || !a || !b) return out
  out[i] = b
  out[j] = a
  return out
}

export function toggleEntry(list: readonly SlideChoiceEntry[], id: string, included: boolean): SlideChoiceEntry[] {
  return list.map((e) => (e.id === id ? { ...e, included } : { ...e }))
}

export function useSlideChoice(code: Ref<string | null>, available: Ref<readonly string[]>) {
  const store = useDatasetsStore()
  const saved = shallowRef<SlideChoiceEntry[] | null>(null)
  const loadedFor = ref<string | null>(null)
  const error = ref<string | null>(null)

  watch(code, async (c) => {
    loadedFor.value = null
    saved.value = null
    error.value = null
    const db = store.database()
    if (!c) return
    let choice: SlideChoiceEntry[] | null = null
    try {
      choice = db ? await loadSlideChoice(db, c) : null
    } catch (err) {
      error.value = describeDbError(err, '読み込み')
    }
    if (code.value !== c) return // the municipality changed while reading
    saved.value = choice
    loadedFor.value = c
  }, { immediate: true })

  const entries = computed(() => mergeChoice(saved.value, available.value))
  const included = computed(() => entries.value.filter((e) => e.included).map((e) => e.id))

  async function commit(visible: SlideChoiceEntry[]): Promise<void> {
    const c = code.value
    const next = storedChoice(visible, saved.value)
    saved.value = next
    const db = store.database()
    if (!c || !db) return
    try {
      await saveSlideChoice(db, c, next, new Date().toISOString())
      error.value = null
    } catch (err) {
      error.value = describeDbError(err, '保存')
    }
  }

  return {
    entries,
    included,
    /** true once the saved choice (or its absence) is known for the current municipality */
    ready: computed(() => code.value !== null && loadedFor.value === code.value),
    /** false when the choice lives only in memory (the database could not be opened) */
    persistent: computed(() => store.database() !== null),
    error,
    move: (id: string, delta: -1 | 1) => commit(moveEntry(entries.value, id, delta)),
    toggle: (id: string, on: boolean) => commit(toggleEntry(entries.value, id, on)),
    /** back to the default: every standard slide, in the default order */
    reset: () => commit(available.value.map((id) => ({ id, included: includedByDefault(id) }))),
  }
}

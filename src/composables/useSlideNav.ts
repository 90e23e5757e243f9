/**
 * The current slide, kept in the URL as a 1-based number (`&slide=3`) so that a reload or a
 * shared link opens the same slide. Moves replace the history entry: Back leaves the deck rather
 * than stepping through every slide.
 */
import { computed, watch, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

/** The 0-based slide index of a `slide` query value, clamped to the deck. */
export function slideIndexFromQuery(value: unknown, count: number): number {
  if (count <= 0) return 0
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 1
  return Math.min(Math.max(n, 1), count) - 1
}

export function useSlideNav(count: Ref<number>) {
  const route = useRoute()
  const router = useRouter()
  const index = computed(() => slideIndexFromQuery(route.query.slide, count.value))

  function go(i: number): void {
    if (count.value <= 0) return
    const target = Math.min(Math.max(i, 0), count.value - 1)
    const slide = String(target + 1)
    if (route.query.slide === slide) return
    void router.replace({ query: { ...route.query, slide } })
  }

  // A shrinking deck (a slide left out) keeps the URL honest.
  watch(count, (n) => {
    if (n > 0 && route.query.slide !== undefined && route.query.slide !== String(index.value + 1)) go(index.value)
  })

  return {
    index,
    go,
    next: () => go(index.value + 1),
    prev: () => go(index.value - 1),
    first: () => go(0),
    last: () => go(count.value - 1),
  }
}

/**
 * Meeting mode, wired from small composables (after Slidev's play page): the slides of the
 * selected dataset, the saved slide choice, the slide number in the URL, keys, full screen,
 * a hidden idle cursor, a screen kept awake, and the hand-off (PowerPoint, print).
 */
import { computed, ref, type Ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useDatasetsStore } from '@/stores/datasets'
import { buildSlides, deckMeta, type Slide } from './presentationSlides'
import { useDeckExport } from './useDeckExport'
import { useFullscreen } from './useFullscreen'
import { useHideCursorIdle } from './useHideCursorIdle'
import { useScenarioSlides } from './useScenarioSlides'
import { useSlideChoice } from './useSlideChoice'
import { useSlideKeys } from './useSlideKeys'
import { useSlideNav } from './useSlideNav'
import { useWakeLock } from './useWakeLock'

export function usePresentation(root: Ref<HTMLElement | null>, stage: Ref<HTMLElement | null>) {
  const store = useDatasetsStore()
  const route = useRoute()
  const router = useRouter()

  const ds = computed(() => store.selected)
  const scenarios = useScenarioSlides(() => ds.value)
  const slides = computed<Slide[]>(() => (ds.value ? buildSlides(ds.value, store.datasets, scenarios.value) : []))
  const meta = computed(() => (ds.value ? deckMeta(ds.value) : null))
  const titles = computed(() => Object.fromEntries(slides.value.map((s) => [s.id, s.title])))

  const choice = useSlideChoice(computed(() => ds.value?.municipality.code ?? null), computed(() => slides.value.map((s) => s.id)))
  const deck = computed(() => {
    const byId = new Map(slides.value.map((s) => [s.id, s]))
    return choice.included.value.flatMap((id) => byId.get(id) ?? [])
  })

  const nav = useSlideNav(computed(() => deck.value.length))
  const current = computed(() => deck.value[nav.index.value] ?? null)

  /** the slide chooser is open on arrival, closed when the URL already points at a slide */
  const panelOpen = ref(route.query.slide === undefined)

  /** Esc outside full screen: to the overview by a new history entry, so Back returns to this slide. */
  function leave(): void {
    void fullscreen.exit()
    void router.push({ name: 'overview', query: { m: route.query.m, y: route.query.y } })
  }
  // The browser's own Esc in full screen only leaves full screen: the deck stays on its slide
  // (it used to leave the deck at once, and the presenter lost the place).
  const fullscreen = useFullscreen(root)
  const { idle } = useHideCursorIdle(stage)
  const wakeLock = useWakeLock(() => ds.value !== null)
  const exporter = useDeckExport(deck, meta)

  async function start(): Promise<void> {
    panelOpen.value = false
    nav.go(nav.index.value)
    await fullscreen.enter()
  }

  function toggleFullscreen(): void {
    if (!fullscreen.active.value) panelOpen.value = false
    void fullscreen.toggle()
  }

  useSlideKeys({ next: nav.next, prev: nav.prev, first: nav.first, last: nav.last, leave, toggleFullscreen })

  return {
    ds, meta, slides, titles, deck, current, choice, nav, panelOpen, idle, fullscreen, wakeLock, exporter,
    start, leave, toggleFullscreen,
  }
}

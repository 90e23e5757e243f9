/**
 * Hand-off of the deck: every chart drawn off screen as a PNG (pixel ratio 2, on white), kept
 * for the print layout and the PowerPoint file. Images are drawn in the background once the deck
 * is on screen, so that the browser's own print command (Ctrl+P) finds them ready; the buttons
 * wait for them. Nothing here touches the network: the file is saved through a blob: URL.
 */
import { computed, nextTick, ref, shallowRef, watch, type Ref } from 'vue'
import type { DeckMeta, Slide } from './presentationSlides'
import { downloadBlob } from './useChartExport'
import { usePrintTitle } from './usePrintTitle'
import type { ChartImage } from './chartImage'
import { CHART_FONT_SIZE, CHART_IMAGE_SIZE, EXPORT_PIXEL_RATIO } from './deckGeometry'
import { largeTypeOption } from './largeTypeOption'

export function useDeckExport(deck: Ref<readonly Slide[]>, meta: Ref<DeckMeta | null>) {
  const images = shallowRef<Record<string, ChartImage>>({})
  const busy = ref<'pptx' | 'print' | null>(null)
  const message = ref<string | null>(null)
  const error = ref<string | null>(null)
  let generation = 0
  let running: Promise<void> | null = null

  // New slide objects (new data, another year) mean new pictures.
  watch(deck, (now, before) => {
    const keep = new Set(now.filter((s) => before?.includes(s)).map((s) => s.id))
    const kept = Object.fromEntries(Object.entries(images.value).filter(([id]) => keep.has(id)))
    if (Object.keys(kept).length !== Object.keys(images.value).length) { images.value = kept; generation++ }
  })

  const chartSlides = computed(() => deck.value.filter((s): s is Extract<Slide, { kind: 'chart' }> => s.kind === 'chart'))
  const ready = computed(() => chartSlides.value.every((s) => images.value[s.id] !== undefined))

  async function drawMissing(): Promise<void> {
    const gen = generation
    const { renderChartImage } = await import('./chartImage')
    for (const s of chartSlides.value) {
      if (gen !== generation) return
      if (images.value[s.id]) continue
      const option = largeTypeOption(s.option, { fontSize: CHART_FONT_SIZE })
      const img = await renderChartImage(option, CHART_IMAGE_SIZE, EXPORT_PIXEL_RATIO)
      if (gen !== generation) return
      images.value = { ...images.value, [s.id]: img }
      // let the page breathe between charts
      await new Promise((r) => setTimeout(r, 0))
    }
  }

  /** Draws every chart of the deck that has no image yet. */
  async function ensureImages(): Promise<void> {
    while (!ready.value) {
      running ??= drawMissing().finally(() => { running = null })
      await running
    }
  }

  /** Starts drawing in the background; failures surface only when the user asks for a file. */
  function prepareInBackground(delayMs = 800): void {
    setTimeout(() => { void ensureImages().catch(() => undefined) }, delayMs)
  }

  // Printing (the button or Ctrl+P) names the PDF after the deck.
  usePrintTitle(() => meta.value?.fileStem ?? null)

  async function exportPptx(): Promise<void> {
    const m = meta.value
    if (!m || busy.value) return
    busy.value = 'pptx'
    error.value = null
    message.value = 'PowerPoint ファイルを作成しています…'
    try {
      await ensureImages()
      const { buildDeckPptx } = await import('@/export/pptx')
      const blob = await buildDeckPptx({ meta: m, slides: deck.value, images: images.value }, 'blob')
      downloadBlob(blob as Blob, `${m.fileStem}.pptx`)
      message.value = `「${m.fileStem}.pptx」を保存しました（${deck.value.length}枚）。`
    } catch (err) {
      message.value = null
      error.value = `PowerPoint ファイルを作成できませんでした。${err instanceof Error ? err.message : ''}`
    } finally {
      busy.value = null
    }
  }

  async function printDeck(): Promise<void> {
    if (busy.value) return
    busy.value = 'print'
    error.value = null
    message.value = '印刷の準備をしています…'
    try {
      await ensureImages()
      await nextTick()
      await Promise.all([...document.querySelectorAll<HTMLImageElement>('.print-deck img')].map((img) => img.decode().catch(() => undefined)))
      message.value = '印刷画面で「PDF に保存」を選ぶと、1枚1ページの PDF になります。'
      window.print()
    } catch (err) {
      message.value = null
      error.value = `印刷の準備ができませんでした。${err instanceof Error ? err.message : ''}`
    } finally {
      busy.value = null
    }
  }

  return { images, ready, busy, message, error, ensureImages, prepareInBackground, exportPptx, printDeck }
}

/**
 * Hand-off of the yearly report: the goal radars drawn off screen as PNG (for the page, the print
 * layout and the Word file), the .docx built with the lazily loaded `docx` package, and printing.
 * Nothing here touches the network: the file is saved through a blob: URL.
 */
import { computed, onMounted, ref, shallowRef, watch, type Ref } from 'vue'
import { datasetGapRows, GRANT_IDS, type GrantId } from '@/domain'
import type { ReportDocument } from '@/domain/report'
import { buildRadarOption } from '@/charts/radarOption'
import { useDatasetsStore } from '@/stores/datasets'
import type { ChartImage } from './chartImage'
import { downloadBlob } from './useChartExport'
import { usePrintTitle } from './usePrintTitle'

/** CSS px of a radar image; drawn at 2×. About half an A4 text width each. */
export const REPORT_RADAR_SIZE = { width: 560, height: 420 } as const

/** File names without the characters Windows refuses. */
export function reportFileStem(name: string, fiscalYear: number): string {
  return `${name}_${fiscalYear}_評価結果報告書`.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
}

export function useReportExport(report: Ref<ReportDocument | null>, beforeExport: () => Promise<void>) {
  const data = useDatasetsStore()
  const radars = shallowRef<Partial<Record<GrantId, ChartImage>>>({})
  const busy = ref<'docx' | 'print' | null>(null)
  const message = ref<string | null>(null)
  const error = ref<string | null>(null)
  const fileStem = computed(() => (report.value ? reportFileStem(report.value.municipality.name, report.value.fiscalYear) : 'report'))

  let generation = 0
  async function drawRadars(): Promise<void> {
    const gen = ++generation
    const ds = data.selected
    const rows = ds ? datasetGapRows(ds) : []
    const out: Partial<Record<GrantId, ChartImage>> = {}
    const grants = GRANT_IDS.filter((g) => rows.filter((r) => r.grant === g && r.level === 'goal').length > 2)
    if (grants.length === 0 || !ds) { radars.value = out; return }
    const { renderChartImage } = await import('./chartImage')
    for (const g of grants) {
      const option = buildRadarOption(rows.filter((r) => r.grant === g), { axes: 'goals', animation: false, labels: { municipality: ds.municipality.name } })
      out[g] = await renderChartImage(option, REPORT_RADAR_SIZE, 2)
      if (gen !== generation) return
    }
    radars.value = out
  }
  const drawing = ref<Promise<void> | null>(null)
  function redraw(): void {
    drawing.value = drawRadars().catch(() => { radars.value = {} })
  }
  watch(() => data.selected, redraw)
  onMounted(redraw)

  async function exportDocx(): Promise<void> {
    const r = report.value
    if (!r || busy.value) return
    busy.value = 'docx'
    error.value = null
    message.value = 'Word ファイルを作成しています…'
    try {
      await beforeExport()
      await drawing.value
      const { packReportDocx } = await import('@/export/docx')
      const blob = await packReportDocx({ report: report.value ?? r, radars: radars.value }, 'blob')
      downloadBlob(blob, `${fileStem.value}.docx`)
      message.value = `「${fileStem.value}.docx」を保存しました。`
    } catch (err) {
      message.value = null
      error.value = `Word ファイルを作成できませんでした。${err instanceof Error ? err.message : ''}`
    } finally {
      busy.value = null
    }
  }

  async function printReport(): Promise<void> {
    if (busy.value) return
    busy.value = 'print'
    error.value = null
    try {
      await beforeExport()
      await drawing.value
      message.value = '印刷画面で「PDF に保存」を選ぶと、A4 縦の PDF になります。'
      window.print()
    } finally {
      busy.value = null
    }
  }

  // Ctrl+P too: the browser offers the title as the PDF's file name.
  usePrintTitle(() => fileStem.value)

  return { radars, busy, message, error, fileStem, exportDocx, printReport }
}

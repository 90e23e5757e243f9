/**
 * PNG export of a chart: the chart drawn at 2× on white, with the title, the municipality and
 * year above it and the source below, so the image stands on its own in a slide or a mail.
 */
import { FONT_FAMILY } from '@/charts/theme'
import { PALETTE } from '@/charts/theme'

export interface ExportMeta {
  title: string
  /** e.g. 登米市（宮城県） 令和7年度 (2025) */
  subtitle: string
  source: string
  fileName: string
}

export const EXPORT_PIXEL_RATIO = 2
const HEADER = 64
const FOOTER = 36
const PAD = 16

/** The exported image's size in device pixels for a chart of the given CSS size. */
export function exportSize(chartWidth: number, chartHeight: number, ratio = EXPORT_PIXEL_RATIO): { width: number; height: number } {
  return { width: Math.round(chartWidth * ratio), height: Math.round((chartHeight + HEADER + FOOTER) * ratio) }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('グラフの画像を作成できませんでした'))
    img.src = src
  })
}

export async function composeChartPng(chartDataUrl: string, chartWidth: number, chartHeight: number, meta: ExportMeta): Promise<Blob> {
  const r = EXPORT_PIXEL_RATIO
  const size = exportSize(chartWidth, chartHeight, r)
  const canvas = document.createElement('canvas')
  canvas.width = size.width
  canvas.height = size.height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('画像を作成できませんでした（このブラウザでは canvas が使えません）')
  ctx.scale(r, r)
  ctx.fillStyle = PALETTE.white
  ctx.fillRect(0, 0, chartWidth, chartHeight + HEADER + FOOTER)
  ctx.fillStyle = PALETTE.text
  ctx.textBaseline = 'top'
  ctx.font = `bold 20px ${FONT_FAMILY}`
  ctx.fillText(meta.title, PAD, 12, chartWidth - 2 * PAD)
  ctx.font = `14px ${FONT_FAMILY}`
  ctx.fillText(meta.subtitle, PAD, 40, chartWidth - 2 * PAD)
  const img = await loadImage(chartDataUrl)
  ctx.drawImage(img, 0, HEADER, chartWidth, chartHeight)
  ctx.fillStyle = PALETTE.textSub
  ctx.font = `12px ${FONT_FAMILY}`
  ctx.fillText(`出典：${meta.source}`, PAD, HEADER + chartHeight + 12, chartWidth - 2 * PAD)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('画像を作成できませんでした'))), 'image/png'))
}

/** Saves a blob as a file through a same-origin blob: URL (no network). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

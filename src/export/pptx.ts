/**
 * The meeting deck as a PowerPoint file, built in the browser with pptxgenjs (loaded lazily: it is
 * only fetched from the app's own origin when a file is made, and makes no request of its own: every
 * image is handed over as a data URL). One slide per deck slide: charts as high-resolution images,
 * and every title, caption, note, table and footer as editable text, so the file can be reworked
 * in PowerPoint.
 */
import type { DeckMeta, Slide } from '@/composables/presentationSlides'
import { TOKENS } from '@/theme/tokens'

/** A chart drawn as PNG; width and height in CSS px give the aspect ratio. */
export interface PptxImage {
  dataUrl: string
  width: number
  height: number
}

export interface PptxDeck {
  meta: DeckMeta
  slides: readonly Slide[]
  /** chart images by slide id */
  images: Readonly<Record<string, PptxImage>>
}

/** The fonts Japanese municipal PCs have (Windows 10 and later ship BIZ UDPGothic). */
export const PPTX_FONT = 'BIZ UDPGothic'
const LANG = 'ja-JP'
// 16:9, 13.333 × 7.5 inches
const W = 13.333
const MARGIN = 0.5
const INNER = W - 2 * MARGIN
/** the design tokens as PowerPoint wants them: RRGGBB without # */
const pptColour = (hex: string): string => hex.slice(1).toUpperCase()
const COLOR = {
  text: pptColour(TOKENS.text), sub: pptColour(TOKENS.textSub), blue: pptColour(TOKENS.blue), line: pptColour(TOKENS.line),
  head: pptColour(TOKENS.blueTint), white: pptColour(TOKENS.white), red: pptColour(TOKENS.red),
}

type Pptx = import('pptxgenjs').default
type PptxSlide = ReturnType<Pptx['addSlide']>
type TextOpts = Parameters<PptxSlide['addText']>[1]

/**
 * XML text for a part pptxgenjs writes without escaping: 4.0.1 puts `company` into
 * docProps/app.xml as given (a name with < or & made PowerPoint offer to repair the file).
 */
export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')
}

const text = (o: TextOpts): TextOpts => ({ fontFace: PPTX_FONT, lang: LANG, color: COLOR.text, margin: 0, valign: 'top', ...o })

/** Fits an image of the given aspect into a box, centred horizontally. */
export function fitImage(img: { width: number; height: number }, box: { x: number; y: number; w: number; h: number }): { x: number; y: number; w: number; h: number } {
  const aspect = img.width / img.height
  let w = box.w
  let h = w / aspect
  if (h > box.h) { h = box.h; w = h * aspect }
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h }
}

function footer(s: PptxSlide, meta: DeckMeta, source: string, n: number, total: number): void {
  s.addShape('line', { x: MARGIN, y: 6.9, w: INNER, h: 0, line: { color: COLOR.line, width: 0.75 } })
  s.addText(`${meta.who}　${meta.year} 評価結果　出典：${source}`, text({ x: MARGIN, y: 6.98, w: INNER - 1.4, h: 0.35, fontSize: 11, color: COLOR.sub, fit: 'shrink' }))
  s.addText(`${n} / ${total}`, text({ x: W - MARGIN - 1.3, y: 6.98, w: 1.3, h: 0.35, fontSize: 12, color: COLOR.sub, align: 'right' }))
}

function head(s: PptxSlide, slide: Slide): void {
  s.addText(slide.title, text({ x: MARGIN, y: 0.35, w: INNER, h: 0.55, fontSize: 24, bold: true, fit: 'shrink' }))
  s.addText(slide.caption, text({ x: MARGIN, y: 0.98, w: INNER, h: 0.75, fontSize: 20, bold: true, color: COLOR.blue, fit: 'shrink' }))
}

function note(s: PptxSlide, slide: Slide): void {
  if (slide.note) s.addText(`注：${slide.note}`, text({ x: MARGIN, y: 6.45, w: INNER, h: 0.4, fontSize: 11, color: COLOR.sub, fit: 'shrink' }))
}

function titleSlide(s: PptxSlide, slide: Extract<Slide, { kind: 'title' }>): void {
  s.addText(slide.title, text({ x: MARGIN, y: 0.5, w: INNER, h: 0.5, fontSize: 20, color: COLOR.sub }))
  s.addText(slide.heading, text({ x: MARGIN, y: 1.05, w: INNER, h: 0.9, fontSize: 40, bold: true }))
  s.addText(slide.subheading, text({ x: MARGIN, y: 1.95, w: INNER, h: 0.5, fontSize: 18, fit: 'shrink' }))
  const cardW = (INNER - 0.4) / 2
  slide.cards.forEach((c, i) => {
    const x = MARGIN + i * (cardW + 0.4)
    s.addShape('rect', { x, y: 2.7, w: cardW, h: 2.75, fill: { color: COLOR.white }, line: { color: COLOR.line, width: 1 } })
    s.addText([
      { text: c.name, options: { fontSize: 16, bold: true, breakLine: true } },
      { text: `${c.score}`, options: { fontSize: 40, bold: true, color: COLOR.blue } },
      { text: `／${c.max}点　得点率 ${c.rate}`, options: { fontSize: 18, breakLine: true } },
      { text: `県内順位 ${c.prefRank}　全国順位 ${c.natRank}`, options: { fontSize: 16, breakLine: true } },
      { text: `交付額 ${c.amount}`, options: { fontSize: 16 } },
    ], text({ x: x + 0.25, y: 2.85, w: cardW - 0.5, h: 2.5, paraSpaceAfter: 6 }))
  })
  if (slide.combined) s.addText(slide.combined, text({ x: MARGIN, y: 5.5, w: INNER, h: 0.4, fontSize: 16, bold: true, fit: 'shrink' }))
  s.addText(slide.caption, text({ x: MARGIN, y: slide.combined ? 5.95 : 5.7, w: INNER, h: slide.combined ? 0.6 : 0.8, fontSize: 20, bold: true, color: COLOR.blue, fit: 'shrink' }))
}

function chartSlide(s: PptxSlide, slide: Slide, image: PptxImage | undefined): void {
  head(s, slide)
  const box = { x: MARGIN, y: 1.85, w: INNER, h: 4.55 }
  if (image) {
    s.addImage({ data: image.dataUrl, ...fitImage(image, box), altText: `${slide.title}。${slide.caption}` })
  } else {
    s.addText('（グラフを画像にできませんでした）', text({ ...box, fontSize: 18, color: COLOR.sub, align: 'center', valign: 'middle' }))
  }
  note(s, slide)
}

function listSlide(s: PptxSlide, slide: Extract<Slide, { kind: 'list' }>): void {
  head(s, slide)
  const n = slide.items.length
  // Numbers are written out and the detail indented with spaces: list levels and soft breaks
  // render differently in PowerPoint and LibreOffice, plain text the same everywhere.
  s.addText(slide.items.flatMap((item, i) => [
    { text: n > 1 ? `${i + 1}. ${item.head}` : item.head, options: { bold: true, breakLine: true } },
    ...(item.detail ? [{ text: `　　${item.detail}`, options: { color: COLOR.red, bold: true, fontSize: 22, breakLine: true, paraSpaceAfter: 16 } }] : []),
  ]), text({ x: MARGIN, y: 2.0, w: INNER, h: 4.3, fontSize: 26, fit: 'shrink' }))
  note(s, slide)
}

function tableSlide(s: PptxSlide, slide: Extract<Slide, { kind: 'table' }>): void {
  head(s, slide)
  const cell = (t: string, o: Record<string, unknown> = {}) => ({ text: t, options: { fontFace: PPTX_FONT, lang: LANG, fontSize: 16, color: COLOR.text, ...o } })
  const rows = [
    slide.columns.map((c) => cell(c, { bold: true, fill: { color: COLOR.head } })),
    ...slide.rows.map((r) => [cell(r.header, { bold: true }), ...r.cells.map((c) => cell(c, { align: 'right' }))]),
  ]
  s.addTable(rows, { x: MARGIN, y: 1.95, w: INNER, colW: [1.9, 2.6, 1.7, 4.0, 2.133], border: { type: 'solid', pt: 0.75, color: COLOR.line }, margin: 0.08 })
  if (slide.lines.length > 0) {
    s.addText(['変更した指標群', ...slide.lines].map((l, i) => ({ text: l, options: { bold: i === 0, breakLine: i < slide.lines.length, bullet: i > 0 } })),
      text({ x: MARGIN, y: 3.9, w: INNER, h: 2.45, fontSize: 16, paraSpaceAfter: 4, fit: 'shrink' }))
  }
  note(s, slide)
}

/** Builds the file. `blob` in the browser; `uint8array` for tests in Node. */
export async function buildDeckPptx(deck: PptxDeck, outputType: 'blob' | 'uint8array' = 'blob'): Promise<Blob | Uint8Array> {
  const { default: PptxGenJS } = await import('pptxgenjs')
  const pptx = new PptxGenJS()
  pptx.layout = 'LAYOUT_WIDE'
  pptx.title = `${deck.meta.who} ${deck.meta.year} インセンティブ交付金 評価結果`
  pptx.subject = '保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果'
  pptx.company = escapeXmlText(deck.meta.who)
  pptx.theme = { headFontFace: PPTX_FONT, bodyFontFace: PPTX_FONT }

  const total = deck.slides.length
  deck.slides.forEach((slide, i) => {
    const s = pptx.addSlide()
    s.background = { color: COLOR.white }
    if (slide.kind === 'title') titleSlide(s, slide)
    else if (slide.kind === 'chart') chartSlide(s, slide, deck.images[slide.id])
    else if (slide.kind === 'list') listSlide(s, slide)
    else tableSlide(s, slide)
    footer(s, deck.meta, slide.source || deck.meta.source, i + 1, total)
    s.addNotes([slide.caption, slide.note].filter((t) => t !== '').join('\n'))
  })
  const out = await pptx.write({ outputType, compression: true })
  if (outputType === 'blob' && out instanceof Blob) return out
  if (out instanceof Uint8Array) return out
  throw new Error('PowerPoint ファイルを作成できませんでした')
}

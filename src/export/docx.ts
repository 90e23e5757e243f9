/**
 * The yearly report as a Word file, built in the browser with the `docx` package (loaded lazily:
 * only when the user asks for the file, from the app's own origin; it makes no request). Real
 * Word tables, headings and paragraphs, A4 portrait, Japanese fonts named, so the file can be
 * edited in Word. Text goes in as text: the library escapes it for XML.
 */
import {
  AlignmentType, Document, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableLayoutType, TableRow,
  TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx'
import { GRANT_IDS, type GrantId } from '@/domain'
import { EVALUATION_HEADER, evaluationFigures, paragraphsOf, reportHeadings, type EvaluationRow, type ReportDocument } from '@/domain/report'

/** A chart drawn as PNG; width and height in CSS px give the aspect ratio. */
export interface DocxImage {
  dataUrl: string
  width: number
  height: number
}

export interface DocxInput {
  report: ReportDocument
  /** radar charts of the goals, per grant, where drawn */
  radars: Partial<Record<GrantId, DocxImage>>
}

/** Windows 10 and later ship BIZ UDPゴシック; older PCs fall back to MS 明朝 (see fontTable below). */
export const DOCX_FONT = 'BIZ UDPゴシック'
export const DOCX_FALLBACK_FONT = 'MS 明朝'
const FONT = { ascii: DOCX_FONT, eastAsia: DOCX_FONT, hAnsi: DOCX_FONT, cs: DOCX_FONT }
const LANG = { value: 'ja-JP', eastAsia: 'ja-JP' }
// A4 portrait in twips (1/1440 in), 20 mm margins: 170 mm = 9638 twips of text width
const PAGE = { width: 11906, height: 16838, margin: 1134 }
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin
const LABEL_WIDTH = 2558
const FIGURE_WIDTH = (TEXT_WIDTH - LABEL_WIDTH) / 12
const HEAD_FILL = 'E8F1FE'
const TOTAL_FILL = 'F1F1F4'

/**
 * The font table names both faces with their alternates, so Word substitutes MS 明朝 where
 * BIZ UDPゴシック is missing (charset 80 = Shift_JIS, the Japanese faces).
 */
const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:font w:name="${DOCX_FONT}"><w:altName w:val="${DOCX_FALLBACK_FONT}"/><w:charset w:val="80"/><w:family w:val="modern"/><w:pitch w:val="variable"/></w:font>
<w:font w:name="${DOCX_FALLBACK_FONT}"><w:altName w:val="MS Mincho"/><w:charset w:val="80"/><w:family w:val="roman"/><w:pitch w:val="fixed"/></w:font>
</w:fonts>`

const run = (text: string, o: Omit<IRunOptions, 'text'> = {}): TextRun => new TextRun({ text, font: FONT, language: LANG, ...o })

function body(text: string): Paragraph[] {
  return paragraphsOf(text).map((p) => new Paragraph({ children: [run(p)], indent: { firstLine: 210 }, spacing: { after: 80, line: 330 } }))
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: level, pageBreakBefore, keepNext: true, spacing: { before: 240, after: 120 }, children: [run(text, { bold: true, color: '1A1A1C', size: level === HeadingLevel.HEADING_1 ? 26 : 22 })] })
}

interface CellOpts { span?: number; rows?: number; fill?: string; bold?: boolean; align?: 'left' | 'right' | 'center'; width?: number }

/** One table cell; every paragraph keeps with the next so that Word moves the table as one block. */
function cell(lines: readonly string[], o: CellOpts = {}, keep = true): TableCell {
  const alignment = o.align === 'left' ? AlignmentType.LEFT : o.align === 'center' ? AlignmentType.CENTER : AlignmentType.RIGHT
  return new TableCell({
    columnSpan: o.span, rowSpan: o.rows, verticalAlign: VerticalAlign.CENTER,
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined,
    shading: o.fill ? { fill: o.fill } : undefined,
    margins: { top: 20, bottom: 20, left: 50, right: 50 },
    children: lines.map((l) => new Paragraph({ alignment, keepNext: keep, keepLines: true, children: [run(l, { size: 14, bold: o.bold })] })),
  })
}

function headerRows(report: ReportDocument): TableRow[] {
  const h = EVALUATION_HEADER
  const grantHead = (g: GrantId) => cell([report.table.grantNames[g]], { span: 6, fill: HEAD_FILL, bold: true, align: 'center' })
  const cols = () => [
    cell([h.items], { rows: 2, fill: HEAD_FILL, align: 'center' }), cell([h.max], { rows: 2, fill: HEAD_FILL, align: 'center' }),
    cell([report.table.municipalityName], { span: 2, fill: HEAD_FILL, align: 'center' }),
    cell([h.prefAvg], { rows: 2, fill: HEAD_FILL, align: 'center' }), cell([h.natAvg], { rows: 2, fill: HEAD_FILL, align: 'center' }),
  ]
  const sub = () => [cell([h.score], { fill: HEAD_FILL, align: 'center' }), cell([h.rate], { fill: HEAD_FILL, align: 'center' })]
  return [
    new TableRow({ tableHeader: true, cantSplit: true, children: [cell([h.label], { rows: 4, fill: HEAD_FILL, bold: true, align: 'center', width: LABEL_WIDTH }), cell([report.table.yearLabel], { span: 12, fill: HEAD_FILL, bold: true, align: 'center' })] }),
    new TableRow({ tableHeader: true, cantSplit: true, children: GRANT_IDS.map(grantHead) }),
    new TableRow({ tableHeader: true, cantSplit: true, children: [...cols(), ...cols()] }),
    new TableRow({ tableHeader: true, cantSplit: true, children: [...sub(), ...sub()] }),
  ]
}

function bodyRow(row: EvaluationRow, last: boolean): TableRow {
  const strong = row.kind === 'goal' || row.kind === 'total'
  const fill = row.kind === 'total' ? TOTAL_FILL : undefined
  const label = [row.label, ...row.titles.map((t) => `${t.marks}${t.title}`)]
  return new TableRow({
    cantSplit: true,
    children: [
      cell(label, { align: 'left', bold: strong, fill, width: LABEL_WIDTH }, !last),
      ...evaluationFigures(row).map((f) => cell([f], { fill, bold: strong, width: FIGURE_WIDTH }, !last)),
    ],
  })
}

function evaluationTable(report: ReportDocument): Table {
  const rows = report.table.rows
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LABEL_WIDTH, ...Array.from({ length: 12 }, () => FIGURE_WIDTH)],
    rows: [...headerRows(report), ...rows.map((r, i) => bodyRow(r, i === rows.length - 1))],
  })
}

function amountsTable(report: ReportDocument): Table {
  const a = report.table.amounts
  const w = [2558, 3540, 3540]
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: w.reduce((s, x) => s + x, 0), type: WidthType.DXA },
    columnWidths: w,
    rows: [
      new TableRow({ cantSplit: true, children: [cell([''], { fill: HEAD_FILL }), ...GRANT_IDS.map((g) => cell([report.table.grantNames[g]], { fill: HEAD_FILL, align: 'center' }))] }),
      new TableRow({ cantSplit: true, children: [cell([reportHeadings(report).amounts], { rows: 2, align: 'left' }), ...GRANT_IDS.map((g) => cell([a[g].amount]))] }),
      new TableRow({ cantSplit: true, children: GRANT_IDS.map((g) => cell([a[g].prefRank], {}, false)) }),
    ],
  })
}

/** The two radars side by side, each half the text width. */
function radarParagraphs(input: DocxInput): Paragraph[] {
  const images = GRANT_IDS.flatMap((g) => (input.radars[g] ? [[g, input.radars[g]] as const] : []))
  if (images.length === 0) return []
  const widthPx = 300
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 200 },
      children: images.map(([g, img]) => new ImageRun({
        type: 'png', data: img.dataUrl,
        transformation: { width: widthPx, height: Math.round((widthPx * img.height) / img.width) },
        altText: { title: `${input.report.table.grantNames[g]} 目標別の得点率`, description: `${input.report.table.grantNames[g]}の目標別の得点率（${input.report.municipality.name}）`, name: `radar-${g}` },
      })),
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [run(`図　目標別の得点率（実線：${input.report.municipality.name}、破線：県平均、点線：全国平均）`, { size: 16 })] }),
  ]
}

export function buildReportDocument(input: DocxInput): Document {
  const { report } = input
  const hd = reportHeadings(report)
  const small = (t: string): Paragraph => new Paragraph({ children: [run(t, { size: 16 })], spacing: { after: 40 } })
  return new Document({
    creator: 'incentive-lens',
    title: report.title,
    description: `${report.municipality.name} ${report.yearLabel} 評価結果の報告`,
    styles: { default: { document: { run: { font: FONT, size: 21, language: LANG } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
      children: [
        new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(report.title, { bold: true, size: 28, color: '1A1A1C' })] }),
        new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 240 }, children: [run(`${report.municipality.name}（${report.municipality.prefecture}）`)] }),
        heading(hd.purpose, HeadingLevel.HEADING_1), ...body(report.texts.purpose),
        heading(hd.overview, HeadingLevel.HEADING_1), ...body(report.texts.overview),
        heading(hd.examples, HeadingLevel.HEADING_2),
        ...report.indicatorExamples.flatMap((e) => [
          new Paragraph({ keepNext: true, children: [run(`【${e.name}】`, { bold: true })] }),
          ...e.examples.map((x) => new Paragraph({ indent: { left: 210 }, children: [run(`・${x}`)] })),
        ]),
        heading(hd.results, HeadingLevel.HEADING_1, true),
        new Paragraph({ keepNext: true, alignment: AlignmentType.CENTER, spacing: { after: 80 }, children: [run(hd.tableCaption, { bold: true })] }),
        evaluationTable(report),
        ...report.table.notes.map(small),
        new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [] }),
        amountsTable(report),
        ...radarParagraphs(input),
        heading(hd.analysis, HeadingLevel.HEADING_1),
        ...[...report.analysis, ...report.itemsLeft].flatMap((p) => body(p.text)),
        heading(hd.direction, HeadingLevel.HEADING_1), ...body(report.texts.direction),
        new Paragraph({ spacing: { before: 240 }, children: [run(`出典：${report.source}`, { size: 16, color: '626264' })] }),
      ],
    }],
  })
}

/** The .docx file: a Blob in the browser, bytes in Node (tests). */
export async function packReportDocx(input: DocxInput, type: 'blob'): Promise<Blob>
export async function packReportDocx(input: DocxInput, type: 'arraybuffer'): Promise<ArrayBuffer>
export async function packReportDocx(input: DocxInput, type: 'blob' | 'arraybuffer'): Promise<Blob | ArrayBuffer> {
  const doc = buildReportDocument(input)
  const overrides = [{ path: 'word/fontTable.xml', data: FONT_TABLE }]
  return type === 'blob' ? Packer.toBlob(doc, false, overrides) : Packer.toArrayBuffer(doc, false, overrides)
}

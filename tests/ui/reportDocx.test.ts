/**
 * The report as a Word file, built with `docx` in the test's DOM: a valid zip whose
 * word/document.xml parses as XML and holds the 評価結果 table as a real Word table with the
 * example's figures, the texts (escaped: a hostile municipality name and report text stay text),
 * A4 portrait, the Japanese fonts, and the radar images as PNG media. happy-dom's DOMParser reads
 * the XML (it reports malformed XML as parsererror); the end-to-end test parses it in Chromium too.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { packReportDocx, DOCX_FALLBACK_FONT, DOCX_FONT } from '@/export/docx'
import { buildReport, evaluationFigures } from '@/domain/report'
import { exampleDatasets } from '@/data/example'

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC'
const XSS = '<img src=x onerror=alert(1)>&"\''
const all = exampleDatasets()

async function docxOf(opts: { name?: string; direction?: string | null; radars?: boolean } = {}) {
  const ds = structuredClone(all.find((d) => d.fiscalYear === 2025)!)
  if (opts.name) ds.municipality.name = opts.name
  const report = buildReport({ dataset: ds, history: all, body: { version: 1, announcementDate: '令和7年4月1日', texts: { purpose: null, overview: null, direction: opts.direction ?? null } } })
  const radars = opts.radars === false ? {} : { suishin: { dataUrl: PNG, width: 600, height: 420 }, doryoku: { dataUrl: PNG, width: 600, height: 420 } }
  const bytes = new Uint8Array(await packReportDocx({ report, radars }, 'arraybuffer'))
  const zip = unzipSync(bytes)
  const xml = strFromU8(zip['word/document.xml'] ?? new Uint8Array())
  const doc = new DOMParser().parseFromString(xml, 'application/xml')
  return { report, zip, xml, doc }
}

type Built = Awaited<ReturnType<typeof docxOf>>
// Packing takes a second or more on a busy machine: each variant is built once, for all the tests.
let plain: Built, hostile: Built, noRadars: Built
beforeAll(async () => {
  plain = await docxOf()
  hostile = await docxOf({ name: XSS, direction: `方向性${XSS}\n二段落目` })
  noRadars = await docxOf({ radars: false })
}, 120_000)

const texts = (el: Element): string => [...el.getElementsByTagName('w:t')].map((t) => t.textContent ?? '').join('')

describe('packReportDocx', () => {
  it('a valid package: content types, document, styles, the font table with the fallback', () => {
    const { zip, doc } = plain
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/fontTable.xml', 'word/_rels/document.xml.rels']))
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    const fonts = new DOMParser().parseFromString(strFromU8(zip['word/fontTable.xml'] ?? new Uint8Array()), 'application/xml')
    const faces = [...fonts.getElementsByTagName('w:font')].map((f) => [f.getAttribute('w:name'), f.getElementsByTagName('w:altName')[0]?.getAttribute('w:val')])
    expect(faces).toEqual([[DOCX_FONT, DOCX_FALLBACK_FONT], [DOCX_FALLBACK_FONT, 'MS Mincho']])
  })

  it('A4 portrait, Japanese font named on the runs', () => {
    const { doc, xml } = plain
    const size = doc.getElementsByTagName('w:pgSz')[0]
    expect([size?.getAttribute('w:w'), size?.getAttribute('w:h')]).toEqual(['11906', '16838'])
    expect(size?.getAttribute('w:orient')).not.toBe('landscape')
    expect(xml).toContain(`w:eastAsia="${DOCX_FONT}"`)
  })

  it('the 評価結果 table is a Word table with every figure of the example, row by row', () => {
    const { doc, report } = plain
    const tables = [...doc.getElementsByTagName('w:tbl')]
    expect(tables).toHaveLength(2)
    const rows = [...(tables[0] as Element).getElementsByTagName('w:tr')]
    expect(rows).toHaveLength(4 + report.table.rows.length)
    report.table.rows.forEach((r, i) => {
      const cells = [...(rows[4 + i] as Element).getElementsByTagName('w:tc')].map(texts)
      expect(cells.slice(1)).toEqual(evaluationFigures(r))
    })
    const goal2 = [...(rows[4 + 3] as Element).getElementsByTagName('w:tc')].map(texts)
    expect(goal2[0]).toContain('目標II')
    expect(goal2.slice(7)).toEqual(['6', '100', '20', '20.0%', '46.4', '46.5'])
    // header rows repeat and no row splits across pages
    expect(rows.slice(0, 4).every((r) => r.getElementsByTagName('w:tblHeader').length === 1)).toBe(true)
    expect(rows.every((r) => r.getElementsByTagName('w:cantSplit').length === 1)).toBe(true)
    const amounts = texts(tables[1] as Element)
    expect(amounts).toContain('7,081,000円')
    expect(amounts).toContain('5位/35市町村')
  })

  it('headings, the drafted texts and the notes are in the document', () => {
    const { doc, report } = plain
    const all = texts(doc.documentElement)
    for (const h of ['1　報告趣旨', '2　制度の概要', '3　評価結果', '4　分析', '5　今後の方向性']) expect(all).toContain(h)
    expect(all).toContain('令和7年4月1日付で国から令和7年度保険者機能強化推進交付金')
    expect(all).toContain('「基本配分枠」（交付金予算額の75%、前年度95%）')
    expect(all).toContain(report.analysis.find((p) => p.id === 'weak-groups')?.text)
    expect(all).toContain('※小数点以下調整あり')
    const styles = [...doc.getElementsByTagName('w:pStyle')].map((s) => s.getAttribute('w:val'))
    expect(styles).toEqual(expect.arrayContaining(['Title', 'Heading1', 'Heading2']))
  })

  it('hostile text stays text: municipality name and report text escaped, nothing injected', () => {
    const { xml, doc } = hostile
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0)
    expect(xml).not.toContain('<img')
    const all = texts(doc.documentElement)
    expect(all).toContain(`方向性${XSS}`)
    expect(all).toContain('二段落目')
    expect(all).toContain(`${XSS}（宮城県）`)
    expect(doc.getElementsByTagName('img')).toHaveLength(0)
  })

  it('radars as PNG media when drawn; none without', () => {
    const withImages = plain
    // two pictures in the text; the same test PNG is stored once
    expect(withImages.doc.getElementsByTagName('w:drawing')).toHaveLength(2)
    expect(Object.keys(withImages.zip).filter((f) => /^word\/media\/.+\.png$/.test(f))).toHaveLength(1)
    const without = noRadars
    expect(Object.keys(without.zip).filter((f) => f.startsWith('word/media/'))).toHaveLength(0)
    expect(without.doc.getElementsByTagName('w:drawing')).toHaveLength(0)
  })
})

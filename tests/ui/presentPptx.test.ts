/**
 * The PowerPoint file of the deck, built with pptxgenjs in the test's DOM: a valid zip with one
 * slide XML per slide, captions, titles and footers as editable text, chart images as PNG media.
 */
import { describe, expect, it } from 'vitest'
import { strFromU8, unzipSync } from 'fflate'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { buildDeckPptx, fitImage } from '@/export/pptx'
import { buildSlides, deckMeta, scenarioSlide } from '@/composables/presentationSlides'
import { applyScenarioDetailed, createScenario, estimateChange, scenarioParams, withGroupScore } from '@/domain'
import { exampleDatasets } from '@/data/example'

// a 1×1 white PNG
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC'
const all = exampleDatasets()
const ds = all.find((d) => d.fiscalYear === 2025)!

function slideXml(zip: Record<string, Uint8Array>): string[] {
  return Object.keys(zip)
    .filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]))
    .map((f) => strFromU8(zip[f] ?? new Uint8Array()))
}

describe('buildDeckPptx', () => {
  it('one slide per deck slide, captions and footer as text, one PNG per chart', async () => {
    const slides = buildSlides(ds, all)
    const images = Object.fromEntries(slides.filter((s) => s.kind === 'chart').map((s) => [s.id, { dataUrl: PNG, width: 1776, height: 660 }]))
    const out = await buildDeckPptx({ meta: deckMeta(ds), slides, images }, 'uint8array')
    expect(out).toBeInstanceOf(Uint8Array)
    const zip = unzipSync(out as Uint8Array)
    const xml = slideXml(zip)
    expect(xml).toHaveLength(7)
    slides.forEach((s, i) => expect(xml[i]).toContain(s.caption))
    expect(xml[0]).toContain('登米市（宮城県）')
    expect(xml[0]).toContain('4位／35')
    expect(xml.every((x, i) => x.includes(`${i + 1} / 7`) && x.includes('出典：'))).toBe(true)
    expect(xml[4]).toContain('介護保険保険者努力支援交付金 目標II 認知症総合支援')
    expect(Object.keys(zip).filter((f) => /^ppt\/media\/.+\.png$/.test(f))).toHaveLength(5)
    // the caption and note also go to the speaker notes
    const notes = Object.keys(zip).filter((f) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(f))
    expect(notes).toHaveLength(7)
    expect(strFromU8(zip['docProps/core.xml'] ?? new Uint8Array())).toContain('登米市（宮城県） 令和7年度 (2025)')
  })

  it('a scenario slide is an editable table; a chart without an image says so instead of failing', async () => {
    const s = withGroupScore(createScenario({ id: 's1', name: '認知症施策の強化', code: '04212', fiscalYear: 2025, now: 'T' }), 'doryoku/II/structure', 40, 'T')
    const table = scenarioSlide({
      id: s.id, name: s.name, baseline: ds, applied: applyScenarioDetailed(ds, s).dataset,
      changes: ['努力支援交付金 目標II 体制・取組指標群：14点 → 40点'], allocation: estimateChange(ds, s, scenarioParams(s)),
    })
    const gap = buildSlides(ds, all).find((x) => x.id === 'gap')!
    const zip = unzipSync((await buildDeckPptx({ meta: deckMeta(ds), slides: [table, gap], images: {} }, 'uint8array')) as Uint8Array)
    const [t, g] = slideXml(zip)
    expect(t).toContain('<a:tbl>')
    expect(t).toContain('190点 → 216点')
    expect(t).toContain('14点 → 40点')
    expect(g).toContain('グラフを画像にできませんでした')
  })
})

describe('user text in the file is escaped', () => {
  const EVIL = `<img src=x onerror=alert(1)>&"'`

  it('every XML part parses, with the evil municipality name in docProps, slides and notes as text', async () => {
    const evil = all.map((d) => ({ ...d, municipality: { ...d.municipality, name: EVIL }, source: { ...d.source, label: `${EVIL}出典` } }))
    const eds = evil.find((d) => d.fiscalYear === 2025)!
    const slides = buildSlides(eds, evil)
    const zip = unzipSync((await buildDeckPptx({ meta: deckMeta(eds), slides, images: {} }, 'uint8array')) as Uint8Array)
    const parts = Object.keys(zip).filter((f) => /\.(xml|rels)$/.test(f))
    expect(parts.length).toBeGreaterThan(20)
    for (const f of parts) expect([f, XMLValidator.validate(strFromU8(zip[f]!))]).toEqual([f, true])
    const parser = new XMLParser({ processEntities: true, htmlEntities: false })
    const app = parser.parse(strFromU8(zip['docProps/app.xml']!)) as { Properties: { Company: string } }
    expect(app.Properties.Company).toBe(`${EVIL}（宮城県）`)
    const core = strFromU8(zip['docProps/core.xml']!)
    expect(parser.parse(core)['cp:coreProperties']['dc:title']).toBe(`${EVIL}（宮城県） 令和7年度 (2025) インセンティブ交付金 評価結果`)
    const slide1 = strFromU8(zip['ppt/slides/slide1.xml']!)
    expect(slide1).toContain('&lt;img src=x onerror=alert(1)&gt;&amp;')
  })
})

describe('fitImage', () => {
  it('keeps the aspect ratio inside the box, centred across', () => {
    expect(fitImage({ width: 200, height: 100 }, { x: 0, y: 1, w: 10, h: 4 })).toEqual({ x: 1, y: 1, w: 8, h: 4 })
    expect(fitImage({ width: 400, height: 100 }, { x: 0, y: 1, w: 10, h: 4 })).toEqual({ x: 0, y: 1, w: 10, h: 2.5 })
  })
})

/**
 * The options are accepted by ECharts itself: rendered with the registered parts only, through
 * server-side SVG (no canvas in Node). Catches a part missing from echartsSetup (radar, first
 * screen) or echartsCartesian (bars and lines, lazy views) or a bad option, and checks the
 * geometry that only a drawing shows (positions read from the SVG). Tests run in file order:
 * the radar-only ones come before the bar and line parts are registered.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { format, init, use, type EChartsCoreOption, type EChartsType } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { ECHARTS_LOCALE, setupECharts } from '@/charts/echartsSetup'
import { buildGapBarOption } from '@/charts/gapBarOption'
import { buildRadarOption } from '@/charts/radarOption'
import { buildTrendOption } from '@/charts/trendOption'
import { trendSeries } from '@/domain'
import { exampleDatasets } from '@/data/example'
import { allRows, grantRows } from './exampleRows'

let chart: EChartsType | null = null
afterEach(() => { chart?.dispose(); chart = null })

function renderSvg(option: EChartsCoreOption, width = 800, height = 520): string {
  setupECharts() // idempotent: a second call must not throw
  use([SVGRenderer]) // the app draws on canvas; Node has none, so the test adds the SVG renderer
  chart = init(null, null, { renderer: 'svg', ssr: true, width, height, locale: ECHARTS_LOCALE })
  chart.setOption(option)
  return chart.renderToSVGString()
}

interface Text { text: string; x: number; y: number; anchor: string; size: number }

/** Every text of the SVG with its anchor point (translate plus x/y offsets). */
function texts(svg: string): Text[] {
  return [...svg.matchAll(/<text([^>]*)>([^<]*)<\/text>/g)].map(([, attrs = '', text = '']) => {
    const num = (re: RegExp) => Number(re.exec(attrs)?.[1] ?? 0)
    const t = /translate\(([-\d.]+) ([-\d.]+)\)/.exec(attrs)
    return {
      text,
      x: Number(t?.[1] ?? 0) + num(/ x="([-\d.]+)"/),
      y: Number(t?.[2] ?? 0) + num(/ y="([-\d.]+)"/),
      anchor: /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start',
      size: num(/font-size:([\d.]+)px/),
    }
  })
}

const textOf = (all: Text[], text: string): Text => {
  const t = all.find((x) => x.text === text)
  if (!t) throw new Error(`no text ${text}`)
  return t
}

/** Horizontal extent: CJK characters one em wide, ASCII 0.6 em (about what the font stack draws). */
function extent(t: Text): [number, number] {
  const w = [...t.text].reduce((sum, c) => sum + (/[ -~]/.test(c) ? 0.6 : 1) * t.size, 0)
  return t.anchor === 'end' ? [t.x - w, t.x] : t.anchor === 'middle' ? [t.x - w / 2, t.x + w / 2] : [t.x, t.x + w]
}

const gapOption = () => buildGapBarOption(allRows(), { against: 'national', animation: false })

describe('rendering with the registered parts', () => {
  it('the first screen registers the radar only: without the cartesian parts no bar is drawn', () => {
    const svg = renderSvg(gapOption(), 566, 520)
    // no grid, no axis, no bar: only the aria description is left
    expect(svg).not.toContain('<path')
    expect(svg).not.toContain('<text')
  })

  it('draws the radar with its axis names and legend', () => {
    const svg = renderSvg(buildRadarOption(grantRows('doryoku'), { axes: 'goals', animation: false, labels: { municipality: '登米市' } }))
    for (const text of ['I 介護予防・日常生活支援', '認知症総合支援', '自立支援の成果', '登米市', '県平均', '全国平均']) expect(svg).toContain(text)
  })

  it('reads clockwise: I at the top, II on the right, III at the bottom, IV on the left', () => {
    const all = texts(renderSvg(buildRadarOption(grantRows('doryoku'), { axes: 'goals', animation: false }), 566, 400))
    const cx = 283
    const i = textOf(all, 'I 介護予防・日常生活支援')
    const ii = textOf(all, '認知症総合支援')
    const iii = textOf(all, 'III 在宅医療・介護連携')
    const iv = textOf(all, '自立支援の成果')
    expect(i.x).toBeCloseTo(cx, 0)
    expect(ii.x).toBeGreaterThan(cx + 100)
    expect(iii.y).toBeGreaterThan(i.y + 250)
    expect(iv.x).toBeLessThan(cx - 100)
  })

  it('labels the rings once, up the top axis', () => {
    const all = texts(renderSvg(buildRadarOption(grantRows('doryoku'), { axes: 'goals', animation: false }), 566, 400))
    const rings = ['0%', '25%', '50%', '75%', '100%'].map((r) => all.filter((t) => t.text === r))
    expect(rings.map((r) => r.length)).toEqual([1, 1, 1, 1, 1])
    const ys = rings.map((r) => r[0]?.y ?? NaN)
    expect(ys).toEqual([...ys].sort((a, b) => b - a)) // 0 % at the centre, 100 % at the top
    expect(rings.every((r) => (r[0]?.x ?? 0) < 283)).toBe(true)
  })

  it.each([
    ['goals', 566], ['groups', 566], ['goals', 490], ['groups', 490],
  ] as const)('keeps every %s axis name inside a %i × 400 box, legend below the radar', (axes, width) => {
    for (const grant of ['suishin', 'doryoku'] as const) {
      const option = buildRadarOption(grantRows(grant), { axes, animation: false })
      const all = texts(renderSvg(option, width, 400))
      const names = all.filter((t) => t.size === 13)
      expect(names.length).toBeGreaterThanOrEqual(axes === 'goals' ? 4 : 7)
      for (const n of names) {
        const [left, right] = extent(n)
        expect(left, `${grant} ${n.text}`).toBeGreaterThanOrEqual(0)
        expect(right, `${grant} ${n.text}`).toBeLessThanOrEqual(width)
        expect(n.y - 8.5, `${grant} ${n.text}`).toBeGreaterThanOrEqual(0)
      }
      const legendTop = Math.min(...all.filter((t) => t.text === '県平均').map((t) => t.y)) - 7
      expect(Math.max(...names.map((n) => n.y + 8.5))).toBeLessThanOrEqual(legendTop)
      chart?.dispose()
      chart = null
    }
  })

  it('draws the gap bars with signed labels, names clear of the left edge at 566 px', async () => {
    await import('@/charts/echartsCartesian') // registers on import, as in the lazy views
    const svg = renderSvg(gapOption(), 566, 520)
    expect(svg).toContain('努力 II(i) 認知症総合支援')
    expect(svg).toContain('−30.2')
    expect(svg).toContain('共通 IV 自立支援の成果')
    const names = texts(svg).filter((t) => /^(推進|努力|共通) /.test(t.text))
    expect(names).toHaveLength(13)
    // right-aligned against the axis; the longest one starts about 16 px in, measured the way
    // ECharts measured it when it laid the grid out (in Node: its per-character estimate)
    const left = Math.min(...names.map((n) => n.x - format.getTextRect(n.text, `${n.size}px sans-serif`).width))
    expect(left).toBeGreaterThanOrEqual(12)
    expect(left).toBeLessThanOrEqual(24)
  })

  it('draws the trend with era labels and the old scale shaded up to the boundary of 令和5/6年度', async () => {
    await import('@/charts/echartsCartesian')
    const svg = renderSvg(buildTrendOption(trendSeries(exampleDatasets(), '04212').suishin, { animation: false }), 800, 360)
    const all = texts(svg)
    for (const t of ['令和5年度', '令和7年度', '100%', '旧指標', '（配点 1,355点）']) expect(all.map((x) => x.text)).toContain(t)
    const shade = /<polygon points="([^"]+)"[^>]*fill-opacity="0\.12"/.exec(svg)?.[1]?.split(' ').map(Number) ?? []
    expect(shade).toHaveLength(8)
    const xs = shade.filter((_, i) => i % 2 === 0)
    const ys = shade.filter((_, i) => i % 2 === 1)
    const r5 = textOf(all, '令和5年度').x
    const r6 = textOf(all, '令和6年度').x
    expect(Math.max(...xs)).toBeCloseTo((r5 + r6) / 2, 0)
    expect(Math.min(...xs)).toBeLessThan(r5 - (r6 - r5) / 2 + 1)
    // full height, 0 % to 100 %
    expect(Math.min(...ys)).toBeCloseTo(textOf(all, '100%').y, 0)
    expect(Math.max(...ys)).toBeCloseTo(textOf(all, '0%').y, 0)
    // the label sits low in the band, well clear of the 100 % line and the axis name
    const label = textOf(all, '旧指標')
    expect(label.y).toBeGreaterThan(textOf(all, '40%').y)
    expect(textOf(all, '（配点 1,355点）').y).toBeLessThan(textOf(all, '0%').y)
  })
})

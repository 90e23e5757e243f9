/**
 * Fonts and colours shared by every chart. Kept apart from echartsSetup.ts so that the pure
 * option builders can use them without registering ECharts as a side effect.
 */

/**
 * Japanese-first system fonts (no web fonts), the same stack as the page. Single quotes on
 * purpose: ECharts' SVG string output (SSR, SVG export) puts the stack into a double-quoted
 * style attribute without escaping, and double quotes there break the SVG.
 */
export const FONT_FAMILY = "'BIZ UDPGothic', 'Hiragino Sans', 'Yu Gothic UI', 'Yu Gothic', 'Meiryo', 'Noto Sans JP', sans-serif"

/**
 * Colours after the Digital Agency design system. Contrast on white is noted where a colour
 * carries text (WCAG 2.1 AA needs 4.5:1). Colour is never the only cue: line style, marker
 * and a signed label tell the series apart as well.
 */
export const PALETTE = {
  /** the municipality: blue-900, 11.1:1 */
  municipality: '#0017C1',
  /** lighter blue for surplus bars and second lines: blue-600, 5.0:1 */
  municipalityLight: '#3460FB',
  /** radar area fill under the municipality's line */
  municipalityFill: 'rgba(52, 96, 251, 0.15)',
  /** extra lines (goals) in a trend, after the total: a blue ramp, all ≥ 4.5:1 */
  blueRamp: ['#0031D8', '#3460FB', '#00118F', '#264AF4'] as const,
  /** 県平均: mid grey, dashed, 6.1:1 */
  prefectural: '#626264',
  /** 全国平均: near-black, dotted, 17.4:1 */
  national: '#1A1A1C',
  /** shortfalls only: red-900, 5.8:1 (text and bars) */
  shortfall: '#CE0000',
  /** axis lines and split lines */
  axis: '#767678',
  /** small secondary text on white (radar ring labels): the 県平均 grey, 6.1:1 */
  textSub: '#626264',
  /** shading of the years before the FY2024 revision; text on it keeps ≥ 4.5:1 */
  oldScaleFill: 'rgba(118, 118, 120, 0.12)',
  grid: '#D8D8DB',
  text: '#1A1A1C',
} as const

/** How the three kinds of series differ besides colour. */
export const SERIES_STYLE = {
  municipality: { lineType: 'solid', symbol: 'circle' },
  prefectural: { lineType: 'dashed', symbol: 'triangle' },
  national: { lineType: 'dotted', symbol: 'diamond' },
} as const

/** Default series names; the municipality's own name is passed in where known. */
export const DEFAULT_LABELS = {
  municipality: '自治体',
  prefectural: '県平均',
  national: '全国平均',
} as const

export interface SeriesLabels {
  municipality?: string
  prefectural?: string
  national?: string
}

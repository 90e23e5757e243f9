/**
 * Fonts and colours shared by every chart. Kept apart from echartsSetup.ts so that the pure
 * option builders can use them without registering ECharts as a side effect.
 */

/**
 * Japanese-first system fonts (no web fonts), the same stack as the page. Single quotes on
 * purpose: ECharts' SVG string output (SSR, SVG export) puts the stack into a double-quoted
 * style attribute without escaping, and double quotes there break the SVG.
 */
import { TOKENS } from '@/theme/tokens'

/** rgba() of a #rrggbb token */
function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16)
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`
}

export const FONT_FAMILY = "'BIZ UDPGothic', 'Hiragino Sans', 'Yu Gothic UI', 'Yu Gothic', 'Meiryo', 'Noto Sans JP', sans-serif"

/**
 * Colours from the Digital Agency's design tokens (src/theme/tokens.ts, generated from npm
 * @digital-go-jp/design-tokens: the same values the page's CSS custom properties hold). Contrast
 * on white is noted where a colour carries text (WCAG 2.1 AA needs 4.5:1). Colour is never the
 * only cue: line style, marker and a signed label tell the series apart as well.
 */
export const PALETTE = {
  /** the municipality: blue-900, 11.1:1 */
  municipality: TOKENS.blue,
  /** lighter blue for surplus bars and second lines: blue-600, 5.0:1 */
  municipalityLight: TOKENS.blueLight,
  /** radar area fill under the municipality's line (blue-600 at 15 %) */
  municipalityFill: withAlpha(TOKENS.blueLight, 0.15),
  /** extra lines (goals) in a trend, after the total: a blue ramp, all ≥ 4.5:1 */
  blueRamp: [TOKENS.blueMid, TOKENS.blueLight, TOKENS.blueDark, TOKENS.blueAlt] as const,
  /** 県平均: solid-gray-600, dashed, 5.7:1 */
  prefectural: TOKENS.textSub,
  /** 全国平均: solid-gray-900, dotted, 17.4:1 */
  national: TOKENS.text,
  /** shortfalls only: red-900, 5.8:1 (text and bars) */
  shortfall: TOKENS.red,
  /** axis lines and split lines: solid-gray-536 */
  axis: TOKENS.axis,
  /** small secondary text on white (radar ring labels): the 県平均 grey, 5.7:1 */
  textSub: TOKENS.textSub,
  /** shading of the years before the FY2024 revision; text on it keeps ≥ 4.5:1 */
  oldScaleFill: withAlpha(TOKENS.axis, 0.12),
  grid: TOKENS.grid,
  text: TOKENS.text,
  white: TOKENS.white,
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

/** The deck is laid out on one fixed canvas and scaled to the screen or the printed page. */
export const SLIDE_WIDTH = 1920
export const SLIDE_HEIGHT = 1080
/** Chart text on the slide canvas: about 2.2× the dashboard's 12 px. */
export const CHART_FONT_SIZE = 26
/** The chart area of a slide; exported images are drawn at this size (× pixel ratio 2). */
export const CHART_IMAGE_SIZE = { width: 1776, height: 660 } as const
export const EXPORT_PIXEL_RATIO = 2

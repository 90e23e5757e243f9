/** The domain core: pure TypeScript, usable headless (no Vue, Dexie or ECharts). */
export * from './types'
export * from './numbers'
export * from './format'
export * from './catalogue/grantCatalogue'
export * from './validate'
export * from './gaps'
export * from './sentences'
export * from './summaryJson'

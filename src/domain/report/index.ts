/** The yearly report model: facts, the 評価結果 table, analysis and drafts. Loaded by the report view and the Word exporter. */
export * from './yearFacts'
export * from './evaluationTable'
export * from './analysis'
export * from './directionDraft'
export * from './itemsLeft'
export * from './reportBody'
export * from './reportDraft'
export * from './layout'

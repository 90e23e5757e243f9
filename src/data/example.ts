/** The embedded example: 登米市 (宮城県), FY2023–FY2025, as published by the city. */
import { datasetsFromSummary, type SummaryJson, type YearDataset } from '@/domain'
import tome from './tome-2023-2025.json'

export const EXAMPLE_SOURCE_LABEL = '登米市「令和7年度 保険者機能強化推進交付金・介護保険保険者努力支援交付金 評価結果」'

export function exampleDatasets(): YearDataset[] {
  return datasetsFromSummary(tome as SummaryJson, { label: EXAMPLE_SOURCE_LABEL, file: null, importedAt: null, example: true })
}

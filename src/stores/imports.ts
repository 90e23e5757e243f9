/**
 * The import flow: read → preview (counts, issues, conflicts) → confirm → one transaction.
 * Nothing is written before the user confirms; a failure leaves stored data as it was.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { datasetKeyString, type YearDataset } from '@/domain'
import { hasErrors } from '@/domain/import/types'
import { describeDbError, existingKeys, importDatasets, restoreBackup, type ConflictChoice, type ImportResult, type ScenarioRecord } from '@/db'
import { parseImportFile, type FileImport } from '@/import/importFile'
import { useDatasetsStore } from './datasets'

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'saving'
/** For a backup: merge into what is stored, or replace everything with the backup. */
export type BackupMode = 'merge' | 'replace'

function describe(r: ImportResult): string {
  const parts = [`${r.added}件を追加`, `${r.replaced}件を置き換え`]
  if (r.merged > 0) parts.push(`${r.merged}件に交付金を追加`)
  return `${parts.join('、')}ました${r.kept > 0 ? `（${r.kept}件は今のデータを残しました）` : ''}`
}

const keyOf = (d: YearDataset) => datasetKeyString({ code: d.municipality.code, fiscalYear: d.fiscalYear })

export const useImportStore = defineStore('imports', () => {
  const phase = ref<ImportPhase>('idle')
  const progress = ref(0)
  const parsed = shallowRef<FileImport | null>(null)
  const conflicts = ref<string[]>([])
  const choices = ref<Record<string, ConflictChoice>>({})
  const backupMode = ref<BackupMode>('merge')
  const message = ref<string | null>(null)
  const error = ref<string | null>(null)

  const errors = computed(() => parsed.value?.issues.filter((i) => i.severity === 'error') ?? [])
  const warnings = computed(() => parsed.value?.issues.filter((i) => i.severity === 'warning') ?? [])
  const canCommit = computed(() => parsed.value !== null && !hasErrors(parsed.value) && parsed.value.datasets.length > 0)
  const summary = computed(() => {
    const ds = parsed.value?.datasets ?? []
    return {
      municipalities: new Set(ds.map((d) => d.municipality.code)).size,
      years: [...new Set(ds.map((d) => d.fiscalYear))].sort(),
      datasets: ds.length,
      rows: parsed.value?.rowCount ?? 0,
    }
  })

  function reset(): void {
    phase.value = 'idle'
    progress.value = 0
    parsed.value = null
    conflicts.value = []
    choices.value = {}
    backupMode.value = 'merge'
    error.value = null
  }

  async function read(file: File): Promise<void> {
    reset()
    message.value = null
    phase.value = 'reading'
    const result = await parseImportFile(file, new Date().toISOString(), (done, total) => { progress.value = total > 0 ? done / total : 0 })
    parsed.value = result
    const db = useDatasetsStore().database()
    const stored = db ? await existingKeys(db, result.datasets) : new Set(useDatasetsStore().datasets.map(keyOf))
    conflicts.value = result.datasets.map(keyOf).filter((k) => stored.has(k))
    // A file that carries only some grants (one MHLW workbook per grant) is merged by default.
    const storedGrants = new Map(useDatasetsStore().datasets.map((d) => [keyOf(d), Object.keys(d.grants)]))
    choices.value = Object.fromEntries(result.datasets.filter((d) => stored.has(keyOf(d))).map((d) => {
      const incoming = Object.keys(d.grants)
      const partial = (storedGrants.get(keyOf(d)) ?? []).some((g) => !incoming.includes(g))
      return [keyOf(d), (partial ? 'merge' : 'keep') as ConflictChoice]
    }))
    phase.value = 'preview'
  }

  function chooseAll(choice: ConflictChoice): void {
    choices.value = Object.fromEntries(conflicts.value.map((k) => [k, choice]))
  }

  async function commit(): Promise<void> {
    const p = parsed.value
    const datasetsStore = useDatasetsStore()
    const db = datasetsStore.database()
    if (!p || !canCommit.value) return
    if (!db) { error.value = 'データベースが使えないため取り込めません（保存できない状態です）。'; return }
    phase.value = 'saving'
    const now = new Date().toISOString()
    try {
      if (p.format === 'backup-json' && backupMode.value === 'replace') {
        await restoreBackup(db, p.datasets, p.scenarios as ScenarioRecord[], 'replace', now)
        message.value = `バックアップから${p.datasets.length}件を復元しました（以前のデータは置き換えました）。`
      } else if (p.format === 'backup-json') {
        const r = await importDatasets(db, p.datasets, new Map(Object.entries(choices.value)), now)
        message.value = `バックアップから${describe(r)}。`
      } else {
        const r = await importDatasets(db, p.datasets, new Map(Object.entries(choices.value)), now, p.population ?? null)
        message.value = `${p.file}：${describe(r)}。`
      }
      const first = p.datasets[0]
      reset()
      await datasetsStore.reload()
      if (first) datasetsStore.select({ code: first.municipality.code, fiscalYear: first.fiscalYear })
    } catch (err) {
      phase.value = 'preview'
      error.value = describeDbError(err, '保存')
    }
  }

  return { phase, progress, parsed, conflicts, choices, backupMode, message, error, errors, warnings, canCommit, summary, read, chooseAll, commit, reset }
})

/**
 * The import flow: read → preview (counts, issues, conflicts) → confirm → one transaction.
 * Nothing is written before the user confirms; a failure leaves stored data as it was.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { datasetKeyString, formatFiscalYear, type YearDataset } from '@/domain'
import { hasErrors } from '@/domain/import/types'
import { describeDbError, existingKeys, importDatasets, type ConflictChoice, type ImportResult } from '@/db'
import type { MergePlan } from '@/domain/restorePlan'
import { parseImportFile, type FileImport } from '@/import/importFile'
import { useDatasetsStore } from './datasets'
import { useScenariosStore } from './scenarios'

export type ImportPhase = 'idle' | 'reading' | 'preview' | 'saving'
/** For a backup: merge into what is stored, or replace everything with the backup. */
export type BackupMode = 'merge' | 'replace'

function describe(r: ImportResult): string {
  const parts = [`${r.added}件を追加`, `${r.replaced}件を置き換え`]
  if (r.merged > 0) parts.push(`${r.merged}件に交付金を追加`)
  return `${parts.join('、')}ました${r.kept > 0 ? `（${r.kept}件は今のデータを残しました）` : ''}`
}

/** What a merge restore did, kind by kind. */
function describeMerged(plan: MergePlan, choices: Record<string, ConflictChoice>): string {
  const d = plan.datasets
  const chosen = (c: ConflictChoice) => d.conflicts.filter((k) => (choices[k] ?? 'keep') === c).length
  const written = (k: Exclude<keyof MergePlan, 'datasets'>) => plan[k].add.length + plan[k].takeBackup.length
  return `バックアップから追加しました：データ ${d.add.length}件を追加、${d.replaceExample.length + chosen('replace')}件を置き換え`
    + `${chosen('merge') > 0 ? `、${chosen('merge')}件に交付金を追加` : ''}、${chosen('keep') + d.same.length}件は今のデータを残しました。`
    + `シナリオ ${written('scenarios')}件、スライドの選択 ${written('slides')}件、報告書の文章 ${written('reports')}件、`
    + `全国集計の母集団 ${written('populations')}件、設定 ${written('settings')}件を書き込みました。`
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
  /** for a backup: what each mode will do, kind by kind, in Japanese (shown before anything is written) */
  const mergeLines = ref<string[]>([])
  const replaceLines = ref<string[]>([])

  const errors = computed(() => parsed.value?.issues.filter((i) => i.severity === 'error') ?? [])
  const warnings = computed(() => parsed.value?.issues.filter((i) => i.severity === 'warning') ?? [])
  const canCommit = computed(() => {
    const p = parsed.value
    if (p === null || hasErrors(p)) return false
    return p.datasets.length > 0 || (p.backup !== null && Object.values(p.backup).some((t) => t.length > 0))
  })
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
    mergeLines.value = []
    replaceLines.value = []
  }

  /** A backup's plan: the datasets in conflict are the stored user datasets that differ (not the example, not identical ones). */
  async function planBackup(backup: NonNullable<FileImport['backup']>): Promise<Set<string>> {
    const db = useDatasetsStore().database()
    if (!db) return new Set(useDatasetsStore().datasets.map(keyOf))
    const [{ readAllTables }, { planMerge, describeMerge, describeReplace }] = await Promise.all([import('@/db/restore'), import('@/domain/restorePlan')])
    const stored = await readAllTables(db)
    const plan = planMerge(stored, backup)
    mergeLines.value = describeMerge(plan)
    replaceLines.value = describeReplace(stored, backup)
    return new Set(plan.datasets.conflicts)
  }

  async function read(file: File): Promise<void> {
    reset()
    message.value = null
    phase.value = 'reading'
    const result = await parseImportFile(file, new Date().toISOString(), (done, total) => { progress.value = total > 0 ? done / total : 0 })
    parsed.value = result
    const db = useDatasetsStore().database()
    const stored = result.backup ? await planBackup(result.backup)
      : db ? await existingKeys(db, result.datasets) : new Set(useDatasetsStore().datasets.map(keyOf))
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
      let done: string
      let written: YearDataset[] | null = null
      if (p.backup) {
        const { restoreBackup } = await import('@/db/restore')
        const plan = await restoreBackup(db, p.backup, backupMode.value, new Map(Object.entries(choices.value)), now)
        done = plan ? describeMerged(plan, choices.value) : `バックアップから${p.datasets.length}件を復元しました（以前のデータは置き換えました）。${replaceLines.value.join('。')}。`
      } else {
        const r = await importDatasets(db, p.datasets, new Map(Object.entries(choices.value)), now, p.population ?? null)
        written = r.written
        const pop = p.population ? `${formatFiscalYear(p.population.fiscalYear, { western: false })}の母集団は${p.population.members.length.toLocaleString('ja-JP')}市町村になりました。` : ''
        done = `${p.file}：${describe(r)}。${pop}`
      }
      const first = p.datasets[0]
      reset()
      if (written) await datasetsStore.applyWritten(written)
      else await datasetsStore.reload()
      if (p.backup) await useScenariosStore().load(true)
      if (first) datasetsStore.select({ code: first.municipality.code, fiscalYear: first.fiscalYear })
      // said once what was saved is on screen (the counts above it included)
      message.value = done
    } catch (err) {
      phase.value = 'preview'
      error.value = describeDbError(err, '保存')
    }
  }

  return { phase, progress, parsed, conflicts, choices, backupMode, message, error, mergeLines, replaceLines, errors, warnings, canCommit, summary, read, chooseAll, commit, reset }
})

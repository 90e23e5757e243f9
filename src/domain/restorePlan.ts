/**
 * What restoring a backup will do, kind by kind, decided before anything is written and shown to
 * the user first. 「今のデータに追加する」 (merge) rules:
 * - datasets: new ones are added; identical ones left; a stored example (source.example) is
 *   replaced by the backup's record (the example never wins over a backup); any other stored
 *   dataset with the same municipality × year is a conflict the user decides (keep by default).
 * - scenarios, slide choices, report texts, populations: new ones are added; for the same key with
 *   different content the one changed later (updatedAt / savedAt) is kept, the stored one on a tie.
 * - settings (other meta records): new ones are added; this browser's own settings are kept.
 * - app state (exampleSeeded) is never changed by a merge.
 * 「置き換える」 (replace) empties every table and writes the backup's records as they are.
 */
import type { BackupTables } from './backup'

/** meta keys of the slide choices (src/db/slides.ts writes them) */
export const SLIDES_PREFIX = 'slides:'
/**
 * meta keys that are the app's own state, not something the user made: whether the example was
 * ever seeded. A backup carries them (so that 置き換える gives back the same database) but a
 * merge never changes them.
 */
export const APP_STATE_KEYS: readonly string[] = ['exampleSeeded']

export type RestoreMode = 'merge' | 'replace'
export type RestoreKind = 'datasets' | 'scenarios' | 'slides' | 'settings' | 'reports' | 'populations'

export const RESTORE_KIND_LABELS: Record<RestoreKind, string> = {
  datasets: 'データ（保険者・年度）', scenarios: 'シナリオ', slides: 'スライドの選択', settings: '設定',
  reports: '報告書の文章', populations: '全国集計の母集団',
}
export const RESTORE_KINDS = Object.keys(RESTORE_KIND_LABELS) as RestoreKind[]

/** Keys of one kind's backup records, by what a merge does with them. */
export interface KindPlan {
  /** in the backup */
  total: number
  add: string[]
  /** stored with the same content: nothing to do */
  same: string[]
  /** stored with other content; the backup's is written */
  takeBackup: string[]
  /** stored with other content; the stored one stays */
  keepCurrent: string[]
}

export interface DatasetPlan extends KindPlan {
  /** the stored record is the example: the backup's replaces it */
  replaceExample: string[]
  /** the stored record is the user's own: the user decides (replace / merge grants / keep) */
  conflicts: string[]
}

export interface MergePlan {
  datasets: DatasetPlan
  scenarios: KindPlan
  slides: KindPlan
  settings: KindPlan
  reports: KindPlan
  populations: KindPlan
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
const emptyKind = (total: number): KindPlan => ({ total, add: [], same: [], takeBackup: [], keepCurrent: [] })

/** Later timestamp wins; the stored record on a tie or when either has none. */
function planByTime<T>(incoming: readonly T[], stored: readonly T[], key: (t: T) => string, time: (t: T) => string | null): KindPlan {
  const byKey = new Map(stored.map((s) => [key(s), s]))
  const plan = emptyKind(incoming.length)
  for (const rec of incoming) {
    const k = key(rec)
    const cur = byKey.get(k)
    if (cur === undefined) plan.add.push(k)
    else if (same(cur, rec)) plan.same.push(k)
    else {
      const a = time(rec), b = time(cur)
      if (a !== null && b !== null && a > b) plan.takeBackup.push(k)
      else plan.keepCurrent.push(k)
    }
  }
  return plan
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)
const savedAtOf = (v: unknown): string | null => (typeof v === 'object' && v !== null ? str((v as { savedAt?: unknown }).savedAt) : null)
export const isSlideKey = (key: string): boolean => key.startsWith(SLIDES_PREFIX)
export const isAppStateKey = (key: string): boolean => APP_STATE_KEYS.includes(key)

export function planMerge(stored: BackupTables, incoming: BackupTables): MergePlan {
  const dsKey = (d: { code: string; fiscalYear: number }) => `${d.code}:${d.fiscalYear}`
  const storedDs = new Map(stored.datasets.map((d) => [dsKey(d), d]))
  const datasets: DatasetPlan = { ...emptyKind(incoming.datasets.length), replaceExample: [], conflicts: [] }
  for (const rec of incoming.datasets) {
    const k = dsKey(rec)
    const cur = storedDs.get(k)
    if (!cur) datasets.add.push(k)
    else if (same(cur.data, rec.data)) datasets.same.push(k)
    else if (cur.data.source?.example === true) datasets.replaceExample.push(k)
    else datasets.conflicts.push(k)
  }
  const metaOf = (t: BackupTables, f: (k: string) => boolean) => t.meta.filter((m) => f(m.key))
  const isSetting = (k: string) => !isSlideKey(k) && !isAppStateKey(k)
  const settings = planByTime(metaOf(incoming, isSetting), metaOf(stored, isSetting), (m) => m.key, () => null)
  return {
    datasets,
    scenarios: planByTime(incoming.scenarios, stored.scenarios, (s) => s.id, (s) => str(s.updatedAt)),
    slides: planByTime(metaOf(incoming, isSlideKey), metaOf(stored, isSlideKey), (m) => m.key, (m) => savedAtOf(m.value)),
    settings,
    reports: planByTime(incoming.reports, stored.reports, (r) => `${r.code}:${r.fiscalYear}`, (r) => str(r.updatedAt)),
    populations: planByTime(incoming.populations, stored.populations, (p) => p.id, (p) => str(p.savedAt)),
  }
}

/** Records of each kind in a set of tables (app state not counted). */
export function countKinds(t: BackupTables): Record<RestoreKind, number> {
  return {
    datasets: t.datasets.length, scenarios: t.scenarios.length,
    slides: t.meta.filter((m) => isSlideKey(m.key)).length,
    settings: t.meta.filter((m) => !isSlideKey(m.key) && !isAppStateKey(m.key)).length,
    reports: t.reports.length, populations: t.populations.length,
  }
}

/** One line per kind, every kind listed (also with none), in Japanese: what a merge will do. */
export function describeMerge(plan: MergePlan): string[] {
  return RESTORE_KINDS.map((kind) => {
    const p = plan[kind]
    const label = RESTORE_KIND_LABELS[kind]
    if (p.total === 0) return `${label}：バックアップにはありません（今のものはそのまま）`
    const parts = [`追加 ${p.add.length}件`]
    if (p.same.length > 0) parts.push(`同じ内容 ${p.same.length}件（変更なし）`)
    if (kind === 'datasets') {
      const d = plan.datasets
      if (d.replaceExample.length > 0) parts.push(`例のデータをバックアップの内容で置き換え ${d.replaceExample.length}件`)
      if (d.conflicts.length > 0) parts.push(`今のデータと重なる ${d.conflicts.length}件（下の選択に従う）`)
    } else if (kind === 'settings') {
      if (p.keepCurrent.length > 0) parts.push(`今の設定を残す ${p.keepCurrent.length}件`)
    } else if (p.takeBackup.length + p.keepCurrent.length > 0) {
      parts.push(`同じIDで内容が違う ${p.takeBackup.length + p.keepCurrent.length}件（更新の新しいほうを残す：バックアップ ${p.takeBackup.length}件、今のもの ${p.keepCurrent.length}件）`)
    }
    return `${label}：バックアップに${p.total}件 → ${parts.join('、')}`
  })
}

/** One line per kind: what 置き換える removes and writes. */
export function describeReplace(current: BackupTables, incoming: BackupTables): string[] {
  const now = countKinds(current), next = countKinds(incoming)
  return RESTORE_KINDS.map((k) => `${RESTORE_KIND_LABELS[k]}：今の${now[k]}件を削除し、バックアップの${next[k]}件にします`)
}

/**
 * The meeting deck's slide choice, saved per municipality in the `meta` table under
 * `slides:<code>`: which slides are shown and in what order. Slide ids are stable strings
 * ("title", "radar-doryoku", "scenario:<id>"), so a choice survives new data and new years.
 */
import type { IncentiveLensDb } from './schema'

export const SLIDES_KEY_PREFIX = 'slides:'

export interface SlideChoiceEntry {
  /** stable slide id */
  id: string
  included: boolean
}

interface StoredSlideChoice {
  version: 1
  entries: SlideChoiceEntry[]
  savedAt: string
}

export function slidesKey(code: string): string {
  return `${SLIDES_KEY_PREFIX}${code}`
}

/** The entries of a stored value, or null when it is not a slide choice (never throws). */
export function parseSlideChoice(value: unknown): SlideChoiceEntry[] | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Partial<StoredSlideChoice>
  if (v.version !== 1 || !Array.isArray(v.entries)) return null
  const seen = new Set<string>()
  const entries: SlideChoiceEntry[] = []
  for (const e of v.entries as unknown[]) {
    if (typeof e !== 'object' || e === null) continue
    const { id, included } = e as Record<string, unknown>
    if (typeof id !== 'string' || id === '' || typeof included !== 'boolean' || seen.has(id)) continue
    seen.add(id)
    entries.push({ id, included })
  }
  return entries
}

/** The saved choice for a municipality, or null when none was saved (or it cannot be read). */
export async function loadSlideChoice(db: IncentiveLensDb, code: string): Promise<SlideChoiceEntry[] | null> {
  const rec = await db.meta.get(slidesKey(code))
  return rec ? parseSlideChoice(rec.value) : null
}

export async function saveSlideChoice(db: IncentiveLensDb, code: string, entries: readonly SlideChoiceEntry[], now: string): Promise<void> {
  const value: StoredSlideChoice = { version: 1, entries: entries.map(({ id, included }) => ({ id, included })), savedAt: now }
  await db.meta.put({ key: slidesKey(code), value })
}

export async function clearSlideChoice(db: IncentiveLensDb, code: string): Promise<void> {
  await db.meta.delete(slidesKey(code))
}

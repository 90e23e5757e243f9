/** The slide choice in the meta table: per municipality, validated on read. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { IDBFactory } from 'fake-indexeddb'
import { clearSlideChoice, loadSlideChoice, openDb, parseSlideChoice, saveSlideChoice, slidesKey, type IncentiveLensDb } from '@/db'

const NOW = '2026-04-01T00:00:00.000Z'
let db: IncentiveLensDb

beforeEach(async () => {
  Dexie.dependencies.indexedDB = new IDBFactory()
  db = await openDb('slides-db')
})
afterEach(() => db.close())

describe('slide choice in the meta table', () => {
  it('nothing saved reads as null', async () => {
    expect(await loadSlideChoice(db, '04212')).toBeNull()
  })

  it('saves under slides:<code> and reads back, per municipality', async () => {
    const tome = [{ id: 'title', included: true }, { id: 'gap', included: false }, { id: 'weakest', included: true }]
    await saveSlideChoice(db, '04212', tome, NOW)
    await saveSlideChoice(db, '04202', [{ id: 'title', included: false }], NOW)
    expect(await loadSlideChoice(db, '04212')).toEqual(tome)
    expect(await loadSlideChoice(db, '04202')).toEqual([{ id: 'title', included: false }])
    const rec = await db.meta.get(slidesKey('04212'))
    expect(rec?.key).toBe('slides:04212')
    expect(rec?.value).toMatchObject({ version: 1, savedAt: NOW })
  })

  it('a later save replaces the earlier one; clearing removes it', async () => {
    await saveSlideChoice(db, '04212', [{ id: 'title', included: true }], NOW)
    await saveSlideChoice(db, '04212', [{ id: 'gap', included: true }, { id: 'title', included: true }], NOW)
    expect((await loadSlideChoice(db, '04212'))?.map((e) => e.id)).toEqual(['gap', 'title'])
    await clearSlideChoice(db, '04212')
    expect(await loadSlideChoice(db, '04212')).toBeNull()
  })

  it('stores plain data only (no extra fields from reactive objects)', async () => {
    const entry = Object.assign({ id: 'title', included: true }, { extra: () => 1 })
    await saveSlideChoice(db, '04212', [entry], NOW)
    expect(await loadSlideChoice(db, '04212')).toEqual([{ id: 'title', included: true }])
  })
})

describe('parseSlideChoice (the boundary: whatever is in the table)', () => {
  it('rejects values that are not a version-1 slide choice', () => {
    expect(parseSlideChoice(null)).toBeNull()
    expect(parseSlideChoice('title,gap')).toBeNull()
    expect(parseSlideChoice({ entries: [] })).toBeNull()
    expect(parseSlideChoice({ version: 2, entries: [] })).toBeNull()
  })

  it('drops malformed and duplicate entries, keeps the rest in order', () => {
    expect(parseSlideChoice({
      version: 1,
      entries: [{ id: 'title', included: true }, { id: '', included: true }, { id: 'gap' }, 'weakest', { id: 'title', included: false }, { id: 'gap', included: false }],
    })).toEqual([{ id: 'title', included: true }, { id: 'gap', included: false }])
  })
})

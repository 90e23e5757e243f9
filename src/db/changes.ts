/**
 * Tabs stay consistent: every read-write transaction that changed records tells the other tabs
 * of this app which tables it changed, on one BroadcastChannel. A channel object never receives
 * its own messages, so a tab hears only the others. Browsers without BroadcastChannel (none of
 * the supported ones) simply get no live updates.
 */
import type Dexie from 'dexie'
import type { DBCoreMutateRequest, DBCoreTable } from 'dexie'

const CHANNEL_NAME = 'incentive-lens:changes'

export interface ChangeMessage {
  /** the database the change was made in (tests open more than one) */
  db: string
  tables: string[]
}

let channel: BroadcastChannel | null | undefined
function theChannel(): BroadcastChannel | null {
  if (channel === undefined) channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null
  return channel
}

/** Tables mutated by each native transaction still running. */
const pending = new WeakMap<object, Set<string>>()

function mark(trans: unknown, table: string, dbName: string): void {
  if (typeof trans !== 'object' || trans === null) return
  let tables = pending.get(trans)
  if (tables) { tables.add(table); return }
  tables = new Set([table])
  pending.set(trans, tables)
  const t = trans as Partial<IDBTransaction>
  if (typeof t.addEventListener !== 'function') return
  const done = tables
  t.addEventListener('complete', () => {
    theChannel()?.postMessage({ db: dbName, tables: [...done] } satisfies ChangeMessage)
  })
}

/** Registers the middleware that announces committed writes (call before the database opens). */
export function announceWrites(db: Dexie): void {
  db.use({
    stack: 'dbcore',
    name: 'announceWrites',
    create: (down) => ({
      ...down,
      table: (name: string): DBCoreTable => {
        const t = down.table(name)
        return { ...t, mutate: (req: DBCoreMutateRequest) => { mark(req.trans, name, db.name); return t.mutate(req) } }
      },
    }),
  })
}

/** Calls back with the tables another tab changed in the named database. Returns the unsubscribe function. */
export function onOtherTabWrites(dbName: string, cb: (tables: string[]) => void): () => void {
  const ch = theChannel()
  if (!ch) return () => {}
  const listener = (e: MessageEvent<ChangeMessage>) => {
    if (e.data && e.data.db === dbName && Array.isArray(e.data.tables)) cb(e.data.tables)
  }
  ch.addEventListener('message', listener)
  return () => ch.removeEventListener('message', listener)
}
